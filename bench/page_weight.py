"""Bytes a first visit of each public page costs over the wire, compressed.

Builds a scratch SQLite database with the demo network, renders each page in
each language and adds the static files the page needs (stylesheet, pictogram
sprite, scripts), compressed as WhiteNoise serves them (the measure is shared
with the budget test: tests/pages.py). Prints one row per page and the budget
verdict (50 KB). The test suite enforces the same budget on its small network.

    .venv/bin/python bench/page_weight.py
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

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
    from tests.pages import BUDGET_BYTES, budget_table, first_visit

    client = Client()
    rows = [
        (name, lang, first_visit(client, pattern.format(lang=lang)))
        for name, pattern in pages.items()
        for lang in ("fr", "ar", "en")
    ]
    print(budget_table(rows))
    return 0 if max(visit.total for _n, _l, visit in rows) <= BUDGET_BYTES else 1


if __name__ == "__main__":
    raise SystemExit(main())
