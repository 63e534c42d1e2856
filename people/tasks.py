"""Background tasks on people's files, run by the database worker (`manage.py db_worker`).

Retention runs once a day. The schedule is the queue itself: each run, as it
ends, enqueues the next one for the following night (``RETENTION_HOUR``), and
``retention_schedule`` adds one only when none is waiting. The worker
started by ``make run`` (and by the deployment's service) picks it up when
due; ``manage.py schedule_retention`` (run by ``make run``, and safe to run
any number of times) re-seeds the chain if it was ever broken, e.g. by a
failed run or an emptied task table. No scheduler process to keep alive,
and a night missed while the worker was down is caught up when it starts.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from people.services import retention_purge

# Local time of the nightly run: desks are closed, nobody is working on files.
RETENTION_HOUR = 3


def next_retention_run(*, now: datetime.datetime | None = None) -> datetime.datetime:
    """The next RETENTION_HOUR o'clock, local time, strictly after ``now``."""
    local = timezone.localtime(now or timezone.now())
    run = local.replace(hour=RETENTION_HOUR, minute=0, second=0, microsecond=0)
    return run if run > local else run + datetime.timedelta(days=1)


@task()
def retention_purge_nightly() -> int:
    """Erase the files past retention, book tomorrow's run, and say how many files went."""
    erased = retention_purge(dry_run=False)
    retention_schedule()
    return len(erased)


@transaction.atomic
def retention_schedule(*, now: datetime.datetime | None = None) -> bool:
    """Enqueue the next nightly run unless one is already waiting. True when one was enqueued now.

    Two callers racing may both enqueue: harmless, the purge is idempotent
    and the chain goes on from whichever runs last.
    """
    waiting = DBTaskResult.objects.filter(task_path=retention_purge_nightly.module_path, status=TaskResultStatus.READY)
    if waiting.exists():
        return False
    retention_purge_nightly.using(run_after=next_retention_run(now=now)).enqueue()
    return True
