"""What orientation keeps: only counts, never a person.

The questionnaire is anonymous (answers stay in the session). The staff
reports still count how often it is completed: one row per day, language
and region (of the town the person chose, when they chose one), with how many
completions it had. Nothing else is stored: no answer, no session, no time
of day.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalog.models import Region


class CompletionCount(models.Model):
    """How many anonymous questionnaires were completed on a day, in a language, for a region (or none told)."""

    day = models.DateField(_("day"))
    language = models.CharField(_("language"), max_length=10)
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("region")
    )
    count = models.PositiveIntegerField(_("completed"), default=0)

    class Meta:
        ordering = ["-day", "language"]
        verbose_name = _("questionnaires completed (count)")
        verbose_name_plural = _("questionnaires completed (counts)")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "language", "region"],
                condition=Q(region__isnull=False),
                name="completioncount_one_per_day_language_region",
            ),
            models.UniqueConstraint(
                fields=["day", "language"],
                condition=Q(region__isnull=True),
                name="completioncount_one_per_day_language_no_region",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.language} {self.region_id or '-'}: {self.count}"
