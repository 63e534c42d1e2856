"""What search needs of every indexed document, as arrays kept per process.

The backends say which documents match a query and how well: their ids and
scores, nothing more. Everything else search reads of a document (is it a
trade or a programme, which trade, region, city, schedule, teaching
languages) is read here, from numpy arrays loaded once per process and again
when the index changes. Ranking and counting the facets of 10,000 matching
programmes is then a few array operations, not 10,000 rows fetched and
walked in Python. The sentence vectors (``semantic.py``) are laid out in the
same order, so that one position names a document in both.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass

import numpy as np

_INDEX_TOKEN_KEY = "search:index-token"
# With the cache down, a process cannot learn that another changed the index: it
# reads the index again this often, rather than on every search or never.
OUTAGE_TOKEN_SECONDS = 60
clock = time.monotonic
_lock = threading.Lock()


def index_changed() -> None:
    """Say that documents or vectors were written: every process reads them again on its next search.

    Called by the services that write them, at once and again after the
    commit (a process that read in between read the old rows). Not the
    catalogue version: that one changes with every save (a session's seats
    too), and reading the index again each time would be waste.
    """
    from django.core.cache import cache
    from django.db import transaction

    def bump() -> None:
        cache.set(_INDEX_TOKEN_KEY, uuid.uuid4().hex, timeout=None)

    bump()
    transaction.on_commit(bump)


def index_token() -> str:
    """Names the state of the index; a new one when it changes, or when the cache is emptied.

    When the cache keeps nothing (Redis down: it answers as an empty cache), a
    token of the process's clock, new every ``OUTAGE_TOKEN_SECONDS``.
    """
    from django.core.cache import cache

    token = cache.get(_INDEX_TOKEN_KEY)
    if token is None:
        cache.add(_INDEX_TOKEN_KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(_INDEX_TOKEN_KEY)  # ours, or another process's written just before
    if token is None:
        token = f"no-cache-{int(clock() // OUTAGE_TOKEN_SECONDS)}"
    return token


@dataclass(frozen=True, eq=False)
class DocumentTable:
    """Every indexed document, one position each, in the order of their ids.

    Ids that a document lacks (the programme of a trade, the region of a
    trade) are 0; a schedule is its index in ``schedules`` (-1: none); the
    teaching languages are bits, bit ``i`` standing for ``language_codes[i]``.
    """

    token: str
    ids: np.ndarray  # (documents,) int64, ascending
    is_programme: np.ndarray  # bool
    trade: np.ndarray  # int64
    programme: np.ndarray  # int64
    region: np.ndarray  # int64
    city: np.ndarray  # int64
    schedule: np.ndarray  # int64
    languages: np.ndarray  # int64 bit sets
    schedules: tuple[str, ...]
    language_codes: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.ids)

    def positions(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The positions of these document ids, and which of the ids are in the table.

        An id missing from the table was written after it was read, by another
        process, an instant ago: it is left out until the next search.
        """
        ids = np.asarray(ids, dtype=np.int64)
        positions = np.minimum(np.searchsorted(self.ids, ids), max(len(self.ids) - 1, 0))
        known = self.ids[positions] == ids if len(self.ids) else np.zeros(len(ids), dtype=bool)
        return positions[known], known

    def position_of(self) -> dict[tuple[bool, int], int]:
        """(is a programme, programme or trade id) → position: how stored vectors find their document."""
        keys = np.where(self.is_programme, self.programme, self.trade).tolist()
        return {
            (programme, key): i for i, (programme, key) in enumerate(zip(self.is_programme.tolist(), keys, strict=True))
        }


def _load(token: str) -> DocumentTable:
    from search.models import DocumentKind, SearchDocument

    rows = list(
        SearchDocument.objects.order_by("pk").values_list(
            "pk", "kind", "trade_id", "programme_id", "region_id", "city_id", "schedule", "languages"
        )
    )
    columns = list(zip(*rows, strict=True)) or [()] * 8
    ids, kinds, trades, programmes, regions, cities, schedule_codes, languages = columns
    schedules = tuple(sorted(set(schedule_codes) - {""}))
    language_codes = tuple(sorted({code for codes in languages for code in codes.split()}))
    schedule_index = {code: i for i, code in enumerate(schedules)}
    language_bit = {code: 1 << i for i, code in enumerate(language_codes)}

    def integers(values) -> np.ndarray:
        return np.fromiter((value or 0 for value in values), dtype=np.int64, count=len(rows))

    return DocumentTable(
        token=token,
        ids=integers(ids),
        is_programme=np.fromiter((kind == DocumentKind.PROGRAMME for kind in kinds), dtype=bool, count=len(rows)),
        trade=integers(trades),
        programme=integers(programmes),
        region=integers(regions),
        city=integers(cities),
        schedule=np.fromiter((schedule_index.get(code, -1) for code in schedule_codes), np.int64, len(rows)),
        languages=np.fromiter(
            (sum(language_bit[code] for code in codes.split()) for codes in languages), np.int64, len(rows)
        ),
        schedules=schedules,
        language_codes=language_codes,
    )


_table: DocumentTable | None = None


def document_table() -> DocumentTable:
    """The table of the index as it is now: read again when the index has changed since it was last read."""
    global _table
    token = index_token()
    current = _table
    if current is None or current.token != token:
        with _lock:  # one thread reads it; the others of the process wait for it, not read it again
            current = _table
            if current is None or current.token != token:
                current = _table = _load(token)
    return current
