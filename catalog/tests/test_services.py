"""Writes to the catalogue keep what lists read in order."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from catalog import selectors
from catalog.models import Programme
from catalog.tests import factories as f

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _stored_start(programme: Programme) -> datetime.date | None:
    return Programme.objects.values_list("next_session_start", flat=True).get(pk=programme.pk)


def test_a_programme_keeps_the_start_of_its_next_session_as_its_sessions_change(today):
    programme = f.ProgrammeFactory()
    assert _stored_start(programme) is None
    later = f.SessionFactory(programme=programme, start_date=today + 30 * DAY)
    assert _stored_start(programme) == today + 30 * DAY
    sooner = f.SessionFactory(programme=programme, start_date=today + 10 * DAY)
    assert _stored_start(programme) == today + 10 * DAY
    sooner.delete()
    assert _stored_start(programme) == today + 30 * DAY
    later.start_date = today + 50 * DAY
    later.end_date = today + 90 * DAY
    later.save()
    assert _stored_start(programme) == today + 50 * DAY


def test_a_session_already_started_is_not_the_next_one(today):
    programme = f.ProgrammeFactory()
    f.SessionFactory(programme=programme, start_date=today - 3 * DAY, application_deadline=None)
    assert _stored_start(programme) is None
    f.SessionFactory(programme=programme, start_date=today, application_deadline=None)
    assert _stored_start(programme) == today


def test_refresh_next_sessions_moves_a_started_session_on_to_the_next_one(today):
    programme = f.ProgrammeFactory()
    f.SessionFactory(programme=programme, start_date=today + 40 * DAY)
    f.SessionFactory(programme=programme, start_date=today - 2 * DAY, application_deadline=None)
    # What the column holds once the night has passed: a session that began two days ago.
    Programme.objects.filter(pk=programme.pk).update(next_session_start=today - 2 * DAY)
    out = StringIO()
    call_command("refresh_next_sessions", stdout=out)
    assert _stored_start(programme) == today + 40 * DAY
    assert "1 programmes now show their next session" in out.getvalue()


def test_lists_keep_the_soonest_first_even_before_the_daily_refresh(catalogue, today):
    # Sefrou's only session began a month ago: as if it was stored the day before it began.
    Programme.objects.filter(pk=catalogue.tailoring_sefrou.pk).update(next_session_start=today - 31 * DAY)
    slugs = [programme.slug for programme in selectors.programme_list()]
    assert slugs == ["jewellery-qualification", "tailoring-evening", "tailoring-sefrou"]


def test_lists_read_the_stored_order_without_a_subquery_per_programme_once_every_start_is_current(catalogue):
    slugs = [programme.slug for programme in selectors.programme_list()]
    assert slugs == ["jewellery-qualification", "tailoring-evening", "tailoring-sefrou"]
    assert "next_session_start" in str(selectors.programme_list().query)
    assert 'FROM "catalog_session"' not in str(selectors.programme_list().query).split("ORDER BY")[1]
