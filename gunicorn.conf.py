"""gunicorn's settings for Guichet, read from the working directory (`gunicorn guichet.wsgi`)."""

import os

# One worker per core: the app waits little on the database (pages come mostly
# from the cache), so more processes would only share the same cores and each
# costs its memory (about 220 MB with the search vectors at 10,000 programmes).
# WEB_CONCURRENCY or --workers chooses otherwise.
workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)


def post_worker_init(worker) -> None:
    """Each worker loads the search model and vectors as it starts, not in the first search it serves."""
    from search.semantic import warm_up

    warm_up()
