"""No NUL character gets past the edge: PostgreSQL refuses it in text, so it would end in a 500.

One middleware looks at every input a view may read (the path, form fields
and a JSON body everywhere, the query string of the API) and raises
``SuspiciousOperation``: Django answers 400 with the project's own error
page, in the request's language, or its JSON error under ``/api/``. The
values are never logged. The query string of a page is left to the page's
form, which refuses a NUL too (Django's text fields do) and says which field
to fix: a better answer for a person than a generic error page.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse

NUL = "\x00"
API_PREFIX = "/api/"


class NulCharacter(SuspiciousOperation):
    """A request holds a NUL character: a client error (400), logged without the value."""


def _holds_nul(value: object) -> bool:
    """True if a JSON value, its keys included, holds a NUL anywhere."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def _pairs_hold_nul(pairs: Iterable[tuple[str, list]]) -> bool:
    return any(NUL in key or any(isinstance(v, str) and NUL in v for v in values) for key, values in pairs)


def request_holds_nul(request: HttpRequest) -> str | None:
    """Where a NUL is (path, query, form or json), or None."""
    if NUL in request.path_info:
        return "path"
    if request.path_info.startswith(API_PREFIX) and _pairs_hold_nul(request.GET.lists()):
        return "query"
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return None
    content_type = request.content_type or ""
    if content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        return "form" if _pairs_hold_nul(request.POST.lists()) else None
    if content_type == "application/json" or content_type.endswith("+json"):
        if b"\x00" in request.body:
            return "json"
        try:
            data = json.loads(request.body)
        except ValueError:
            return None  # not JSON: the view answers its own 4xx
        return "json" if _holds_nul(data) else None
    return None


class RefuseNulMiddleware:
    """Answers 400 to a request holding a NUL character in any input a view reads."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = request_holds_nul(request)
        if where is not None:
            raise NulCharacter(f"NUL character in the request's {where}")
        return self.get_response(request)
