from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from catalog import selectors, signals
        from core.caching import content_version_register

        signals.connect()
        # Cached public pages show the catalogue: a change to it serves fresh pages at once.
        content_version_register(selectors.catalogue_version, cache_key=selectors.CATALOGUE_VERSION_KEY)
