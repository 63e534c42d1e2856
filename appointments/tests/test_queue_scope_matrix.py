"""The scope matrix of the walk-in queue: every queue URL × every role and scope of the network.

The counsellor of the Casablanca desk is the control: their kiosk and
console work. Everyone else asking for the Casablanca desk or one of its
tickets gets 404 (the anonymous the sign-in page, a counsellor without the
second factor its step), nothing changes, and no answer carries the
ticket's phone, id or file. The public now-serving screen answers everyone
with numbers only. A new route in appointments/queue_urls.py fails
``test_every_queue_route_is_in_the_matrix`` until it is added here.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import pytest
from django.urls import reverse

from appointments import queue, queue_urls
from appointments.models import Ticket
from appointments.tests import factories as af
from core.actor import Actor
from people.tests.staff import staff_sign_in

PHONE = "+212698765432"
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
    "casablanca_counsellor_without_second_factor",
]


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    on_ticket: bool = False
    public: bool = False

    def __str__(self) -> str:
        return f"{self.method} {self.name}"


ROUTES = [
    Route("kiosk", "get"),
    Route("kiosk", "post"),
    Route("kiosk_ticket", "get", on_ticket=True),
    Route("console", "get"),
    Route("call_next", "post"),
    Route("recall", "post", on_ticket=True),
    Route("no_answer", "post", on_ticket=True),
    Route("serve", "post", on_ticket=True),
    Route("done", "post", on_ticket=True),
    Route("attach", "post", on_ticket=True),
    Route("now_serving", "get", public=True),
]


@pytest.fixture
def queue_network(shared_copy, _queue_network_shared, db):
    """The network, with a Casablanca reason and a called ticket with a phone, attached to the Casablanca file.

    Built once for consecutive tests on the network's (``shared_data``), each with its own copy of the objects.
    """
    return shared_copy(_queue_network_shared)


@pytest.fixture
def _queue_network_shared(shared_data, _network_shared):
    return shared_data(lambda: _queue_network_build(copy.deepcopy(_network_shared)))


def _queue_network_build(network):
    desk, counsellor = network.casablanca_desk, network.casablanca_counsellor
    reason = af.MeetingReasonFactory(slug="first-information", desks=[desk])
    queue.ticket_issue(desk=desk, reason=reason, language="fr", phone=PHONE)
    queue.ticket_issue(desk=desk, reason=reason, language="fr", phone=PHONE)
    ticket = queue.ticket_call_next(actor=Actor(user=counsellor), desk=desk, counter="Bureau 1")
    queue.ticket_attach(actor=Actor(user=counsellor), ticket=ticket, beneficiary=network.casablanca_file)
    network.ticket = ticket
    network.reason = reason
    return network


def _request(client, network, route: Route):
    desk = network.casablanca_desk
    if route.public:
        return client.get(reverse(f"queue:{route.name}", args=[desk.slug]))
    if route.on_ticket:
        url = reverse(f"queue:{route.name}", args=[network.ticket.public_id])
    else:
        url = reverse(f"queue:{route.name}")
    if route.method == "get":
        return client.get(url, {"desk": desk.slug})
    data = {
        "desk": desk.slug,
        "counter": "Intruder",
        "file": network.casablanca_file.file_number,
        "key": queue.kiosk_form_key(),
        "language": "fr",
        "reason": network.reason.slug,
    }
    return client.post(url, data)


def _state() -> list[tuple]:
    return list(
        Ticket.objects.order_by("pk").values_list("status", "calls", "counter", "beneficiary_id", "phone", "called_by")
    )


def _secrets(network, route: Route | None = None) -> list[str]:
    """What must not reach an outsider. Error pages repeat the path asked for (language links): not a leak."""
    person = network.casablanca_file
    secrets = [PHONE, "698765432", person.file_number, person.first_name, person.last_name]
    return secrets if route is not None and route.on_ticket else [*secrets, network.ticket.public_id]


def _sign_in(client, network, who: str) -> None:
    if who == "casablanca_counsellor_without_second_factor":
        client.force_login(network.casablanca_counsellor)
    elif who != "anonymous":
        staff_sign_in(client, getattr(network, who))


def test_every_queue_route_is_in_the_matrix():
    assert {pattern.name for pattern in queue_urls.urlpatterns} == {route.name for route in ROUTES}


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_the_casablanca_queue_is_out_of_reach_of_every_other_scope(client, queue_network, route, who):
    network = queue_network
    _sign_in(client, network, who)
    before = _state()
    response = _request(client, network, route)
    body = response.content.decode()
    if route.public:
        assert response.status_code == 200
    elif who == "casablanca_counsellor":
        assert response.status_code in {200, 302}
        return  # the control: the owner's requests work (and may change the queue)
    elif who == "anonymous":
        assert response.status_code == 302 and reverse("accounts:sign_in") in response.url
    elif who == "casablanca_counsellor_without_second_factor":
        assert response.status_code == 302 and reverse("accounts:second_factor") in response.url
    else:
        assert response.status_code == 404
    for secret in _secrets(network, route):
        assert secret not in body, secret
    assert _state() == before


@pytest.mark.parametrize("route", [r for r in ROUTES if not r.on_ticket and not r.public], ids=str)
def test_a_counsellor_of_another_desk_works_their_own_queue_only(client, queue_network, route):
    network = queue_network
    staff_sign_in(client, network.rabat_counsellor)
    url = reverse(f"queue:{route.name}")
    # Their own desk (their only one, no ?desk=): the page works and holds nothing of Casablanca.
    response = client.get(url) if route.method == "get" else client.post(url, {"counter": "1", "language": "fr"})
    assert response.status_code in {200, 302, 400}
    for secret in _secrets(network):
        assert secret not in response.content.decode(), secret
