"""The forms of staff sign-in (the password step uses Django's own)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.bidi import BidiFreeForm


class SecondFactorForm(BidiFreeForm):
    token = forms.CharField(
        label=_("The six-digit code shown by your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )
