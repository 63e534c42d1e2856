"""How long one person's recommendations take on a big catalogue.

Builds a scratch SQLite database with the demo network and a synthetic
catalogue (``--programmes``, default 10,000), then times ``recommend()`` for
a few profiles (median of several runs) and counts its queries. Prints the
figures; asserts nothing.

    .venv/bin/python bench/recommend.py [--programmes 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--programmes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ["GUICHET_VAR_DIR"] = tempfile.mkdtemp(prefix="guichet-recommend-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone, translation

    from orientation.profile import Profile
    from orientation.recommend import recommend

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-admin", stdout=io.StringIO())
    call_command("generate_catalogue", "--programmes", str(args.programmes), stdout=io.StringIO())
    today = timezone.localdate()
    profiles = {
        "empty": Profile(),
        "full answers": Profile(
            interests={"sew": "like", "draw": "like", "forge": "dislike"},
            experience={"tailoring": "1to3"},
            speaks={"fr": 2, "ar": 1},
            schooling=3,
            birth_year=1995,
            times=["weekdays", "evenings"],
            workload="full",
            city="casablanca",
            travel="region",
            residence_card="card",
            documents=["identity-photos"],
        ),
    }
    print(f"catalogue: demo + {args.programmes} synthetic programmes; {args.runs} runs each")
    with translation.override("fr"):
        for name, profile in profiles.items():
            timings = []
            for _ in range(args.runs):
                start = time.perf_counter()
                recommend(profile=profile, today=today)
                timings.append(time.perf_counter() - start)
            with CaptureQueriesContext(connection) as queries:
                recommend(profile=profile, today=today)
            print(
                f"{name:14} median {statistics.median(timings) * 1000:8.1f} ms   "
                f"best {min(timings) * 1000:8.1f} ms   {len(queries)} queries"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
