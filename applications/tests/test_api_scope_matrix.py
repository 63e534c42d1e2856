"""The applications and sessions API, every route × every user of the network fixture.

The Casablanca person applied to the provider's programme, the Rabat person
to the other provider's. The owners of a route see the Casablanca application
(the control); a peer of another scope gets a list without it; every other
signed-in user gets 404 and nothing changes; the anonymous 401. A session's
figures are public and name nobody. No answer to anyone carries nationality,
residence document numbers, contact details, counsellors' notes or appraisals.
"""

from __future__ import annotations

import copy
import datetime
import json
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from applications import services
from applications.models import Application, Role, State
from catalog.models import Session
from catalog.tests import factories as cf
from core.actor import Actor
from people.tests.staff import staff_sign_in

USERS = [
    "casablanca_counsellor",
    "rabat_counsellor",
    "provider_staff",
    "other_provider_staff",
    "casablanca_admin",
    "rabat_admin",
    "national_admin",
    "no_role",
    "superuser",
    "anonymous",
]
PROVIDER, DESK = "provider_staff", "casablanca_counsellor"


@dataclass(frozen=True)
class Route:
    name: str
    owners: frozenset[str]
    peers: frozenset[str] = field(default_factory=frozenset)
    status: int = 200  # what an owner gets

    def __str__(self) -> str:
        return self.name


ROUTES = [
    Route("application_list", frozenset({PROVIDER, DESK}), frozenset({"other_provider_staff", "rabat_counsellor"})),
    Route("application_detail", frozenset({PROVIDER, DESK})),
    Route("application_transition", frozenset({PROVIDER, DESK})),
    # Applying again for the same person and session answers the application already made.
    Route("application_submit", frozenset({DESK})),
    Route("session_capacity", frozenset({PROVIDER})),
]


@pytest.fixture
def applied(shared_copy, _applied_shared, network) -> SimpleNamespace:
    """An application of each desk to a session of its own: built once for consecutive tests (``shared_data``)."""
    return shared_copy(_applied_shared)


@pytest.fixture
def _applied_shared(shared_data, _network_shared) -> SimpleNamespace:
    return shared_data(lambda: _applied_build(copy.deepcopy(_network_shared)))


def _applied_build(network) -> SimpleNamespace:
    today = timezone.localdate()

    def session_of(programme):
        return cf.SessionFactory(
            programme=programme,
            start_date=today + datetime.timedelta(days=40),
            end_date=today + datetime.timedelta(days=100),
            application_deadline=today + datetime.timedelta(days=30),
            capacity=3,
            seats_taken=0,
        )

    def apply(counsellor, beneficiary, session):
        return services.application_submit(
            actor=Actor(user=counsellor),
            beneficiary=beneficiary,
            programme=session.programme,
            session=session,
            role=Role.COUNSELLOR,
        ).application

    session = session_of(network.programme)
    other_session = session_of(network.other_programme)
    world = SimpleNamespace(
        session=session,
        casablanca=apply(network.casablanca_counsellor, network.casablanca_file, session),
        rabat=apply(network.rabat_counsellor, network.rabat_file, other_session),
    )
    world.count = Application.objects.count()  # with the network's own applications
    return world


def _call(client, network, applied, name: str):
    public_id = applied.casablanca.public_id
    if name == "application_list":
        return client.get(reverse("api:application_list"))
    if name == "application_detail":
        return client.get(reverse("api:application_detail", kwargs={"application_id": public_id}))
    if name == "application_transition":
        url = reverse("api:application_transition", kwargs={"application_id": public_id})
        return client.post(url, json.dumps({"to": "under_review"}), content_type="application/json")
    if name == "application_submit":
        body = {"session": applied.session.pk, "beneficiary": network.casablanca_file.public_id}
        return client.post(reverse("api:application_submit"), json.dumps(body), content_type="application/json")
    url = reverse("api:session_capacity", kwargs={"session_id": applied.session.pk})
    return client.patch(url, json.dumps({"capacity": 5}), content_type="application/json")


def _never(network) -> list[str]:
    person = network.casablanca_file
    return [
        person.nationality,
        person.residence_document_number,
        person.phone.as_e164,
        person.file_number,
        "Casablanca note",
        "Rabat note",
        network.casablanca_orientation.appraisal,
    ]


def _unchanged(applied) -> bool:
    application = Application.objects.get(pk=applied.casablanca.pk)
    session = Session.objects.get(pk=applied.session.pk)
    return (
        application.state == State.SUBMITTED and session.capacity == 3 and Application.objects.count() == applied.count
    )


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_each_user_reaches_the_applications_of_their_scope_only(client, network, applied, route, who):
    if who != "anonymous":
        staff_sign_in(client, getattr(network, who))
    response = _call(client, network, applied, route.name)
    body = response.content.decode()
    if who in route.owners:
        if route.name == "application_transition" and who == DESK:
            # In scope, but deciding is the provider's: refused as a move, not hidden.
            assert response.status_code == 409, body
            assert response.json()["detail"] and _unchanged(applied)
        else:
            assert response.status_code == route.status, body
            if route.name != "session_capacity":
                assert applied.casablanca.public_id in body
    elif who in route.peers:
        assert response.status_code == 200, body
        assert applied.casablanca.public_id not in body
    else:
        assert response.status_code == (401 if who == "anonymous" else 404), body
        assert applied.casablanca.public_id not in body
        assert _unchanged(applied)
    if who == PROVIDER or route.name != "application_list":
        assert applied.rabat.public_id not in body
    for value in _never(network):
        assert value not in body, value
    if who != PROVIDER:
        assert network.casablanca_file.first_name not in body


@pytest.mark.parametrize("who", USERS)
def test_a_sessions_figures_are_public_and_name_nobody(client, network, applied, who):
    if who != "anonymous":
        staff_sign_in(client, getattr(network, who))
    response = client.get(reverse("api:session_figures", kwargs={"session_id": applied.session.pk}))
    assert response.status_code == 200
    figures = {"id": applied.session.pk, "capacity": 3, "seats_taken": 0, "seats_left": 3, "wait_list": 0}
    assert response.json() == figures
