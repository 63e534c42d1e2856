"""The six RIASEC interest types, said in plain words for people who read little.

Trades carry a RIASEC code (strongest interest first, REFERENCE.md); this is
the one place that says what each letter means to a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Interest:
    code: str
    name: Promise
    sentence: Promise
    pictogram: str


INTERESTS: tuple[Interest, ...] = (
    Interest("R", _("Hands and tools"), _("You like to make and repair things with your hands and tools."), "trade"),
    Interest(
        "A", _("Beauty and patterns"), _("You like to create beautiful things: shapes, colours, patterns."), "zellige"
    ),
    Interest("C", _("Care and precision"), _("You like careful, precise work, done step by step."), "check"),
    Interest("I", _("Understanding"), _("You like to understand how things work and to solve problems."), "search"),
    Interest("S", _("People"), _("You like to help, look after or teach people."), "people"),
    Interest(
        "E", _("Projects and selling"), _("You like to lead a project, sell, or start your own business."), "compass"
    ),
)


def trades_by_interest(trades) -> list[tuple[Interest, list]]:
    """Group trades under each interest in their code, strongest interest first."""
    groups = []
    for interest in INTERESTS:
        matching = [t for t in trades if interest.code in t.riasec_code]
        matching.sort(key=lambda t: (t.riasec_code.index(interest.code), t.position, t.slug))
        if matching:
            groups.append((interest, matching))
    return groups
