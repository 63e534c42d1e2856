"""Background tasks on the catalogue, run by the database worker (see core/nightly.py).

Just after midnight, programmes whose stored next session has begun get
their new next session (``programme_next_session_refresh``): lists keep
reading the indexed column instead of working the order out from sessions.
"""

from __future__ import annotations

import datetime

from django_tasks import task

from catalog.selectors import catalogue_version_bump
from catalog.services import programme_next_session_refresh
from core.nightly import nightly_schedule

# Local time of the nightly run: the first hour of the new day.
NEXT_SESSIONS_HOUR = 0


@task()
def next_sessions_refresh_nightly() -> int:
    """Store the next session of programmes whose stored one is past, book tomorrow's run, say how many."""
    refreshed = programme_next_session_refresh()
    if refreshed:
        catalogue_version_bump()  # cached pages and answers showed yesterday's next sessions
    next_sessions_schedule()
    return refreshed


def next_sessions_schedule(*, now: datetime.datetime | None = None) -> bool:
    """Enqueue the next nightly refresh unless one is already waiting. True when one was enqueued now."""
    return nightly_schedule(task=next_sessions_refresh_nightly, hour=NEXT_SESSIONS_HOUR, now=now)
