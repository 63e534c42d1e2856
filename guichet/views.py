"""Project-wide views: health check, error pages in the user's language, offline reading."""

from __future__ import annotations

import logging
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from catalog import selectors
from core.caching import public_page
from guichet.offline import region_offline_manifest

logger = logging.getLogger(__name__)


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 otherwise (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.warning("healthz: database unavailable")
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    # The cache fails soft (core/cache_backend.py): without it pages are slower, still served, so still 200.
    cache_up = getattr(cache, "ping", lambda: True)()
    if not cache_up:
        return JsonResponse({"status": "degraded", "database": "up", "cache": "degraded"})
    return JsonResponse({"status": "ok", "database": "up", "cache": "up"})


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": _("The request is malformed.")}, status=400)
    return render(request, "400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its token (expired page, cookies off): our page, in the page's language, 403."""
    if _is_api(request):
        return JsonResponse({"detail": _("This form has expired")}, status=403)
    return render(request, "403_csrf.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """No database, no context processors: this page must render when all else fails."""
    if _is_api(request):
        return JsonResponse({"detail": _("Something went wrong on our side. Please try again later.")}, status=500)
    return HttpResponse(loader.get_template("500.html").render({"request_path": request.path}), status=500)


@cache_control(no_cache=True, max_age=0)
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, from the site root so that it may keep every language's pages.

    Its source lives with the other scripts (static/js/sw.js); the browser checks
    this URL for a new version on each visit, hence no-cache.
    """
    path = finders.find("js/sw.js")
    if path is None:
        raise Http404("js/sw.js")
    return HttpResponse(Path(path).read_bytes(), content_type="text/javascript; charset=utf-8")


@public_page
def offline(request: HttpRequest) -> HttpResponse:
    """Shown by the service worker, offline, for a page that was never saved."""
    return render(request, "offline.html")


@cache_control(public=True, max_age=86400)
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest, in the page's language: Guichet can be installed on a phone."""
    language = get_language()
    icons = [
        {
            "src": static(f"img/icon-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "any maskable",
        }
        for size in (192, 512)
    ]
    icons.append({"src": static("img/icon.svg"), "sizes": "any", "type": "image/svg+xml"})
    data = {
        "name": _("Guichet: free trainings and orientation"),
        "short_name": "Guichet",
        "description": _(
            "Find a free vocational training, understand the admission criteria and get advice from a desk near you."
        ),
        "lang": language,
        "dir": "rtl" if get_language_bidi() else "ltr",
        "start_url": f"/{language}/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#f4f1ea",
        "theme_color": "#0b5d6b",
        "icons": icons,
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


@require_safe
def region_offline(request: HttpRequest, slug: str) -> HttpResponse:
    """What saving a region for offline reading stores, in the page's language, and what it weighs."""
    try:
        region = selectors.region_get(slug=slug)
    except Http404:
        return JsonResponse({"detail": _("Not found.")}, status=404)
    manifest = region_offline_manifest(region=region, language=get_language())
    response = JsonResponse(manifest, json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, public=True, max_age=300)
    return response
