"""A person signs in with a code and exercises their rights on their own file."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from people.models import Beneficiary, ErasedFile
from people.tests import factories as f

pytestmark = pytest.mark.usefixtures("strict_templates")


def _sign_in(client, outbox, phone: str, capture):
    with capture(execute=True):
        response = client.post(reverse("me:sign_in"), {"destination": phone})
    assert response.status_code == 302 and response.url == reverse("me:code")
    assert phone not in response.url
    body = json.loads((outbox / "sms.jsonl").read_text().splitlines()[-1])["body"]
    return client.post(reverse("me:code"), {"code": re.search(r"\d{6}", body).group()})


def test_a_person_signs_in_with_a_code_and_sees_their_file(client, network, outbox, django_capture_on_commit_callbacks):
    person = network.casablanca_file
    response = _sign_in(client, outbox, "0" + str(person.phone.national_number), django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == reverse("me:home")
    page = client.get(reverse("me:home"))
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert person.file_number in page.content.decode() and "Rabat note" not in page.content.decode()
    assert "Numéro de dossier" in page.content.decode()  # field names are translated, not raw keys
    data = json.loads(client.get(reverse("me:download")).content)
    assert data["file"]["residence_document_number"] == person.residence_document_number
    person.refresh_from_db()
    assert person.account is not None and not person.account.has_usable_password()


def test_a_wrong_code_is_a_400_and_signs_nobody_in(client, network, outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("me:sign_in"), {"destination": network.casablanca_file.phone.as_e164})
    assert client.post(reverse("me:code"), {"code": "abcdef"}).status_code == 400
    assert client.get(reverse("me:home")).status_code == 302


def test_asking_for_too_many_codes_answers_429(client, network, outbox, django_capture_on_commit_callbacks):
    phone = network.casablanca_file.phone.as_e164
    statuses = []
    for _ in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            statuses.append(client.post(reverse("me:sign_in"), {"destination": phone}).status_code)
    assert statuses == [302, 302, 302, 429]


def test_a_number_shared_by_two_files_opens_neither(client, network, outbox, django_capture_on_commit_callbacks):
    f.BeneficiaryFactory(desk=network.rabat_desk, phone=network.casablanca_file.phone, proven=True)
    response = _sign_in(client, outbox, network.casablanca_file.phone.as_e164, django_capture_on_commit_callbacks)
    assert response.url == reverse("me:sign_in")
    assert client.get(reverse("me:home")).status_code == 302


def test_a_person_withdraws_consent_and_deletes_their_account(
    client, network, outbox, django_capture_on_commit_callbacks
):
    person = network.casablanca_file
    _sign_in(client, outbox, person.phone.as_e164, django_capture_on_commit_callbacks)
    consent = network.casablanca_consent
    assert client.post(reverse("me:consent_withdraw", kwargs={"consent_id": consent.public_id})).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert client.get(reverse("me:delete")).status_code == 200
    assert client.post(reverse("me:delete")).status_code == 302
    assert not Beneficiary.objects.filter(pk=person.pk).exists()
    assert ErasedFile.objects.filter(reason="request").count() == 1
    assert client.get(reverse("me:home")).status_code == 302


def test_a_person_cannot_withdraw_a_consent_of_another_file(
    client, network, outbox, django_capture_on_commit_callbacks
):
    _sign_in(client, outbox, network.casablanca_file.phone.as_e164, django_capture_on_commit_callbacks)
    response = client.post(reverse("me:consent_withdraw", kwargs={"consent_id": network.rabat_consent.public_id}))
    assert response.status_code == 404


def test_a_signed_in_person_has_no_way_into_the_workspace(client, network, outbox, django_capture_on_commit_callbacks):
    _sign_in(client, outbox, network.casablanca_file.phone.as_e164, django_capture_on_commit_callbacks)
    assert client.get(network.casablanca_file.get_absolute_url()).status_code == 404


def _signed_in_person(client, network):
    person = network.casablanca_file
    if person.account is None:
        from django.contrib.auth import get_user_model

        person.account = get_user_model().objects.create_user(username=f"person-{person.pk}")
        person.save(update_fields=["account"])
    client.force_login(person.account)
    return person


def test_a_person_corrects_their_own_name_and_languages_audited_without_values(client, network):
    from audit.models import AuditAction, AuditEvent
    from catalog.tests.factories import LanguageFactory

    person = _signed_in_person(client, network)
    phone = str(person.phone)
    arabic = LanguageFactory(code="ar", name_fr="Arabe", name_ar="العربية", name_en="Arabic")
    page = client.get(reverse("me:correct"))
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    form = {
        "first_name": "Zeinabou",
        "last_name": person.last_name,
        "birth_year": person.birth_year or "",
        "sex": person.sex or "",
        "nationality": person.nationality or "",
        "schooling": person.schooling or "",
        "languages": [arabic.pk],
        "phone": "+212600000000",
    }
    response = client.post(reverse("me:correct"), form)
    assert response.status_code == 302 and response.url == reverse("me:home")
    person.refresh_from_db()
    assert person.first_name == "Zeinabou"
    assert list(person.languages.all()) == [arabic]
    assert str(person.phone) == phone  # a phone number is proven by a code, never typed in here
    event = AuditEvent.objects.filter(action=AuditAction.FILE_UPDATE, object_id=person.public_id).get()
    assert event.detail == "first_name,languages"  # which fields, never their values
    assert "Zeinabou" in client.get(reverse("me:home")).content.decode()


def test_a_wrong_correction_is_explained_in_the_persons_language_and_changes_nothing(client, network):
    person = _signed_in_person(client, network)
    before = (person.first_name, person.birth_year)
    response = client.post("/ar/me/correct/", {"first_name": "", "last_name": person.last_name, "birth_year": "12"})
    assert response.status_code == 400
    assert 'dir="rtl"' in response.content.decode() and 'role="alert"' in response.content.decode()
    person.refresh_from_db()
    assert (person.first_name, person.birth_year) == before


def test_correcting_needs_a_signed_in_person(client, network):
    response = client.post(reverse("me:correct"), {"first_name": "Intruder"})
    assert response.status_code == 302 and response.url == reverse("me:sign_in")
    assert not Beneficiary.objects.filter(first_name="Intruder").exists()
