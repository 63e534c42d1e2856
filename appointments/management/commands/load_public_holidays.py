"""``manage.py load_public_holidays --year 2027``: close every desk on Morocco's public holidays of a year.

Idempotent: run it again and nothing is added twice, and a date corrected in
the back office (a religious holiday moved by the moon's sighting) is kept.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from appointments import holidays


class Command(BaseCommand):
    help = "Close every desk on Morocco's public holidays of a year (religious ones at their expected dates)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, required=True)

    def handle(self, *args, year: int, **options) -> None:
        if not holidays.FIRST_YEAR <= year <= holidays.LAST_YEAR:
            raise CommandError(f"Give a year between {holidays.FIRST_YEAR} and {holidays.LAST_YEAR}.")
        created, kept = holidays.holidays_load(year)
        self.stdout.write(f"{year}: {created} holiday(s) added, {kept} already there.")
        if not holidays.holidays_of(year)[1]:
            self.stdout.write(
                self.style.WARNING(
                    f"The religious holidays of {year} (Eid al-Fitr, Eid al-Adha, 1 Muharram, Mawlid) are not "
                    "known to this command: add them in the back office (Desk closures) once announced."
                )
            )
        else:
            self.stdout.write(
                "The religious holidays are at their expected dates: correct them in the back office "
                "(Desk closures) when the moon's sighting decides another day."
            )
