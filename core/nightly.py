"""Nightly background tasks, run by the database worker (`manage.py db_worker`).

The schedule is the queue itself: each nightly task, as it ends, enqueues its
next run for the following night, and ``nightly_schedule`` adds one only when
none is waiting. The worker started by ``make run`` (and by the deployment's
service) picks runs up when due; ``manage.py schedule_nightly`` (run by
``make run``, safe to run any number of times) re-seeds every chain if one
was ever broken, e.g. by a failed run or an emptied task table. No scheduler
process to keep alive, and a night missed while the worker was down is
caught up when it starts.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult


def next_run_at(*, hour: int, now: datetime.datetime | None = None) -> datetime.datetime:
    """The next ``hour`` o'clock, local time, strictly after ``now``."""
    local = timezone.localtime(now or timezone.now())
    run = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    return run if run > local else run + datetime.timedelta(days=1)


@transaction.atomic
def nightly_schedule(*, task: Task, hour: int, now: datetime.datetime | None = None) -> bool:
    """Enqueue ``task``'s next nightly run unless one is already waiting. True when one was enqueued now.

    Two callers racing may both enqueue: harmless, as long as the task is
    idempotent (every nightly task is), and the chain goes on from whichever runs last.
    """
    waiting = DBTaskResult.objects.filter(task_path=task.module_path, status=TaskResultStatus.READY)
    if waiting.exists():
        return False
    task.using(run_after=next_run_at(hour=hour, now=now)).enqueue()
    return True
