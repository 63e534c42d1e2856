"""A counsellor's private calendar feed: one address, a text/calendar answer, first names and reasons only."""

from __future__ import annotations

import datetime

import pytest

from appointments import calendar, services
from appointments.tests.conftest import MONDAY, NOW, at
from core.actor import system

TUESDAY = MONDAY + datetime.timedelta(days=1)


@pytest.fixture
def feed(desk_day):
    appointment, _ = services.appointment_book(
        actor=system,
        desk=desk_day.desk,
        reason=desk_day.reason,
        starts_at=at(TUESDAY, 10),
        beneficiary=desk_day.person,
        now=NOW,
        counsellor_id=desk_day.counsellors[0].pk,
    )
    token = calendar.feed_token_renew(counsellor=desk_day.counsellors[0])
    return token, appointment


def test_the_feed_is_a_calendar_with_first_names_and_reasons_only(client, feed, desk_day):
    token, appointment = feed
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VCALENDAR" in body and f"UID:{appointment.public_id}@guichet" in body
    assert "Aminata" in body
    for personal in ("Diallo", str(desk_day.person.phone)[4:], desk_day.person.file_number):
        assert personal not in body


def test_the_feed_needs_no_session_and_sets_no_cookie(client, feed):
    token, _appointment = feed
    response = client.get(f"/calendar/{token}.ics")
    assert not response.cookies
    assert "public" not in response["Cache-Control"]


def test_an_unknown_or_revoked_token_is_404(client, feed, desk_day):
    token, _appointment = feed
    assert client.get("/calendar/nonsense.ics").status_code == 404
    assert client.get("/calendar/" + "a" * 5000 + ".ics").status_code == 404
    calendar.feed_revoke(counsellor=desk_day.counsellors[0])
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 404
    assert not response.cookies


def test_a_renewed_token_replaces_the_old_one(client, feed, desk_day):
    token, _appointment = feed
    new = calendar.feed_token_renew(counsellor=desk_day.counsellors[0])
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200


def test_an_inactive_counsellors_feed_answers_404(client, feed, desk_day):
    token, _appointment = feed
    desk_day.counsellors[0].is_active = False
    desk_day.counsellors[0].save()
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_the_feed_lists_only_its_counsellors_appointments(client, feed, desk_day):
    token, _appointment = feed
    other_token = calendar.feed_token_renew(counsellor=desk_day.counsellors[1])
    assert "Aminata" not in client.get(f"/calendar/{other_token}.ics").content.decode()
