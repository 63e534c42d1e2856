"""Personal records are addressed by an opaque identifier, never by their sequential database id (issue 12).

Probing ``/files/1/``, ``/files/2/``… finds nothing and says nothing about
how many files exist; a refused access to an identifier names the string
asked for, so a record created later never inherits it in its history.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from applications.models import Application
from audit.models import AuditAction, AuditEvent
from core.actor import Actor
from people import services
from people.export import beneficiary_export
from people.models import Beneficiary, Consent, DocumentHeld
from people.tests import factories as f
from people.tests.staff import staff_sign_in

OPAQUE = re.compile(r"^[A-Za-z0-9_-]{22}$")


def _next_pk(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def test_a_refused_access_to_an_unknown_id_never_shows_in_the_history_of_a_file_created_later(client, network):
    staff_sign_in(client, network.casablanca_counsellor)
    probed = _next_pk(Beneficiary)
    assert client.get(f"/fr/desk/files/{probed}/").status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_REFUSED, object_id=str(probed)).exists()
    created = services.beneficiary_create(
        actor=Actor(user=network.casablanca_counsellor),
        desk=network.casablanca_desk,
        profile={"first_name": "Nouvelle", "last_name": "Personne"},
    )
    assert created.pk == probed
    actions = [line["action"] for line in beneficiary_export(beneficiary=created)["file_history"]]
    assert actions[0] == AuditAction.FILE_CREATE and AuditAction.ACCESS_REFUSED not in actions


def test_a_refused_access_records_the_identifier_asked_for(client, network):
    staff_sign_in(client, network.rabat_counsellor)
    client.get(network.casablanca_file.get_absolute_url())
    refused = AuditEvent.objects.get(action=AuditAction.ACCESS_REFUSED, actor=network.rabat_counsellor)
    assert refused.object_id == network.casablanca_file.public_id


@pytest.mark.parametrize("model", [Beneficiary, Application, Consent, DocumentHeld], ids=lambda m: m.__name__)
def test_records_get_distinct_random_identifiers_that_do_not_reveal_their_rank(network, model):
    ids = list(model.objects.values_list("public_id", flat=True))
    assert len(ids) == len(set(ids)) >= 2
    for public_id, pk in model.objects.values_list("public_id", "pk"):
        assert OPAQUE.match(public_id), public_id
        assert public_id != str(pk)


def test_a_file_is_addressed_by_its_opaque_identifier(network):
    person = network.casablanca_file
    assert person.get_absolute_url() == f"/fr/desk/files/{person.public_id}/"


def test_sequential_ids_give_404_even_for_a_file_of_ones_own_desk(client, network):
    staff_sign_in(client, network.casablanca_counsellor)
    for pk in range(1, _next_pk(Beneficiary) + 1):
        assert client.get(f"/fr/desk/files/{pk}/").status_code == 404
    assert client.get(network.casablanca_file.get_absolute_url()).status_code == 200


def test_a_malformed_unknown_or_foreign_identifier_gives_the_same_404(client, network):
    staff_sign_in(client, network.rabat_counsellor)
    foreign = network.casablanca_file.public_id
    unknown = "A" * 22
    bodies = {}
    for probe in (foreign, unknown, "not.an-id", str(network.casablanca_file.pk)):
        response = client.get(f"/fr/desk/files/{probe}/")
        assert response.status_code == 404, probe
        bodies[probe] = response.content.replace(f"/files/{probe}/".encode(), b"/files/ID/")
    assert len(set(bodies.values())) == 1


def test_the_file_page_links_hold_no_sequential_id(client, network):
    person = network.casablanca_file
    staff_sign_in(client, network.casablanca_counsellor)
    page = client.get(person.get_absolute_url()).content.decode()
    assert f"/files/{person.public_id}/" in page
    assert not re.search(r"/files/\d+/", page)
    for record in (person.documents.get(), person.consents.get()):
        assert f"/{record.public_id}/" in page
    assert not re.search(r"/(documents|consents)/\d+/", page)


def test_consent_and_document_actions_refuse_sequential_ids(client, network):
    person = network.casablanca_file
    staff_sign_in(client, network.casablanca_counsellor)
    consent, document = person.consents.get(), person.documents.get()
    base = f"/fr/desk/files/{person.public_id}"
    assert client.post(f"{base}/consents/{consent.pk}/withdraw/").status_code == 404
    assert client.post(f"{base}/documents/{document.pk}/seen/").status_code == 404
    consent.refresh_from_db()
    document.refresh_from_db()
    assert consent.withdrawn_at is None and document.seen_at is None


def test_the_referrals_api_addresses_applications_by_opaque_identifier(client, network):
    referral = network.casablanca_application
    staff_sign_in(client, network.provider_staff)
    items = client.get("/api/v1/referrals").json()["items"]
    assert [item["id"] for item in items] == [referral.public_id]
    assert client.get(f"/api/v1/referrals/{referral.public_id}").json()["id"] == referral.public_id
    assert client.get(f"/api/v1/referrals/{referral.pk}").status_code == 404


def test_the_person_withdraws_a_consent_by_its_opaque_identifier(client, network):
    person = network.casablanca_file
    person.account = f.UserFactory(username="aminata")
    person.save(update_fields=["account"])
    client.force_login(person.account)
    consent = person.consents.get()
    page = client.get(reverse("me:home")).content.decode()
    assert f"/consents/{consent.public_id}/withdraw/" in page
    assert client.post(f"/fr/me/consents/{consent.pk}/withdraw/").status_code == 404
    assert client.post(f"/fr/me/consents/{consent.public_id}/withdraw/").status_code == 302


def test_lines_written_before_public_ids_stay_in_the_history_except_refusals_of_the_number(network):
    """Before public ids, lines named a file by its database id: reads stay the file's; a refused number may not be."""
    person = network.casablanca_file
    for action in (AuditAction.FILE_READ, AuditAction.ACCESS_REFUSED):
        AuditEvent.objects.create(action=action, object_type="beneficiary", object_id=str(person.pk))
    actions = [line["action"] for line in beneficiary_export(beneficiary=person)["file_history"]]
    assert actions == [AuditAction.FILE_READ]
