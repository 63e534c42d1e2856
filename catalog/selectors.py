"""Reads of the public catalogue, shared by the pages and the API.

The catalogue holds no personal data, so these selectors need no user; they
return only published programmes and fetch what their pages show in a fixed
number of queries, whatever the number of rows.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

from django.db.models import Case, Count, DateField, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from catalog.models import City, Desk, Language, Programme, Provider, Region, Session, Trade


@dataclass(frozen=True)
class ProgrammeFilters:
    """The filters of the programme list, as validated by ``ProgrammeFilterForm``."""

    trade: str = ""
    region: str = ""
    city: str = ""
    schedule: str = ""
    language: str = ""
    free: bool = False
    starts_within_weeks: int | None = None
    seats_left: bool = False


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def open_sessions(*, today: datetime.date | None = None) -> QuerySet[Session]:
    """Sessions a person can still apply to: not started, deadline not passed, seats left."""
    day = _today(today)
    return (
        Session.objects.upcoming(day)
        .filter(seats_taken__lt=F("capacity"))
        .filter(Q(application_deadline__isnull=True) | Q(application_deadline__gte=day))
    )


def next_session_start_subquery(day: datetime.date) -> Subquery:
    """The start of a programme's first session on or after ``day``, computed from its sessions."""
    upcoming = Session.objects.upcoming(day).filter(programme=OuterRef("pk")).order_by("start_date")
    return Subquery(upcoming.values("start_date")[:1])


# How long a worker trusts its answer on stored next starts. A session write
# stores a start that is not past, so only a new day can make one past: the
# answer holds for the day and the catalogue version, and the time limit bounds
# how long a worker that does not share the cache waits to see the daily refresh.
_NEXT_STARTS_CHECK_SECONDS = 300


def _next_starts_current(day: datetime.date) -> bool:
    """Whether no programme's stored next start is before ``day`` (one indexed query, cached)."""
    from django.core.cache import cache

    key = f"catalog:next-starts-current:{catalogue_version()}:{day.isoformat()}"
    current = cache.get(key)
    if current is None:
        current = not Programme.objects.filter(next_session_start__lt=day).exists()
        cache.set(key, current, _NEXT_STARTS_CHECK_SECONDS)
    return current


def _next_start(day: datetime.date) -> F | Case | Subquery:
    """The start of each programme's next session as of ``day``, as cheap as it can be right.

    The stored start (``Programme.next_session_start``) is the first one on or
    after the day it was written, so it is right as long as it is not past, and
    empty stays empty. When ``refresh_next_sessions`` has run today, nothing
    stored is past and the list reads the indexed column. Otherwise the past ones
    are computed from the sessions: the order is the same, only slower.
    """
    written_on_or_before = timezone.localdate()
    if day < written_on_or_before:  # a day gone by: what is stored may skip its sessions
        return next_session_start_subquery(day)
    if day == written_on_or_before and _next_starts_current(day):
        return F("next_session_start")
    return Case(
        When(next_session_start__gte=day, then=F("next_session_start")),
        When(next_session_start__isnull=True, then=Value(None, output_field=DateField())),
        default=next_session_start_subquery(day),
        output_field=DateField(),
    )


def _with_upcoming_sessions(
    qs: QuerySet[Programme], day: datetime.date, *, fields: tuple[str, ...] = ()
) -> QuerySet[Programme]:
    upcoming = Session.objects.upcoming(day).order_by("start_date", "id")
    if fields:
        upcoming = upcoming.only(*fields)
    return qs.prefetch_related(Prefetch("sessions", queryset=upcoming, to_attr="upcoming_sessions"))


# What a programme's card shows (``catalog/includes/_programme_card.html``), and no more: the
# descriptions, admission notes and certificates in three languages are most of a programme's row.
CARD_FIELDS = (
    "slug",
    "title",
    "cost_mad",
    "schedule",
    "duration_weeks",
    "trade__pictogram",
    "provider__name",
    "city__name",
)
CARD_SESSION_FIELDS = ("programme", "start_date", "capacity", "seats_taken")


def programme_cards(programmes: QuerySet[Programme], *, today: datetime.date | None = None) -> QuerySet[Programme]:
    """These programmes with only what their cards show, and their upcoming sessions, in three queries.

    For pages of cards (lists, search results): a card read this way costs a
    fraction of a whole programme. A template that shows more than the card
    would read each missing field with a query of its own, which the pages'
    query-count tests catch.
    """
    return _with_upcoming_sessions(
        programmes.select_related("trade", "provider", "city"), _today(today), fields=CARD_SESSION_FIELDS
    ).only(*CARD_FIELDS)


