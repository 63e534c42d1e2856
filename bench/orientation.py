"""How long one person's recommendations take on a national catalogue, on PostgreSQL.

Creates its own PostgreSQL database (``guichet_bench_orientation`` on
127.0.0.1:5432, user ``postgres``), loads the demo network and the synthetic
catalogue (``synthetic_catalogue_generate``, default 10,000 programmes), then
runs ``recommend()`` for 1,000 varied random profiles (seeded, so every run
asks the same questions) and prints p50 / p95 / max per profile, the queries
of one call, and the peak memory (RSS) of the process. The first call, which
fills the per-process cache of the catalogue, is timed apart; the CPU time of
the process per profile is printed too, as wall-clock figures on a shared
machine include others' load. Target: p95 under 50 ms. Prints figures;
asserts nothing.

    .venv/bin/python bench/orientation.py [--programmes 10000] [--profiles 1000] [--seed 1]
        [--keep]        keep the database afterwards, and reuse it if it is already loaded
        [--profile N]   print a pyinstrument profile of the first N profiles
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "guichet_bench_orientation"


def _database_create(*, keep: bool) -> bool:
    """Create the bench database; True if an already loaded one is reused."""
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if exists and keep:
            return True
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    return False


def _database_drop() -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def random_profiles(count: int, seed: int):
    """``count`` varied profiles drawn from the values the questionnaire offers."""
    from catalog.models import City, DocumentType, Language, SchoolingLevel, Trade
    from orientation import profile as p
    from orientation.interests import ACTIVITIES

    rng = random.Random(seed)
    cities = list(City.objects.order_by("slug").values_list("slug", flat=True))
    languages = list(Language.objects.order_by("code").values_list("code", flat=True))
    documents = list(DocumentType.objects.order_by("slug").values_list("slug", flat=True))
    trades = list(Trade.objects.order_by("slug").values_list("slug", flat=True))

    def maybe(value, answered: float = 0.8):
        return value if rng.random() < answered else None

    def some(values, low: int = 0):
        return rng.sample(values, rng.randint(low, len(values)))

    for _ in range(count):
        answered = rng.random()  # how much of the questionnaire this person filled in
        yield p.Profile(
            interests={a.slug: rng.choice(p.INTEREST_ANSWERS) for a in ACTIVITIES if rng.random() < answered},
            experience={t: rng.choice(p.EXPERIENCE_DURATIONS[1:]) for t in some(trades)[:2] if rng.random() < 0.5},
            speaks={code: rng.choice(p.LANGUAGE_LEVELS) for code in some(languages) if rng.random() < answered},
            reads={code: rng.choice(p.LANGUAGE_LEVELS) for code in some(languages) if rng.random() < answered},
            schooling=maybe(rng.choice(SchoolingLevel.values), answered),
            birth_year=maybe(rng.randint(1960, 2010), answered),
            times=maybe(some(list(p.TIMES), 1), answered),
            workload=maybe(rng.choice(p.WORKLOADS), answered),
            start=maybe(rng.choice(p.STARTS), answered),
            city=maybe(rng.choice(cities), answered),
            travel=maybe(rng.choice(p.TRAVELS), answered),
            residence_card=maybe(rng.choice(p.RESIDENCE_CARD_ANSWERS), answered),
            documents=maybe(some(documents), answered),
            constraints=maybe(some(list(p.CONSTRAINTS)), answered / 2),
        )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programmes", type=int, default=10_000)
    parser.add_argument("--profiles", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ["GUICHET_VAR_DIR"] = tempfile.mkdtemp(prefix="guichet-bench-orientation-")
    os.environ["GUICHET_LOG_LEVEL"] = "WARNING"
    os.environ["DATABASE_URL"] = f"{POSTGRES_SERVER}/{DATABASE}"
    # Loading 10,000 programmes in one transaction takes longer than a request may.
    os.environ["DATABASE_STATEMENT_TIMEOUT_MS"] = "600000"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.settings")
    reused = _database_create(keep=args.keep)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone, translation

    from catalog.models import Programme
    from demo.network import demo_load
    from demo.synthetic_catalogue import synthetic_catalogue_generate
    from orientation.recommend import recommend

    today = timezone.localdate()
    try:
        call_command("migrate", verbosity=0)
        if not reused or Programme.objects.count() < args.programmes:
            started = time.perf_counter()
            demo_load(today=today)
            synthetic_catalogue_generate(programmes=args.programmes, today=today)
            print(f"loaded in {time.perf_counter() - started:.1f} s")
        profiles = list(random_profiles(args.profiles, args.seed))
        print(
            f"PostgreSQL, {Programme.objects.published().count()} published programmes; "
            f"{len(profiles)} random profiles (seed {args.seed})"
        )
        with translation.override("fr"):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as first_queries:
                recommend(profile=profiles[0], today=today)
            first = time.perf_counter() - started
            if args.profile:
                from pyinstrument import Profiler

                with Profiler() as profiler:
                    for profile in profiles[: args.profile]:
                        recommend(profile=profile, today=today)
                print(profiler.output_text(unicode=True, color=False, show_all=False))
            timings, cpu = [], []
            for profile in profiles:
                started, started_cpu = time.perf_counter(), time.process_time()
                recommend(profile=profile, today=today)
                timings.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            with CaptureQueriesContext(connection) as queries:
                recommend(profile=profiles[1], today=today)
        timings.sort()
        cpu.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"first call (fills the cache): {_ms(first)}, {len(first_queries)} queries")
        print(
            f"per profile: p50 {_ms(statistics.median(timings))}   p95 {_ms(p95)}   max {_ms(timings[-1])}"
            f"   ({len(queries)} queries a call once warm)"
        )
        # This process's own CPU time: what the wall-clock figures would be without other load and the
        # database's own work (both count above).
        print(
            f"CPU of this process per profile: p50 {_ms(statistics.median(cpu))}"
            f"   p95 {_ms(cpu[int(len(cpu) * 0.95) - 1])}   max {_ms(cpu[-1])}"
        )
        # ru_maxrss is in kilobytes on Linux.
        print(f"peak memory (RSS) of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    finally:
        connection.close()
        if not args.keep:
            _database_drop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
