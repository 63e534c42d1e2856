"""Admission criteria in plain words, one sentence each, in the active language.

The criteria are data on the programme; this module only says them. Orientation
builds its met / not met / unknown verdicts on the same fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from babel.lists import format_list
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from catalog.models import Admission, Programme, ResidenceRequirement, SchoolingLevel

# The name of each admission criterion, by key: the programme page, the
# orientation verdicts and what provider staff read of an application all say it
# with these words.
CRITERION_LABELS = {
    "age": gettext_lazy("Age"),
    "schooling": gettext_lazy("School level"),
    "residence": gettext_lazy("Residence"),
    "languages": gettext_lazy("Languages"),
    "documents": gettext_lazy("Documents to bring"),
    "session": gettext_lazy("Session"),
    "admission": gettext_lazy("How people are chosen"),
}


def criterion_label(key: str) -> str:
    """The criterion's name in the active language (the key itself for one unknown here)."""
    return str(CRITERION_LABELS.get(key, key))


@dataclass(frozen=True)
class CriterionText:
    key: str
    label: str
    text: str


def _age_text(min_age: int | None, max_age: int | None) -> str | None:
    if min_age is not None and max_age is not None:
        return _("From %(min)d to %(max)d years old.") % {"min": min_age, "max": max_age}
    if min_age is not None:
        return ngettext("At least %(min)d year old.", "At least %(min)d years old.", min_age) % {"min": min_age}
    if max_age is not None:
        return ngettext("At most %(max)d year old.", "At most %(max)d years old.", max_age) % {"max": max_age}
    return None


def admission_criteria(programme: Programme) -> list[CriterionText]:
    """What a person needs to enter the programme, as short sentences.

    Expects ``required_languages`` and ``required_documents`` prefetched.
    """
    lines = []
    age = _age_text(programme.min_age, programme.max_age)
    lines.append(CriterionText("age", criterion_label("age"), age or _("No age limit.")))
    if programme.min_schooling > SchoolingLevel.NONE:
        level = SchoolingLevel(programme.min_schooling).label
        lines.append(
            CriterionText("schooling", criterion_label("schooling"), _("At least: %(level)s.") % {"level": level})
        )
    else:
        lines.append(CriterionText("schooling", criterion_label("schooling"), _("No school level required.")))
    residence = {
        ResidenceRequirement.NONE: _("No residence document is asked."),
        ResidenceRequirement.ANY_LEGAL_STAY: _("You need a valid passport or another proof of legal stay."),
        ResidenceRequirement.RESIDENCE_CARD: _("You need a valid residence card."),
    }[ResidenceRequirement(programme.residence)]
    lines.append(CriterionText("residence", criterion_label("residence"), residence))
    languages = [lang.name for lang in programme.required_languages.all()]
    if languages:
        text = _("You need to speak: %(languages)s.") % {"languages": ", ".join(languages)}
        lines.append(CriterionText("languages", criterion_label("languages"), text))
    admission = {
        Admission.OPEN: _("Open entry: places go to the first who apply."),
        Admission.INTERVIEW: _("You will have an interview with the training team."),
        Admission.ORIENTATION: _("A counsellor checks with you that the training fits."),
        Admission.EXAM: _("You will take an entrance exam."),
    }[Admission(programme.admission)]
    lines.append(CriterionText("admission", criterion_label("admission"), admission))
    return lines


def names_list(names: Iterable[object]) -> str:
    """Names joined as the active language does: "A, B et C", "A, B and C", "A وB وC"."""
    return format_list([str(name) for name in names], locale=(get_language() or "fr").replace("-", "_"))


def duration_text(weeks: int) -> str:
    """Say a duration the way people count it: years, months or weeks."""
    if weeks % 52 == 0:
        years = weeks // 52
        return ngettext("%(n)d year", "%(n)d years", years) % {"n": years}
    if weeks >= 8:
        months = round(weeks * 12 / 52)
        return ngettext("%(n)d month", "%(n)d months", months) % {"n": months}
    return ngettext("%(n)d week", "%(n)d weeks", weeks) % {"n": weeks}


__all__ = ["CriterionText", "admission_criteria", "duration_text", "names_list"]
