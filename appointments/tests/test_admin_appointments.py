"""The back office of the desk's day: reasons (fr/ar/en), availability, absences, closures; no personal data."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model

from appointments import services
from appointments.models import DeskClosure, MeetingReason
from appointments.tests import factories as af
from appointments.tests.conftest import MONDAY, NOW, at
from core.actor import Actor
from people.tests.staff import staff_sign_in

MODELS = ["meetingreason", "availability", "absence", "deskclosure"]


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "a-long-demo-passphrase")
    staff_sign_in(client, user)
    return client


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_every_list_and_form_opens_in_each_language(admin_client, desk_day, lang):
    DeskClosure.objects.create(date=datetime.date(2027, 1, 1), name_fr="Nouvel an", name_ar="رأس السنة", name_en="NY")
    for model in MODELS:
        assert admin_client.get(f"/{lang}/admin/appointments/{model}/").status_code == 200, model
        assert admin_client.get(f"/{lang}/admin/appointments/{model}/add/").status_code == 200, model
    page = admin_client.get(f"/{lang}/admin/appointments/meetingreason/{desk_day.reason.pk}/change/")
    assert page.status_code == 200
    assert 'name="name_ar"' in page.content.decode() and 'name="name_en"' in page.content.decode()


def test_the_arabic_back_office_is_right_to_left(admin_client, desk_day):
    assert 'dir="rtl"' in admin_client.get("/ar/admin/appointments/meetingreason/").content.decode()


def test_a_reason_is_written_in_three_languages(admin_client, desk_day):
    data = {
        "slug": "document-help",
        "name_fr": "Aide au dossier",
        "name_ar": "مساعدة في الملف",
        "name_en": "Help with an application",
        "description_fr": "",
        "description_ar": "",
        "description_en": "",
        "duration_minutes": 45,
        "channel": "phone",
        "desks": [desk_day.desk.pk],
        "order": 3,
        "active": "on",
        "min_notice_hours": 2,
        "max_weeks_ahead": 8,
    }
    response = admin_client.post("/en/admin/appointments/meetingreason/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    reason = MeetingReason.objects.get(slug="document-help")
    assert reason.name_ar == "مساعدة في الملف" and reason.duration_minutes == 45
    too_long = {**data, "slug": "too-long", "duration_minutes": 10000}
    assert admin_client.post("/en/admin/appointments/meetingreason/add/", too_long).status_code == 200
    assert not MeetingReason.objects.filter(slug="too-long").exists()


def test_appointments_are_counted_never_listed(admin_client, desk_day):
    services.appointment_book(
        actor=Actor(user=desk_day.counsellors[0]),
        desk=desk_day.desk,
        reason=desk_day.reason,
        starts_at=at(MONDAY, 10),
        beneficiary=desk_day.person,
        now=NOW,
    )
    body = admin_client.get("/en/admin/appointments/meetingreason/").content.decode()
    assert desk_day.person.first_name not in body
    assert admin_client.get("/en/admin/appointments/appointment/").status_code == 404
    index = admin_client.get("/en/admin/").content.decode()
    assert "/admin/appointments/appointment/" not in index
    assert "/admin/appointments/slothold/" not in index
    assert "/admin/appointments/calendarfeed/" not in index


def test_the_counsellor_field_offers_counsellors_only(admin_client, desk_day):
    body = admin_client.get("/en/admin/appointments/availability/add/").content.decode()
    assert ">counsellor-1</option>" in body and ">admin</option>" not in body


def test_the_closure_form_says_religious_holidays_move_with_the_moon(admin_client, db):
    assert "moon" in admin_client.get("/en/admin/appointments/deskclosure/add/").content.decode()


def test_a_counsellor_is_not_let_into_the_back_office(client, desk_day):
    staff_sign_in(client, desk_day.counsellors[0])
    response = client.get("/en/admin/appointments/meetingreason/")
    assert response.status_code in {302, 403}
    assert af  # factories stay importable for other admin tests
