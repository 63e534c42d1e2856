"""A phone number or e-mail address opens a file only once the person proved it with a code (safety bar 18).

What staff type or change is unproven and opens nothing: a typo must not
hand a file to whoever holds the mistyped number.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from core.actor import Actor
from notifications.tests.outbox import last_code
from people import services
from people.models import Beneficiary
from people.tests import factories as f
from people.tests.staff import staff_sign_in

pytestmark = pytest.mark.usefixtures("strict_templates")
TYPED_PHONE = "+212677000001"
OTHER_PHONE = "+212677000002"


def _sign_in(client, outbox, destination: str, capture):
    """Both steps of the person's sign-in: what the first step answers, and what the code step answers."""
    with capture(execute=True):
        first = client.post(reverse("me:sign_in"), {"destination": destination})
    second = client.post(reverse("me:code"), {"code": last_code(outbox, "email" if "@" in destination else "sms")})
    return first, second, [str(m) for m in second.wsgi_request._messages]


def _staff_file(network, **profile) -> Beneficiary:
    """A file opened by a counsellor, as the workspace does it."""
    return services.beneficiary_create(
        actor=Actor(user=network.casablanca_counsellor),
        desk=network.casablanca_desk,
        profile={"first_name": "Mariam", "residence_document_number": "RC-SECRET-77", **profile},
    )


def _link(client, outbox, person, capture, destination):
    with capture(execute=True):
        client.post(
            reverse("people:account_link", kwargs={"public_id": person.public_id}), {"destination": destination}
        )
    code = last_code(outbox, "email" if "@" in destination else "sms")
    return client.post(reverse("people:account_link_code", kwargs={"public_id": person.public_id}), {"code": code})


def _edit(client, person, **changes):
    form = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "phone": person.phone.as_e164 if person.phone else "",
        "email": person.email,
        **changes,
    }
    return client.post(reverse("people:beneficiary_edit", kwargs={"public_id": person.public_id}), form)


def test_a_phone_typed_by_staff_opens_nothing_and_answers_like_an_unknown_number(
    client, network, outbox, django_capture_on_commit_callbacks
):
    person = _staff_file(network, phone=TYPED_PHONE)
    typed = _sign_in(client, outbox, TYPED_PHONE, django_capture_on_commit_callbacks)
    client.cookies.clear()  # a new visitor: no session, no message left over
    unknown = _sign_in(client, outbox, OTHER_PHONE, django_capture_on_commit_callbacks)
    assert [(r.status_code, r.url) for r in typed[:2]] == [(r.status_code, r.url) for r in unknown[:2]]
    assert typed[1].url == reverse("me:sign_in") and typed[2] == unknown[2]
    page = client.get(reverse("me:home"))
    assert page.status_code == 302 and "RC-SECRET-77" not in page.content.decode()
    person.refresh_from_db()
    assert person.account is None and person.phone_proven_at is None


def test_an_e_mail_typed_by_staff_opens_nothing(client, network, outbox, django_capture_on_commit_callbacks):
    person = _staff_file(network, email="mariam@example.org")
    _first, second, _messages = _sign_in(client, outbox, "mariam@example.org", django_capture_on_commit_callbacks)
    assert second.url == reverse("me:sign_in")
    person.refresh_from_db()
    assert person.account is None and person.email_proven_at is None


def test_after_the_person_proves_the_typed_phone_at_the_desk_it_opens_the_file(
    client, network, outbox, django_capture_on_commit_callbacks
):
    person = _staff_file(network, phone=TYPED_PHONE)
    staff_sign_in(client, network.casablanca_counsellor)
    assert _link(client, outbox, person, django_capture_on_commit_callbacks, TYPED_PHONE).status_code == 302
    person.refresh_from_db()
    assert person.phone_proven_at is not None and person.email_proven_at is None
    client.post(reverse("accounts:sign_out"))
    _first, second, _messages = _sign_in(client, outbox, TYPED_PHONE, django_capture_on_commit_callbacks)
    assert second.url == reverse("me:home")
    assert "RC-SECRET-77" in client.get(reverse("me:home")).content.decode()


def test_staff_changing_a_proven_phone_makes_it_unproven_and_the_new_number_opens_nothing(
    client, network, outbox, django_capture_on_commit_callbacks
):
    person = network.casablanca_file
    assert person.phone_proven_at is not None
    staff_sign_in(client, network.casablanca_counsellor)
    assert _edit(client, person, phone=TYPED_PHONE).status_code == 302
    person.refresh_from_db()
    assert person.phone.as_e164 == TYPED_PHONE and person.phone_proven_at is None
    client.post(reverse("accounts:sign_out"))
    _first, second, _messages = _sign_in(client, outbox, TYPED_PHONE, django_capture_on_commit_callbacks)
    assert second.url == reverse("me:sign_in")
    assert client.get(reverse("me:home")).status_code == 302


