"""A region in the pocket: the pages a person saves to read a region offline, and what they weigh.

Before a person spends their data on it, the page tells them how much a
region costs to save. The figure is measured, not estimated: each page is
rendered through the whole application as a visitor without cookies gets it,
compressed as it travels (GZipMiddleware for pages, WhiteNoise's brotli for
static files), and the static files those pages load are added once. The
result is kept per region, language and catalogue version, so it is measured
again as soon as the catalogue changes and costs one cache read otherwise.
A region so large that measuring every page would hold a worker too long has
its remaining pages estimated from those measured (``estimated`` counts them).

Lives in the wiring layer because it gathers the pages of several apps (the
catalogue's and the orientation guide).
"""

from __future__ import annotations

import gzip
import re
import time

from django.core.cache import cache
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from catalog import selectors
from catalog.models import Region

# Seats left change during the day and a page's size with them, by a few bytes:
# an hour-old figure is right enough to decide whether to spend the data.
MANIFEST_SECONDS = 3600

# Rendering a page costs some tens of milliseconds: a region of a few hundred
# programmes is measured whole, well within gunicorn's 30 s timeout; beyond this
# budget, pages are estimated at the mean size of those measured (programme
# pages are alike: the same template, texts of similar length).
MEASURE_SECONDS = 10.0

# What a browser asks for; the service worker's fetches send the same.
ACCEPT_ENCODING = "gzip, deflate, br"

_ASSET = re.compile(r'(?:href|src)="(/static/[^"#]+)')


def _body(response) -> bytes:
    """The body as sent; reading a streamed static file to its end closes it."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _paths(region: Region) -> list[str]:
    return [*selectors.region_offline_paths(region=region), reverse("orientation:start")]


def _measure(region: Region, language: str) -> dict:
    # The test client is Django's in-process handler: every middleware, no
    # socket, no cookie sent, so each page is the public one, never a person's.
    client = Client(raise_request_exception=False)
    deadline = time.monotonic() + MEASURE_SECONDS
    pages, unmeasured, assets = [], [], set()
    for path in _paths(region):
        if pages and time.monotonic() > deadline:
            unmeasured.append(path)
            continue
        response = client.get(path, HTTP_ACCEPT_ENCODING=ACCEPT_ENCODING)
        if response.status_code != 200:
            continue
        body = _body(response)
        html = gzip.decompress(body) if response.get("Content-Encoding") == "gzip" else body
        assets.update(_ASSET.findall(html.decode()))
        pages.append({"url": path, "bytes": len(body)})
    if unmeasured:
        mean = round(sum(entry["bytes"] for entry in pages) / len(pages))
        pages.extend({"url": path, "bytes": mean} for path in unmeasured)
    static = []
    for url in sorted(assets):
        response = client.get(url, HTTP_ACCEPT_ENCODING=ACCEPT_ENCODING)
        body = _body(response)
        if response.status_code == 200:
            static.append({"url": url, "bytes": len(body)})
    total = sum(entry["bytes"] for entry in pages + static)
    summary = ngettext("%(count)s page, %(size)s", "%(count)s pages, %(size)s", len(pages)) % {
        "count": len(pages),
        "size": filesizeformat(total),
    }
    return {
        "region": region.slug,
        "name": region.name,
        "language": language,
        "pages": len(pages),
        "bytes": total,
        "estimated": len(unmeasured),
        "summary": summary,
        "urls": pages + static,
    }


def region_offline_manifest(*, region: Region, language: str) -> dict:
    """The URLs that keep ``region`` readable offline in ``language``, each with its compressed size."""
    with translation.override(language):
        key = f"offline:region:{region.slug}:{language}:{selectors.catalogue_version()}"
        manifest = cache.get(key)
        if manifest is None:
            manifest = _measure(region, language)
            cache.set(key, manifest, MANIFEST_SECONDS)
        return manifest
