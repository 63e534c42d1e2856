"""The network administrator's back office for the catalogue.

Translated fields show one input per language; every list can be filtered to
the rows whose translation is missing, and shows a translation status column.
"""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from catalog import selectors
from catalog.models import (
    City,
    Desk,
    DocumentType,
    Language,
    OpeningHours,
    Programme,
    Provider,
    Region,
    Session,
    Skill,
    Trade,
    TradeSkill,
)
from core.bidi import BidiFreeModelForm


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("missing translation")
    parameter_name = "missing_translation"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        from django.conf import settings

        names = dict(settings.LANGUAGES)
        return [(code, names[code]) for code in selectors.target_languages()]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in selectors.target_languages():
            return queryset.filter(selectors.missing_translation_q(queryset.model, self.value()))
        return queryset


class CatalogueAdmin(TranslationAdmin):
    """Shared behaviour: translation status column and filter."""

    # No bidirectional control in names, addresses or texts typed here (core/bidi.py).
    form = BidiFreeModelForm
    # Links typed without a scheme are web addresses of today: https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description=_("translations"))
    def translations(self, obj) -> str:
        status = selectors.translation_status(obj)
        return format_html_join(
            " ",
            '<span title="{}">{} {}</span>',
            ((code, code.upper(), "✓" if done else "✗") for code, done in status.items()),
        )

    def get_list_filter(self, request: HttpRequest):
        return (*super().get_list_filter(request), MissingTranslationFilter)


@admin.register(Region)
class RegionAdmin(CatalogueAdmin):
    list_display = ("name", "capital", "slug", "position", "translations")
    search_fields = ("name_fr", "name_ar", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_fr",)}


@admin.register(City)
class CityAdmin(CatalogueAdmin):
    list_display = ("name", "region", "slug", "translations")
    list_filter = ("region",)
    search_fields = ("name_fr", "name_ar", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_fr",)}


@admin.register(Language)
class LanguageAdmin(CatalogueAdmin):
    list_display = ("name", "code", "position", "translations")
    search_fields = ("name_fr", "name_ar", "name_en", "code")


@admin.register(DocumentType)
class DocumentTypeAdmin(CatalogueAdmin):
    list_display = ("name", "slug", "position", "translations")
    search_fields = ("name_fr", "name_ar", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_fr",)}


@admin.register(Skill)
class SkillAdmin(CatalogueAdmin):
    list_display = ("name", "slug", "translations")
    search_fields = ("name_fr", "name_ar", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_fr",)}


class TradeSkillInline(admin.TabularInline):
    form = BidiFreeModelForm
    model = TradeSkill
    extra = 1
    autocomplete_fields = ("skill",)


@admin.register(Trade)
class TradeAdmin(CatalogueAdmin):
    list_display = ("name", "sector", "isco_code", "riasec_code", "programme_count", "translations")
    list_filter = ("sector",)
    search_fields = ("name_fr", "name_ar", "name_en", "slug", "isco_code", "esco_code")
    prepopulated_fields = {"slug": ("name_fr",)}
    inlines = (TradeSkillInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(programme_total=Count("programmes"))

    @admin.display(description=_("programmes"), ordering="programme_total")
    def programme_count(self, obj: Trade) -> int:
        return obj.programme_total


@admin.register(Provider)
class ProviderAdmin(CatalogueAdmin):
    list_display = ("name", "kind", "city", "phone", "translations")
    list_filter = ("kind", "city__region")
    search_fields = ("name_fr", "name_ar", "name_en", "slug")
    autocomplete_fields = ("city",)
    prepopulated_fields = {"slug": ("name_fr",)}
    list_select_related = ("city",)


class OpeningHoursInline(admin.TabularInline):
    form = BidiFreeModelForm
    model = OpeningHours
    extra = 1


@admin.register(Desk)
class DeskAdmin(CatalogueAdmin):
    list_display = ("name", "city", "host", "phone", "translations")
    list_filter = ("city__region",)
    search_fields = ("name_fr", "name_ar", "name_en", "slug")
    autocomplete_fields = ("city", "host")
    prepopulated_fields = {"slug": ("name_fr",)}
    inlines = (OpeningHoursInline,)
    list_select_related = ("city", "host")


class SessionInline(admin.TabularInline):
    form = BidiFreeModelForm
    model = Session
    extra = 1
    fields = ("start_date", "end_date", "application_deadline", "capacity", "seats_taken")


class UpcomingFilter(admin.SimpleListFilter):
    title = _("sessions")
    parameter_name = "sessions"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [("upcoming", _("with an upcoming session")), ("none", _("without an upcoming session"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        from django.utils import timezone

        upcoming = Q(sessions__start_date__gte=timezone.localdate())
        if self.value() == "upcoming":
            return queryset.filter(upcoming).distinct()
        if self.value() == "none":
            return queryset.exclude(upcoming)
        return queryset


@admin.register(Programme)
class ProgrammeAdmin(CatalogueAdmin):
    list_display = (
        "title",
        "provider",
        "trade",
        "city",
        "level",
        "schedule",
        "cost_mad",
        "is_published",
        "translations",
    )
    list_filter = ("is_published", "trade", "level", "schedule", "city__region", UpcomingFilter)
    search_fields = ("title_fr", "title_ar", "title_en", "slug", "provider__name_fr")
    autocomplete_fields = ("provider", "trade", "city")
    filter_horizontal = ("teaching_languages", "required_languages", "required_documents")
    prepopulated_fields = {"slug": ("title_fr",)}
    list_select_related = ("provider", "trade", "city")
    inlines = (SessionInline,)
    fieldsets = (
        (None, {"fields": ("slug", "title", "summary", "description", "is_published")}),
        (_("Who and where"), {"fields": ("provider", "trade", "city")}),
        (
            _("Training"),
            {
                "fields": (
                    "level",
                    "certificate",
                    "duration_weeks",
                    "hours_per_week",
                    "schedule",
                    "schedule_note",
                    "teaching_languages",
                    "cost_mad",
                )
            },
        ),
        (
            _("Admission criteria"),
            {
                "fields": (
                    "admission",
                    "min_age",
                    "max_age",
                    "min_schooling",
                    "residence",
                    "required_languages",
                    "required_documents",
                    "admission_notes",
                )
            },
        ),
    )


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    form = BidiFreeModelForm
    list_display = ("programme", "start_date", "end_date", "application_deadline", "capacity", "seats_taken")
    list_filter = ("programme__trade", "programme__city__region")
    date_hierarchy = "start_date"
    search_fields = ("programme__title_fr", "programme__slug")
    autocomplete_fields = ("programme",)
    list_select_related = ("programme",)
