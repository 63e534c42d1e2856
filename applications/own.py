"""What a person reads of their own applications, in plain words, and what applying shares with a provider.

A person who reads little should understand where each application stands
and what to do next: each state has its own short sentence here (the state
names of the workspace are the staff's words). The person reads the reasons
of the fixed lists, never the free-text notes of the provider or the desk.

What applying shares is read from the one declaration,
``people.selectors.PROVIDER_VISIBLE_FIELDS``: the confirm page names each of
those fields, with the person's own value, and the admission criteria's
outcomes (met, not met, to check), never the answers behind them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications import machine, selectors
from applications.models import FINAL_STATES, Application, Reason, Role, State
from catalog.models import Programme, Session
from people.models import Beneficiary
from people.selectors import PROVIDER_VISIBLE_FIELDS, beneficiary_profile, provider_value

# Each state in a person's words: what happened, and what comes next when they have something to do.
STATE_WORDS = {
    State.SUBMITTED: gettext_lazy("Sent. The training centre has not answered yet."),
    State.UNDER_REVIEW: gettext_lazy("The training centre is looking at your application."),
    State.ACCEPTED: gettext_lazy("Accepted. You have a seat."),
    State.WAIT_LISTED: gettext_lazy("On the waiting list."),
    State.OFFERED: gettext_lazy("A seat is free for you. Answer quickly."),
    State.REFUSED: gettext_lazy("Not accepted."),
    State.DECLINED: gettext_lazy("You said no to the seat."),
    State.EXPIRED: gettext_lazy("Closed: no answer in time."),
    State.ENROLLED: gettext_lazy("You are registered in the training."),
    State.COMPLETED: gettext_lazy("Training finished."),
    State.DROPPED_OUT: gettext_lazy("You stopped the training."),
    State.WITHDRAWN: gettext_lazy("Withdrawn."),
}

# The reasons whose list label speaks of "the person": said to them as "you". The others read well as they are.
REASON_WORDS = {
    Reason.BY_PERSON: gettext_lazy("You withdrew it."),
    Reason.BY_COUNSELLOR: gettext_lazy("Your counsellor withdrew it at your request."),
    Reason.ACCEPTED_ELSEWHERE: gettext_lazy("You were accepted in another training at the same time."),
    Reason.CONSENT_WITHDRAWN: gettext_lazy("You withdrew your consent to the processing of your data."),
    Reason.NO_DECISION: gettext_lazy("The training centre did not decide in time."),
    Reason.OFFER_UNANSWERED: gettext_lazy("The seat was not answered in time."),
    Reason.NOT_SUITED: gettext_lazy("The training did not suit you."),
}

# Each field of PROVIDER_VISIBLE_FIELDS as the confirm page names it to the person.
SHARED_LABELS = {
    "first_name": gettext_lazy("Your first name"),
    "last_name": gettext_lazy("Your last name"),
    "birth_year": gettext_lazy("Your year of birth"),
    "schooling": gettext_lazy("Your schooling level"),
    "languages": gettext_lazy("The languages you speak"),
    "documents": gettext_lazy("The documents the desk has seen (their names, not their numbers)"),
}

CRITERION_OUTCOMES = {
    "met": gettext_lazy("met"),
    "not_met": gettext_lazy("not met"),
    "unknown": gettext_lazy("to check"),
}

# "Answer before Thursday 3 December, 14:00": the day's name helps more than a date in figures.
DEADLINE_FORMAT = "l j F, H:i"


@dataclass(frozen=True)
class OwnApplication:
    """One of the person's applications as their space shows it."""

    application: Application
    words: str
    position: int | None
    answer_before: datetime.datetime | None
    reason: str
    can_answer: bool
    can_withdraw: bool

    @property
    def is_offer(self) -> bool:
        return self.can_answer


def reason_words(application: Application) -> str:
    """Why it ended, from the fixed list (never a note): only once an application is over."""
    if not application.reason or application.state not in FINAL_STATES:
        return ""
    return str(REASON_WORDS.get(application.reason, application.get_reason_display()))


def own_application(application: Application, *, position: int | None = None) -> OwnApplication:
    """``position``: the place in the waiting list when the caller has it already (a whole list at once)."""
    state = application.state
    if position is None:
        position = selectors.wait_list_position(application=application)
    return OwnApplication(
        application=application,
        words=str(STATE_WORDS[state]),
        position=position,
        answer_before=timezone.localtime(application.offer_expires_at) if state == State.OFFERED else None,
        reason=reason_words(application),
        can_answer=machine.move_find(source=state, target=State.ACCEPTED, role=Role.PERSON) is not None,
        can_withdraw=machine.move_find(source=state, target=State.WITHDRAWN, role=Role.PERSON) is not None,
    )


def own_applications(*, beneficiary: Beneficiary) -> tuple[list[OwnApplication], list[OwnApplication]]:
    """The person's applications: the live ones (offers first, then the newest), and the ended ones."""
    applications = list(selectors.applications_of_file(beneficiary=beneficiary))
    positions = selectors.wait_list_positions(applications=applications)
    rows = [own_application(a, position=positions.get(a.pk)) for a in applications]
    live = sorted((r for r in rows if r.application.is_live), key=lambda r: not r.is_offer)
    return live, [r for r in rows if not r.application.is_live]


def shared_with_provider(*, beneficiary: Beneficiary) -> list[tuple[str, str]]:
    """(label, the person's value) for each field the provider will read, in the declaration's order."""
    rows = []
    for name in PROVIDER_VISIBLE_FIELDS:
        label = SHARED_LABELS.get(name) or Beneficiary._meta.get_field(name).verbose_name
        rows.append((str(label), _shown(provider_value(beneficiary, name))))
    return rows


def _shown(value: object) -> str:
    if value is None or value == "" or value == []:
        return _("not given")
    if isinstance(value, list):
        return ", ".join(_document(item) if isinstance(item, dict) else str(item) for item in value)
    return str(value)


def _document(item: dict) -> str:
    if item["seen"]:
        return _("%(name)s (seen)") % {"name": item["name"]}
    return _("%(name)s (not seen yet)") % {"name": item["name"]}


def criteria_outcomes(
    *, beneficiary: Beneficiary, programme: Programme, session: Session | None
) -> list[tuple[str, str]]:
    """(criterion, outcome) as the provider will read them: met, not met or to check, never the answers."""
    from orientation.eligibility import eligibility_check

    profile = beneficiary_profile(beneficiary=beneficiary)
    criteria = eligibility_check(profile=profile, programme=programme, session=session, today=timezone.localdate())
    return [(c.label, str(CRITERION_OUTCOMES.get(c.status, c.status))) for c in criteria]
