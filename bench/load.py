"""Load test: Guichet under gunicorn and PostgreSQL, with the 10,000-programme catalogue.

Starts gunicorn twice, side by side with the same configuration: on a bare "hello"
view with the project's settings and middleware (the framework's floor), and on the
app. Drives each from 127.0.0.1 with the same asyncio client (aiohttp):

1. latency: ``--users`` people at once, each pausing ``--think`` seconds (mean,
   exponential) between pages, for ``--duration`` seconds: per page, requests/s,
   p50/p95/p99 and errors, against the target p95 < 100 ms;
2. throughput: the same users with no pause, app mix and floor alike, in
   alternating slices (``--slices``) so that both see the same load of a shared
   machine; the ratio of the two is how much of the framework's floor the app keeps.

    .venv/bin/python bench/load.py --database-url postgres://postgres@127.0.0.1:5432/guichet_bench
    [--redis-url redis://127.0.0.1:6379/14]   (the workers' shared cache, as in production)
    [--via-nginx]   (deploy/nginx.conf in front, its proxy_cache included, for the floor and the app)

The mix: ``--distinct`` URLs (1,000 by default) drawn once from the catalogue,
each page of MIX keeping its share of the requests, spread over its URLs by
popularity (``mix_urls``: a few programmes, searches and filters are asked
often, a long tail rarely), as a day's traffic is. Before measuring, every URL
of the mix is visited once, then ``--warm`` seconds of the mix run, unmeasured:
the caches hold what the mix asks, as they do for a site that has been up a
while ("with its mix warmed"). What a first miss costs is bench/page_cost.py's
measure. ``--distinct 0`` draws every request afresh from the whole catalogue
(uniform over 30,000 programme pages): nearly every request a miss, the
worst case a cache cannot hide, not a day's traffic.

Each phase prints the share of answers served from a cache: the app's page
cache (``X-Page-Cache: hit``) and, through nginx, nginx's own copy
(``X-Cache-Status`` HIT, STALE or UPDATING).

The load generator shares the machine's cores with the server: figures are a
floor of what the server alone would do. Bounded in time; only 127.0.0.1 is used.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import runpy
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TARGET_P95_MS = 100
LANGUAGES = ("fr", "ar", "en")
# What people type: exact names, typos, Arabic, synonyms, English, nothing found.
SEARCH_QUERIES = (
    "couture",
    "couturr",
    "bijouterie",
    "ferronerie",
    "خياطة",
    "نجارة",
    "bois",
    "zelij",
    "carpentry",
    "sewing",
    "agriculture casablanca",
    "menuisrie",
    "gebs",
    "xylophone",
)

# nginx's $upstream_cache_status when it answered from its own copy (REVALIDATED asked the app first).
NGINX_SERVED = frozenset({"HIT", "STALE", "UPDATING"})

# Weights of the mix: what people do most on the catalogue.
MIX = {
    "home": 12,
    "programme list": 10,
    "list with filters": 16,
    "search": 10,
    "programme": 28,
    "trade": 6,
    "desk": 5,
    "provider": 3,
    "api programmes": 6,
    "api programme": 4,
}


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/guichet_bench"),
        help="PostgreSQL database to fill and serve (created if missing)",
    )
    parser.add_argument("--programmes", type=int, default=10000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of each phase")
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between two pages of a person (s)")
    production = runpy.run_path(str(ROOT / "gunicorn.conf.py"), run_name="gunicorn_conf")
    parser.add_argument("--workers", type=int, default=production["workers"], help="default: gunicorn.conf.py's")
    parser.add_argument(
        "--threads",
        type=int,
        default=production["threads"],
        help="gunicorn threads per worker (gthread if > 1, else sync); default: gunicorn.conf.py's",
    )
    parser.add_argument("--port", type=int, default=8791, help="the floor's; the app's is 2 more (nginx: 1 more each)")
    parser.add_argument(
        "--slices", type=int, default=4, help="throughput phases alternate floor and app in this many slices each"
    )
    parser.add_argument(
        "--distinct",
        type=int,
        default=1000,
        help="distinct URLs in the mix, popularity-skewed (see mix_urls), each visited once before measuring; "
        "0: every request a fresh draw from the whole catalogue (30,000 programme pages, uniform): mostly misses",
    )
    parser.add_argument("--warm", type=float, default=3.0, help="seconds of the mix, unmeasured, before measuring")
    parser.add_argument(
        "--via-nginx",
        action="store_true",
        help="serve through deploy/nginx.conf (TLS lines replaced, its proxy_cache in a temporary folder)",
    )
    parser.add_argument(
        "--redis-url",
        default="",
        help="the workers' shared cache, as in production (REDIS_URL), e.g. redis://127.0.0.1:6379/14; "
        "emptied first. Default: each worker's own memory",
    )
    return parser.parse_args()


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def prepare(env: dict, programmes: int) -> None:
    import psycopg
    from psycopg import sql

    url = env["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "compile_translations")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    with psycopg.connect(url) as conn:
        count = conn.execute("SELECT count(*) FROM catalog_programme WHERE slug LIKE 'synthetic-%%'").fetchone()[0]
    if count != programmes:
        print(f"loading {programmes} synthetic programmes (found {count})", flush=True)
        manage(env, "generate_catalogue", "--programmes", str(programmes))
    # What autovacuum does in production after a bulk load or a migration that
    # rewrote rows: fresh statistics and visibility map (index-only scans).
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def slugs(env: dict) -> dict[str, list[str]]:
    import psycopg

    with psycopg.connect(env["DATABASE_URL"]) as conn:

        def column(query: str) -> list[str]:
            return [row[0] for row in conn.execute(query).fetchall()]

        return {
            "programme": column("SELECT slug FROM catalog_programme WHERE is_published"),
            "trade": column("SELECT slug FROM catalog_trade"),
            "region": column("SELECT slug FROM catalog_region"),
            "desk": column("SELECT slug FROM catalog_desk"),
            "provider": column("SELECT slug FROM catalog_provider"),
        }


def request_for(name: str, data: dict[str, list[str]], rng: random.Random) -> str:
    lang = rng.choice(LANGUAGES)
    if name == "home":
        return f"/{lang}/"
    if name == "programme list":
        return f"/{lang}/programmes/?page={rng.randint(1, 5)}"
    if name == "list with filters":
        filters = [f"trade={rng.choice(data['trade'])}"]
        if rng.random() < 0.5:
            filters.append(f"region={rng.choice(data['region'])}")
        if rng.random() < 0.5:
            filters.append("free=1")
        if rng.random() < 0.3:
            filters.append("seats=1")
        return f"/{lang}/programmes/?{'&'.join(filters)}"
    if name == "search":
        return f"/{lang}/search/?q={quote(rng.choice(SEARCH_QUERIES))}"
    if name == "programme":
        return f"/{lang}/programmes/{rng.choice(data['programme'])}/"
    if name == "trade":
        return f"/{lang}/trades/{rng.choice(data['trade'])}/"
    if name == "desk":
        return f"/{lang}/desks/{rng.choice(data['desk'])}/"
    if name == "provider":
        return f"/{lang}/providers/{rng.choice(data['provider'])}/"
    if name == "api programmes":
        return f"/api/v1/programmes?trade={rng.choice(data['trade'])}&limit=20&lang={lang}"
    if name == "api programme":
        return f"/api/v1/programmes/{rng.choice(data['programme'])}?lang={lang}"
    raise ValueError(name)


def mix_urls(data: dict[str, list[str]], rng: random.Random, distinct: int) -> list[tuple[str, str, float]]:
    """The mix as a day's traffic has it: ``distinct`` URLs, each page's share of MIX spread over its URLs
    by popularity (Zipf: the k-th most visited URL of a page is visited 1/k as often as the first).

    Returns (page, path, weight). Each page gets its share of the URLs (at least one), as many distinct ones as
    it has (a home page per language, 14 searches in 3 languages): a few very popular URLs and a long tail.
    """
    total = sum(MIX.values())
    urls = []
    for name, share in MIX.items():
        wanted = max(1, round(distinct * share / total))
        seen: dict[str, None] = {}
        for _ in range(wanted * 20):
            if len(seen) == wanted:
                break
            seen[request_for(name, data, rng)] = None
        harmonic = sum(1 / rank for rank in range(1, len(seen) + 1))
        urls += [(name, path, share / rank / harmonic) for rank, path in enumerate(seen, start=1)]
    return urls


class Server:
    """gunicorn on 127.0.0.1, the same configuration for the floor and the app."""

    def __init__(self, env: dict, app: str, args: argparse.Namespace, port: int) -> None:
        command = [
            PYTHON, "-m", "gunicorn", app,
            "--bind", f"127.0.0.1:{port}",
            "--workers", str(args.workers),
            "--log-level", "warning",
        ]  # fmt: skip
        command += ["--worker-class", "gthread" if args.threads > 1 else "sync", "--threads", str(args.threads)]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env)
        self.port = port
        self.base = f"http://127.0.0.1:{port}"

    async def ready(self, path: str, base: str | None = None) -> None:
        """Wait until ``path`` answers 200, from gunicorn or from ``base`` (nginx in front of it)."""
        import aiohttp

        async with aiohttp.ClientSession() as session:
            for _ in range(100):
                try:
                    async with session.get((base or self.base) + path) as response:
                        if response.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.2)
        raise RuntimeError("gunicorn did not answer")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


class Nginx:
    """deploy/nginx.conf in front of ``upstream`` on 127.0.0.1 (TLS lines dropped), its cache in a fresh folder."""

    def __init__(self, upstream_port: int, port: int) -> None:
        import re
        import shutil
        import tempfile

        self.folder = Path(tempfile.mkdtemp(prefix="guichet-bench-nginx-"))
        site = (ROOT / "deploy" / "nginx.conf").read_text()
        site = re.sub(r"\nserver \{\n    listen 80;.*?\n\}\n", "\n", site, count=1, flags=re.DOTALL)
        site = site.replace("    listen 443 ssl http2;\n", f"    listen 127.0.0.1:{port};\n")
        site = re.sub(r"^\s*(listen \[::\]:443|ssl_).*\n", "", site, flags=re.MULTILINE)
        site = site.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream_port};")
        site = site.replace("/var/cache/nginx/guichet", str(self.folder / "cache"))
        site = site.replace("/srv/guichet/var/static/", f"{ROOT / 'var' / 'static'}/")
        temp = "\n".join(
            f"    {kind}_temp_path {self.folder / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        # One process, as root: a worker switched to "nobody" could not open the temporary folder.
        (self.folder / "nginx.conf").write_text(
            f"daemon off;\nmaster_process off;\npid {self.folder / 'nginx.pid'};\n"
            f"error_log {self.folder / 'error.log'};\n"
            f"events {{ worker_connections 1024; }}\n"
            f"http {{\n    include /etc/nginx/mime.types;\n    access_log off;\n{temp}\n{site}\n}}\n"
        )
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        command = [
            nginx,
            "-p",
            str(self.folder),
            "-e",
            str(self.folder / "error.log"),
            "-c",
            str(self.folder / "nginx.conf"),
        ]
        self.process = subprocess.Popen(command)
        self.base = f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        import shutil

        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)


async def drive(base: str, pick, users: int, duration: float, think: float, seed: int) -> dict[str, dict]:
    """``users`` concurrent people for ``duration`` seconds; per page: latencies (ms), errors."""
    import aiohttp

    results: dict[str, dict] = defaultdict(lambda: {"latencies": [], "errors": 0, "app_hits": 0, "proxy_hits": 0})
    deadline = time.perf_counter() + duration
    connector = aiohttp.TCPConnector(limit=users)
    headers = {"Accept-Encoding": "gzip, br"}
    async with aiohttp.ClientSession(connector=connector, headers=headers, auto_decompress=False) as session:

        async def person(number: int) -> None:
            rng = random.Random(seed * 1000 + number)
            if think:
                await asyncio.sleep(rng.uniform(0, think))
            while time.perf_counter() < deadline:
                name, path = pick(rng)
                started = time.perf_counter()
                try:
                    async with session.get(base + path, allow_redirects=False) as response:
                        await response.read()
                        ok = response.status == 200
                        # nginx's copy keeps the header the app gave it: a hit of nginx is not the app's too.
                        # STALE and UPDATING are nginx's copy too (its max-age is 60 s, the runs are longer).
                        proxy_hit = response.headers.get("X-Cache-Status") in NGINX_SERVED
                        results[name]["proxy_hits"] += proxy_hit
                        results[name]["app_hits"] += not proxy_hit and response.headers.get("X-Page-Cache") == "hit"
                except aiohttp.ClientError:
                    ok = False
                elapsed = (time.perf_counter() - started) * 1000
                results[name]["latencies"].append(elapsed)
                if not ok:
                    results[name]["errors"] += 1
                if think:
                    await asyncio.sleep(rng.expovariate(1 / think))

        await asyncio.gather(*(person(n) for n in range(users)))
    return results


async def visit(paths: list[str], base: str, users: int) -> None:
    """Each of ``paths`` once, ``users`` at a time."""
    import aiohttp

    queue = list(reversed(paths))
    headers = {"Accept-Encoding": "gzip, br"}
    connector = aiohttp.TCPConnector(limit=users)
    async with aiohttp.ClientSession(connector=connector, headers=headers, auto_decompress=False) as session:

        async def person() -> None:
            while queue:
                async with session.get(base + queue.pop(), allow_redirects=False) as response:
                    await response.read()

        await asyncio.gather(*(person() for _ in range(users)))


def merge(into: dict[str, dict], results: dict[str, dict]) -> None:
    """Add ``results`` of one slice to ``into``."""
    for name, result in results.items():
        kept = into.setdefault(name, {"latencies": [], "errors": 0, "app_hits": 0, "proxy_hits": 0})
        kept["latencies"] += result["latencies"]
        for key in ("errors", "app_hits", "proxy_hits"):
            kept[key] += result[key]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def report(title: str, results: dict[str, dict], duration: float) -> tuple[float, bool]:
    print(f"\n{title}")
    print(f"{'page':20} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'hits %':>7}")
    total, ok = 0, True
    for name in [*MIX, "hello"]:
        if name not in results:
            continue
        latencies, errors = results[name]["latencies"], results[name]["errors"]
        total += len(latencies)
        p95 = percentile(latencies, 95)
        ok = ok and errors == 0 and p95 < TARGET_P95_MS
        print(
            f"{name:20} {len(latencies) / duration:8.1f} {statistics.median(latencies):8.1f} {p95:8.1f}"
            f" {percentile(latencies, 99):8.1f} {errors:7d} {_hits(results[name]):>7}"
        )
    every = [v for r in results.values() for v in r["latencies"]]
    errors = sum(r["errors"] for r in results.values())
    whole = {key: sum(r[key] for r in results.values()) for key in ("app_hits", "proxy_hits")} | {"latencies": every}
    print(
        f"{'all':20} {total / duration:8.1f} {statistics.median(every):8.1f} {percentile(every, 95):8.1f}"
        f" {percentile(every, 99):8.1f} {errors:7d} {_hits(whole):>7}"
    )
    return total / duration, ok


def _hits(result: dict) -> str:
    """Share of answers from a cache: the app's page cache, plus nginx's when it is in front ("app+nginx")."""
    count = len(result["latencies"]) or 1
    app = 100 * result["app_hits"] / count
    if not result["proxy_hits"]:
        return f"{app:.0f}"
    return f"{app:.0f}+{100 * result['proxy_hits'] / count:.0f}"


def main() -> int:
    args = parse()
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DJANGO_SETTINGS_MODULE": "guichet.settings",
        "GUICHET_LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_DEBUG", None)
    env.pop("REDIS_URL", None)
    if args.redis_url:
        import redis

        redis.Redis.from_url(args.redis_url).flushdb()  # no page of an earlier run
        env["REDIS_URL"] = args.redis_url
    prepare(env, args.programmes)
    data = slugs(env)
    names, weights = list(MIX), list(MIX.values())
    mix = mix_urls(data, random.Random(0), args.distinct) if args.distinct else []
    mix_weights = list(itertools.accumulate(weight for _name, _path, weight in mix))

    def pick_app(rng: random.Random) -> tuple[str, str]:
        if mix:
            name, path, _weight = rng.choices(mix, cum_weights=mix_weights)[0]
            return name, path
        name = rng.choices(names, weights)[0]
        return name, request_for(name, data, rng)

    def pick_hello(rng: random.Random) -> tuple[str, str]:
        return "hello", "/hello"

    config = f"{args.workers} workers" + (f" x {args.threads} threads" if args.threads > 1 else "")
    config += ", cache shared in Redis" if args.redis_url else ", cache in each worker's memory"
    if mix:
        config += f", a mix of {len(mix)} distinct URLs (popularity-skewed), each visited once first"
    else:
        config += ", every request a fresh draw from the whole catalogue"

    if args.via_nginx:
        config += ", through nginx (deploy/nginx.conf, proxy_cache on)"
    print(f"gunicorn {config}, {len(data['programme'])} programmes, {args.users} users, {args.duration:.0f} s a phase")

    # Both servers run side by side (the idle one costs memory, no CPU) and the throughput phases alternate
    # in slices, floor then app: on a machine shared with other work, both see the same load, and the ratio
    # is not the load's change between a first and a second phase.
    floor = Server({**env, "DJANGO_SETTINGS_MODULE": "bench.floor_settings"}, "guichet.wsgi", args, args.port)
    app = Server(env, "guichet.wsgi", args, args.port + 2)
    proxies = [Nginx(server.port, server.port + 1) for server in (floor, app)] if args.via_nginx else []
    floor_base, app_base = (proxy.base for proxy in proxies) if proxies else (floor.base, app.base)
    floor_results: dict[str, dict] = {}
    throughput_results: dict[str, dict] = {}
    try:
        asyncio.run(floor.ready("/hello"))
        asyncio.run(floor.ready("/hello", floor_base))
        asyncio.run(app.ready("/fr/"))
        asyncio.run(app.ready("/fr/", app_base))
        # Every URL of the mix once (the caches then hold what the mix asks), then the mix for a while
        # (each worker's connections, templates and the like), unmeasured; the floor's workers warmed alike.
        if mix:
            asyncio.run(visit([path for _name, path, _weight in mix], app_base, args.users))
        asyncio.run(drive(app_base, pick_app, args.users, args.warm, 0, seed=2))
        asyncio.run(drive(floor_base, pick_hello, args.users, args.warm, 0, seed=2))
        latency_results = asyncio.run(drive(app_base, pick_app, args.users, args.duration, args.think, seed=3))
        piece = args.duration / args.slices
        for number in range(args.slices):
            merge(floor_results, asyncio.run(drive(floor_base, pick_hello, args.users, piece, 0, seed=10 + number)))
            merge(throughput_results, asyncio.run(drive(app_base, pick_app, args.users, piece, 0, seed=20 + number)))
    finally:
        for proxy in proxies:
            proxy.stop()
        floor.stop()
        app.stop()
    floor_rps, _ = report("floor: bare hello view, no pause", floor_results, args.duration)
    _rps, within = report(
        f"app: {args.users} people, {args.think:g} s mean pause (target: p95 < {TARGET_P95_MS} ms, 0 errors)",
        latency_results,
        args.duration,
    )
    app_rps, _ = report("app: the same mix, no pause (throughput)", throughput_results, args.duration)
    print(f"\nthroughput ratio app / floor: {app_rps:.1f} / {floor_rps:.1f} = {app_rps / floor_rps:.2f}")
    print("targets met" if within else "targets NOT met")
    return 0 if within else 1


if __name__ == "__main__":
    raise SystemExit(main())
