"""What every page's layout needs: the language switch that keeps the page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language, get_language_info


def language_urls(path: str, query: str = "") -> list[dict]:
    """The same page in each language: slugs are shared, only the prefix changes."""
    codes = [code for code, _name in settings.LANGUAGES]
    parts = path.split("/", 2)
    rest = parts[2] if len(parts) > 2 and parts[1] in codes else path.lstrip("/")
    suffix = f"?{query}" if query else ""
    current = get_language()
    public = settings.GUICHET_PUBLIC_URL.rstrip("/")
    return [
        {
            "code": code,
            "name_local": get_language_info(code)["name_local"],
            "url": f"/{code}/{rest}{suffix}",
            # Search engines want the alternates of a page's head as absolute addresses.
            "absolute_url": f"{public}/{code}/{rest}{suffix}",
            "current": code == current,
        }
        for code in codes
    ]


# Which main-menu entry a page belongs to, by URL name.
SECTIONS = {
    "programme_list": "programmes",
    "programme_detail": "programmes",
    "trade_list": "trades",
    "trade_detail": "trades",
    "desk_list": "desks",
    "desk_detail": "desks",
    "start": "orientation",
}


def site(request: HttpRequest) -> dict:
    match = getattr(request, "resolver_match", None)
    return {
        "language_links": language_urls(request.path, request.META.get("QUERY_STRING", "")),
        "nav": SECTIONS.get(match.url_name, "") if match else "",
    }
