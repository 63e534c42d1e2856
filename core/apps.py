from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground every app stands on: caching, database helpers, nightly scheduling, the request's actor."""

    name = "core"
    verbose_name = _("Core")
