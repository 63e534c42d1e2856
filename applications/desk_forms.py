"""The counsellor's forms on applications: apply for a person, move an application for them, filter the list.

Choices are built by the views from what the counsellor may pick: a value
not offered (another desk's session, a closed one, markup, a NUL byte) is
refused by the form with a message, and nothing is written.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.models import State
from core.bidi import BidiFreeForm

# Prefixes of the apply form's values: a programme (its next open session is taken) or one session.
PROGRAMME, SESSION = "programme", "session"
# What a counsellor does to an application from the file: withdraw it, or answer an offer for the person.
COUNSELLOR_MOVES = (State.WITHDRAWN, State.ACCEPTED, State.DECLINED)


class ApplyForm(BidiFreeForm):
    choice = forms.ChoiceField(
        label=_("Training"),
        help_text=_(
            "The provider sees the person's name, year of birth, school level, languages, documents seen and the "
            "admission check; never nationality, residence papers, contact details or notes."
        ),
    )

    def __init__(self, *args, choices: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = choices
        self.fields["choice"].error_messages["invalid_choice"] = _(
            "This training or session cannot be chosen now: choose one from the list."
        )

    def picked(self) -> tuple[str, int]:
        """(PROGRAMME or SESSION, its id) of a valid form."""
        kind, _sep, pk = self.cleaned_data["choice"].partition("-")
        return kind, int(pk)


class MoveForm(BidiFreeForm):
    to = forms.ChoiceField(choices=[(state.value, state.label) for state in COUNSELLOR_MOVES])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].error_messages["invalid_choice"] = _("A counsellor cannot make this change.")


class ListFilterForm(BidiFreeForm):
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("Every state")), *State.choices])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].error_messages["invalid_choice"] = _("There is no such state; choose one from the list.")