def test_staff_saving_a_file_without_changing_its_phone_keeps_it_proven(client, network):
    person = network.casablanca_file
    proven_at = person.phone_proven_at
    staff_sign_in(client, network.casablanca_counsellor)
    assert _edit(client, person, first_name="Aminata B.").status_code == 302
    person.refresh_from_db()
    assert person.first_name == "Aminata B." and person.phone_proven_at == proven_at


def test_staff_removing_a_proven_phone_removes_its_proof(client, network):
    person = network.casablanca_file
    staff_sign_in(client, network.casablanca_counsellor)
    assert _edit(client, person, phone="").status_code == 302
    person.refresh_from_db()
    assert not person.phone and person.phone_proven_at is None


def test_a_proven_phone_changed_back_and_forth_by_staff_stays_unproven(client, network):
    person = network.casablanca_file
    proven = person.phone.as_e164
    staff_sign_in(client, network.casablanca_counsellor)
    _edit(client, person, phone=TYPED_PHONE)
    person.refresh_from_db()
    _edit(client, person, phone=proven)
    person.refresh_from_db()
    assert person.phone.as_e164 == proven and person.phone_proven_at is None


def test_any_save_that_changes_a_contact_detail_without_a_new_proof_unproves_it(network):
    person = network.casablanca_file
    person.email, person.email_proven_at = "aminata@example.org", timezone.now()
    person.save()
    person = Beneficiary.objects.get(pk=person.pk)
    person.phone = TYPED_PHONE
    person.full_clean()  # validating first (and so clearing the proof in memory) still writes the clearing
    person.save(update_fields=["phone"])
    person.refresh_from_db()
    assert person.phone_proven_at is None and person.email_proven_at is not None
    person.email = "someone.else@example.org"
    person.save()
    person.refresh_from_db()
    assert person.email_proven_at is None


def test_the_database_refuses_a_proof_without_a_detail(network):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Beneficiary.objects.filter(pk=network.casablanca_file.pk).update(phone="")


def test_the_counsellor_proves_a_new_number_on_a_file_that_has_an_account_and_keeps_the_account(
    client, network, outbox, django_capture_on_commit_callbacks
):
    person = network.casablanca_file
    account = person.account = f.UserFactory(username="person-aminata")
    person.save(update_fields=["account"])
    staff_sign_in(client, network.casablanca_counsellor)
    _edit(client, person, phone=TYPED_PHONE)
    page = client.get(person.get_absolute_url()).content.decode()
    assert reverse("people:account_link", kwargs={"public_id": person.public_id}) in page
    assert _link(client, outbox, person, django_capture_on_commit_callbacks, TYPED_PHONE).status_code == 302
    person.refresh_from_db()
    assert person.account == account and person.phone_proven_at is not None
    client.post(reverse("accounts:sign_out"))
    assert _sign_in(client, outbox, TYPED_PHONE, django_capture_on_commit_callbacks)[1].url == reverse("me:home")


def test_a_number_only_typed_on_another_file_does_not_stop_the_person_proving_it(
    client, network, outbox, django_capture_on_commit_callbacks
):
    typo = _staff_file(network, phone=TYPED_PHONE, first_name="Typo")
    person = _staff_file(network)
    staff_sign_in(client, network.casablanca_counsellor)
    _link(client, outbox, person, django_capture_on_commit_callbacks, TYPED_PHONE)
    person.refresh_from_db()
    typo.refresh_from_db()
    assert person.phone.as_e164 == TYPED_PHONE and person.phone_proven_at is not None
    assert typo.phone_proven_at is None and typo.account is None


def test_signing_up_with_a_number_only_typed_by_staff_opens_a_file_of_ones_own(
    client, network, outbox, django_capture_on_commit_callbacks
):
    typo = _staff_file(network, phone=TYPED_PHONE)
    form = {
        "destination": TYPED_PHONE,
        "first_name": "Fatou",
        "desk": network.casablanca_desk.pk,
        "consent_processing": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("me:sign_up"), form)
    response = client.post(reverse("me:sign_up_code"), {"code": last_code(outbox)})
    assert response.url == reverse("me:home")
    page = client.get(reverse("me:home")).content.decode()
    assert "Fatou" in page and "RC-SECRET-77" not in page and typo.file_number not in page
    own = Beneficiary.objects.get(first_name="Fatou")
    assert own.phone.as_e164 == TYPED_PHONE and own.phone_proven_at is not None
    typo.refresh_from_db()
    assert typo.account is None and typo.phone_proven_at is None


