"""``manage.py rebuild_search_embeddings``: compute the sentence vectors of every trade and programme."""

import time

from django.core.management.base import BaseCommand

from search.services import search_embeddings_rebuild


class Command(BaseCommand):
    help = (
        "Store the sentence vectors (search by meaning) of every trade and published programme, in each language. "
        "Only texts that changed are embedded again, unless --force."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="Embed every text again, changed or not.")

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        counts = search_embeddings_rebuild(force=options["force"])
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Search vectors: {counts['trades']} trades, {counts['programmes']} programmes, "
                f"{counts['embedded']} texts embedded in {elapsed:.1f} s."
            )
        )
