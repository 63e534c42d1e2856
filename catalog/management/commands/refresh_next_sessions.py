"""``manage.py refresh_next_sessions``: store the next session of programmes whose stored one has begun.

The task worker runs it every night (catalog/tasks.py); this command does it now. Lists stay in the
right order without it, only slower as stored starts pass.
"""

from django.core.management.base import BaseCommand

from catalog.services import programme_next_session_refresh


class Command(BaseCommand):
    help = "Store the next session start of the programmes whose stored one is past (run daily)."

    def handle(self, *args, **options) -> None:
        refreshed = programme_next_session_refresh()
        self.stdout.write(self.style.SUCCESS(f"{refreshed} programmes now show their next session."))
