"""A fake SMS gateway: a real HTTP server on 127.0.0.1, started per test (a fixture plugin, see conftest.py).

Tests of the SMS channel, of the outbox and of every journey that texts a
code use it, so the HTTP adapter is exercised for real, never replaced by a
mock. A test tells it how to misbehave: answer an error status
(``answer(500)``), take longer than the channel's timeout (``time_out()``),
or hang up without answering (``hang_up()``).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

# The channel's timeout in tests: short, so a test of a gateway that times out stays quick.
TEST_TIMEOUT_SECONDS = 0.5


class FakeGateway(ThreadingHTTPServer):
    """A local SMS gateway that records what it is sent and answers the way it is told to."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _GatewayHandler)
        self.received: list[dict] = []
        self.status = 202
        self.delay_seconds = 0.0
        self.hanging_up = False
        self._released = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/messages"

    def answer(self, status: int) -> None:
        """Answer every request with this HTTP status (202 accepts, 500 is an outage)."""
        self.status, self.delay_seconds, self.hanging_up = status, 0.0, False

    def time_out(self, seconds: float = TEST_TIMEOUT_SECONDS * 4) -> None:
        """Answer only after ``seconds``: longer than the channel waits."""
        self.delay_seconds = seconds

    def hang_up(self) -> None:
        """Close the connection without an answer, as a crashing gateway does."""
        self.hanging_up = True

    def recover(self) -> None:
        self.answer(202)

    def release(self) -> None:
        """Let requests still waiting in ``time_out`` go (at the end of a test)."""
        self._released.set()


class _GatewayHandler(BaseHTTPRequestHandler):
    server: FakeGateway

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append(
            {"path": self.path, "authorization": self.headers["Authorization"], "json": json.loads(body)}
        )
        if self.server.hanging_up:
            self.close_connection = True
            return
        if self.server.delay_seconds:
            self.server._released.wait(self.server.delay_seconds)
        self.send_response(self.server.status)
        self.end_headers()

    def log_message(self, *args) -> None:
        """Silent: a gateway log would hold the phone numbers."""


@pytest.fixture
def gateway() -> Iterator[FakeGateway]:
    server = FakeGateway()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.release()
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def sms_over_http(settings, gateway) -> FakeGateway:
    settings.GUICHET_SMS_CHANNEL = "http"
    settings.GUICHET_SMS_GATEWAY_URL = gateway.url
    settings.GUICHET_SMS_GATEWAY_TOKEN = "gateway-token"
    settings.GUICHET_SMS_SENDER = "Guichet"
    settings.GUICHET_SMS_TIMEOUT_SECONDS = TEST_TIMEOUT_SECONDS
    return gateway


def wait_for(condition, *, seconds: float = 5.0) -> None:
    """Wait until ``condition()`` is true (a request reaching the gateway from another thread)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("The gateway did not see what the test waited for.")
        time.sleep(0.01)
