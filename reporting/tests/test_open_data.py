"""The open data feeds: the catalogue as data·inclusion v1 services and structures, JSON and CSV.

Every item of both feeds, on the demo network, validates against the schema's
published JSON Schema (v1.0.8, copied in ``reporting/tests/data/`` with its
README), in each language.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from catalog.models import Desk, OpeningHours, Programme, Provider
from reporting import open_data

DATA = Path(__file__).parent / "data"
SCHEMAS = {
    kind: Draft202012Validator(
        json.loads((DATA / f"data-inclusion-v1-{kind}.json").read_text()), format_checker=FormatChecker()
    )
    for kind in ("service", "structure")
}
SERVICES, STRUCTURES = "/api/v1/open/services", "/api/v1/open/structures"


def _all(client, url: str, **params) -> list[dict]:
    items, offset = [], 0
    while True:
        answer = client.get(url, {"limit": 100, "offset": offset, **params})
        assert answer.status_code == 200, answer.content
        body = answer.json()
        items += body["items"]
        offset += 100
        if offset >= body["count"]:
            assert len(items) == body["count"]
            return items


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_every_service_and_structure_of_the_demo_validates_against_the_schema(client, demo_network, lang):
    services, structures = _all(client, SERVICES, lang=lang), _all(client, STRUCTURES, lang=lang)
    for kind, items in (("service", services), ("structure", structures)):
        for item in items:
            errors = sorted(SCHEMAS[kind].iter_errors(item), key=str)
            assert not errors, (item["id"], [e.message for e in errors])
    published = Programme.objects.published().count()
    assert len(services) == published + 2 * Desk.objects.count()
    assert len(structures) == Provider.objects.count() + Desk.objects.count()
    assert len({s["id"] for s in services}) == len(services)
    ids = {s["id"] for s in structures}
    assert all(service["structure_id"] in ids for service in services)


def test_a_programme_is_a_free_training_with_its_trade_criteria_and_sessions(client, demo_network):
    programme = Programme.objects.published().filter(sessions__isnull=False).order_by("slug").first()
    service = next(s for s in _all(client, SERVICES, lang="fr") if s["id"] == f"programme-{programme.slug}")
    assert service["type"] == "formation" and service["frais"] == "gratuit"
    assert "se-former--trouver-sa-formation" in service["thematiques"]
    assert "personnes-exilees" in service["publics"]
    assert service["nombre_semaines"] == programme.duration_weeks
    assert service["lien_source"] == f"http://127.0.0.1:8000{programme.get_absolute_url()}"
    assert service["guichet_metier"]["isco_code"] == programme.trade.isco_code
    assert service["conditions_acces"]  # the criteria in words
    assert service["guichet_sessions"] and {"debut", "places_restantes"} <= set(service["guichet_sessions"][0])
    assert set(service["guichet_traductions"]["title"]) == {"fr", "ar", "en"}
    assert service["code_insee"] is None and service["code_postal"] is None


def test_texts_come_in_the_language_asked(client, demo_network):
    programme = Programme.objects.published().exclude(title_ar="").order_by("slug").first()
    arabic = next(s for s in _all(client, SERVICES, lang="ar") if s["id"] == f"programme-{programme.slug}")
    assert arabic["nom"] == programme.title_ar
    assert client.get(SERVICES, {"lang": "ar", "limit": 1}).headers["Content-Language"] == "ar"


def test_a_desk_is_a_structure_with_its_opening_hours_in_openstreetmap_format(client, demo_network):
    desk = Desk.objects.filter(opening_hours__isnull=False).order_by("slug").first()
    structure = next(s for s in _all(client, STRUCTURES) if s["id"] == f"desk-{desk.slug}")
    assert structure["horaires_accueil"] == open_data.opening_hours_osm(desk.opening_hours.all())
    kinds = {s["type"] for s in _all(client, SERVICES) if s["structure_id"] == f"desk-{desk.slug}"}
    assert kinds == {"information", "accompagnement"}


def test_opening_hours_group_days_that_share_their_hours():
    def hours(day, opens, closes):
        return OpeningHours(weekday=day, opens=opens, closes=closes)

    week = [hours(d, "09:00", "12:00") for d in range(1, 6)] + [hours(d, "14:00", "17:00") for d in range(1, 5)]
    week.append(hours(6, "09:00", "12:00"))
    for h in week:
        h.opens, h.closes = (__import__("datetime").time.fromisoformat(t) for t in (h.opens, h.closes))
    assert open_data.opening_hours_osm(week) == "Mo-Th 09:00-12:00,14:00-17:00; Fr,Sa 09:00-12:00"
    assert open_data.opening_hours_osm([]) is None


def test_pages_across_programmes_and_desks_add_up_to_the_whole_feed(client, demo_network):
    whole = [s["id"] for s in _all(client, SERVICES)]
    for limit in (1, 3, 7):
        paged, offset = [], 0
        while offset < len(whole):
            paged += [s["id"] for s in client.get(SERVICES, {"limit": limit, "offset": offset}).json()["items"]]
            offset += limit
        assert paged == whole


def test_csv_gives_the_whole_feed_with_one_header_and_a_row_per_item(client, demo_network):
    answer = client.get(SERVICES, {"format": "csv", "lang": "fr"})
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(answer.streaming_content).decode())))
    assert [row["id"] for row in rows] == [s["id"] for s in _all(client, SERVICES, lang="fr")]
    assert tuple(rows[0]) == open_data.SERVICE_COLUMNS
    assert rows[0]["thematiques"].split("|") == list(open_data.PROGRAMME_THEMES)
    structures = client.get(STRUCTURES, {"format": "csv"})
    lines = b"".join(structures.streaming_content).decode().strip().splitlines()
    assert len(lines) == 1 + len(_all(client, STRUCTURES))


def test_the_feeds_answer_a_conditional_request_with_304(client, demo_network):
    first = client.get(SERVICES, {"limit": 5})
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(SERVICES, {"limit": 5}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(SERVICES, {"limit": 5}, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(SERVICES, {"limit": 6}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_a_change_to_the_catalogue_changes_the_tag(client, demo_network):
    first = client.get(STRUCTURES)["ETag"]
    provider = Provider.objects.order_by("slug").first()
    provider.name = "Institut renommé"
    provider.save()
    assert client.get(STRUCTURES)["ETag"] != first


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 101},
        {"offset": -1},
        {"offset": 10**12},
        {"format": "xml"},
        {"lang": "de"},
        {"unknown": "1"},
        {"offset": "\x00"},
    ],
)
def test_bad_parameters_are_a_clear_400(client, db, params):
    for url in (SERVICES, STRUCTURES):
        answer = client.get(url, params)
        assert answer.status_code == 400, (url, params, answer.status_code)
        assert answer.json()["detail"]


def test_no_personal_data_ever_appears_in_the_feeds(client, network):
    body = json.dumps(_all(client, SERVICES)) + json.dumps(_all(client, STRUCTURES))
    person = network.casablanca_file
    assert person.last_name not in body and str(person.phone) not in body
