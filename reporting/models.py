"""What the administrators define for the staff reports: the nationality groups, and the export permission.

A person's nationality is free text on their file (``people.Beneficiary``):
the reports group it as the administrators say, each group listing the
spellings it holds ("sénégalaise", "Senegal", "سنغالية"…), compared without
regard to case or surrounding spaces. A nationality told but in no group is
counted as "another nationality"; an empty one as "not told".
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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
        # The separate right to download the staff reports (XLSX, PDF): reporting.indicators.may_export.
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
