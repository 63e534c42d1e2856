"""Two hundred accepts of the last seat at once: exactly one is accepted, the seats taken equal the capacity,
and every other one is told "no seat left" (PostgreSQL: 200 calls on 40 connections; SQLite: 12).

Each accept is one provider's move of a different application, in its own
transaction: the conditional UPDATE ``seats_taken < capacity`` decides, and
the check constraint ``seats_taken <= capacity`` would stop anything it let by.
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection
from django.utils import translation

from applications import services
from applications.models import Application, State
from applications.tests.conftest import apply, as_provider, person
from catalog.models import Session
from core.tests.concurrency import BOUNDED, at_once

pytestmark = pytest.mark.django_db(transaction=True)

CALLS = 200 if connection.vendor == "postgresql" else 12


def _accept(seats, application):
    def call():
        try:
            with translation.override("en"):  # a thread starts in the default language
                as_provider(seats, application, State.ACCEPTED)
        except services.NoSeatLeft as refused:
            return ("no seat", str(refused))
        return ("accepted", "")

    return call


def test_many_accepts_of_the_last_seat_at_once_accept_exactly_one(seats):
    as_provider(seats, apply(seats, seats.people[0]), State.ACCEPTED)  # one of the two seats is taken
    applications = [apply(seats, person(seats.desk)) for _ in range(CALLS)]
    answers = at_once([_accept(seats, application) for application in applications], threads=BOUNDED)
    assert not [a for a in answers if isinstance(a, Exception)], answers
    assert Counter(kind for kind, _message in answers) == {"accepted": 1, "no seat": CALLS - 1}
    assert all("No seat left" in message for kind, message in answers if kind == "no seat")
    session = Session.objects.get(pk=seats.session.pk)
    assert session.seats_taken == session.capacity == 2
    assert Application.objects.filter(session=session, state=State.ACCEPTED).count() == 2
    assert Application.objects.filter(state=State.SUBMITTED).count() == CALLS - 1


def test_two_providers_accepting_one_person_at_once_leave_one_acceptance_and_no_error(seats):
    """Each acceptance withdraws the person's other pending application at the same time: one wins, the other is
    told it is no longer possible; no deadlock, no error."""
    from applications.models import Role
    from core.actor import Actor

    here = apply(seats, seats.people[0])
    elsewhere = apply(seats, seats.people[0], session=seats.overlapping)

    def accept(application, user):
        def call():
            try:
                with translation.override("en"):
                    services.application_move(
                        actor=Actor(user=user), public_id=application.public_id, to=State.ACCEPTED, role=Role.PROVIDER
                    )
            except services.MoveRefused as refused:
                return ("refused", str(refused))
            return ("accepted", "")

        return call

    for _round in range(3 if connection.vendor == "postgresql" else 1):
        answers = at_once([accept(here, seats.provider_staff), accept(elsewhere, seats.other_staff)])
        assert not [a for a in answers if isinstance(a, Exception)], answers
        states = sorted(Application.objects.filter(pk__in=[here.pk, elsewhere.pk]).values_list("state", flat=True))
        assert states == [State.ACCEPTED, State.WITHDRAWN]
        Application.objects.filter(pk__in=[here.pk, elsewhere.pk]).update(state=State.SUBMITTED)
        Session.objects.update(seats_taken=0)
