"""A desk open on weekdays with two counsellors free all day, and a 30-minute reason: the desk's day to book in."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from appointments.selectors import desk_zone
from appointments.tests import factories as af
from catalog.tests import factories as cf
from people.tests import factories as f

# A Monday, 08:00 in Casablanca: the "now" of tests that pass it to services and selectors.
MONDAY = datetime.date(2026, 12, 7)
NOW = datetime.datetime.combine(MONDAY, datetime.time(8, 0), tzinfo=desk_zone())


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware local time at the desk."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=desk_zone())


@pytest.fixture
def desk_day(shared_copy, _desk_day_shared, db) -> SimpleNamespace:
    """Built once for consecutive tests (``shared_data``), each with its own copy of the objects."""
    return shared_copy(_desk_day_shared)


@pytest.fixture
def _desk_day_shared(shared_data) -> SimpleNamespace:
    return shared_data(_desk_day_build)


def _desk_day_build() -> SimpleNamespace:
    desk = cf.DeskFactory(slug="casablanca-pilot")
    other_desk = cf.DeskFactory(slug="rabat-desk")
    for weekday in range(5):
        cf.OpeningHoursFactory(desk=desk, weekday=weekday, opens=datetime.time(9), closes=datetime.time(12, 30))
        cf.OpeningHoursFactory(desk=desk, weekday=weekday, opens=datetime.time(14), closes=datetime.time(16, 30))
    counsellors = [f.StaffRoleFactory(user__username=f"counsellor-{n}", desk=desk).user for n in (1, 2)]
    for counsellor in counsellors:
        for weekday in range(5):
            af.AvailabilityFactory(counsellor=counsellor, desk=desk, weekday=weekday)
    reason = af.MeetingReasonFactory(slug="orientation-interview", desks=[desk])
    other_reason = af.MeetingReasonFactory(slug="document-check", duration_minutes=15, desks=[desk])
    elsewhere_reason = af.MeetingReasonFactory(slug="rabat-only", desks=[other_desk])
    person = f.BeneficiaryFactory(desk=desk, first_name="Aminata", proven=True, preferred_language="fr")
    other_person = f.BeneficiaryFactory(desk=desk, first_name="Joseph", proven=True, preferred_language="ar")
    return SimpleNamespace(**locals())
