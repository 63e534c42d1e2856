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
from applications.tests.concurrency import all_at_once
from applications.tests.conftest import apply, as_provider, person
from catalog.models import Session

pytestmark = pytest.mark.django_db(transaction=True)

CALLS = 200 if connection.vendor == "postgresql" else 12


def _accept(seats, application):
    def call():
        try:
            # Threads start in the default language: the message is read in English.
            with translation.override("en"):
                as_provider(seats, application, State.ACCEPTED)
        except services.NoSeatLeft as refused:
            return ("no seat", str(refused))
        return ("accepted", "")

    return call


def test_many_accepts_of_the_last_seat_at_once_accept_exactly_one(seats):
    as_provider(seats, apply(seats, seats.people[0]), State.ACCEPTED)  # one of the two seats is taken
    applications = [apply(seats, person(seats.desk)) for _ in range(CALLS)]
    answers = all_at_once([_accept(seats, application) for application in applications])
    assert not [a for a in answers if isinstance(a, Exception)], answers
    assert Counter(kind for kind, _message in answers) == {"accepted": 1, "no seat": CALLS - 1}
    assert all("No seat left" in message for kind, message in answers if kind == "no seat")
    session = Session.objects.get(pk=seats.session.pk)
    assert session.seats_taken == session.capacity == 2
    assert Application.objects.filter(session=session, state=State.ACCEPTED).count() == 2
    assert Application.objects.filter(state=State.SUBMITTED).count() == CALLS - 1
