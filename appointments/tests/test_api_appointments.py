"""The desk's day in the API: reasons and free times (public), appointments for the desk's counsellors."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse

from appointments import services
from appointments.models import Appointment, AppointmentStatus, BookedVia
from appointments.tests.conftest import MONDAY, NOW, at
from appointments.tests.staff_clock import frozen_clock  # noqa: F401  (a fixture)
from audit.models import AuditAction, AuditEvent
from core.actor import Actor
from people.tests import factories as f
from people.tests.staff import staff_sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]
FAR = datetime.date.today() + datetime.timedelta(days=400)


@pytest.fixture
def counsellor(client, desk_day):
    staff_sign_in(client, desk_day.counsellors[0])
    return client


def _post(client, data, **extra):
    return client.post(reverse("api:appointment_book"), json.dumps(data), content_type="application/json", **extra)


def _booking(desk_day, hour=11, **changes):
    if not desk_day.person.consents.exists():
        f.ConsentFactory(beneficiary=desk_day.person)
    return {
        "desk": desk_day.desk.slug,
        "reason": desk_day.reason.slug,
        "start": at(MONDAY, hour).isoformat(),
        "beneficiary": desk_day.person.public_id,
        **changes,
    }


def _book(desk_day, hour=10, person=None):
    appointment, _new = services.appointment_book(
        actor=Actor(user=desk_day.counsellors[0]),
        desk=desk_day.desk,
        reason=desk_day.reason,
        starts_at=at(MONDAY, hour),
        beneficiary=person,
        now=NOW,
    )
    return appointment


# Public: reasons and free times


def test_a_desks_reasons_in_the_language_asked(client, desk_day):
    body = client.get(reverse("api:desk_reasons", kwargs={"slug": desk_day.desk.slug}), {"lang": "ar"}).json()
    assert body["count"] == 2
    first = body["items"][0]
    assert set(first) == {"slug", "name", "duration_minutes", "channel"}
    assert first["name"].startswith("مقابلة")


def test_an_unknown_desk_has_no_reasons(client, desk_day):
    response = client.get(reverse("api:desk_reasons", kwargs={"slug": "nowhere"}), {"lang": "en"})
    assert response.status_code == 404 and response.json()["detail"]


def _availability(client, desk_day, **params):
    url = reverse("api:desk_availability", kwargs={"slug": desk_day.desk.slug})
    return client.get(url, {"reason": desk_day.reason.slug, **params})


def test_free_times_carry_their_offset_and_how_many_counsellors_are_free(client, desk_day):
    body = _availability(client, desk_day, **{"from": MONDAY.isoformat(), "to": MONDAY.isoformat()}).json()
    assert body["count"] == len(body["items"]) > 0
    assert body["items"][0]["start"].endswith("+01:00")
    assert body["items"][0]["free"] == 2
    assert set(body["items"][0]) == {"start", "end", "free"}


@pytest.mark.parametrize(
    "params",
    [
        {"from": "9999-99-99"},
        {"from": "20261207"},
        {"from": "2026-12-07\x00"},
        {"from": "<b>"},
        {"from": "2026-12-10", "to": "2026-12-07"},
        {"from": "2026-12-07", "to": "2027-06-07"},
        {"reason": "rabat-only"},
        {"reason": ""},
        {"color": "red"},
    ],
)
def test_bad_availability_questions_are_a_400_in_the_language_asked(client, desk_day, params):
    response = _availability(client, desk_day, lang="fr", **params)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_a_missing_reason_is_a_400(client, desk_day):
    url = reverse("api:desk_availability", kwargs={"slug": desk_day.desk.slug})
    assert client.get(url).status_code == 400


@pytest.mark.parametrize("day", ["9999-12-31", "2000-01-01"])
def test_far_dates_are_simply_empty(client, desk_day, day):
    response = _availability(client, desk_day, **{"from": day, "to": day})
    assert response.status_code == 200 and response.json()["count"] == 0


# Booking


def test_a_counsellor_books_for_a_file_and_a_retry_finds_the_same(counsellor, desk_day):
    data = _booking(desk_day)
    first = _post(counsellor, data)
    assert first.status_code == 201, first.content
    body = first.json()
    assert set(body) == {"id", "desk", "reason", "start", "end", "status", "counsellor", "beneficiary", "sequence"}
    assert body["beneficiary"] == desk_day.person.public_id and body["start"] == at(MONDAY, 11).isoformat()
    again = _post(counsellor, data)
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    appointment = Appointment.objects.get()
    assert appointment.booked_via == BookedVia.API
    assert AuditEvent.objects.filter(action=AuditAction.APPOINTMENT_BOOK, object_id=body["id"]).count() == 1


def test_a_walk_in_needs_no_file(counsellor, desk_day):
    data = _booking(desk_day)
    del data["beneficiary"]
    response = _post(counsellor, data)
    assert response.status_code == 201 and response.json()["beneficiary"] is None


def test_a_taken_time_is_a_409_with_the_next_free_times(counsellor, desk_day):
    _book(desk_day, hour=11)
    _book(desk_day, hour=11)
    response = _post(counsellor, _booking(desk_day, lang="en"))
    assert response.status_code == 409
    body = response.json()
    assert "just taken" in body["detail"]
    assert len(body["next_free"]) == 3 and body["next_free"][0]["start"] > at(MONDAY, 11).isoformat()


def test_a_second_appointment_for_the_reason_is_a_409(counsellor, desk_day):
    _book(desk_day, hour=10, person=desk_day.person)
    response = _post(counsellor, _booking(desk_day, hour=11))
    assert response.status_code == 409 and response.json()["detail"]
    assert Appointment.objects.count() == 1


def test_without_live_consent_the_booking_is_a_409(counsellor, desk_day):
    data = _booking(desk_day)
    desk_day.person.consents.update(withdrawn_at=NOW)
    assert _post(counsellor, data).status_code == 409
    assert not Appointment.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"start": "2026-12-07T11:00:00"},  # naive
        {"start": "2020-01-06T11:00:00+01:00"},  # past
        {"start": "2026-12-07T07:00:00+01:00"},  # before the desk opens
        {"start": (FAR.isoformat() + "T10:00:00+01:00")},  # beyond the window
        {"start": "9999-12-31T23:59:59+01:00"},
        {"start": "not a time\x00"},
        {"start": "<script>"},
        {"reason": "rabat-only"},
        {"reason": "nothing"},
    ],
)
def test_bad_bookings_are_a_400_and_change_nothing(counsellor, desk_day, changes):
    response = _post(counsellor, _booking(desk_day, **changes))
    assert response.status_code in {400, 409}, response.content
    assert set(response.json()) >= {"detail"}
    assert not Appointment.objects.exists()


@pytest.mark.parametrize("changes", [{"desk": 5}, {"unknown": "x"}, {"start": None}])
def test_malformed_bodies_are_a_422(counsellor, desk_day, changes):
    assert _post(counsellor, _booking(desk_day, **changes)).status_code == 422


def test_anonymous_callers_get_401(client, desk_day):
    assert _post(client, _booking(desk_day)).status_code == 401
    assert client.get(reverse("api:appointment_list")).status_code == 401


def test_a_counsellor_of_another_desk_gets_404_for_the_desk_the_file_and_the_appointment(client, desk_day):
    appointment = _book(desk_day, person=desk_day.person)
    staff_sign_in(client, f.StaffRoleFactory(desk=desk_day.other_desk).user)
    assert _post(client, _booking(desk_day)).status_code == 404
    mine = {**_booking(desk_day), "desk": desk_day.other_desk.slug, "reason": desk_day.elsewhere_reason.slug}
    assert _post(client, mine).status_code == 404  # the file is not theirs
    kwargs = {"appointment_id": appointment.public_id}
    assert client.post(reverse("api:appointment_cancel", kwargs=kwargs)).status_code == 404
    assert client.get(reverse("api:appointment_ics", kwargs=kwargs)).status_code == 404
    assert client.get(reverse("api:appointment_list"), {"desk": desk_day.desk.slug}).status_code == 404
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED


def test_other_roles_get_404_and_the_refusal_is_audited(client, desk_day):
    provider = f.StaffRoleFactory(provider_staff=True).user
    staff_sign_in(client, provider)
    assert _post(client, _booking(desk_day)).status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_REFUSED, actor=provider).exists()


def test_writes_need_the_csrf_token_of_the_session(desk_day):
    client = Client(enforce_csrf_checks=True)
    staff_sign_in(client, desk_day.counsellors[0])
    assert _post(client, _booking(desk_day)).status_code == 403
    assert not Appointment.objects.exists()


# Cancel, list, .ics


def test_cancelling_through_the_api(counsellor, desk_day):
    appointment = _book(desk_day, person=desk_day.person)
    url = reverse("api:appointment_cancel", kwargs={"appointment_id": appointment.public_id})
    response = counsellor.post(url + "?by=person")
    assert response.status_code == 200 and response.json()["status"] == "cancelled_by_person"
    assert response.json()["sequence"] == 1
    assert counsellor.post(url).status_code == 409
    assert AuditEvent.objects.filter(action=AuditAction.APPOINTMENT_CANCEL).count() == 1


@pytest.mark.parametrize("bad", ["x" * 300, "A" * 22, "a\x00b", "<b>"])
def test_unknown_appointments_are_404(counsellor, desk_day, bad):
    assert counsellor.post(
        reverse("api:appointment_cancel", kwargs={"appointment_id": "x"}).replace("x", bad)
    ).status_code in {400, 404}


def test_the_days_list_is_paged_and_audited(counsellor, desk_day):
    first = _book(desk_day, hour=10, person=desk_day.person)
    _book(desk_day, hour=11, person=desk_day.other_person)
    url = reverse("api:appointment_list")
    body = counsellor.get(url, {"desk": desk_day.desk.slug, "date": MONDAY.isoformat(), "limit": 1}).json()
    assert body["count"] == 2 and [item["id"] for item in body["items"]] == [first.public_id]
    assert AuditEvent.objects.filter(action=AuditAction.APPOINTMENT_READ).count() == 1
    for bad in ({"date": "9999-99-99"}, {"limit": 0}, {"offset": -1}, {"limit": 1000}, {"date": "2026-12-07\x00"}):
        assert counsellor.get(url, bad).status_code == 400
    assert counsellor.get(url, {"date": "9999-12-31"}).json()["count"] == 0


def test_the_ics_of_an_appointment(counsellor, desk_day):
    appointment = _book(desk_day, person=desk_day.person)
    response = counsellor.get(reverse("api:appointment_ics", kwargs={"appointment_id": appointment.public_id}))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert f"UID:{appointment.public_id}@guichet" in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.APPOINTMENT_READ, object_id=appointment.public_id).exists()


def test_a_desk_without_reasons_answers_an_empty_list(client, desk_day):
    from catalog.tests import factories as cf

    desk = cf.DeskFactory(slug="quiet-desk")
    assert client.get(reverse("api:desk_reasons", kwargs={"slug": desk.slug})).json() == {"count": 0, "items": []}
