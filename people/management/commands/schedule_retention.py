"""Make sure the nightly retention run is waiting in the task queue (people/tasks.py). Safe to repeat."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from people.tasks import next_retention_run, retention_schedule


class Command(BaseCommand):
    help = "Enqueue the nightly retention run unless one is already waiting (the db_worker runs it)."

    def handle(self, *args, **options) -> None:
        if retention_schedule():
            self.stdout.write(f"Retention run enqueued for {next_retention_run():%Y-%m-%d %H:%M}.")
        else:
            self.stdout.write("A retention run is already waiting.")
