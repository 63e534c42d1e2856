"""What the administrators define for the staff reports: the nationality groups, and the export permission.

``ReportExport``: a heavy report export (a year of the whole network),
prepared by the task worker; who asked, for what, and where the file waits
a day (``reporting/export_services.py``).

A person's nationality is free text on their file (``people.Beneficiary``):
the reports group it as the administrators say, each group listing the
spellings it holds ("sénégalaise", "Senegal", "سنغالية"…), compared without
regard to case or surrounding spaces. A nationality told but in no group is
counted as "another nationality"; an empty one as "not told".
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import public_id_field


class NationalityGroup(models.Model):
    """A group of nationalities as the reports show them (West Africa, Central Africa, Middle East…)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    spellings = models.TextField(
        _("spellings"),
        help_text=_("The nationalities of this group as they are written on files, one per line, in any language."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("nationality group")
        verbose_name_plural = _("nationality groups")
        constraints = [models.CheckConstraint(condition=~Q(spellings=""), name="nationalitygroup_has_spellings")]
        # The separate right to download the staff reports (XLSX, PDF): reporting.queries.may_export.
        permissions = [("export_reports", _("Can export the staff reports"))]

    def __str__(self) -> str:
        return self.name

    @property
    def spelling_list(self) -> list[str]:
        """The spellings, trimmed and lower-cased, once each, in the order written."""
        seen: dict[str, None] = {}
        for line in self.spellings.splitlines():
            if line.strip():
                seen.setdefault(line.strip().lower(), None)
        return list(seen)


EXPORT_LIFETIME = datetime.timedelta(days=1)


def export_expiry() -> datetime.datetime:
    return timezone.now() + EXPORT_LIFETIME


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", "XLSX"
    PDF = "pdf", "PDF"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class ReportExport(models.Model):
    """A report file asked for by one staff member: theirs alone to download, deleted a day after it was asked.

    ``query_key`` is the query in one canonical string: a member asking again
    for the same file while the first is being prepared gets that one (the
    partial unique constraint below holds it, whatever the timing). The file
    lies under ``GUICHET_REPORT_EXPORTS_DIR``, outside what the web server serves.
    """

    public_id = public_id_field()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("asked by")
    )
    params = models.JSONField(_("query"), default=dict)
    query_key = models.CharField(_("query key"), max_length=500)
    format = models.CharField(_("format"), max_length=4, choices=ExportFormat.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=8, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), default=export_expiry, db_index=True)

    class Meta:
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        constraints = [
            models.CheckConstraint(condition=Q(format__in=ExportFormat.values), name="report_export_format_known"),
            models.CheckConstraint(condition=Q(status__in=ExportStatus.values), name="report_export_status_known"),
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("created_at")), name="report_export_expires"),
            models.CheckConstraint(
                condition=~Q(status=ExportStatus.READY) | ~Q(file_name=""), name="report_export_ready_has_file"
            ),
            models.UniqueConstraint(
                fields=["requested_by", "query_key", "format", "language"],
                condition=Q(status=ExportStatus.QUEUED),
                name="report_export_one_queued_per_query",
            ),
        ]

    LIFETIME = EXPORT_LIFETIME

    def __str__(self) -> str:
        return f"{self.format} {self.query_key} ({self.status})"

    def expired(self, now: datetime.datetime | None = None) -> bool:
        return self.expires_at <= (now or timezone.now())


class ReportSnapshot(models.Model):
    """A wide report (the network's, a region's, a trade's) as last computed: suppressed counts only, nothing
    about a person (``reporting/snapshots.py``). One per query and language; replaced when computed again."""

    key = models.CharField(_("key"), max_length=64, unique=True)  # sha256 of the query, language, threshold
    params = models.JSONField(_("query"))  # the ReportQuery's fields: what the worker computes again
    language = models.CharField(_("language"), max_length=10)
    report = models.JSONField(_("report"))  # reporting.snapshots.report_encode
    generated_at = models.DateTimeField(_("computed at"))
    # Set when a new computation is asked of the worker (a conditional UPDATE: asked once, whoever reads it).
    refresh_asked_at = models.DateTimeField(_("new computation asked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("precomputed report")
        verbose_name_plural = _("precomputed reports")
        indexes = [models.Index(fields=["generated_at"], name="report_snapshot_age")]

    def __str__(self) -> str:
        return f"{self.language} {self.params}"
