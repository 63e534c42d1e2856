"""What provider staff see of applications (the referrals' rules, moved with them): only their provider's, only
what admission needs, never nationality, residence status, document numbers, contact details or notes.

Through the selectors every provider page is built on, and through the published referrals API
(``/api/v1/referrals``), which now answers from applications.
"""

from __future__ import annotations

import json

import pytest
from django.http import Http404

from applications import selectors, services
from applications.models import Role, State
from audit.models import AuditAction, AuditEvent
from core.actor import Actor
from people.selectors import provider_hidden_fields
from people.tests.staff import staff_sign_in

# Keys and values provider staff must never receive (SECURITY.md, item 2).
HIDDEN_KEYS = (*provider_hidden_fields(), "phone", "email", "appraisal", "answers", "note", "notes")


def test_what_provider_staff_never_receive_includes_status_nationality_documents_and_notes():
    assert {"nationality", "residence_status", "residence_document_number", "notes", "phone", "email"} <= (
        provider_hidden_fields()
    )


def _hidden_values(network) -> list[str]:
    person = network.casablanca_file
    return [
        person.nationality,
        person.residence_document_number,
        person.phone.as_e164,
        person.phone.as_international,
        "Casablanca note",
        network.casablanca_orientation.appraisal,
        person.get_residence_status_display(),
    ]


def test_provider_staff_read_only_the_applications_to_their_provider(network):
    mine = selectors.applications_for_provider(user=network.provider_staff)
    theirs = selectors.applications_for_provider(user=network.other_provider_staff)
    assert list(mine) == [network.casablanca_application]
    assert list(theirs) == [network.rabat_application]
    with pytest.raises(Http404):
        selectors.application_get_as(
            role=Role.PROVIDER, user=network.other_provider_staff, public_id=network.casablanca_application.public_id
        )


@pytest.mark.parametrize("who", ["casablanca_counsellor", "national_admin", "no_role", "superuser"])
def test_no_one_but_provider_staff_reads_applications_as_a_provider(network, who):
    assert not selectors.applications_for_provider(user=getattr(network, who)).exists()


def test_the_admission_view_holds_what_admission_needs_and_nothing_hidden(network):
    view = selectors.admission_view(application=network.casablanca_application)
    assert not set(HIDDEN_KEYS) & set(view)
    assert {"first_name", "eligibility", "documents", "schooling", "languages"} <= set(view)
    raw = json.dumps(view, default=str)
    for value in _hidden_values(network):
        assert value not in raw, value


def test_a_provider_reads_its_own_moves_notes_but_never_the_desks(network):
    application = network.casablanca_application
    services.application_move(
        actor=Actor(user=network.provider_staff),
        public_id=application.public_id,
        to=State.UNDER_REVIEW,
        role=Role.PROVIDER,
        note="Provider's own note",
    )
    services.application_move(
        actor=Actor(user=network.casablanca_counsellor),
        public_id=application.public_id,
        to=State.WITHDRAWN,
        role=Role.COUNSELLOR,
        note="Desk note about the person",
    )
    as_provider = [e.note for e in selectors.history(application=application, role=Role.PROVIDER)]
    as_desk = [e.note for e in selectors.history(application=application, role=Role.COUNSELLOR)]
    assert "Provider's own note" in as_provider and "Desk note about the person" not in as_provider
    assert {"Provider's own note", "Desk note about the person"} <= set(as_desk)


def test_the_referrals_api_answers_only_what_admission_needs(client, network):
    staff_sign_in(client, network.provider_staff)
    listing = client.get("/api/v1/referrals")
    detail = client.get(f"/api/v1/referrals/{network.casablanca_application.public_id}")
    assert listing.status_code == detail.status_code == 200
    items = listing.json()["items"]
    assert [item["first_name"] for item in items] == ["Aminata"]
    for answer in (items[0], detail.json()):
        assert not set(HIDDEN_KEYS) & set(answer)
        assert {"eligibility", "documents", "schooling", "languages", "status", "referred_on"} <= set(answer)
        assert answer["status"] == State.SUBMITTED
    raw = listing.content.decode() + detail.content.decode()
    for value in _hidden_values(network):
        assert value not in raw and json.dumps(value)[1:-1] not in raw, value


def test_a_provider_reading_an_application_through_the_api_is_audited(client, network):
    staff_sign_in(client, network.provider_staff)
    client.get(f"/api/v1/referrals/{network.casablanca_application.public_id}")
    assert AuditEvent.objects.filter(
        action=AuditAction.APPLICATION_READ,
        actor=network.provider_staff,
        object_id=network.casablanca_application.public_id,
    ).exists()


@pytest.mark.parametrize("who", ["other_provider_staff", "casablanca_counsellor", "national_admin", "no_role"])
def test_the_referrals_api_gives_404_outside_the_provider_and_audits_the_refusal(client, network, who):
    staff_sign_in(client, getattr(network, who))
    detail = client.get(f"/api/v1/referrals/{network.casablanca_application.public_id}")
    assert detail.status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_REFUSED, actor=getattr(network, who)).exists()
    listing = client.get("/api/v1/referrals")
    assert "Aminata" not in listing.content.decode()


def test_the_referrals_api_asks_anonymous_callers_to_sign_in(client, network):
    assert client.get("/api/v1/referrals").status_code == 401
    assert client.get(f"/api/v1/referrals/{network.casablanca_application.public_id}").status_code == 401
