"""Through the API, at once: 200 provider staff accepting 200 applications for the last seat (PostgreSQL; 12 on
SQLite) get exactly one 200 and 199 409s "no seat left", never a 500; capacity lowered while seats are taken
never leaves more seats taken than the capacity.

Each call is one signed-in client's request, in its own thread and connection
(``core.tests.concurrency.at_once``: 40 threads at most, PostgreSQL's connections
being shared with the other test workers); a client is used by one call only,
a Django test client not being made for two threads.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from applications.models import SEAT_STATES, Application, State
from applications.tests.conftest import apply, as_provider, person
from catalog.models import Session
from core.tests.concurrency import BOUNDED, at_once
from people.tests.staff import staff_sign_in

pytestmark = pytest.mark.django_db(transaction=True)

CALLS = 200 if connection.vendor == "postgresql" else 12


def _client(user) -> Client:
    return staff_sign_in(Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en"), user)


def _request(client: Client, method: str, url: str, data: dict):
    def call():
        response = getattr(client, method)(url, json.dumps(data), content_type="application/json")
        return response.status_code, response.json()

    return call


def _accept(client: Client, application):
    url = reverse("api:application_transition", kwargs={"application_id": application.public_id})
    return _request(client, "post", url, {"to": "accepted"})


def _figures(session) -> dict:
    return Client().get(reverse("api:session_figures", kwargs={"session_id": session.pk})).json()


def test_many_api_accepts_of_the_last_seat_give_one_200_and_409s_saying_no_seat_is_left(seats):
    as_provider(seats, apply(seats, seats.people[0]), State.ACCEPTED)  # one of the two seats is taken
    applications = [apply(seats, person(seats.desk)) for _ in range(CALLS)]
    calls = [_accept(_client(seats.provider_staff), application) for application in applications]
    answers = at_once(calls, threads=BOUNDED)
    assert not [a for a in answers if isinstance(a, Exception)], answers
    assert Counter(status for status, _body in answers) == {200: 1, 409: CALLS - 1}, answers
    assert all(body["detail"].startswith("No seat left") for status, body in answers if status == 409)
    figures = _figures(seats.session)
    assert figures["seats_taken"] == figures["capacity"] == 2 and figures["seats_left"] == 0
    assert Application.objects.filter(session=seats.session, state=State.ACCEPTED).count() == 2


def test_capacity_lowered_while_seats_are_accepted_never_leaves_more_seats_taken_than_capacity(seats):
    Session.objects.filter(pk=seats.session.pk).update(capacity=20)
    for _ in range(10):
        as_provider(seats, apply(seats, person(seats.desk)), State.ACCEPTED)
    pending = [apply(seats, person(seats.desk)) for _ in range(10)]
    url = reverse("api:session_figures", kwargs={"session_id": seats.session.pk})
    lowered = [11 + n % 8 for n in range(10)]  # 11 to 18: some below what the accepts will take, some above
    calls = []
    for application, capacity in zip(pending, lowered, strict=True):
        calls.append(_accept(_client(seats.provider_staff), application))
        calls.append(_request(_client(seats.provider_staff), "patch", url, {"capacity": capacity}))
    answers = at_once(calls, threads=BOUNDED)
    assert not [a for a in answers if isinstance(a, Exception)], answers
    assert {status for status, _body in answers} <= {200, 409}, answers
    session = Session.objects.get(pk=seats.session.pk)
    holding = Application.objects.filter(session=session, state__in=SEAT_STATES).count()
    assert session.seats_taken == holding <= session.capacity
    patched = [c for (status, _b), c in zip(answers[1::2], lowered, strict=True) if status == 200]
    assert session.capacity in {20, *patched}
    accepted = sum(1 for status, _body in answers[0::2] if status == 200)
    assert holding == 10 + accepted
