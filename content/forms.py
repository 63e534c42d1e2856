"""The feedback form as posted from the end of a public page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from content.models import COMMENT_MAX_LENGTH, VERSION_MAX_LENGTH
from content.pages import feedback_page

RATINGS = (("yes", _("Yes")), ("no", _("No")))


class FeedbackForm(forms.Form):
    page = forms.CharField(max_length=1000)
    version = forms.RegexField(regex=rf"^[0-9.]{{0,{VERSION_MAX_LENGTH}}}$", required=False, max_length=1000)
    rating = forms.ChoiceField(
        choices=RATINGS,
        error_messages={
            "required": _("Choose Yes or No."),
            "invalid_choice": _("Choose Yes or No."),
        },
    )
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        error_messages={
            "max_length": _("The comment is too long: %(limit_value)d characters at most (it has %(show_value)d).")
        },
    )

    def clean_page(self) -> tuple[str, str]:
        found = feedback_page(self.cleaned_data["page"])
        if found is None:
            raise forms.ValidationError(_("This form can only give an opinion on a page of this site."))
        return found

    def clean_version(self) -> str:
        return self.cleaned_data.get("version") or ""
