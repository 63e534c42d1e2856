"""Signed-in pages are never cached, and staff sessions end after 30 minutes idle or 12 hours in all."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

SIGNED_IN_AT = "guichet_signed_in_at"
SEEN_AT = "guichet_seen_at"
# Writing the session on every request costs a query: only refresh the idle clock once a minute.
SEEN_AT_RESOLUTION_SECONDS = 60


class SignedInSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Without a session cookie nobody is signed in: leave public pages untouched (no Vary: Cookie).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        signed_in = request.user.is_authenticated
        if signed_in:
            now = time.time()
            signed_in_at = request.session.get(SIGNED_IN_AT, now)
            seen_at = request.session.get(SEEN_AT, now)
            if (
                now - seen_at > settings.GUICHET_SESSION_IDLE_SECONDS
                or now - signed_in_at > settings.GUICHET_SESSION_ABSOLUTE_SECONDS
            ):
                logout(request)
            elif now - seen_at >= SEEN_AT_RESOLUTION_SECONDS or SEEN_AT not in request.session:
                request.session[SEEN_AT] = now
        response = self.get_response(request)
        if signed_in:
            # Personal data must not stay in a shared computer's cache or a proxy.
            add_never_cache_headers(response)
        return response
