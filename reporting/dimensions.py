"""How a staff report's counts are broken down: sex, age band, nationality group, schooling, language, and
crossed with region, trade or month (``reporting/indicators.py`` counts with them).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    DateField,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower, Trim, TruncMonth
from django.db.models.lookups import In
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from catalog.models import Region, SchoolingLevel, Trade
from people.models import Sex
from reporting.models import NationalityGroup
from reporting.queries import ReportQuery

# Dimensions: how a count is broken down ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """Records counted in a table: a query set, the instant it counts at, where the person and the place are.

    ``person``: the path to the person's file ("" for a file, None for anonymous counts); ``region`` and
    ``trade``: paths to their ids (None: not known for these records); ``column``: which column a record falls in;
    ``count``: how a group is counted (rows, or a stored count)."""

    rows: QuerySet
    at: str
    person: str | None
    region: str | None
    trade: str | None
    column: object  # an expression, or a constant key
    count: object = None
    language: str | None = None  # the path to the language the person chose (default: their file's)


NOT_TOLD = "none"
OTHER = "other"


@dataclass(frozen=True)
class Dimension:
    key: str
    header: Callable[[], str]
    values: list[tuple[object, str]]  # (key, label)
    expression: Callable[[Part], object]  # None: the dimension does not apply to this part


def _person(part: Part, name: str) -> str | None:
    return None if part.person is None else f"{part.person}{name}"


def _sex(_query: ReportQuery) -> Dimension:
    def expression(part: Part):
        path = _person(part, "sex")
        if path is None:
            return Value(NOT_TOLD)
        return Coalesce(Case(When(**{path: ""}, then=Value(NOT_TOLD)), default=F(path)), Value(NOT_TOLD))

    values = [(value, str(label)) for value, label in Sex.choices] + [(NOT_TOLD, gettext("Not told"))]
    return Dimension("sex", lambda: gettext("Sex"), values, expression)


AGE_BANDS = (("u18", 18), ("18-24", 25), ("25-34", 35), ("35-44", 45))


def _age(query: ReportQuery) -> Dimension:
    year = query.last.year

    def expression(part: Part):
        path = _person(part, "birth_year")
        if path is None:
            return Value(NOT_TOLD)
        whens = [When(**{f"{path}__isnull": True}, then=Value(NOT_TOLD))]
        whens += [When(**{f"{path}__gt": year - below}, then=Value(key)) for key, below in AGE_BANDS]
        return Case(*whens, default=Value("45+"), output_field=CharField())

    values = [
        ("u18", gettext("Under 18")),
        ("18-24", gettext("18–24")),
        ("25-34", gettext("25–34")),
        ("35-44", gettext("35–44")),
        ("45+", gettext("45 and over")),
        (NOT_TOLD, gettext("Not told")),
    ]
    return Dimension("age", lambda: gettext("Age"), values, expression)


def _nationality(_query: ReportQuery) -> Dimension:
    groups = list(NationalityGroup.objects.all())

    def expression(part: Part):
        path = _person(part, "nationality")
        if path is None:
            return Value(NOT_TOLD)
        whens = [When(Q(**{f"{path}__isnull": True}) | Q(**{path: ""}), then=Value(NOT_TOLD))]
        for group in groups:
            spellings = group.spelling_list
            if spellings:
                # Lower-cased and trimmed, compared with the spellings as written (lower-cased in Python): one IN.
                whens.append(When(In(Lower(Trim(F(path))), spellings), then=Value(group.slug)))
        return Case(*whens, default=Value(OTHER), output_field=CharField())

    values = [(g.slug, g.name) for g in groups]
    values += [(OTHER, gettext("Another nationality")), (NOT_TOLD, gettext("Not told"))]
    return Dimension("nationality", lambda: gettext("Nationality"), values, expression)


def _schooling(_query: ReportQuery) -> Dimension:
    def expression(part: Part):
        path = _person(part, "schooling")
        if path is None:
            return Value(-1)
        return Coalesce(F(path), Value(-1), output_field=IntegerField())

    values = [(value, str(label)) for value, label in SchoolingLevel.choices] + [(-1, gettext("Not told"))]
    return Dimension("schooling", lambda: gettext("Schooling"), values, expression)


def _language(_query: ReportQuery) -> Dimension:
    def expression(part: Part):
        path = part.language or _person(part, "preferred_language")
        if path is None:
            return Value(NOT_TOLD)
        return Coalesce(Case(When(**{path: ""}, then=Value(NOT_TOLD)), default=F(path)), Value(NOT_TOLD))

    values = [(code, str(name)) for code, name in settings.LANGUAGES] + [(NOT_TOLD, gettext("Not told"))]
    return Dimension("language", lambda: gettext("Language"), values, expression)


def _region(query: ReportQuery) -> Dimension:
    regions = Region.objects.order_by("position", "slug")
    if query.scope == "region":
        regions = regions.filter(slug=query.scope_slug)
    elif query.scope == "desk":
        regions = regions.filter(cities__desks__slug=query.scope_slug)
    values = [(r.pk, r.name) for r in regions] + [(-1, gettext("Region not known"))]

    def expression(part: Part):
        return Value(-1) if part.region is None else Coalesce(F(part.region), Value(-1))

    return Dimension("region", lambda: gettext("Region"), values, expression)


def _trade(_query: ReportQuery) -> Dimension:
    values = [(t.pk, t.name) for t in Trade.objects.order_by("name")]

    def expression(part: Part):
        return None if part.trade is None else F(part.trade)

    return Dimension("trade", lambda: gettext("Trade"), values, expression)


def _months(query: ReportQuery) -> list[datetime.date]:
    months, day = [], query.first.replace(day=1)
    while day <= query.last:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


def _month(query: ReportQuery) -> Dimension:
    tz = timezone.get_current_timezone()
    values = [(m, date_format(m, "YEAR_MONTH_FORMAT")) for m in _months(query)]

    def expression(part: Part):
        model_field = part.rows.model._meta.get_field(part.at) if "__" not in part.at else None
        if isinstance(model_field, DateField) and model_field.get_internal_type() == "DateField":
            return TruncMonth(part.at)
        return TruncMonth(part.at, tzinfo=tz)

    return Dimension("month", lambda: gettext("Month"), values, expression)


DIMENSIONS = {
    "sex": _sex,
    "age": _age,
    "nationality": _nationality,
    "schooling": _schooling,
    "language": _language,
    "region": _region,
    "trade": _trade,
    "month": _month,
}


def month_key(value) -> object:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    return value


# Counting -----------------------------------------------------------------------------------------------------------
