"""Booking a time: free times, holds, confirmation, and no time ever booked twice (on SQLite here; on
PostgreSQL also by the exclusion constraints, test_concurrent_booking.py)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from appointments import notices, selectors, services
from appointments.models import Appointment, AppointmentStatus, BookedVia, Reminder, SlotHold
from appointments.tests.conftest import MONDAY, NOW, at
from catalog.models import OpeningHours
from core.actor import Actor, system
from notifications.models import Message

TUESDAY = MONDAY + datetime.timedelta(days=1)


def free_starts(desk_day, day=TUESDAY, reason=None) -> list[datetime.datetime]:
    reason = reason or desk_day.reason
    return [
        free.start for free in selectors.free_times(desk=desk_day.desk, reason=reason, first=day, last=day, now=NOW)
    ]


def test_free_times_follow_opening_hours_cut_into_the_reasons_duration(desk_day):
    starts = [selectors.local(start).strftime("%H:%M") for start in free_starts(desk_day)]
    assert starts[0] == "09:00" and starts[-1] == "16:00"
    assert "12:00" in starts and "12:30" not in starts and "13:30" not in starts and "14:00" in starts
    assert len(starts) == 7 + 5


def test_each_free_time_says_how_many_counsellors_are_free(desk_day):
    free = selectors.free_times(desk=desk_day.desk, reason=desk_day.reason, first=TUESDAY, last=TUESDAY, now=NOW)
    assert {time.free for time in free} == {2}


def test_no_free_time_on_a_closed_day_a_public_holiday_or_sooner_than_the_notice(desk_day):
    from appointments.models import DeskClosure

    DeskClosure.objects.create(desk=None, date=TUESDAY, name="Fête")
    assert free_starts(desk_day) == []
    saturday = MONDAY + datetime.timedelta(days=5)
    assert free_starts(desk_day, day=saturday) == []
    # Now is 08:00 on Monday and the notice is 2 hours: 09:00 and 09:30 are too soon.
    monday = [selectors.local(s).strftime("%H:%M") for s in free_starts(desk_day, day=MONDAY)]
    assert monday[0] == "10:00"


def test_no_free_time_beyond_the_booking_window(desk_day):
    far = MONDAY + datetime.timedelta(weeks=9)
    assert free_starts(desk_day, day=far) == []


def test_a_counsellor_booked_is_no_longer_free_and_the_time_stays_free_with_the_other(desk_day):
    start = at(TUESDAY, 9)
    appointment, created = services.appointment_book(
        actor=system, desk=desk_day.desk, reason=desk_day.reason, starts_at=start, beneficiary=desk_day.person, now=NOW
    )
    assert created and appointment.status == AppointmentStatus.BOOKED
    free = selectors.free_time_at(desk=desk_day.desk, reason=desk_day.reason, starts_at=start, now=NOW)
    assert free.free == 1 and appointment.counsellor_id not in free.counsellors


def test_the_last_free_time_booked_twice_gives_one_appointment_and_the_next_free_times(desk_day):
    start = at(TUESDAY, 9)
    services.appointment_book(
        actor=system, desk=desk_day.desk, reason=desk_day.reason, starts_at=start, beneficiary=desk_day.person, now=NOW
    )
    services.appointment_book(
        actor=system,
        desk=desk_day.desk,
        reason=desk_day.reason,
        starts_at=start,
        beneficiary=desk_day.other_person,
        now=NOW,
    )
    third = f_person(desk_day)
    with pytest.raises(services.SlotTaken) as taken:
        services.appointment_book(
            actor=system, desk=desk_day.desk, reason=desk_day.reason, starts_at=start, beneficiary=third, now=NOW
        )
    assert Appointment.objects.filter(starts_at=start).count() == 2
    assert [selectors.local(t.start).strftime("%H:%M") for t in taken.value.next_free] == ["09:30", "10:00", "10:30"]


def f_person(desk_day):
    from people.tests.factories import BeneficiaryFactory

    return BeneficiaryFactory(desk=desk_day.desk, proven=True)


def test_a_booking_sent_twice_makes_one_appointment(desk_day):
    start = at(TUESDAY, 10)
    first, created = services.appointment_book(
        actor=system, desk=desk_day.desk, reason=desk_day.reason, starts_at=start, beneficiary=desk_day.person, now=NOW
    )
    again, created_again = services.appointment_book(
        actor=system, desk=desk_day.desk, reason=desk_day.reason, starts_at=start, beneficiary=desk_day.person, now=NOW
    )
    assert created and not created_again and again.pk == first.pk
    assert Appointment.objects.count() == 1


def test_a_second_live_appointment_for_the_same_reason_at_the_desk_is_refused(desk_day):
    services.appointment_book(
        actor=system,
        desk=desk_day.desk,
        reason=desk_day.reason,
        starts_at=at(TUESDAY, 10),
        beneficiary=desk_day.person,
        now=NOW,
    )
    with pytest.raises(services.AlreadyBooked):
        services.appointment_book(
            actor=system,
            desk=desk_day.desk,
            reason=desk_day.reason,
            starts_at=at(TUESDAY, 11),
            beneficiary=desk_day.person,
            now=NOW,
        )
    # Another reason is another appointment.
    services.appointment_book(
        actor=system,
        desk=desk_day.desk,
        reason=desk_day.other_reason,
        starts_at=at(TUESDAY, 11),
        beneficiary=desk_day.person,
        now=NOW,
    )
    assert Appointment.objects.count() == 2


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (lambda: at(MONDAY - datetime.timedelta(days=3), 10), "past"),
        (lambda: at(MONDAY, 9), "at least 2 hours"),
        (lambda: at(MONDAY + datetime.timedelta(weeks=10), 10), "at most 8 weeks"),
        (lambda: datetime.datetime(9999, 12, 31, 10, tzinfo=datetime.UTC), "at most 8 weeks"),
    ],
)
def test_a_time_outside_the_window_is_refused_with_a_message_and_changes_nothing(desk_day, when, message):
    with translation.override("en"), pytest.raises(services.BookingRefused) as refused:
        services.appointment_book(
            actor=system,
            desk=desk_day.desk,
            reason=desk_day.reason,
            starts_at=when(),
            beneficiary=desk_day.person,
            now=NOW,
        )
    assert message in refused.value.message
    assert not Appointment.objects.exists() and not SlotHold.objects.exists()


def test_a_reason_the_desk_does_not_offer_is_refused(desk_day):
    with pytest.raises(services.BookingRefused):
        services.appointment_book(
            actor=system,
            desk=desk_day.desk,
            reason=desk_day.elsewhere_reason,
            starts_at=at(TUESDAY, 10),
            beneficiary=desk_day.person,
            now=NOW,
        )


def test_a_time_between_slots_or_outside_opening_hours_is_taken_not_booked(desk_day):
    for start in (at(TUESDAY, 9, 10), at(TUESDAY, 13), at(TUESDAY, 16, 30)):
        with pytest.raises(services.SlotTaken):
            services.appointment_book(
                actor=system,
                desk=desk_day.desk,
                reason=desk_day.reason,
                starts_at=start,
                beneficiary=desk_day.person,
                now=NOW,
            )


def test_a_held_time_is_not_free_for_anyone_else_until_the_hold_expires(desk_day):
    start = at(TUESDAY, 9)
    services.slot_hold(desk=desk_day.desk, reason=desk_day.reason, starts_at=start, flow="flow-a", now=NOW)
    services.slot_hold(desk=desk_day.desk, reason=desk_day.reason, starts_at=start, flow="flow-b", now=NOW)
    with pytest.raises(services.SlotTaken):
        services.slot_hold(desk=desk_day.desk, reason=desk_day.reason, starts_at=start, flow="flow-c", now=NOW)
    later = NOW + datetime.timedelta(minutes=services.HOLD_MINUTES + 1)
    services.slot_hold(desk=desk_day.desk, reason=desk_day.reason, starts_at=start, flow="flow-c", now=later)


def test_a_hold_confirmed_becomes_the_appointment_and_the_person_gets_a_text_with_a_manage_link(desk_day):
    start = at(TUESDAY, 9)
    hold = services.slot_hold(desk=desk_day.desk, reason=desk_day.reason, starts_at=start, flow="flow-a", now=NOW)
    appointment = services.hold_confirm(
        hold_id=hold.pk,
        flow="flow-a",
        desk=desk_day.desk,
        reason=desk_day.reason,
        starts_at=start,
        beneficiary=desk_day.person,
        actor=Actor(),
        now=NOW,
    )
    assert appointment.booked_via == BookedVia.ONLINE and not SlotHold.objects.exists()
    message = Message.objects.get()
    assert message.recipient == str(desk_day.person.phone)
    assert "09:00" in message.body and "/fr/appointments/manage/" in message.body
    assert message.send_before == start  # never sent once the meeting has begun, whatever an outage delays
    token = message.body.rsplit("/appointments/manage/", 1)[1].split("/")[0]
    assert notices.appointment_from_token(token, now=NOW) == appointment
    assert notices.appointment_from_token(token + "x", now=NOW) is None
    assert notices.appointment_from_token(token, now=start) is None  # expires once the meeting begins


def test_a_confirmation_repeated_returns_the_same_appointment(desk_day):
    start = at(TUESDAY, 9)
    hold = services.slot_hold(desk=desk_day.desk, reason=desk_day.reason, starts_at=start, flow="flow-a", now=NOW)
    kwargs = {
        "hold_id": hold.pk,
        "flow": "flow-a",
        "desk": desk_day.desk,
        "reason": desk_day.reason,
        "starts_at": start,
        "beneficiary": desk_day.person,
        "actor": Actor(),
        "now": NOW,
    }
    assert services.hold_confirm(**kwargs) == services.hold_confirm(**kwargs)
    assert Appointment.objects.count() == 1


def test_a_hold_of_another_flow_does_not_confirm(desk_day):
    start = at(TUESDAY, 9)
    for flow in ("flow-a", "flow-b"):
        services.slot_hold(desk=desk_day.desk, reason=desk_day.reason, starts_at=start, flow=flow, now=NOW)
    hold_a = SlotHold.objects.order_by("pk").first()
    with pytest.raises(services.SlotTaken):
        services.hold_confirm(
            hold_id=hold_a.pk,
            flow="flow-z",
            desk=desk_day.desk,
            reason=desk_day.reason,
            starts_at=start,
            beneficiary=desk_day.person,
            actor=Actor(),
            now=NOW,
        )


def test_reminders_are_planned_the_day_before_and_two_hours_before(desk_day):
    start = at(TUESDAY, 15)
    appointment, _ = services.appointment_book(
        actor=system, desk=desk_day.desk, reason=desk_day.reason, starts_at=start, beneficiary=desk_day.person, now=NOW
    )
    dues = sorted(appointment.reminders.values_list("due_at", flat=True))
    assert dues == [start - datetime.timedelta(hours=24), start - datetime.timedelta(hours=2)]


def test_a_reminder_already_past_when_booked_is_not_planned(desk_day):
    start = at(MONDAY, 11)
    appointment, _ = services.appointment_book(
        actor=system, desk=desk_day.desk, reason=desk_day.reason, starts_at=start, beneficiary=desk_day.person, now=NOW
    )
    assert list(appointment.reminders.values_list("kind", flat=True)) == ["hours_before"]


def test_cancelling_frees_the_time_and_moving_keeps_one_appointment_with_a_new_version(desk_day):
    start = at(TUESDAY, 9)
    for person in (desk_day.person, desk_day.other_person):
        services.appointment_book(
            actor=system, desk=desk_day.desk, reason=desk_day.reason, starts_at=start, beneficiary=person, now=NOW
        )
    assert selectors.free_time_at(desk=desk_day.desk, reason=desk_day.reason, starts_at=start, now=NOW) is None
    first = Appointment.objects.get(beneficiary=desk_day.person)
    services.appointment_cancel(actor=system, appointment=first, by_person=True, now=NOW)
    assert selectors.free_time_at(desk=desk_day.desk, reason=desk_day.reason, starts_at=start, now=NOW).free == 1
    second = Appointment.objects.get(beneficiary=desk_day.other_person)
    moved = services.appointment_move(actor=system, appointment=second, starts_at=at(TUESDAY, 14), now=NOW)
    assert moved.pk == second.pk and moved.sequence == 1 and moved.starts_at == at(TUESDAY, 14)
    assert Reminder.objects.filter(appointment=moved).count() == 2


def test_an_appointment_begun_cannot_be_cancelled_or_moved(desk_day):
    start = at(TUESDAY, 9)
    appointment, _ = services.appointment_book(
        actor=system, desk=desk_day.desk, reason=desk_day.reason, starts_at=start, beneficiary=desk_day.person, now=NOW
    )
    with pytest.raises(services.NotChangeable):
        services.appointment_cancel(actor=system, appointment=appointment, by_person=True, now=start)
    with pytest.raises(services.NotChangeable):
        services.appointment_move(actor=system, appointment=appointment, starts_at=at(TUESDAY, 14), now=start)


def test_the_outcome_is_recorded_after_the_time_only(desk_day):
    start = at(TUESDAY, 9)
    appointment, _ = services.appointment_book(
        actor=system, desk=desk_day.desk, reason=desk_day.reason, starts_at=start, beneficiary=desk_day.person, now=NOW
    )
    with pytest.raises(services.NotChangeable):
        services.appointment_outcome(actor=system, appointment=appointment, status=AppointmentStatus.SEEN, now=NOW)
    done = services.appointment_outcome(
        actor=system, appointment=appointment, status=AppointmentStatus.NO_SHOW, now=start + datetime.timedelta(hours=1)
    )
    assert done.status == AppointmentStatus.NO_SHOW


def test_opening_hours_bound_availability(desk_day):
    OpeningHours.objects.filter(desk=desk_day.desk, weekday=TUESDAY.weekday(), opens=datetime.time(14)).delete()
    starts = [selectors.local(s).strftime("%H:%M") for s in free_starts(desk_day)]
    assert starts[-1] == "12:00"
