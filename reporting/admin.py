"""The back office of reporting: the nationality groups the staff reports count by (names in fr, ar, en)."""

from __future__ import annotations

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from core.bidi import BidiFreeModelForm
from reporting.models import NationalityGroup


@admin.register(NationalityGroup)
class NationalityGroupAdmin(TranslationAdmin):
    form = BidiFreeModelForm
    list_display = ("name", "slug", "position")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "spellings")
