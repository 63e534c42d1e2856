"""What a staff report is asked for: the period, the scope and the breakdown, read from the URL and checked.

``report_query`` reads a query from the URL's parameters (every value checked:
a bad one is a ``ReportQueryError`` whose message is in the active language)
and checks it against the user's scope (``ReportRefused``):

- a national network administrator: the whole network, any region, desk,
  provider or trade; a regional one: their regions, and the desks and
  providers in them;
- a counsellor: their desk(s);
- provider staff: their provider(s), and then only the applications to
  their programmes and their outcomes (nothing of the desks' side).

``reporting/indicators.py`` counts what the query asks for.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Q,
)
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import selectors as roles
from catalog.models import Desk, Provider, Region, Trade

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


def period_bounds(params: Mapping[str, str], today: datetime.date) -> tuple[str, datetime.date, datetime.date]:
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
    period, first, last = period_bounds(params, today)
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
