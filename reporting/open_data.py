"""The catalogue for every other service: programmes and desks as data·inclusion v1 services and structures.

data·inclusion is the French national schema for inclusion services, read by
other referral directories. Each published programme is a *service* of type
``formation`` of its provider's *structure*; each desk is a structure with two
services, ``information`` and ``accompagnement`` (a counsellor helps choose a
trade and apply). Fields the schema defines are filled as its documentation
says; French identifiers (INSEE, SIRET, postcodes) stay empty. What Guichet
knows beyond the schema (the trade with its ESCO/ISCO codes, structured
admission criteria, sessions and seats, texts in French, Arabic and English)
is in fields named ``guichet_*``, which the schema allows.
Texts are in the active language (French, the fallback of every translation,
by default).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone, translation

from catalog.criteria import admission_criteria
from catalog.models import Desk, OpeningHours, Programme, Provider, ResidenceRequirement, SchoolingLevel, Session

SOURCE = "guichet"
LANGUAGES = ("fr", "ar", "en")
OSM_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")

PROGRAMME_THEMES = ("se-former--trouver-sa-formation", "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite")
DESK_THEMES = {
    "information": (
        "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
        "se-former--trouver-sa-formation",
    ),
    "accompagnement": (
        "choisir-un-metier--identifier-ses-points-forts-et-ses-competences",
        "choisir-un-metier--confirmer-son-choix-de-metier",
        "se-former--monter-son-dossier-de-formation",
        "se-former--trouver-sa-formation",
    ),
}


def _url(path: str) -> str:
    return settings.GUICHET_PUBLIC_URL.rstrip("/") + path


def _or_none(value):
    return value if value not in ("", None, []) else None


def _translations(obj, *fields: str) -> dict:
    """Each text field in the three languages (empty where not translated: the French one stands for it)."""
    return {field: {lang: getattr(obj, f"{field}_{lang}", "") or "" for lang in LANGUAGES} for field in fields}


def opening_hours_osm(hours: Iterable[OpeningHours]) -> str | None:
    """A desk's week in OpenStreetMap's ``opening_hours`` syntax: "Mo-Th 09:00-12:00,14:00-17:00; Fr 09:00-12:00"."""
    by_day: dict[int, list[str]] = {}
    for h in sorted(hours, key=lambda h: (h.weekday, h.opens)):
        by_day.setdefault(h.weekday, []).append(f"{h.opens:%H:%M}-{h.closes:%H:%M}")
    rules: list[tuple[list[int], str]] = []
    for day in sorted(by_day):
        spans = ",".join(by_day[day])
        if rules and rules[-1][1] == spans and rules[-1][0][-1] == day - 1:
            rules[-1][0].append(day)
        else:
            rules.append(([day], spans))
    parts = []
    for days, spans in rules:
        first, last = OSM_DAYS[days[0] - 1], OSM_DAYS[days[-1] - 1]
        name = first if len(days) == 1 else f"{first},{last}" if len(days) == 2 else f"{first}-{last}"
        parts.append(f"{name} {spans}")
    return "; ".join(parts) or None


def _date(value: datetime.datetime | datetime.date | None) -> str:
    if value is None:
        return timezone.localdate().isoformat()
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat()


def _region(city) -> dict:
    return {"slug": city.region.slug, "nom": city.region.name}


def provider_structure(provider: Provider) -> dict:
    return {
        "source": SOURCE,
        "id": f"provider-{provider.slug}",
        "nom": provider.name,
        "date_maj": _date(getattr(provider, "last_change", None)),
        "description": provider.description if len(provider.description) >= 5 else None,
        "adresse": _or_none(provider.address),
        "commune": provider.city.name,
        "telephone": _or_none(provider.phone),
        "courriel": _or_none(provider.email),
        "site_web": _or_none(provider.website),
        "lien_source": _url(provider.get_absolute_url()),
        "horaires_accueil": None,
        "latitude": None,
        "longitude": None,
        "code_insee": None,
        "code_postal": None,
        "siret": None,
        "guichet_type": "organisme-de-formation",
        "guichet_genre": provider.kind,
        "guichet_region": _region(provider.city),
        "guichet_traductions": _translations(provider, "name", "description"),
    }


def desk_structure(desk: Desk) -> dict:
    return {
        "source": SOURCE,
        "id": f"desk-{desk.slug}",
        "nom": desk.name,
        "date_maj": _date(getattr(desk, "last_change", None)),
        "description": desk.services if len(desk.services) >= 5 else None,
        "adresse": desk.address,
        "commune": desk.city.name,
        "telephone": _or_none(desk.phone),
        "courriel": _or_none(desk.email),
        "site_web": None,
        "lien_source": _url(desk.get_absolute_url()),
        "horaires_accueil": opening_hours_osm(desk.opening_hours.all()),
        "latitude": None,
        "longitude": None,
        "code_insee": None,
        "code_postal": None,
        "siret": None,
        "guichet_type": "guichet",
        "guichet_region": _region(desk.city),
        "guichet_horaires_precisions": _or_none(desk.hours_note),
        "guichet_traductions": _translations(desk, "name", "services", "hours_note"),
    }


def _conditions(programme: Programme) -> dict:
    return {
        "age_min": programme.min_age,
        "age_max": programme.max_age,
        "niveau_scolaire_min": SchoolingLevel(programme.min_schooling).name.lower(),
        "sejour": ResidenceRequirement(programme.residence).value,
        "admission": programme.admission,
        "langues": [lang.code for lang in programme.required_languages.all()],
        "documents": [doc.slug for doc in programme.required_documents.all()],
    }


def _sessions(programme: Programme) -> list[dict]:
    return [
        {
            "debut": s.start_date.isoformat(),
            "fin": s.end_date.isoformat(),
            "date_limite_candidature": s.application_deadline.isoformat() if s.application_deadline else None,
            "places": s.capacity,
            "places_restantes": s.seats_left,
        }
        for s in programme.upcoming_sessions
    ]


def programme_service(programme: Programme) -> dict:
    free = not programme.cost_mad
    publics = ["personnes-exilees"]
    if programme.max_age is not None and programme.max_age <= 30:
        publics.append("jeunes")
    trade = programme.trade
    return {
        "source": SOURCE,
        "id": f"programme-{programme.slug}",
        "structure_id": f"provider-{programme.provider.slug}",
        "nom": programme.title,
        "description": programme.description or programme.summary or programme.title,
        "date_maj": _date(programme.updated_at),
        "type": "formation",
        "thematiques": list(PROGRAMME_THEMES),
        "frais": "gratuit" if free else "payant",
        "frais_precisions": None if free else f"{programme.cost_mad} MAD",
        "publics": publics,
        "publics_precisions": None,
        "conditions_acces": " ".join(line.text for line in admission_criteria(programme)),
        "adresse": _or_none(programme.provider.address),
        "commune": programme.city.name,
        "code_insee": None,
        "code_postal": None,
        "latitude": None,
        "longitude": None,
        "telephone": _or_none(programme.provider.phone),
        "courriel": _or_none(programme.provider.email),
        "contact_nom_prenom": None,
        "modes_accueil": ["en-presentiel"],
        "modes_mobilisation": ["se-presenter", "utiliser-lien-mobilisation"],
        "mobilisable_par": ["usagers", "professionnels"],
        "mobilisation_precisions": None,
        "lien_mobilisation": _url(programme.get_absolute_url()),
        "lien_source": _url(programme.get_absolute_url()),
        "horaires_accueil": None,
        "nombre_semaines": programme.duration_weeks,
        "volume_horaire_hebdomadaire": programme.hours_per_week,
        "zone_eligibilite": None,
        "guichet_metier": {
            "slug": trade.slug,
            "nom": trade.name,
            "esco_uri": _or_none(trade.esco_uri),
            "esco_code": _or_none(trade.esco_code),
            "isco_code": trade.isco_code,
        },
        "guichet_niveau": programme.level,
        "guichet_certificat": _or_none(programme.certificate),
        "guichet_conditions": _conditions(programme),
        "guichet_sessions": _sessions(programme),
        "guichet_langues_enseignement": [lang.code for lang in programme.teaching_languages.all()],
        "guichet_region": _region(programme.city),
        "guichet_traductions": _translations(programme, "title", "summary", "description"),
    }


def desk_services(desk: Desk) -> list[dict]:
    structure = desk_structure(desk)
    return [
        {
            "source": SOURCE,
            "id": f"desk-{desk.slug}-{kind}",
            "structure_id": structure["id"],
            "nom": desk.name,
            "description": desk.services or desk.name,
            "date_maj": structure["date_maj"],
            "type": kind,
            "thematiques": list(DESK_THEMES[kind]),
            "frais": "gratuit",
            "frais_precisions": None,
            "publics": ["personnes-exilees"],
            "conditions_acces": None,
            "adresse": desk.address,
            "commune": desk.city.name,
            "code_insee": None,
            "code_postal": None,
            "latitude": None,
            "longitude": None,
            "telephone": structure["telephone"],
            "courriel": structure["courriel"],
            "modes_accueil": ["en-presentiel"],
            "modes_mobilisation": ["se-presenter"] + (["telephoner"] if desk.phone else []),
            "mobilisable_par": ["usagers", "professionnels"],
            "lien_source": structure["lien_source"],
            "horaires_accueil": structure["horaires_accueil"],
            "guichet_region": structure["guichet_region"],
        }
        for kind in ("information", "accompagnement")
    ]


# --- The feeds: what they list, in a stable order, a page or all of it ---------------------------------------------


def _programmes() -> QuerySet[Programme]:
    today = timezone.localdate()
    upcoming = Session.objects.upcoming(today).order_by("start_date", "id")
    return (
        Programme.objects.published()
        .select_related("trade", "provider__city__region", "city__region")
        .prefetch_related(
            "teaching_languages",
            "required_languages",
            "required_documents",
            Prefetch("sessions", queryset=upcoming, to_attr="upcoming_sessions"),
        )
        .order_by("slug")
    )


def _desks() -> QuerySet[Desk]:
    return Desk.objects.select_related("city__region").prefetch_related("opening_hours").order_by("slug")


def _providers() -> QuerySet[Provider]:
    return (
        Provider.objects.select_related("city__region")
        .annotate(last_change=Max("programmes__updated_at"))
        .order_by("slug")
    )


@dataclass(frozen=True)
class Feed:
    count: int
    items: Iterator[dict]


CHUNK = 200


def _chunked(queryset: QuerySet, start: int, stop: int) -> Iterator:
    """Rows ``start``..``stop`` a chunk at a time: memory stays flat however long the feed."""
    for position in range(start, stop, CHUNK):
        yield from queryset[position : min(position + CHUNK, stop)]


@dataclass(frozen=True)
class _Part:
    """One kind of record of a feed: its rows in order, how many, and the items each row gives (``width``)."""

    rows: QuerySet
    count: int
    items: Callable[[object], list[dict]]
    width: int = 1


def _feed(parts: list[_Part], *, offset: int, limit: int | None) -> Feed:
    """The parts one after the other, ``limit`` items (all when None) from ``offset``, read a chunk at a time."""
    total = sum(part.count * part.width for part in parts)
    stop = total if limit is None else min(offset + limit, total)

    def items() -> Iterator[dict]:
        base = 0
        for part in parts:
            start, end = max(offset - base, 0), min(stop - base, part.count * part.width)
            if start < end:
                first_row = start // part.width
                position = first_row * part.width
                for row in _chunked(part.rows, first_row, -(-end // part.width)):
                    for item in part.items(row):
                        if start <= position < end:
                            yield item
                        position += 1
            base += part.count * part.width

    return Feed(count=total, items=items())


def services_feed(*, offset: int = 0, limit: int | None = None) -> Feed:
    """Programmes (by slug), then each desk's two services (by slug): ``limit`` of them from ``offset``."""
    programmes, desks = _programmes(), _desks()
    return _feed(
        [
            _Part(programmes, programmes.count(), lambda programme: [programme_service(programme)]),
            _Part(desks, desks.count(), desk_services, width=2),
        ],
        offset=offset,
        limit=limit,
    )


