"""Retention: files inactive for the configured months are erased; a dry run only lists them."""

from __future__ import annotations

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from people import services
from people.models import Beneficiary, ErasedFile
from people.tests import factories as f


def _file_inactive_for(days: int):
    return f.BeneficiaryFactory(last_activity_at=timezone.now() - datetime.timedelta(days=days))


def test_the_cutoff_is_the_configured_number_of_months_back(settings):
    settings.GUICHET_RETENTION_MONTHS = 24
    now = datetime.datetime(2026, 3, 31, 12, tzinfo=datetime.UTC)
    assert services.retention_cutoff(now=now) == datetime.datetime(2024, 3, 28, 12, tzinfo=datetime.UTC)
    settings.GUICHET_RETENTION_MONTHS = 3
    assert services.retention_cutoff(now=now).date() == datetime.date(2025, 12, 28)


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
