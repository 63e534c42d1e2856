"""HTTP caching of public pages: a phone on slow, costly data fetches a page once.

Public catalogue pages are the same for every visitor of a language (the
language is in the URL), so browsers and shared caches may keep them a few
minutes; pages of a signed-in person are never stored anywhere. Error pages and
refused input keep Django's defaults (not cached).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

# Seats left and deadlines change during the day: five minutes keeps a page
# fresh enough while a person goes back and forth between a list and its pages.
# After that, the ETag makes a revalidation cost a few hundred bytes (304).
PUBLIC_PAGE_MAX_AGE = 300


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a successful page as cacheable by anyone, unless the visitor is signed in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        else:
            patch_cache_control(response, public=True, max_age=PUBLIC_PAGE_MAX_AGE)
        patch_vary_headers(response, ("Cookie",))
        return response

    return wrapper
