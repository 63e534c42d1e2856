"""Reminders of appointments, run by the database worker (``manage.py db_worker``).

Each reminder is enqueued for its own due time when the appointment is
booked; a sweep every five minutes (seeded by ``schedule_nightly``) sends
any whose task was lost. A reminder is claimed by one conditional UPDATE
(``sent_at`` and ``dropped_at`` still empty), so it goes out once whatever
the number of workers or restarts; one that comes due after the meeting
has begun (a worker down, an SMS outage) is dropped and logged, never sent.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from appointments.models import LIVE_STATUSES, Reminder
from appointments.notices import appointment_notify

logger = logging.getLogger(__name__)

SWEEP_EVERY = datetime.timedelta(minutes=5)


def reminder_enqueue(reminder: Reminder) -> None:
    reminder_send_task.using(run_after=reminder.due_at).enqueue(reminder_id=reminder.pk)


def reminder_send(*, reminder_id: int, now: datetime.datetime | None = None) -> str:
    """Send one due reminder once; drop it (logged) when its appointment has begun or is no longer live."""
    now = now or timezone.now()
    with transaction.atomic():
        reminder = (
            # Only the reminder's row is locked: PostgreSQL locks no row of the nullable side of an outer join
            # (an appointment whose file was erased has no beneficiary).
            Reminder.objects.select_for_update(of=("self",))
            .select_related("appointment__beneficiary", "appointment__desk", "appointment__reason")
            .filter(pk=reminder_id, sent_at__isnull=True, dropped_at__isnull=True)
            .first()
        )
        if reminder is None:
            return "gone"
        if reminder.due_at > now:
            return "not due"
        appointment = reminder.appointment
        if appointment.status not in LIVE_STATUSES or appointment.starts_at <= now:
            because = "late" if appointment.status in LIVE_STATUSES else "closed"
            claimed = Reminder.objects.filter(pk=reminder.pk, sent_at__isnull=True, dropped_at__isnull=True).update(
                dropped_at=now, dropped_because=because
            )
            if claimed:
                logger.warning("Reminder %s dropped: %s", reminder.pk, because)
            return "dropped"
        claimed = Reminder.objects.filter(pk=reminder.pk, sent_at__isnull=True, dropped_at__isnull=True).update(
            sent_at=now
        )
        if not claimed:
            return "gone"
        appointment_notify(appointment=appointment, template="appointments/messages/reminder.txt")
        return "sent"


@task()
def reminder_send_task(reminder_id: int) -> str:
    return reminder_send(reminder_id=reminder_id)


def reminders_send_due(*, now: datetime.datetime | None = None, limit: int = 500) -> int:
    """Send (or drop) every reminder due and neither sent nor dropped: the sweep behind the per-reminder tasks."""
    now = now or timezone.now()
    due = list(
        Reminder.objects.filter(due_at__lte=now, sent_at__isnull=True, dropped_at__isnull=True)
        .order_by("due_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(reminder_send(reminder_id=pk, now=now) == "sent" for pk in due)


@task()
def reminders_sweep() -> int:
    sent = reminders_send_due()
    reminders_sweep_schedule()
    return sent


@transaction.atomic
def reminders_sweep_schedule(*, now: datetime.datetime | None = None) -> bool:
    """Enqueue the next sweep unless one is already waiting."""
    now = now or timezone.now()
    waiting = DBTaskResult.objects.filter(task_path=reminders_sweep.module_path, status=TaskResultStatus.READY)
    if waiting.exists():
        return False
    reminders_sweep.using(run_after=now + SWEEP_EVERY).enqueue()
    return True


# Just after midnight, local time: yesterday's tickets still open are closed, and the phone numbers
# walk-ins left for a text are erased with them (appointments/queue.py).
QUEUE_CLOSE_HOUR = 0


@task()
def tickets_close_nightly() -> int:
    from appointments.queue import tickets_close_past_days

    closed = tickets_close_past_days()
    tickets_close_schedule()
    return closed


def tickets_close_schedule(*, now: datetime.datetime | None = None) -> bool:
    """Enqueue the next nightly closing of past days' tickets unless one is already waiting."""
    from core.nightly import nightly_schedule

    return nightly_schedule(task=tickets_close_nightly, hour=QUEUE_CLOSE_HOUR, now=now)
