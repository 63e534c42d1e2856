"""A Redis server of a test's own (core/tests/conftest.py's ``own_redis``), for the tests of the shared cache."""

from __future__ import annotations

import socket

BACKEND = "core.cache_backend.FailSoftRedisCache"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
