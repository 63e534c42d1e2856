"""The applications' clock, run by the database worker (``manage.py db_worker``) every 15 minutes.

Each run expires offers not answered in time (the seat passes to the next
on the waiting list) and applications left undecided too long, and reminds
people whose offer ends within a day (``services.applications_expire``:
rows claimed with ``FOR UPDATE SKIP LOCKED``, so two runs at once share the
work). Each run books the next one as it ends; ``schedule_nightly`` seeds
the chain (and re-seeds it if it was ever broken).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

EVERY = datetime.timedelta(minutes=15)


@task()
def applications_clock() -> int:
    from applications.services import applications_expire

    expired = applications_expire()
    applications_clock_schedule()
    return expired


@transaction.atomic
def applications_clock_schedule(*, now: datetime.datetime | None = None) -> bool:
    """Enqueue the next run unless one is already waiting. True when one was enqueued now."""
    now = now or timezone.now()
    waiting = DBTaskResult.objects.filter(task_path=applications_clock.module_path, status=TaskResultStatus.READY)
    if waiting.exists():
        return False
    applications_clock.using(run_after=now + EVERY).enqueue()
    return True


# In the morning, local time, before the desk opens: yesterday's decisions in the counsellors' mailboxes.
DIGEST_HOUR = 7


@task()
def digests_nightly() -> int:
    from applications.digest import digests_send

    sent = digests_send()
    digests_schedule()
    return sent


def digests_schedule(*, now: datetime.datetime | None = None) -> bool:
    """Enqueue the next morning's digests unless a run is already waiting."""
    from core.nightly import nightly_schedule

    return nightly_schedule(task=digests_nightly, hour=DIGEST_HOUR, now=now)
