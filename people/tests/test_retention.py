"""Retention: files inactive for the configured months are erased; a dry run only lists them."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from applications import tasks as application_tasks
from appointments import tasks as appointment_tasks
from catalog import tasks as catalog_tasks
from notifications import tasks as notification_tasks
from people import rights, tasks
from people.models import Beneficiary, ErasedFile
from people.tests import factories as f
from reporting import tasks as reporting_tasks


def _file_inactive_for(days: int):
    return f.BeneficiaryFactory(last_activity_at=timezone.now() - datetime.timedelta(days=days))


def test_the_cutoff_is_the_configured_number_of_months_back(settings):
    settings.GUICHET_RETENTION_MONTHS = 24
    now = datetime.datetime(2026, 3, 31, 12, tzinfo=datetime.UTC)
    assert rights.retention_cutoff(now=now) == datetime.datetime(2024, 3, 28, 12, tzinfo=datetime.UTC)
    settings.GUICHET_RETENTION_MONTHS = 3
    assert rights.retention_cutoff(now=now).date() == datetime.date(2025, 12, 28)


def test_a_dry_run_lists_the_old_files_and_changes_nothing(db, settings):
    settings.GUICHET_RETENTION_MONTHS = 24
    old, recent = _file_inactive_for(800), _file_inactive_for(30)
    out = io.StringIO()
    call_command("purge_inactive_files", "--dry-run", stdout=out)
    assert old.file_number in out.getvalue() and recent.file_number not in out.getvalue()
    assert "would be erased: 1." in out.getvalue()
    assert Beneficiary.objects.count() == 2 and not ErasedFile.objects.exists()


def test_the_purge_erases_old_files_and_keeps_anonymous_counts(db, settings):
    settings.GUICHET_RETENTION_MONTHS = 24
    old, recent = _file_inactive_for(800), _file_inactive_for(30)
    f.NoteFactory(beneficiary=old)
    call_command("purge_inactive_files", stdout=io.StringIO())
    assert list(Beneficiary.objects.all()) == [recent]
    assert list(ErasedFile.objects.values_list("reason", "desk")) == [("retention", old.desk_id)]


# The nightly task, with the real database backend and its worker run in this process.


def _run_worker() -> None:
    """What `make run` keeps running, here in batch mode: run every due task, then return."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_the_nightly_task_erases_old_files_when_the_worker_runs_it(settings):
    settings.GUICHET_RETENTION_MONTHS = 24
    old, recent = _file_inactive_for(800), _file_inactive_for(30)
    result = tasks.retention_purge_nightly.enqueue()
    assert Beneficiary.objects.filter(pk=old.pk).exists()  # nothing happens until the worker runs
    _run_worker()
    done = DBTaskResult.objects.get(pk=result.id)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value == 1
    assert not Beneficiary.objects.filter(pk=old.pk).exists()
    assert Beneficiary.objects.filter(pk=recent.pk).exists()
    assert ErasedFile.objects.get().reason == "retention"


@pytest.mark.django_db(transaction=True)
def test_each_run_books_the_next_night_and_the_worker_leaves_it_waiting(settings):
    tasks.retention_purge_nightly.enqueue()
    _run_worker()
    waiting = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert waiting.task_path == tasks.retention_purge_nightly.module_path
    assert waiting.run_after == tasks.next_retention_run()
    assert timezone.localtime(waiting.run_after).hour == tasks.RETENTION_HOUR
    _run_worker()  # not due yet: it stays
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1


def test_scheduling_twice_leaves_one_run_of_each_nightly_task_waiting(db):
    out = io.StringIO()
    call_command("schedule_nightly", stdout=out)
    call_command("schedule_nightly", stdout=out)
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert sorted(waiting.values_list("task_path", flat=True)) == sorted(
        [
            tasks.retention_purge_nightly.module_path,
            catalog_tasks.next_sessions_refresh_nightly.module_path,
            notification_tasks.messages_sweep.module_path,
            appointment_tasks.reminders_sweep.module_path,
            appointment_tasks.tickets_close_nightly.module_path,
            application_tasks.applications_clock.module_path,
            application_tasks.digests_nightly.module_path,
            reporting_tasks.report_exports_purge_nightly.module_path,
            reporting_tasks.report_snapshots_nightly.module_path,
        ]
    )
    assert out.getvalue().count("already waiting") == 9


def test_the_next_run_is_tonight_before_three_and_tomorrow_after():
    tz = timezone.get_current_timezone()
    before = datetime.datetime(2026, 5, 1, 1, 30, tzinfo=tz)
    after = datetime.datetime(2026, 5, 1, 3, 0, tzinfo=tz)
    assert tasks.next_retention_run(now=before) == datetime.datetime(2026, 5, 1, 3, tzinfo=tz)
    assert tasks.next_retention_run(now=after) == datetime.datetime(2026, 5, 2, 3, tzinfo=tz)
