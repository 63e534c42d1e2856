"""A Redis server of a test's own, for the tests of the shared cache."""

from __future__ import annotations

import subprocess
import time

import pytest
import redis

from core.tests.own_redis import free_port


@pytest.fixture
def own_redis():
    """A redis-server of this test's own, on a free port: stopping it touches no shared server."""
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(host="127.0.0.1", port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield server, f"redis://127.0.0.1:{port}/0"
    if server.poll() is None:
        server.kill()
        server.wait()
