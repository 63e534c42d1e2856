"""Keep cached catalogue reads honest: any change to the catalogue starts a new version."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from catalog import selectors
from catalog.models import City, Desk, Language, Programme, Region, Trade

WATCHED = (City, Desk, Language, Programme, Region, Trade)


def _catalogue_changed(sender, **kwargs) -> None:
    selectors.catalogue_version_bump()


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_catalogue_changed, sender=model, dispatch_uid=f"catalogue-version-save-{model.__name__}")
        post_delete.connect(_catalogue_changed, sender=model, dispatch_uid=f"catalogue-version-delete-{model.__name__}")
    m2m_changed.connect(
        _catalogue_changed, sender=Programme.teaching_languages.through, dispatch_uid="catalogue-version-languages"
    )
