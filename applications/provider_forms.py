"""Forms of provider staff's workspace: they parse what a page sends; ``applications.services`` decides and writes.

The moves and their reasons are not restated here: each move form is built
from ``machine.targets`` and ``machine.reasons_for``, and the service checks
the reason again.
"""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from applications import machine
from applications.models import Role, State
from applications.services import MAX_CAPACITY, NOTE_MAX
from catalog.models import Programme, Session
from core.bidi import BidiFreeForm

# Ids in a query string: what a PostgreSQL integer column holds, so a huge number is a form error, not a 500.
ID_MAX = 2**31 - 1

# The button of each move provider staff can make, and what the page says once it is made.
MOVE_BUTTONS = {
    State.UNDER_REVIEW: _("Start the review"),
    State.ACCEPTED: _("Accept"),
    State.WAIT_LISTED: _("Put on the waiting list"),
    State.REFUSED: _("Refuse"),
    State.OFFERED: _("Offer a seat"),
    State.ENROLLED: _("Record the enrolment"),
    State.COMPLETED: _("Record the completion"),
    State.DROPPED_OUT: _("Record the drop-out"),
}
MOVE_DONE = {
    State.UNDER_REVIEW: _("Under review."),
    State.ACCEPTED: _("Accepted."),
    State.WAIT_LISTED: _("Put on the waiting list."),
    State.REFUSED: _("Refused."),
    State.OFFERED: _("A seat is offered: the person is told, with the deadline to answer."),
    State.ENROLLED: _("Enrolment recorded."),
    State.COMPLETED: _("Completion recorded."),
    State.DROPPED_OUT: _("Drop-out recorded."),
}
REASON_LABELS = {
    State.REFUSED: _("Reason for refusing"),
    State.COMPLETED: _("Certificate"),
    State.DROPPED_OUT: _("Reason for dropping out"),
}


class ApplicationFilterForm(forms.Form):
    """``?state=&session=&programme=`` of the list: parsed here; the view checks the session and programme are
    the provider's own (another provider's is 404, like a missing one)."""

    state = forms.ChoiceField(label=_("State"), required=False)
    session = forms.IntegerField(label=_("Session"), required=False, min_value=1, max_value=ID_MAX, widget=forms.Select)
    programme = forms.SlugField(label=_("Training"), required=False, max_length=120, widget=forms.Select)

    def __init__(self, *args, sessions: list[Session], programmes: list[Programme], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["state"].choices = every + list(State.choices)
        self.fields["session"].widget.choices = every + [(s.pk, session_label(s)) for s in sessions]
        self.fields["programme"].widget.choices = every + [(p.slug, p.title) for p in programmes]

    def query(self) -> str:
        """The filters as a query string, for the pages' links."""
        return urlencode({name: value for name, value in self.cleaned_data.items() if value})


def session_label(session: Session) -> str:
    return f"{session.programme.title} · {date_format(session.start_date, 'SHORT_DATE_FORMAT')}"


class MoveForm(BidiFreeForm):
    """One move of one application: where to (``to``), from the state the page showed (``from``), why, a note.

    Built for a target, it shows the reasons of that move (required ones
    marked); bound to a POST, it parses whatever move was sent.
    """

    to = forms.ChoiceField(choices=State.choices, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=20, widget=forms.Select)
    note = forms.CharField(
        label=_("Note for the person's desk"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto", "maxlength": NOTE_MAX}),
        help_text=_("Read by the person's counsellor, never by the person nor other providers."),
    )

    def __init__(self, *args, target: str, shown_state: str = "", **kwargs) -> None:
        # One form per move on a page: the ids differ, the names stay the same for the view.
        kwargs.setdefault("auto_id", f"id_{target}_%s")
        kwargs.setdefault("initial", {"to": target, "from": shown_state})
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword: the field is added by name.
        self.fields["from"] = forms.ChoiceField(choices=State.choices, widget=forms.HiddenInput)
        self.target = target
        self.button = MOVE_BUTTONS.get(target, target)
        move = machine.move_find(source=shown_state, target=target, role=Role.PROVIDER) if shown_state else None
        reasons = machine.reasons_for(target=target, role=Role.PROVIDER)
        if reasons:
            field = self.fields["reason"]
            field.label = REASON_LABELS.get(target, _("Reason"))
            field.required = bool(move and move.reason_required)
            field.widget.choices = [("", _("Choose…"))] + [(reason.value, reason.label) for reason in reasons]
        else:
            del self.fields["reason"]


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        max_value=MAX_CAPACITY,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
