"""Make sure every nightly task has its next run waiting in the task queue (core/nightly.py). Safe to repeat."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from catalog.tasks import NEXT_SESSIONS_HOUR, next_sessions_schedule
from core.nightly import next_run_at
from people.tasks import RETENTION_HOUR, retention_schedule

NIGHTLY = [
    ("Next sessions refresh", next_sessions_schedule, NEXT_SESSIONS_HOUR),
    ("Retention run", retention_schedule, RETENTION_HOUR),
]


class Command(BaseCommand):
    help = "Enqueue each nightly task (next sessions, retention) unless its next run is already waiting."

    def handle(self, *args, **options) -> None:
        for name, schedule, hour in NIGHTLY:
            if schedule():
                self.stdout.write(f"{name} enqueued for {next_run_at(hour=hour):%Y-%m-%d %H:%M}.")
            else:
                self.stdout.write(f"{name}: already waiting.")
