"""A person's rights, exercised through a counsellor: see everything, withdraw consent, be erased."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from core.actor import Actor, system
from people import rights, services
from people.export import EXPORTED_RELATIONS, NOT_PERSONAL_RELATIONS, beneficiary_export
from people.models import Beneficiary, Consent, DocumentHeld, ErasedFile, Note
from people.tests import factories as f
from people.tests.staff import staff_sign_in


def _personal_models() -> set[str]:
    """Models with a foreign key to a file, or declaring ``holds_personal_data`` (introspected, all apps)."""
    labels = set()
    for model in apps.get_models(include_auto_created=True):
        if model is Beneficiary or model._meta.auto_created:
            continue
        points_at_a_file = any(
            field.is_relation and field.concrete and field.related_model is Beneficiary
            for field in model._meta.get_fields()
        )
        if points_at_a_file or getattr(model, "holds_personal_data", False):
            labels.add(model._meta.label_lower)
    return labels


def test_every_model_holding_personal_data_is_exported():
    """Add a model with a foreign key to Beneficiary (or marked personal), and this fails until export.py has it."""
    assert _personal_models() == set(EXPORTED_RELATIONS) | NOT_PERSONAL_RELATIONS


def test_the_completeness_check_sees_a_new_model_pointing_at_a_file():
    """The check above is not blind: a model added at run time with a key to a file shows up as unexported."""
    from django.db import models

    class Appointment(models.Model):
        beneficiary = models.ForeignKey(Beneficiary, on_delete=models.RESTRICT)

        class Meta:
            app_label = "people"

        def __str__(self) -> str:
            return str(self.pk)

    try:
        assert "people.appointment" in _personal_models() - set(EXPORTED_RELATIONS)
    finally:
        del apps.all_models["people"]["appointment"]
        apps.clear_cache()


def _an_appointment(network) -> None:
    """A row in the appointments' table (a higher app's section of the export, people/export.py)."""
    import datetime

    from django.utils import timezone

    from appointments.models import Appointment, BookedVia
    from appointments.tests.factories import MeetingReasonFactory

    file = network.casablanca_file
    start = timezone.now() + datetime.timedelta(days=3)
    Appointment.objects.create(
        desk=file.desk,
        reason=MeetingReasonFactory(desks=[file.desk]),
        counsellor=network.casablanca_counsellor,
        beneficiary=file,
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=30),
        booked_via=BookedVia.DESK,
    )


def _a_ticket(network) -> None:
    """A walk-in ticket attached to the file (another higher app's section of the export)."""
    from django.utils import timezone

    from appointments.models import Ticket

    Ticket.objects.create(
        desk=network.casablanca_file.desk,
        day=timezone.localdate(),
        number=1,
        language="fr",
        beneficiary=network.casablanca_file,
    )


def test_each_exported_table_fills_its_section(network):
    """A file with one row in every personal table: every section of the export holds it."""
    services.beneficiary_open(
        actor=Actor(user=network.casablanca_counsellor), public_id=network.casablanca_file.public_id
    )
    _an_appointment(network)
    _a_ticket(network)
    data = beneficiary_export(beneficiary=network.casablanca_file)
    for label, section in EXPORTED_RELATIONS.items():
        assert data[section], label


def test_the_export_holds_every_field_of_the_file(network):
    person = network.casablanca_file
    data = beneficiary_export(beneficiary=person)
    concrete = {
        field.name
        for field in Beneficiary._meta.get_fields()
        if field.concrete and not field.auto_created and field.name not in {"desk", "account"}
    }
    assert concrete <= set(data["file"])
    assert data["file"]["residence_document_number"] == person.residence_document_number
    assert [n["text"] for n in data["notes"]] == ["Casablanca note"]
    assert len(data["documents"]) == len(data["consents"]) == len(data["applications"]) == 1
    assert "referrals" not in data
    assert data["orientation_results"][0]["appraisal"] == "Precise hands; wants to start soon."


def test_a_counsellor_downloads_a_file_as_json_audited_and_named_by_number(client, network):
    staff_sign_in(client, network.casablanca_counsellor)
    response = client.get(reverse("people:beneficiary_export", kwargs={"public_id": network.casablanca_file.public_id}))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == f'attachment; filename="guichet-{network.casablanca_file.file_number}.json"'
    )
    assert json.loads(response.content)["file"]["first_name"] == "Aminata"
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=network.casablanca_counsellor).count() == 1


def test_withdrawing_consent_keeps_the_record_dated(client, network):
    staff_sign_in(client, network.casablanca_counsellor)
    consent = network.casablanca_consent
    url = reverse(
        "people:consent_withdraw",
        kwargs={"public_id": network.casablanca_file.public_id, "consent_id": consent.public_id},
    )
    assert client.post(url).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert AuditEvent.objects.filter(action=AuditAction.CONSENT_WITHDRAW).count() == 1


def test_erasure_removes_the_person_and_keeps_an_anonymous_count(client, network):
    person = network.casablanca_file
    account = f.UserFactory(username="aminata-account")
    Beneficiary.objects.filter(pk=person.pk).update(account=account)
    staff_sign_in(client, network.casablanca_counsellor)
    client.get(person.get_absolute_url())
    response = client.post(reverse("people:beneficiary_erase", kwargs={"public_id": person.public_id}))
    assert response.status_code == 302
    assert not Beneficiary.objects.filter(pk=person.pk).exists()
    for model in (Note, Consent, DocumentHeld):
        assert not model.objects.filter(beneficiary_id=person.pk).exists()
    assert not type(account).objects.filter(pk=account.pk).exists()
    erased = ErasedFile.objects.get()
    assert erased.desk == network.casablanca_desk and erased.created_month.day == 1
    assert AuditEvent.objects.filter(action=AuditAction.FILE_ERASE, object_id=person.public_id).exists()
    # The audit log survives the erasure, with no personal value in it.
    values = AuditEvent.objects.values_list("detail", "object_id")
    assert AuditEvent.objects.filter(action=AuditAction.FILE_READ, object_id=person.public_id).exists()
    assert not any(person.first_name in detail or person.residence_document_number in detail for detail, _ in values)


def test_erasing_a_file_of_another_desk_is_404_and_erases_nothing(client, network):
    staff_sign_in(client, network.rabat_counsellor)
    response = client.post(reverse("people:beneficiary_erase", kwargs={"public_id": network.casablanca_file.public_id}))
    assert response.status_code == 404
    assert Beneficiary.objects.filter(pk=network.casablanca_file.pk).exists()
    assert not ErasedFile.objects.exists()


@pytest.mark.usefixtures("strict_templates")
def test_the_erase_page_asks_for_confirmation(client, network):
    staff_sign_in(client, network.casablanca_counsellor)
    response = client.get(reverse("people:beneficiary_erase", kwargs={"public_id": network.casablanca_file.public_id}))
    assert response.status_code == 200
    assert Beneficiary.objects.filter(pk=network.casablanca_file.pk).exists()


def test_the_service_erases_for_retention_without_a_user(network):
    erased = rights.beneficiary_erase(beneficiary=network.rabat_file, reason="retention", actor=system)
    assert erased.reason == "retention"
    assert AuditEvent.objects.get(action=AuditAction.FILE_ERASE).actor is None
