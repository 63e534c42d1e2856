"""Keep cached catalogue reads and pages honest: any change to the catalogue starts a new version,
and a programme's stored next session start follows every write to its sessions."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from catalog import selectors, translation_status
from catalog.models import (
    City,
    Desk,
    DocumentType,
    Language,
    OpeningHours,
    Programme,
    Provider,
    Region,
    Session,
    Skill,
    Trade,
    TradeSkill,
)
from catalog.services import programme_next_session_refresh, translation_stamps_delete, translation_stamps_sync

# Everything a public page shows: a change to any of them starts a new version.
WATCHED = (
    City,
    Desk,
    DocumentType,
    Language,
    OpeningHours,
    Programme,
    Provider,
    Region,
    Session,
    Skill,
    Trade,
    TradeSkill,
)


def _catalogue_changed(sender, **kwargs) -> None:
    selectors.catalogue_version_bump()
    # Again once the change is committed: a page rendered meanwhile, from the data before it, was kept
    # under the first new version; the second one leaves it unread (core/caching.py).
    transaction.on_commit(selectors.catalogue_version_bump)


def _session_changed(sender, instance: Session, update_fields=None, **kwargs) -> None:
    if update_fields is not None and "start_date" not in update_fields:
        return  # seats or deadline changed: the next start did not
    programme_next_session_refresh(programmes=Programme.objects.filter(pk=instance.programme_id))


def _translations_changed() -> None:
    """Translation coverage is kept in the cache per version (catalog/translation_status.py): a new one now,
    and again once committed (a count made meanwhile, from the texts before, is left unread)."""
    translation_status.translations_version_bump()
    transaction.on_commit(translation_status.translations_version_bump)


def _translated_saved(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    _translations_changed()
    if raw:  # loaddata: the fixture carries its own stamps, if any
        return
    translation_stamps_sync(instance, update_fields=update_fields)


def _translated_deleted(sender, instance, **kwargs) -> None:
    _translations_changed()
    translation_stamps_delete(instance)


def connect() -> None:
    # Every model with translations, of every app: modeltranslation's registry is
    # complete here (it is installed first and discovers every translation.py when ready).
    for model in translation_status.translated_models():
        label = model._meta.label_lower
        post_save.connect(_translated_saved, sender=model, dispatch_uid=f"translation-stamps-save-{label}")
        post_delete.connect(_translated_deleted, sender=model, dispatch_uid=f"translation-stamps-delete-{label}")
    post_save.connect(_session_changed, sender=Session, dispatch_uid="programme-next-session-save")
    post_delete.connect(_session_changed, sender=Session, dispatch_uid="programme-next-session-delete")
    for model in WATCHED:
        post_save.connect(_catalogue_changed, sender=model, dispatch_uid=f"catalogue-version-save-{model.__name__}")
        post_delete.connect(_catalogue_changed, sender=model, dispatch_uid=f"catalogue-version-delete-{model.__name__}")
    for through in (
        Programme.teaching_languages.through,
        Programme.required_languages.through,
        Programme.required_documents.through,
    ):
        m2m_changed.connect(_catalogue_changed, sender=through, dispatch_uid=f"catalogue-version-{through.__name__}")
