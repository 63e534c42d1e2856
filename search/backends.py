"""Two lexical backends behind one interface, chosen by the database in use.

Both read the same documents (``SearchDocument``) whose words are already
normalised, and answer the same compiled query: a list of *groups* (one per
word the person typed), each a list of *alternatives* (the word itself, its
typo corrections, its synonyms), each alternative one or more words that must
all appear. A document matches when any alternative of any group does (or,
with ``every_group``, of every group); the
database ranks it (BM25 on SQLite, ``ts_rank`` on PostgreSQL) with names
weighing more than summaries, and summaries more than the rest.

Words of three letters or more match as prefixes ("metal" finds "metalwork").
Words hold only letters and digits (see ``normalize``), so no text a person
types reaches the engines' query syntax.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.db import connection

from search.models import SearchTerm

Alternative = tuple[str, ...]
Group = list[Alternative]
# Shorter words match exactly: as prefixes they would match half the index.
MIN_PREFIX = 3
# How far a typed word's length may be from the word it meant (at most two edits).
MAX_EDITS = 2


@dataclass(frozen=True)
class Hit:
    """One matching document, with what the facets and the ranking need."""

    kind: str
    trade_id: int
    programme_id: int | None
    region_id: int | None
    city_id: int | None
    schedule: str
    languages: tuple[str, ...]
    score: float


class LexicalBackend(Protocol):
    def search(self, groups: list[Group], *, every_group: bool = False) -> list[Hit]: ...

    def typo_candidates(self, word: str) -> list[str]: ...


_COLUMNS = "d.kind, d.trade_id, d.programme_id, d.region_id, d.city_id, d.schedule, d.languages"


def _hits(rows) -> list[Hit]:
    return [
        Hit(kind, trade_id, programme_id, region_id, city_id, schedule, tuple(languages.split()), float(score))
        for kind, trade_id, programme_id, region_id, city_id, schedule, languages, score in rows
    ]


def _prefix_range(word: str) -> tuple[str, str]:
    """Bounds of the words that start with ``word``, for an index range scan (LIKE would not use it)."""
    return word, word + "\U0010ffff"


def known_words(words: list[str]) -> set[str]:
    """The words that are in the index, whole or (from three letters) as the start of a word."""
    known = set(SearchTerm.objects.filter(word__in=words).values_list("word", flat=True))
    with connection.cursor() as cursor:
        for word in words:
            if word in known or len(word) < MIN_PREFIX:
                continue
            cursor.execute(
                "SELECT 1 FROM search_searchterm WHERE word >= %s AND word < %s LIMIT 1", _prefix_range(word)
            )
            if cursor.fetchone():
                known.add(word)
    return known


class SQLiteBackend:
    """FTS5 with BM25; typo candidates are the vocabulary's words of a close length."""

    # BM25 weights of the columns title, summary, body.
    _WEIGHTS = (10.0, 4.0, 1.0)

    @staticmethod
    def _term(word: str) -> str:
        return f'"{word}"*' if len(word) >= MIN_PREFIX else f'"{word}"'

    def compile(self, groups: list[Group], *, every_group: bool = False) -> str:
        def group(alternatives: Group) -> str:
            return "(" + " OR ".join("(" + " AND ".join(map(self._term, alt)) + ")" for alt in alternatives) + ")"

        return (" AND " if every_group else " OR ").join(group(alternatives) for alternatives in groups if alternatives)

    def search(self, groups: list[Group], *, every_group: bool = False) -> list[Hit]:
        expression = self.compile(groups, every_group=every_group)
        if not expression:
            return []
        weights = ", ".join(str(weight) for weight in self._WEIGHTS)
        sql = (
            f"SELECT {_COLUMNS}, -bm25(search_fts, {weights}) FROM search_fts "
            "JOIN search_searchdocument d ON d.id = search_fts.rowid WHERE search_fts MATCH %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression])
            return _hits(cursor.fetchall())

    def typo_candidates(self, word: str) -> list[str]:
        # Words of a close length that start like the typed one (its first or second letter, so that a
        # first letter dropped or swapped is still found): a few hundred at most, checked by edit distance.
        sql = (
            "SELECT word FROM search_searchterm WHERE length BETWEEN %s AND %s "
            "AND ((word >= %s AND word < %s) OR (word >= %s AND word < %s))"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                sql, [len(word) - MAX_EDITS, len(word) + MAX_EDITS, *_prefix_range(word[0]), *_prefix_range(word[1])]
            )
            return [row[0] for row in cursor.fetchall()]


class PostgresBackend:
    """Full-text search on a generated ``tsvector`` with GIN; typo candidates from a ``pg_trgm`` index."""

    # ts_rank's weights for D, C, B, A: names count ten times the rest, summaries four times.
    _WEIGHTS = "{0.05, 0.1, 0.4, 1.0}"

    @staticmethod
    def _term(word: str) -> str:
        return f"'{word}':*" if len(word) >= MIN_PREFIX else f"'{word}'"

    def compile(self, groups: list[Group], *, every_group: bool = False) -> str:
        def group(alternatives: Group) -> str:
            return "(" + " | ".join("(" + " & ".join(map(self._term, alt)) + ")" for alt in alternatives) + ")"

        return (" & " if every_group else " | ").join(group(alternatives) for alternatives in groups if alternatives)

    def search(self, groups: list[Group], *, every_group: bool = False) -> list[Hit]:
        expression = self.compile(groups, every_group=every_group)
        if not expression:
            return []
        sql = (
            f"SELECT {_COLUMNS}, ts_rank(%s::float4[], d.vector, q) FROM search_searchdocument d, "
            "CAST(%s AS tsquery) q WHERE d.vector @@ q"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self._WEIGHTS, expression])
            return _hits(cursor.fetchall())

    def typo_candidates(self, word: str) -> list[str]:
        # ``%`` is pg_trgm's similarity operator (threshold 0.3 by default), served by the GIN index.
        sql = "SELECT word FROM search_searchterm WHERE word %% %s AND length BETWEEN %s AND %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [word, len(word) - MAX_EDITS, len(word) + MAX_EDITS])
            return [row[0] for row in cursor.fetchall()]


def backend() -> LexicalBackend:
    """The backend of the database in use."""
    return PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()
