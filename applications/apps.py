from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    """From orientation to a seat in a training: applications, their states, and the seats they hold."""

    name = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from applications import wiring

        wiring.connect()
