"""The search index: one document per trade and per published programme, the words
it holds, and the synonyms the administrators keep.

Document texts are already normalised (``search.normalize``) in all three
languages at once, so that a query in any language finds content in all of
them. The full-text structures that read them are the database's own: an
FTS5 table on SQLite, a generated ``tsvector`` column with a GIN index on
PostgreSQL (both created by this app's migrations, see ``backends.py``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalog.models import City, Programme, Region, Trade
from search.normalize import index_text, stems


class DocumentKind(models.TextChoices):
    TRADE = "trade", _("Trade")
    PROGRAMME = "programme", _("Programme")


class SearchDocument(models.Model):
    """What search reads of one trade or one published programme (derived data, rebuilt at will)."""

    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices)
    trade = models.ForeignKey(Trade, on_delete=models.CASCADE, related_name="+", verbose_name=_("trade"))
    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("programme")
    )
    # Normalised words, strongest first: names, then summaries and skills, then the rest.
    title = models.TextField(_("names"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("other text"), blank=True)
    # Facets of a programme, copied here so that counting them needs no join.
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("region")
    )
    city = models.ForeignKey(
        City, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("city")
    )
    schedule = models.CharField(_("schedule"), max_length=20, blank=True)
    languages = models.CharField(_("teaching languages"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="trade") & Q(programme__isnull=True))
                | (Q(kind="programme") & Q(programme__isnull=False)),
                name="searchdocument_kind_matches_target",
            ),
            models.UniqueConstraint(fields=["trade"], condition=Q(kind="trade"), name="searchdocument_one_per_trade"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.programme_id or self.trade_id}"


class SearchTerm(models.Model):
    """A word of the index: the vocabulary typos are corrected against."""

    word = models.CharField(_("word"), max_length=100, unique=True)
    length = models.PositiveSmallIntegerField(_("length"), db_index=True)
    # Its Snowball stems (``normalize.stems``): the words of the index that share one with a typed
    # word are its other forms ("bijoutieres" → "bijoutier").
    stem_fr = models.CharField(_("French stem"), max_length=100, db_index=True, default="")
    stem_en = models.CharField(_("English stem"), max_length=100, db_index=True, default="")

    class Meta:
        verbose_name = _("indexed word")
        verbose_name_plural = _("indexed words")

    def __str__(self) -> str:
        return self.word

    @classmethod
    def of(cls, word: str) -> SearchTerm:
        """The row of a normalised word, with its length and stems."""
        stem_fr, stem_en = stems(word)
        return cls(word=word, length=len(word), stem_fr=stem_fr, stem_en=stem_en)


class Synonym(models.Model):
    """A word people type and the words it should also find, in any language.

    ``term`` and ``expansions`` are compared after normalisation, so "métal",
    "Metal" and "metal" are one term; one expansion per line (or separated by
    commas), each one or several words ("wood carving").
    """

    term = models.CharField(_("word or phrase typed"), max_length=100)
    term_normalized = models.CharField(_("normalised form"), max_length=100, unique=True, editable=False)
    expansions = models.TextField(
        _("also find"), help_text=_("Words or phrases this one should also find, one per line or separated by commas.")
    )

    class Meta:
        ordering = ["term_normalized"]
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        constraints = [
            models.CheckConstraint(condition=~Q(term_normalized=""), name="synonym_term_not_empty"),
        ]

    def __str__(self) -> str:
        return self.term

    def save(self, *args, **kwargs) -> None:
        self.term_normalized = index_text(self.term)[:100]
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.term_normalized = index_text(self.term)[:100]
        if not self.term_normalized:
            raise ValidationError({"term": _("Write a word with at least one letter or digit.")})
        if not self.expansion_list():
            raise ValidationError({"expansions": _("Write at least one word this one should also find.")})
        clash = Synonym.objects.filter(term_normalized=self.term_normalized).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError({"term": _("This word already has synonyms: edit that entry instead.")})

    def expansion_list(self) -> list[str]:
        """The normalised expansions, each one or several words."""
        parts = self.expansions.replace("\n", ",").split(",")
        return [text for text in (index_text(part) for part in parts) if text]


class SearchEmbedding(models.Model):
    """The meaning of one trade or one published programme in one language: a sentence vector.

    Written when the trade or programme is saved (``services.search_embeddings_update``),
    never at query time. ``vector`` holds little-endian float32 numbers (the model's
    dimensions), unit length, so that a dot product is the cosine similarity; ``text_hash``
    is the hash of the model's name and the text embedded, so that a save that changes
    nothing the vector reads costs no new embedding.
    """

    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices)
    trade = models.ForeignKey(Trade, on_delete=models.CASCADE, related_name="+", verbose_name=_("trade"))
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("programme")
    )
    language = models.CharField(_("language"), max_length=2)
    text_hash = models.CharField(_("hash of the text"), max_length=64)
    vector = models.BinaryField(_("vector"))

    class Meta:
        verbose_name = _("search embedding")
        verbose_name_plural = _("search embeddings")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="trade") & Q(programme__isnull=True))
                | (Q(kind="programme") & Q(programme__isnull=False)),
                name="searchembedding_kind_matches_target",
            ),
            models.UniqueConstraint(
                fields=["trade", "language"], condition=Q(kind="trade"), name="searchembedding_one_per_trade_language"
            ),
            models.UniqueConstraint(
                fields=["programme", "language"],
                condition=Q(kind="programme"),
                name="searchembedding_one_per_programme_language",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.programme_id or self.trade_id} {self.language}"
