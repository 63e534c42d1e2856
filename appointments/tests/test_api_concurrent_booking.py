"""Fifty counsellors' tools posting the last free time to the API at once (PostgreSQL; eight on SQLite):
exactly one 201, every other one a 409 "this time was just taken" with the next free times, and one new
appointment in the database.

Each request runs in its own thread, connection and signed-in client, all released together
(``at_once``, people/tests/test_concurrent_writes.py).
"""

from __future__ import annotations

import datetime
import json
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from appointments import services
from appointments.models import Appointment, AppointmentStatus, SlotHold
from appointments.tests.conftest import MONDAY, NOW, at
from appointments.tests.staff_clock import frozen_clock  # noqa: F401  (a fixture)
from core.actor import system
from core.tests.concurrency import at_once
from people.tests import factories as f
from people.tests.staff import staff_sign_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("frozen_clock")]

TUESDAY = MONDAY + datetime.timedelta(days=1)


def _post(client: Client, body: dict):
    def call():
        response = client.post(reverse("api:appointment_book"), json.dumps(body), content_type="application/json")
        return response.status_code, response.json()

    return call


@pytest.mark.parametrize("callers", [50 if connection.vendor == "postgresql" else 8])
def test_many_api_bookings_of_the_last_free_time_give_one_201_and_409s_with_the_next_free_times(desk_day, callers):
    start = at(TUESDAY, 9)
    services.appointment_book(
        actor=system, desk=desk_day.desk, reason=desk_day.reason, starts_at=start, beneficiary=None, now=NOW
    )  # one of the two counsellors is taken: the other one is the last free
    counsellor = desk_day.counsellors[0]
    calls = []
    for _ in range(callers):
        person = f.BeneficiaryFactory(desk=desk_day.desk)
        f.ConsentFactory(beneficiary=person)
        client = staff_sign_in(Client(raise_request_exception=False), counsellor)
        body = {"desk": desk_day.desk.slug, "reason": desk_day.reason.slug, "start": start.isoformat()}
        calls.append(_post(client, {**body, "beneficiary": person.public_id, "lang": "en"}))
    answers = at_once(calls)
    assert Counter(status for status, _body in answers) == {201: 1, 409: callers - 1}, answers
    for status, body in answers:
        if status == 409:
            assert "just taken" in body["detail"]
            assert body["next_free"] and body["next_free"][0]["start"] == at(TUESDAY, 9, 30).isoformat()
    live = Appointment.objects.filter(starts_at=start, status=AppointmentStatus.BOOKED)
    assert live.count() == 2 and live.values("counsellor").distinct().count() == 2
    assert not SlotHold.objects.exists()
