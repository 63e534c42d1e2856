"""The nightly refresh of stored next sessions, run by the real database worker."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from catalog import tasks
from catalog.models import Programme
from catalog.tests import factories as f

DAY = datetime.timedelta(days=1)


def _run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_the_nightly_task_moves_started_sessions_on_and_books_the_next_night():
    today = timezone.localdate()
    programme = f.ProgrammeFactory()
    f.SessionFactory(programme=programme, start_date=today + 40 * DAY)
    f.SessionFactory(programme=programme, start_date=today - 2 * DAY, application_deadline=None)
    Programme.objects.filter(pk=programme.pk).update(next_session_start=today - 2 * DAY)
    result = tasks.next_sessions_refresh_nightly.enqueue()
    _run_worker()
    assert DBTaskResult.objects.get(pk=result.id).return_value == 1
    assert Programme.objects.get(pk=programme.pk).next_session_start == today + 40 * DAY
    waiting = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert waiting.task_path == tasks.next_sessions_refresh_nightly.module_path
    assert timezone.localtime(waiting.run_after).hour == tasks.NEXT_SESSIONS_HOUR
    assert waiting.run_after > timezone.now()
