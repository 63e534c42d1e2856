"""The person's own application routes (/<lang>/me/applications/…) × every kind of user.

Only the person whose application it is reaches it: another person, every
staff role (counsellor of the desk included: their pages are the desk's), a
user with no role and a superuser get 404; a signed-out visitor is sent to
sign in. Nothing is written for any of them, and no answer names the person.
A new route in applications/self_urls.py fails
``test_every_route_of_the_persons_space_is_in_the_matrix`` until it is added.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from applications import self_urls, services
from applications.models import Application, ApplicationEvent, Reason, Role, State
from applications.tests.conftest import apply, as_provider, person
from core.actor import Actor
from people.file_accounts import beneficiary_account_for
from people.tests import factories as f
from people.tests.staff import staff_sign_in

OTHERS = ["another_person", "counsellor", "provider_staff", "other_staff", "no_role", "superuser"]


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    on_record: bool  # names an application; else a form for the signed-in person's own file

    def __str__(self) -> str:
        return f"{self.method} {self.name}"


ROUTES = [
    Route("apply", "get", on_record=False),
    Route("apply", "post", on_record=False),
    Route("answer", "post", on_record=True),
    Route("withdraw", "get", on_record=True),
    Route("withdraw", "post", on_record=True),
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def offered(shared_copy, _offered_shared, seats):
    """The owner's application, offered a seat: every route of the person's space has something to do with it.

    Built once for consecutive tests on the seats' (``shared_data``), each with its own copy of the objects.
    """
    return shared_copy(_offered_shared)


@pytest.fixture
def _offered_shared(shared_data, _seats_shared):
    return shared_data(lambda: _offered_build(copy.deepcopy(_seats_shared)))


def _offered_build(seats):
    others = [apply(seats, person(seats.desk)) for _ in range(seats.session.capacity)]
    for other in others:
        as_provider(seats, other, State.ACCEPTED)
    application = apply(seats, seats.people[0])
    as_provider(seats, application, State.WAIT_LISTED)
    services.application_move(  # its seat is offered to the first of the waiting list
        actor=Actor(user=seats.counsellor),
        public_id=others[0].public_id,
        to=State.WITHDRAWN,
        role=Role.COUNSELLOR,
        reason=Reason.BY_COUNSELLOR,
    )
    application.refresh_from_db()
    assert application.state == State.OFFERED
    return application


def _client_for(seats, who: str) -> Client:
    client = Client()
    if who in ("owner", "another_person"):
        person = seats.people[0 if who == "owner" else 1]
        client.force_login(beneficiary_account_for(destination=str(person.phone)))
    elif who in ("counsellor", "provider_staff", "other_staff"):
        staff_sign_in(client, getattr(seats, who))
    elif who == "no_role":
        staff_sign_in(client, f.UserFactory(username="no-role"))
    elif who == "superuser":
        staff_sign_in(client, f.UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def _request(client: Client, seats, application: Application, route: Route):
    if route.on_record:
        url = reverse(f"me_applications:{route.name}", args=[application.public_id])
    else:
        url = f"{reverse('me_applications:apply')}?session={seats.other_programme.sessions.first().pk}"
    data = {"answer": "accept", "consent": "on"}
    return client.get(url) if route.method == "get" else client.post(url, data)


def _written() -> tuple:
    return (
        tuple(Application.objects.order_by("pk").values_list("pk", "state")),
        ApplicationEvent.objects.count(),
    )


def test_every_route_of_the_persons_space_is_in_the_matrix():
    assert {pattern.name for pattern in self_urls.urlpatterns} == {route.name for route in ROUTES}


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_the_owner_reaches_each_route(seats, offered, route):
    response = _request(_client_for(seats, "owner"), seats, offered, route)
    assert response.status_code in (200, 302), response.content.decode()[:500]


@pytest.mark.parametrize("who", OTHERS)
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_nobody_else_reaches_the_persons_application_and_nothing_changes(seats, offered, route, who):
    if who == "another_person" and not route.on_record:
        pytest.skip("applying is for anyone signed in as a person: their own file, in test_self_pages")
    before = _written()
    response = _request(_client_for(seats, who), seats, offered, route)
    assert response.status_code == 404
    assert _written() == before
    html = response.content.decode()
    assert seats.people[0].last_name not in html and str(seats.people[0].phone) not in html


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_a_signed_out_visitor_is_sent_to_sign_in_and_nothing_changes(seats, offered, route):
    before = _written()
    response = _request(Client(), seats, offered, route)
    assert response.status_code == 302 and response.url.startswith("/en/me/sign-in/")
    assert _written() == before
