"""The staff reports: what a desk, a region, a provider or the whole network did over a period, suppressed.

``report_query`` reads a query from the URL's parameters (every value checked:
a bad one is a ``ReportQueryError`` whose message is in the active language)
and checks it against the user's scope (``ReportRefused``):

- a national network administrator: the whole network, any region, desk,
  provider or trade; a regional one: their regions, and the desks and
  providers in them;
- a counsellor: their desk(s);
- provider staff: their provider(s), and then only the applications to
  their programmes and their outcomes (nothing of the desks' side).

``report_build`` counts with the database (one grouped query per table) and
suppresses every table (``reporting/suppression.py``) before returning: the
page, the XLSX and the PDF lay out the same ``Report``
(``reporting/report.py``). Counts are of records as they are today: an
erased file's appointments, tickets and applications stay as anonymous counts
("not told" in every breakdown).

Where each count sits:

- the desks' side (network, region, desk scopes): files opened (new) and
  people seen again (returning), contacts by channel, questionnaires
  completed (anonymous counts kept by ``orientation.CompletionCount``, saved
  online by the person, at the desk), appointments, walk-in tickets and their
  waiting times; placed by the desk's region;
- the applications' side (every scope): applications by state, acceptance,
  times to apply and to a decision, enrolments, completions, certificates and
  drop-outs with their reasons; placed by the training's region (desk scope:
  the applications of the desk's people).
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower, Trim, TruncMonth
from django.db.models.lookups import In
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext_lazy as _

from accounts import selectors as roles
from applications.machine import DROP_OUT_REASONS
from applications.models import Application, ApplicationEvent, Reason, State
from appointments.models import Appointment, AppointmentStatus, Ticket, TicketStatus
from catalog.models import Desk, Provider, Region, SchoolingLevel, Trade
from orientation.models import CompletionCount
from people.models import Beneficiary, OrientationResult, OrientationSource, Sex
from reporting.models import NationalityGroup
from reporting.report import CountTable, Duration, FunnelStep, Rate, Report
from reporting.suppression import Cell, Hidden, suppress

FIRST_YEAR, LAST_YEAR = 2000, 2100
LONGEST_DAYS = 3 * 366 + 1  # three years at most in one report
HEAVY_DAYS = 365  # a year or more of the whole network is prepared as a task (the exports)
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")

PERIOD_KINDS = ("month", "quarter", "year", "dates")
SCOPE_KINDS = ("network", "region", "desk", "provider", "trade")
BREAKDOWNS = ("", "sex", "age", "nationality", "schooling", "language")
CROSSINGS = ("", "region", "trade", "month")
# Scopes that only see applications and their outcomes: a provider's or a trade's trainings.
APPLICATION_SCOPES = ("provider", "trade")


class ReportQueryError(ValueError):
    """A parameter that is not understood: ``str(exc)`` says which, in the active language (the page's 400)."""


class ReportRefused(PermissionError):
    """The user may not read that scope (the page's 403)."""


# The query ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportQuery:
    """A period, a scope, and how to break the counts down: everything a report depends on."""

    period: str  # "month" | "quarter" | "year" | "dates"
    first: datetime.date  # first day of the period
    last: datetime.date  # last day, included
    scope: str  # "network" | "region" | "desk" | "provider" | "trade"
    scope_slug: str = ""  # the region's, desk's, provider's or trade's slug ("" for the network)
    breakdown: str = ""  # "" | "sex" | "age" | "nationality" | "schooling" | "language"
    crossing: str = ""  # "" | "region" | "trade" | "month"

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def is_heavy(self) -> bool:
        """A year or more of the whole network (or of a trade across it): the exports prepare it as a task."""
        return self.scope in ("network", "trade") and self.days >= HEAVY_DAYS

    @property
    def applications_only(self) -> bool:
        """A provider's or a trade's report holds applications and their outcomes only."""
        return self.scope in APPLICATION_SCOPES

    @property
    def scope_param(self) -> str:
        return self.scope if self.scope == "network" else f"{self.scope}:{self.scope_slug}"

    def as_params(self) -> dict[str, str]:
        """The URL parameters ``report_query`` reads back to this query (empty ones left out)."""
        params = {"period": self.period}
        if self.period == "month":
            params["month"] = f"{self.first:%Y-%m}"
        elif self.period == "quarter":
            params["quarter"] = f"{self.first.year}-Q{(self.first.month - 1) // 3 + 1}"
        elif self.period == "year":
            params["year"] = str(self.first.year)
        else:
            params["from"], params["to"] = self.first.isoformat(), self.last.isoformat()
        params["scope"] = self.scope_param
        if self.breakdown:
            params["breakdown"] = self.breakdown
        if self.crossing:
            params["crossing"] = self.crossing
        return params


def _clean(params: Mapping[str, str], name: str, longest: int = 120) -> str:
    value = params.get(name, "")
    if not isinstance(value, str):
        value = str(value)
    if "\x00" in value or len(value) > longest:
        raise ReportQueryError(gettext("The value of “%(name)s” is not understood.") % {"name": name})
    return value.strip()


def _year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text) or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise ReportQueryError(
            gettext("A year is written with four digits, between %(first)d and %(last)d.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return int(text)


def _month_end(first: datetime.date) -> datetime.date:
    return (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)


def _period(params: Mapping[str, str], today: datetime.date) -> tuple[str, datetime.date, datetime.date]:
    kind = _clean(params, "period") or "month"
    if kind not in PERIOD_KINDS:
        raise ReportQueryError(gettext("The period is a month, a quarter, a year or two dates."))
    if kind == "month":
        text = _clean(params, "month") or f"{today:%Y-%m}"
        match = re.fullmatch(r"(\d{4})-(\d{2})", text)
        if not match or not 1 <= int(match[2]) <= 12:
            raise ReportQueryError(gettext("A month is written YYYY-MM, for example 2026-11."))
        first = datetime.date(_year(match[1]), int(match[2]), 1)
        return kind, first, _month_end(first)
    if kind == "quarter":
        text = _clean(params, "quarter") or f"{today.year}-Q{(today.month - 1) // 3 + 1}"
        match = re.fullmatch(r"(\d{4})-[Qq]([1-4])", text)
        if not match:
            raise ReportQueryError(gettext("A quarter is written YYYY-Qn, for example 2026-Q4."))
        first = datetime.date(_year(match[1]), 3 * int(match[2]) - 2, 1)
        return kind, first, _month_end(first.replace(month=first.month + 2))
    if kind == "year":
        year = _year(_clean(params, "year") or str(today.year))
        return kind, datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    dates = []
    for name in ("from", "to"):
        text = _clean(params, name)
        try:
            day = datetime.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
        except ValueError:
            day = None
        if day is None:
            raise ReportQueryError(gettext("A date is written YYYY-MM-DD, for example 2026-11-15."))
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ReportQueryError(
                gettext("Dates are between %(first)d and %(last)d.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        dates.append(day)
    first, last = dates
    if last < first:
        raise ReportQueryError(gettext("The first date comes after the last."))
    if (last - first).days + 1 > LONGEST_DAYS:
        raise ReportQueryError(gettext("A report covers at most three years."))
    return kind, first, last


@dataclass(frozen=True)
class Scopes:
    """What a user may read: every scope, or these regions, desks and providers."""

    national: bool
    regions: tuple[Region, ...]
    desks: tuple[Desk, ...]
    providers: tuple[Provider, ...]

    @property
    def any(self) -> bool:
        return self.national or bool(self.regions or self.desks or self.providers)

    def allows(self, kind: str, slug: str) -> bool:
        if self.national:
            return True
        region_ids = {r.pk for r in self.regions}
        if kind == "region":
            return any(r.slug == slug for r in self.regions)
        if kind == "desk":
            return any(d.slug == slug for d in self.desks) or (
                bool(region_ids) and Desk.objects.filter(slug=slug, city__region__in=region_ids).exists()
            )
        if kind == "provider":
            return any(p.slug == slug for p in self.providers) or (
                bool(region_ids) and Provider.objects.filter(slug=slug, city__region__in=region_ids).exists()
            )
        return False  # the network and a trade across it: national administrators only

    def default(self) -> tuple[str, str]:
        if self.national:
            return "network", ""
        if self.regions:
            return "region", self.regions[0].slug
        if self.desks:
            return "desk", self.desks[0].slug
        return "provider", self.providers[0].slug


def scopes_of(user) -> Scopes:
    """The scopes a user may read reports of (nothing for a user with no staff role)."""
    national, regions = roles.admin_regions(user)
    return Scopes(
        national=national,
        regions=tuple(regions.order_by("position", "slug")),
        desks=tuple(roles.desks_of(user).order_by("name")),
        providers=tuple(roles.providers_of(user).order_by("name")),
    )


def scope_choices(user) -> list[tuple[str, str]]:
    """The scopes the page's form offers this user: (parameter, label), the widest first."""
    scopes = scopes_of(user)
    choices: list[tuple[str, str]] = []
    if scopes.national:
        choices.append(("network", gettext("Whole network")))
        regions = Region.objects.order_by("position", "slug")
        desks = Desk.objects.order_by("name")
        providers = Provider.objects.order_by("name")
    else:
        regions = list(scopes.regions)
        region_ids = [r.pk for r in regions]
        desks = Desk.objects.filter(Q(pk__in=[d.pk for d in scopes.desks]) | Q(city__region__in=region_ids))
        providers = Provider.objects.filter(Q(pk__in=[p.pk for p in scopes.providers]) | Q(city__region__in=region_ids))
        desks, providers = desks.order_by("name"), providers.order_by("name")
    choices += [(f"region:{r.slug}", gettext("Region: %(name)s") % {"name": r.name}) for r in regions]
    choices += [(f"desk:{d.slug}", gettext("Desk: %(name)s") % {"name": d.name}) for d in desks]
    choices += [(f"provider:{p.slug}", gettext("Provider: %(name)s") % {"name": p.name}) for p in providers]
    if scopes.national:
        choices += [
            (f"trade:{t.slug}", gettext("Trade: %(name)s") % {"name": t.name}) for t in Trade.objects.order_by("name")
        ]
    return choices


SCOPE_MODELS = {"region": Region, "desk": Desk, "provider": Provider, "trade": Trade}


def report_query(params: Mapping[str, str], *, user) -> ReportQuery:
    """The query the parameters ask for, checked (``ReportQueryError``) and within the user's scope
    (``ReportRefused``). Missing parameters take defaults: this month, the user's widest scope."""
    today = timezone.localdate()
    period, first, last = _period(params, today)
    breakdown = _clean(params, "breakdown")
    if breakdown not in BREAKDOWNS:
        raise ReportQueryError(gettext("This breakdown is not offered."))
    crossing = _clean(params, "crossing")
    if crossing not in CROSSINGS:
        raise ReportQueryError(gettext("This crossing is not offered."))
    scopes = scopes_of(user)
    if not scopes.any:
        raise ReportRefused(gettext("Reports are for the network’s administrators, counsellors and providers’ staff."))
    scope_text = _clean(params, "scope", longest=110)
    if not scope_text:
        kind, slug = scopes.default()
    else:
        kind, _sep, slug = scope_text.partition(":")
        if kind not in SCOPE_KINDS or (kind == "network") != (slug == "") or (slug and not SLUG.fullmatch(slug)):
            raise ReportQueryError(gettext("This scope is not understood."))
        if kind != "network" and not SCOPE_MODELS[kind].objects.filter(slug=slug).exists():
            raise ReportQueryError(gettext("No region, desk, provider or trade has this identifier."))
        if not scopes.allows(kind, slug):
            raise ReportRefused(gettext("You may not read the reports of this scope."))
    return ReportQuery(
        period=period, first=first, last=last, scope=kind, scope_slug=slug, breakdown=breakdown, crossing=crossing
    )


def may_export(user) -> bool:
    """The separate right to download reports (XLSX, PDF): the permission ``reporting.export_reports``, for a
    user who may read some report."""
    return bool(user.is_authenticated and user.is_active) and (
        user.has_perm("reporting.export_reports") and scopes_of(user).any
    )


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


def _month_key(value) -> object:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    return value


# Counting -----------------------------------------------------------------------------------------------------------


class Context:
    """One report's period and scope, as filters on each kind of record."""

    def __init__(self, query: ReportQuery) -> None:
        self.query = query
        tz = timezone.get_current_timezone()
        self.start = datetime.datetime.combine(query.first, datetime.time(), tzinfo=tz)
        self.end = datetime.datetime.combine(query.last + datetime.timedelta(days=1), datetime.time(), tzinfo=tz)
        self.threshold = settings.GUICHET_REPORT_THRESHOLD
        self.breakdown = DIMENSIONS[query.breakdown](query) if query.breakdown else None
        self.crossing = DIMENSIONS[query.crossing](query) if query.crossing else None
        self.scope_object = SCOPE_MODELS[query.scope].objects.get(slug=query.scope_slug) if query.scope_slug else None

    def during(self, at: str, *, dates: bool = False) -> Q:
        if dates:
            return Q(**{f"{at}__gte": self.query.first, f"{at}__lte": self.query.last})
        return Q(**{f"{at}__gte": self.start, f"{at}__lt": self.end})

    def desk_side(self, desk: str) -> Q:
        """Records of the desks in scope (``desk``: the path to the record's desk)."""
        if self.query.scope == "region":
            return Q(**{f"{desk}__city__region": self.scope_object})
        if self.query.scope == "desk":
            return Q(**{desk: self.scope_object})
        return Q()

    def applications_side(self, application: str) -> Q:
        """Applications in scope (``application``: the path to the application, "" for one)."""
        p = application
        if self.query.scope == "region":
            return Q(**{f"{p}programme__city__region": self.scope_object})
        if self.query.scope == "desk":
            return Q(**{f"{p}beneficiary__desk": self.scope_object})
        if self.query.scope == "provider":
            return Q(**{f"{p}programme__provider": self.scope_object})
        if self.query.scope == "trade":
            return Q(**{f"{p}programme__trade": self.scope_object})
        return Q()

    def grid(self, parts: Sequence[Part], rows: Dimension | None, columns: list[tuple[object, str]] | Dimension):
        """Counts of ``parts`` as a grid: rows by ``rows`` (one row when None), columns by the parts' ``column``
        or by a dimension; one grouped query per part."""
        row_keys = [key for key, _label in rows.values] if rows else [None]
        column_dimension = columns if isinstance(columns, Dimension) else None
        column_values = column_dimension.values if column_dimension else columns
        column_keys = [key for key, _label in column_values]
        counts = [[0] * len(column_keys) for _ in row_keys]
        row_index = {key: n for n, key in enumerate(row_keys)}
        column_index = {key: n for n, key in enumerate(column_keys)}
        for part in parts:
            row_expression = rows.expression(part) if rows else Value(0)
            column_expression = column_dimension.expression(part) if column_dimension else part.column
            if row_expression is None or column_expression is None:
                continue
            if not hasattr(column_expression, "resolve_expression"):
                column_expression = Value(column_expression)
            counted = (
                part.rows.annotate(_row=row_expression, _column=column_expression)
                .values("_row", "_column")
                .annotate(_n=part.count if part.count is not None else Count("pk"))
                .order_by()
            )
            for group in counted:
                row = row_index.get(group["_row"], 0 if rows is None else None)
                column = column_index.get(_month_key(group["_column"]))
                if row is not None and column is not None and group["_n"]:
                    counts[row][column] += group["_n"]
        return counts, [label for _key, label in rows.values] if rows else None, [label for _k, label in column_values]

    def tables(self, key: str, title: str, definition: str, parts: Sequence[Part], columns) -> list[CountTable]:
        """The table of ``parts`` by the breakdown (rows) and ``columns``; with a crossing, a second table of
        the breakdown by the crossing (the columns' sum)."""
        main, main_rows = self._table(key, title, definition, parts, columns)
        if self.crossing is None or not all(self.crossing.expression(p) is not None for p in parts):
            return [main]
        crossed, crossed_rows = self._table(
            f"{key}_by_{self.crossing.key}",
            gettext("%(title)s, by %(crossing)s") % {"title": title, "crossing": self.crossing.header().lower()},
            definition,
            parts,
            self.crossing,
        )
        if main_rows != crossed_rows:
            return [main, crossed]  # not the same records (some fell outside the crossing): no margin shared
        return list(_margins_shared(main, crossed))

    def _table(self, key, title, definition, parts, columns) -> tuple[CountTable, tuple[int, ...]]:
        """The suppressed table, and its rows' raw sums (for the checks between tables; never published)."""
        counts, row_labels, column_labels = self.grid(parts, self.breakdown, columns)
        if isinstance(columns, Dimension) and columns.key in ("trade", "region"):
            # Trades nobody applied to, and "region not known" when every record has one, take no column.
            keys = [key for key, _label in columns.values]
            kept = [
                j
                for j in range(len(column_labels))
                if any(row[j] for row in counts) or (columns.key == "region" and keys[j] != -1)
            ] or [0]
            counts = [[row[j] for j in kept] for row in counts]
            column_labels = [column_labels[j] for j in kept]
        return CountTable(
            key=key,
            title=title,
            definition=definition,
            row_header=self.breakdown.header() if self.breakdown else gettext("People"),
            rows=tuple(row_labels) if row_labels else (gettext("All"),),
            columns=tuple(column_labels),
            table=suppress(counts, threshold=self.threshold),
        ), tuple(sum(row) for row in counts)

    def single(self, value: int) -> Cell:
        """One count published alone: hidden when small."""
        return Cell(None, Hidden.SMALL) if 0 < value < self.threshold else Cell(value)


def _margins_shared(main: CountTable, crossed: CountTable) -> tuple[CountTable, CountTable]:
    """Two tables of the same rows (a measure, and the same measure crossed) publish the same row totals and
    grand total: one hidden in either is hidden in both, else the other table would give it away. Hiding more
    only widens what a reader cannot tell, so each table stays protected."""
    hidden_rows = [
        not a.shown or not b.shown for a, b in zip(main.table.row_totals, crossed.table.row_totals, strict=True)
    ]
    hidden_total = not main.table.total.shown or not crossed.table.total.shown

    def shared(t: CountTable) -> CountTable:
        grid = t.table
        rows = tuple(
            Cell(None, c.hidden or Hidden.COMPLEMENT) if hide else c
            for c, hide in zip(grid.row_totals, hidden_rows, strict=True)
        )
        total = Cell(None, grid.total.hidden or Hidden.COMPLEMENT) if hidden_total else grid.total
        return replace(t, table=replace(grid, row_totals=rows, total=total))

    return shared(main), shared(crossed)


# Durations: median and 90th percentile, by the database where it can ------------------------------------------------


class _Percentile(Func):
    """PostgreSQL's ``percentile_cont(f) WITHIN GROUP (ORDER BY expression)``."""

    template = "percentile_cont(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    contains_aggregate = True
    output_field = FloatField()


def _seconds(expression) -> object:
    if connection.vendor == "postgresql":
        return Func(expression, template="EXTRACT(EPOCH FROM %(expressions)s)", output_field=FloatField())
    return ExpressionWrapper(expression, output_field=DurationField())


def _quantile(values: list[float], fraction: float) -> float:
    """Linear interpolation between closest ranks, as ``percentile_cont``."""
    position = (len(values) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return values[low] + (values[high] - values[low]) * (position - low)


def _percentiles(rows: QuerySet, expression, *, unit_seconds: float) -> tuple[int, float | None, float | None]:
    """(how many measured, median, 90th percentile) of ``expression`` (a duration) over ``rows``, in the unit."""
    if connection.vendor == "postgresql":
        seconds = _seconds(expression)
        result = rows.aggregate(
            n=Count("pk"),
            median=_Percentile(seconds, fraction=0.5),
            p90=_Percentile(seconds, fraction=0.9),
        )
        n = result["n"]
        if not n:
            return 0, None, None
        return n, result["median"] / unit_seconds, result["p90"] / unit_seconds
    values = sorted(
        value.total_seconds() for value in rows.annotate(_d=_seconds(expression)).values_list("_d", flat=True)
    )
    if not values:
        return 0, None, None
    return len(values), _quantile(values, 0.5) / unit_seconds, _quantile(values, 0.9) / unit_seconds


DAY, MINUTE = 86400.0, 60.0


def _duration(ctx: Context, key: str, label: str, definition: str, rows, expression, *, unit: str) -> Duration:
    n, median, p90 = _percentiles(rows, expression, unit_seconds=DAY if unit == "days" else MINUTE)
    measured = ctx.single(n)
    if not measured.shown or not n:
        median = p90 = None
    return Duration(
        key=key,
        label=label,
        definition=definition,
        measured=measured,
        median=None if median is None else round(median, 1),
        p90=None if p90 is None else round(p90, 1),
        unit=unit,
    )


# The report ---------------------------------------------------------------------------------------------------------

DECISIONS = (State.ACCEPTED, State.WAIT_LISTED, State.REFUSED)


def _desk_side(ctx: Context) -> tuple[list[CountTable], list[Duration]]:
    tables: list[CountTable] = []
    in_desks = ctx.desk_side("desk")
    # Seen again in the period: the files of appointments kept and walk-ins served then (sets the database hashes).
    seen = Appointment.objects.filter(
        status=AppointmentStatus.SEEN, starts_at__gte=ctx.start, starts_at__lt=ctx.end, beneficiary__isnull=False
    ).values("beneficiary_id")
    served = Ticket.objects.filter(
        status=TicketStatus.DONE, day__gte=ctx.query.first, day__lte=ctx.query.last, beneficiary__isnull=False
    ).values("beneficiary_id")
    received = Beneficiary.objects.filter(in_desks).filter(
        ctx.during("created_at") | (Q(created_at__lt=ctx.start) & (Q(pk__in=seen) | Q(pk__in=served)))
    )
    region = "desk__city__region_id"
    tables += ctx.tables(
        "received",
        gettext("People received"),
        gettext(
            "New: files opened in the period. Returning: files opened before, whose person was seen in the period "
            "(an appointment kept or a walk-in served)."
        ),
        [
            Part(
                received,
                "created_at",
                "",
                region,
                None,
                Case(When(created_at__gte=ctx.start, then=Value("new")), default=Value("returning")),
            )
        ],
        [("new", gettext("New files")), ("returning", gettext("Returning"))],
    )
    tickets = Ticket.objects.filter(ctx.desk_side("desk"), ctx.during("day", dates=True))
    appointments_seen = Appointment.objects.filter(
        ctx.desk_side("desk"), ctx.during("starts_at"), status=AppointmentStatus.SEEN
    )
    online = Application.objects.filter(ctx.desk_side("beneficiary__desk"), ctx.during("created_at"), channel="online")
    tables += ctx.tables(
        "channels",
        gettext("Contacts by channel"),
        gettext(
            "Walk-in: tickets taken in the queue. Appointment: appointments kept. Online: applications the person "
            "made themselves on the site."
        ),
        [
            Part(tickets, "day", "beneficiary__", region, None, "walk_in", language="language"),
            Part(appointments_seen, "starts_at", "beneficiary__", region, None, "appointment"),
            Part(online, "created_at", "beneficiary__", "beneficiary__desk__city__region_id", None, "online"),
        ],
        [("walk_in", gettext("Walk-in")), ("appointment", gettext("Appointment")), ("online", gettext("Online"))],
    )
    anonymous = CompletionCount.objects.filter(ctx.during("day", dates=True))
    if ctx.query.scope == "region":
        anonymous = anonymous.filter(region=ctx.scope_object)
    elif ctx.query.scope == "desk":
        anonymous = anonymous.none()  # anonymous answers belong to no desk
    results = OrientationResult.objects.filter(ctx.desk_side("beneficiary__desk"), ctx.during("created_at"))
    tables += ctx.tables(
        "questionnaires",
        gettext("Questionnaires completed"),
        gettext(
            "Anonymous: the orientation questionnaire completed on the site without a file (counted per day, "
            "language and region, nothing else kept; not counted for a desk). Saved online: kept by the person in "
            "their file. At the desk: saved by a counsellor."
        ),
        [
            Part(anonymous, "day", None, "region_id", None, "anonymous", count=Sum("count"), language="language"),
            Part(
                results,
                "created_at",
                "beneficiary__",
                "beneficiary__desk__city__region_id",
                None,
                Case(When(source=OrientationSource.DESK, then=Value("desk")), default=Value("online")),
            ),
        ],
        [("anonymous", gettext("Anonymous")), ("online", gettext("Saved online")), ("desk", gettext("At the desk"))],
    )
    booked = Appointment.objects.filter(ctx.desk_side("desk"), ctx.during("created_at"))
    held = Appointment.objects.filter(
        ctx.desk_side("desk"), ctx.during("starts_at"), status__in=(AppointmentStatus.SEEN, AppointmentStatus.NO_SHOW)
    )
    tables += ctx.tables(
        "appointments",
        gettext("Appointments"),
        gettext(
            "Booked: appointments made in the period (for any date). Seen and did not come: appointments of the "
            "period with that outcome."
        ),
        [
            Part(booked, "created_at", "beneficiary__", region, None, "booked"),
            Part(held, "starts_at", "beneficiary__", region, None, F("status")),
        ],
        [
            ("booked", gettext("Booked")),
            (AppointmentStatus.SEEN.value, gettext("Seen")),
            (AppointmentStatus.NO_SHOW.value, gettext("Did not come")),
        ],
    )
    tables += ctx.tables(
        "tickets",
        gettext("Walk-in tickets"),
        gettext("Tickets taken in the period, by how they ended (or still in the queue)."),
        [
            Part(
                tickets,
                "day",
                "beneficiary__",
                region,
                None,
                Case(
                    When(status=TicketStatus.DONE, then=Value("served")),
                    When(status=TicketStatus.LEFT, then=Value("left")),
                    default=Value("open"),
                ),
                language="language",
            )
        ],
        [
            ("served", pgettext("walk-in queue", "Served")),
            ("left", gettext("Left the queue")),
            ("open", gettext("Still open")),
        ],
    )
    durations = [
        _duration(
            ctx,
            "waiting",
            gettext("Waiting time of walk-ins"),
            gettext("From taking the ticket to the first call to a counter, in minutes, for tickets called."),
            tickets.filter(called_at__isnull=False),
            F("called_at") - F("created_at"),
            unit="minutes",
        )
    ]
    return tables, durations


def _applications_side(ctx: Context) -> tuple[list[CountTable], list[Duration], list[Rate]]:
    tables: list[CountTable] = []
    in_scope = ctx.applications_side("")
    made = Application.objects.filter(in_scope, ctx.during("created_at"))
    region, trade = "programme__city__region_id", "programme__trade_id"
    tables += ctx.tables(
        "applications",
        gettext("Applications by state"),
        gettext("Applications made in the period, by their state today."),
        [Part(made, "created_at", "beneficiary__", region, trade, F("state"))],
        [(value, str(label)) for value, label in State.choices],
    )
    events = ApplicationEvent.objects.filter(ctx.applications_side("application__"), ctx.during("at"))
    outcomes = events.filter(to_state__in=(State.ENROLLED, State.COMPLETED, State.DROPPED_OUT))
    person, e_region, e_trade = "application__beneficiary__", f"application__{region}", f"application__{trade}"
    tables += ctx.tables(
        "outcomes",
        gettext("Enrolments and outcomes"),
        gettext(
            "Moves recorded in the period: people enrolled, trainings completed (with or without the certificate), "
            "drop-outs."
        ),
        [
            Part(
                outcomes,
                "at",
                person,
                e_region,
                e_trade,
                Case(
                    When(to_state=State.COMPLETED, reason=Reason.CERTIFIED, then=Value("certified")),
                    default=F("to_state"),
                    output_field=CharField(),
                ),
            )
        ],
        [
            (State.ENROLLED.value, gettext("Enrolled")),
            (State.COMPLETED.value, gettext("Completed without the certificate")),
            ("certified", gettext("Completed with the certificate")),
            (State.DROPPED_OUT.value, gettext("Dropped out")),
        ],
    )
    drop_outs = events.filter(to_state=State.DROPPED_OUT)
    tables += ctx.tables(
        "drop_outs",
        gettext("Drop-outs by reason"),
        gettext("People who left a training in the period, by the reason recorded."),
        [
            Part(
                drop_outs,
                "at",
                person,
                e_region,
                e_trade,
                Case(When(reason="", then=Value(Reason.OTHER.value)), default=F("reason")),
            )
        ],
        [(reason.value, str(reason.label)) for reason in DROP_OUT_REASONS],
    )
    # Acceptance: of the applications with a first decision in the period, how many were accepted.
    first_decision = ApplicationEvent.objects.filter(
        application=OuterRef("application"), to_state__in=DECISIONS, at__lt=OuterRef("at")
    )
    decisions = ApplicationEvent.objects.filter(
        ctx.applications_side("application__"), ctx.during("at"), to_state__in=DECISIONS
    ).exclude(Exists(first_decision))
    counted = decisions.aggregate(
        accepted=Count("pk", filter=Q(to_state=State.ACCEPTED)),
        other=Count("pk", filter=~Q(to_state=State.ACCEPTED)),
    )
    table = suppress([[counted["accepted"], counted["other"]]], threshold=ctx.threshold)
    accepted, decided = table.cells[0][0], table.row_totals[0]
    rates = [
        Rate(
            key="acceptance",
            label=gettext("Acceptance rate"),
            definition=gettext(
                "Of the applications with a first decision in the period (accepted, wait-listed or not accepted), "
                "the share accepted at once."
            ),
            numerator=accepted,
            denominator=decided,
            value=round(100 * accepted.value / decided.value, 1)
            if accepted.shown and decided.shown and decided.value
            else None,
        )
    ]
    durations = [
        _duration(
            ctx,
            "first_visit_to_application",
            gettext("From first visit to application"),
            gettext("Days from the opening of the file to the application, for applications made in the period."),
            made.filter(beneficiary__isnull=False),
            F("created_at") - F("beneficiary__created_at"),
            unit="days",
        ),
        _duration(
            ctx,
            "application_to_decision",
            gettext("From application to decision"),
            gettext("Days from the application to its first decision, for first decisions made in the period."),
            decisions,
            F("at") - F("application__created_at"),
            unit="days",
        ),
    ]
    return tables, durations, rates


def _funnel(ctx: Context, *, first_hidden: bool = False) -> list[FunnelStep]:
    """From first visit to completion, for the files opened in the period (desks' scopes), or from application
    to completion, for the applications made in the period (a provider's, a trade's)."""
    if ctx.query.applications_only:
        made = Application.objects.filter(ctx.applications_side(""), ctx.during("created_at"))
        # The applications made in the period that moved on to each step since: one grouped join over their log.
        counts = ApplicationEvent.objects.filter(
            application__in=made, to_state__in=(State.ACCEPTED, State.ENROLLED, State.COMPLETED)
        ).aggregate(
            **{
                state: Count("application_id", distinct=True, filter=Q(to_state=state))
                for state in ("accepted", "enrolled", "completed")
            }
        )
        counts["applied"] = made.count()
        steps = [
            ("applied", gettext("Applications made")),
            ("accepted", gettext("Accepted")),
            ("enrolled", gettext("Enrolled")),
            ("completed", gettext("Completed")),
        ]
    else:
        files = Beneficiary.objects.filter(ctx.desk_side("desk"), ctx.during("created_at"))
        # Each step counts distinct files among those opened in the period: grouped joins, not a lookup per file.
        reached = ApplicationEvent.objects.filter(
            ctx.desk_side("application__beneficiary__desk"),
            application__beneficiary__created_at__gte=ctx.start,
            application__beneficiary__created_at__lt=ctx.end,
            to_state__in=(State.ACCEPTED, State.ENROLLED, State.COMPLETED),
        ).aggregate(
            **{
                state: Count("application__beneficiary_id", distinct=True, filter=Q(to_state=state))
                for state in ("accepted", "enrolled", "completed")
            }
        )
        counts = {
            "visited": files.count(),
            "oriented": OrientationResult.objects.filter(
                ctx.desk_side("beneficiary__desk"),
                beneficiary__created_at__gte=ctx.start,
                beneficiary__created_at__lt=ctx.end,
            ).aggregate(n=Count("beneficiary_id", distinct=True))["n"],
            "applied": Application.objects.filter(
                ctx.desk_side("beneficiary__desk"),
                beneficiary__created_at__gte=ctx.start,
                beneficiary__created_at__lt=ctx.end,
            ).aggregate(n=Count("beneficiary_id", distinct=True))["n"],
            **reached,
        }
        steps = [
            ("visited", gettext("First visit (file opened)")),
            ("oriented", gettext("Questionnaire saved")),
            ("applied", gettext("Applied")),
            ("accepted", gettext("Accepted")),
            ("enrolled", gettext("Enrolled")),
            ("completed", gettext("Completed")),
        ]
    return _funnel_suppressed(ctx, [(label, counts[key]) for key, label in steps], first_hidden=first_hidden)


def _funnel_suppressed(ctx: Context, steps: list[tuple[str, int]], *, first_hidden: bool) -> list[FunnelStep]:
    """A step under the threshold is hidden; so is one whose gap from the last shown step is small (those who
    stopped there would be a small count worked out by subtraction). ``first_hidden``: the first step's count
    is a total a table hid (as a complement): hidden here too."""
    shown_before: int | None = None
    funnel = []
    for n, (label, value) in enumerate(steps):
        cell = ctx.single(value)
        if n == 0 and first_hidden and cell.shown:
            cell = Cell(None, Hidden.COMPLEMENT)
        if cell.shown and shown_before is not None and 0 < shown_before - value < ctx.threshold:
            cell = Cell(None, Hidden.COMPLEMENT)
        if cell.shown:
            shown_before = value
        funnel.append(FunnelStep(label=label, count=cell))
    return funnel


def _first_step_hidden(query: ReportQuery, tables: list[CountTable]) -> bool:
    """The funnel's first step is a total of a table (files opened: the new files' column of the people received;
    applications made: the applications' grand total): hidden there, it is hidden in the funnel."""
    if query.applications_only:
        return not next(t for t in tables if t.key == "applications").table.total.shown
    received = next(t for t in tables if t.key == "received")
    return not received.table.column_totals[0].shown


def period_label(query: ReportQuery) -> str:
    if query.period == "month":
        return date_format(query.first, "YEAR_MONTH_FORMAT")
    if query.period == "quarter":
        quarter = (query.first.month - 1) // 3 + 1
        return gettext("Q%(quarter)d %(year)d") % {"quarter": quarter, "year": query.first.year}
    if query.period == "year":
        return str(query.first.year)
    return gettext("%(first)s to %(last)s") % {
        "first": date_format(query.first, "DATE_FORMAT"),
        "last": date_format(query.last, "DATE_FORMAT"),
    }


def scope_label(query: ReportQuery) -> str:
    if query.scope == "network":
        return gettext("Whole network")
    name = SCOPE_MODELS[query.scope].objects.get(slug=query.scope_slug).name
    labels = {
        "region": gettext("Region: %(name)s"),
        "desk": gettext("Desk: %(name)s"),
        "provider": gettext("Provider: %(name)s"),
        "trade": gettext("Trade: %(name)s"),
    }
    return labels[query.scope] % {"name": name}


def report_build(query: ReportQuery) -> Report:
    """The report of ``query``, labels in the active language, every count suppressed."""
    ctx = Context(query)
    tables: list[CountTable] = []
    durations: list[Duration] = []
    if not query.applications_only:
        desk_tables, desk_durations = _desk_side(ctx)
        tables += desk_tables
        durations += desk_durations
    application_tables, application_durations, rates = _applications_side(ctx)
    tables += application_tables
    durations += application_durations
    return Report(
        first=query.first,
        last=query.last,
        period_label=period_label(query),
        scope_label=scope_label(query),
        language=get_language() or settings.LANGUAGE_CODE,
        threshold=ctx.threshold,
        generated_at=timezone.now(),
        tables=tuple(tables),
        durations=tuple(durations),
        funnel=tuple(_funnel(ctx, first_hidden=_first_step_hidden(query, tables))),
        rates=tuple(rates),
    )


BREAKDOWN_LABELS = {
    "": _("None"),
    "sex": _("Sex"),
    "age": _("Age"),
    "nationality": _("Nationality"),
    "schooling": _("Schooling"),
    "language": _("Language"),
}
CROSSING_LABELS = {"": _("None"), "region": _("Region"), "trade": _("Trade"), "month": _("Month")}
# The page's form fields, in its order: what it shows back when a value was not understood.
FORM_FIELDS = ("period", "month", "quarter", "year", "from", "to", "scope", "breakdown", "crossing")


def threshold() -> int:
    return settings.GUICHET_REPORT_THRESHOLD


PERIOD_LABELS = {"month": _("Month"), "quarter": _("Quarter"), "year": _("Year"), "dates": _("Dates")}
