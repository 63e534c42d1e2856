"""Reads orientation needs from the catalogue."""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from catalog.models import City, Desk, DocumentType, Language, Programme, Session, Trade
from catalog.selectors import catalogue_version
from orientation.profile import Profile


def desk_nearest(*, city: str | None) -> Desk | None:
    """The desk in the person's city, else in their region, else the first of the network."""
    desks = Desk.objects.select_related("city__region").prefetch_related("opening_hours").order_by("slug")
    if city:
        for lookup in ({"city__slug": city}, {"city__region__cities__slug": city}):
            desk = desks.filter(**lookup).first()
            if desk is not None:
                return desk
    return desks.filter(opened_on__isnull=False).order_by("opened_on", "slug").first() or desks.first()


def profile_unknown_references(*, profile: Profile) -> dict[str, list[str]]:
    """The answers of ``profile`` that name something the catalogue does not hold, by profile field.

    The questionnaire's forms only offer what exists; a profile posted to the
    API is checked here, so a typo is an error rather than a silently ignored answer.
    """
    wanted = {
        "city": ({profile.city} if profile.city else set(), City.objects, "slug"),
        "experience": (set(profile.experience), Trade.objects, "slug"),
        "speaks": (set(profile.speaks), Language.objects, "code"),
        "reads": (set(profile.reads), Language.objects, "code"),
        "documents": (set(profile.documents or ()), DocumentType.objects, "slug"),
    }
    unknown = {}
    for name, (values, objects, key) in wanted.items():
        if values:
            missing = values - set(objects.filter(**{f"{key}__in": values}).values_list(key, flat=True))
            if missing:
                unknown[name] = sorted(missing)
    return unknown


def programme_for_eligibility(
    *, slug: str, session_start: datetime.date | None, today: datetime.date
) -> tuple[Programme, Session | None]:
    """A published programme (and its session starting on ``session_start``), ready for ``eligibility_check``.

    Raises Http404 if there is no such programme or session.
    """
    upcoming = Session.objects.filter(start_date__gte=today).order_by("start_date", "id")
    programme = get_object_or_404(
        Programme.objects.published()
        .select_related("trade", "provider", "city__region")
        .prefetch_related("required_languages", "required_documents", Prefetch("sessions", queryset=upcoming)),
        slug=slug,
    )
    if session_start is None:
        return programme, None
    session = next((s for s in programme.sessions.all() if s.start_date == session_start), None)
    if session is None:
        raise Http404(session_start)
    return programme, session


@dataclass(frozen=True)
class CandidateCatalogue:
    """Every published programme as plain values, one row per programme, for bounding scores.

    Arrays run parallel (row ``i`` is one programme); repeated values
    (teaching languages, each admission rule) are numbered, so a score's part
    is worked out once per distinct value, not once per programme. The
    session is the one the recommendation aims for (``recommend._session_for``):
    the next open one, else the next one at all. Also holds the trades (with
    their skills) and the cities, read by every recommendation.
    """

    pks: np.ndarray
    slugs: list[str]
    slug_rank: np.ndarray  # position in slug order, to break ties as the exact ranking does
    trade: np.ndarray  # index into trades
    trades: list[str]
    schedule: np.ndarray  # index into schedules
    schedules: list[str]
    city: np.ndarray
    region: np.ndarray
    teaching: np.ndarray  # index into teaching_sets
    teaching_sets: list[tuple[str, ...]]
    age: np.ndarray  # index into ages: (min age, max age, year the age is taken in)
    ages: list[tuple[int | None, int | None, int]]
    schooling: np.ndarray  # index into schoolings
    schoolings: list[int]
    residence: np.ndarray  # index into residences
    residences: list[str]
    languages: np.ndarray  # index into language_sets (required languages)
    language_sets: list[tuple[str, ...]]
    documents: np.ndarray  # index into document_sets (required papers)
    document_sets: list[tuple[str, ...]]
    session_start: np.ndarray  # proleptic ordinal of the session's start; 0 without a session
    session_open: np.ndarray  # bool
    trade_objects: list[Trade]  # by slug, skills prefetched
    cities: dict[str, City]


