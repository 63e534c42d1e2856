"""Background tasks on people's files, run by the database worker (see core/nightly.py).

Retention runs once a day: each run erases the files past retention, then
books the next night's run.
"""

from __future__ import annotations

import datetime

from django_tasks import task

from core.nightly import next_run_at, nightly_schedule
from people.rights import retention_purge

# Local time of the nightly run: desks are closed, nobody is working on files.
RETENTION_HOUR = 3


def next_retention_run(*, now: datetime.datetime | None = None) -> datetime.datetime:
    """The next RETENTION_HOUR o'clock, local time, strictly after ``now``."""
    return next_run_at(hour=RETENTION_HOUR, now=now)


@task()
def retention_purge_nightly() -> int:
    """Erase the files past retention, book tomorrow's run, and say how many files went."""
    erased = retention_purge(dry_run=False)
    retention_schedule()
    return len(erased)


def retention_schedule(*, now: datetime.datetime | None = None) -> bool:
    """Enqueue the next nightly run unless one is already waiting. True when one was enqueued now."""
    return nightly_schedule(task=retention_purge_nightly, hour=RETENTION_HOUR, now=now)
