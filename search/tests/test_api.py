"""GET /api/v1/search answers what its OpenAPI document promises, and bad input with a 400 in the caller's language."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator


@pytest.fixture(scope="module")
def openapi(django_db_blocker) -> dict:
    from django.test import Client

    with django_db_blocker.unblock():
        return Client().get("/api/openapi.json").json()


def _validate(openapi: dict, payload: dict, status: str = "200") -> None:
    operation = openapi["paths"]["/api/v1/search"]["get"]
    schema = operation["responses"][status]["content"]["application/json"]["schema"]
    Draft202012Validator({**schema, "components": openapi["components"]}).validate(payload)


def test_a_typo_finds_the_trade_and_its_programmes_with_facets(client, search_catalogue, openapi):
    response = client.get("/api/v1/search", {"q": "couturr", "lang": "en"})
    assert response.status_code == 200
    body = response.json()
    _validate(openapi, body)
    assert body["count"] == 3
    assert body["trades"][0]["slug"] == "tailoring"
    assert body["did_you_mean"] == "couture"
    assert {item["slug"] for item in body["items"]} == {"tailoring-casa", "tailoring-evening", "tailoring-sefrou"}
    assert {v["value"]: v["count"] for v in body["facets"]["city"]} == {"casablanca": 2, "sefrou": 1}


def test_filters_and_facets_respect_each_other(client, search_catalogue, openapi):
    body = client.get("/api/v1/search", {"q": "couture", "region": "fes-meknes"}).json()
    _validate(openapi, body)
    assert [item["slug"] for item in body["items"]] == ["tailoring-sefrou"]
    assert {v["value"]: v["count"] for v in body["facets"]["region"]} == {"casablanca-settat": 2, "fes-meknes": 1}
    assert {v["value"]: v["count"] for v in body["facets"]["schedule"]} == {"full_time": 1}


def test_texts_come_in_the_language_asked(client, search_catalogue):
    body = client.get("/api/v1/search", {"q": "نجارة", "lang": "ar"}).json()
    assert body["trades"][0]["name"] == "النجارة"
    assert body["items"][0]["title"] == "النجارة – تدرج مهني"


def test_limit_and_offset_page_through_the_ranked_programmes(client, search_catalogue):
    everything = client.get("/api/v1/search", {"q": "couture"}).json()["items"]
    second = client.get("/api/v1/search", {"q": "couture", "limit": 1, "offset": 1}).json()
    assert second["count"] == 3
    assert [item["slug"] for item in second["items"]] == [everything[1]["slug"]]


def test_nothing_found_answers_the_closest_trades(client, search_catalogue, openapi):
    body = client.get("/api/v1/search", {"q": "qqqqqq zzzzzz"}).json()
    _validate(openapi, body)
    assert body["count"] == 0
    assert body["trades"] == []
    assert len(body["closest_trades"]) == 3


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "   "},
        {"q": "a" * 10_000},
        {"q": "bad\x00null"},
        {"q": "couture", "schedule": "sometimes"},
        {"q": "couture", "free": "maybe"},
        {"q": "couture", "limit": "0"},
        {"q": "couture", "limit": "1000"},
        {"q": "couture", "offset": "-1"},
        {"q": "couture", "limit": "many"},
        {"q": "couture", "unknown": "1"},
        {"q": "couture", "lang": "xx"},
    ],
)
def test_bad_input_answers_400_json(client, search_catalogue, openapi, params):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 400
    body = response.json()
    _validate(openapi, body, "400")
    assert body["detail"]


def test_errors_are_in_the_callers_language(client, search_catalogue):
    body = client.get("/api/v1/search", {"q": "", "lang": "fr"}).json()
    assert body["detail"] != "Type at least one word to search."


@pytest.mark.parametrize("query", ['"', "*", "AND", "NEAR(a b)", "x:y", "');--", "\x01", "🧵", "(((", "^"])
def test_engine_syntax_never_fails(client, search_catalogue, query):
    response = client.get("/api/v1/search", {"q": query})
    assert response.status_code in {200, 400}
    assert "detail" in response.json() or "count" in response.json()
