"""Forms of the counsellor's workspace: they parse and validate, services write."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.codes import CODE_DIGITS
from audit.models import AuditAction, AuditObject
from catalog.models import Desk, DocumentType, Language
from core.bidi import BidiFreeForm, BidiFreeModelForm
from people.models import PROFILE_FIELDS, SELF_CORRECTABLE_FIELDS, SIGN_UP_FIELDS, Beneficiary, ConsentPurpose

STATISTICS_HELP = _("Optional. Used only for anonymous statistics, never to choose or rank trainings.")


class BeneficiaryForm(BidiFreeModelForm):
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages spoken"),
        queryset=Language.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    documents = forms.ModelMultipleChoiceField(
        label=_("Documents the person holds"),
        queryset=DocumentType.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Beneficiary
        fields = PROFILE_FIELDS
        help_texts = {
            "birth_year": STATISTICS_HELP,
            "sex": STATISTICS_HELP,
            "nationality": STATISTICS_HELP,
            "residence_status": _("Kept encrypted. Needed to check admission to some trainings."),
            "residence_document_number": _("Kept encrypted. Only the desk's counsellors can read it."),
        }
        widgets = {"birth_year": forms.NumberInput(attrs={"min": 1900, "max": 2100, "inputmode": "numeric"})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["languages"] = list(self.instance.languages.all())
            self.initial["documents"] = [d.document_type for d in self.instance.documents.all()]
        self.fields["phone"].widget.attrs.update({"type": "tel", "autocomplete": "off"})

    def profile(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS}


class BeneficiaryCreateForm(BeneficiaryForm):
    desk = forms.ModelChoiceField(label=_("Desk"), queryset=Desk.objects.none(), empty_label=None)
    consent_processing = forms.BooleanField(
        label=_("The person agrees that the desk keeps this file to advise them."),
        help_text=_("Read the consent text to the person in their language before ticking."),
        error_messages={"required": _("A file can only be created with the person's consent.")},
    )
    consent_contact = forms.BooleanField(
        label=_("The person agrees to be contacted by the desk (optional)."), required=False
    )

    def __init__(self, *args, desks: QuerySet[Desk], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["desk"].queryset = desks
        if len(desks) == 1:
            self.fields["desk"].initial = desks[0]
            self.fields["desk"].widget = forms.HiddenInput()


class NoteForm(BidiFreeForm):
    text = forms.CharField(label=_("New note"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("A note cannot be empty."))
        return text


class ConsentGiveForm(BidiFreeForm):
    """A consent the person gives again at the desk, after the counsellor read them its text."""

    purpose = forms.ChoiceField(
        label=_("purpose"),
        choices=ConsentPurpose.choices,
        error_messages={"invalid_choice": _("This consent does not exist. Choose one from the list.")},
    )


class SearchForm(BidiFreeForm):
    q = forms.CharField(
        label=_("Name, phone or file number"),
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "autofocus": True}),
    )


class SelfCorrectionForm(BidiFreeModelForm):
    """What a person may correct in their own file."""

    languages = forms.ModelMultipleChoiceField(
        label=_("Languages you speak"),
        queryset=Language.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Beneficiary
        fields = SELF_CORRECTABLE_FIELDS
        help_texts = {
            "birth_year": STATISTICS_HELP,
            "sex": STATISTICS_HELP,
            "nationality": STATISTICS_HELP,
        }
        widgets = {"birth_year": forms.NumberInput(attrs={"min": 1900, "max": 2100, "inputmode": "numeric"})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initial["languages"] = list(self.instance.languages.all())

    def profile(self) -> dict:
        return {name: self.cleaned_data[name] for name in SELF_CORRECTABLE_FIELDS}


class SignUpForm(BidiFreeModelForm):
    """A person opens their own file: a way to reach them, a name, their desk, consent; statistics optional."""

    destination = forms.CharField(
        label=_("Your phone number or e-mail address"),
        help_text=_("We send a code there to check it is yours. A phone number without +212 is taken as Moroccan."),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    desk = forms.ModelChoiceField(
        label=_("Your desk"),
        help_text=_("The desk whose counsellors will see your file. Choose the one nearest to you."),
        queryset=Desk.objects.select_related("city").order_by("name"),
    )
    consent_processing = forms.BooleanField(
        label=_(
            "I agree that the desk keeps this file to advise me. Only its counsellors can read it. "
            "I can see it, download it and delete it at any time."
        ),
        error_messages={"required": _("We can only open a file with your consent.")},
    )
    consent_contact = forms.BooleanField(label=_("I agree to be contacted by the desk (optional)."), required=False)

    class Meta:
        model = Beneficiary
        fields = SIGN_UP_FIELDS
        help_texts = {
            "birth_year": STATISTICS_HELP,
            "sex": STATISTICS_HELP,
            "nationality": STATISTICS_HELP,
        }
        widgets = {"birth_year": forms.NumberInput(attrs={"min": 1900, "max": 2100, "inputmode": "numeric"})}

    field_order = ["destination", "first_name", "last_name", "desk", "birth_year", "sex", "nationality"]

    def profile(self) -> dict:
        return {name: self.cleaned_data[name] for name in SIGN_UP_FIELDS}


class AccountLinkForm(BidiFreeForm):
    destination = forms.CharField(
        label=_("The person's phone number or e-mail address"),
        help_text=_("A code is sent there. The person reads it to you, or signs in with it themselves."),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )


class AccountLinkCodeForm(BidiFreeForm):
    code = forms.CharField(
        label=_("The code the person received"),
        max_length=CODE_DIGITS,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric", "autofocus": True}),
    )


# The audit log holds no line before Guichet existed; a day after next year is a typing mistake.
AUDIT_EARLIEST_DAY = datetime.date(2000, 1, 1)


def audit_day_bounds(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The earliest and latest day the audit log's date filters accept on ``today``."""
    return AUDIT_EARLIEST_DAY, datetime.date(today.year + 1, 12, 31)


class AuditFilterForm(BidiFreeForm):
    """Filters of the audit log (GET): every one optional."""

    actor = forms.CharField(label=_("Who (user name)"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.ChoiceField(
        label=_("Kind of record"),
        required=False,
        choices=[("", _("Any")), *AuditObject.choices],
    )
    object_id = forms.CharField(label=_("Record number"), required=False, max_length=40)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Any")), *AuditAction.choices]

    def _clean_day(self, name: str) -> datetime.date | None:
        day = self.cleaned_data[name]
        earliest, latest = audit_day_bounds(timezone.localdate())
        if day is not None and not earliest <= day <= latest:
            raise forms.ValidationError(
                _("Choose a day between %(earliest)s and %(latest)s.")
                % {"earliest": earliest.isoformat(), "latest": latest.isoformat()}
            )
        return day

    def clean_since(self) -> datetime.date | None:
        return self._clean_day("since")

    def clean_until(self) -> datetime.date | None:
        return self._clean_day("until")

    def clean(self) -> dict:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The start date must come before the end date."))
        return data

    def used(self) -> list[str]:
        """Names of the filters given (for the audit line of this read), never their values."""
        return [name for name in self.fields if self.cleaned_data.get(name)]


class AppraisalForm(BidiFreeForm):
    appraisal = forms.CharField(
        label=_("Your appraisal"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you see with the person: strengths, what to check, what to watch."),
    )
    next_steps = forms.CharField(
        label=_("Next steps agreed with the person"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
