from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo network, the synthetic catalogue and the demo accounts, with their commands."""

    name = "demo"
    verbose_name = _("Demo")