def structures_feed(*, offset: int = 0, limit: int | None = None) -> Feed:
    """Providers (by slug), then desks (by slug)."""
    providers, desks = _providers(), _desks()
    return _feed(
        [
            _Part(providers, providers.count(), lambda provider: [provider_structure(provider)]),
            _Part(desks, desks.count(), lambda desk: [desk_structure(desk)]),
        ],
        offset=offset,
        limit=limit,
    )


def last_change() -> datetime.datetime | None:
    """When the catalogue's programmes last changed: the feeds' Last-Modified."""
    return Programme.objects.aggregate(last=Max("updated_at"))["last"]


SERVICE_COLUMNS = (
    "id", "structure_id", "source", "nom", "description", "date_maj", "type", "thematiques", "frais",
    "frais_precisions", "publics", "publics_precisions", "conditions_acces", "adresse", "commune", "code_insee",
    "code_postal", "latitude", "longitude", "telephone", "courriel", "contact_nom_prenom", "modes_accueil",
    "modes_mobilisation", "mobilisable_par", "mobilisation_precisions", "lien_mobilisation", "lien_source",
    "horaires_accueil", "nombre_semaines", "volume_horaire_hebdomadaire", "zone_eligibilite", "guichet_metier",
    "guichet_niveau", "guichet_certificat", "guichet_conditions", "guichet_sessions", "guichet_langues_enseignement",
    "guichet_region", "guichet_traductions",
)  # fmt: skip
STRUCTURE_COLUMNS = (
    "id", "source", "nom", "date_maj", "description", "adresse", "commune", "code_insee", "code_postal", "siret",
    "latitude", "longitude", "telephone", "courriel", "site_web", "lien_source", "horaires_accueil", "guichet_type",
    "guichet_genre", "guichet_region", "guichet_horaires_precisions", "guichet_traductions",
)  # fmt: skip


def csv_rows(items: Iterable[dict], *, columns: tuple[str, ...], language: str) -> Iterator[str]:
    """The feed as CSV lines, a header first: lists of words joined by "|", nested values as JSON, none empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(columns)
    yield flush()
    with translation.override(language):
        for item in items:
            writer.writerow([_csv_value(item.get(key)) for key in columns])
            yield flush()


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "|".join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
