"""A large synthetic catalogue for benchmarks (``manage.py generate_catalogue``), from the demo's reference data."""

from __future__ import annotations

import datetime
import math
import random
from decimal import Decimal

from django.db import transaction
from django.db.models import Model
from django.utils import timezone, translation

from catalog import selectors
from catalog.models import (
    City,
    DocumentType,
    Language,
    Programme,
    Provider,
    Session,
    Trade,
)
from catalog.services import programme_next_session_refresh
from demo.data import data as demo
from demo.data import synthetic
from demo.data.i18n import LANGS
from demo.data.levels import ADMISSION_NOTES, CERTIFICATES, CRITERIA, DOCUMENTS, RESIDENCE_DOCUMENT, RESIDENCE_NOTES
from demo.network import DEMO_DEFAULT_LANGUAGE, demo_load, demo_monday_on_or_after

SYNTHETIC_PREFIX = "synthetic-"
# About as many programmes per provider as a real vocational training centre runs.
_SYNTHETIC_PROGRAMMES_PER_PROVIDER = 50
_SYNTHETIC_BATCH_SIZE = 2000
_SYNTHETIC_DURATION_WEEKS = {
    "short_course": (2, 16),
    "apprenticeship": (40, 96),
    "specialisation": (36, 48),
    "qualification": (36, 80),
    "technician": (72, 80),
    "specialised_technician": (72, 80),
    "academy": (108, 120),
}
_SYNTHETIC_HOURS_PER_WEEK = {"full_time": (30, 40), "part_time": (15, 25), "evenings": (6, 15), "weekends": (8, 16)}
_SYNTHETIC_PAID_COSTS = [300, 500, 800, 1200, 2500]


def _synthetic_delete() -> None:
    programmes = Programme.objects.filter(slug__startswith=SYNTHETIC_PREFIX)
    Session.objects.filter(programme__in=programmes).delete()
    for field in ("teaching_languages", "required_languages", "required_documents"):
        getattr(Programme, field).through.objects.filter(programme__in=programmes).delete()
    programmes.delete()
    Provider.objects.filter(slug__startswith=f"{SYNTHETIC_PREFIX}provider-").delete()


def _synthetic_translated(field: str, text: dict[str, str]) -> dict[str, str]:
    return {f"{field}_{lang}": text[lang] for lang in LANGS}


def _synthetic_text(obj: Model, field: str) -> dict[str, str]:
    """A translated field in every language, French standing in for a missing translation."""
    french = getattr(obj, f"{field}_fr") or ""
    return {lang: getattr(obj, f"{field}_{lang}") or french for lang in LANGS}


def _synthetic_reference_missing() -> bool:
    """Whether the demo's trades, cities, languages or documents the generator draws on are missing."""
    languages = {row["code"] for row in demo.LANGUAGES}
    document_types = {row["slug"] for row in demo.DOCUMENT_TYPES}
    return (
        not Trade.objects.exists()
        or not City.objects.exists()
        or Language.objects.filter(code__in=languages).count() < len(languages)
        or DocumentType.objects.filter(slug__in=document_types).count() < len(document_types)
    )


