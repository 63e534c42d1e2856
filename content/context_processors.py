"""What the end of a public page needs for its feedback form (templates/base.html)."""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest

from content.pages import request_takes_feedback
from core.caching import content_version


def _page_feedback(request: HttpRequest) -> dict | None:
    if not request_takes_feedback(request):
        return None
    # The same for every visitor of the page: the path and the content version are both in the page
    # cache's key (core/caching.py), so the form keeps the page cacheable. The query is left out.
    version = getattr(request, "content_version", None) or content_version()
    return {"page": request.path, "version": version}


def page_feedback(request: HttpRequest) -> dict:
    """``page_feedback``: called by the template only where a page lays out its end (lazily, once)."""
    return {"page_feedback": partial(_page_feedback, request)}
