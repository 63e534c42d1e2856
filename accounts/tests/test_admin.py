"""Staff accounts in the back office: their names are shown to counsellors and people, so they cannot be disguised."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from people.tests.staff import staff_sign_in


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "a-long-demo-passphrase")
    staff_sign_in(client, user)
    return client


def test_a_staff_name_typed_in_the_back_office_is_stored_without_bidi_controls(admin_client):
    staff = get_user_model().objects.create_user("counsellor", password="a-long-demo-passphrase")
    response = admin_client.post(
        f"/en/admin/auth/user/{staff.pk}/change/",
        {
            "username": "counsellor",
            "first_name": "Sa\u202eid",
            "last_name": "\u2067Alaoui\u2069\u200f",
            "email": "said@example.org",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    staff.refresh_from_db()
    assert (staff.first_name, staff.last_name) == ("Said", "Alaoui")
    assert staff.check_password("a-long-demo-passphrase")
