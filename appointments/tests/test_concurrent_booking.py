"""Fifty people at once on the last free time (PostgreSQL): exactly one gets it, every other one is told
"this time was just taken" with the next free times, and the database holds one appointment.

Each booking runs in its own thread and connection, all released together.
On PostgreSQL the exclusion constraints of migration 0002 decide; the
SQLite variant below shows the immediate transactions do the same there.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from appointments import services
from appointments.models import Appointment, AppointmentStatus, SlotHold
from appointments.tests.conftest import MONDAY, NOW, at
from core.actor import system
from core.tests.concurrency import at_once
from people.tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

TUESDAY = MONDAY + datetime.timedelta(days=1)


def _book(desk_day, person, start):
    def call():
        try:
            services.appointment_book(
                actor=system, desk=desk_day.desk, reason=desk_day.reason, starts_at=start, beneficiary=person, now=NOW
            )
        except services.SlotTaken as taken:
            return ("taken", [free.start for free in taken.next_free])
        return ("booked", None)

    return call


def _last_free_time(desk_day) -> datetime.datetime:
    """Tuesday 09:00 with only one of the two counsellors left free."""
    start = at(TUESDAY, 9)
    services.appointment_book(
        actor=system,
        desk=desk_day.desk,
        reason=desk_day.reason,
        starts_at=start,
        beneficiary=desk_day.other_person,
        now=NOW,
    )
    return start


@pytest.mark.parametrize("people", [50 if connection.vendor == "postgresql" else 8])
def test_many_bookings_of_the_last_free_time_at_once_give_exactly_one_appointment(desk_day, people):
    start = _last_free_time(desk_day)
    persons = [f.BeneficiaryFactory(desk=desk_day.desk) for _ in range(people)]
    answers = at_once([_book(desk_day, person, start) for person in persons])
    booked = [answer for answer in answers if answer[0] == "booked"]
    taken = [answer for answer in answers if answer[0] == "taken"]
    assert len(booked) == 1 and len(taken) == people - 1
    assert all(next_free and next_free[0] == at(TUESDAY, 9, 30) for _kind, next_free in taken)
    live = Appointment.objects.filter(starts_at=start, status=AppointmentStatus.BOOKED)
    assert live.count() == 2 and live.values("counsellor").distinct().count() == 2
    assert not SlotHold.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraints are PostgreSQL's")
def test_the_database_refuses_an_overlapping_appointment_written_past_the_services(desk_day):
    from django.db import IntegrityError, transaction

    first, _ = services.appointment_book(
        actor=system,
        desk=desk_day.desk,
        reason=desk_day.reason,
        starts_at=at(TUESDAY, 9),
        beneficiary=desk_day.person,
        now=NOW,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(
            desk=desk_day.desk,
            reason=desk_day.other_reason,
            counsellor=first.counsellor,
            starts_at=at(TUESDAY, 9, 15),
            ends_at=at(TUESDAY, 9, 30),
            booked_via="desk",
        )
    # Back to back is not an overlap: [09:00, 09:30) and [09:30, 09:45).
    Appointment.objects.create(
        desk=desk_day.desk,
        reason=desk_day.other_reason,
        counsellor=first.counsellor,
        starts_at=at(TUESDAY, 9, 30),
        ends_at=at(TUESDAY, 9, 45),
        booked_via="desk",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        for _ in range(2):
            SlotHold.objects.create(
                desk=desk_day.desk,
                reason=desk_day.reason,
                counsellor=first.counsellor,
                starts_at=at(TUESDAY, 11),
                ends_at=at(TUESDAY, 11, 30),
                expires_at=NOW + datetime.timedelta(minutes=10),
                flow_digest="x",
            )
