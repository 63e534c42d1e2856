"""A person's rights over their applications: erasure keeps anonymous counts and frees seats; the export of their
data holds every application and its history, never anyone's notes. On SQLite and PostgreSQL alike (on
PostgreSQL the log's append-only trigger allows exactly what erasure does)."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from applications import services
from applications.models import Application, ApplicationEvent, Reason, Role, State
from applications.tests.conftest import apply, as_provider
from catalog.models import Session
from core.actor import Actor, system
from core.panels import panels_render
from people import rights
from people.export import EXPORTED_RELATIONS, beneficiary_export
from people.models import ErasedFile, ErasureReason


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def busy(seats):
    """Person 0 holds a seat and was refused elsewhere with a note; person 2 waits for a seat."""
    first = apply(seats, seats.people[0])
    as_provider(seats, first, State.ACCEPTED)
    as_provider(seats, apply(seats, seats.people[1]), State.ACCEPTED)
    waiting = apply(seats, seats.people[2])
    as_provider(seats, waiting, State.WAIT_LISTED)
    refused = apply(seats, seats.people[0], session=seats.overlapping)
    services.application_move(
        actor=Actor(user=seats.other_staff),
        public_id=refused.public_id,
        to=State.REFUSED,
        role=Role.PROVIDER,
        reason=Reason.DOCUMENTS_MISSING,
        note="Aminata Person0 brought no diploma",
    )
    seats.first, seats.waiting, seats.refused = first, waiting, refused
    return seats


def test_erasing_a_file_withdraws_its_live_applications_and_offers_the_seat_on(busy):
    rights.beneficiary_erase(beneficiary=busy.people[0], reason=ErasureReason.REQUEST, actor=system)
    busy.first.refresh_from_db()
    busy.waiting.refresh_from_db()
    assert (busy.first.state, busy.first.reason) == (State.WITHDRAWN, Reason.FILE_ERASED)
    assert busy.waiting.state == State.OFFERED
    assert Session.objects.get(pk=busy.session.pk).seats_taken == 2  # freed, then taken by the offer


def test_an_erased_files_applications_stay_as_anonymous_counts_with_their_notes_blanked(busy):
    ids = {busy.first.pk, busy.refused.pk}
    rights.beneficiary_erase(beneficiary=busy.people[0], reason=ErasureReason.REQUEST, actor=system)
    kept = Application.objects.filter(pk__in=ids)
    assert kept.count() == 2 and all(a.beneficiary_id is None for a in kept)
    assert Application.objects.get(pk=busy.refused.pk).state == State.REFUSED  # decided: left as it was
    events = ApplicationEvent.objects.filter(application_id__in=ids)
    assert events.count() == 5  # submitted, accepted, withdrawn; submitted, refused: nothing removed
    assert not events.exclude(note="").exists()
    assert ErasedFile.objects.count() == 1


def test_the_export_holds_each_application_and_its_history_without_notes(busy):
    data = beneficiary_export(beneficiary=busy.people[0])
    assert "referrals" not in data
    by_programme = {row["programme"]: row for row in data["applications"]}
    refused = by_programme[busy.other_programme.title]
    assert refused["provider"] == busy.other_provider.name
    assert (refused["state"], refused["reason"]) == ("refused", "documents_missing")
    assert refused["session_start"] == busy.overlapping.start_date.isoformat()
    assert refused["applied_on"] == busy.refused.created_at.isoformat()
    assert [(h["from"], h["to"], h["role"], h["reason"]) for h in refused["history"]] == [
        ("", "submitted", "counsellor", ""),
        ("submitted", "refused", "provider", "documents_missing"),
    ]
    assert set(refused["history"][0]) == {"from", "to", "at", "role", "reason"}
    assert "brought no diploma" not in json.dumps(data)
    assert EXPORTED_RELATIONS["applications.application"] == "applications"


def test_the_pdf_export_puts_the_applications_in_words(busy):
    data = beneficiary_export(beneficiary=busy.people[0])
    html = panels_render("export_pdf", request=None, data=data)
    assert "Applications to trainings" in html and busy.other_programme.title in html
    assert "Not accepted" in html and "Documents missing" in html and "Training provider" in html
    assert "brought no diploma" not in html


def test_withdrawing_consent_reports_each_application_and_whether_its_provider_was_told(busy):
    busy.other_provider.email = ""
    busy.other_provider.save(update_fields=["email"])
    second = apply(busy, busy.people[0], session=busy.overlapping)  # live again, at a provider with no address
    consent = busy.people[0].consents.get()
    withdrawal = rights.consent_withdraw(
        actor=Actor(user=busy.counsellor), beneficiary=busy.people[0], consent_id=consent.public_id
    )
    told = {w.reference: w.provider_told for w in withdrawal.withdrawn}
    assert told == {busy.first.public_id: True, second.public_id: False}
    assert [w.provider_name for w in withdrawal.providers_not_told] == [busy.other_provider.name]
