"""The applications' clock: run by the worker every 15 minutes, it expires what is due and books its next run."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from applications import tasks
from applications.models import Application, Reason, State
from applications.tests.conftest import apply


def test_a_run_expires_what_is_due_and_books_the_next_run_in_15_minutes(seats, settings):
    settings.GUICHET_APPLICATION_DECISION_DAYS = 0
    application = apply(seats, seats.people[0])
    tasks.applications_clock.call()
    application.refresh_from_db()
    assert (application.state, application.reason) == (State.EXPIRED, Reason.NO_DECISION)
    waiting = DBTaskResult.objects.get(task_path=tasks.applications_clock.module_path, status=TaskResultStatus.READY)
    in_15 = waiting.run_after - timezone.now()
    assert datetime.timedelta(minutes=14) < in_15 <= datetime.timedelta(minutes=15)
    assert not tasks.applications_clock_schedule()
    assert Application.objects.filter(state=State.EXPIRED).count() == 1
