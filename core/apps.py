from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground every app stands on: caching, database helpers, nightly scheduling, the request's actor."""

    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from core.http import trusted_proxies

        # A mistyped proxy address fails the start, not every request after it.
        trusted_proxies(tuple(settings.GUICHET_TRUSTED_PROXIES))
