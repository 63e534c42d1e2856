"""The search box: what a person types, validated once for the page and the API."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.bidi import BidiFreeForm
from search.selectors import MAX_QUERY_LENGTH


class SearchForm(BidiFreeForm):
    q = forms.CharField(
        label=_("What are you looking for?"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "enterkeyhint": "search"}),
        error_messages={
            "max_length": _("Please shorten your search to %(limit_value)d characters (it has %(show_value)d)."),
        },
    )
