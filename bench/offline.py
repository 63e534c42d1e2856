"""What saving a region for offline reading costs a phone, in each language, compressed.

Builds a scratch SQLite database with the demo network, then measures, for
every region and language, the pages "save for offline" stores (the region's
page, its programmes, the trades they teach, its desks and the orientation
guide) and the static files they load, as the app serves them compressed: the
same manifest the page shows before saving (guichet/offline.py). It does it
again with the catalogue grown to ``--scale`` times the demo's programmes by
``generate_catalogue``, and prints the verdict against the 1 MB target.

    .venv/bin/python bench/offline.py            # demo, then 10 times the demo
    .venv/bin/python bench/offline.py --scale 20
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_BYTES = 1024 * 1024
LANGUAGES = ("fr", "ar", "en")


def _measure(label: str) -> int:
    from django.core.cache import cache

    from catalog.models import Programme, Region
    from guichet.offline import region_offline_manifest

    cache.clear()
    programmes = Programme.objects.published().count()
    print(f"\n{label}: {programmes} published programmes")
    print(f"{'region':28} {'lang':4} {'pages':>5} {'KB':>7} {'static KB':>9} {'measured in':>11}")
    heaviest = 0
    for region in Region.objects.order_by("position", "slug"):
        for lang in LANGUAGES:
            started = time.perf_counter()
            manifest = region_offline_manifest(region=region, language=lang)
            elapsed = time.perf_counter() - started
            static = sum(e["bytes"] for e in manifest["urls"] if e["url"].startswith("/static/"))
            heaviest = max(heaviest, manifest["bytes"])
            print(
                f"{region.slug:28} {lang:4} {manifest['pages']:5d} {manifest['bytes'] / 1024:7.1f}"
                f" {static / 1024:9.1f} {elapsed:10.1f}s"
            )
    verdict = "within" if heaviest <= TARGET_BYTES else "OVER"
    print(f"heaviest region: {heaviest / 1024:.0f} KB, {verdict} the {TARGET_BYTES // 1024} KB target")
    return heaviest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10, help="times the demo's programmes (default: 10)")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    scratch = tempfile.mkdtemp(prefix="guichet-offline-")
    os.environ["GUICHET_VAR_DIR"] = scratch
    os.environ.setdefault("GUICHET_STATIC_ROOT", str(ROOT / "var" / "static"))
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.settings")

    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-admin", stdout=io.StringIO())

    from catalog.models import Programme

    _measure("demo network")
    extra = Programme.objects.count() * (args.scale - 1)
    call_command("generate_catalogue", "--programmes", str(extra), stdout=io.StringIO())
    heaviest = _measure(f"{args.scale} times the demo's programmes (generate_catalogue --programmes {extra})")
    return 0 if heaviest <= TARGET_BYTES else 1


if __name__ == "__main__":
    raise SystemExit(main())
