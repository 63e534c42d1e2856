"""Back office of search: the synonyms administrators keep, as data."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.bidi import BidiFreeModelForm
from search.models import Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    form = BidiFreeModelForm
    list_display = ("term", "expansions_line")
    search_fields = ("term", "term_normalized", "expansions")
    ordering = ("term_normalized",)

    @admin.display(description=_("also find"))
    def expansions_line(self, obj: Synonym) -> str:
        return ", ".join(line.strip() for line in obj.expansions.replace("\n", ",").split(",") if line.strip())
