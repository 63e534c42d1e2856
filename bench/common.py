"""What the benchmarks share: a scratch PostgreSQL database of their own, threads for a while, percentiles; and,
for those that measure pages in their own process, Django started as the server is, on bench/load.py's database."""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
LOAD_DATABASE = "guichet_bench"  # the one bench/load.py fills (10,000 programmes): the page benches read it


def load_database_argument(parser: argparse.ArgumentParser) -> None:
    """``--database-url``: the database bench/load.py filled (default: $DATABASE_URL, else its own)."""
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", f"{POSTGRES_SERVER}/{LOAD_DATABASE}"),
        help="database filled by bench/load.py",
    )


def django_as_served(database_url: str, *, redis_url: str | None = None) -> None:
    """Django set up in this process as ``make run`` serves it (no DEBUG, warnings and errors only in the log).

    ``redis_url``: the shared cache; "" for this process's memory, as one
    gunicorn worker has without REDIS_URL; None leaves REDIS_URL as the
    environment says.
    """
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.settings")
    os.environ.setdefault("GUICHET_LOG_LEVEL", "WARNING")
    os.environ.pop("DJANGO_DEBUG", None)
    if redis_url is not None:
        os.environ.pop("REDIS_URL", None)
        if redis_url:
            os.environ["REDIS_URL"] = redis_url
    import django

    django.setup()


def admin(sql: str) -> None:
    """Run ``sql`` on the server's maintenance database (creating and dropping the bench's own)."""
    import psycopg

    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def percentiles(timings: list[float]) -> str:
    if not timings:
        return "no timings"
    timings = sorted(timings)
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return f"p50 {ms(statistics.median(timings))}   p95 {ms(p95)}   max {ms(timings[-1])}"


@contextlib.contextmanager
def postgres_database(name: str, *, keep: bool = False) -> Iterator[None]:
    """Django set up on a new, migrated PostgreSQL database ``name``, dropped afterwards unless ``keep``.

    Its own var folder (outbox, uploads), errors only in the log, no sentence
    vectors, a connection per thread closed after each use.
    """
    sys.path.insert(0, str(ROOT))
    os.environ["GUICHET_VAR_DIR"] = tempfile.mkdtemp(prefix=f"{name}-")
    os.environ["GUICHET_LOG_LEVEL"] = "ERROR"
    os.environ["GUICHET_SEMANTIC_SEARCH"] = "0"
    os.environ["DATABASE_URL"] = f"{POSTGRES_SERVER}/{name}"
    os.environ["DATABASE_CONN_MAX_AGE"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.settings")
    admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{name}"')

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        call_command("migrate", verbosity=0)
        yield
    finally:
        connection.close()
        if not keep:
            admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def threads_for(
    clients: int, seconds: float, work: Callable[[int, random.Random], bool | None]
) -> tuple[int, int, float]:
    """Run ``work(index, rng)`` over and over in ``clients`` threads, each on its own connection, for ``seconds``.

    ``work`` answers True (done), False (refused) or None (nothing left for
    this thread: it stops). Returns (done, refused, elapsed seconds); all
    threads start together, and the run ends early when every one has stopped.
    """
    from django.db import connection

    done = [0] * clients
    refused = [0] * clients
    barrier = threading.Barrier(clients + 1)
    stop = threading.Event()

    def run(index: int) -> None:
        rng = random.Random(index)
        barrier.wait()
        try:
            while not stop.is_set():
                answer = work(index, rng)
                if answer is None:
                    return
                if answer:
                    done[index] += 1
                else:
                    refused[index] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    deadline = started + seconds
    while time.perf_counter() < deadline and any(t.is_alive() for t in threads):
        time.sleep(0.05)
    stop.set()
    for thread in threads:
        thread.join()
    return sum(done), sum(refused), time.perf_counter() - started
