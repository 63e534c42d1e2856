"""The shared cache (Redis) fails soft: when it is down, every read is a miss and every write is dropped.

Pages and the API then answer from the database, slower but answered; the
outage is logged once, when it starts, and once more when the cache is back.
``/healthz`` asks ``ping()`` and says the cache is degraded while staying 200.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)

# One flag per process (Django keeps one cache object per thread): the outage is logged once.
_state = {"down": False}


def _outage_begins(exc: Exception) -> None:
    if not _state["down"]:
        _state["down"] = True
        logger.warning("cache unavailable, serving from the database: %s", type(exc).__name__)


def _outage_ends() -> None:
    if _state["down"]:
        _state["down"] = False
        logger.warning("cache available again")


class SharedClientRedisCacheClient(RedisCacheClient):
    """Django's client, with one ``redis.Redis`` per connection pool instead of a new one for every call.

    Building a ``redis.Redis`` fills its table of reply callbacks (some 160 entries): about 100 µs of
    Python, twice the rest of a cache read, paid on every ``get``. The object holds no connection of its
    own (the pool does) and is safe to share between threads, as redis-py documents.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))  # pools live as long as this object: their id stays theirs
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FailSoftRedisCache(RedisCache):
    """Django's Redis cache, where an unreachable server behaves as an empty cache."""

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    def _soft(self, fallback: Any, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            result = call(*args, **kwargs)
        except UNREACHABLE as exc:
            _outage_begins(exc)
            return fallback
        _outage_ends()
        return result

    def ping(self) -> bool:
        """True when the server answers (for /healthz)."""
        return bool(self._soft(False, lambda: self._cache.get_client().ping()))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return self._soft(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None) -> Any:
        return self._soft(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        self._soft(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return self._soft(False, super().touch, key, timeout, version)

    def delete(self, key, version=None) -> bool:
        return self._soft(False, super().delete, key, version)

    def get_many(self, keys, version=None) -> dict:
        return self._soft({}, super().get_many, keys, version)

    def has_key(self, key, version=None) -> bool:
        return self._soft(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None) -> int:
        missing = object()
        result = self._soft(missing, super().incr, key, delta, version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")  # a miss, as Django's API says
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None) -> list:
        return self._soft([], super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None) -> None:
        self._soft(None, super().delete_many, keys, version)

    def clear(self) -> bool:
        return self._soft(False, super().clear)