def _matching(filters: ProgrammeFilters | None, day: datetime.date) -> QuerySet[Programme]:
    """Published programmes matching the filters, soonest next session first; nothing read beside them."""
    filters = filters or ProgrammeFilters()
    qs = Programme.objects.published()
    if filters.trade:
        qs = qs.filter(trade__slug=filters.trade)
    if filters.region:
        qs = qs.filter(city__region__slug=filters.region)
    if filters.city:
        qs = qs.filter(city__slug=filters.city)
    if filters.schedule:
        qs = qs.filter(schedule=filters.schedule)
    if filters.language:
        # Exists, not a join: no duplicate rows, so no DISTINCT over the whole catalogue.
        taught = Programme.teaching_languages.through.objects.filter(
            programme=OuterRef("pk"), language__code=filters.language
        )
        qs = qs.filter(Exists(taught))
    if filters.free:
        qs = qs.filter(cost_mad=0)
    if filters.starts_within_weeks:
        horizon = day + datetime.timedelta(weeks=filters.starts_within_weeks)
        qs = qs.filter(Exists(Session.objects.upcoming(day).filter(programme=OuterRef("pk"), start_date__lte=horizon)))
    if filters.seats_left:
        qs = qs.filter(Exists(open_sessions(today=day).filter(programme=OuterRef("pk"))))
    return qs.order_by(_next_start(day).asc(nulls_last=True), "slug")


def programme_list(
    *, filters: ProgrammeFilters | None = None, today: datetime.date | None = None
) -> QuerySet[Programme]:
    """Published programmes matching the filters, soonest next session first, whole (the API)."""
    day = _today(today)
    qs = _matching(filters, day).select_related("trade", "provider", "city__region")
    return _with_upcoming_sessions(qs, day).prefetch_related("teaching_languages")


def programme_card_list(
    *, filters: ProgrammeFilters | None = None, today: datetime.date | None = None
) -> QuerySet[Programme]:
    """Published programmes matching the filters, soonest next session first, with what their cards show."""
    day = _today(today)
    return programme_cards(_matching(filters, day), today=day)


def programme_get(*, slug: str, today: datetime.date | None = None) -> Programme:
    """One published programme with everything its page shows, or 404."""
    qs = _with_upcoming_sessions(
        Programme.objects.published().select_related("trade", "provider", "city__region"), _today(today)
    ).prefetch_related("teaching_languages", "required_languages", "required_documents")
    try:
        return qs.get(slug=slug)
    except Programme.DoesNotExist as exc:
        raise Http404(slug) from exc


def _published_programme_count(field: str) -> Coalesce:
    """How many published programmes point to the outer row through ``field``.

    A count per row read from the programmes' index, rather than a join grouped
    over the whole catalogue: a dozen trades cost a dozen index lookups.
    """
    counted = (
        Programme.objects.published()
        .filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(count=Count("*"))
        .values("count")
    )
    return Coalesce(Subquery(counted), 0)


def trade_list() -> QuerySet[Trade]:
    """Trades with the number of published programmes that teach them."""
    return Trade.objects.annotate(programme_count=_published_programme_count("trade")).order_by("position", "slug")


def trade_get(*, slug: str) -> Trade:
    try:
        return Trade.objects.prefetch_related("skills").get(slug=slug)
    except Trade.DoesNotExist as exc:
        raise Http404(slug) from exc


def desk_list(*, region: str = "") -> QuerySet[Desk]:
    qs = Desk.objects.select_related("city__region", "host").prefetch_related("opening_hours")
    if region:
        qs = qs.filter(city__region__slug=region)
    return qs.order_by("city__region__position", "slug")


def desk_get(*, slug: str) -> Desk:
    try:
        return desk_list().get(slug=slug)
    except Desk.DoesNotExist as exc:
        raise Http404(slug) from exc


def provider_list() -> QuerySet[Provider]:
    return (
        Provider.objects.select_related("city__region")
        .annotate(programme_count=_published_programme_count("provider"))
        .order_by("city__region__position", "slug")
    )


def provider_get(*, slug: str) -> Provider:
    try:
        return provider_list().get(slug=slug)
    except Provider.DoesNotExist as exc:
        raise Http404(slug) from exc


def region_list() -> QuerySet[Region]:
    return Region.objects.order_by("position", "slug")


def region_get(*, slug: str) -> Region:
    try:
        return Region.objects.get(slug=slug)
    except Region.DoesNotExist as exc:
        raise Http404(slug) from exc


def region_programme_list(*, region: Region) -> QuerySet[Programme]:
    """Published programmes taught in the region, grouped by trade: the region's page links to each."""
    return (
        Programme.objects.published()
        .filter(city__region=region)
        .select_related("trade", "city")
        .order_by("trade__position", "trade__slug", "slug")
    )


