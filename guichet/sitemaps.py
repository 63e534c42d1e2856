"""sitemap.xml: every public page in each language, with its ``hreflang`` alternates; and robots.txt."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from catalog.models import Desk, Programme, Provider, Region, Trade


class _Public(Sitemap):
    """In French, Arabic and English, each with its alternates, on the public address (not the request's host)."""

    i18n = True
    alternates = True
    x_default = True

    @property
    def protocol(self) -> str:
        return urlsplit(settings.GUICHET_PUBLIC_URL).scheme or "https"

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.GUICHET_PUBLIC_URL).netloc


class PagesSitemap(_Public):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return [
            "catalog:home",
            "catalog:trade_list",
            "catalog:programme_list",
            "catalog:desk_list",
            "catalog:provider_list",
            "orientation:start",
            "reporting:open_data",
            "reporting:statistics",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class ProgrammeSitemap(_Public):
    changefreq = "daily"

    def items(self):
        return Programme.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, programme: Programme):
        return programme.updated_at


class TradeSitemap(_Public):
    def items(self):
        return Trade.objects.only("slug").order_by("slug")


class DeskSitemap(_Public):
    def items(self):
        return Desk.objects.only("slug").order_by("slug")


class ProviderSitemap(_Public):
    def items(self):
        return Provider.objects.only("slug").order_by("slug")


class RegionSitemap(_Public):
    def items(self):
        return Region.objects.only("slug").order_by("slug")

    def location(self, region: Region) -> str:
        return reverse("catalog:region_detail", kwargs={"slug": region.slug})


SITEMAPS = {
    "pages": PagesSitemap,
    "trades": TradeSitemap,
    "programmes": ProgrammeSitemap,
    "regions": RegionSitemap,
    "desks": DeskSitemap,
    "providers": ProviderSitemap,
}

# The staff area, a person's own space and the back office are kept out; the public pages and the API are not.
PRIVATE = ("desk/", "me/", "admin/")


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *"]
    lines += [f"Disallow: /{code}/{area}" for code, _name in settings.LANGUAGES for area in PRIVATE]
    lines += ["Disallow: /calendar/", "", f"Sitemap: {settings.GUICHET_PUBLIC_URL.rstrip('/')}/sitemap.xml", ""]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
