"""The cache goes down mid-run: public pages and the API, answered from it until then, still answer from the
database; /healthz says so."""

from __future__ import annotations

import logging

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from core.tests.own_redis import BACKEND, free_port


def _public_paths() -> list[str]:
    with translation.override("fr"):
        return [
            reverse("catalog:home"),
            reverse("catalog:programme_list"),
            reverse("catalog:trade_list"),
            reverse("search:results") + "?q=couture",
            "/api/v1/programmes",
        ]


def test_pages_and_the_api_answer_from_the_database_when_the_cache_stops(
    client, catalogue, settings, own_redis, caplog
):
    server, url = own_redis
    settings.CACHES = {"default": {"BACKEND": BACKEND, "LOCATION": url, "TIMEOUT": 300}}
    for path in _public_paths():
        assert client.get(path).status_code == 200, path
        again = client.get(path)
        assert (again.status_code, again["X-Page-Cache"]) == (200, "hit"), path
    assert client.get("/healthz").json()["cache"] == "up"

    server.kill()
    server.wait()
    with caplog.at_level(logging.WARNING, logger="core.cache_backend"):
        for _ in range(2):
            for path in _public_paths():
                response = client.get(path)
                assert (response.status_code, response["X-Page-Cache"]) == (200, "miss"), path
        health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["cache"] == "degraded"
    assert len([r for r in caplog.records if r.name == "core.cache_backend"]) == 1


def test_every_cache_call_is_a_miss_while_the_cache_is_down(settings):
    settings.CACHES = {"default": {"BACKEND": BACKEND, "LOCATION": f"redis://127.0.0.1:{free_port()}/0"}}
    assert cache.get("k", "default") == "default"
    assert cache.get_many(["k"]) == {}
    assert cache.get_or_set("k", 1) == 1
    assert cache.add("k", 1) is False
    assert cache.has_key("k") is False
    cache.set("k", 1)
    cache.set_many({"k": 1})
    cache.delete("k")
    cache.delete_many(["k"])
    cache.touch("k")
    cache.clear()
    with pytest.raises(ValueError):
        cache.incr("k")
