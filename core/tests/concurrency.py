"""Many calls at once, each thread with its own database connection: the harness of every race test.

PostgreSQL's default limit is 100 connections, shared with the test run's
other workers: ``threads`` bounds how many run together (200 calls through 40
threads), each thread taking the next call as soon as its last one ends; by
default every call has its own thread. All threads are released together.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

from django.db import connection

# Threads enough to meet on one row, few enough to leave connections to the run's other workers.
BOUNDED = 40


def at_once(
    calls: list[Callable[[], object]], *, threads: int | None = None, keep_errors: bool = False
) -> list[object]:
    """What each call returned, in the calls' order.

    A call that raised fails the caller's test, unless ``keep_errors``: then its
    exception stands in its place in the answers (a benchmark counts them).
    """
    todo: queue.Queue[int] = queue.Queue()
    for index in range(len(calls)):
        todo.put(index)
    results: list[object] = [None] * len(calls)
    errors: list[BaseException] = []
    count = min(threads or len(calls), len(calls))
    start = threading.Barrier(count)

    def run() -> None:
        try:
            start.wait()
            while True:
                try:
                    index = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    results[index] = calls[index]()
                except Exception as exc:  # reported below, or kept in the answers
                    results[index] = exc
                    errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=run) for _ in range(count)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    assert not any(worker.is_alive() for worker in workers)
    assert keep_errors or not errors, errors
    return results
