"""The demo network: regions to sessions, loaded from ``demo.data`` (``manage.py load_demo``).

Idempotent: loading again updates what is there and adds what is missing;
sessions are dated relative to the day of loading.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone, translation

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
from demo.data import data as demo
from demo.data.i18n import LANGS
from search.services import search_index_batched

# The original column of a translated field keeps the default language.
DEMO_DEFAULT_LANGUAGE = "fr"


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


def demo_monday_on_or_after(day: datetime.date) -> datetime.date:
    # Trainings start on a Monday; the demo follows suit.
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7)


def _demo_session_dates(
    spec: dict[str, Any], *, today: datetime.date, duration_weeks: int
) -> tuple[datetime.date, datetime.date, datetime.date | None]:
    start = demo_monday_on_or_after(today + datetime.timedelta(days=spec["start_in_days"]))
    end = start + datetime.timedelta(days=7 * duration_weeks - 3)  # the Friday of the last week
    before = spec["deadline_days_before_start"]
    deadline = None if before is None else start - datetime.timedelta(days=before)
    return start, end, deadline


def demo_load(*, today: datetime.date | None = None) -> dict[str, int]:
    """Load the demo network of ``demo.data.data``: regions to sessions, in one transaction.

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
    # Each trade and programme is indexed for search once, at the end, not at each of its many saves.
    with transaction.atomic(), translation.override(DEMO_DEFAULT_LANGUAGE), search_index_batched():
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
