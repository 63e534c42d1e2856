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
from django.core.cache.backends.redis import RedisCache
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


class FailSoftRedisCache(RedisCache):
    """Django's Redis cache, where an unreachable server behaves as an empty cache."""

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
