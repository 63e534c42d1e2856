"""Signed-in pages are never cached, and staff sessions end after 30 minutes idle or 12 hours in all.

Public pages are kept by browsers for a minute (``core/caching.py``), made for
nobody in particular: the answer to a sign-in or a sign-out tells the browser
to drop what it kept (``Clear-Site-Data: "cache"``), so the next page it shows
is asked again and carries the banner of whoever is now signed in. Only the
HTTP cache: the pages a person saved for offline use stay.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

SIGNED_IN_AT = "guichet_signed_in_at"
# Set on the request by the sign-in and sign-out signals (accounts/signals.py).
SIGNED_IN_OR_OUT = "guichet_signed_in_or_out"
SEEN_AT = "guichet_seen_at"
# Writing the session on every request costs a query: only refresh the idle clock once a minute.
SEEN_AT_RESOLUTION_SECONDS = 60


class SignedInSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Without a session cookie nobody is signed in: leave public pages untouched (no Vary: Cookie).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return _forget_public_pages_kept(request, self.get_response(request))
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
        return _forget_public_pages_kept(request, response)


def _forget_public_pages_kept(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if getattr(request, SIGNED_IN_OR_OUT, False):
        response["Clear-Site-Data"] = '"cache"'
    return response
