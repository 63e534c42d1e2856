"""The milestones the reports read (an application's first decision, how far a person went) are written by the
moves that reach them, and are what the logs say."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from applications import services
from applications.milestones import milestones_rebuild
from applications.models import Application, ApplicationEvent, Reason, Role, State
from core.actor import Actor
from people.models import Beneficiary

from .conftest import apply, as_provider

MILESTONES = ("applied_at", "accepted_at", "enrolled_at", "completed_at")


def _decisions() -> dict:
    return {a.pk: (a.first_decision, a.first_decided_at) for a in Application.objects.order_by("pk")}


def _people() -> dict:
    return {b.pk: tuple(getattr(b, m) for m in MILESTONES) for b in Beneficiary.objects.order_by("pk")}


def test_moves_made_through_the_services_leave_the_milestones_the_logs_give(seats):
    first, second, third, fourth = seats.people
    completed = apply(seats, first)
    as_provider(seats, completed, State.ACCEPTED)
    as_provider(seats, completed, State.ENROLLED)
    as_provider(seats, completed, State.COMPLETED, reason=Reason.CERTIFIED)
    apply(seats, second)
    as_provider(seats, Application.objects.get(beneficiary=second), State.ACCEPTED)
    wait_listed = apply(seats, third)  # the session's two seats are taken
    as_provider(seats, wait_listed, State.WAIT_LISTED)
    refused = apply(seats, fourth, session=seats.overlapping)
    services.application_move(
        actor=Actor(user=seats.other_staff),
        public_id=refused.public_id,
        to=State.REFUSED,
        role=Role.PROVIDER,
        reason=Reason.DOCUMENTS_MISSING,
    )

    decisions, people = _decisions(), _people()
    completed.refresh_from_db()
    accepted_at = ApplicationEvent.objects.get(application=completed, to_state=State.ACCEPTED).at
    assert (completed.first_decision, completed.first_decided_at) == (State.ACCEPTED, accepted_at)
    assert decisions[wait_listed.pk][0] == State.WAIT_LISTED and decisions[refused.pk][0] == State.REFUSED
    assert [value is not None for value in people[first.pk]] == [True, True, True, True]
    assert [value is not None for value in people[second.pk]] == [True, True, False, False]
    assert [value is not None for value in people[fourth.pk]] == [True, False, False, False]
    assert people[fourth.pk][0] == refused.created_at

    # Rebuilt from the logs alone (what the migration and bench/reporting.py do): the same values.
    Application.objects.update(first_decision="", first_decided_at=None)
    Beneficiary.objects.update(**dict.fromkeys(MILESTONES))
    milestones_rebuild(application_model=Application, event_model=ApplicationEvent, beneficiary_model=Beneficiary)
    assert _decisions() == decisions and _people() == people


def test_a_move_written_late_with_an_earlier_instant_still_counts_as_the_first(seats):
    application = apply(seats, seats.people[0])
    now = timezone.now()
    ApplicationEvent.objects.create(application=application, to_state=State.REFUSED, at=now, role=Role.PROVIDER)
    earlier = now - datetime.timedelta(days=3)
    ApplicationEvent.objects.create(application=application, to_state=State.ACCEPTED, at=earlier, role=Role.PROVIDER)
    ApplicationEvent.objects.create(
        application=application, to_state=State.ACCEPTED, at=now + datetime.timedelta(days=1), role=Role.PROVIDER
    )
    application.refresh_from_db()
    assert (application.first_decision, application.first_decided_at) == (State.ACCEPTED, earlier)
    assert Beneficiary.objects.get(pk=seats.people[0].pk).accepted_at == earlier


@pytest.mark.parametrize(
    "values",
    [{"first_decision": State.ACCEPTED, "first_decided_at": None}, {"first_decision": State.ENROLLED}],
    ids=["a decision without its instant", "a state that is no decision"],
)
def test_the_database_refuses_a_first_decision_that_is_not_whole(seats, values):
    application = apply(seats, seats.people[0])
    values = {"first_decided_at": timezone.now(), **values}
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(**values)
