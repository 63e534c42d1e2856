"""Budgets of a first visit (bytes are deterministic, unlike time) and HTTP caching."""

from __future__ import annotations

import re

import pytest

from catalog.tests import factories as f
from tests.pages import (
    BUDGET_BYTES,
    EXPECTED_STATUS,
    LANGUAGES,
    PERSONAL_PAGES,
    PUBLIC_PAGES,
    budget_table,
    first_visit,
)

ONE_YEAR = 31536000


@pytest.fixture
def full_catalogue(catalogue, settings):
    """A full page of results and long lists, as on the real network."""
    for n in range(settings.GUICHET_PAGE_SIZE + 5):
        programme = f.ProgrammeFactory(
            slug=f"extra-{n}", trade=catalogue.jewellery, provider=catalogue.institute, city=catalogue.casablanca
        )
        f.SessionFactory(programme=programme)
    return catalogue


def test_first_visit_of_every_public_page_is_under_50_kb_compressed(client, full_catalogue, record_property):
    rows = []
    for lang in LANGUAGES:
        for name, pattern in PUBLIC_PAGES.items():
            rows.append((name, lang, first_visit(client, pattern.format(lang=lang))))
    record_property("report", budget_table(rows))
    over = [(name, lang, visit.total) for name, lang, visit in rows if visit.total > BUDGET_BYTES]
    assert not over


def test_pages_need_no_web_font_one_stylesheet_one_script_and_one_pictogram_sprite(client, full_catalogue):
    visit = first_visit(client, "/fr/programmes/")
    kinds = sorted(re.sub(r"\.[0-9a-f]{12}\.", ".", url).rsplit("/", 1)[-1] for url in visit.assets)
    assert kinds == ["guichet.css", "guichet.js", "icon.svg", "trades.svg"]


def test_static_files_are_fingerprinted_compressed_and_cached_for_a_year(client, catalogue):
    visit = first_visit(client, "/en/")
    for url in visit.assets:
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", url), url
        for encoding in ("br", "gzip"):
            response = client.get(url, HTTP_ACCEPT_ENCODING=encoding)
            assert response["Content-Encoding"] == encoding, url
            assert f"max-age={ONE_YEAR}" in response["Cache-Control"]
            assert "immutable" in response["Cache-Control"]
            b"".join(response.streaming_content)  # read to the end, which closes the file


@pytest.mark.parametrize("name", sorted(set(PUBLIC_PAGES) - set(EXPECTED_STATUS) - PERSONAL_PAGES))
def test_public_pages_may_be_cached_by_anyone_for_a_minute(client, catalogue, name):
    response = client.get(PUBLIC_PAGES[name].format(lang="ar"))
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60", "stale-while-revalidate=600"}
    # Nobody signed in sends no cookie: the page is the same for all, and says so (core/caching.py).
    assert "Cookie" not in response.get("Vary", "") and not response.cookies
    assert response["ETag"] and response["Last-Modified"]


@pytest.mark.parametrize("name", sorted(PERSONAL_PAGES))
def test_pages_with_a_persons_answers_are_never_cached(client, catalogue, name):
    response = client.get(PUBLIC_PAGES[name].format(lang="ar"))
    assert response.status_code == 200
    assert "public" not in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_a_page_seen_before_costs_a_304_when_revalidated(client, catalogue):
    etag = client.get("/fr/programmes/")["ETag"]
    again = client.get("/fr/programmes/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize("name", sorted(EXPECTED_STATUS))
def test_error_pages_are_not_cached(client, catalogue, name):
    response = client.get(PUBLIC_PAGES[name].format(lang="fr"))
    assert response.status_code == EXPECTED_STATUS[name]
    assert "public" not in response.get("Cache-Control", "")


def test_pages_of_a_signed_in_person_are_never_stored(admin_client, catalogue):
    response = admin_client.get("/fr/programmes/")
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "public" not in admin_client.get("/fr/admin/").get("Cache-Control", "")
