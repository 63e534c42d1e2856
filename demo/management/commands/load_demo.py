"""``manage.py load_demo``: load (or refresh) the demo network of desks, providers and programmes."""

from django.conf import settings
from django.core.management.base import BaseCommand

from demo.accounts import (
    DEMO_ADMIN_PASSWORD,
    DEMO_ADMIN_USERNAME,
    DEMO_COUNSELLOR_USERNAME,
    DEMO_STAFF_PASSWORD,
    DEMO_TOTP_KEYS,
    demo_admin_ensure,
    demo_staff_ensure,
    demo_totp_devices_ensure,
)
from demo.applications import PROVIDER_USERNAME, applications_ensure
from demo.appointments import SECOND_COUNSELLOR_USERNAME, desk_day_ensure, reasons_ensure
from demo.feedback import feedback_ensure
from demo.network import demo_load
from demo.orientation import orientation_results_ensure
from demo.reporting import reporting_ensure
from demo.translations import OUTDATED_PROGRAMME, outdated_translation_ensure
from search.services import search_embeddings_batched


class Command(BaseCommand):
    help = "Load the demo network (regions, desks, providers, trades, programmes, sessions). Safe to run again."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--no-admin",
            action="store_true",
            help="Do not create the demo back-office account (never created in production anyway).",
        )

    def handle(self, *args, **options) -> None:
        # Search vectors (meaning) are computed once at the end, in batches, not at each save.
        with search_embeddings_batched():
            counts = demo_load()
        counts["reasons_for_a_meeting"] = reasons_ensure()
        summary = ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {summary}."))
        if outdated_translation_ensure():
            self.stdout.write(
                f"Demo translations: the French description of {OUTDATED_PROGRAMME!r} is newer than its Arabic "
                "and English ones (the back office's queue of translations, and the note on its pages)."
            )
        if not options["no_admin"] and not settings.PRODUCTION and demo_admin_ensure():
            self.stdout.write(
                f"Demo back office: user {DEMO_ADMIN_USERNAME!r}, password {DEMO_ADMIN_PASSWORD!r} (demo only)."
            )
        if not options["no_admin"] and not settings.PRODUCTION and demo_staff_ensure():
            self.stdout.write(
                f"Demo counsellor: user {DEMO_COUNSELLOR_USERNAME!r}, password {DEMO_STAFF_PASSWORD!r} (demo only)."
            )
        if not options["no_admin"] and not settings.PRODUCTION:
            day = desk_day_ensure(password=DEMO_STAFF_PASSWORD)
            self.stdout.write(
                f"Demo desk's day: counsellors {DEMO_COUNSELLOR_USERNAME!r} and {SECOND_COUNSELLOR_USERNAME!r} "
                f"(password {DEMO_STAFF_PASSWORD!r}), {day['synthetic_files']} synthetic files, "
                f"{day['appointments_booked']} appointments booked now, {day['walk_ins_waiting']} walk-ins waiting."
            )
        if not options["no_admin"] and not settings.PRODUCTION:
            saved = orientation_results_ensure()
            self.stdout.write(f"Demo questionnaires: {saved} saved to the pilot desk's files now.")
        if not options["no_admin"] and not settings.PRODUCTION:
            made = applications_ensure(password=DEMO_STAFF_PASSWORD)
            self.stdout.write(
                f"Demo applications: provider staff {PROVIDER_USERNAME!r} (password {DEMO_STAFF_PASSWORD!r}), "
                f"{made['applications']} applications made now, {made['moves']} moves."
            )
        if not settings.PRODUCTION:
            added = feedback_ensure()
            self.stdout.write(f"Demo readers' feedback: {added} answers added now (back office › Feedback on pages).")
        if not options["no_admin"] and not settings.PRODUCTION:
            reporting_ensure()
            self.stdout.write(
                f"Demo reports: {DEMO_ADMIN_USERNAME!r} reads the whole network and may export it, "
                f"{DEMO_COUNSELLOR_USERNAME!r} the pilot desk (/fr/desk/reports/)."
            )
        if not options["no_admin"] and not settings.PRODUCTION:
            for username in demo_totp_devices_ensure():
                self.stdout.write(
                    f"Demo authenticator key of {username!r}: {DEMO_TOTP_KEYS[username]} (demo only; "
                    f"or `manage.py demo_totp_code {username}` prints the current code)."
                )
