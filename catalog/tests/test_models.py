"""The database itself refuses an impossible catalogue."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction

from catalog.models import Programme, Session
from catalog.tests import factories as f

pytestmark = pytest.mark.django_db


def _fails(callable_) -> bool:
    try:
        with transaction.atomic():
            callable_()
    except IntegrityError:
        return True
    return False


def test_session_cannot_end_before_it_starts():
    session = f.SessionFactory()
    session.end_date = session.start_date - datetime.timedelta(days=1)
    assert _fails(session.save)


def test_application_deadline_cannot_fall_after_the_start():
    session = f.SessionFactory()
    session.application_deadline = session.start_date + datetime.timedelta(days=1)
    assert _fails(session.save)


def test_seats_taken_never_exceed_capacity_even_with_a_raw_update():
    session = f.SessionFactory(capacity=10, seats_taken=10)
    assert _fails(lambda: Session.objects.filter(pk=session.pk).update(seats_taken=11))
    session.refresh_from_db()
    assert session.seats_taken == 10


def test_capacity_must_be_at_least_one():
    assert _fails(lambda: f.SessionFactory(capacity=0, seats_taken=0))


def test_two_sessions_of_a_programme_cannot_start_the_same_day():
    session = f.SessionFactory()
    assert _fails(lambda: f.SessionFactory(programme=session.programme, start_date=session.start_date))


def test_age_range_must_be_ordered():
    assert _fails(lambda: f.ProgrammeFactory(min_age=30, max_age=18))


def test_open_ended_age_ranges_are_allowed():
    assert f.ProgrammeFactory(min_age=18, max_age=None).pk
    assert f.ProgrammeFactory(min_age=None, max_age=30).pk


def test_cost_cannot_be_negative():
    assert _fails(lambda: f.ProgrammeFactory(cost_mad=-1))


def test_schooling_level_must_be_on_the_scale():
    programme = f.ProgrammeFactory()
    assert _fails(lambda: Programme.objects.filter(pk=programme.pk).update(min_schooling=9))


def test_slugs_are_unique():
    f.ProgrammeFactory(slug="same")
    assert _fails(lambda: f.ProgrammeFactory(slug="same"))


def test_trade_codes_are_checked_by_the_database():
    assert _fails(lambda: f.TradeFactory(riasec_code="XYZ"))
    assert _fails(lambda: f.TradeFactory(isco_code="73"))


def test_opening_hours_must_close_after_they_open():
    assert _fails(lambda: f.OpeningHoursFactory(opens=datetime.time(14), closes=datetime.time(9)))


def test_full_clean_explains_the_broken_rule_in_words():
    from django.core.exceptions import ValidationError

    session = f.SessionFactory.build(programme=f.ProgrammeFactory(), capacity=5, seats_taken=6)
    with pytest.raises(ValidationError):
        session.full_clean()


def test_seats_left_and_openness_follow_the_deadline_and_capacity():
    start = datetime.date(2030, 1, 15)
    session = f.SessionFactory.build(
        start_date=start, application_deadline=start - datetime.timedelta(days=5), capacity=3, seats_taken=2
    )
    assert session.seats_left == 1
    assert session.is_open_on(start - datetime.timedelta(days=5))
    assert not session.is_open_on(start - datetime.timedelta(days=4))
    session.seats_taken = 3
    assert not session.is_open_on(start - datetime.timedelta(days=10))


def test_texts_fall_back_to_french_when_a_translation_is_missing():
    from django.utils import translation

    trade = f.TradeFactory(name_fr="Zellige", name_ar="", name_en="")
    with translation.override("ar"):
        assert trade.name == "Zellige"
