"""The audit log page: network administrators only, scoped to their region, filtered, paginated, itself audited."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditEvent, AuditObject
from audit.services import audit_record
from core.actor import Actor
from people.tests.staff import staff_sign_in
from people.views import AUDIT_PAGE_SIZE

URL = "people:audit_log"


@pytest.fixture
def reads(network) -> dict[str, AuditEvent]:
    """One file read at each desk, by its counsellor."""
    return {
        "casablanca": audit_record(
            actor=Actor(user=network.casablanca_counsellor),
            action=AuditAction.FILE_READ,
            obj=network.casablanca_file,
        ),
        "rabat": audit_record(
            actor=Actor(user=network.rabat_counsellor),
            action=AuditAction.FILE_READ,
            obj=network.rabat_file,
        ),
    }


def _rows(client, **params) -> str:
    response = client.get(reverse(URL), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_national_administrator_sees_events_of_every_desk(client, network, reads):
    staff_sign_in(client, network.national_admin)
    body = _rows(client)
    assert "casa-counsellor" in body and "rabat-counsellor" in body


def test_a_regional_administrator_sees_only_their_regions_desks(client, network, reads):
    staff_sign_in(client, network.rabat_admin)
    body = _rows(client)
    assert "rabat-counsellor" in body
    assert "casa-counsellor" not in body
    staff_sign_in(client, network.casablanca_admin)
    body = _rows(client)
    assert "casa-counsellor" in body and "rabat-counsellor" not in body


def test_filters_by_who_action_record_and_dates(client, network, reads):
    audit_record(actor=Actor(user=network.rabat_counsellor), action=AuditAction.SEARCH)
    staff_sign_in(client, network.national_admin)
    assert "casa-counsellor" not in _rows(client, actor="rabat-counsellor")
    body = _rows(client, action=AuditAction.SEARCH)
    assert "Recherche de dossiers</td>" in body and "Dossier consulté</td>" not in body
    body = _rows(client, object_type=AuditObject.BENEFICIARY, object_id=network.casablanca_file.public_id)
    assert "casa-counsellor" in body and "rabat-counsellor" not in body
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert "Aucun événement" in _rows(client, since=tomorrow.isoformat())
    assert "casa-counsellor" in _rows(client, until=timezone.localdate().isoformat())


def test_a_start_after_the_end_is_a_clear_error_not_a_500(client, network, reads):
    staff_sign_in(client, network.national_admin)
    response = client.get(reverse(URL), {"since": "2026-05-02", "until": "2026-05-01"})
    assert response.status_code == 400
    assert "La date de début doit précéder la date de fin." in response.content.decode()


@pytest.mark.parametrize(
    "filters",
    [
        {"until": "9999-12-31"},
        {"since": "0001-01-01"},
        {"since": "1999-12-31"},
        {"until": "tomorrow"},
        {"since": "2026-05-02", "until": "2026-05-01"},
        {"action": "dance"},
    ],
)
def test_an_invalid_filter_is_400_and_shows_no_line_not_the_whole_log(client, network, reads, filters):
    staff_sign_in(client, network.national_admin)
    response = client.get(reverse(URL), filters)
    assert response.status_code == 400
    body = response.content.decode()
    assert "casa-counsellor" not in body and "rabat-counsellor" not in body
    assert "Aucun événement" in body


def test_a_date_out_of_bounds_says_which_dates_the_log_holds(client, network, reads):
    staff_sign_in(client, network.national_admin)
    body = client.get(reverse(URL), {"until": "9999-12-31"}).content.decode()
    assert "Choisissez un jour entre le 2000-01-01 et le" in body


def test_the_log_is_paginated(client, network):
    AuditEvent.objects.bulk_create(
        AuditEvent(actor=network.rabat_counsellor, action=AuditAction.SEARCH) for _ in range(AUDIT_PAGE_SIZE + 5)
    )
    staff_sign_in(client, network.national_admin)
    first, second = _rows(client), _rows(client, page=2)
    assert first.count("<tr><td>") == AUDIT_PAGE_SIZE
    assert 'rel="next"' in first and 'rel="prev"' in second
    # 55 searches, the sign-in and the two readings of the log: 58 lines, 8 on page 2.
    assert second.count("<tr><td>") == 8


def test_reading_the_log_is_audited_with_filter_names_not_values(client, network, reads):
    staff_sign_in(client, network.national_admin)
    _rows(client, actor="rabat-counsellor")
    event = AuditEvent.objects.get(action=AuditAction.AUDIT_READ)
    assert event.actor == network.national_admin
    assert event.detail == "actor"


def test_the_log_never_shows_sensitive_values(client, network):
    staff_sign_in(client, network.casablanca_counsellor)
    client.get(network.casablanca_file.get_absolute_url())
    client.post(
        reverse("people:beneficiary_edit", kwargs={"public_id": network.casablanca_file.public_id}),
        {"first_name": "Aminata", "nationality": "Mali", "residence_document_number": "ZZ998877"},
    )
    staff_sign_in(client, network.national_admin)
    body = _rows(client)
    assert "Dossier consulté</td>" in body
    for value in (
        "ZZ998877",
        "Mali",
        network.casablanca_file.residence_document_number,
        network.casablanca_file.phone.as_e164,
    ):
        assert value not in body


@pytest.mark.parametrize("who", ["casablanca_counsellor", "provider_staff", "no_role", "superuser"])
def test_other_roles_get_404_audited(client, network, who):
    staff_sign_in(client, getattr(network, who))
    assert client.get(reverse(URL)).status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_REFUSED, object_type=AuditObject.AUDIT).exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, network):
    response = client.get(reverse(URL))
    assert response.status_code == 302 and reverse("accounts:sign_in") in response.url
