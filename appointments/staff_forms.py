"""Forms of the counsellor's side of the day: they parse and validate; appointments.staff writes."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from appointments.models import AbsenceKind, AppointmentStatus
from appointments.services import CLOSING_STATUSES
from catalog.models import Weekday
from core.bidi import BidiFreeForm

ISO_DATE = ["%Y-%m-%d"]
# Dates a counsellor types: a year the calendar knows, nothing Python cannot add a day to.
EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(9999, 12, 31)


def parse_start(value: str) -> datetime.datetime:
    """An ISO 8601 date and time with its offset ("2027-01-04T09:00:00+01:00"), or ValidationError."""
    try:
        moment = datetime.datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise forms.ValidationError(_("Choose one of the free times.")) from exc
    if moment.tzinfo is None:
        raise forms.ValidationError(_("Choose one of the free times."))
    return moment


class DateField(forms.DateField):
    """A YYYY-MM-DD date within years a calendar can hold."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("input_formats", ISO_DATE)
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)

    def clean(self, value):
        day = super().clean(value)
        if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
            raise forms.ValidationError(_("Give a date between 2000-01-01 and 9999-12-31."))
        return day


class DayForm(forms.Form):
    """Which day, at which of the counsellor's desks (GET parameters of the day's page)."""

    date = DateField(label=_("Day"), required=False)
    desk = forms.ChoiceField(label=_("Desk"), required=False)

    def __init__(self, *args, desks, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["desk"].choices = [(desk.slug, desk.name) for desk in desks]


class ReasonChoiceForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason for the meeting"))

    def __init__(self, *args, reasons, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [(reason.slug, reason.name) for reason in reasons]


class TimeChoiceForm(forms.Form):
    """A free time (its ISO start) and, optionally, the counsellor."""

    start = forms.CharField(label=_("Time"), max_length=40)
    counsellor = forms.TypedChoiceField(label=_("Counsellor"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, counsellors=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].choices = [("", _("The first one free"))] + [
            (user.pk, user.get_full_name() or user.get_username()) for user in counsellors
        ]

    def clean_start(self) -> datetime.datetime:
        return parse_start(self.cleaned_data["start"])


class BookForm(ReasonChoiceForm, TimeChoiceForm):
    """Booking from a file: the reason, then a free time."""


class WalkInForm(BidiFreeForm):
    desk = forms.ChoiceField(label=_("Desk"))
    reason = forms.ChoiceField(label=_("Reason for the meeting"))
    file_number = forms.CharField(
        label=_("File number (if the person has a file)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, desks, reasons, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["desk"].choices = [(desk.slug, desk.name) for desk in desks]
        self.fields["reason"].choices = [(reason.slug, reason.name) for reason in reasons]


class CancelForm(forms.Form):
    by = forms.ChoiceField(
        label=_("Cancelled"),
        choices=[("person", _("At the person's request")), ("desk", _("By the desk"))],
        widget=forms.RadioSelect,
    )


class OutcomeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("What happened"),
        choices=[(status.value, status.label) for status in CLOSING_STATUSES],
    )

    def clean_status(self) -> AppointmentStatus:
        return AppointmentStatus(self.cleaned_data["status"])


class AvailabilityForm(forms.Form):
    desk = forms.ChoiceField(label=_("Desk"))
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=Weekday.choices, coerce=int)
    starts = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    ends = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    valid_from = DateField(label=_("From the date"))
    valid_until = DateField(label=_("Until the date (empty: until further notice)"), required=False)

    def __init__(self, *args, desks, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["desk"].choices = [(desk.slug, desk.name) for desk in desks]


class AbsenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AbsenceKind.choices)
    first = DateField(label=_("First day"))
    last = DateField(label=_("Last day"))
