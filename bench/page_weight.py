"""Bytes a first visit of each public page costs over the wire, compressed.

Builds a scratch SQLite database with the demo network, renders each page in
each language with ``Accept-Encoding: gzip, br`` and adds the static files the
page needs (stylesheet, pictogram sprite, scripts), compressed as WhiteNoise
serves them. Prints one row per page and the budget verdict (50 KB).

    .venv/bin/python bench/page_weight.py
"""

from __future__ import annotations

import io
import os
import re
import sys
import tempfile
from pathlib import Path

BUDGET = 50 * 1024
ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(ROOT))
    scratch = tempfile.mkdtemp(prefix="guichet-weight-")
    os.environ["GUICHET_VAR_DIR"] = scratch
    os.environ.setdefault("GUICHET_STATIC_ROOT", str(ROOT / "var" / "static"))
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.settings")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-admin", stdout=io.StringIO())

    from catalog.models import Desk, Programme, Provider, Trade

    programme = Programme.objects.published().order_by("slug").first()
    pages = {
        "home": "/{lang}/",
        "programme list": "/{lang}/programmes/",
        "programme list, filtered": "/{lang}/programmes/?free=1&seats=1",
        "programme": f"/{{lang}}/programmes/{programme.slug}/",
        "trades": "/{lang}/trades/",
        "trade": f"/{{lang}}/trades/{Trade.objects.first().slug}/",
        "desks": "/{lang}/desks/",
        "desk": f"/{{lang}}/desks/{Desk.objects.first().slug}/",
        "provider": f"/{{lang}}/providers/{Provider.objects.first().slug}/",
        "orientation": "/{lang}/orientation/",
        "questionnaire, interests": "/{lang}/orientation/questions/interests/",
        "questionnaire, about you": "/{lang}/orientation/questions/about/",
        "orientation results": "/{lang}/orientation/results/",
    }
    client = Client(HTTP_ACCEPT_ENCODING="gzip, br")
    static_root = Path(settings.STATIC_ROOT)
    worst = 0
    print(f"{'page':28} {'lang':4} {'html':>7} {'static':>7} {'total':>7}  (bytes, compressed)")
    for name, pattern in pages.items():
        for lang in ("fr", "ar", "en"):
            response = client.get(pattern.format(lang=lang))
            assert response.status_code == 200, (name, lang, response.status_code)
            html_bytes = len(response.content)
            html = response.content
            if response.get("Content-Encoding") == "gzip":
                import gzip

                html = gzip.decompress(response.content)
            assets = set(re.findall(rb'(?:href|src)="(/static/[^"#]+)', html))
            static_bytes = 0
            for asset in sorted(assets):
                path = static_root / asset.decode().removeprefix("/static/")
                compressed = [
                    p for p in (path.with_name(path.name + ".br"), path.with_name(path.name + ".gz")) if p.exists()
                ]
                static_bytes += (compressed[0] if compressed else path).stat().st_size
            total = html_bytes + static_bytes
            worst = max(worst, total)
            print(f"{name:28} {lang:4} {html_bytes:7d} {static_bytes:7d} {total:7d}")
    verdict = "within" if worst <= BUDGET else "OVER"
    print(f"heaviest first visit: {worst} bytes, {verdict} the {BUDGET} byte budget")
    return 0 if worst <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
