"""Times are stored in UTC and read in the desk's time zone: Morocco moves from UTC+1 to UTC+0 for
Ramadan (on 2027-02-07) and back (on 2027-03-14)."""

from __future__ import annotations

import datetime

from appointments import selectors, services
from appointments.tests.conftest import at
from core.actor import system

BEFORE = datetime.date(2027, 2, 5)  # a Friday at UTC+1
AFTER = datetime.date(2027, 2, 8)  # the Monday after the change, at UTC+0
NOW = at(datetime.date(2027, 2, 1), 8)


def test_a_desk_opening_at_nine_offers_nine_local_on_both_sides_of_the_change(desk_day):
    for day, utc_hour in ((BEFORE, 8), (AFTER, 9)):
        first = selectors.free_times(desk=desk_day.desk, reason=desk_day.reason, first=day, last=day, now=NOW)[0]
        assert selectors.local(first.start).strftime("%H:%M") == "09:00"
        assert first.start.astimezone(datetime.UTC).hour == utc_hour


def test_booking_across_the_change_stores_utc_and_shows_the_local_time(desk_day):
    across = []
    for day, person in ((BEFORE, desk_day.person), (AFTER, desk_day.other_person)):
        appointment, _ = services.appointment_book(
            actor=system,
            desk=desk_day.desk,
            reason=desk_day.reason,
            starts_at=at(day, 10),
            beneficiary=person,
            now=NOW,
        )
        appointment.refresh_from_db()
        across.append(appointment)
    assert [a.starts_at.astimezone(datetime.UTC).hour for a in across] == [9, 10]
    assert [selectors.local(a.starts_at).strftime("%H:%M") for a in across] == ["10:00", "10:00"]
    # The day-before reminder of Monday's meeting falls on Sunday, after the change: 24 real hours before.
    monday = across[1]
    day_before = monday.reminders.get(kind="day_before")
    assert monday.starts_at - day_before.due_at == datetime.timedelta(hours=24)
