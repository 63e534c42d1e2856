"""The public pages, in one list that the accessibility, layout, budget and cache tests share.

A new public page (search, orientation results…) joins every one of those checks by
being added here once. Paths take ``{lang}``; slugs are those of the ``catalogue``
fixture (catalog/tests/fixtures.py).
"""

from __future__ import annotations

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
    "providers": "/{lang}/providers/",
    "provider": "/{lang}/providers/institute/",
    "orientation guide": "/{lang}/orientation/",
    "page not found": "/{lang}/programmes/no-such-training/",
}

# Pages that answer something else than 200 on purpose.
EXPECTED_STATUS = {"programme list, bad filter": 400, "page not found": 404}
