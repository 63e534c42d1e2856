"""The search page and the search box every page carries."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("strict_templates")


@pytest.mark.parametrize("path", ["/fr/", "/ar/programmes/", "/en/trades/", "/en/desks/", "/fr/orientation/"])
def test_every_page_has_a_labelled_search_box_that_works_without_javascript(client, search_catalogue, path):
    html = client.get(path).content.decode()
    assert '<form class="site-search" role="search" method="get" action="' in html
    assert '<label class="visually-hidden" for="site-search-q">' in html
    assert 'id="site-search-q" name="q"' in html


def test_a_typo_finds_the_trade_and_its_trainings_and_says_what_it_understood(client, search_catalogue):
    response = client.get("/en/search/", {"q": "couturr"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Did you mean" in html
    assert "q=couture" in html
    assert "/en/trades/tailoring/" in html
    assert "3 trainings found" in html
    assert "Tailoring – qualification" in html


def test_results_are_in_the_visitors_language(client, search_catalogue):
    html = client.get("/ar/search/", {"q": "tailoring"}).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "الخياطة – تأهيل" in html


def test_facets_link_to_the_same_search_narrowed_and_show_counts(client, search_catalogue):
    html = client.get("/en/search/", {"q": "couture"}).content.decode()
    assert "Narrow down" in html
    assert 'href="?q=couture&amp;city=sefrou"' in html
    assert 'Sefrou <span class="count">(1)</span>' in html


def test_a_selected_facet_is_marked_and_links_back_to_all(client, search_catalogue):
    html = client.get("/en/search/", {"q": "couture", "city": "sefrou"}).content.decode()
    assert "1 training found" in html
    assert 'href="?q=couture" aria-current="true"' in html


def test_filters_that_are_not_facets_apply_too(client, search_catalogue):
    html = client.get("/en/search/", {"q": "couture", "free": "1"}).content.decode()
    assert "2 trainings found" in html


def test_a_search_that_finds_nothing_is_not_a_dead_end(client, search_catalogue):
    response = client.get("/fr/search/", {"q": "qqqqqq zzzzzz"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/fr/orientation/"' in html
    assert 'href="/fr/desks/"' in html
    assert 'class="trade-grid"' in html


def test_filters_that_exclude_everything_still_offer_a_way_on(client, search_catalogue):
    html = client.get("/en/search/", {"q": "couture", "trade": "joinery"}).content.decode()
    assert "0 trainings found" in html
    assert 'href="/en/desks/"' in html


def test_an_empty_search_shows_the_trades_to_browse(client, search_catalogue):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert "/en/trades/joinery/" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "a" * 10_000},
        {"q": "couture", "schedule": "sometimes"},
        {"q": "couture", "city": "atlantis"},
        {"q": "bad\x00null"},
    ],
)
def test_bad_input_gets_a_400_page_that_says_what_to_fix(client, search_catalogue, params):
    response = client.get("/en/search/", params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Your search could not be used" in html
    assert 'role="alert"' in html


@pytest.mark.parametrize(
    "query",
    ['"', "*", "AND OR NOT", "NEAR(", "title:x", "'; DROP TABLE x;--", "\x01\x1f", "🧵", "ـــ", "<script>"],
)
def test_engine_syntax_in_a_query_answers_a_page(client, search_catalogue, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


@pytest.mark.parametrize("page", ["0", "-1", "abc", "9999"])
def test_pages_out_of_range_are_not_found(client, search_catalogue, page):
    assert client.get("/en/search/", {"q": "couture", "page": page}).status_code == 404


def test_the_results_page_reads_a_fixed_number_of_queries(client, search_catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        client.get("/en/search/", {"q": "couture"})


def test_the_query_echoed_back_is_isolated_and_without_bidi_controls(client, search_catalogue):
    html = client.get("/en/search/", {"q": "coutu\u202err"}).content.decode()
    assert "Did you mean <a" in html and "<bdi>couture</bdi></a>?" in html
    assert "<title>Search: couturr" in html
    assert "\u202e" not in html
