"""Asking for a heavy report export: the row and its task, written together (``export_services`` runs it).

Apart from ``export_services`` so that the task module (``reporting.tasks``),
which calls ``export_services``, is not imported back by it.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from reporting import queries
from reporting.export_services import query_key
from reporting.models import ExportStatus, ReportExport
from reporting.tasks import report_export_prepare


def report_export_request(*, user, query: queries.ReportQuery, format: str, language: str) -> tuple[ReportExport, bool]:
    """The export being prepared for this user, query, format and language: theirs already queued, or a new one
    handed to the task worker. True when new."""
    params = query.as_params()
    fields = {"requested_by": user, "query_key": query_key(params), "format": format, "language": language}
    waiting = ReportExport.objects.filter(**fields, status=ExportStatus.QUEUED).first()
    if waiting is not None:
        return waiting, False
    try:
        with transaction.atomic():
            now = timezone.now()
            export = ReportExport.objects.create(
                **fields, params=params, created_at=now, expires_at=now + ReportExport.LIFETIME
            )
            # The task row is written in this transaction: it exists only if the export does.
            report_export_prepare.enqueue(export.pk)
    except IntegrityError:  # the same request at the same instant (a double click): the other one won
        return ReportExport.objects.get(**fields, status=ExportStatus.QUEUED), False
    return export, True
