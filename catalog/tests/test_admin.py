"""The back office: every catalogue list in three languages, and the missing translations."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from catalog.models import Session
from catalog.tests import factories as f
from people.tests.staff import staff_sign_in

MODELS = ["region", "city", "language", "documenttype", "skill", "trade", "provider", "desk", "programme", "session"]


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "a-long-demo-passphrase")
    staff_sign_in(client, user)
    return client


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_every_catalogue_list_and_form_opens_in_each_language(admin_client, catalogue, lang):
    for model in MODELS:
        assert admin_client.get(f"/{lang}/admin/catalog/{model}/").status_code == 200, model
        assert admin_client.get(f"/{lang}/admin/catalog/{model}/add/").status_code == 200, model
    assert (
        admin_client.get(f"/{lang}/admin/catalog/programme/{catalogue.jewellery_course.pk}/change/").status_code == 200
    )


def test_arabic_back_office_is_right_to_left(admin_client, catalogue):
    html = admin_client.get("/ar/admin/catalog/programme/").content.decode()
    assert 'dir="rtl"' in html


def test_missing_translation_filter_lists_rows_without_arabic(admin_client, catalogue):
    f.TradeFactory(slug="untranslated", name_fr="Plâtre", name_ar="", name_en="Plaster")
    html = admin_client.get("/en/admin/catalog/trade/?missing_translation=ar").content.decode()
    assert "Plâtre" in html or "Plaster" in html
    assert "Jewellery" not in html


def test_translations_page_counts_missing_texts_per_language(admin_client, catalogue):
    f.TradeFactory(slug="untranslated", name_fr="Plâtre", name_ar="", name_en="Plaster")
    response = admin_client.get("/en/admin/translations/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/en/admin/catalog/trade/?missing_translation=ar" in html
    assert "/en/admin/catalog/trade/?missing_translation=en" not in html


def test_back_office_refuses_seats_above_capacity_with_a_message(admin_client, catalogue):
    session = Session.objects.filter(programme=catalogue.jewellery_course).first()
    response = admin_client.post(
        f"/en/admin/catalog/session/{session.pk}/change/",
        {
            "programme": session.programme_id,
            "start_date": session.start_date.isoformat(),
            "end_date": session.end_date.isoformat(),
            "application_deadline": "",
            "capacity": 5,
            "seats_taken": 9,
        },
    )
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    session.refresh_from_db()
    assert session.capacity == 12


def test_back_office_needs_a_staff_account(client, catalogue):
    response = client.get("/fr/admin/catalog/programme/")
    assert response.status_code == 302
    assert "/fr/admin/login/" in response["Location"]


def test_a_name_typed_in_the_back_office_is_stored_without_bidi_controls(admin_client, db):
    from catalog.models import Region

    response = admin_client.post(
        "/en/admin/catalog/region/add/",
        {
            "slug": "oriental",
            "name_fr": "L'Or\u202eiental\u202c",
            "name_ar": "\u2067الشرق\u2069",
            "name_en": "Ori\u202dental",
            "capital_fr": "Oujda\u200f",
            "position": "3",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    region = Region.objects.get(slug="oriental")
    assert (region.name_fr, region.name_ar, region.name_en, region.capital_fr) == (
        "L'Oriental",
        "الشرق",
        "Oriental",
        "Oujda",
    )