def region_offline_paths(*, region: Region) -> list[str]:
    """The catalogue pages a person keeps to read a region offline, in the active language.

    The region's page (the way into the others once offline), every published
    programme taught in the region, the trades those programmes teach and the
    region's desks: public pages only, the same for every visitor.
    """
    programmes = list(
        Programme.objects.published().filter(city__region=region).order_by("slug").values_list("slug", "trade__slug")
    )
    trades = Trade.objects.filter(slug__in={trade for _slug, trade in programmes}).order_by("position", "slug")
    desks = Desk.objects.filter(city__region=region).order_by("slug")
    return [
        reverse("catalog:region_detail", kwargs={"slug": region.slug}),
        *(reverse("catalog:programme_detail", kwargs={"slug": slug}) for slug, _trade in programmes),
        *(reverse("catalog:trade_detail", kwargs={"slug": slug}) for slug in trades.values_list("slug", flat=True)),
        *(reverse("catalog:desk_detail", kwargs={"slug": slug}) for slug in desks.values_list("slug", flat=True)),
    ]


def city_list() -> QuerySet[City]:
    """Cities where something is offered, for the filters."""
    offered = Programme.objects.filter(city=OuterRef("pk"), is_published=True)
    return (
        City.objects.filter(Exists(offered) | Exists(Desk.objects.filter(city=OuterRef("pk"))))
        .select_related("region")
        .order_by("slug")
    )


def teaching_language_list() -> QuerySet[Language]:
    taught = Programme.teaching_languages.through.objects.filter(language=OuterRef("pk"))
    return Language.objects.filter(Exists(taught)).order_by("position", "code")


# Filter choices change only when the catalogue does; every change bumps the
# version (catalog/signals.py), and the time limit bounds staleness between
# workers that do not share a cache (no REDIS_URL).
FILTER_CHOICES_SECONDS = 300
CATALOGUE_VERSION_KEY = "catalog:version"


def catalogue_version() -> int:
    """The catalogue's version, kept in the shared cache and raised by every change.

    When it is missing (never set, evicted, the cache restarted) it starts again
    from the clock in nanoseconds, never from 1: pages kept under an earlier
    version may have outlived it, and must not match the new one.
    """
    from django.core.cache import cache

    return cache.get_or_set(CATALOGUE_VERSION_KEY, time.time_ns, timeout=None)


def catalogue_version_bump() -> None:
    from django.core.cache import cache

    try:
        cache.incr(CATALOGUE_VERSION_KEY)
    except ValueError:  # not set yet, or evicted: a fresh start (see catalogue_version)
        cache.set(CATALOGUE_VERSION_KEY, time.time_ns(), timeout=None)


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """Values the programme filters offer, in the active language, cached per catalogue version."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    key = f"catalog:filter-choices:{get_language()}:{catalogue_version()}"
    choices = cache.get(key)
    if choices is None:
        choices = {
            "trade": [(t.slug, t.name) for t in Trade.objects.order_by("position", "slug")],
            "region": [(r.slug, r.name) for r in region_list()],
            "city": [(c.slug, c.name) for c in city_list()],
            "language": [(lang.code, lang.name) for lang in teaching_language_list()],
        }
        cache.set(key, choices, FILTER_CHOICES_SECONDS)
    return choices


def translated_fields(model) -> tuple[str, ...]:
    from modeltranslation.translator import translator

    return tuple(translator.get_options_for_model(model).fields)


def target_languages() -> list[str]:
    """Languages translated from French, the language content is written in first."""
    from django.conf import settings

    return [code for code, _name in settings.LANGUAGES if code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE]


def missing_translation_q(model, lang: str) -> Q:
    """Rows where some text written in French has no version in ``lang``."""
    from django.conf import settings

    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    q = Q(pk__in=[])
    for field in translated_fields(model):
        source, target = f"{field}_{default}", f"{field}_{lang}"
        written = Q(**{f"{source}__isnull": False}) & ~Q(**{source: ""})
        q |= written & (Q(**{f"{target}__isnull": True}) | Q(**{target: ""}))
    return q


def translation_status(obj) -> dict[str, bool]:
    """For one row and each target language: is every French text translated?"""
    from django.conf import settings

    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    fields = translated_fields(type(obj))
    return {
        code: all(getattr(obj, f"{f}_{code}") or not getattr(obj, f"{f}_{default}") for f in fields)
        for code in target_languages()
    }


def translation_gaps() -> list[dict]:
    """Per translatable catalogue model and target language, how many rows miss a translation."""
    from modeltranslation.translator import translator

    rows = []
    for model in translator.get_registered_models():
        if model._meta.app_label != "catalog":
            continue
        manager = model._default_manager
        rows.append(
            {
                "opts": model._meta,
                "total": manager.count(),
                "missing": {
                    code: manager.filter(missing_translation_q(model, code)).count() for code in target_languages()
                },
            }
        )
    return sorted(rows, key=lambda row: str(row["opts"].verbose_name_plural))
