"""Writes to the catalogue.

Each service runs in a transaction and leaves the catalogue valid: rows are
checked with ``full_clean()`` before they are saved, except in bulk
generation, where the database constraints are the guard.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from catalog import selectors
from catalog.models import (
    Programme,
)


def programme_next_session_refresh(*, programmes: QuerySet[Programme] | None = None) -> int:
    """Store the start of each programme's next session (today or later), in one UPDATE.

    ``programmes`` defaults to those whose stored start is now past. The day is
    always the real one: a stored start must be the first on or after a day
    that is not in the future (see ``catalog.selectors._next_start``).
    Returns how many programmes were written.
    """
    today = timezone.localdate()
    if programmes is None:
        programmes = Programme.objects.filter(next_session_start__lt=today)
    return programmes.update(next_session_start=selectors.next_session_start_subquery(today))
