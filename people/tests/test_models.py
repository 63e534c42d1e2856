"""What the database itself guarantees about people's data."""

from __future__ import annotations

import io

import pytest
from cryptography.fernet import Fernet
from django.db import DatabaseError, IntegrityError, connection, transaction

from accounts.models import Role, StaffRole
from audit.models import AuditAction, AuditEvent, AuditObject
from catalog.tests.factories import DeskFactory, ProviderFactory, RegionFactory
from people import encryption
from people.models import Beneficiary, ConsentPurpose
from people.tests import factories as f


def _raw(beneficiary: Beneficiary, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM people_beneficiary WHERE id = %s", [beneficiary.pk])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_residence_document_number_and_status_are_not_stored_in_clear():
    person = f.BeneficiaryFactory(residence_document_number="RC1234567X", residence_status="refugee")
    assert "RC1234567X" not in _raw(person, "residence_document_number")
    assert "refugee" not in _raw(person, "residence_status")
    assert _raw(person, "residence_document_number").startswith(encryption.TOKEN_PREFIX)
    again = Beneficiary.objects.get(pk=person.pk)
    assert (again.residence_document_number, again.residence_status) == ("RC1234567X", "refugee")


@pytest.mark.django_db
def test_empty_sensitive_fields_stay_empty():
    person = f.BeneficiaryFactory(residence_document_number="", residence_status="")
    assert _raw(person, "residence_document_number") == ""


@pytest.mark.django_db
def test_values_encrypted_with_an_old_key_still_read_after_a_new_key_is_added(settings):
    old_key = settings.GUICHET_FIELD_ENCRYPTION_KEYS[0]
    person = f.BeneficiaryFactory(residence_document_number="RC7654321Y")
    token = _raw(person, "residence_document_number")
    new_key = Fernet.generate_key().decode()
    settings.GUICHET_FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    assert Beneficiary.objects.get(pk=person.pk).residence_document_number == "RC7654321Y"
    rotated = encryption.rotate(token)
    settings.GUICHET_FIELD_ENCRYPTION_KEYS = [new_key]
    assert encryption.decrypt(rotated) == "RC7654321Y"


@pytest.mark.django_db
def test_a_counsellor_role_needs_a_desk_and_nothing_else():
    user = f.UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffRole.objects.create(user=user, role=Role.COUNSELLOR)
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffRole.objects.create(user=user, role=Role.COUNSELLOR, desk=DeskFactory(), provider=ProviderFactory())


@pytest.mark.django_db
def test_provider_staff_are_scoped_to_one_provider_and_admins_to_a_region_or_the_nation():
    user = f.UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffRole.objects.create(user=user, role=Role.PROVIDER_STAFF, desk=DeskFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffRole.objects.create(user=user, role=Role.NETWORK_ADMIN, desk=DeskFactory())
    StaffRole.objects.create(user=user, role=Role.NETWORK_ADMIN, region=RegionFactory())
    StaffRole.objects.create(user=user, role=Role.NETWORK_ADMIN)
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffRole.objects.create(user=user, role=Role.NETWORK_ADMIN)


@pytest.mark.django_db
def test_a_counsellor_is_given_a_desk_once():
    role = f.StaffRoleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffRole.objects.create(user=role.user, role=Role.COUNSELLOR, desk=role.desk)


@pytest.mark.django_db
def test_only_one_live_consent_per_purpose():
    consent = f.ConsentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        f.ConsentFactory(beneficiary=consent.beneficiary, purpose=ConsentPurpose.PROCESSING)


@pytest.mark.django_db
def test_a_file_cannot_be_deleted_while_it_has_notes():
    note = f.NoteFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Beneficiary.objects.filter(pk=note.beneficiary_id).delete()


@pytest.mark.django_db
def test_implausible_year_of_birth_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        f.BeneficiaryFactory(birth_year=1492)


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="The append-only trigger exists on PostgreSQL only (production and CI)."
)
def test_the_audit_log_refuses_update_and_delete_on_postgresql():
    event = AuditEvent.objects.create(action=AuditAction.FILE_READ, object_type=AuditObject.BENEFICIARY, object_id="1")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(object_id="2")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).object_id == "1"


@pytest.mark.django_db
def test_rotation_command_re_encrypts_so_the_old_key_can_be_dropped(settings):
    from django.core.management import call_command

    old_key = settings.GUICHET_FIELD_ENCRYPTION_KEYS[0]
    person = f.BeneficiaryFactory(residence_document_number="RC1111111Z")
    new_key = Fernet.generate_key().decode()
    settings.GUICHET_FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    out = io.StringIO()
    call_command("rotate_field_encryption", stdout=out)
    assert "Files re-encrypted with the newest key: 1." in out.getvalue()
    settings.GUICHET_FIELD_ENCRYPTION_KEYS = [new_key]
    assert Beneficiary.objects.get(pk=person.pk).residence_document_number == "RC1111111Z"
