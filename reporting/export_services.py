"""Report downloads: a file at once for a light query, a task for a heavy one, kept a day for its asker alone.

A light query (a month, a desk…) is built and laid out while the request
waits. A heavy one (``ReportQuery.is_heavy``: a year or more of the whole
network) would hold a web worker too long: it becomes a ``ReportExport`` row
and a task (``reporting.tasks.report_export_prepare``) that the database
worker runs, writing the file under ``GUICHET_REPORT_EXPORTS_DIR`` (outside
anything the web server serves). Asking again for the same file while it is
being prepared finds the first request (a partial unique constraint holds it
on the database). Files and rows go a day after they were asked for
(``report_exports_purge``, nightly). The task builds the report again under
the asker's rights as they are when it runs: a scope or a permission taken
away in between is a failed export, not a file.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone, translation

from reporting import indicators, queries
from reporting.exports import report_pdf, report_xlsx
from reporting.models import ExportFormat, ExportStatus, ReportExport
from reporting.report import Report

logger = logging.getLogger(__name__)

CONTENT_TYPES = {
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.PDF: "application/pdf",
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def query_key(params: dict[str, str]) -> str:
    """The query as one canonical string: the same query always gives the same key."""
    return urlencode(sorted(params.items()))[:500]


def report_file(report: Report, format: str) -> bytes:
    return report_xlsx(report) if format == ExportFormat.XLSX else report_pdf(report)


def file_name(query: queries.ReportQuery, format: str) -> str:
    """``guichet-report-<scope>-<first>-<last>.<format>``: ASCII, what a download is saved as."""
    scope = _UNSAFE.sub("-", query.scope_param.replace(":", "-")).strip("-") or "report"
    return f"guichet-report-{scope}-{query.first:%Y%m%d}-{query.last:%Y%m%d}.{format}"


def exports_dir() -> Path:
    return Path(settings.GUICHET_REPORT_EXPORTS_DIR)


def export_path(export: ReportExport) -> Path | None:
    return exports_dir() / export.file_name if export.file_name else None


def _write(path: Path, data: bytes) -> None:
    """The whole file or none: written aside, then renamed into place; readable by this user only."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    aside = path.with_name(f".{path.name}.part")
    with open(os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
        out.write(data)
    os.replace(aside, path)


def report_export_run(export_id: int) -> str:
    """Prepare the file of a queued export (the task's work). Returns the export's status afterwards."""
    export = ReportExport.objects.select_related("requested_by").filter(pk=export_id).first()
    if export is None or export.status != ExportStatus.QUEUED:
        return export.status if export else "gone"
    user = export.requested_by
    try:
        with translation.override(export.language):
            if not user.is_active or not queries.may_export(user):
                raise queries.ReportRefused("The export permission was taken away.")
            query = queries.report_query(export.params, user=user)
            data = report_file(indicators.report_build(query), export.format)
        name = f"{export.public_id}.{export.format}"
        _write(exports_dir() / name, data)
    except (queries.ReportQueryError, queries.ReportRefused) as exc:
        logger.warning("Report export %s refused: %s", export.public_id, exc)
        ReportExport.objects.filter(pk=export.pk).update(status=ExportStatus.FAILED)
        return ExportStatus.FAILED
    except Exception:
        ReportExport.objects.filter(pk=export.pk).update(status=ExportStatus.FAILED)
        raise
    ReportExport.objects.filter(pk=export.pk).update(status=ExportStatus.READY, file_name=name)
    return ExportStatus.READY


def report_exports_purge(*, now=None) -> int:
    """Delete the exports past their day, files first, and stray files of the folder a day old. Returns how many
    exports went."""
    now = now or timezone.now()
    expired = list(ReportExport.objects.filter(expires_at__lte=now))
    for export in expired:
        path = export_path(export)
        if path is not None:
            path.unlink(missing_ok=True)
    ReportExport.objects.filter(pk__in=[e.pk for e in expired]).delete()
    # Files no row names (a run stopped halfway, a row deleted by hand), once they are a day old.
    folder = exports_dir()
    if folder.is_dir():
        kept = set(ReportExport.objects.exclude(file_name="").values_list("file_name", flat=True))
        old = (now - ReportExport.LIFETIME).timestamp()
        for path in folder.iterdir():
            if path.is_file() and path.name not in kept and path.stat().st_mtime < old:
                path.unlink(missing_ok=True)
    return len(expired)
