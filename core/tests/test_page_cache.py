"""The page cache at the top of the stack: anonymous public pages come whole from it, nothing personal ever does."""

from __future__ import annotations

import gzip
import json

import pytest
from django.test import Client, override_settings

from catalog.models import Trade
from core.caching import STATUS_HEADER
from core.tests import page_cache_urls
from people.tests.staff import staff_sign_in

PUBLIC = (
    "/fr/",
    "/fr/programmes/",
    "/ar/trades/jewellery/",
    "/en/programmes/jewellery-qualification/",
    "/api/v1/programmes",
)


def _body(response) -> str:
    content = response.content
    if response.get("Content-Encoding") == "gzip":
        content = gzip.decompress(content)
    return content.decode()


def _directives(response) -> set[str]:
    return {d.strip() for d in response.get("Cache-Control", "").split(",") if d.strip()}


@pytest.mark.parametrize("path", PUBLIC)
def test_a_second_anonymous_visit_is_answered_from_the_cache_with_the_same_page(client, catalogue, path):
    first = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    second = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert (first.status_code, first[STATUS_HEADER]) == (200, "miss")
    assert (second.status_code, second[STATUS_HEADER]) == (200, "hit")
    assert _body(second) == _body(first)
    for header in ("Content-Type", "Content-Language", "Content-Encoding", "ETag", "Last-Modified", "Cache-Control"):
        assert second[header] == first[header], header
    # The security headers of every answer come with a cached one too.
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert second.has_header(header), header


@pytest.mark.parametrize("path", PUBLIC)
def test_public_answers_may_be_kept_by_anyone_set_no_cookie_and_do_not_vary_on_it(client, catalogue, path):
    for response in (client.get(path), client.get(path)):
        assert _directives(response) == {"public", "max-age=60", "stale-while-revalidate=600"}
        assert response["ETag"] and response["Last-Modified"]
        assert "cookie" not in response.get("Vary", "").lower()
        assert not response.cookies
        assert "csrfmiddlewaretoken" not in _body(response)


