"""HTTP caching of public pages: a phone on slow, costly data fetches a page once.

Public catalogue pages are the same for every visitor of a language (the
language is in the URL), so browsers and shared caches may keep them a few
minutes; pages of a signed-in person are never stored anywhere. Error pages and
refused input keep Django's defaults (not cached).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

# Seats left and deadlines change during the day: five minutes keeps a page
# fresh enough while a person goes back and forth between a list and its pages.
# After that, the ETag makes a revalidation cost a few hundred bytes (304).
PUBLIC_PAGE_MAX_AGE = 300

# What public pages depend on besides their URL and language, as a callable
# returning a version that changes with it. The catalogue registers its own at
# start-up (catalog/apps.py): core knows no domain app, only that some content
# versions the pages.
_content_versions: list[Callable[[], object]] = []


def content_version_register(version: Callable[[], object]) -> None:
    """Make every cached public page depend on ``version()`` (registered once per callable)."""
    if version not in _content_versions:
        _content_versions.append(version)


def content_version() -> str:
    """The joined versions of everything registered: part of every cached page's key."""
    return ".".join(str(version()) for version in _content_versions)


def _server_cache_key(request: HttpRequest) -> str | None:
    """Where the server keeps this page for visitors without cookies, or None.

    A visitor with no cookie has no session and no account: the page depends
    only on its URL, its language (in the URL of a page; for the API, from
    ``?lang=`` or Accept-Language) and on the catalogue, whose version is part
    of the key, so any change to the catalogue is seen at once by every worker
    sharing the cache (REDIS_URL), and within the page's lifetime by the others.
    """
    if request.method not in ("GET", "HEAD") or request.COOKIES:
        return None
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{content_version()}:{get_language()}:{request.get_host()}:{digest}"


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a successful page as cacheable by anyone, unless the visitor is signed in.

    Pages rendered for visitors without cookies are also kept on the server for
    the same few minutes: most visits of the catalogue cost no query at all.
    API operations take it through ``ninja.decorators.decorate_view``.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        key = _server_cache_key(request)
        if key is not None:
            cached = cache.get(key)
            if cached is not None:
                return cached
        response = view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        else:
            patch_cache_control(response, public=True, max_age=PUBLIC_PAGE_MAX_AGE)
        patch_vary_headers(response, ("Cookie",))
        if key is not None and not response.streaming and not response.cookies:
            cache.set(key, response, PUBLIC_PAGE_MAX_AGE)
        return response

    return wrapper
