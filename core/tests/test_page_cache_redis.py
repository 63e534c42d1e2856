"""The page cache in Redis, shared by every worker: a page comes in one round trip with the catalogue's version,
and a change to the catalogue made by any worker is seen by every other at once."""

from __future__ import annotations

import gzip

import pytest
import redis
from django.core.cache import cache
from django.test import Client

from catalog.models import Trade
from catalog.selectors import CATALOGUE_VERSION_KEY
from core.caching import STATUS_HEADER
from core.tests.own_redis import BACKEND


@pytest.fixture
def shared_cache(settings, own_redis):
    """The default cache in a Redis of the test's own; and a client of it as another worker would have."""
    _server, url = own_redis
    settings.CACHES = {"default": {"BACKEND": BACKEND, "LOCATION": url, "TIMEOUT": 300}}
    return redis.Redis.from_url(url)


def _body(response) -> str:
    content = response.content
    if response.get("Content-Encoding") == "gzip":
        content = gzip.decompress(content)
    return content.decode()


def _commands(server: redis.Redis) -> int:
    """Commands the server has answered so far (this INFO not counted)."""
    return server.info("stats")["total_commands_processed"]


def test_a_page_from_the_cache_costs_one_round_trip_to_redis(client, catalogue, shared_cache):
    client.get("/fr/trades/")
    assert client.get("/fr/trades/")[STATUS_HEADER] == "hit"
    before = _commands(shared_cache)
    again = _commands(shared_cache)
    idle = again - before  # the INFO of ``before`` itself
    response = client.get("/fr/trades/")
    assert response[STATUS_HEADER] == "hit" and "Bijouterie" in _body(response)
    assert _commands(shared_cache) - again - idle == 1  # MGET of the catalogue's version and the page


def test_a_change_to_the_catalogue_made_by_another_worker_serves_fresh_pages_here_at_once(
    client, catalogue, shared_cache
):
    assert "Bijouterie" in _body(client.get("/fr/trades/"))
    # Another worker changes the trade: the database is shared, and so is the version it bumps in Redis.
    Trade.objects.filter(slug="jewellery").update(name_fr="Bijouterie fine")  # no signal here: not this worker
    stale = client.get("/fr/trades/")
    assert stale[STATUS_HEADER] == "hit" and "Bijouterie fine" not in _body(stale)  # nothing told this one yet
    version_key = cache.make_key(CATALOGUE_VERSION_KEY)
    shared_cache.incr(version_key)  # what catalogue_version_bump does in the other worker
    fresh = client.get("/fr/trades/")
    assert fresh[STATUS_HEADER] == "miss" and "Bijouterie fine" in _body(fresh)
    assert client.get("/fr/trades/")[STATUS_HEADER] == "hit"


def test_a_lost_version_is_set_again_and_no_page_of_before_is_served_under_it(client, catalogue, shared_cache):
    client.get("/fr/trades/")
    version_key = cache.make_key(CATALOGUE_VERSION_KEY)
    shared_cache.delete(version_key)  # evicted, or Redis restarted with the pages still there
    shared_cache.set(version_key, 7)  # set again by another worker, at a version no page was kept under
    response = client.get("/fr/trades/")
    assert response.status_code == 200 and response[STATUS_HEADER] == "miss"
    assert client.get("/fr/trades/")[STATUS_HEADER] == "hit"
    shared_cache.delete(version_key)
    assert client.get("/fr/trades/").status_code == 200  # read through the catalogue's own callable, set again
    assert int(shared_cache.get(version_key)) >= 1


def test_a_signed_in_visitor_never_gets_the_page_kept_in_redis(client, network, shared_cache):
    from people.tests.staff import staff_sign_in

    url = network.programme.get_absolute_url()
    client.get(url)
    assert client.get(url)[STATUS_HEADER] == "hit"
    counsellor = staff_sign_in(Client(), network.casablanca_counsellor)
    response = counsellor.get(url)
    assert response.status_code == 200 and not response.has_header(STATUS_HEADER)
    assert "private" in response["Cache-Control"]


def test_the_redis_client_is_built_once_not_for_every_read(shared_cache):
    cache.get("anything")
    client = cache._cache.get_client()
    cache.set("k", 1)
    assert cache.get("k") == 1
    assert cache._cache.get_client() is client and cache._cache.get_client(write=True) is client


def test_a_version_lost_then_set_again_by_the_catalogue_never_brings_back_a_page_of_before(
    client, catalogue, shared_cache
):
    assert "Bijouterie" in _body(client.get("/fr/trades/"))  # kept under the first version
    version_key = cache.make_key(CATALOGUE_VERSION_KEY)
    shared_cache.delete(version_key)  # evicted, or Redis restarted: the pages may outlive it
    Trade.objects.filter(slug="jewellery").update(name_fr="Bijouterie fine")
    response = client.get("/fr/trades/")  # the catalogue sets its version again: never one a page was kept under
    assert response[STATUS_HEADER] == "miss" and "Bijouterie fine" in _body(response)
