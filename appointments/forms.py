"""Forms of the public booking pages: they parse and validate, services write.

A time travels as the ISO 8601 text of its start (with its offset), in the
value of the button the person pressed; anything else (a date in year 9999,
a naive time, NUL bytes) is refused here with a message, before any service.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.codes import CODE_DIGITS
from core.bidi import BidiFreeForm
from people.forms import SignUpForm

# A time further than this from now is no time anyone could book (the longest window is 52 weeks).
FARTHEST = datetime.timedelta(weeks=53)


class TimeForm(forms.Form):
    """The free time a person pressed (hold it, or move an appointment to it)."""

    start = forms.CharField(max_length=40)

    def clean_start(self) -> datetime.datetime:
        try:
            start = datetime.datetime.fromisoformat(self.cleaned_data["start"].strip())
        except ValueError as exc:
            raise forms.ValidationError(_("This time does not exist. Choose one from the list.")) from exc
        now = timezone.now()
        if start.tzinfo is None or not now - FARTHEST <= start <= now + FARTHEST:
            raise forms.ValidationError(_("This time does not exist. Choose one from the list."))
        return start.astimezone(datetime.UTC)


# The consent a person gives when booking opens a light file: the very text (and version) of sign-up.
_sign_up = SignUpForm.base_fields


class ContactForm(BidiFreeForm):
    """Where to send the code; and, for a person with no file yet, a first name and their consent."""

    destination = forms.CharField(
        label=_sign_up["destination"].label,
        help_text=_sign_up["destination"].help_text,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    first_name = forms.CharField(
        label=_("Your first name"),
        help_text=_("Only if you have no file at a desk yet."),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    consent_processing = forms.BooleanField(
        label=_sign_up["consent_processing"].label,
        help_text=_("Needed only if you have no file at a desk yet: a file is then opened at this desk."),
        required=False,
    )
    consent_contact = forms.BooleanField(label=_sign_up["consent_contact"].label, required=False)


class NewPersonForm(BidiFreeForm):
    """A person whose proven phone or e-mail opens no file yet: what a light file needs."""

    first_name = forms.CharField(
        label=_("Your first name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    consent_processing = forms.BooleanField(
        label=_sign_up["consent_processing"].label,
        error_messages={"required": _sign_up["consent_processing"].error_messages["required"]},
    )
    consent_contact = forms.BooleanField(label=_sign_up["consent_contact"].label, required=False)

    def clean_first_name(self) -> str:
        first_name = self.cleaned_data["first_name"].strip()
        if not first_name:
            raise forms.ValidationError(_("Give your first name."))
        return first_name


class CodeForm(BidiFreeForm):
    code = forms.CharField(
        label=_("The code you received"),
        max_length=CODE_DIGITS,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
