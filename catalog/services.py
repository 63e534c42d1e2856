"""Writes to the catalogue.

Each service runs in a transaction and leaves the catalogue valid: rows are
checked with ``full_clean()`` before they are saved, except in bulk
generation, where the database constraints are the guard.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import AuditAction, AuditObject
from audit.services import audit_record
from catalog import selectors, translation_status
from catalog.fingerprints import exact_hash, text_fingerprint
from catalog.models import (
    Programme,
    TranslationStamp,
)
from core.actor import Actor


def programme_next_session_refresh(*, programmes: QuerySet[Programme] | None = None) -> int:
    """Store the start of each programme's next session (today or later), in one UPDATE.

    ``programmes`` defaults to those whose stored start is now past. The day is
    always the real one: a stored start must be the first on or after a day
    that is not in the future (see ``catalog.selectors._next_start``).
    Returns how many programmes were written.
    """
    today = timezone.localdate()
    if programmes is None:
        programmes = Programme.objects.filter(next_session_start__lt=today)
    return programmes.update(next_session_start=selectors.next_session_start_subquery(today))


def translation_stamps_sync(instance: models.Model, *, update_fields: Iterable[str] | None = None) -> None:
    """Keep the stamps of ``instance``'s translations right after it was saved (a post_save receiver).

    A translation written or changed (its exact text differs from the one
    stamped) is stamped with the French text as it is now: written together
    with the French, it is up to date. A translation left as it was keeps its
    stamp, so a real change of the French makes it outdated, and a change of
    spacing only does not (the fingerprint is the same). An emptied translation
    loses its stamp (it is missing). Two queries at most (read, then write).
    """
    model = type(instance)
    fields = translation_status.translated_fields(model)
    languages = translation_status.target_languages()
    source = translation_status.source_language()
    if update_fields is not None:
        columns = set(fields) | {f"{field}_{code}" for field in fields for code in (source, *languages)}
        if columns.isdisjoint(update_fields):
            return
    content_type = ContentType.objects.get_for_model(model)
    stamps = {
        (stamp.field, stamp.language): stamp
        for stamp in TranslationStamp.objects.filter(content_type=content_type, object_id=instance.pk)
    }
    now = timezone.now()
    create, update, delete = [], [], []
    for field in fields:
        original = getattr(instance, f"{field}_{source}") or ""
        for code in languages:
            translation = getattr(instance, f"{field}_{code}") or ""
            stamp = stamps.get((field, code))
            if not translation.strip():
                if stamp is not None:
                    delete.append(stamp.pk)
                continue
            written_hash = exact_hash(translation)
            if stamp is not None and stamp.translation_hash == written_hash:
                continue
            if stamp is None:
                stamp = TranslationStamp(content_type=content_type, object_id=instance.pk, field=field, language=code)
                create.append(stamp)
            else:
                update.append(stamp)
            stamp.source_fingerprint = text_fingerprint(original)
            stamp.source_text = original
            stamp.translation_hash = written_hash
            stamp.stamped_at = now
            stamp.checked_by = None
    if delete:
        TranslationStamp.objects.filter(pk__in=delete).delete()
    if create:
        # A concurrent save of the same row may have stamped it meanwhile: the last save's stamp stands.
        TranslationStamp.objects.bulk_create(
            create,
            update_conflicts=True,
            unique_fields=["content_type", "object_id", "field", "language"],
            update_fields=["source_fingerprint", "source_text", "translation_hash", "stamped_at", "checked_by"],
        )
    if update:
        TranslationStamp.objects.bulk_update(
            update, ["source_fingerprint", "source_text", "translation_hash", "stamped_at", "checked_by"]
        )


def translation_stamps_delete(instance: models.Model) -> None:
    """A row is gone: so are the stamps of its translations (a post_delete receiver)."""
    opts = instance._meta
    TranslationStamp.objects.filter(
        content_type__app_label=opts.app_label, content_type__model=opts.model_name, object_id=instance.pk
    ).delete()


class TranslationNotCheckable(ValueError):
    """The text named cannot be marked "still right": said to the editor (a 400)."""


@transaction.atomic
def translation_mark_checked(
    *, actor: Actor, model: type[models.Model], object_id: int, field: str, language: str
) -> TranslationStamp:
    """An editor checked a translation against the French as it is now and found it still right.

    The translation is not changed: its stamp takes the French text's current
    fingerprint (so it is up to date), with who checked it, and the audit log
    says so. The caller checks the editor may change ``model``.
    """
    if model not in translation_status.translated_models():
        raise TranslationNotCheckable(_("These records have no translations."))
    if field not in translation_status.translated_fields(model):
        raise TranslationNotCheckable(_("This field is not translated."))
    if language not in translation_status.target_languages():
        raise TranslationNotCheckable(_("Texts are not translated into this language."))
    obj = model._base_manager.select_for_update().filter(pk=object_id).first()
    if obj is None:
        raise TranslationNotCheckable(_("This record no longer exists."))
    source = translation_status.source_language()
    original = getattr(obj, f"{field}_{source}") or ""
    translation = getattr(obj, f"{field}_{language}") or ""
    if not translation.strip():
        raise TranslationNotCheckable(_("This text has no translation to check yet."))
    stamp, _created = TranslationStamp.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(model),
        object_id=obj.pk,
        field=field,
        language=language,
        defaults={
            "source_fingerprint": text_fingerprint(original),
            "source_text": original,
            "translation_hash": exact_hash(translation),
            "stamped_at": timezone.now(),
            "checked_by": actor.user,
        },
    )
    # Coverage counts are cached per version (catalog/translation_status.py): now, and once committed.
    translation_status.translations_version_bump()
    transaction.on_commit(translation_status.translations_version_bump)
    audit_record(
        actor=actor,
        action=AuditAction.TRANSLATION_CHECK,
        obj=(AuditObject.TRANSLATION, stamp.pk),
        detail=f"{model._meta.label_lower} {obj.pk} {field} {language}",
    )
    # Public pages are kept whole per catalogue version: the note "may be older" goes at once.
    selectors.catalogue_version_bump()
    transaction.on_commit(selectors.catalogue_version_bump)
    return stamp
