"""Search speed and relevance on a synthetic catalogue, on SQLite and on PostgreSQL.

For each backend, builds a scratch database (a temporary SQLite file; a
PostgreSQL database created on 127.0.0.1:5432 as user ``postgres`` and dropped
at the end), loads the demo network and ``generate_catalogue --programmes N``
(default 10,000; its end rebuilds the search index), then:

- speed: runs more than 200 queries (exact, typo, Arabic, synonym,
  empty-result, filtered) through the service layer (``search_run``, then
  fetching the first page of programmes) and through the full page
  (``/fr/search/?q=…`` rendered by the test client), and prints p50 / p95 /
  max in milliseconds;
- relevance: runs the labelled queries (``search/tests/relevance.py``: fr, ar,
  en, typos, synonyms, sentences, word forms), each with the trade it must
  find, and prints the share where that trade comes first and where it is in
  the top 3 (target: 98% top 3), group by group, with each group's p95 time;
- a baseline, on PostgreSQL: the same labelled queries through what a
  developer gets by default, PostgreSQL full text with the ``french``
  configuration and ``websearch_to_tsquery`` over the same trade and
  programme texts (as written, every language in one ``tsvector``), trades
  ranked by the ``ts_rank`` of their best document; printed beside Guichet's
  search, group by group (first, top 3, p95);

  and, with meaning on (the default), how long the model takes to load and to
  embed one query, and how long comparing it with every stored vector takes.

    .venv/bin/python bench/search.py [--programmes 10000] [--backend sqlite|postgresql] [--no-semantic]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
sys.path.insert(0, str(ROOT))

from search.tests.relevance import LABELLED, RELEVANCE, expected_set  # noqa: E402 (needs ROOT on the path)

EMPTY = ["qqqqqq", "xyzzy plugh", "zzzzzzzz", "kwijibo", "lorem ipsum dolor", "flibbertigibbet", "ﬀﬀﬀ", "ـــــ"]
CITIES = ["casablanca", "sefrou", "Fès", "rabat", "tanger", "oujda", "marrakech", "agadir", "الدار البيضاء", "فاس"]
FILTERS = [
    {"region": "casablanca-settat"},
    {"schedule": "evenings"},
    {"language": "fr"},
    {"free": True},
    {"seats_left": True},
    {"city": "casablanca", "schedule": "full_time"},
    {"starts_within_weeks": 13},
]


def _mutations(word: str) -> list[str]:
    """Typos a person makes: a letter dropped, two swapped, one doubled."""
    if len(word) < 6:
        return []
    middle = len(word) // 2
    return [
        word[:middle] + word[middle + 1 :],
        word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :],
        word[:middle] + word[middle] + word[middle:],
    ]


def workload() -> list[tuple[str, str, dict]]:
    """(kind, query, filters): at least 200 queries of every kind."""
    queries: list[tuple[str, str, dict]] = []
    for query, _trade in RELEVANCE:
        arabic = any("\u0600" <= char <= "\u06ff" for char in query)
        queries.append(("arabic" if arabic else "exact", query, {}))
        for typo in _mutations(query.split()[0]):
            queries.append(("typo", typo, {}))
    queries += [("synonym", query, {}) for query in ("bois", "métal", "fer", "coudre", "mosaïque", "zelij", "gebs")]
    queries += [("exact", city, {}) for city in CITIES]
    queries += [("empty-result", query, {}) for query in EMPTY]
    for index, (query, _trade) in enumerate(RELEVANCE[:40]):
        queries.append(("filtered", query, FILTERS[index % len(FILTERS)]))
    queries += [("long", "je cherche une formation gratuite en couture à casablanca pour apprendre le métier", {})]
    return queries


def page_params(query: str, filters: dict) -> dict[str, str]:
    """The search page's parameters for a query of the workload."""
    return {"q": query} | {
        {"starts_within_weeks": "starts_within", "seats_left": "seats"}.get(key, key): (
            "1" if value is True else str(value)
        )
        for key, value in filters.items()
    }


