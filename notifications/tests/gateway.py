"""A fake SMS gateway: a real HTTP server on 127.0.0.1, started per test (a fixture plugin, see conftest.py).

Tests of the SMS channel and of every journey that texts a code use it, so
the HTTP adapter is exercised for real, never replaced by a mock.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class FakeGateway(ThreadingHTTPServer):
    """A local SMS gateway that records what it is sent and answers the status it is told to."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _GatewayHandler)
        self.received: list[dict] = []
        self.status = 202

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/messages"


class _GatewayHandler(BaseHTTPRequestHandler):
    server: FakeGateway

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append(
            {"path": self.path, "authorization": self.headers["Authorization"], "json": json.loads(body)}
        )
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
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def sms_over_http(settings, gateway) -> FakeGateway:
    settings.GUICHET_SMS_CHANNEL = "http"
    settings.GUICHET_SMS_GATEWAY_URL = gateway.url
    settings.GUICHET_SMS_GATEWAY_TOKEN = "gateway-token"
    settings.GUICHET_SMS_SENDER = "Guichet"
    return gateway
