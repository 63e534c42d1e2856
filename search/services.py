"""Writes to the search index: documents of trades and programmes, their words, the synonyms.

The index is derived data. The catalogue's save signals (``signals.py``)
call these services in the same transaction as the save, so a trade or a
programme is found as soon as it is saved; ``search_index_rebuild`` (and
``manage.py rebuild_search_index``) writes it whole again, for bulk loads
that bypass signals.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet

from catalog.models import Programme, Trade
from search import semantic
from search.document_table import index_changed
from search.models import DocumentKind, SearchDocument, SearchEmbedding, SearchTerm, Synonym
from search.normalize import index_text

LANGS = ("fr", "ar", "en")
_BATCH = 1000
# Longer "words" are codes or garbage, not something a person types with a typo.
_MAX_WORD = 100


def _texts(obj, *fields: str) -> str:
    """Every language's text of these translated fields, normalised, in one string."""
    parts = [getattr(obj, f"{field}_{lang}", "") or "" for field in fields for lang in LANGS]
    return index_text(" ".join(parts))


def _trade_document(trade: Trade) -> SearchDocument:
    skills = " ".join(_texts(skill, "name") for skill in trade.skills.all())
    return SearchDocument(
        kind=DocumentKind.TRADE,
        trade=trade,
        title=_texts(trade, "name"),
        summary=" ".join(filter(None, [_texts(trade, "summary"), skills])),
        body=_texts(trade, "description"),
    )


def _programme_document(programme: Programme) -> SearchDocument:
    city = programme.city
    return SearchDocument(
        kind=DocumentKind.PROGRAMME,
        trade=programme.trade,
        programme=programme,
        title=_texts(programme, "title"),
        summary=" ".join(filter(None, [_texts(programme.trade, "name"), _texts(programme, "summary")])),
        body=" ".join(
            filter(
                None,
                [
                    _texts(programme, "description", "certificate"),
                    _texts(programme.provider, "name"),
                    _texts(city, "name"),
                    _texts(city.region, "name"),
                ],
            )
        ),
        region_id=city.region_id,
        city_id=city.pk,
        schedule=programme.schedule,
        languages=" ".join(sorted(language.code for language in programme.teaching_languages.all())),
    )


def _programmes_to_index() -> QuerySet[Programme]:
    return (
        Programme.objects.published()
        .select_related("trade", "provider", "city__region")
        .prefetch_related("teaching_languages")
    )


def _words_add(words: set[str]) -> None:
    words = {word for word in words if len(word) <= _MAX_WORD}
    if words:
        SearchTerm.objects.bulk_create(
            [SearchTerm.of(word) for word in sorted(words)],
            batch_size=_BATCH,
            ignore_conflicts=True,
        )


def search_terms_add(*, documents: Iterable[SearchDocument]) -> None:
    """Add the documents' words to the vocabulary that typos are corrected against."""
    _words_add({word for doc in documents for text in (doc.title, doc.summary, doc.body) for word in text.split()})


def search_terms_add_synonyms(*, synonyms: Iterable[Synonym]) -> None:
    """Add the words of synonym terms to the vocabulary: "carpentery" is then corrected to "carpentry"."""
    _words_add({word for synonym in synonyms for word in synonym.term_normalized.split()})


def _replace(documents: list[SearchDocument], *, existing: QuerySet[SearchDocument]) -> None:
    # Deleting and inserting keeps one code path for both backends' triggers and
    # generated columns; a document is a handful of rows at most.
    existing.delete()
    SearchDocument.objects.bulk_create(documents, batch_size=_BATCH)
    search_terms_add(documents=documents)
    index_changed()


# --- Meaning: one sentence vector per trade or programme and language (see ``semantic.py``) ----------------------


@dataclass(frozen=True)
class EmbeddingSource:
    """What a trade or a programme says, in each language, for its sentence vectors."""

    kind: str
    trade_id: int
    programme_id: int | None
    texts: dict[str, str]

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.programme_id if self.kind == DocumentKind.PROGRAMME else self.trade_id)


def _sentences(obj, lang: str, *fields: str) -> list[str]:
    """The fields' texts in this language (French where one is missing), as sentences."""
    texts = [(getattr(obj, f"{field}_{lang}", "") or getattr(obj, f"{field}_fr", "") or "").strip() for field in fields]
    return [text for text in texts if text]


def _trade_source(trade: Trade) -> EmbeddingSource:
    texts = {}
    for lang in LANGS:
        skills = [text for skill in trade.skills.all() for text in _sentences(skill, lang, "name")]
        parts = _sentences(trade, lang, "name", "summary") + skills + _sentences(trade, lang, "description")
        texts[lang] = ". ".join(parts)
    return EmbeddingSource(DocumentKind.TRADE, trade.pk, None, texts)