def page_under_load(env: dict, *, users: int, seconds: float) -> str:
    """The search page served by gunicorn (bench/load.py's configuration), ``users`` at once, no pause."""
    import asyncio
    import random
    from urllib.parse import urlencode

    sys.path.insert(0, str(ROOT))
    from bench.load import Server, drive, percentile

    def pick(rng: random.Random) -> tuple[str, str]:
        return "search", rng.choice(urls)

    urls = [f"/fr/search/?{urlencode(page_params(query, filters))}" for _kind, query, filters in workload()]
    server_args = argparse.Namespace(port=8792, workers=2 * (os.cpu_count() or 1) + 1, threads=1)
    server = Server(env, "guichet.wsgi", server_args, server_args.port)
    try:
        asyncio.run(server.ready("/fr/search/?q=couture"))
        asyncio.run(drive(server.base, pick, users, 3, 0, seed=1))  # warm each worker's caches and model
        results = asyncio.run(drive(server.base, pick, users, seconds, 0, seed=2))
    finally:
        server.stop()
    latencies = sorted(results["search"]["latencies"])
    return (
        f"{len(latencies) / seconds:.1f} req/s with {users} concurrent users, no pause "
        f"({server_args.workers} gunicorn workers): p50 {percentile(latencies, 50):.0f} ms, "
        f"p95 {percentile(latencies, 95):.0f} ms, errors {results['search']['errors']}"
    )


