"""A person opens their own file online; a counsellor links an account to a walk-in's file later."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from notifications.tests.outbox import last_code
from people.models import Beneficiary, ConsentChannel, ConsentPurpose
from people.services import CONSENT_TEXT_VERSION
from people.tests import factories as f
from people.tests.staff import staff_sign_in

pytestmark = pytest.mark.usefixtures("strict_templates")
NEW_PHONE = "06 71 23 45 67"
NEW_PHONE_E164 = "+212671234567"


def _sign_up_form(network, **changes) -> dict:
    return {
        "destination": NEW_PHONE,
        "first_name": "Fatou",
        "last_name": "Sow",
        "desk": network.casablanca_desk.pk,
        "consent_processing": "on",
        **changes,
    }


def _sign_up(client, outbox, network, capture, **changes):
    with capture(execute=True):
        first = client.post(reverse("me:sign_up"), _sign_up_form(network, **changes))
    assert first.status_code == 302 and first.url == reverse("me:sign_up_code")
    return client.post(reverse("me:sign_up_code"), {"code": last_code(outbox)})


def test_a_person_opens_their_file_with_a_code_and_is_signed_in(
    client, network, outbox, django_capture_on_commit_callbacks
):
    response = _sign_up(client, outbox, network, django_capture_on_commit_callbacks, consent_contact="on")
    assert response.status_code == 302 and response.url == reverse("me:home")
    person = Beneficiary.objects.get(first_name="Fatou")
    assert str(person.phone) == NEW_PHONE_E164 and person.desk == network.casablanca_desk
    assert person.account is not None and not person.account.has_usable_password()
    assert person.file_number in client.get(reverse("me:home")).content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.FILE_CREATE, object_id=person.public_id).exists()


def test_sign_up_records_consent_with_its_text_version_date_online_channel_and_the_person(
    client, network, outbox, django_capture_on_commit_callbacks
):
    _sign_up(client, outbox, network, django_capture_on_commit_callbacks)
    person = Beneficiary.objects.get(first_name="Fatou")
    [consent] = person.consents.all()  # no consent to be contacted: it was not ticked
    assert consent.purpose == ConsentPurpose.PROCESSING
    assert consent.text_version == CONSENT_TEXT_VERSION
    assert consent.channel == ConsentChannel.ONLINE
    assert consent.recorded_by == person.account and consent.given_at is not None


def test_statistics_data_are_optional_and_explained_and_kept_when_given(
    client, network, outbox, django_capture_on_commit_callbacks
):
    page = client.get(reverse("me:sign_up")).content.decode()
    assert "statistiques" in page and "Année de naissance" in page
    _sign_up(
        client,
        outbox,
        network,
        django_capture_on_commit_callbacks,
        birth_year="1999",
        sex="female",
        nationality="Sénégal",
    )
    person = Beneficiary.objects.get(first_name="Fatou")
    assert (person.birth_year, person.sex, person.nationality) == (1999, "female", "Sénégal")


def test_without_consent_no_code_is_sent_and_the_person_is_told_why(client, network, outbox):
    response = client.post(reverse("me:sign_up"), _sign_up_form(network, consent_processing=""))
    assert response.status_code == 400
    assert "qu’avec votre consentement" in response.content.decode() or "avec votre consentement" in (
        response.content.decode()
    )
    assert not (outbox / "sms.jsonl").exists()
    assert not Beneficiary.objects.filter(first_name="Fatou").exists()


def test_a_wrong_code_creates_no_file(client, network, outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("me:sign_up"), _sign_up_form(network))
    wrong = "000000" if last_code(outbox) != "000000" else "111111"
    assert client.post(reverse("me:sign_up_code"), {"code": wrong}).status_code == 400
    assert not Beneficiary.objects.filter(first_name="Fatou").exists()
    assert client.get(reverse("me:home")).status_code == 302


def test_a_bad_phone_number_is_a_clear_400(client, network, outbox):
    response = client.post(reverse("me:sign_up"), _sign_up_form(network, destination="12"))
    assert response.status_code == 400
    assert "Saisissez un numéro de téléphone ou une adresse e-mail valide." in response.content.decode()


def test_signing_up_with_a_known_phone_answers_the_same_and_signs_in_to_the_existing_file(
    client, network, outbox, django_capture_on_commit_callbacks
):
    existing = network.casablanca_file
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("me:sign_up"), _sign_up_form(network, destination=existing.phone.as_e164))
    client.session.flush()
    with django_capture_on_commit_callbacks(execute=True):
        unknown = client.post(reverse("me:sign_up"), _sign_up_form(network))
    # The first step says nothing about whether the number is known.
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    response = _sign_up(
        client, outbox, network, django_capture_on_commit_callbacks, destination=existing.phone.as_e164, first_name="X"
    )
    assert response.url == reverse("me:home")
    existing.refresh_from_db()
    assert existing.first_name == "Aminata" and existing.account is not None
    assert not Beneficiary.objects.filter(first_name="X").exists()
    assert existing.file_number in client.get(reverse("me:home")).content.decode()


def test_a_person_signs_up_by_e_mail(client, network, outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("me:sign_up"), _sign_up_form(network, destination="Fatou.Sow@Example.org"))
    client.post(reverse("me:sign_up_code"), {"code": last_code(outbox, "email")})
    person = Beneficiary.objects.get(first_name="Fatou")
    assert person.email == "fatou.sow@example.org" and not person.phone


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_sign_up_page_opens_in_each_language(client, db, language):
    title = {"fr": "Ouvrir mon dossier", "ar": "فتح ملفي", "en": "Open my file"}[language]
    assert title in client.get(f"/{language}/me/sign-up/").content.decode()


# A counsellor links an account to a walk-in's file


@pytest.fixture
def walk_in(network):
    return f.BeneficiaryFactory(desk=network.casablanca_desk, first_name="Mariam", phone="", account=None)


def _link(client, outbox, person, capture, destination=NEW_PHONE):
    with capture(execute=True):
        first = client.post(
            reverse("people:account_link", kwargs={"public_id": person.public_id}), {"destination": destination}
        )
    assert first.status_code == 302
    code = last_code(outbox, "email" if "@" in destination else "sms")
    return client.post(reverse("people:account_link_code", kwargs={"public_id": person.public_id}), {"code": code})


def test_a_counsellor_links_an_account_with_the_code_the_person_received_and_it_is_audited(
    client, network, walk_in, outbox, django_capture_on_commit_callbacks
):
    staff_sign_in(client, network.casablanca_counsellor)
    assert "Lier un compte" in client.get(walk_in.get_absolute_url()).content.decode()
    response = _link(client, outbox, walk_in, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    walk_in.refresh_from_db()
    assert walk_in.account is not None and str(walk_in.phone) == NEW_PHONE_E164
    event = AuditEvent.objects.get(action=AuditAction.ACCOUNT_LINK)
    assert event.actor == network.casablanca_counsellor and event.object_id == walk_in.public_id
    assert "671234567" not in event.detail


def test_after_linking_the_person_signs_in_themselves(
    client, network, walk_in, outbox, django_capture_on_commit_callbacks
):
    staff_sign_in(client, network.casablanca_counsellor)
    _link(client, outbox, walk_in, django_capture_on_commit_callbacks)
    client.post(reverse("accounts:sign_out"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("me:sign_in"), {"destination": NEW_PHONE})
    assert client.post(reverse("me:code"), {"code": last_code(outbox)}).url == reverse("me:home")
    assert walk_in.file_number in client.get(reverse("me:home")).content.decode()


def test_a_wrong_code_links_nothing(client, network, walk_in, outbox, django_capture_on_commit_callbacks):
    staff_sign_in(client, network.casablanca_counsellor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("people:account_link", kwargs={"public_id": walk_in.public_id}), {"destination": NEW_PHONE})
    wrong = "000000" if last_code(outbox) != "000000" else "111111"
    response = client.post(
        reverse("people:account_link_code", kwargs={"public_id": walk_in.public_id}), {"code": wrong}
    )
    assert response.status_code == 400
    walk_in.refresh_from_db()
    assert walk_in.account is None and not walk_in.phone


def test_a_phone_already_on_another_file_is_refused_without_naming_it(
    client, network, walk_in, outbox, django_capture_on_commit_callbacks
):
    staff_sign_in(client, network.casablanca_counsellor)
    other = f.BeneficiaryFactory(desk=network.rabat_desk, proven=True)  # the number opens that file
    _link(client, outbox, walk_in, django_capture_on_commit_callbacks, destination=other.phone.as_e164)
    page = client.get(walk_in.get_absolute_url()).content.decode()
    assert "déjà sur un autre dossier" in page
    assert other.file_number not in page and other.first_name not in page
    walk_in.refresh_from_db()
    assert walk_in.account is None


def test_a_code_sent_for_one_file_cannot_link_another(
    client, network, walk_in, outbox, django_capture_on_commit_callbacks
):
    staff_sign_in(client, network.casablanca_counsellor)
    other = f.BeneficiaryFactory(desk=network.casablanca_desk, phone="", account=None)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("people:account_link", kwargs={"public_id": walk_in.public_id}), {"destination": NEW_PHONE})
    response = client.post(
        reverse("people:account_link_code", kwargs={"public_id": other.public_id}), {"code": last_code(outbox)}
    )
    assert response.status_code == 302 and response.url == reverse(
        "people:account_link", kwargs={"public_id": other.public_id}
    )
    other.refresh_from_db()
    assert other.account is None


def test_sign_up_by_phone_over_the_http_sms_gateway(client, network, sms_over_http, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("me:sign_up"), _sign_up_form(network))
    [request] = sms_over_http.received
    assert request["json"]["to"] == NEW_PHONE_E164
    code = re.search(r"\d{6}", request["json"]["text"]).group()
    assert client.post(reverse("me:sign_up_code"), {"code": code}).url == reverse("me:home")
    assert Beneficiary.objects.get(first_name="Fatou").account is not None


def test_linking_pages_of_another_desk_are_404_and_the_refusal_is_audited(client, network, walk_in):
    staff_sign_in(client, network.rabat_counsellor)
    for name in ("people:account_link", "people:account_link_code"):
        assert client.get(reverse(name, kwargs={"public_id": walk_in.public_id})).status_code == 404
    refused = AuditEvent.objects.filter(action=AuditAction.ACCESS_REFUSED, actor=network.rabat_counsellor)
    assert refused.filter(object_id=walk_in.public_id).count() == 2


def test_a_sign_up_whose_file_cannot_be_written_leaves_the_code_usable_and_writes_nothing(
    client, network, outbox, django_capture_on_commit_callbacks, monkeypatch
):
    """The code is checked and the file written in one transaction: a failed write does not burn the code."""
    from django.db import DatabaseError

    from people import file_accounts

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("me:sign_up"), _sign_up_form(network))
    code = last_code(outbox)

    def write_fails(*args, **kwargs):
        raise DatabaseError("the disk is full")

    monkeypatch.setattr(file_accounts, "file_save_new", write_fails)
    client.raise_request_exception = False
    assert client.post(reverse("me:sign_up_code"), {"code": code}).status_code == 500
    assert not Beneficiary.objects.filter(first_name="Fatou").exists()
    monkeypatch.undo()
    response = client.post(reverse("me:sign_up_code"), {"code": code})
    assert response.status_code == 302 and response.url == reverse("me:home")
    assert Beneficiary.objects.filter(first_name="Fatou").count() == 1


def test_wrong_codes_at_sign_up_are_counted_even_though_nothing_is_written(
    client, network, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("me:sign_up"), _sign_up_form(network))
    code = last_code(outbox)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        assert client.post(reverse("me:sign_up_code"), {"code": wrong}).status_code == 400
    # Five wrong answers spend the code: the right one no longer opens anything.
    assert client.post(reverse("me:sign_up_code"), {"code": code}).status_code == 400
    assert not Beneficiary.objects.filter(first_name="Fatou").exists()