def test_a_page_already_seen_costs_a_304_from_the_cache(client, catalogue):
    first = client.get("/fr/programmes/")
    again = client.get("/fr/programmes/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert (again.status_code, again[STATUS_HEADER], again.content) == (304, "hit", b"")
    assert again["ETag"] == first["ETag"] and "public" in again["Cache-Control"]
    since = client.get("/fr/programmes/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    other = client.get("/fr/programmes/", HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200 and _body(other) == _body(first)


def test_a_page_seen_before_the_catalogue_changed_is_sent_again(client, catalogue):
    first = client.get("/en/trades/")
    trade = Trade.objects.get(slug="jewellery")
    trade.name_en = "Fine jewellery"
    trade.save()
    again = client.get("/en/trades/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert (again.status_code, again[STATUS_HEADER]) == (200, "miss")
    assert "Fine jewellery" in _body(again)


def test_a_change_to_the_catalogue_serves_a_fresh_page_at_once(client, catalogue):
    assert "Bijouterie" in _body(client.get("/fr/trades/"))
    assert client.get("/fr/trades/")[STATUS_HEADER] == "hit"
    trade = Trade.objects.get(slug="jewellery")
    trade.name_fr = "Bijouterie fine"
    trade.save()
    fresh = client.get("/fr/trades/")
    assert fresh[STATUS_HEADER] == "miss" and "Bijouterie fine" in _body(fresh)
    api = client.get("/api/v1/trades?lang=fr")
    assert "Bijouterie fine" in _body(api)


def test_head_is_answered_from_the_entry_of_get_without_a_body(client, catalogue):
    full = client.get("/fr/trades/")
    head = client.head("/fr/trades/")
    assert (head.status_code, head[STATUS_HEADER], head.content) == (200, "hit", b"")
    assert head["Content-Length"] == full["Content-Length"] == str(len(full.content))


def test_gzip_and_plain_answers_are_kept_apart(client, catalogue):
    zipped = client.get("/fr/trades/", HTTP_ACCEPT_ENCODING="gzip, br")
    plain = client.get("/fr/trades/", HTTP_ACCEPT_ENCODING="identity")
    assert zipped["Content-Encoding"] == "gzip" and plain[STATUS_HEADER] == "miss"
    assert not plain.has_header("Content-Encoding") and plain.content.decode() == _body(zipped)
    assert client.get("/fr/trades/", HTTP_ACCEPT_ENCODING="gzip")[STATUS_HEADER] == "hit"
    assert client.get("/fr/trades/")[STATUS_HEADER] == "hit"


def test_the_query_string_is_read_as_the_page_reads_it(client, catalogue):
    first = client.get("/fr/programmes/?trade=jewellery&free=1")
    same = client.get("/fr/programmes/?free=1&region=&trade=jewellery&page=1")
    assert same[STATUS_HEADER] == "hit" and _body(same) == _body(first)
    assert client.get("/fr/programmes/?trade=jewellery")[STATUS_HEADER] == "miss"
    # On the API an empty parameter is an error, never the answer of the plain URL.
    client.get("/api/v1/programmes")
    assert client.get("/api/v1/programmes?limit=").status_code == 400
    assert client.get("/api/v1/programmes?offset=0")[STATUS_HEADER] == "hit"


def test_the_api_names_the_language_of_its_body_every_time(client, catalogue):
    for _ in range(2):
        response = client.get("/api/v1/programmes?lang=ar", HTTP_ACCEPT_LANGUAGE="en")
        assert response["Content-Language"] == "ar"
        trades = json.loads(_body(client.get("/api/v1/trades?lang=ar", HTTP_ACCEPT_LANGUAGE="en")))
        assert "صياغة الحلي" in [trade["name"] for trade in trades["items"]]
    by_header = client.get("/api/v1/programmes", HTTP_ACCEPT_LANGUAGE="ar")
    assert by_header[STATUS_HEADER] == "hit" and by_header["Content-Language"] == "ar"
    english = client.get("/api/v1/programmes", HTTP_ACCEPT_LANGUAGE="en")
    assert english[STATUS_HEADER] == "miss" and english["Content-Language"] == "en"
    assert client.get("/api/v1/programmes?lang=en")[STATUS_HEADER] == "hit"


def test_of_all_cookies_only_the_csrf_token_still_gets_the_cached_page(catalogue, settings):
    Client().get("/fr/trades/")
    with_token = Client()
    with_token.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    assert with_token.get("/fr/trades/")[STATUS_HEADER] == "hit"
    for name in (settings.SESSION_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME, "seen-the-tour"):
        other = Client()
        other.cookies[name] = "something"
        response = other.get("/fr/trades/")
        assert response.status_code == 200 and response.get(STATUS_HEADER) != "hit", name


def test_a_signed_in_counsellor_never_receives_a_page_kept_for_someone_else(client, network):
    url = network.programme.get_absolute_url()
    anonymous = client.get(url)
    assert anonymous[STATUS_HEADER] == "miss"
    counsellor = staff_sign_in(Client(), network.casablanca_counsellor)
    for _ in range(2):
        response = counsellor.get(url)
        assert response.status_code == 200 and not response.has_header(STATUS_HEADER)
        assert {"private", "no-store"} <= _directives(response)


def test_a_page_rendered_for_a_signed_in_counsellor_is_never_kept(client, network):
    counsellor = staff_sign_in(Client(), network.casablanca_counsellor)
    assert counsellor.get("/fr/trades/").status_code == 200
    assert client.get("/fr/trades/")[STATUS_HEADER] == "miss"


def test_writes_go_through(client, catalogue):
    client.get("/fr/trades/")
    assert client.post("/fr/trades/").status_code == 405


@override_settings(ROOT_URLCONF="core.tests.page_cache_urls")
@pytest.mark.parametrize("path", ["/fr/token/", "/fr/cookie/", "/fr/vary/", "/fr/private/", "/fr/plain/"])
def test_an_answer_that_sets_a_cookie_varies_on_it_is_private_or_not_marked_public_is_never_kept(db, path):
    client = Client()
    first, second = client.get(path), Client().get(path)
    assert first.status_code == second.status_code == 200
    assert second.get(STATUS_HEADER) != "hit" and second.content != first.content


@override_settings(ROOT_URLCONF="core.tests.page_cache_urls")
def test_a_well_behaved_public_view_is_kept(db):
    first, second = Client().get("/fr/public/"), Client().get("/fr/public/")
    assert second[STATUS_HEADER] == "hit" and second.content == first.content


def test_the_view_behind_is_not_called_for_a_page_in_the_cache(db):
    with override_settings(ROOT_URLCONF="core.tests.page_cache_urls"):
        Client().get("/fr/public/")
        calls = page_cache_urls.calls["count"]
        Client().get("/fr/public/")
        assert page_cache_urls.calls["count"] == calls
