"""The link sent to the person: see the appointment, cancel it (after asking), move it; no account needed."""

from __future__ import annotations

import datetime

import pytest
from django.core import signing

from appointments import notices, services
from appointments.models import Appointment, AppointmentStatus
from appointments.tests.test_public_free_times import free_values
from core.actor import system


@pytest.fixture
def booked(desk_day) -> Appointment:
    from appointments import selectors

    now = datetime.datetime.now(datetime.UTC)
    free = selectors.next_free_times(desk=desk_day.desk, reason=desk_day.reason, after=now, count=1)[0]
    appointment, _ = services.appointment_book(
        actor=system, desk=desk_day.desk, reason=desk_day.reason, starts_at=free.start, beneficiary=desk_day.person
    )
    return appointment


def link(appointment, lang="fr", end="") -> str:
    return f"/{lang}/appointments/manage/{notices.manage_token(appointment)}/{end}"


def test_the_link_shows_when_where_and_what_for_and_nothing_about_the_person(client, booked):
    response = client.get(link(booked))
    assert response.status_code == 200
    html = response.content.decode()
    assert booked.reason.name_fr in html and booked.desk.name_fr in html
    local = services.selectors.local(booked.starts_at)
    assert f"{local:%H:%M}" in html
    for personal in ("Aminata", "Diallo", str(booked.beneficiary.phone), booked.beneficiary.file_number):
        assert personal not in html
    assert "public" not in response["Cache-Control"]


def test_the_link_works_in_arabic_right_to_left(client, booked):
    html = client.get(link(booked, "ar")).content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_cancelling_asks_first_then_cancels_on_post(client, booked):
    asked = client.get(link(booked, end="cancel/"))
    assert asked.status_code == 200 and 'method="post"' in asked.content.decode()
    assert Appointment.objects.get().status == AppointmentStatus.BOOKED
    response = client.post(link(booked, end="cancel/"))
    assert response.status_code == 302
    booked.refresh_from_db()
    assert booked.status == AppointmentStatus.CANCELLED_BY_PERSON
    html = client.get(response["Location"]).content.decode()
    assert "Cancelled by the person" in client.get(response["Location"].replace("/fr/", "/en/")).content.decode()
    assert link(booked, end="move/") not in html


def test_cancelling_twice_changes_nothing_the_second_time(client, booked):
    client.post(link(booked, end="cancel/"))
    again = client.post(link(booked, end="cancel/"))
    assert again.status_code == 409
    booked.refresh_from_db()
    assert booked.sequence == 1


def test_moving_shows_free_times_and_a_pressed_one_moves_the_same_appointment(client, booked):
    response = client.get(link(booked, end="move/") + "?week=1")
    assert response.status_code == 200
    target = free_values(response)[3]
    moved = client.post(link(booked, end="move/"), {"start": target})
    assert moved.status_code == 302
    booked.refresh_from_db()
    assert booked.starts_at.isoformat() == target
    assert booked.sequence == 1 and Appointment.objects.count() == 1


@pytest.mark.parametrize("start", ["9999-12-31T23:59:59+00:00", "nonsense", "\x00", "2026-12-08T10:00:00"])
def test_moving_to_a_time_that_does_not_exist_is_refused_and_changes_nothing(client, booked, start):
    response = client.post(link(booked, end="move/"), {"start": start})
    assert response.status_code == 400
    before = booked.starts_at
    booked.refresh_from_db()
    assert booked.starts_at == before and booked.sequence == 0


def test_moving_to_a_time_nobody_is_free_at_says_it_was_taken(client, booked, desk_day):
    response = client.get(link(booked, end="move/") + "?week=2")
    target = datetime.datetime.fromisoformat(free_values(response)[0])
    for person in (desk_day.other_person, services.Beneficiary.objects.create(desk=desk_day.desk, first_name="X")):
        services.appointment_book(
            actor=system, desk=desk_day.desk, reason=desk_day.reason, starts_at=target, beneficiary=person
        )
    moved = client.post(link(booked, end="move/"), {"start": target.isoformat()})
    assert moved.status_code == 409


def test_the_calendar_copy_is_a_request_then_a_cancel(client, booked):
    response = client.get(link(booked, end="appointment.ics"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "METHOD:REQUEST" in body and f"UID:{booked.public_id}@guichet" in body
    assert "Aminata" not in body
    services.appointment_cancel(actor=system, appointment=booked, by_person=True)
    body = client.get(link(booked, end="appointment.ics")).content.decode()
    assert "METHOD:CANCEL" in body and "SEQUENCE:1" in body


@pytest.mark.parametrize(
    "token",
    ["nonsense", "a" * 5000, "<script>", "eyJhIjoiMSJ9:forged:signature", "%2e%2e"],
)
@pytest.mark.parametrize("end", ["", "cancel/", "move/", "appointment.ics"])
def test_a_bad_forged_or_huge_token_gets_a_clear_404_in_the_users_language(client, desk_day, token, end):
    response = client.get(f"/en/appointments/manage/{token}/{end}")
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()


@pytest.mark.parametrize("token", ["abc\x00def", "%00"])
def test_a_nul_byte_in_a_token_is_refused_never_a_500(client, desk_day, token):
    assert client.get(f"/en/appointments/manage/{token}/").status_code in (400, 404)


def test_a_post_with_a_bad_token_changes_nothing(client, booked):
    assert client.post("/fr/appointments/manage/forged/cancel/").status_code == 404
    assert Appointment.objects.get().status == AppointmentStatus.BOOKED


def test_a_token_signed_for_another_purpose_opens_nothing(client, booked):
    token = signing.dumps({"a": booked.public_id}, salt="something.else", compress=True)
    assert client.get(f"/fr/appointments/manage/{token}/").status_code == 404


def test_the_link_expires_once_the_appointment_has_begun(client, booked):
    Appointment.objects.filter(pk=booked.pk).update(
        starts_at=booked.starts_at - datetime.timedelta(days=30), ends_at=booked.ends_at - datetime.timedelta(days=30)
    )
    response = client.get(link(booked))
    assert response.status_code == 404
    assert "expir" in response.content.decode()


def test_the_invalid_link_page_speaks_the_users_language(client, desk_day):
    arabic = client.get("/ar/appointments/manage/nonsense/")
    assert arabic.status_code == 404
    html = arabic.content.decode()
    assert '<html lang="ar" dir="rtl">' in html and "هذا الرابط غير صالح" in html
    assert "Ce lien n'est pas valable" in client.get("/fr/appointments/manage/nonsense/").content.decode()
