"""Malformed input gets a clear answer in the visitor's language, never a 500."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("strict_templates")


@pytest.mark.parametrize(
    "query",
    [
        "trade=no-such-trade",
        "region=atlantis",
        "city=%00",
        "schedule=sometimes",
        "language=klingon",
        "starts_within=soon",
        "starts_within=-3",
        "starts_within=99999999999999999999",
        "free=maybe",
        "seats=2",
        "trade=%E2%80%AE%3Cscript%3E",
    ],
)
def test_invalid_filters_get_a_400_page_that_names_the_filter(client, catalogue, query):
    response = client.get(f"/en/programmes/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Some filters could not be used" in html
    assert 'role="alert"' in html
    assert "<script>" not in html


def test_invalid_filter_message_is_in_the_visitors_language(client, catalogue):
    html = client.get("/ar/programmes/?schedule=sometimes").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "Some filters could not be used" not in html


@pytest.mark.parametrize("page", ["0", "-1", "abc", "9999", "1.5", "%00"])
def test_out_of_range_or_malformed_pages_are_not_found(client, catalogue, page):
    response = client.get(f"/en/programmes/?page={page}")
    assert response.status_code == 404
    assert "We could not find this page" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/fr/programmes/no-such-programme/",
        "/ar/trades/no-such-trade/",
        "/en/desks/nowhere/",
        "/en/providers/nobody/",
        "/xx/programmes/",
        "/de/",
        "/fr/programmes/%D8%B9%D8%B1%D8%A8%D9%8A/",
    ],
)
def test_unknown_slugs_and_languages_get_a_translated_404_page(client, catalogue, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "<html lang=" in response.content.decode()


def test_a_404_page_in_arabic_is_right_to_left(client, catalogue):
    response = client.get("/ar/programmes/no-such-programme/")
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_public_pages_refuse_writes(client, catalogue, method):
    assert getattr(client, method)("/fr/programmes/").status_code in (403, 405)


def test_unknown_query_parameters_on_pages_are_ignored(client, catalogue):
    assert client.get("/fr/programmes/?utm_source=flyer").status_code == 200
