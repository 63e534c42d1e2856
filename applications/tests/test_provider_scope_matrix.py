"""The scope matrix of provider staff's workspace: every route × every role.

Provider A's staff are the control: their pages answer and their moves are
made. Provider B's staff get their own (empty) workspace and list, and 404
on A's application and A's session, exactly as for a missing one. Everyone
else gets 404 (audited), the anonymous the sign-in page, A's staff without
the second factor its step. No answer to anyone but A's staff names A's
applicant, and nothing changes. A new route in applications/provider_urls.py
fails ``test_every_route_is_in_the_matrix`` until it is added here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from applications import provider_urls
from applications.models import Application
from applications.tests.conftest import apply
from audit.models import AuditAction, AuditEvent
from catalog.models import Session
from people.tests import factories as f
from people.tests.staff import staff_sign_in

USERS = [
    "provider_a",
    "provider_b",
    "counsellor",
    "national_admin",
    "own_account",
    "anonymous",
    "provider_a_without_second_factor",
]


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    on_application: bool = False
    on_session: bool = False
    # Provider B gets the page, without A's application in it.
    listed: bool = False

    def __str__(self) -> str:
        return f"{self.method} {self.name}"


ROUTES = [
    Route("home", "get", listed=True),
    Route("list", "get", listed=True),
    Route("detail", "get", on_application=True),
    Route("move", "post", on_application=True),
    Route("capacity", "post", on_session=True),
]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def matrix(seats):
    seats.application = apply(seats, seats.people[0])
    seats.national_admin = f.StaffRoleFactory(user__username="national-admin", national_admin=True).user
    seats.own_account = get_user_model().objects.create_user(username="person-0-account")
    seats.people[0].account = seats.own_account
    seats.people[0].save(update_fields=["account"])
    return seats


def _sign_in(client, world, who: str) -> None:
    users = {
        "provider_a": world.provider_staff,
        "provider_b": world.other_staff,
        "counsellor": world.counsellor,
        "national_admin": world.national_admin,
    }
    if who in users:
        staff_sign_in(client, users[who])
    elif who == "own_account":
        client.force_login(world.own_account)
    elif who == "provider_a_without_second_factor":
        client.force_login(world.provider_staff)


def _request(client, world, route: Route):
    if route.on_application:
        url = reverse(f"provider_applications:{route.name}", args=[world.application.public_id])
    elif route.on_session:
        url = reverse(f"provider_applications:{route.name}", args=[world.session.pk])
    else:
        url = reverse(f"provider_applications:{route.name}")
    if route.method == "get":
        return client.get(url, {"session": world.session.pk} if route.name == "list" else {})
    return client.post(url, {"to": "accepted", "from": "submitted", "capacity": "7"})


def _state(world) -> tuple:
    application = Application.objects.get(pk=world.application.pk)
    session = Session.objects.get(pk=world.session.pk)
    return application.state, application.events.count(), session.capacity, session.seats_taken


def test_every_route_is_in_the_matrix():
    assert {pattern.name for pattern in provider_urls.urlpatterns} == {route.name for route in ROUTES}


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_provider_as_workspace_is_out_of_reach_of_every_other_scope(client, matrix, route, who):
    world = matrix
    _sign_in(client, world, who)
    before = _state(world)
    refusals = AuditEvent.objects.filter(action=AuditAction.ACCESS_REFUSED).count()
    response = _request(client, world, route)
    body = response.content.decode()
    if who == "provider_a":
        # The control: A's staff read and move A's applications.
        assert response.status_code == (302 if route.method == "post" else 200)
        if route.method == "get" and route.name != "home":
            assert world.people[0].first_name in body
        return
    if who == "anonymous":
        assert response.status_code == 302 and reverse("accounts:sign_in") in response.url
    elif who == "provider_a_without_second_factor":
        assert response.status_code == 302 and reverse("accounts:second_factor") in response.url
    elif who == "provider_b" and route.listed and route.name == "home":
        assert response.status_code == 200
        assert world.programme.title not in body
    elif who == "provider_b" and route.name == "list":
        # A's session in B's filters: 404 like a missing session.
        assert response.status_code == 404
    else:
        assert response.status_code == 404
        assert AuditEvent.objects.filter(action=AuditAction.ACCESS_REFUSED).count() == refusals + 1
    # An error page repeats the path asked for (its language links): the id there is the asker's, not a leak.
    secrets = [world.people[0].first_name, world.people[0].last_name + "</bdi>"]
    if not route.on_application:
        secrets.append(world.application.public_id)
    for secret in secrets:
        assert secret not in body, secret
    assert _state(world) == before


def test_provider_b_lists_its_own_applications_and_never_as(client, matrix):
    world = matrix
    own = apply(world, world.people[1], session=world.overlapping)
    page = staff_sign_in(client, world.other_staff).get(reverse("provider_applications:list")).content.decode()
    assert own.public_id in page
    assert world.application.public_id not in page
    assert world.people[0].first_name not in page


def test_an_id_of_the_wrong_shape_never_reaches_an_application(client, matrix):
    staff_sign_in(client, matrix.provider_staff)
    for asked in ("1", "1 OR 1=1", "A" * 23, "mine"):
        assert client.get(f"/en/desk/applications/{asked}/").status_code == 404
