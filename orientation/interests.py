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


@dataclass(frozen=True)
class Activity:
    """One item of our own short interest inventory, shown with a pictogram.

    ``weights`` spread the item over the RIASEC types (our own judgement, not a
    published inventory's key); ``trades`` are the trades where this activity
    is daily work, so a liked activity can be given as a reason in plain words.
    """

    slug: str
    label: Promise
    reason: Promise
    pictogram: str
    weights: dict[str, int]
    trades: tuple[str, ...] = ()


ACTIVITIES: tuple[Activity, ...] = (
    Activity(
        "shape-wood",
        _("Shape wood with tools"),
        _("You like working with wood."),
        "joinery",
        {"R": 2, "C": 1},
        ("joinery", "wood-carving"),
    ),
    Activity(
        "carve",
        _("Carve a design in wood"),
        _("You like carving designs."),
        "wood-carving",
        {"A": 2, "R": 1},
        ("wood-carving",),
    ),
    Activity("sew", _("Sew clothes"), _("You like sewing."), "tailoring", {"R": 1, "A": 1}, ("tailoring",)),
    Activity(
        "forge",
        _("Work metal with fire"),
        _("You like working metal."),
        "art-metalwork",
        {"R": 2},
        ("art-metalwork",),
    ),
    Activity(
        "draw",
        _("Draw patterns"),
        _("You like drawing patterns."),
        "pencil",
        {"A": 2},
        ("zellige", "wood-carving", "jewellery", "plaster"),
    ),
    Activity(
        "tiles",
        _("Fit small tiles into a pattern"),
        _("You like fitting pieces into a pattern."),
        "zellige",
        {"R": 1, "A": 1, "C": 1},
        ("zellige",),
    ),
    Activity(
        "fine-objects",
        _("Make small, fine objects"),
        _("You like making small, fine objects."),
        "jewellery",
        {"R": 1, "A": 1, "C": 1},
        ("jewellery",),
    ),
    Activity(
        "walls",
        _("Decorate walls and ceilings"),
        _("You like decorating walls."),
        "plaster",
        {"R": 1, "A": 1},
        ("plaster",),
    ),
    Activity("stone", _("Cut and shape stone"), _("You like working stone."), "cut-stone", {"R": 2}, ("cut-stone",)),
    Activity(
        "grow", _("Grow plants"), _("You like growing plants."), "agriculture", {"R": 2, "C": 1}, ("agriculture",)
    ),
    Activity("bake", _("Cook and bake"), _("You like cooking and baking."), "cooking", {"R": 1, "C": 1}, ("pastry",)),
    Activity(
        "repair",
        _("Repair things at home"),
        _("You like repairing things."),
        "trade",
        {"R": 2, "I": 1},
        ("electrical-installation",),
    ),
    Activity(
        "how-it-works",
        _("Find out how a machine works"),
        _("You like understanding how things work."),
        "electrical-installation",
        {"I": 2, "R": 1},
        ("electrical-installation",),
    ),
    Activity(
        "measure",
        _("Measure and count carefully"),
        _("You like careful, precise work."),
        "check",
        {"C": 2},
    ),
    Activity(
        "customers",
        _("Welcome and serve customers"),
        _("You like working with customers."),
        "hairdressing",
        {"S": 2, "E": 1},
        ("hairdressing",),
    ),
    Activity("help", _("Help or teach people"), _("You like helping people."), "people", {"S": 2}),
    Activity("sell", _("Sell what you make"), _("You like selling."), "compass", {"E": 2}),
)
