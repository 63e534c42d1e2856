"""``manage.py generate_catalogue``: a large synthetic catalogue for benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError

from core.database import bulk_load_settle
from demo.synthetic_catalogue import synthetic_catalogue_generate
from search.services import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Replace the synthetic programmes (slugs starting with 'synthetic-') by a new seeded set, "
        "loading the demo reference data first if needed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--programmes", type=int, default=10000, help="How many programmes (default: 10000).")
        parser.add_argument("--seed", type=int, default=0, help="Seed of the random generator (default: 0).")

    def handle(self, *args, **options) -> None:
        if options["programmes"] < 0:
            raise CommandError("--programmes cannot be negative.")
        started = time.perf_counter()
        created = synthetic_catalogue_generate(programmes=options["programmes"], seed=options["seed"])
        # Bulk writes send no save signal: the search index is written again in one go.
        search_index_rebuild()
        bulk_load_settle()
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Generated {created} synthetic programmes in {elapsed:.1f} s."))
