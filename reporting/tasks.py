"""Report exports prepared by the database worker (``manage.py db_worker``), and their nightly purge."""

from __future__ import annotations

import datetime

from django_tasks import task

from core.nightly import nightly_schedule
from reporting.export_services import report_export_run, report_exports_purge

# Local time of the nightly purge of report exports past their day.
EXPORTS_PURGE_HOUR = 4


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
