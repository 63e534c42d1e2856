"""The scope matrix for routes owned by roles other than counsellors: every user × every route.

Provider staff read the referrals to their provider (pages and API), network
administrators the audit log of their region (or all, national). For every
route and every user of the network fixture: the owner sees the Casablanca
record (the control), a peer of another scope gets the page without it (a
list) or 404 (a record), every other role gets 404, the anonymous the
sign-in (pages) or 401 (API). No answer to anyone carries nationality,
residence document numbers, counsellors' notes or appraisals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from audit.models import AuditAction
from audit.services import audit_record
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


@dataclass(frozen=True)
class RoleRoute:
    name: str
    api: bool
    on_record: bool
    owners: frozenset[str]
    # Users who get the page (a list of their own scope) without the Casablanca record.
    peers: frozenset[str] = field(default_factory=frozenset)

    def __str__(self) -> str:
        return f"{'api' if self.api else 'page'} {self.name}"


PROVIDER = frozenset({"provider_staff"})
ROLE_ROUTES = [
    RoleRoute(
        "provider_referral_list", api=False, on_record=False, owners=PROVIDER, peers=frozenset({"other_provider_staff"})
    ),
    RoleRoute("provider_referral_detail", api=False, on_record=True, owners=PROVIDER),
    RoleRoute(
        "audit_log",
        api=False,
        on_record=False,
        owners=frozenset({"national_admin", "casablanca_admin"}),
        peers=frozenset({"rabat_admin"}),
    ),
]
API_ROUTES = [
    RoleRoute("referral_list", api=True, on_record=False, owners=PROVIDER, peers=frozenset({"other_provider_staff"})),
    RoleRoute("referral_detail", api=True, on_record=True, owners=PROVIDER),
]


def _url(network, route: RoleRoute) -> str:
    if route.api:
        kwargs = {"referral_id": network.casablanca_referral.public_id} if route.on_record else {}
        return reverse(f"api:{route.name}", kwargs=kwargs)
    kwargs = {"public_id": network.casablanca_referral.public_id} if route.on_record else {}
    return reverse(f"people:{route.name}", kwargs=kwargs)


def _casablanca_marker(network, route: RoleRoute) -> str:
    """What shows the Casablanca record is there: the person's name, or in the log the name of who read the file."""
    return "casa-counsellor" if route.name == "audit_log" else network.casablanca_file.first_name


def _never(network) -> list[str]:
    person = network.casablanca_file
    return [
        person.nationality,
        person.residence_document_number,
        person.phone.as_e164,
        "Casablanca note",
        "Rabat note",
        network.casablanca_orientation.appraisal,
    ]


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("route", ROLE_ROUTES + API_ROUTES, ids=str)
def test_each_role_sees_its_own_scope_and_nothing_else(client, network, route, who):
    audit_record(
        actor=Actor(user=network.casablanca_counsellor),
        action=AuditAction.FILE_READ,
        obj=network.casablanca_file,
    )
    if who != "anonymous":
        staff_sign_in(client, getattr(network, who))
    response = client.get(_url(network, route))
    body = response.content.decode()
    marker = _casablanca_marker(network, route)
    if who in route.owners:
        assert response.status_code == 200
        assert marker in body
    elif who == "anonymous":
        if route.api:
            assert response.status_code == 401
        else:
            assert response.status_code == 302 and reverse("accounts:sign_in") in response.url
    elif who in route.peers:
        assert response.status_code == 200
        assert marker not in body
    else:
        assert response.status_code == 404
        assert marker not in body
    for value in _never(network):
        assert value not in body, value
