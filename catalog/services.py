"""Writes to the catalogue.

Each service runs in a transaction and leaves the catalogue valid: rows are
checked with ``full_clean()`` before they are saved, except in bulk
generation, where the database constraints are the guard.
"""

from __future__ import annotations

import datetime
import math
import random
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone, translation

from catalog import selectors
from catalog.demo import data as demo
from catalog.demo import synthetic
from catalog.demo.i18n import LANGS
from catalog.demo.levels import ADMISSION_NOTES, CERTIFICATES, CRITERIA, DOCUMENTS, RESIDENCE_DOCUMENT, RESIDENCE_NOTES
from catalog.models import (
    City,
    Desk,
    DocumentType,
    Language,
    OpeningHours,
    Programme,
    Provider,
    Region,
    Session,
    Skill,
    Trade,
    TradeSkill,
)


def programme_next_session_refresh(*, programmes: QuerySet[Programme] | None = None) -> int:
    """Store the start of each programme's next session (today or later), in one UPDATE.

    ``programmes`` defaults to those whose stored start is now past. The day is
    always the real one: a stored start must be the first on or after a day
    that is not in the future (see ``catalog.selectors._next_start``).
    Returns how many programmes were written.
    """
    today = timezone.localdate()
    if programmes is None:
        programmes = Programme.objects.filter(next_session_start__lt=today)
    return programmes.update(next_session_start=selectors.next_session_start_subquery(today))


# The original column of a translated field keeps the default language.
_DEMO_DEFAULT_LANGUAGE = "fr"


def _demo_index(queryset: QuerySet, *attnames: str) -> dict[tuple, Model]:
    """The rows already there, by the values of their lookup fields (foreign keys by id)."""
    return {tuple(getattr(obj, name) for name in attnames): obj for obj in queryset}


def _demo_upsert(
    model: type[Model], lookup: dict[str, Any], values: dict[str, Any], *, existing: dict[tuple, Model]
) -> Model:
    """Create or update the row found by ``lookup``; a dict value is one text per language.

    Fields are validated with ``full_clean()`` (choices, lengths, validators);
    uniqueness follows from the lookup and the check constraints are the
    database's, which enforces them on every write. A row that already holds
    these values is not written again.
    """
    key = tuple(value.pk if isinstance(value, Model) else value for value in lookup.values())
    obj = existing.get(key) or model(**lookup)
    changed = obj.pk is None
    for name, value in values.items():
        if isinstance(value, dict):
            pairs = [(f"{name}_{lang}", value[lang]) for lang in LANGS]
        elif obj._meta.get_field(name).is_relation:
            pairs = [(obj._meta.get_field(name).attname, None if value is None else value.pk)]
        else:
            pairs = [(name, value)]
        for attname, new in pairs:
            if getattr(obj, attname) != new:
                setattr(obj, attname, new)
                changed = True
    if changed:
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save()
        existing[key] = obj
    return obj


def _demo_monday_on_or_after(day: datetime.date) -> datetime.date:
    # Trainings start on a Monday; the demo follows suit.
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7)


def _demo_session_dates(
    spec: dict[str, Any], *, today: datetime.date, duration_weeks: int
) -> tuple[datetime.date, datetime.date, datetime.date | None]:
    start = _demo_monday_on_or_after(today + datetime.timedelta(days=spec["start_in_days"]))
    end = start + datetime.timedelta(days=7 * duration_weeks - 3)  # the Friday of the last week
    before = spec["deadline_days_before_start"]
    deadline = None if before is None else start - datetime.timedelta(days=before)
    return start, end, deadline


