"""Referrals: a counsellor sends a person to a provider's programme; provider staff see what admission needs only."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from catalog.tests import factories as cf
from people.models import Referral, ReferralStatus
from people.selectors import provider_hidden_fields
from people.tests import factories as f
from people.tests.staff import staff_sign_in

# Keys and values provider staff must never receive (SECURITY.md, item 2).
HIDDEN_KEYS = (*provider_hidden_fields(), "phone", "email", "appraisal", "answers")


def test_what_provider_staff_never_receive_includes_status_nationality_documents_and_notes():
    assert {"nationality", "residence_status", "residence_document_number", "notes"} <= provider_hidden_fields()


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


def _suggest(network, person, programme):
    """A saved questionnaire that suggested ``programme``: the referral form offers it."""
    return f.OrientationResultFactory(
        beneficiary=person,
        recorded_by=network.casablanca_counsellor,
        programmes=[{"id": programme.pk, "slug": programme.slug, "title": programme.title, "score": 3.0}],
    )


def test_a_counsellor_refers_a_person_to_a_suggested_training_with_the_admission_check(client, network):
    person, programme = network.casablanca_file, network.other_programme
    _suggest(network, person, programme)
    staff_sign_in(client, network.casablanca_counsellor)
    page = client.get(person.get_absolute_url()).content.decode()
    assert programme.title in page
    response = client.post(
        reverse("people:referral_create", kwargs={"public_id": person.public_id}), {"programme": programme.pk}
    )
    assert response.status_code == 302
    referral = Referral.objects.get(beneficiary=person, programme=programme)
    assert referral.status == ReferralStatus.SENT and referral.created_by == network.casablanca_counsellor
    assert {c["key"] for c in referral.eligibility} >= {"residence"}
    assert all(set(c) == {"key", "status"} for c in referral.eligibility)
    assert AuditEvent.objects.filter(action=AuditAction.REFERRAL_CREATE, object_id=person.public_id).exists()
    assert programme.title in client.get(person.get_absolute_url()).content.decode()


def test_a_second_live_referral_to_the_same_training_is_refused_with_a_message(client, network):
    person, programme = network.casablanca_file, network.programme  # already referred in the fixture
    _suggest(network, person, programme)
    staff_sign_in(client, network.casablanca_counsellor)
    response = client.post(
        reverse("people:referral_create", kwargs={"public_id": person.public_id}), {"programme": programme.pk}
    )
    assert response.status_code == 400
    assert "déjà orientée" in response.content.decode()
    assert Referral.objects.filter(beneficiary=person, programme=programme).count() == 1


def test_no_referral_without_a_live_consent_to_processing(client, network):
    person, programme = network.casablanca_file, network.other_programme
    _suggest(network, person, programme)
    person.consents.update(withdrawn_at=person.consents.get().given_at)
    staff_sign_in(client, network.casablanca_counsellor)
    response = client.post(
        reverse("people:referral_create", kwargs={"public_id": person.public_id}), {"programme": programme.pk}
    )
    assert response.status_code == 409  # the file refuses, not the form
    assert not Referral.objects.filter(programme=programme, beneficiary=person).exists()


def test_a_training_not_suggested_in_the_file_cannot_be_posted(client, network):
    person, elsewhere = network.casablanca_file, cf.ProgrammeFactory()
    staff_sign_in(client, network.casablanca_counsellor)
    response = client.post(
        reverse("people:referral_create", kwargs={"public_id": person.public_id}), {"programme": elsewhere.pk}
    )
    assert response.status_code == 400
    assert not Referral.objects.filter(programme=elsewhere).exists()


def test_provider_staff_list_only_the_referrals_to_their_provider(client, network):
    staff_sign_in(client, network.provider_staff)
    body = client.get(reverse("people:provider_referral_list")).content.decode()
    assert "Aminata" in body and network.programme.title in body
    assert "Joseph" not in body and network.other_programme.title not in body
    staff_sign_in(client, network.other_provider_staff)
    body = client.get(reverse("people:provider_referral_list")).content.decode()
    assert "Joseph" in body and "Aminata" not in body


def test_provider_staff_read_a_referral_of_their_provider_audited(client, network):
    staff_sign_in(client, network.provider_staff)
    url = reverse("people:provider_referral_detail", kwargs={"public_id": network.casablanca_referral.public_id})
    body = client.get(url).content.decode()
    assert "Aminata" in body and "Âge" in body  # the admission check, by criterion
    assert AuditEvent.objects.filter(action=AuditAction.REFERRAL_READ, actor=network.provider_staff).count() == 1


def test_provider_staff_of_another_provider_get_404_for_the_referral(client, network):
    staff_sign_in(client, network.other_provider_staff)
    url = reverse("people:provider_referral_detail", kwargs={"public_id": network.casablanca_referral.public_id})
    response = client.get(url)
    assert response.status_code == 404
    assert "Aminata" not in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_REFUSED, actor=network.other_provider_staff).exists()


@pytest.mark.parametrize("page", ["provider_referral_list", "provider_referral_detail"])
def test_provider_pages_never_carry_nationality_residence_papers_or_notes(client, network, page):
    staff_sign_in(client, network.provider_staff)
    kwargs = {"public_id": network.casablanca_referral.public_id} if page == "provider_referral_detail" else {}
    body = client.get(reverse(f"people:{page}", kwargs=kwargs)).content.decode()
    assert "Aminata" in body  # the control: the person is there
    for value in _hidden_values(network):
        assert value not in body, value


def test_the_referral_api_answers_only_what_admission_needs(client, network):
    staff_sign_in(client, network.provider_staff)
    listing = client.get("/api/v1/referrals")
    detail = client.get(f"/api/v1/referrals/{network.casablanca_referral.public_id}")
    assert listing.status_code == detail.status_code == 200
    items = listing.json()["items"]
    assert [item["first_name"] for item in items] == ["Aminata"]
    for answer in (items[0], detail.json()):
        assert not set(HIDDEN_KEYS) & set(answer)
        assert {"eligibility", "documents", "schooling", "languages"} <= set(answer)
    raw = listing.content.decode() + detail.content.decode()
    for value in _hidden_values(network):
        assert value not in raw and json.dumps(value)[1:-1] not in raw, value


@pytest.mark.parametrize("who", ["other_provider_staff", "casablanca_counsellor", "national_admin", "no_role"])
def test_the_referral_api_gives_404_outside_the_provider(client, network, who):
    staff_sign_in(client, getattr(network, who))
    detail = client.get(f"/api/v1/referrals/{network.casablanca_referral.public_id}")
    assert detail.status_code == 404
    listing = client.get("/api/v1/referrals")
    assert "Aminata" not in listing.content.decode()


def test_the_referral_api_asks_anonymous_callers_to_sign_in(client, network):
    assert client.get("/api/v1/referrals").status_code == 401
