"""Whether each translated text is missing, outdated or up to date in each target language.

A *text* is one translated field of one row of any model registered with
modeltranslation (the catalogue's, the desk's reasons for a meeting…), found
through modeltranslation's registry: the catalogue imports no app above it.
Its French column is the source; each other language has a status:

- **missing**: French written, the translation empty (the page shows the French, marked with ``lang``);
- **outdated**: the French text's fingerprint is no longer the one stamped on the translation
  (``TranslationStamp``, kept by ``catalog.services.translation_stamps_sync`` on every save);
- **up to date**: otherwise, a translation never stamped included (rows written in bulk, without signals).

Statuses are computed on read, from the texts as they are now and the stamps,
in a fixed number of queries per model whatever the number of rows. The
fingerprint cannot be computed by the database, so lists are compared in Python.
The counts of ``coverage()`` (a second over a national catalogue) are kept in
the shared cache under the translations' version, which every save or delete
of a translated row and every "still right" raises (``catalog/signals.py``,
``catalog.services.translation_mark_checked``): a change is seen at once.
"""

from __future__ import annotations

import difflib
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from catalog.fingerprints import normalised, text_fingerprint
from catalog.models import TranslationStamp
from catalog.selectors import target_languages, translated_fields


class Status(models.TextChoices):
    MISSING = "missing", _("Missing")
    OUTDATED = "outdated", _("Outdated")
    UP_TO_DATE = "up_to_date", _("Up to date")


def source_language() -> str:
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def translated_models() -> list[type[models.Model]]:
    """Every model with translated fields, of every app, ordered by app and name."""
    from modeltranslation.translator import translator

    return sorted(translator.get_registered_models(), key=lambda model: model._meta.label_lower)


def content_type_key(model: type[models.Model]) -> str:
    """``app_label.model``: how pages and forms name a kind of record."""
    return model._meta.label_lower


def model_for_key(key: str) -> type[models.Model] | None:
    """The translated model named ``app_label.model``, or None."""
    return next((model for model in translated_models() if content_type_key(model) == key), None)


def text_status(source: str | None, translation: str | None, stamped_fingerprint: str | None) -> Status | None:
    """The status of one translation; None when there is no French text to translate."""
    if not normalised(source):
        return None
    if not (translation or "").strip():
        return Status.MISSING
    if stamped_fingerprint is not None and stamped_fingerprint != text_fingerprint(source):
        return Status.OUTDATED
    return Status.UP_TO_DATE


def _stamps_of(model: type[models.Model]):
    # Joined on the content type's names rather than its id: no lookup of the id first (one query).
    opts = model._meta
    return TranslationStamp.objects.filter(content_type__app_label=opts.app_label, content_type__model=opts.model_name)


def _stamped_fingerprints(
    model: type[models.Model], *, object_ids: Iterable[int] | None = None, languages: Iterable[str] | None = None
) -> dict[tuple[int, str, str], str]:
    stamps = _stamps_of(model)
    if object_ids is not None:
        stamps = stamps.filter(object_id__in=list(object_ids))
    if languages is not None:
        stamps = stamps.filter(language__in=list(languages))
    return {
        (object_id, field, language): fingerprint
        for object_id, field, language, fingerprint in stamps.values_list(
            "object_id", "field", "language", "source_fingerprint"
        )
    }


@dataclass(frozen=True)
class TextEntry:
    """The status of one text (``model``'s row ``object_id``, its ``field``) in one language."""

    model: type[models.Model]
    object_id: int
    field: str
    language: str
    status: Status


def text_statuses(
    model: type[models.Model], *, languages: Iterable[str] | None = None, object_ids: Iterable[int] | None = None
) -> Iterator[TextEntry]:
    """The status of every text of ``model`` (or of those rows) in each target language: two queries."""
    languages = list(languages or target_languages())
    fields = translated_fields(model)
    source = source_language()
    stamped = _stamped_fingerprints(model, object_ids=object_ids, languages=languages)
    columns = [f"{field}_{code}" for field in fields for code in (source, *languages)]
    rows = model._base_manager.order_by("pk")
    if object_ids is not None:
        rows = rows.filter(pk__in=list(object_ids))
    for pk, *values in rows.values_list("pk", *columns).iterator(chunk_size=2000):
        texts = dict(zip(columns, values, strict=True))
        for field in fields:
            original = texts[f"{field}_{source}"]
            for code in languages:
                status = text_status(original, texts[f"{field}_{code}"], stamped.get((pk, field, code)))
                if status is not None:
                    yield TextEntry(model, pk, field, code, status)


def outdated_fields(obj: models.Model, *, language: str | None = None) -> frozenset[str]:
    """The fields of ``obj`` whose translation in ``language`` (the active one) is outdated; one query at most.

    For the public pages' note "This text may be older than the French
    version": nothing (and no query) in French, or on a model without translations.
    """
    language = language or get_language()
    model = type(obj)
    if language not in target_languages() or model not in translated_models():
        return frozenset()
    source = source_language()
    outdated = set()
    for field, fingerprint in (
        _stamps_of(model).filter(object_id=obj.pk, language=language).values_list("field", "source_fingerprint")
    ):
        original = getattr(obj, f"{field}_{source}", None)
        if text_status(original, getattr(obj, f"{field}_{language}", None), fingerprint) == Status.OUTDATED:
            outdated.add(field)
    return frozenset(outdated)


@dataclass(frozen=True)
class CoverageRow:
    content_type: str  # app_label.model
    label: str  # the model's plural name, in the active language
    language: str
    total: int
    missing: int
    outdated: int
    up_to_date: int


TRANSLATIONS_VERSION_KEY = "catalog:translations-version"