def _programme_source(programme: Programme) -> EmbeddingSource:
    texts = {
        lang: ". ".join(
            _sentences(programme, lang, "title")
            + _sentences(programme.trade, lang, "name")
            + _sentences(programme, lang, "summary")
        )
        for lang in LANGS
    }
    return EmbeddingSource(DocumentKind.PROGRAMME, programme.trade_id, programme.pk, texts)


def _embeddings_of(sources: list[EmbeddingSource]) -> QuerySet[SearchEmbedding]:
    trades = [s.trade_id for s in sources if s.kind == DocumentKind.TRADE]
    programmes = [s.programme_id for s in sources if s.kind == DocumentKind.PROGRAMME]
    return SearchEmbedding.objects.filter(
        Q(kind=DocumentKind.TRADE, trade_id__in=trades) | Q(kind=DocumentKind.PROGRAMME, programme_id__in=programmes)
    )


def search_embeddings_update(*, sources: list[EmbeddingSource], force: bool = False) -> int:
    """Store the sentence vectors of these trades and programmes; returns how many texts were embedded.

    A text whose vector is stored already (same text, same model) is not
    embedded again, unless ``force``. Identical texts are embedded once. The
    texts of a batch go to the model together, which is several times
    faster than one by one.
    """
    if not sources:
        return 0
    stored = {
        ((kind, programme_id if kind == DocumentKind.PROGRAMME else trade_id), language): (pk, text_hash)
        for pk, kind, trade_id, programme_id, language, text_hash in _embeddings_of(sources).values_list(
            "pk", "kind", "trade_id", "programme_id", "language", "text_hash"
        )
    }
    wanted = []  # (source, language, text, hash) whose vector is missing or stale
    for source in sources:
        for lang, text in source.texts.items():
            if not text:
                continue
            digest = semantic.text_hash(text)
            current = stored.get((source.key, lang))
            if force or current is None or current[1] != digest:
                wanted.append((source, lang, text, digest))
    if not wanted:
        return 0
    unique = list(dict.fromkeys(text for _source, _lang, text, _digest in wanted))
    vectors = dict(zip(unique, semantic.texts_embed(unique), strict=True))
    stale = [stored[(source.key, lang)][0] for source, lang, _text, _digest in wanted if (source.key, lang) in stored]
    SearchEmbedding.objects.filter(pk__in=stale).delete()
    SearchEmbedding.objects.bulk_create(
        [
            SearchEmbedding(
                kind=source.kind,
                trade_id=source.trade_id,
                programme_id=source.programme_id,
                language=lang,
                text_hash=digest,
                vector=semantic.vector_to_bytes(vectors[text]),
            )
            for source, lang, text, digest in wanted
        ],
        batch_size=_BATCH,
    )
    index_changed()
    return len(unique)


@transaction.atomic
def search_embeddings_rebuild(*, force: bool = False) -> dict[str, int]:
    """Store the vectors of every trade and published programme, in batches; drop those of anything else.

    Only texts that changed (or every text, with ``force``) are embedded.
    Returns how many trades and programmes have vectors and how many texts were embedded.
    """
    SearchEmbedding.objects.filter(kind=DocumentKind.PROGRAMME).exclude(
        programme__in=Programme.objects.published()
    ).delete()
    index_changed()
    trades = [_trade_source(trade) for trade in Trade.objects.prefetch_related("skills")]
    embedded = search_embeddings_update(sources=trades, force=force)
    programmes = 0
    batch: list[EmbeddingSource] = []
    for programme in _programmes_to_index().iterator(chunk_size=_BATCH):
        batch.append(_programme_source(programme))
        if len(batch) == _BATCH:
            embedded += search_embeddings_update(sources=batch, force=force)
            programmes += len(batch)
            batch = []
    embedded += search_embeddings_update(sources=batch, force=force)
    programmes += len(batch)
    return {"trades": len(trades), "programmes": programmes, "embedded": embedded}


_batch = threading.local()


@contextmanager
def search_embeddings_batched() -> Iterator[None]:
    """Saves within this block queue their vectors; they are all computed at its end, in batches.

    For loads that save many rows one by one (``load_demo``): a trade saved
    again for each of its skills is then embedded once, and the texts go to
    the model together. The vectors are written in a transaction of their
    own, after the block; the words are indexed at each save as always.
    """
    if getattr(_batch, "keys", None) is not None:  # already batching: the outer block computes them
        yield
        return
    _batch.keys = set()
    try:
        yield
        keys = _batch.keys
    finally:
        _batch.keys = None
    if keys and semantic.enabled():
        with transaction.atomic():
            trades = Trade.objects.prefetch_related("skills").filter(
                pk__in=[pk for kind, pk in keys if kind == DocumentKind.TRADE]
            )
            programmes = _programmes_to_index().filter(
                pk__in=[pk for kind, pk in keys if kind == DocumentKind.PROGRAMME]
            )
            sources = [_trade_source(trade) for trade in trades] + [_programme_source(p) for p in programmes]
            for start in range(0, len(sources), _BATCH):
                search_embeddings_update(sources=sources[start : start + _BATCH])


