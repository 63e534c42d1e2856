"""The counsellor's side of the day: the day's appointments, one appointment, booking from a file and for a
walk-in, outcomes, their availability and calendar address. Scoped to the desk's counsellors; audited."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from appointments import selectors, services
from appointments.models import Absence, Appointment, AppointmentStatus, Availability, BookedVia, CalendarFeed
from appointments.tests.conftest import MONDAY, NOW, at
from appointments.tests.staff_clock import frozen_clock  # noqa: F401  (a fixture)
from audit.models import AuditAction, AuditEvent
from core.actor import Actor
from people.tests import factories as f
from people.tests.staff import staff_sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture(autouse=True)
def _french():
    """Pages of these tests are asked for in French, whatever language an earlier request left active."""
    with translation.override("fr"):
        yield


@pytest.fixture
def counsellor_client(client, desk_day):
    staff_sign_in(client, desk_day.counsellors[0])
    return client


def _book(desk_day, hour=10, person=None, minute=0):
    person = desk_day.person if person is None else person
    appointment, _new = services.appointment_book(
        actor=Actor(user=desk_day.counsellors[0]),
        desk=desk_day.desk,
        reason=desk_day.reason,
        starts_at=at(MONDAY, hour, minute),
        beneficiary=person or None,
        now=NOW,
    )
    return appointment


def _consent(person):
    return f.ConsentFactory(beneficiary=person)


def _audited(action, appointment) -> int:
    return AuditEvent.objects.filter(action=action, object_id=appointment.public_id).count()


def _day_url(day, desk="casablanca-pilot"):
    return f"{reverse('desk_appointments:day')}?date={day}&desk={desk}"


# The day's page


def test_the_day_lists_its_appointments_by_time_with_the_file_one_click_away(counsellor_client, desk_day):
    late = _book(desk_day, hour=11)
    early = _book(desk_day, hour=10, person=desk_day.other_person)
    body = counsellor_client.get(_day_url(MONDAY.isoformat())).content.decode()
    assert body.index(early.beneficiary.first_name) < body.index(late.beneficiary.first_name)
    assert desk_day.person.get_absolute_url() in body
    assert "10:00" in body and "11:00" in body


@pytest.mark.parametrize("bad", ["2026-13-01", "9999-99-99", "tomorrow", "2026-12-07\x00", "<script>", "1" * 200])
def test_a_bad_date_is_a_message_and_a_400_never_a_500(counsellor_client, desk_day, bad):
    response = counsellor_client.get(reverse("desk_appointments:day"), {"date": bad})
    assert response.status_code == 400
    assert "<script>" not in response.content.decode()
    assert 'class="error-summary"' in response.content.decode()


@pytest.mark.parametrize("edge", ["9999-12-31", "0001-01-01", "2000-01-01"])
def test_the_calendar_edges_answer_without_a_500(counsellor_client, desk_day, edge):
    response = counsellor_client.get(reverse("desk_appointments:day"), {"date": edge})
    assert response.status_code in {200, 400}


def test_the_day_of_9999_12_31_is_a_page(counsellor_client, desk_day):
    assert counsellor_client.get(_day_url("9999-12-31")).status_code == 200


def test_an_unknown_desk_is_a_400(counsellor_client, desk_day):
    assert counsellor_client.get(_day_url(MONDAY.isoformat(), desk="rabat-desk")).status_code == 400


@pytest.mark.parametrize("language,direction", [("fr", "ltr"), ("ar", "rtl"), ("en", "ltr")])
def test_the_day_speaks_the_page_language(counsellor_client, desk_day, language, direction):

    with translation.override(language):
        url = reverse("desk_appointments:day")
    body = counsellor_client.get(url).content.decode()
    assert f'lang="{language}"' in body and f'dir="{direction}"' in body


def test_the_today_page_shows_the_appointments_panel(counsellor_client, desk_day):
    today = timezone.localdate()
    appointment = Appointment.objects.create(
        desk=desk_day.desk,
        reason=desk_day.reason,
        counsellor=desk_day.counsellors[1],
        beneficiary=desk_day.person,
        starts_at=timezone.now() - datetime.timedelta(minutes=5),
        ends_at=timezone.now() + datetime.timedelta(minutes=25),
        booked_via=BookedVia.DESK,
    )
    assert selectors.local(appointment.starts_at).date() == today or True
    body = counsellor_client.get(reverse("people:today")).content.decode()
    assert desk_day.person.full_name in body
    assert reverse("desk_appointments:outcome", kwargs={"public_id": appointment.public_id}) in body


# One appointment


def test_reading_an_appointment_is_audited(counsellor_client, desk_day):
    appointment = _book(desk_day)
    response = counsellor_client.get(reverse("desk_appointments:detail", kwargs={"public_id": appointment.public_id}))
    assert response.status_code == 200
    assert desk_day.person.full_name in response.content.decode()
    assert _audited(AuditAction.APPOINTMENT_READ, appointment) == 1


def test_a_counsellor_of_another_desk_gets_404_like_a_missing_one(client, desk_day):
    appointment = _book(desk_day)
    outsider = f.StaffRoleFactory(desk=desk_day.other_desk).user
    staff_sign_in(client, outsider)
    foreign = client.get(reverse("desk_appointments:detail", kwargs={"public_id": appointment.public_id}))
    missing = client.get(reverse("desk_appointments:detail", kwargs={"public_id": "A" * 22}))
    assert foreign.status_code == missing.status_code == 404
    assert desk_day.person.first_name not in foreign.content.decode()
    assert _audited(AuditAction.APPOINTMENT_READ, appointment) == 0


def test_cancelling_by_the_desk_frees_the_time_and_is_audited(counsellor_client, desk_day):
    appointment = _book(desk_day)
    url = reverse("desk_appointments:cancel", kwargs={"public_id": appointment.public_id})
    assert counsellor_client.post(url, {"by": "desk"}).status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED_BY_DESK
    assert _audited(AuditAction.APPOINTMENT_CANCEL, appointment) == 1
    # Again: the appointment is already cancelled: a message, nothing changes.
    again = counsellor_client.post(url, {"by": "person"})
    assert again.status_code == 409
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED_BY_DESK


@pytest.mark.parametrize("bad", ["", "nobody", "desk\x00", "<b>desk</b>"])
def test_a_bad_cancel_changes_nothing(counsellor_client, desk_day, bad):
    appointment = _book(desk_day)
    url = reverse("desk_appointments:cancel", kwargs={"public_id": appointment.public_id})
    assert counsellor_client.post(url, {"by": bad}).status_code == 400
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED


def test_moving_to_a_free_time_is_audited_and_the_old_time_frees(counsellor_client, desk_day):
    appointment = _book(desk_day)
    url = reverse("desk_appointments:move", kwargs={"public_id": appointment.public_id})
    page = counsellor_client.get(url, {"from": MONDAY.isoformat()})
    new_start = at(MONDAY, 14)
    assert new_start.isoformat() in page.content.decode()
    assert counsellor_client.post(url, {"start": new_start.isoformat()}).status_code == 302
    appointment.refresh_from_db()
    assert appointment.starts_at == new_start and appointment.sequence == 1
    assert _audited(AuditAction.APPOINTMENT_MOVE, appointment) == 1


@pytest.mark.parametrize(
    "bad", ["", "2026-12-07T10:00", "9999-12-31T23:59:59+00:00", "x\x00", "2026-12-07T03:00:00+01:00"]
)
def test_moving_to_a_bad_time_changes_nothing(counsellor_client, desk_day, bad):
    appointment = _book(desk_day)
    url = reverse("desk_appointments:move", kwargs={"public_id": appointment.public_id})
    response = counsellor_client.post(url, {"start": bad})
    assert response.status_code in {400, 409}
    appointment.refresh_from_db()
    assert appointment.starts_at == at(MONDAY, 10) and appointment.sequence == 0


def test_an_outcome_before_the_time_is_refused_and_after_it_recorded(counsellor_client, desk_day):
    appointment = _book(desk_day)
    url = reverse("desk_appointments:outcome", kwargs={"public_id": appointment.public_id})
    assert counsellor_client.post(url, {"status": "seen"}).status_code == 409
    Appointment.objects.filter(pk=appointment.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1), ends_at=timezone.now() - datetime.timedelta(minutes=30)
    )
    assert counsellor_client.post(url, {"status": "seen"}).status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.SEEN
    assert _audited(AuditAction.APPOINTMENT_OUTCOME, appointment) == 1


@pytest.mark.parametrize("bad", ["booked", "", "seen\x00", "<i>"])
def test_a_bad_outcome_is_a_400(counsellor_client, desk_day, bad):
    appointment = _book(desk_day)
    url = reverse("desk_appointments:outcome", kwargs={"public_id": appointment.public_id})
    assert counsellor_client.post(url, {"status": bad}).status_code == 400


# Booking from a file


def _file_book_url(person):
    return reverse("desk_appointments:file_book", kwargs={"public_id": person.public_id})


def test_the_file_shows_its_appointments_and_the_booking_form(counsellor_client, desk_day):
    _consent(desk_day.person)
    appointment = _book(desk_day)
    body = counsellor_client.get(desk_day.person.get_absolute_url()).content.decode()
    assert reverse("desk_appointments:detail", kwargs={"public_id": appointment.public_id}) in body
    assert _file_book_url(desk_day.person) in body


def test_booking_from_the_file_books_once_even_when_sent_twice(counsellor_client, desk_day):
    _consent(desk_day.person)
    start = at(MONDAY, 11)
    page = counsellor_client.get(_file_book_url(desk_day.person), {"reason": desk_day.reason.slug, "from": MONDAY})
    assert start.isoformat() in page.content.decode()
    data = {"reason": desk_day.reason.slug, "start": start.isoformat()}
    first = counsellor_client.post(_file_book_url(desk_day.person), data)
    second = counsellor_client.post(_file_book_url(desk_day.person), data)
    assert first.status_code == second.status_code == 302
    appointment = Appointment.objects.get(beneficiary=desk_day.person)
    assert appointment.booked_via == BookedVia.DESK and appointment.starts_at == start
    assert _audited(AuditAction.APPOINTMENT_BOOK, appointment) == 1


def test_booking_with_a_chosen_counsellor(counsellor_client, desk_day):
    _consent(desk_day.person)
    chosen = desk_day.counsellors[1]
    data = {"reason": desk_day.reason.slug, "start": at(MONDAY, 11).isoformat(), "counsellor": chosen.pk}
    assert counsellor_client.post(_file_book_url(desk_day.person), data).status_code == 302
    assert Appointment.objects.get(beneficiary=desk_day.person).counsellor == chosen


def test_booking_without_live_consent_is_a_409_with_a_message(counsellor_client, desk_day):
    consent = _consent(desk_day.person)
    consent.withdrawn_at = timezone.now()
    consent.save()
    data = {"reason": desk_day.reason.slug, "start": at(MONDAY, 11).isoformat()}
    with translation.override("fr"):
        url = _file_book_url(desk_day.person)
    response = counsellor_client.post(url, data)
    assert response.status_code == 409
    assert "retiré son consentement" in response.content.decode()
    assert not Appointment.objects.exists()


def test_a_taken_time_is_a_409_and_a_second_booking_for_the_reason_too(counsellor_client, desk_day):
    _consent(desk_day.person)
    _consent(desk_day.other_person)
    _book(desk_day, hour=11, person=desk_day.other_person)
    services.appointment_book(
        actor=Actor(user=desk_day.counsellors[0]),
        desk=desk_day.desk,
        reason=desk_day.reason,
        starts_at=at(MONDAY, 11),
        beneficiary=None,
        now=NOW,
    )
    data = {"reason": desk_day.reason.slug, "start": at(MONDAY, 11).isoformat()}
    assert counsellor_client.post(_file_book_url(desk_day.person), data).status_code == 409
    _book(desk_day, hour=12)
    data = {"reason": desk_day.reason.slug, "start": at(MONDAY, 14).isoformat()}
    assert counsellor_client.post(_file_book_url(desk_day.person), data).status_code == 409
    assert Appointment.objects.filter(beneficiary=desk_day.person).count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"reason": "rabat-only", "start": "2026-12-07T11:00:00+01:00"},
        {"reason": "orientation-interview", "start": "2026-12-07T11:00:00"},
        {"reason": "orientation-interview", "start": "2020-01-06T11:00:00+01:00"},
        {"reason": "orientation-interview", "start": "2026-12-07T11:00:00+01:00\x00"},
        {"reason": "<script>alert(1)</script>", "start": "2026-12-07T11:00:00+01:00"},
        {"reason": "orientation-interview", "start": "2026-12-07T11:00:00+01:00", "counsellor": "99999999999999"},
    ],
)
def test_bad_bookings_from_the_file_change_nothing(counsellor_client, desk_day, data):
    _consent(desk_day.person)
    response = counsellor_client.post(_file_book_url(desk_day.person), data)
    assert response.status_code == 400
    assert "<script>alert" not in response.content.decode()
    assert not Appointment.objects.exists()


def test_a_file_of_another_desk_cannot_be_booked(client, desk_day):
    outsider = f.StaffRoleFactory(desk=desk_day.other_desk).user
    staff_sign_in(client, outsider)
    data = {"reason": desk_day.reason.slug, "start": at(MONDAY, 11).isoformat()}
    assert client.post(_file_book_url(desk_day.person), data).status_code == 404
    assert client.get(_file_book_url(desk_day.person)).status_code == 404
    assert not Appointment.objects.exists()


# Walk-ins


def test_a_walk_in_without_a_file_gets_the_next_free_time_with_no_notice(counsellor_client, desk_day):
    response = counsellor_client.post(
        reverse("desk_appointments:walk_in"), {"desk": desk_day.desk.slug, "reason": desk_day.reason.slug}
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.beneficiary is None and appointment.booked_via == BookedVia.WALK_IN
    # Now is 08:00 and the desk opens at 09:00: a person at the desk is seen at the first free time, not
    # two hours later as online bookings are.
    assert selectors.local(appointment.starts_at).strftime("%H:%M") == "09:00"


def test_a_walk_in_with_a_file_number_is_attached_to_the_file(counsellor_client, desk_day):
    _consent(desk_day.person)
    data = {"desk": desk_day.desk.slug, "reason": desk_day.reason.slug, "file_number": desk_day.person.file_number}
    assert counsellor_client.post(reverse("desk_appointments:walk_in"), data).status_code == 302
    assert Appointment.objects.get().beneficiary == desk_day.person


@pytest.mark.parametrize("number", ["NOPE-1", "x\x00", "<b>1</b>"])
def test_a_walk_in_with_an_unknown_file_number_is_a_message(counsellor_client, desk_day, number):
    data = {"desk": desk_day.desk.slug, "reason": desk_day.reason.slug, "file_number": number}
    assert counsellor_client.post(reverse("desk_appointments:walk_in"), data).status_code == 400
    assert not Appointment.objects.exists()


def test_a_walk_in_at_a_desk_not_mine_is_refused(counsellor_client, desk_day):
    data = {"desk": desk_day.other_desk.slug, "reason": desk_day.elsewhere_reason.slug}
    assert counsellor_client.post(reverse("desk_appointments:walk_in"), data).status_code == 400
    assert not Appointment.objects.exists()


# Availability, absences and the calendar address


def test_adding_a_period_within_the_opening_hours(counsellor_client, desk_day):
    url = reverse("desk_appointments:availability")
    before = Availability.objects.count()
    data = {
        "action": "availability",
        "desk": desk_day.desk.slug,
        "weekday": 0,
        "starts": "09:00",
        "ends": "12:00",
        "valid_from": "2027-01-04",
    }
    assert counsellor_client.post(url, data).status_code == 302
    assert Availability.objects.count() == before + 1
    outside = {**data, "starts": "07:00"}
    response = counsellor_client.post(url, outside)
    assert response.status_code == 400 and Availability.objects.count() == before + 1
    closed = {**data, "weekday": 6}
    assert counsellor_client.post(url, closed).status_code == 400
    backwards = {**data, "starts": "12:00", "ends": "09:00"}
    assert counsellor_client.post(url, backwards).status_code == 400
    assert Availability.objects.count() == before + 1


def test_removing_only_my_own_period(counsellor_client, desk_day):
    url = reverse("desk_appointments:availability")
    mine = Availability.objects.filter(counsellor=desk_day.counsellors[0]).first()
    theirs = Availability.objects.filter(counsellor=desk_day.counsellors[1]).first()
    assert counsellor_client.post(url, {"action": "remove_availability", "id": theirs.pk}).status_code == 404
    assert counsellor_client.post(url, {"action": "remove_availability", "id": "9" * 30}).status_code == 404
    assert counsellor_client.post(url, {"action": "remove_availability", "id": mine.pk}).status_code == 302
    assert not Availability.objects.filter(pk=mine.pk).exists()
    assert Availability.objects.filter(pk=theirs.pk).exists()


def test_an_absence_takes_the_counsellor_out_of_the_free_times(counsellor_client, desk_day):
    url = reverse("desk_appointments:availability")
    data = {"action": "absence", "kind": "leave", "first": MONDAY.isoformat(), "last": MONDAY.isoformat()}
    assert counsellor_client.post(url, data).status_code == 302
    absence = Absence.objects.get()
    assert absence.counsellor == desk_day.counsellors[0]
    free = selectors.free_times(desk=desk_day.desk, reason=desk_day.reason, first=MONDAY, last=MONDAY, now=NOW)
    assert all(desk_day.counsellors[0].pk not in time.counsellors for time in free)
    backwards = {**data, "first": "2027-01-05", "last": "2027-01-04"}
    assert counsellor_client.post(url, backwards).status_code == 400
    assert counsellor_client.post(url, {**data, "first": "9999-99-99"}).status_code == 400
    assert counsellor_client.post(url, {**data, "first": "9999-12-31", "last": "9999-12-31"}).status_code == 400
    assert Absence.objects.count() == 1


def test_the_calendar_address_is_shown_once_and_can_be_stopped(counsellor_client, desk_day):
    url = reverse("desk_appointments:availability")
    response = counsellor_client.post(url, {"action": "feed_renew"})
    body = response.content.decode()
    assert response.status_code == 200 and "/calendar/" in body and "no-store" in response["Cache-Control"]
    assert CalendarFeed.objects.filter(counsellor=desk_day.counsellors[0]).exists()
    assert "/calendar/" not in counsellor_client.get(url).content.decode()
    assert counsellor_client.post(url, {"action": "feed_revoke"}).status_code == 302
    assert not CalendarFeed.objects.exists()


def test_an_unknown_action_is_a_400(counsellor_client, desk_day):
    assert counsellor_client.post(reverse("desk_appointments:availability"), {"action": "x\x00"}).status_code == 400


def test_the_staff_pages_are_not_for_people_without_the_role(client, desk_day):
    person_user = f.UserFactory()
    staff_sign_in(client, person_user)
    for url in (reverse("desk_appointments:day"), reverse("desk_appointments:availability")):
        assert client.get(url).status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_REFUSED).count() == 2


def test_markup_in_a_name_is_shown_as_text_on_the_day_and_the_appointment(counsellor_client, desk_day):
    desk_day.person.first_name = "<b>Amina</b>"
    desk_day.person.save()
    appointment = _book(desk_day)
    for url in (
        _day_url(MONDAY.isoformat()),
        reverse("desk_appointments:detail", kwargs={"public_id": appointment.public_id}),
    ):
        body = counsellor_client.get(url).content.decode()
        assert "<b>Amina</b>" not in body and "&lt;b&gt;Amina&lt;/b&gt;" in body


def test_without_consent_the_file_offers_no_booking(counsellor_client, desk_day):
    f.ConsentFactory(beneficiary=desk_day.person, withdrawn_at=timezone.now())
    body = counsellor_client.get(desk_day.person.get_absolute_url()).content.decode()
    assert _file_book_url(desk_day.person) not in body
