from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class GuichetConfig(AppConfig):
    """The project package is an app too: it owns the shared templates and the admin site."""

    default = True
    name = "guichet"
    verbose_name = "Guichet"


class GuichetAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "guichet.admin.GuichetAdminSite"