def _embeddings_refresh(sources: list[EmbeddingSource]) -> None:
    """The vectors of these sources, now, or at the end of the ``search_embeddings_batched`` block."""
    if not semantic.enabled():
        return
    keys = getattr(_batch, "keys", None)
    if keys is None:
        search_embeddings_update(sources=sources)
    else:
        keys.update(source.key for source in sources)


_pending = threading.local()


@contextmanager
def search_index_batched() -> Iterator[None]:
    """Saves within this block reindex what they touched once, at its end, not at every save.

    For loads that save many rows one by one (``demo_load``): a trade is saved,
    then each of its skills, then its programmes and their languages, and each
    of those saves would write the trade's and its programmes' documents again.
    Within the block they are noted; at its end each trade and programme is
    indexed once, in the transaction the block runs in (put the block inside it:
    the index is never out of step with what is committed). If the block
    raises, nothing is indexed: its transaction is rolled back with it.
    """
    if getattr(_pending, "ids", None) is not None:  # already batching: the outer block indexes
        yield
        return
    _pending.ids = pending = {DocumentKind.TRADE: set(), DocumentKind.PROGRAMME: set()}
    try:
        yield
    finally:
        _pending.ids = None
    trades = pending[DocumentKind.TRADE]
    for trade in Trade.objects.filter(pk__in=trades):
        search_document_index_trade(trade=trade)
    # Indexing a trade indexed its programmes: the others are left.
    programmes = Programme.objects.filter(pk__in=pending[DocumentKind.PROGRAMME]).exclude(trade__in=trades)
    if pending[DocumentKind.PROGRAMME]:
        search_document_index_programmes(programmes=programmes)


def _noted(kind: str, ids: Iterable[int]) -> bool:
    """Within ``search_index_batched``: note these rows for its end, and say so."""
    pending = getattr(_pending, "ids", None)
    if pending is None:
        return False
    pending[kind].update(ids)
    return True


@transaction.atomic
def search_document_index_trade(*, trade: Trade) -> None:
    """(Re)index a trade and the programmes that teach it (their text names the trade)."""
    if _noted(DocumentKind.TRADE, [trade.pk]):
        return
    trade = Trade.objects.prefetch_related("skills").get(pk=trade.pk)
    _replace([_trade_document(trade)], existing=SearchDocument.objects.filter(kind=DocumentKind.TRADE, trade=trade))
    _embeddings_refresh([_trade_source(trade)])
    search_document_index_programmes(programmes=Programme.objects.filter(trade=trade))


@transaction.atomic
def search_document_index_programmes(*, programmes: QuerySet[Programme]) -> None:
    """(Re)index these programmes: published ones are written, others removed from the index."""
    ids = list(programmes.values_list("pk", flat=True))
    if _noted(DocumentKind.PROGRAMME, ids):
        return
    published = list(_programmes_to_index().filter(pk__in=ids))
    _replace([_programme_document(p) for p in published], existing=SearchDocument.objects.filter(programme_id__in=ids))
    SearchEmbedding.objects.filter(programme_id__in=set(ids) - {p.pk for p in published}).delete()
    _embeddings_refresh([_programme_source(p) for p in published])


@transaction.atomic
def search_index_rebuild() -> dict[str, int]:
    """Write the whole index again from the catalogue; returns how many documents and words it holds.

    With meaning on (``GUICHET_SEMANTIC_SEARCH``), the sentence vectors of
    what changed are computed too, in batches (``search_embeddings_rebuild``).
    """
    index_changed()
    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    trades = [_trade_document(trade) for trade in Trade.objects.prefetch_related("skills")]
    SearchDocument.objects.bulk_create(trades, batch_size=_BATCH)
    search_terms_add(documents=trades)
    search_terms_add_synonyms(synonyms=Synonym.objects.all())
    programmes = 0
    batch: list[SearchDocument] = []
    for programme in _programmes_to_index().iterator(chunk_size=_BATCH):
        batch.append(_programme_document(programme))
        if len(batch) == _BATCH:
            programmes += _write(batch)
            batch = []
    programmes += _write(batch)
    counts = {"trades": len(trades), "programmes": programmes, "words": SearchTerm.objects.count()}
    if semantic.enabled():
        counts["embedded"] = search_embeddings_rebuild()["embedded"]
    return counts


def _write(batch: list[SearchDocument]) -> int:
    SearchDocument.objects.bulk_create(batch, batch_size=_BATCH)
    search_terms_add(documents=batch)
    return len(batch)
