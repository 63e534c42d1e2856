"""A person's appointments in their own space (/me/) and in the export of their data; the orientation results
offer a meeting."""

from __future__ import annotations

import datetime

import pytest

from appointments import notices, selectors, services
from core.actor import system
from people.export import beneficiary_export
from people.file_accounts import beneficiary_account_for


def _book_next(desk_day, person, after=None):
    after = after or datetime.datetime.now(datetime.UTC)
    free = selectors.next_free_times(desk=desk_day.desk, reason=desk_day.reason, after=after, count=1)[0]
    appointment, _ = services.appointment_book(
        actor=system, desk=desk_day.desk, reason=desk_day.reason, starts_at=free.start, beneficiary=person
    )
    return appointment


@pytest.fixture
def signed_in(client, desk_day):
    client.force_login(beneficiary_account_for(destination=str(desk_day.person.phone)))
    return client


def test_my_space_lists_my_appointments_to_come_with_their_manage_link(signed_in, desk_day):
    appointment = _book_next(desk_day, desk_day.person)
    html = signed_in.get("/fr/me/").content.decode()
    assert desk_day.reason.name_fr in html
    assert f"/fr/appointments/manage/{notices.manage_token(appointment)}/" in html


def test_my_space_lists_past_and_cancelled_appointments_without_a_link(signed_in, desk_day):
    appointment = _book_next(desk_day, desk_day.person)
    services.appointment_cancel(actor=system, appointment=appointment, by_person=True)
    html = signed_in.get("/en/me/").content.decode()
    assert "Cancelled by the person" in html
    assert notices.manage_token(appointment) not in html


def test_my_space_shows_no_one_elses_appointments(signed_in, desk_day):
    _book_next(desk_day, desk_day.other_person)
    html = signed_in.get("/en/me/").content.decode()
    assert "No appointment to come." in html


def test_my_space_in_arabic_is_right_to_left(signed_in, desk_day):
    _book_next(desk_day, desk_day.person)
    assert '<html lang="ar" dir="rtl">' in signed_in.get("/ar/me/").content.decode()


def test_the_export_of_my_data_holds_my_appointments(desk_day):
    appointment = _book_next(desk_day, desk_day.person)
    data = beneficiary_export(beneficiary=desk_day.person)
    assert data["appointments"] == [
        {
            "desk": appointment.desk.name,
            "reason": appointment.reason.name,
            "starts_at": appointment.starts_at.isoformat(),
            "ends_at": appointment.ends_at.isoformat(),
            "status": "booked",
            "booked_via": "desk",
            "booked_at": appointment.created_at.isoformat(),
        }
    ]


def test_the_orientation_results_offer_a_meeting_at_each_desk_with_the_orientation_interview_first(client, desk_day):
    html = client.get("/fr/orientation/results/").content.decode()
    assert f"/fr/desks/{desk_day.desk.slug}/appointments/orientation-interview/" in html
    assert f"/fr/desks/{desk_day.other_desk.slug}/appointments/rabat-only/" in html


def test_the_orientation_results_offer_nothing_when_no_desk_offers_meetings(client, db):
    html = client.get("/en/orientation/results/").content.decode()
    assert "Talk about this with a counsellor" not in html
