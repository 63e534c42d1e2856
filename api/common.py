"""What every router of the API shares: its errors, its language, its one paging policy.

Paging: every list takes ``limit`` (1 to ``MAX_LIMIT``) and ``offset`` (0 to
``MAX_OFFSET``); a value out of range answers 400 with a translated message,
on every list alike, never a silently corrected page and never a 500 (a huge
offset would overflow the database's integers).
"""

from __future__ import annotations

import datetime
import json
from typing import Annotated, Literal, get_args

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from pydantic import Field

from catalog.models import Session

Lang = Literal["fr", "ar", "en"]
LANGS = get_args(Lang)
MAX_LIMIT = 100
# Far beyond any list the network holds (thousands of programmes); small enough for every database's integers.
MAX_OFFSET = 1_000_000
PAGE_PARAMS = {"limit", "offset", "lang"}
# What a slug of the catalogue may hold (Django's SlugField): the document states it for values read from the database.
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"

# The bounds of a page as the OpenAPI document states them; ``page_check`` enforces them with its own message.
Limit = Annotated[int, Field(json_schema_extra={"minimum": 1, "maximum": MAX_LIMIT})]
Offset = Annotated[int, Field(json_schema_extra={"minimum": 0, "maximum": MAX_OFFSET})]


class ApiError(Exception):
    """A client error the API answers as JSON with a translated message."""

    def __init__(self, status: int, detail: str, errors: dict | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors or {}


def use_language(lang: str | None) -> None:
    """``?lang=`` wins over Accept-Language (which LocaleMiddleware already applied)."""
    if lang:
        translation.activate(lang)


def language_asked(request: HttpRequest) -> str | None:
    """The language a caller asked for with ``?lang=`` or ``"lang"`` in a JSON body, if one we speak.

    Read from the raw request so that the message of a request refused
    before its handler runs (a parameter or body that does not validate)
    is in the caller's language too.
    """
    lang = request.GET.get("lang")
    if lang in LANGS:
        return lang
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body)
        except ValueError:
            return None
        if isinstance(body, dict) and body.get("lang") in LANGS:
            return body["lang"]
    return None


def check_params(request: HttpRequest, allowed: set[str]) -> None:
    """A 400 naming every query parameter the operation does not know."""
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise ApiError(
            400,
            _("Unknown parameter(s): %(names)s.") % {"names": ", ".join(unknown)},
            {name: [_("This parameter is not known.")] for name in unknown},
        )


def page_check(limit: int, offset: int) -> None:
    """The one paging policy: out of range is a 400, on every list."""
    if not 1 <= limit <= MAX_LIMIT:
        raise ApiError(400, _("limit must be between 1 and %(max)d.") % {"max": MAX_LIMIT})
    if offset < 0:
        raise ApiError(400, _("offset cannot be negative."))
    if offset > MAX_OFFSET:
        raise ApiError(400, _("offset cannot be more than %(max)d.") % {"max": MAX_OFFSET})


def page(items: QuerySet, limit: int, offset: int) -> tuple[int, list]:
    """(count, the page's items) of a checked page."""
    page_check(limit, offset)
    return items.count(), list(items[offset : offset + limit])


def ref(obj) -> dict:
    return {"slug": obj.slug, "name": obj.name}


def session_dict(session: Session, today: datetime.date) -> dict:
    return {
        "start_date": session.start_date,
        "end_date": session.end_date,
        "application_deadline": session.application_deadline,
        "capacity": session.capacity,
        "seats_left": session.seats_left,
        "is_open": session.is_open_on(today),
    }
