"""Make sure every nightly task, and the outbox sweep, has its next run waiting in the task queue. Safe to repeat."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from applications.tasks import DIGEST_HOUR, applications_clock_schedule, digests_schedule
from appointments.tasks import QUEUE_CLOSE_HOUR, reminders_sweep_schedule, tickets_close_schedule
from catalog.tasks import NEXT_SESSIONS_HOUR, next_sessions_schedule
from core.nightly import next_run_at
from notifications.tasks import messages_sweep_schedule
from people.tasks import RETENTION_HOUR, retention_schedule
from reporting.tasks import (
    EXPORTS_PURGE_HOUR,
    SNAPSHOTS_HOUR,
    report_exports_purge_schedule,
    report_snapshots_schedule,
)

NIGHTLY = [
    ("Next sessions refresh", next_sessions_schedule, NEXT_SESSIONS_HOUR),
    ("Retention run", retention_schedule, RETENTION_HOUR),
    ("Closing of past days' walk-in tickets", tickets_close_schedule, QUEUE_CLOSE_HOUR),
    ("Counsellors' digest of decisions", digests_schedule, DIGEST_HOUR),
    ("Purge of report exports past their day", report_exports_purge_schedule, EXPORTS_PURGE_HOUR),
    ("Wide reports computed ahead", report_snapshots_schedule, SNAPSHOTS_HOUR),
]


class Command(BaseCommand):
    help = "Enqueue each nightly task (next sessions, retention) and the outbox sweep unless already waiting."

    def handle(self, *args, **options) -> None:
        for name, schedule, hour in NIGHTLY:
            if schedule():
                self.stdout.write(f"{name} enqueued for {next_run_at(hour=hour):%Y-%m-%d %H:%M}.")
            else:
                self.stdout.write(f"{name}: already waiting.")
        # Not nightly: the outbox sweep runs every few minutes and books its own next run the same way.
        if messages_sweep_schedule():
            self.stdout.write("Outbox sweep enqueued.")
        else:
            self.stdout.write("Outbox sweep: already waiting.")
        if reminders_sweep_schedule():
            self.stdout.write("Appointment reminders sweep enqueued.")
        else:
            self.stdout.write("Appointment reminders sweep: already waiting.")
        if applications_clock_schedule():
            self.stdout.write("Applications clock (expiry, offer reminders) enqueued.")
        else:
            self.stdout.write("Applications clock: already waiting.")
