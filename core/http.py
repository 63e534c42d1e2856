"""What a request says about where it comes from."""

from __future__ import annotations

from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The peer address. Behind a proxy, the proxy must pass it in REMOTE_ADDR (e.g. gunicorn's forwarded-allow-ips)."""
    return request.META.get("REMOTE_ADDR") or None
