"""Erase the files with no activity for GUICHET_RETENTION_MONTHS; ``--dry-run`` only lists them."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from people.rights import retention_cutoff, retention_purge


class Command(BaseCommand):
    help = "Erase files inactive for the retention period (anonymous counts stay). --dry-run lists them only."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List the files that would be erased; change nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        numbers = retention_purge(dry_run=dry_run)
        cutoff = retention_cutoff()
        for number in numbers:
            self.stdout.write(number)
        verb = "would be erased" if dry_run else "erased"
        self.stdout.write(f"Files inactive since {cutoff:%Y-%m-%d} {verb}: {len(numbers)}.")
