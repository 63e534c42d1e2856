"""Two lexical backends behind one interface, chosen by the database in use.

Both read the same documents (``SearchDocument``) whose words are already
normalised, and answer the same compiled query: a list of *groups* (one per
word the person typed), each a list of *alternatives* (the word itself, its
typo corrections, its synonyms), each alternative one or more words that must
all appear. A document matches when any alternative of any group does; the
backend also says whether it matched every group, and the database ranks it
(BM25 on SQLite, ``ts_rank`` on PostgreSQL) with names weighing more than
summaries, and summaries more than the rest.

Words of three letters or more match as prefixes ("metal" finds "metalwork"), except
the other forms of a typed word (``word_forms``): those are whole words of the
index, and match whole ("main", a form of "mains", must not find "maintenance").
Words hold only letters and digits (see ``normalize``), so no text a person
types reaches the engines' query syntax.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
from django.db import connection
from django.db.models import Q

from search.models import SearchTerm
from search.normalize import MIN_STEMMED_LENGTH, stems

Alternative = tuple[str, ...]
Group = list[Alternative]
# Shorter words match exactly: as prefixes they would match half the index.
MIN_PREFIX = 3
# How far a typed word's length may be from the word it meant (at most two edits).
MAX_EDITS = 2


@dataclass(frozen=True, eq=False)
class Matches:
    """The documents a query matched: their ids, their scores (higher is better), and whether each
    matched every group or only some. What else search needs of them is in ``document_table``."""

    ids: np.ndarray  # int64
    scores: np.ndarray  # float64
    every_group: np.ndarray  # bool

    @classmethod
    def of(cls, rows: list[tuple]) -> Matches:
        """From rows of (id, score) or (id, score, matched every group)."""
        columns = list(zip(*rows, strict=True)) or [(), ()]
        ids = np.asarray(columns[0], dtype=np.int64)
        every = np.asarray(columns[2], dtype=bool) if len(columns) > 2 else np.ones(len(ids), dtype=bool)
        return cls(ids=ids, scores=np.asarray(columns[1], dtype=np.float64), every_group=every)


class LexicalBackend(Protocol):
    def search(self, groups: list[Group], *, exact: frozenset[str] = frozenset()) -> Matches: ...

    def typo_candidates(self, word: str) -> list[str]: ...


def _several(groups: list[Group]) -> bool:
    """Whether more than one group has alternatives: only then can a document match some groups, not all."""
    return len([alternatives for alternatives in groups if alternatives]) > 1


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


# At most this many other forms of a typed word, the closest in length (a stem shared by more words
# is a short, common one: its farthest forms say little).
MAX_FORMS = 8


def word_forms(words: list[str]) -> dict[str, list[str]]:
    """For each word, the other words of the index that share its French or its English stem.

    "bijoutieres" → ["bijoutier", "bijouterie", …]: the plural, the feminine, the agent noun and the
    trade's name, whichever the texts hold. The same on both databases (the stems are computed by
    ``normalize.stems`` when a word is indexed).
    """
    wanted = {word: stems(word) for word in words if len(word) >= MIN_STEMMED_LENGTH}
    wanted = {word: pair for word, pair in wanted.items() if pair != (word, word)}
    if not wanted:
        return {}
    rows = list(
        SearchTerm.objects.filter(
            Q(stem_fr__in={fr for fr, _en in wanted.values()}) | Q(stem_en__in={en for _fr, en in wanted.values()})
        ).values_list("word", "stem_fr", "stem_en")
    )
    forms: dict[str, list[str]] = {}
    for word, (fr, en) in wanted.items():
        found = sorted(
            (other for other, other_fr, other_en in rows if other != word and (other_fr == fr or other_en == en)),
            key=lambda other: (abs(len(other) - len(word)), other),
        )
        if found:
            forms[word] = found[:MAX_FORMS]
    return forms


class SQLiteBackend:
    """FTS5 with BM25; typo candidates are the vocabulary's words of a close length."""

    # BM25 weights of the columns title, summary, body.
    _WEIGHTS = (10.0, 4.0, 1.0)

    @staticmethod
    def _term(word: str, *, exact: bool = False) -> str:
        return f'"{word}"*' if len(word) >= MIN_PREFIX and not exact else f'"{word}"'

    def compile(self, groups: list[Group], *, every_group: bool = False, exact: frozenset[str] = frozenset()) -> str:
        def term(word: str) -> str:
            return self._term(word, exact=word in exact)

        def group(alternatives: Group) -> str:
            return "(" + " OR ".join("(" + " AND ".join(map(term, alt)) + ")" for alt in alternatives) + ")"

        return (" AND " if every_group else " OR ").join(group(alternatives) for alternatives in groups if alternatives)

    def search(self, groups: list[Group], *, exact: frozenset[str] = frozenset()) -> Matches:
        expression = self.compile(groups, exact=exact)
        if not expression:
            return Matches.of([])
        weights = ", ".join(str(weight) for weight in self._WEIGHTS)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, -bm25(search_fts, {weights}) FROM search_fts WHERE search_fts MATCH %s", [expression]
            )
            rows = cursor.fetchall()
            if not _several(groups):
                return Matches.of(rows)
            # FTS5 matches one expression per query: those that match every group are a second one.
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s",
                [self.compile(groups, every_group=True, exact=exact)],
            )
            every = np.fromiter((row[0] for row in cursor.fetchall()), dtype=np.int64)
        matches = Matches.of(rows)
        return Matches(matches.ids, matches.scores, np.isin(matches.ids, every))

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
    def _term(word: str, *, exact: bool = False) -> str:
        return f"'{word}':*" if len(word) >= MIN_PREFIX and not exact else f"'{word}'"

    def compile(self, groups: list[Group], *, every_group: bool = False, exact: frozenset[str] = frozenset()) -> str:
        def term(word: str) -> str:
            return self._term(word, exact=word in exact)

        def group(alternatives: Group) -> str:
            return "(" + " | ".join("(" + " & ".join(map(term, alt)) + ")" for alt in alternatives) + ")"

        return (" & " if every_group else " | ").join(group(alternatives) for alternatives in groups if alternatives)

    def search(self, groups: list[Group], *, exact: frozenset[str] = frozenset()) -> Matches:
        expression = self.compile(groups, exact=exact)
        if not expression:
            return Matches.of([])
        # Whether a document matches every group is read in the same pass over the matches.
        every = self.compile(groups, every_group=True, exact=exact) if _several(groups) else None
        sql = (
            "SELECT d.id, ts_rank(%s::float4[], d.vector, q), "
            + ("d.vector @@ CAST(%s AS tsquery) " if every else "true ")
            + "FROM search_searchdocument d, CAST(%s AS tsquery) q WHERE d.vector @@ q"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self._WEIGHTS, *([every] if every else []), expression])
            return Matches.of(cursor.fetchall())

    def typo_candidates(self, word: str) -> list[str]:
        # ``%`` is pg_trgm's similarity operator (threshold 0.3 by default), served by the GIN index.
        sql = "SELECT word FROM search_searchterm WHERE word %% %s AND length BETWEEN %s AND %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [word, len(word) - MAX_EDITS, len(word) + MAX_EDITS])
            return [row[0] for row in cursor.fetchall()]


def backend() -> LexicalBackend:
    """The backend of the database in use."""
    return PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()
