"""The scope matrix for routes owned by roles other than counsellors: every user × every route.

Provider staff read the referrals to their provider (the API; their pages are the
applications' provider workspace, in its own matrix), network
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
        kwargs = {"referral_id": network.casablanca_application.public_id} if route.on_record else {}
        return reverse(f"api:{route.name}", kwargs=kwargs)
    return reverse(f"people:{route.name}")


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


# The desk's appointments in the API (api/appointments.py): counsellors of the desk only.

APPOINTMENT_API_ROUTES = ["appointment_list", "appointment_ics", "appointment_cancel", "appointment_book"]


@pytest.fixture
def casablanca_appointment(network):
    import datetime

    from django.utils import timezone

    from appointments.models import Appointment, BookedVia
    from appointments.tests import factories as af

    reason = af.MeetingReasonFactory(slug="interview", desks=[network.casablanca_desk, network.rabat_desk])
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    return Appointment.objects.create(
        desk=network.casablanca_desk,
        reason=reason,
        counsellor=network.casablanca_counsellor,
        beneficiary=network.casablanca_file,
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=30),
        booked_via=BookedVia.DESK,
    )


def _appointment_call(client, network, appointment, name: str):
    import json

    from appointments.selectors import local

    if name == "appointment_list":
        day = local(appointment.starts_at).date().isoformat()
        return client.get(reverse("api:appointment_list"), {"desk": network.casablanca_desk.slug, "date": day})
    if name == "appointment_ics":
        return client.get(reverse("api:appointment_ics", kwargs={"appointment_id": appointment.public_id}))
    if name == "appointment_cancel":
        return client.post(reverse("api:appointment_cancel", kwargs={"appointment_id": appointment.public_id}))
    body = {
        "desk": network.casablanca_desk.slug,
        "reason": appointment.reason.slug,
        "start": appointment.starts_at.isoformat(),
        "beneficiary": network.casablanca_file.public_id,
    }
    return client.post(reverse("api:appointment_book"), json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("name", APPOINTMENT_API_ROUTES)
def test_the_appointments_api_answers_the_desks_counsellors_only(client, network, casablanca_appointment, name, who):
    if who != "anonymous":
        staff_sign_in(client, getattr(network, who))
    response = _appointment_call(client, network, casablanca_appointment, name)
    body = response.content.decode()
    casablanca_appointment.refresh_from_db()
    if who == "casablanca_counsellor":
        # The list and the .ics show it; cancelling cancels it; booking it again finds it (a retry).
        assert response.status_code == 200, body
        assert casablanca_appointment.public_id in body
    else:
        assert response.status_code == (401 if who == "anonymous" else 404), body
        assert casablanca_appointment.public_id not in body
        assert casablanca_appointment.status == "booked" and casablanca_appointment.sequence == 0
    for value in _never(network):
        assert value not in body, value
