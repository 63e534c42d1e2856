"""The public pages, in one list that the accessibility, layout, budget and cache tests share,
and how many bytes a first visit of one costs (shared with bench/page_weight.py).

A new public page (search, orientation results…) joins every one of those checks by
being added here once. Paths take ``{lang}``; slugs are those of the ``catalogue``
fixture (catalog/tests/fixtures.py).
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass

LANGUAGES = ("fr", "ar", "en")

PUBLIC_PAGES: dict[str, str] = {
    "home": "/{lang}/",
    "programme list": "/{lang}/programmes/",
    "programme list, filtered": "/{lang}/programmes/?trade=jewellery&free=1",
    "programme list, bad filter": "/{lang}/programmes/?starts_within=999",
    "programme": "/{lang}/programmes/jewellery-qualification/",
    "trades": "/{lang}/trades/",
    "trade": "/{lang}/trades/jewellery/",
    "desks": "/{lang}/desks/",
    "desk": "/{lang}/desks/casablanca-desk/",
    "region": "/{lang}/regions/casablanca-settat/",
    "free times of a desk": "/{lang}/desks/casablanca-desk/appointments/orientation-interview/",
    "providers": "/{lang}/providers/",
    "provider": "/{lang}/providers/institute/",
    "search": "/{lang}/search/?q=bijouterie",
    "search, typo and no exact match": "/{lang}/search/?q=couturr",
    "search, nothing found": "/{lang}/search/?q=xylophone",
    "orientation guide": "/{lang}/orientation/",
    "orientation question": "/{lang}/orientation/questions/interests/",
    "orientation question, about": "/{lang}/orientation/questions/about/",
    "orientation results": "/{lang}/orientation/results/",
    "open data": "/{lang}/open-data/",
    "statistics": "/{lang}/statistics/",
    "page not found": "/{lang}/programmes/no-such-training/",
}

# Pages that show a person's own answers, or whose forms hold the visitor's own CSRF token and change by
# the minute (free times): never stored by a shared cache.
PERSONAL_PAGES = {"orientation question", "orientation question, about", "orientation results", "free times of a desk"}

# Queries a page may make at most, whatever the number of rows. Search also counts
# its five facets, each over the other active filters. Figures are those of a cold
# cache (the tests change the catalogue first): with a warm one, pages make fewer.
MAX_QUERIES = 12
MAX_QUERIES_BY_PAGE = {
    "search": 17,
    "search, typo and no exact match": 17,
    "search, nothing found": 17,
    # The first results after a catalogue change also load the candidate catalogue (8 queries, once per
    # process and catalogue version: orientation.selectors.candidate_catalogue); later ones make 8 in all.
    # One more: the desks that offer a meeting ("talk about this with a counsellor", appointments/wiring.py).
    "orientation results": 17,
}

# Pages that answer something else than 200 on purpose.
EXPECTED_STATUS = {"programme list, bad filter": 400, "page not found": 404}

# A first visit of any public page: HTML, CSS, scripts and images, compressed.
BUDGET_BYTES = 50 * 1024

_ASSET = re.compile(r'(?:href|src)="(/static/[^"#]+)')


@dataclass(frozen=True)
class FirstVisit:
    html: int
    assets: dict[str, int]

    @property
    def static(self) -> int:
        return sum(self.assets.values())

    @property
    def total(self) -> int:
        return self.html + self.static


def _body(response) -> bytes:
    """The body as sent. Reading a streamed file to its end closes it; closing the
    response by hand would also close the test's database connection."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def first_visit(client, path: str) -> FirstVisit:
    """Bytes on the wire for a first visit, as the app serves them (WhiteNoise for static).

    ``client`` is Django's test client; it asks for gzip and brotli like a browser.
    """
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    body = _body(response)
    html = gzip.decompress(body) if response.get("Content-Encoding") == "gzip" else body
    assets = {}
    for url in sorted(set(_ASSET.findall(html.decode()))):
        asset = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert asset.status_code == 200, url
        assets[url] = len(_body(asset))
    return FirstVisit(html=len(body), assets=assets)


def budget_table(rows: list[tuple[str, str, FirstVisit]]) -> str:
    lines = [f"{'page':28} {'lang':4} {'html':>7} {'static':>7} {'total':>7}  (bytes, compressed)"]
    for name, lang, visit in rows:
        lines.append(f"{name:28} {lang:4} {visit.html:7d} {visit.static:7d} {visit.total:7d}")
    worst = max(visit.total for _n, _l, visit in rows)
    verdict = "within" if worst <= BUDGET_BYTES else "OVER"
    lines.append(f"heaviest first visit: {worst} bytes, {verdict} the {BUDGET_BYTES} byte budget")
    return "\n".join(lines)