def _percentiles(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[max(0, int(round(0.95 * len(values))) - 1)]
    return f"p50 {statistics.median(values):6.1f}  p95 {p95:6.1f}  max {values[-1]:6.1f}"


def _relevance(search) -> dict:
    """The labelled queries through ``search`` (query → the slugs of the first trades): by group,
    how many find their trade first and in the top 3, and the p95 of their times; and the misses."""
    groups, misses = {}, []
    for group, pairs in LABELLED.items():
        first = top3 = 0
        times = []
        for query, expected in pairs:
            wanted = expected_set(expected)
            began = time.perf_counter()
            slugs = search(query)
            times.append((time.perf_counter() - began) * 1000)
            first += bool(slugs) and slugs[0] in wanted
            top3 += bool(wanted & set(slugs[:3]))
            if not wanted & set(slugs[:3]):
                misses.append(f"{group}: {query!r} → {slugs[:3]} (wanted {' or '.join(sorted(wanted))})")
        times.sort()
        p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
        groups[group] = {"queries": len(pairs), "first": first, "top3": top3, "p95": p95}
    return {
        "groups": groups,
        "queries": len(RELEVANCE),
        "first": sum(group["first"] for group in groups.values()),
        "top3": sum(group["top3"] for group in groups.values()),
        "misses": misses,
    }


def _baseline_texts():
    """(trade id, text) of every trade and published programme: the texts search indexes, as written."""
    from catalog.models import Programme, Trade

    def texts(obj, *fields: str) -> list[str]:
        return [getattr(obj, f"{field}_{lang}", "") or "" for field in fields for lang in ("fr", "ar", "en")]

    for trade in Trade.objects.prefetch_related("skills"):
        skills = [text for skill in trade.skills.all() for text in texts(skill, "name")]
        yield trade.pk, " ".join(texts(trade, "name", "summary") + skills + texts(trade, "description"))
    programmes = Programme.objects.published().select_related("trade", "provider", "city__region")
    for programme in programmes.iterator(chunk_size=2000):
        parts = texts(programme, "title") + texts(programme.trade, "name") + texts(programme, "summary")
        parts += texts(programme, "description", "certificate") + texts(programme.provider, "name")
        parts += texts(programme.city, "name") + texts(programme.city.region, "name")
        yield programme.trade_id, " ".join(parts)


def _baseline_build() -> None:
    """The baseline's table: one ``french`` tsvector per document, with a GIN index."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_baseline (trade_id bigint NOT NULL, body text NOT NULL, "
            "vector tsvector GENERATED ALWAYS AS (to_tsvector('french', body)) STORED)"
        )
        rows = list(_baseline_texts())
        for start in range(0, len(rows), 1000):
            cursor.executemany(
                "INSERT INTO bench_baseline (trade_id, body) VALUES (%s, %s)", rows[start : start + 1000]
            )
        cursor.execute("CREATE INDEX bench_baseline_vector ON bench_baseline USING gin (vector)")
        cursor.execute("ANALYZE bench_baseline")


def _baseline_search(query: str) -> list[str]:
    """The baseline: the trades of the documents that match, by the ``ts_rank`` of their best one."""
    from django.db import connection

    sql = (
        "SELECT t.slug FROM (SELECT b.trade_id, max(ts_rank(b.vector, q)) AS rank "
        "FROM bench_baseline b, websearch_to_tsquery('french', %s) q WHERE b.vector @@ q GROUP BY b.trade_id) r "
        "JOIN catalog_trade t ON t.id = r.trade_id ORDER BY r.rank DESC, t.position, t.slug LIMIT 3"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query])
        return [row[0] for row in cursor.fetchall()]


def run_backend(programmes: int) -> dict:
    """Inside a child process whose DATABASE_URL names a scratch database."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import translation

    from catalog.selectors import ProgrammeFilters
    from search import semantic
    from search.selectors import search_programmes, search_run

    meaning: dict[str, object] = {"on": semantic.enabled()}
    if semantic.enabled():
        began = time.perf_counter()
        semantic.encoder()
        meaning["model_load_seconds"] = time.perf_counter() - began
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-admin", stdout=io.StringIO())
    began = time.perf_counter()
    call_command("generate_catalogue", "--programmes", str(programmes), stdout=io.StringIO())
    meaning["generate_seconds"] = time.perf_counter() - began
    load_seconds = time.perf_counter() - started
    if semantic.enabled():
        from search.models import SearchEmbedding

        meaning["vectors_stored"] = SearchEmbedding.objects.count()
        began = time.perf_counter()
        matrix = semantic.matrix()
        meaning["matrix_load_ms"] = (time.perf_counter() - began) * 1000
        meaning["matrix_mb"] = matrix.vectors.nbytes / 2**20
        # One query embedded by the model, uncached: every labelled query and a few variants.
        model, embed_times = semantic.encoder(), []
        for query, _trade in RELEVANCE:
            for text in (query, query.upper(), f"{query} ?"):
                began = time.perf_counter()
                model.encode([text])
                embed_times.append((time.perf_counter() - began) * 1000)
        meaning["query_embedding"] = _percentiles(embed_times)
        import numpy as np

        every, trades = np.arange(len(matrix.table)), np.flatnonzero(~matrix.table.is_programme)
        query_vector = semantic.query_vector("je veux travailler avec mes mains")
        for name, documents in (("compare_all_ms", every), ("compare_trades_ms", trades)):
            began = time.perf_counter()
            for _repeat in range(50):
                matrix.similarities(query_vector, documents)
            meaning[name] = (time.perf_counter() - began) * 1000 / 50

    queries = workload()
    service: dict[str, list[float]] = {}
    page_times: list[float] = []
    client = Client()
    with translation.override("fr"):
        for _kind, query, filters in queries[:20]:  # warm caches and connections
            search_run(query=query, filters=ProgrammeFilters(**filters))
        for kind, query, filters in queries:
            began, began_cpu = time.perf_counter(), time.process_time()
            result = search_run(query=query, filters=ProgrammeFilters(**filters))
            search_programmes(ids=result.programme_ids[:20], cards=True)
            elapsed = (time.perf_counter() - began) * 1000
            service.setdefault(kind, []).append(elapsed)
            service.setdefault("all", []).append(elapsed)
            # CPU time of this process: on a busy machine, wall time also counts the waits for a core
            # (on PostgreSQL it leaves out the server's own work).
            service.setdefault("all, cpu", []).append((time.process_time() - began_cpu) * 1000)
    for _kind, query, filters in queries:
        params = page_params(query, filters)
        began = time.perf_counter()
        response = client.get("/fr/search/", params)
        page_times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (query, filters, response.status_code)

    def guichet(query: str) -> list[str]:
        return [trade.slug for trade in search_run(query=query).trades[:3]]

    with translation.override("fr"):
        relevance = _relevance(guichet)
    baseline = None
    if connection.vendor == "postgresql":
        _baseline_build()
        baseline = _relevance(_baseline_search)
    return {
        "vendor": connection.vendor,
        "load_seconds": load_seconds,
        "queries": len(queries),
        "service": {kind: _percentiles(times) for kind, times in service.items()},
        "page": _percentiles(page_times),
        "relevance": relevance,
        "baseline": baseline,
        "meaning": meaning,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _child(backend: str, programmes: int, *, load_users: int = 0, load_seconds: float = 0) -> dict:
    env = dict(os.environ)
    scratch = tempfile.mkdtemp(prefix="guichet-search-bench-")
    env["GUICHET_VAR_DIR"] = scratch
    env["GUICHET_LOG_LEVEL"] = "WARNING"
    # Pages link fingerprinted static files: those collected by `make test` or `make run`.
    env.setdefault("GUICHET_STATIC_ROOT", str(ROOT / "var" / "static"))
    database = None
    if backend == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{scratch}/bench.sqlite3"
    else:
        import psycopg

        database = f"guichet_search_bench_{os.getpid()}"
        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = f"{POSTGRES_SERVER}/{database}"
        # Loading 10,000 programmes in one transaction takes longer than a request may.
        env["DATABASE_STATEMENT_TIMEOUT_MS"] = "600000"
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--child", "--programmes", str(programmes)],
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        report = json.loads(out.strip().splitlines()[-1])
        if load_users:
            report["under_load"] = page_under_load(env, users=load_users, seconds=load_seconds)
        return report
    finally:
        if database:
            import psycopg

            with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programmes", type=int, default=10_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], action="append")
    parser.add_argument("--no-semantic", action="store_true", help="Search by words only (GUICHET_SEMANTIC_SEARCH=0).")
    parser.add_argument("--users", type=int, default=20, help="concurrent users of the search page (0: no load phase)")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds of the load phase")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.no_semantic:
        os.environ["GUICHET_SEMANTIC_SEARCH"] = "0"
    if args.child:
        print(json.dumps(run_backend(args.programmes)))
        return 0
    reports: list[dict] = []
    for backend in args.backend or ["sqlite", "postgresql"]:
        report = _child(backend, args.programmes, load_users=args.users, load_seconds=args.duration)
        relevance = report["relevance"]
        print(
            f"== {report['vendor']}: {args.programmes} synthetic programmes (+ demo), loaded and indexed in "
            f"{report['load_seconds']:.0f} s; {report['queries']} queries; times in ms"
        )
        for kind, figures in sorted(report["service"].items()):
            print(f"  service layer  {kind:13} {figures}")
        print(f"  full page      {'all':13} {report['page']}")
        if "under_load" in report:
            print(f"  search page under load: {report['under_load']}")
        total = relevance["queries"]
        print(
            f"  relevance: {total} labelled queries, right trade first {relevance['first'] / total:.0%}, "
            f"in the top 3 {relevance['top3'] / total:.0%}"
        )
        for miss in relevance["misses"]:
            print(f"    miss: {miss}")
        if report["baseline"]:
            baseline = report["baseline"]
            print(
                f"  baseline (PostgreSQL 'french', websearch_to_tsquery): right trade first "
                f"{baseline['first'] / total:.0%}, in the top 3 {baseline['top3'] / total:.0%}"
            )
        reports.append(report)
        meaning = report["meaning"]
        if meaning["on"]:
            print(
                f"  meaning: model loaded in {meaning['model_load_seconds']:.1f} s; "
                f"{meaning['vectors_stored']} vectors stored (generating the catalogue with them: "
                f"{meaning['generate_seconds']:.0f} s); matrix {meaning['matrix_mb']:.0f} MB read in "
                f"{meaning['matrix_load_ms']:.0f} ms; one query compared with every document "
                f"{meaning['compare_all_ms']:.1f} ms, with the trades {meaning['compare_trades_ms']:.2f} ms"
            )
            print(f"  meaning: one query embedded (uncached, ms) {meaning['query_embedding']}")
        else:
            print(f"  meaning: off; catalogue generated in {meaning['generate_seconds']:.0f} s")
        print(f"  memory of the process at the end: {report['max_rss_mb']:.0f} MB")
    _print_side_by_side(reports)
    return 0


def _print_side_by_side(reports: list[dict]) -> None:
    """Relevance by group: Guichet on each database, and the baseline, side by side."""
    columns = [(f"Guichet, {report['vendor']}", report["relevance"]) for report in reports]
    columns += [("baseline, PostgreSQL 'french'", report["baseline"]) for report in reports if report["baseline"]]
    print("== relevance by group: right trade first / in the top 3 / p95 ms of the query")
    print(f"  {'group':12} {'queries':>7}  " + "  ".join(f"{name:>30}" for name, _figures in columns))
    for group, pairs in LABELLED.items():
        cells = []
        for _name, figures in columns:
            figures = figures["groups"][group]
            count = figures["queries"]
            cells.append(
                f"{figures['first'] / count:>8.0%} / {figures['top3'] / count:>4.0%} / {figures['p95']:>6.1f} ms"
            )
        print(f"  {group:12} {len(pairs):>7}  " + "  ".join(f"{cell:>30}" for cell in cells))
    cells = [
        f"{figures['first'] / figures['queries']:>8.0%} / {figures['top3'] / figures['queries']:>4.0%}"
        for _name, figures in columns
    ]
    print(f"  {'all':12} {len(RELEVANCE):>7}  " + "  ".join(f"{cell:>30}" for cell in cells))


if __name__ == "__main__":
    raise SystemExit(main())
