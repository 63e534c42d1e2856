"""Writes to the search index: documents of trades and programmes, their words, the synonyms.

The index is derived data. The catalogue's save signals (``signals.py``)
call these services in the same transaction as the save, so a trade or a
programme is found as soon as it is saved; ``search_index_rebuild`` (and
``manage.py rebuild_search_index``) writes it whole again, for bulk loads
that bypass signals.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet

from catalog.models import Programme, Trade
from search.models import DocumentKind, SearchDocument, SearchTerm, Synonym
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
            [SearchTerm(word=word, length=len(word)) for word in sorted(words)],
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


@transaction.atomic
def search_document_index_trade(*, trade: Trade) -> None:
    """(Re)index a trade and the programmes that teach it (their text names the trade)."""
    trade = Trade.objects.prefetch_related("skills").get(pk=trade.pk)
    _replace([_trade_document(trade)], existing=SearchDocument.objects.filter(kind=DocumentKind.TRADE, trade=trade))
    search_document_index_programmes(programmes=Programme.objects.filter(trade=trade))


@transaction.atomic
def search_document_index_programmes(*, programmes: QuerySet[Programme]) -> None:
    """(Re)index these programmes: published ones are written, others removed from the index."""
    ids = list(programmes.values_list("pk", flat=True))
    documents = [_programme_document(p) for p in _programmes_to_index().filter(pk__in=ids)]
    _replace(documents, existing=SearchDocument.objects.filter(programme_id__in=ids))


@transaction.atomic
def search_index_rebuild() -> dict[str, int]:
    """Write the whole index again from the catalogue; returns how many documents and words it holds."""
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
    return {"trades": len(trades), "programmes": programmes, "words": SearchTerm.objects.count()}


def _write(batch: list[SearchDocument]) -> int:
    SearchDocument.objects.bulk_create(batch, batch_size=_BATCH)
    search_terms_add(documents=batch)
    return len(batch)
