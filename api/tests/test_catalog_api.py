"""The public read API answers what its OpenAPI document promises."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator


@pytest.fixture(scope="module")
def openapi(django_db_blocker) -> dict:
    from django.test import Client

    with django_db_blocker.unblock():
        return Client().get("/api/openapi.json").json()


def _validate(openapi: dict, path: str, payload: dict, status: str = "200") -> None:
    operation = openapi["paths"][path]["get"]
    schema = operation["responses"][status]["content"]["application/json"]["schema"]
    Draft202012Validator({**schema, "components": openapi["components"]}).validate(payload)


def test_openapi_document_lists_the_stable_paths(openapi):
    assert openapi["openapi"].startswith("3.1")
    for path in (
        "/api/v1/trades",
        "/api/v1/programmes",
        "/api/v1/programmes/{slug}",
        "/api/v1/desks",
        "/api/v1/providers",
    ):
        assert path in openapi["paths"]


def test_api_docs_page_is_served_without_a_cdn(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"cdn" not in response.content.lower()


@pytest.mark.parametrize("path", ["/api/v1/trades", "/api/v1/programmes", "/api/v1/desks", "/api/v1/providers"])
def test_list_endpoints_answer_count_and_items_matching_the_schema(client, catalogue, openapi, path):
    response = client.get(path)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "items"}
    assert body["count"] >= len(body["items"]) > 0
    _validate(openapi, path, body)


def test_programme_detail_has_sessions_and_admission_criteria(client, catalogue, openapi):
    response = client.get("/api/v1/programmes/jewellery-qualification?lang=en")
    assert response.status_code == 200
    body = response.json()
    _validate(openapi, "/api/v1/programmes/{slug}", body)
    assert body["title"] == "Jewellery – qualification"
    assert body["admission"]["min_age"] == 15
    assert body["admission"]["max_age"] == 30
    assert body["admission"]["min_schooling"] == 3
    assert [s["seats_left"] for s in body["sessions"]] == [2, 12]
    assert body["next_session"]["is_open"] is True
    assert body["url"] == "/en/programmes/jewellery-qualification/"


@pytest.mark.parametrize(
    ("params", "headers", "expected"),
    [
        ("?lang=ar", {}, "صياغة الحلي"),
        ("?lang=en", {"HTTP_ACCEPT_LANGUAGE": "ar"}, "Jewellery"),
        ("", {"HTTP_ACCEPT_LANGUAGE": "ar"}, "صياغة الحلي"),
        ("", {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}, "Jewellery"),
        ("", {}, "Bijouterie"),
    ],
)
def test_language_comes_from_lang_parameter_then_accept_language(client, catalogue, params, headers, expected):
    body = client.get(f"/api/v1/trades{params}", **headers).json()
    assert expected in [item["name"] for item in body["items"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("trade=tailoring", {"tailoring-evening", "tailoring-sefrou"}),
        ("region=fes-meknes", {"tailoring-sefrou"}),
        ("schedule=evenings", {"tailoring-evening"}),
        ("language=ar&free=1", {"jewellery-qualification"}),
        ("seats=1", {"jewellery-qualification"}),
        ("starts_within=4", {"jewellery-qualification"}),
    ],
)
def test_programme_filters_are_the_same_as_the_pages(client, catalogue, query, expected):
    body = client.get(f"/api/v1/programmes?{query}").json()
    assert {item["slug"] for item in body["items"]} == expected
    assert body["count"] == len(expected)


def test_limit_and_offset_page_through_results(client, catalogue):
    first = client.get("/api/v1/programmes?limit=2").json()
    rest = client.get("/api/v1/programmes?limit=2&offset=2").json()
    assert first["count"] == rest["count"] == 3
    assert len(first["items"]) == 2 and len(rest["items"]) == 1
    assert not {i["slug"] for i in first["items"]} & {i["slug"] for i in rest["items"]}


def test_unpublished_programmes_are_not_in_the_api(client, catalogue):
    assert client.get("/api/v1/programmes/unpublished").status_code == 404
    slugs = {i["slug"] for i in client.get("/api/v1/programmes?limit=100").json()["items"]}
    assert "unpublished" not in slugs


@pytest.mark.parametrize(
    "query",
    [
        "trade=nope",
        "schedule=sometimes",
        "starts_within=abc",
        "starts_within=0",
        "free=maybe",
        "limit=0",
        "limit=1000",
        "offset=-1",
        "limit=abc",
        "lang=xx",
        "colour=blue",
    ],
)
def test_bad_parameters_get_a_400_json_error(client, catalogue, openapi, query):
    response = client.get(f"/api/v1/programmes?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"]
    _validate(openapi, "/api/v1/programmes", body, "400")


def test_error_messages_follow_the_callers_language(client, catalogue):
    english = client.get("/api/v1/programmes?colour=blue", HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
    arabic = client.get("/api/v1/programmes?colour=blue", HTTP_ACCEPT_LANGUAGE="ar").json()["detail"]
    assert "colour" in english and "colour" in arabic
    assert english != arabic


@pytest.mark.parametrize("path", ["/api/v1/programmes/nope", "/api/v1/nothing", "/api/v2/trades"])
def test_unknown_resources_get_a_404_json_error(client, catalogue, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["detail"]


def test_api_list_makes_a_fixed_number_of_queries(client, catalogue, django_assert_max_num_queries):
    from catalog.tests import factories as f

    for n in range(20):
        f.SessionFactory(programme=f.ProgrammeFactory(slug=f"many-{n}", trade=catalogue.tailoring))
    with django_assert_max_num_queries(10):
        assert client.get("/api/v1/programmes?limit=100").status_code == 200
