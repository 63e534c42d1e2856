"""Keep cached catalogue reads and pages honest: any change to the catalogue starts a new version."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from catalog import selectors
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


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_catalogue_changed, sender=model, dispatch_uid=f"catalogue-version-save-{model.__name__}")
        post_delete.connect(_catalogue_changed, sender=model, dispatch_uid=f"catalogue-version-delete-{model.__name__}")
    for through in (
        Programme.teaching_languages.through,
        Programme.required_languages.through,
        Programme.required_documents.through,
    ):
        m2m_changed.connect(_catalogue_changed, sender=through, dispatch_uid=f"catalogue-version-{through.__name__}")
