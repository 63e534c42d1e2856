"""Background sending of the outbox, run by the database worker (`manage.py db_worker`).

Each new message enqueues its own send when its transaction commits, and a
failed try enqueues the next one at its backoff time. The sweep, every
SWEEP_INTERVAL, sends whatever is due and was missed (a task table emptied,
a process that died between commit and send) and closes claims whose worker
died; like the nightly tasks, it books its own next run, and
``manage.py schedule_nightly`` seeds it when none is waiting.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from notifications.services import messages_release_lost, messages_send_due

# Often enough that a message whose task was lost waits minutes, not hours.
SWEEP_INTERVAL = datetime.timedelta(minutes=5)


@task()
def messages_sweep() -> int:
    """Send due messages, fail lost claims, book the next sweep; say how many were sent or tried."""
    messages_release_lost()
    count = messages_send_due()
    messages_sweep_schedule()
    return count


@transaction.atomic
def messages_sweep_schedule(*, now: datetime.datetime | None = None) -> bool:
    """Enqueue the next sweep unless one is already waiting. True when one was enqueued now."""
    waiting = DBTaskResult.objects.filter(task_path=messages_sweep.module_path, status=TaskResultStatus.READY)
    if waiting.exists():
        return False
    messages_sweep.using(run_after=(now or timezone.now()) + SWEEP_INTERVAL).enqueue()
    return True
