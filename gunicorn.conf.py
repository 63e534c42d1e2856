"""gunicorn's settings for Guichet, read from the working directory (`gunicorn guichet.wsgi`)."""

import os

# One worker per core: the app waits little on the database (pages come mostly
# from the cache), so more processes would only share the same cores and each
# costs its memory (about 220 MB with the search vectors at 10,000 programmes).
# WEB_CONCURRENCY or --workers chooses otherwise.
workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)
# Threads in each worker: what a worker waits for (Redis, PostgreSQL, a slow client) another request
# uses, without a process's memory; and connections are kept alive (a sync worker closes each one after
# its answer, so every request paid a new connection, and nginx's upstream keepalive had nothing to keep).
# bench/load.py, 50 users on the page-cache mix, 2 cores: 2 workers x 4 threads served 2.5-5 times the
# requests of 2 or 5 sync workers, for the hello floor and the app alike. GUNICORN_THREADS=1: sync workers.
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
worker_class = "gthread" if threads > 1 else "sync"


def post_worker_init(worker) -> None:
    """Each worker loads the search model and vectors as it starts, not in the first search it serves."""
    from search.semantic import warm_up

    warm_up()