def _numbered(values: list, table: dict) -> np.ndarray:
    return np.fromiter((table.setdefault(value, len(table)) for value in values), dtype=np.int64, count=len(values))


def _codes_of(through_rows) -> dict[int, tuple[str, ...]]:
    codes: dict[int, list[str]] = {}
    for pk, code in through_rows:
        codes.setdefault(pk, []).append(code)
    return {pk: tuple(sorted(values)) for pk, values in codes.items()}


def _candidate_catalogue_load(today: datetime.date) -> CandidateCatalogue:
    published = Programme.objects.published()
    rows = list(
        published.order_by("slug").values_list(
            "pk", "slug", "trade__slug", "schedule", "city_id", "city__region_id",
            "min_age", "max_age", "min_schooling", "residence",
        )
    )  # fmt: skip
    pks = [row[0] for row in rows]
    through = {
        name: _codes_of(
            getattr(Programme, name).through.objects.filter(programme__in=published).values_list("programme_id", code)
        )
        for name, code in (
            ("teaching_languages", "language__code"),
            ("required_languages", "language__code"),
            ("required_documents", "documenttype__slug"),
        )
    }
    chosen: dict[int, Session] = {}
    for session in Session.objects.filter(start_date__gte=today, programme__in=published).order_by("start_date", "id"):
        held = chosen.get(session.programme_id)
        if held is None or (not held.is_open_on(today) and session.is_open_on(today)):
            chosen[session.programme_id] = session
    sessions = [chosen.get(pk) for pk in pks]
    tables: dict[str, dict] = defaultdict(dict)
    return CandidateCatalogue(
        pks=np.array(pks, dtype=np.int64),
        slugs=[row[1] for row in rows],
        slug_rank=np.arange(len(rows), dtype=np.int64),
        trade=_numbered([row[2] for row in rows], tables["trade"]),
        trades=list(tables["trade"]),
        schedule=_numbered([row[3] for row in rows], tables["schedule"]),
        schedules=list(tables["schedule"]),
        city=np.array([row[4] for row in rows], dtype=np.int64),
        region=np.array([row[5] for row in rows], dtype=np.int64),
        teaching=_numbered([through["teaching_languages"].get(pk, ()) for pk in pks], tables["teaching"]),
        teaching_sets=list(tables["teaching"]),
        age=_numbered(
            [(row[6], row[7], (s.start_date if s else today).year) for row, s in zip(rows, sessions, strict=True)],
            tables["age"],
        ),
        ages=list(tables["age"]),
        schooling=_numbered([row[8] for row in rows], tables["schooling"]),
        schoolings=list(tables["schooling"]),
        residence=_numbered([row[9] for row in rows], tables["residence"]),
        residences=list(tables["residence"]),
        languages=_numbered([through["required_languages"].get(pk, ()) for pk in pks], tables["languages"]),
        language_sets=list(tables["languages"]),
        documents=_numbered([through["required_documents"].get(pk, ()) for pk in pks], tables["documents"]),
        document_sets=list(tables["documents"]),
        session_start=np.array([s.start_date.toordinal() if s else 0 for s in sessions], dtype=np.int64),
        session_open=np.array([bool(s and s.is_open_on(today)) for s in sessions], dtype=bool),
        trade_objects=list(Trade.objects.prefetch_related("skills").order_by("slug")),
        cities={city.slug: city for city in City.objects.all()},
    )


# This process's copy: (token, day, catalogue). The token, kept in the shared cache per catalogue
# version, changes whenever the version does or the cache is emptied, so every process drops its copy.
_held: tuple[str, datetime.date, CandidateCatalogue] | None = None


def candidate_catalogue(*, today: datetime.date) -> CandidateCatalogue:
    """The published programmes as plain values, loaded once per process, catalogue version and day."""
    global _held
    token_key = f"orientation:candidates:{catalogue_version()}"
    token = cache.get(token_key)
    held = _held
    if held is not None and token is not None and held[0] == token and held[1] == today:
        return held[2]
    catalogue = _candidate_catalogue_load(today)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(token_key, token, timeout=None):
            token = cache.get(token_key, token)
    _held = (token, today, catalogue)
    return catalogue
