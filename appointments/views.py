"""Public pages of the desk's day. Thin: selectors read, services write."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse


def free_times(request: HttpRequest, slug: str, reason: str) -> HttpResponse:
    raise Http404  # built next: the free times of a desk for a reason


def manage(request: HttpRequest, token: str) -> HttpResponse:
    raise Http404  # built next: cancel or move with the link sent to the person