def translations_version() -> int:
    """The translations' version, in the shared cache: raised by every change to a translated text or a stamp.

    Lost (evicted, restarted), it starts again from the clock, never from an earlier value (as the catalogue's).
    """
    from django.core.cache import cache

    return cache.get_or_set(TRANSLATIONS_VERSION_KEY, time.time_ns, timeout=None)


def translations_version_bump() -> None:
    from django.core.cache import cache

    try:
        cache.incr(TRANSLATIONS_VERSION_KEY)
    except ValueError:  # not set yet, or evicted: a fresh start
        cache.set(TRANSLATIONS_VERSION_KEY, time.time_ns(), timeout=None)


def _status_counts(models_: Iterable[type[models.Model]], languages: list[str]) -> dict:
    """{(model key, language): {status: count}}: two queries per model, the fingerprints compared in Python."""
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for model in models_:
        for code in languages:
            counts[content_type_key(model), code] = dict.fromkeys(Status.values, 0)
        for entry in text_statuses(model, languages=languages):
            counts[content_type_key(model), entry.language][entry.status] += 1
    return counts


def coverage(*, for_models: Iterable[type[models.Model]] | None = None) -> list[CoverageRow]:
    """Per translated model and target language: how many French texts, and how many are missing, outdated, up to date.

    Two queries per model. A text is one field of one row whose French is written. Every model's counts
    (``for_models`` None) are read from the cache while the translations' version is unchanged.
    """
    from django.core.cache import cache

    rows = []
    languages = list(target_languages())
    chosen = list(for_models or translated_models())
    if for_models is None:
        key = f"catalog:translation-coverage:{translations_version()}:{','.join(languages)}"
        counts = cache.get(key)
        if counts is None:
            counts = _status_counts(chosen, languages)
            cache.set(key, counts, timeout=24 * 3600)
    else:
        counts = _status_counts(chosen, languages)
    for model in chosen:
        for code in languages:
            by_status = counts[content_type_key(model), code]
            rows.append(
                CoverageRow(
                    content_type=content_type_key(model),
                    label=str(model._meta.verbose_name_plural),
                    language=code,
                    total=sum(by_status.values()),
                    missing=by_status[Status.MISSING.value],
                    outdated=by_status[Status.OUTDATED.value],
                    up_to_date=by_status[Status.UP_TO_DATE.value],
                )
            )
    return rows


def translation_queue(*, model: type[models.Model] | None = None) -> list[TextEntry]:
    """The texts missing or outdated in some target language, of one model or all: the editors' work to do."""
    return [
        entry
        for each in ([model] if model else translated_models())
        for entry in text_statuses(each)
        if entry.status != Status.UP_TO_DATE
    ]


def source_diff(before: str, after: str) -> list[tuple[str, str]]:
    """How the French text changed, word by word: ``(op, words)`` with op ``equal``, ``delete`` or ``insert``.

    Compared normalised, as the fingerprint is: spacing is no change. The words
    are plain text; the template escapes them and shows ``<del>``/``<ins>``.
    """
    old, new = normalised(before).split(" "), normalised(after).split(" ")
    parts: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            parts.append(("delete", " ".join(old[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(("insert", " ".join(new[j1:j2])))
        if op == "equal":
            parts.append(("equal", " ".join(old[i1:i2])))
    return [part for part in parts if part[1]]


@dataclass(frozen=True)
class QueueItem:
    """One line of the editors' queue: the text, its French and its translation side by side."""

    entry: TextEntry
    object_label: str
    field_label: str
    source: str
    translation: str
    stamped_source: str | None  # the French the translation was made from, when kept
    diff: list[tuple[str, str]]
    change_url: str
    can_check: bool  # the user may mark it "still right"

    @property
    def content_type(self) -> str:
        return content_type_key(self.entry.model)

    @property
    def model_label(self) -> str:
        return str(self.entry.model._meta.verbose_name)


def _change_url(model: type[models.Model], pk: int) -> str:
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])
    except NoReverseMatch:  # a model the back office does not edit
        return ""


def queue_items(entries: Iterable[TextEntry], *, user) -> list[QueueItem]:
    """The queue's lines for these entries (a page of them): one query per model shown, and one per model for stamps."""
    entries = list(entries)
    by_model: dict[type[models.Model], set[int]] = defaultdict(set)
    for entry in entries:
        by_model[entry.model].add(entry.object_id)
    objects, stamps = {}, {}
    for model, pks in by_model.items():
        objects[model] = model._base_manager.in_bulk(pks)
        for stamp in (
            _stamps_of(model)
            .filter(object_id__in=pks)
            .only("object_id", "field", "language", "source_text", "source_fingerprint")
        ):
            stamps[(model, stamp.object_id, stamp.field, stamp.language)] = stamp
    source = source_language()
    items = []
    for entry in entries:
        obj = objects[entry.model].get(entry.object_id)
        if obj is None:  # deleted since the list was read
            continue
        original = getattr(obj, f"{entry.field}_{source}") or ""
        stamp = stamps.get((entry.model, entry.object_id, entry.field, entry.language))
        stamped_source = stamp.source_text if stamp is not None and stamp.source_text else None
        outdated = entry.status == Status.OUTDATED
        opts = entry.model._meta
        items.append(
            QueueItem(
                entry=entry,
                object_label=str(obj),
                field_label=str(opts.get_field(entry.field).verbose_name),
                source=original,
                translation=getattr(obj, f"{entry.field}_{entry.language}") or "",
                stamped_source=stamped_source,
                diff=source_diff(stamped_source, original) if outdated and stamped_source is not None else [],
                change_url=_change_url(entry.model, entry.object_id),
                can_check=outdated and user.has_perm(f"{opts.app_label}.change_{opts.model_name}"),
            )
        )
    return items
