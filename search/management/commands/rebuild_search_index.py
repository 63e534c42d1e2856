"""``manage.py rebuild_search_index``: write the search index whole again from the catalogue."""

import time

from django.core.management.base import BaseCommand

from core.database import bulk_load_settle
from search.services import search_index_rebuild


class Command(BaseCommand):
    help = "Rebuild the search documents of every trade and published programme, and the vocabulary of typos."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        counts = search_index_rebuild()
        bulk_load_settle()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index rebuilt: {counts['trades']} trades, {counts['programmes']} programmes, "
                f"{counts['words']} words in {elapsed:.1f} s."
            )
        )
