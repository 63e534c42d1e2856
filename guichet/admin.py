"""Guichet's admin site: Django's, plus the page of missing translations.

Staff reach it through the workspace's sign-in (password, then the code of
their authenticator app): the admin's own password form is not used, and a
session without its second factor is not let in.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _


class GuichetAdminSite(admin.AdminSite):
    site_header = _("Guichet back office")
    site_title = _("Guichet back office")
    index_title = _("Network administration")
    index_template = "admin/guichet_index.html"

    def has_permission(self, request: HttpRequest) -> bool:
        is_verified = getattr(request.user, "is_verified", None)
        return super().has_permission(request) and is_verified is not None and is_verified()

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        next_url = request.GET.get("next") or reverse("admin:index")
        if not request.user.is_authenticated:
            return redirect_to_login(next_url, reverse("accounts:sign_in"))
        if not request.user.is_verified():
            return redirect_to_login(next_url, reverse("accounts:second_factor"))
        if self.has_permission(request):
            return redirect(reverse("admin:index"))
        # Signed in with both factors but not a back-office user.
        raise PermissionDenied

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
