"""How long a person's whole-file export takes: JSON and the readable PDF (fr, ar).

Builds a scratch SQLite database with the demo network and one busy file
(``--notes`` notes, five saved questionnaires, an application, its audit lines),
then times ``beneficiary_export`` and ``beneficiary_export_pdf`` (median of
``--runs``) and counts their queries. Prints the figures; asserts nothing.

    .venv/bin/python bench/export.py [--notes 50] [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ["GUICHET_VAR_DIR"] = tempfile.mkdtemp(prefix="guichet-export-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.settings")

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from applications.models import Role
    from applications.services import application_submit
    from catalog.models import Programme
    from core.actor import Actor
    from demo import accounts as demo_accounts
    from orientation.profile import Profile
    from people import services
    from people.export import beneficiary_export
    from people.export_pdf import beneficiary_export_pdf
    from people.models import Beneficiary

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-admin", stdout=io.StringIO())
    demo_accounts.demo_staff_ensure()
    counsellor = get_user_model().objects.get(username=demo_accounts.DEMO_COUNSELLOR_USERNAME)
    person = Beneficiary.objects.order_by("pk").first()
    actor = Actor(user=counsellor)
    for n in range(args.notes):
        services.note_create(actor=actor, beneficiary=person, text=f"Note {n}: came to ask about the sessions.")
    for _ in range(5):
        services.orientation_result_save(
            actor=actor,
            beneficiary=person,
            profile=Profile(interests={"sew": "like"}, schooling=3, birth_year=1995),
            appraisal="Motivated; prefers evening classes.",
            next_steps="Call the provider on Monday.",
        )
    application_submit(
        actor=actor, beneficiary=person, programme=Programme.objects.first(), session=None, role=Role.COUNSELLOR
    )

    def timed(label: str, work) -> None:
        timings = []
        for _ in range(args.runs):
            start = time.perf_counter()
            size = len(work())
            timings.append(time.perf_counter() - start)
        with CaptureQueriesContext(connection) as queries:
            work()
        print(
            f"{label:10} median {statistics.median(timings) * 1000:8.1f} ms   {len(queries):3d} queries   {size} bytes"
        )

    print(f"one file with {args.notes} notes, 5 questionnaires, 1 application; {args.runs} runs each")
    timed("json", lambda: str(beneficiary_export(beneficiary=person)))
    for language in ("fr", "ar"):
        timed(
            f"pdf {language}", lambda language=language: beneficiary_export_pdf(beneficiary=person, language=language)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