def demo_load(*, today: datetime.date | None = None) -> dict[str, int]:
    """Load the demo network of ``catalog.demo.data``: regions to sessions, in one transaction.

    Idempotent: rows are updated in place, found by slug or code (opening
    hours by desk, weekday and opening time; sessions by programme and start
    date). Session dates are computed from ``today`` (default: the local
    date), so that the demo always has sessions to come; sessions of a demo
    programme that have not started and are no longer in the data are
    removed, so that loading day after day does not pile them up.

    Returns how many rows of each kind the demo holds (and ``sessions_removed``).
    """
    day = today or timezone.localdate()
    slugs = [row["slug"] for row in demo.PROGRAMMES]
    with transaction.atomic(), translation.override(_DEMO_DEFAULT_LANGUAGE):
        index = _demo_index(Region.objects.all(), "slug")
        regions = {
            row["slug"]: _demo_upsert(
                Region,
                {"slug": row["slug"]},
                {"name": row["name"], "capital": row["capital"], "position": row["position"]},
                existing=index,
            )
            for row in demo.REGIONS
        }
        index = _demo_index(City.objects.all(), "slug")
        cities = {
            row["slug"]: _demo_upsert(
                City, {"slug": row["slug"]}, {"region": regions[row["region"]], "name": row["name"]}, existing=index
            )
            for row in demo.CITIES
        }
        index = _demo_index(Language.objects.all(), "code")
        languages = {
            row["code"]: _demo_upsert(
                Language, {"code": row["code"]}, {"name": row["name"], "position": row["position"]}, existing=index
            )
            for row in demo.LANGUAGES
        }
        index = _demo_index(DocumentType.objects.all(), "slug")
        documents = {
            row["slug"]: _demo_upsert(
                DocumentType,
                {"slug": row["slug"]},
                {"name": row["name"], "description": row["description"], "position": row["position"]},
                existing=index,
            )
            for row in demo.DOCUMENT_TYPES
        }
        index = _demo_index(Skill.objects.all(), "slug")
        skills = {
            row["slug"]: _demo_upsert(
                Skill, {"slug": row["slug"]}, {"name": row["name"], "esco_uri": ""}, existing=index
            )
            for row in demo.SKILLS
        }

        index = _demo_index(Trade.objects.all(), "slug")
        links = _demo_index(TradeSkill.objects.all(), "trade_id", "skill_id")
        trades, trade_skills = {}, 0
        for row in demo.TRADES:
            values = {key: value for key, value in row.items() if key not in {"slug", "skills"}}
            trade = trades[row["slug"]] = _demo_upsert(Trade, {"slug": row["slug"]}, values, existing=index)
            for position, slug in enumerate(row["skills"], start=1):
                _demo_upsert(
                    TradeSkill, {"trade": trade, "skill": skills[slug]}, {"position": position}, existing=links
                )
            TradeSkill.objects.filter(trade=trade).exclude(skill__slug__in=row["skills"]).delete()
            trade_skills += len(row["skills"])

        index = _demo_index(Provider.objects.all(), "slug")
        providers = {}
        for row in demo.PROVIDERS:
            values = {key: value for key, value in row.items() if key != "slug"} | {"city": cities[row["city"]]}
            providers[row["slug"]] = _demo_upsert(Provider, {"slug": row["slug"]}, values, existing=index)

        index = _demo_index(Desk.objects.all(), "slug")
        periods = _demo_index(OpeningHours.objects.all(), "desk_id", "weekday", "opens")
        opening_hours = 0
        for row in demo.DESKS:
            values = {key: value for key, value in row.items() if key not in {"slug", "opening_hours"}}
            values |= {"city": cities[row["city"]], "host": providers[row["host"]] if row["host"] else None}
            desk = _demo_upsert(Desk, {"slug": row["slug"]}, values, existing=index)
            kept = [
                _demo_upsert(
                    OpeningHours,
                    {"desk": desk, "weekday": weekday, "opens": datetime.time.fromisoformat(opens)},
                    {"closes": datetime.time.fromisoformat(closes)},
                    existing=periods,
                ).pk
                for weekday, opens, closes in row["opening_hours"]
            ]
            OpeningHours.objects.filter(desk=desk).exclude(pk__in=kept).delete()
            opening_hours += len(kept)

        index = _demo_index(Programme.objects.filter(slug__in=slugs), "slug")
        runs = _demo_index(Session.objects.filter(programme__slug__in=slugs), "programme_id", "start_date")
        sessions = removed = 0
        for row in demo.PROGRAMMES:
            many = {"teaching_languages", "required_languages", "required_documents", "sessions"}
            values = {key: value for key, value in row.items() if key not in {"slug", *many}}
            values |= {
                "provider": providers[row["provider"]],
                "trade": trades[row["trade"]],
                "city": cities[row["city"]],
                "cost_mad": Decimal(row["cost_mad"]),
                "is_published": True,
            }
            programme = _demo_upsert(Programme, {"slug": row["slug"]}, values, existing=index)
            programme.teaching_languages.set([languages[code] for code in row["teaching_languages"]])
            programme.required_languages.set([languages[code] for code in row["required_languages"]])
            programme.required_documents.set([documents[slug] for slug in row["required_documents"]])

            dated = {}
            for spec in row["sessions"]:
                start, end, deadline = _demo_session_dates(spec, today=day, duration_weeks=row["duration_weeks"])
                dated.setdefault(start, (end, deadline, spec))
            removed += programme.sessions.filter(start_date__gt=day).exclude(start_date__in=dated).delete()[0]
            for start, (end, deadline, spec) in dated.items():
                _demo_upsert(
                    Session,
                    {"programme": programme, "start_date": start},
                    {
                        "end_date": end,
                        "application_deadline": deadline,
                        "capacity": spec["capacity"],
                        "seats_taken": spec["seats_taken"],
                    },
                    existing=runs,
                )
            sessions += len(dated)

    return {
        "regions": len(regions),
        "cities": len(cities),
        "languages": len(languages),
        "document_types": len(documents),
        "skills": len(skills),
        "trades": len(trades),
        "trade_skills": trade_skills,
        "providers": len(providers),
        "desks": len(demo.DESKS),
        "opening_hours": opening_hours,
        "programmes": len(demo.PROGRAMMES),
        "sessions": sessions,
        "sessions_removed": removed,
    }


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
    with transaction.atomic(), translation.override(_DEMO_DEFAULT_LANGUAGE):
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
            start = _demo_monday_on_or_after(day + datetime.timedelta(days=rng.randint(1, 240)))
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


DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "guichet-demo-admin"  # documented in README.md; demo machines only


def demo_admin_ensure() -> bool:
    """Give a demo machine a back-office account, once; never in production.

    Returns whether the account was created. An existing account, whatever
    its password, is left as it is.
    """
    from django.conf import settings
    from django.contrib.auth import get_user_model

    if settings.PRODUCTION:
        raise RuntimeError("The demo administrator account is refused in production.")
    user_model = get_user_model()
    if user_model.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
        return False
    user_model.objects.create_superuser(DEMO_ADMIN_USERNAME, "admin@example.org", DEMO_ADMIN_PASSWORD)
    return True
