"""Writes on files: scoped, consent recorded, every one audited without values."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from accounts.models import StaffRole
from audit.models import AuditAction, AuditEvent
from core.actor import Actor
from demo import accounts as demo_accounts
from demo import appointments as demo_appointments
from people import selectors, services
from people.models import Beneficiary, ConsentChannel, ConsentPurpose


def _create(network, **profile):
    return services.beneficiary_create(
        actor=Actor(user=network.casablanca_counsellor, ip_address="10.0.0.7"),
        desk=network.casablanca_desk,
        profile={"first_name": "Fatou", "last_name": "Sow", "phone": "0612345678", **profile},
        documents=[network.passport],
        consent_contact=True,
    )


def test_creating_a_file_records_consent_with_its_version_channel_and_counsellor(network):
    person = _create(network)
    consents = {c.purpose: c for c in person.consents.all()}
    assert set(consents) == {ConsentPurpose.PROCESSING, ConsentPurpose.CONTACT}
    processing = consents[ConsentPurpose.PROCESSING]
    assert processing.text_version == services.CONSENT_TEXT_VERSION
    assert processing.channel == ConsentChannel.IN_PERSON
    assert processing.recorded_by == network.casablanca_counsellor


def test_a_new_file_gets_a_file_number_and_an_e164_phone(network):
    person = Beneficiary.objects.get(pk=_create(network).pk)
    assert person.file_number.endswith(f"{person.pk:06d}")
    assert person.phone.as_e164 == "+212612345678"
    assert [d.document_type for d in person.documents.all()] == [network.passport]


def test_creating_a_file_is_audited_with_who_where_and_no_values(network):
    person = _create(network, residence_document_number="RC9999999Q")
    event = AuditEvent.objects.get(action=AuditAction.FILE_CREATE)
    assert (event.actor, event.object_id, event.ip_address) == (
        network.casablanca_counsellor,
        person.public_id,
        "10.0.0.7",
    )
    assert "RC9999999Q" not in event.detail and "Fatou" not in event.detail


def test_a_counsellor_cannot_create_a_file_at_another_desk(network):
    with pytest.raises(PermissionDenied):
        services.beneficiary_create(
            actor=Actor(user=network.casablanca_counsellor), desk=network.rabat_desk, profile={"first_name": "X"}
        )
    assert not Beneficiary.objects.filter(first_name="X").exists()


def test_an_invalid_phone_is_refused_and_nothing_is_written(network):
    with pytest.raises(ValidationError):
        _create(network, phone="12")
    assert not Beneficiary.objects.filter(first_name="Fatou").exists()


def test_opening_a_file_writes_one_read_event(network):
    services.beneficiary_open(
        actor=Actor(user=network.casablanca_counsellor, ip_address="10.0.0.1"),
        public_id=network.casablanca_file.public_id,
    )
    events = AuditEvent.objects.filter(action=AuditAction.FILE_READ)
    assert [(e.actor, e.object_id) for e in events] == [
        (network.casablanca_counsellor, network.casablanca_file.public_id)
    ]


def test_a_refused_file_is_audited_as_refused(network):
    with pytest.raises(Http404):
        services.beneficiary_open(
            actor=Actor(user=network.rabat_counsellor), public_id=network.casablanca_file.public_id
        )
    event = AuditEvent.objects.get()
    assert (event.action, event.actor) == (AuditAction.ACCESS_REFUSED, network.rabat_counsellor)


def test_an_update_names_the_changed_fields_not_their_values(network):
    person = network.casablanca_file
    services.beneficiary_update(
        actor=Actor(user=network.casablanca_counsellor),
        beneficiary=person,
        profile={"nationality": "Sénégal", "residence_document_number": "RC0000001A"},
        languages=[],
        documents=[],
    )
    event = AuditEvent.objects.get(action=AuditAction.FILE_UPDATE)
    assert event.detail == "nationality,residence_document_number"
    assert Beneficiary.objects.get(pk=person.pk).residence_document_number == "RC0000001A"


def test_a_counsellor_of_another_desk_cannot_write_a_note_or_mark_a_document(network):
    with pytest.raises(Http404):
        services.note_create(
            actor=Actor(user=network.rabat_counsellor), beneficiary=network.casablanca_file, text="hello"
        )
    with pytest.raises(Http404):
        services.document_mark_seen(
            actor=Actor(user=network.rabat_counsellor),
            beneficiary=network.casablanca_file,
            document_id=network.casablanca_document.public_id,
        )


def test_marking_a_document_seen_keeps_who_and_when_once(network):
    args = {
        "actor": Actor(user=network.casablanca_counsellor),
        "beneficiary": network.casablanca_file,
        "document_id": network.casablanca_document.public_id,
    }
    first = services.document_mark_seen(**args)
    again = services.document_mark_seen(**args)
    assert first.seen_by == network.casablanca_counsellor and again.seen_at == first.seen_at
    assert AuditEvent.objects.filter(action=AuditAction.DOCUMENT_SEEN).count() == 1


def test_a_document_of_another_file_cannot_be_marked_through_mine(network):
    with pytest.raises(Http404):
        services.document_mark_seen(
            actor=Actor(user=network.casablanca_counsellor),
            beneficiary=network.casablanca_file,
            document_id=network.rabat_document.public_id,
        )


def test_an_empty_note_is_refused(network):
    with pytest.raises(ValidationError):
        services.note_create(
            actor=Actor(user=network.casablanca_counsellor), beneficiary=network.casablanca_file, text="   "
        )


def test_the_demo_counsellor_sees_the_pilot_desk_files_and_loading_twice_adds_nothing(db):
    from django.core.management import call_command

    from demo.data.data import PILOT_DESK

    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    counsellor = StaffRole.objects.get(user__username=demo_accounts.DEMO_COUNSELLOR_USERNAME).user
    files = selectors.beneficiary_list(user=counsellor)
    assert files.count() == len(demo_accounts.DEMO_FILES) + len(demo_appointments.SYNTHETIC_FILES)
    assert {b.desk.slug for b in files} == {PILOT_DESK}
    assert counsellor.check_password(demo_accounts.DEMO_STAFF_PASSWORD)
