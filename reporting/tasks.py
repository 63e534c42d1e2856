"""Report exports prepared by the database worker (``manage.py db_worker``), and their nightly purge; the wide
reports' snapshots computed again when asked, and the usual ones ahead each night (``reporting/snapshots.py``)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django_tasks import task

from core.nightly import nightly_schedule
from reporting.export_services import report_export_run, report_exports_purge
from reporting.snapshots import snapshot_refresh, snapshots_prewarm

# Local time of the nightly purge of report exports past their day.
EXPORTS_PURGE_HOUR = 4
# Local time the usual wide reports are computed ahead (after the walk-in queue closes the day).
SNAPSHOTS_HOUR = 5


@task()
def report_export_prepare(export_id: int) -> str:
    """Build and write one heavy report export (``export_services.report_export_run``)."""
    return report_export_run(export_id)


@task()
def report_exports_purge_nightly() -> int:
    """Delete the report exports past their day, book tomorrow's run, and say how many went."""
    purged = report_exports_purge()
    report_exports_purge_schedule()
    return purged


def report_exports_purge_schedule(*, now: datetime.datetime | None = None) -> bool:
    """Enqueue the next nightly purge unless one is already waiting. True when one was enqueued now."""
    return nightly_schedule(task=report_exports_purge_nightly, hour=EXPORTS_PURGE_HOUR, now=now)


@task()
def report_snapshot_refresh(key: str) -> bool:
    """Compute one wide report's snapshot again (asked by a page that showed it past its fresh time)."""
    return snapshot_refresh(key)


def report_snapshot_refresh_ask(key: str | None) -> None:
    """Enqueue the new computation a page claimed (``Served.refresh_key``), once its transaction commits."""
    if key:
        transaction.on_commit(lambda: report_snapshot_refresh.enqueue(key))


@task()
def report_snapshots_nightly() -> int:
    """Compute the usual wide reports ahead, book tomorrow's run, and say how many were computed."""
    computed = snapshots_prewarm()
    report_snapshots_schedule()
    return computed


def report_snapshots_schedule(*, now: datetime.datetime | None = None) -> bool:
    """Enqueue the next nightly computation of the usual reports unless one is already waiting."""
    return nightly_schedule(task=report_snapshots_nightly, hour=SNAPSHOTS_HOUR, now=now)