PROVEN = {"fr": "vérifié par un code", "ar": "تم التحقق منه برمز", "en": "proven with a code"}
NOT_PROVEN = {"fr": "non vérifié", "ar": "لم يتم التحقق منه", "en": "not proven"}


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_persons_space_says_which_contact_details_are_proven(client, network, language):
    person = network.casablanca_file
    Beneficiary.objects.filter(pk=person.pk).update(email="aminata@example.org")
    person.account = f.UserFactory(username="person-aminata")
    person.save(update_fields=["account"])
    client.force_login(person.account)
    page = client.get(f"/{language}/me/").content.decode()
    phone_row = page[page.index(person.phone.as_e164) :]
    email_row = page[page.index("aminata@example.org") :]
    assert phone_row.index(PROVEN[language]) < phone_row.index("</div>")
    assert email_row.index(NOT_PROVEN[language]) < email_row.index("</div>")


def test_the_data_copy_says_which_contact_details_are_proven_and_since_when(client, network):
    person = network.casablanca_file
    Beneficiary.objects.filter(pk=person.pk).update(email="aminata@example.org")
    person.refresh_from_db()
    person.account = f.UserFactory(username="person-aminata")
    person.save(update_fields=["account"])
    client.force_login(person.account)
    data = json.loads(client.get(reverse("me:download")).content)["file"]
    assert data["phone_proven_at"] == person.phone_proven_at.isoformat()
    assert data["email"] == "aminata@example.org" and data["email_proven_at"] is None


def test_the_counsellor_sees_which_contact_details_are_proven(client, network):
    person = network.casablanca_file
    Beneficiary.objects.filter(pk=person.pk).update(email="aminata@example.org")
    staff_sign_in(client, network.casablanca_counsellor)
    page = client.get(person.get_absolute_url()).content.decode()
    assert page.count("vérifié par un code") == 1 and page.count("non vérifié") == 1


def test_existing_details_are_proven_only_where_the_audit_log_shows_a_code_and_no_change_since(network):
    """The migration's rule: a sign-up or a link proves a detail, a staff change undoes it; an account proves none."""
    import importlib

    from django.apps import apps

    from audit.models import AuditAction, AuditEvent, AuditObject

    migration = importlib.import_module("people.migrations.0012_beneficiary_contact_proofs")
    signed_up = f.BeneficiaryFactory(email="fatou@example.org", phone="")
    linked = f.BeneficiaryFactory(email="mariam@example.org")
    linked_then_changed = f.BeneficiaryFactory()
    signed_in_on_a_typed_number = f.BeneficiaryFactory(account=f.UserFactory())
    linked_since_public_ids = f.BeneficiaryFactory()

    def line(person, action, detail, object_id=None):
        kind = AuditObject.BENEFICIARY
        object_id = object_id or person.pk  # lines written before public ids name the database id
        AuditEvent.objects.create(action=action, object_type=kind, object_id=object_id, detail=detail)

    line(signed_up, AuditAction.FILE_CREATE, "sign-up; consent: processing")
    line(linked, AuditAction.FILE_CREATE, "consent: processing")
    line(linked, AuditAction.ACCOUNT_LINK, "phone")
    line(linked_then_changed, AuditAction.ACCOUNT_LINK, "phone")
    line(linked_then_changed, AuditAction.FILE_UPDATE, "first_name,phone")
    line(signed_in_on_a_typed_number, AuditAction.FILE_CREATE, "consent: processing")
    line(linked_since_public_ids, AuditAction.ACCOUNT_LINK, "phone", object_id=linked_since_public_ids.public_id)
    Beneficiary.objects.update(phone_proven_at=None, email_proven_at=None)

    migration.prove_contacts_with_evidence(apps, None)

    proofs = {
        b.pk: (b.phone_proven_at is not None, b.email_proven_at is not None)
        for b in Beneficiary.objects.filter(
            pk__in=[
                signed_up.pk,
                linked.pk,
                linked_then_changed.pk,
                signed_in_on_a_typed_number.pk,
                linked_since_public_ids.pk,
            ]
        )
    }
    assert proofs == {
        signed_up.pk: (False, True),
        linked.pk: (True, False),
        linked_then_changed.pk: (False, False),
        signed_in_on_a_typed_number.pk: (False, False),
        linked_since_public_ids.pk: (True, False),
    }
