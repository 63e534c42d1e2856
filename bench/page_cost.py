"""What one page costs the server, request after request, with nothing else running.

bench/load.py measures latency under load, which depends on everything else the
machine does. This script measures what each page of its mix costs on its own:
the same kinds of URLs, served one after the other in this process by Django's
test client (the whole middleware stack, templates included), against the
database bench/load.py fills (the 10,000-programme catalogue on PostgreSQL).

By default every request is a first miss of the page cache, as just after a
change to the catalogue: an anonymous request, looked up in the cache, rendered
and stored (this script registers a content version of its own that changes
before each request; the catalogue's other cached reads stay warm). With
``--bypass`` each request carries a cookie, as a signed-in visitor's would, and
goes past the page cache; with ``--cached`` requests go through the cache as an
anonymous visitor's do, and the share of pages served from the cache is printed
(one process's cache, as one gunicorn worker has without REDIS_URL). ``--profile NAME`` prints a pyinstrument profile
of that page (pyinstrument is a developer's tool, not a dependency: install it
in the venv to use this option).

    .venv/bin/python bench/page_cost.py --database-url postgres://postgres@127.0.0.1:5432/guichet_bench
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import django_as_served, load_database_argument  # noqa: E402
from bench.load import MIX, percentile, request_for  # noqa: E402


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    load_database_argument(parser)
    parser.add_argument("--requests", type=int, default=60, help="requests per page")
    parser.add_argument("--page", action="append", choices=list(MIX), help="only these pages (repeatable)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--cached", action="store_true", help="go through the server's page cache")
    mode.add_argument("--bypass", action="store_true", help="a cookie on each request: past the page cache")
    parser.add_argument("--profile", choices=list(MIX), help="print a pyinstrument profile of this page")
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args()


def main() -> int:
    args = parse()
    django_as_served(args.database_url)
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.load import slugs

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    data = slugs({"DATABASE_URL": args.database_url})
    from core.caching import content_version_register

    client = Client(HTTP_ACCEPT_ENCODING="gzip, br")
    if args.bypass:
        client.cookies["bench"] = "1"
    misses = [0]
    if not (args.cached or args.bypass):
        content_version_register(lambda: f"bench{misses[0]}")

    def fetch(path: str) -> None:
        misses[0] += 1  # a new version: a first miss (unless --cached or --bypass, where it is not part of the key)
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code}")

    if args.profile:
        from pyinstrument import Profiler

        rng = random.Random(args.seed)
        paths = [request_for(args.profile, data, rng) for _ in range(args.requests)]
        fetch(paths[0])
        profiler = Profiler(interval=0.0005)
        with profiler:
            for path in paths:
                fetch(path)
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return 0

    pages = args.page or list(MIX)
    how = "through" if args.cached else "bypassing" if args.bypass else "each a first miss of"
    print(f"{args.requests} requests a page, one at a time, {how} the page cache")
    print("wall: elapsed time; cpu: this process's CPU time (steadier on a busy machine); sql: time in queries")
    columns = f"{'page':20} {'wall ms':>8} {'p50 ms':>8} {'p95 ms':>8} {'cpu ms':>8} {'sql ms':>8} {'queries':>8}"
    print(columns + (f" {'hits %':>7}" if args.cached else ""))
    weighted = weighted_cpu = 0.0
    for name in pages:
        rng = random.Random(args.seed)
        paths = [request_for(name, data, rng) for _ in range(args.requests)]
        fetch(paths[0])  # warm: templates, translations, connection
        times, cpu, sql, queries = [], [], [], []
        for path in paths:
            with CaptureQueriesContext(connection) as captured:
                started, started_cpu = time.perf_counter(), time.process_time()
                fetch(path)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            queries.append(len(captured))
            sql.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
        mean = statistics.fmean(times)
        weighted += mean * MIX[name]
        weighted_cpu += statistics.fmean(cpu) * MIX[name]
        print(
            f"{name:20} {mean:8.1f} {statistics.median(times):8.1f} {percentile(times, 95):8.1f}"
            f" {statistics.fmean(cpu):8.1f} {statistics.fmean(sql):8.1f} {statistics.fmean(queries):8.1f}"
            # A page served from the cache makes no query (the first one of each URL warms it).
            + (f" {100 * queries.count(0) / len(queries):7.0f}" if args.cached else "")
        )
    if not args.page:
        total = sum(MIX.values())
        print(f"{'mix (weighted)':20} {weighted / total:8.1f} {'':8} {'':8} {weighted_cpu / total:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
