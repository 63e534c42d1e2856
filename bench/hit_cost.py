"""What a page served from the page cache costs, next to the bare "hello" floor, in one process.

bench/load.py measures both under gunicorn with a client on the same cores, on a
machine that may be busy: noisy. This script calls Django's WSGI handler itself,
as gunicorn does (same environ keys, no socket), one request after the other:

- the floor: ``/hello`` of bench/floor_urls.py through the project's whole
  middleware stack (settings overridden in this process, as bench/floor_settings.py does);
- hits: URLs of bench/load.py's mix, each requested once first (a miss that
  stores it), then again and again from the cache.

It prints microseconds a request, CPU (this process's: steadier than the wall
clock on a shared machine, but blind to the wait for Redis) and wall, and the ratio floor / hit, which bounds the
throughput ratio bench/load.py can reach when every page is a hit. ``--profile``
prints cProfile's heaviest functions of the hits (or of the floor with ``--profile floor``).

    .venv/bin/python bench/hit_cost.py --database-url postgres://postgres@127.0.0.1:5432/guichet_bench \
        --redis-url redis://127.0.0.1:6379/14
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import django_as_served, load_database_argument  # noqa: E402


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    load_database_argument(parser)
    parser.add_argument("--redis-url", default="", help="the shared cache (REDIS_URL); default: this process's memory")
    parser.add_argument("--urls", type=int, default=200, help="distinct URLs of the mix")
    parser.add_argument("--rounds", type=int, default=10, help="times each URL is served from the cache")
    parser.add_argument("--profile", choices=["hit", "floor"], help="print cProfile's heaviest functions")
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args()


def environ_for(path: str) -> dict:
    """What gunicorn hands the application for ``GET path`` from bench/load.py's client."""
    path, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8791",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "REMOTE_PORT": "50000",
        "HTTP_HOST": "127.0.0.1:8791",
        "HTTP_ACCEPT": "*/*",
        "HTTP_ACCEPT_ENCODING": "gzip, br",
        "HTTP_USER_AGENT": "Python/3 aiohttp/3",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def serve(application, path: str) -> tuple[str, dict]:
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    body = application(environ_for(path), start_response)
    try:
        b"".join(body)
    finally:
        if hasattr(body, "close"):
            body.close()
    return answer["status"], answer["headers"]


def cpu_us(application, paths: list[str]) -> tuple[list[float], list[float]]:
    """CPU and wall microseconds of each request."""
    cpu, wall = [], []
    for path in paths:
        started, started_wall = time.process_time(), time.perf_counter()
        status, _headers = serve(application, path)
        cpu.append((time.process_time() - started) * 1e6)
        wall.append((time.perf_counter() - started_wall) * 1e6)
        if not status.startswith("200"):
            raise SystemExit(f"{path}: {status}")
    return cpu, wall


def profiled(application, paths: list[str]) -> None:
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.enable()
    for path in paths:
        serve(application, path)
    profile.disable()
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


def main() -> int:
    args = parse()
    django_as_served(args.database_url, redis_url=args.redis_url)
    from django.core.wsgi import get_wsgi_application
    from django.test.utils import override_settings

    from bench.load import mix_urls, slugs

    application = get_wsgi_application()
    rng = random.Random(args.seed)
    urls = [path for _name, path, _weight in mix_urls(slugs(os.environ), rng, args.urls)]
    hits = [path for _ in range(args.rounds) for path in urls]
    random.Random(args.seed).shuffle(hits)
    floor_paths = ["/hello"] * len(hits)

    for path in urls:
        _status, headers = serve(application, path)  # stored (or, for a page never kept, just served)
    missing = [path for path in urls if serve(application, path)[1].get("X-Page-Cache") != "hit"]
    with override_settings(ROOT_URLCONF="bench.floor_urls"):
        cpu_us(application, floor_paths[:200])  # warm
        floor, floor_wall = cpu_us(application, floor_paths)
        if args.profile == "floor":
            profiled(application, floor_paths)
    hit, hit_wall = cpu_us(application, [path for path in hits if path not in missing])
    if args.profile == "hit":
        profiled(application, hits)

    def line(name: str, timings: list[float]) -> str:
        ordered = sorted(timings)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        mean, median = statistics.fmean(timings), statistics.median(timings)
        return f"{name:24} {len(timings):7d} {mean:9.0f} {median:9.0f} {p95:9.0f}"

    print(f"{len(urls)} distinct URLs of the mix, {len(missing)} never served from the cache")
    print(f"{'':24} {'served':>7} {'mean µs':>9} {'p50 µs':>9} {'p95 µs':>9}")
    print(line("floor: /hello, CPU", floor))
    print(line("hits of the mix, CPU", hit))
    print(line("floor: /hello, wall", floor_wall))
    print(line("hits of the mix, wall", hit_wall))
    print(f"floor / hit: CPU {statistics.fmean(floor) / statistics.fmean(hit):.2f}", end="")
    print(f", wall {statistics.fmean(floor_wall) / statistics.fmean(hit_wall):.2f}")
    for path in missing[:10]:
        print(f"  not from the cache: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
