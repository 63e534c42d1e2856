"""Guichet's admin site: Django's, plus the page of missing translations."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _


class GuichetAdminSite(admin.AdminSite):
    site_header = _("Guichet back office")
    site_title = _("Guichet back office")
    index_title = _("Network administration")
    index_template = "admin/guichet_index.html"

    def get_urls(self):
        return [
            path("translations/", self.admin_view(self.translations_view), name="translations"),
            *super().get_urls(),
        ]

    def translations_view(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        from catalog import selectors

        names = dict(settings.LANGUAGES)
        context = {
            **self.each_context(request),
            "title": _("Missing translations"),
            "rows": selectors.translation_gaps(),
            "languages": [(code, names[code]) for code in selectors.target_languages()],
        }
        return TemplateResponse(request, "admin/translations.html", context)
