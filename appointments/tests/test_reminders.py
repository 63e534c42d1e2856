"""Reminders: each due at its own time, sent once whatever the number of workers, never after the start."""

from __future__ import annotations

import datetime
import logging

import pytest

from appointments import services, tasks
from appointments.models import Appointment, AppointmentStatus, Reminder, ReminderKind
from appointments.tests.conftest import MONDAY, NOW, at
from core.actor import system
from notifications.models import Message

TUESDAY = MONDAY + datetime.timedelta(days=1)
REMINDER = "appointments/messages/reminder.txt"


def book(desk_day, person=None, start=None) -> Appointment:
    appointment, _ = services.appointment_book(
        actor=system,
        desk=desk_day.desk,
        reason=desk_day.reason,
        starts_at=start or at(TUESDAY, 10),
        beneficiary=person or desk_day.person,
        now=NOW,
    )
    return appointment


def reminders_sent() -> int:
    return Message.objects.filter(template=REMINDER).count()


def test_booking_plans_a_reminder_the_day_before_and_one_a_few_hours_before(desk_day):
    appointment = book(desk_day)
    due = dict(appointment.reminders.values_list("kind", "due_at"))
    assert due[ReminderKind.DAY_BEFORE] == at(MONDAY, 10)
    assert due[ReminderKind.HOURS_BEFORE] == at(TUESDAY, 8)


def test_a_reminder_is_not_sent_before_it_is_due(desk_day):
    book(desk_day)
    assert tasks.reminders_send_due(now=at(MONDAY, 9, 59)) == 0
    assert reminders_sent() == 0


def test_a_due_reminder_is_sent_once_even_when_the_sweep_runs_twice(desk_day):
    book(desk_day)
    assert tasks.reminders_send_due(now=at(MONDAY, 10, 1)) == 1
    assert tasks.reminders_send_due(now=at(MONDAY, 10, 6)) == 0
    reminder = Reminder.objects.get(kind=ReminderKind.DAY_BEFORE)
    assert reminder.sent_at is not None
    message = Message.objects.get(template=REMINDER)
    assert message.language == "fr" and "/fr/appointments/manage/" in message.body


def test_the_task_of_a_reminder_and_the_sweep_together_send_it_once(desk_day):
    book(desk_day)
    reminder = Reminder.objects.get(kind=ReminderKind.DAY_BEFORE)
    assert tasks.reminder_send(reminder_id=reminder.pk, now=at(MONDAY, 10)) == "sent"
    assert tasks.reminder_send(reminder_id=reminder.pk, now=at(MONDAY, 10)) == "gone"
    assert tasks.reminders_send_due(now=at(MONDAY, 10)) == 0
    assert reminders_sent() == 1


def test_a_reminder_is_written_in_the_persons_language(desk_day):
    book(desk_day, person=desk_day.other_person)  # Joseph reads Arabic
    tasks.reminders_send_due(now=at(MONDAY, 10))
    assert Message.objects.get(template=REMINDER).language == "ar"


def test_a_reminder_due_after_the_appointment_began_is_dropped_and_logged_never_sent(desk_day, caplog):
    appointment = book(desk_day)
    with caplog.at_level(logging.WARNING, logger="appointments.tasks"):
        # The worker was down from Monday morning until after the meeting began.
        assert tasks.reminders_send_due(now=appointment.starts_at + datetime.timedelta(minutes=5)) == 0
    assert reminders_sent() == 0
    assert set(appointment.reminders.values_list("dropped_because", flat=True)) == {"late"}
    assert sum("dropped: late" in record.getMessage() for record in caplog.records) == 2


def test_a_cancelled_appointments_reminders_are_dropped_and_never_sent(desk_day):
    appointment = book(desk_day)
    services.appointment_cancel(actor=system, appointment=appointment, by_person=True, now=NOW)
    assert set(appointment.reminders.values_list("dropped_because", flat=True)) == {"cancelled"}
    assert tasks.reminders_send_due(now=at(TUESDAY, 9)) == 0
    for reminder in appointment.reminders.all():
        assert tasks.reminder_send(reminder_id=reminder.pk, now=at(TUESDAY, 9)) == "gone"
    assert reminders_sent() == 0


def test_a_reminder_of_an_appointment_closed_another_way_is_dropped_as_closed(desk_day):
    appointment = book(desk_day)
    Appointment.objects.filter(pk=appointment.pk).update(status=AppointmentStatus.CANCELLED_BY_DESK)
    reminder = appointment.reminders.get(kind=ReminderKind.DAY_BEFORE)
    assert tasks.reminder_send(reminder_id=reminder.pk, now=at(MONDAY, 10)) == "dropped"
    reminder.refresh_from_db()
    assert reminder.dropped_because == "closed" and reminder.sent_at is None


def test_a_moved_appointment_gets_reminders_for_its_new_time(desk_day):
    appointment = book(desk_day)
    services.appointment_move(
        actor=system, appointment=appointment, starts_at=at(TUESDAY + datetime.timedelta(days=1), 10), now=NOW
    )
    due = sorted(appointment.reminders.values_list("due_at", flat=True))
    assert due == [at(TUESDAY, 10), at(TUESDAY + datetime.timedelta(days=1), 8)]


@pytest.mark.django_db(transaction=True)
def test_workers_sweeping_at_the_same_moment_send_each_reminder_once(desk_day):
    from core.tests.concurrency import at_once

    for person in (desk_day.person, desk_day.other_person):
        book(desk_day, person=person)
    sent = at_once([lambda: tasks.reminders_send_due(now=at(MONDAY, 10, 1)) for _ in range(6)])
    assert sum(sent) == 2
    assert reminders_sent() == 2
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 2
