"""Many calls at once on a bounded number of connections: PostgreSQL's default limit is 100 connections, shared
with the test run's other workers, so 200 calls go through 40 threads, each with its own connection, all
released together and each taking the next call as soon as its last one ends."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

from django.db import connection

THREADS = 40


def all_at_once(calls: list[Callable[[], object]], *, threads: int = THREADS) -> list[object]:
    """What each call returned (or the exception it raised), in the calls' order."""
    todo: queue.Queue[int] = queue.Queue()
    for index in range(len(calls)):
        todo.put(index)
    results: list[object] = [None] * len(calls)
    threads = min(threads, len(calls))
    start = threading.Barrier(threads)

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
                except Exception as exc:
                    results[index] = exc
        finally:
            connection.close()

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    assert not any(worker.is_alive() for worker in workers)
    return results
