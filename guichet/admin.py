"""Guichet's admin site: Django's, plus the pages of missing translations and of the translation queue.

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
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

# Lines of the translation queue on a page: each shows two texts side by side.
QUEUE_PAGE_SIZE = 20


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
            path("translations/queue/", self.admin_view(self.translation_queue_view), name="translation_queue"),
            path("translations/check/", self.admin_view(self.translation_check_view), name="translation_check"),
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

    def translation_queue_view(self, request: HttpRequest) -> HttpResponse:
        """Per language, the texts whose translation is missing or outdated, French and translation side by side."""
        from django.conf import settings
        from django.core.paginator import Paginator
        from django.utils.translation import get_language_info

        from catalog import translation_status
        from catalog.forms import TranslationQueueFilterForm

        form = TranslationQueueFilterForm(data=request.GET)
        context = {**self.each_context(request), "title": _("Translations to write or check"), "form": form}
        if not form.is_valid():
            return TemplateResponse(request, "admin/translation_queue.html", {**context, "tabs": []}, status=400)
        language, status = form.cleaned_data["language"], form.cleaned_data["status"]
        entries = [
            entry
            for entry in translation_status.translation_queue(model=form.model)
            if not status or entry.status == status
        ]
        names = dict(settings.LANGUAGES)
        query = {key: value for key, value in request.GET.items() if key in ("content_type", "status") and value}
        tabs = [
            {
                "code": code,
                "name": names[code],
                "count": sum(1 for entry in entries if entry.language == code),
                "query": urlencode({**query, "language": code}),
                "current": code == language,
            }
            for code in translation_status.target_languages()
        ]
        page = Paginator([entry for entry in entries if entry.language == language], QUEUE_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context |= {
            "language": language,
            "language_name": names[language],
            "language_bidi": get_language_info(language)["bidi"],
            "source_language": translation_status.source_language(),
            "tabs": tabs,
            "page": page,
            "items": translation_status.queue_items(page.object_list, user=request.user),
            "query": urlencode({**query, "language": language}),
        }
        return TemplateResponse(request, "admin/translation_queue.html", context)

    def translation_check_view(self, request: HttpRequest) -> HttpResponse:
        """POST: an editor marks a translation "still right" (it is not changed; the check is audited)."""
        from django.contrib import messages
        from django.http import HttpResponseNotAllowed

        from catalog.forms import TranslationCheckForm
        from catalog.services import TranslationNotCheckable, translation_mark_checked

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        form = TranslationCheckForm(data=request.POST)
        if not form.is_valid():
            return self._translation_refused(request, _("This translation could not be found. Reload the queue."))
        model = form.model
        opts = model._meta
        if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            raise PermissionDenied
        data = form.cleaned_data
        try:
            translation_mark_checked(
                actor=request.actor,
                model=model,
                object_id=data["object_id"],
                field=data["field"],
                language=data["language"],
            )
        except TranslationNotCheckable as exc:
            return self._translation_refused(request, str(exc.args[0]))
        messages.success(request, _("The translation is marked as still right."))
        back = {key: request.POST.get(f"back_{key}", "") for key in ("language", "content_type", "status", "page")}
        return redirect(f"{reverse('admin:translation_queue')}?{urlencode({k: v for k, v in back.items() if v})}")

    def _translation_refused(self, request: HttpRequest, message: str) -> HttpResponse:
        context = {**self.each_context(request), "title": _("Translations to write or check"), "message": message}
        return TemplateResponse(request, "admin/translation_refused.html", context, status=400)
