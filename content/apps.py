from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    """The network's content tools: readers' feedback on every public page (later: translation status, imports)."""

    name = "content"
    verbose_name = _("Content")
