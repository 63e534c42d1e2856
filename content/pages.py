"""Which pages ask "Did this page help you?", and the one way a page's address is read back from a form.

A page takes feedback when it is public: its view is marked by
``core.caching.public_page`` (catalogue, trades, programmes, providers, desks,
regions, search, the orientation guide, statistics, open data), or it is a step
or the results of the orientation questionnaire. Never the staff area, a
person's own space, the back office, or a link holding a token. A posted page
address is accepted only if it is such a page of this site: a path (no scheme,
no host), with a language prefix, that our URLs resolve.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import Resolver404, ResolverMatch, resolve
from django.utils import translation

from content.models import PATH_MAX_LENGTH

# Public pages that are not content: the offline fallback.
NOT_CONTENT = frozenset({"offline"})
# Pages of the questionnaire, not cached (they show a person's own answers) but public.
QUESTIONNAIRE = frozenset({"orientation:step", "orientation:results"})


def takes_feedback(match: ResolverMatch | None) -> bool:
    if match is None or match.view_name in NOT_CONTENT:
        return False
    return bool(getattr(match.func, "is_public_page", False)) or match.view_name in QUESTIONNAIRE


def request_takes_feedback(request: HttpRequest) -> bool:
    return takes_feedback(getattr(request, "resolver_match", None))


def feedback_page(raw: str) -> tuple[str, str] | None:
    """(the path without its language prefix, the language) of a page of ours that takes feedback, or None.

    The query and fragment are dropped: feedback is about the page, not its filters.
    """
    if not raw or len(raw) > 2 * PATH_MAX_LENGTH or not raw.startswith("/") or raw.startswith("//"):
        return None
    if "\\" in raw or any(ord(c) < 32 for c in raw):
        return None
    parts = urlsplit(raw)
    if parts.scheme or parts.netloc:
        return None
    path = parts.path
    codes = {code for code, _name in settings.LANGUAGES}
    segments = path.split("/", 2)
    if len(segments) < 3 or segments[1] not in codes:
        return None
    language = segments[1]
    page = "/" + segments[2]
    if len(page) > PATH_MAX_LENGTH:
        return None
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            return None
    if not takes_feedback(match):
        return None
    return page, language
