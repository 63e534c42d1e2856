"""Static files answer with the same safety headers as pages (SECURITY.md, item 5)."""

from __future__ import annotations

import re

import pytest


@pytest.fixture
def stylesheet_url(client, db) -> str:
    page = client.get("/fr/").content.decode()
    return re.search(r'href="(/static/[^"]+\.css)"', page).group(1)


def test_a_stylesheet_comes_with_the_pages_content_security_policy_and_framing_refusal(client, stylesheet_url):
    page = client.get("/fr/")
    static = client.get(stylesheet_url)
    assert static.status_code == 200
    assert b"".join(static.streaming_content)  # read to its end, which closes the file
    policy = static["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in policy
        assert directive in page["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert static["X-Frame-Options"] == "DENY"
    assert static["X-Content-Type-Options"] == "nosniff"
    assert static["Referrer-Policy"] == page["Referrer-Policy"]