def synthetic_catalogue_generate(*, programmes: int, seed: int = 0, today: datetime.date | None = None) -> int:
    """Replace the synthetic catalogue by ``programmes`` new programmes, for benchmarks.

    Programmes (slugs ``synthetic-1``…) and their providers (one per about 50
    programmes, ``synthetic-provider-1``…, spread over the cities) get texts in
    French, Arabic and English built from the demo's trade, level and city
    names with varied wording, seeded random criteria, schedules, languages,
    costs, and one or two sessions each. The demo reference data are loaded
    first if missing. Rows are written with ``bulk_create`` in batches, so
    10,000 programmes take seconds. Returns the number of programmes created.
    """
    if programmes < 0:
        raise ValueError("The number of programmes cannot be negative.")
    day = today or timezone.localdate()
    rng = random.Random(seed)
    with transaction.atomic(), translation.override(DEMO_DEFAULT_LANGUAGE):
        if _synthetic_reference_missing():
            demo_load(today=day)
        _synthetic_delete()
        if programmes == 0:
            return 0

        trades = list(Trade.objects.order_by("position", "slug"))
        cities = list(City.objects.select_related("region").order_by("slug"))
        languages = {language.code: language for language in Language.objects.all()}
        documents = {document.slug: document for document in DocumentType.objects.all()}
        cities_by_region: dict[int, list[City]] = {}
        for city in cities:
            cities_by_region.setdefault(city.region_id, []).append(city)

        kinds = ["centre", "centre", "association", "cooperative", "institute"]
        provider_rows = []
        for n in range(1, math.ceil(programmes / _SYNTHETIC_PROGRAMMES_PER_PROVIDER) + 1):
            city = cities[(n - 1) % len(cities)]
            kind = kinds[(n - 1) % len(kinds)]
            texts = synthetic.provider_texts(kind=kind, city=_synthetic_text(city, "name"), n=n)
            provider_rows.append(
                Provider(
                    slug=f"{SYNTHETIC_PREFIX}provider-{n}",
                    kind=kind,
                    city=city,
                    phone="+212 5 00 00 00 00",
                    email=f"synthetic-{n}@example.org",
                    **_synthetic_translated("name", texts["name"]),
                    **_synthetic_translated("description", texts["description"]),
                    **_synthetic_translated("address", _synthetic_text(city, "name")),
                )
            )
        providers = Provider.objects.bulk_create(provider_rows, batch_size=_SYNTHETIC_BATCH_SIZE)

        levels = list(CRITERIA)
        schedules = list(_SYNTHETIC_HOURS_PER_WEEK)
        common_languages, rare_languages = ["fr", "ar", "ary", "en"], ["es", "zgh"]
        residences = ["residence_card", "legal_stay", "none"]
        admissions = ["open", "interview", "orientation", "exam"]
        programme_rows, plans = [], []
        for n in range(1, programmes + 1):
            provider = providers[(n - 1) // _SYNTHETIC_PROGRAMMES_PER_PROVIDER]
            city = provider.city if rng.random() < 0.7 else rng.choice(cities_by_region[provider.city.region_id])
            trade = rng.choice(trades)
            level = rng.choice(levels)
            rules = CRITERIA[level]
            schedule = rng.choice(schedules)
            weeks = rng.randint(*_SYNTHETIC_DURATION_WEEKS[level])
            residence = rng.choices(residences, weights=[6, 3, 1])[0]
            min_age = rules["min_age"] if rng.random() < 0.8 else rng.choice([None, 16, 18])
            max_age = rules["max_age"] if rng.random() < 0.8 else rng.choice([None, 25, 30, 35, 45])
            if min_age is not None and max_age is not None and min_age > max_age:
                max_age = None
            texts = synthetic.programme_texts(
                rng,
                trade=_synthetic_text(trade, "name"),
                trade_summary=_synthetic_text(trade, "summary"),
                level=level,
                schedule=schedule,
                weeks=weeks,
                city=_synthetic_text(city, "name"),
                region=_synthetic_text(city.region, "name"),
                provider=_synthetic_text(provider, "name"),
            )
            notes = {lang: f"{ADMISSION_NOTES[level][lang]} {RESIDENCE_NOTES[residence][lang]}" for lang in LANGS}
            programme_rows.append(
                Programme(
                    slug=f"{SYNTHETIC_PREFIX}{n}",
                    provider=provider,
                    trade=trade,
                    city=city,
                    level=level,
                    duration_weeks=weeks,
                    hours_per_week=rng.randint(*_SYNTHETIC_HOURS_PER_WEEK[schedule]),
                    schedule=schedule,
                    cost_mad=Decimal(0 if rng.random() < 0.8 else rng.choice(_SYNTHETIC_PAID_COSTS)),
                    admission=rules["admission"] if rng.random() < 0.8 else rng.choice(admissions),
                    min_age=min_age,
                    max_age=max_age,
                    min_schooling=max(0, min(6, rules["min_schooling"] + rng.choice([0, 0, 0, -1, 1]))),
                    residence=residence,
                    is_published=True,
                    **_synthetic_translated("title", texts["title"]),
                    **_synthetic_translated("summary", texts["summary"]),
                    **_synthetic_translated("description", texts["description"]),
                    **_synthetic_translated("certificate", CERTIFICATES[level]),
                    **_synthetic_translated("schedule_note", dict.fromkeys(LANGS, "")),
                    **_synthetic_translated("admission_notes", notes),
                )
            )
            teaching = rng.sample(common_languages, rng.randint(1, 3))
            if "fr" not in teaching and "ar" not in teaching:
                teaching.append(rng.choice(["fr", "ar"]))
            if rng.random() < 0.05:
                teaching.append(rng.choice(rare_languages))
            residence_document = RESIDENCE_DOCUMENT[residence]
            plans.append(
                {
                    "teaching": teaching,
                    "required": rng.sample(teaching, 1) if rng.random() < 0.3 else [],
                    "documents": ([residence_document] if residence_document else [])
                    + DOCUMENTS[level][: rng.randint(1, len(DOCUMENTS[level]))],
                    "weeks": weeks,
                }
            )
        created = Programme.objects.bulk_create(programme_rows, batch_size=_SYNTHETIC_BATCH_SIZE)
        if any(programme.pk is None for programme in created):  # a database that returns no ids
            ids = dict(Programme.objects.filter(slug__startswith=SYNTHETIC_PREFIX).values_list("slug", "pk"))
            for programme in created:
                programme.pk = ids[programme.slug]

        teaching_through = Programme.teaching_languages.through
        required_through = Programme.required_languages.through
        documents_through = Programme.required_documents.through
        teaching_rows, required_rows, document_rows, session_rows = [], [], [], []
        for programme, plan in zip(created, plans, strict=True):
            teaching_rows += [
                teaching_through(programme_id=programme.pk, language_id=languages[code].pk) for code in plan["teaching"]
            ]
            required_rows += [
                required_through(programme_id=programme.pk, language_id=languages[code].pk) for code in plan["required"]
            ]
            document_rows += [
                documents_through(programme_id=programme.pk, documenttype_id=documents[slug].pk)
                for slug in plan["documents"]
            ]
            start = demo_monday_on_or_after(day + datetime.timedelta(days=rng.randint(1, 240)))
            for index in range(rng.randint(1, 2)):
                if index:
                    start += datetime.timedelta(weeks=rng.randint(8, 30))
                capacity = rng.randint(8, 30)
                deadline = rng.choice([None, 3, 7, 14])
                session_rows.append(
                    Session(
                        programme_id=programme.pk,
                        start_date=start,
                        end_date=start + datetime.timedelta(days=7 * plan["weeks"] - 3),
                        application_deadline=None if deadline is None else start - datetime.timedelta(days=deadline),
                        capacity=capacity,
                        seats_taken=rng.randint(0, capacity),
                    )
                )
        for model, rows in (
            (teaching_through, teaching_rows),
            (required_through, required_rows),
            (documents_through, document_rows),
            (Session, session_rows),
        ):
            model.objects.bulk_create(rows, batch_size=_SYNTHETIC_BATCH_SIZE)
        # bulk_create sends no signals: store the next starts in one go, and say
        # the catalogue changed once, after commit.
        programme_next_session_refresh(programmes=Programme.objects.filter(slug__startswith=SYNTHETIC_PREFIX))
        transaction.on_commit(selectors.catalogue_version_bump)
    return len(created)
