"""The editors' queue of translations in the back office, and the note public pages show on an outdated one."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client

from audit.models import AuditAction, AuditEvent
from catalog.models import Programme, TranslationStamp
from catalog.tests import factories as f
from people.tests.staff import staff_sign_in

NOTE = {
    "en": "This text may be older than the French version.",
    "ar": "قد يكون هذا النص أقدم من النسخة الفرنسية.",
    "fr": "Ce texte est peut-être plus ancien que la version française.",
}


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "a-long-demo-passphrase")
    return staff_sign_in(client, user)


@pytest.fixture
def outdated(catalogue) -> Programme:
    """The jewellery course, whose French description changed after it was translated."""
    programme = catalogue.jewellery_course
    programme.description_fr = "Apprendre le métier.\nAtelier le matin."
    programme.description_ar = "تعلم الحرفة. ورشة في الصباح."
    programme.description_en = "Learn the trade. Workshop in the morning."
    programme.save()
    programme.description_fr = "Apprendre le métier. Atelier l’après-midi, <b>outils</b> fournis."
    programme.save()
    return programme


def check_form(programme: Programme, **overrides) -> dict:
    return {
        "content_type": "catalog.programme",
        "object_id": programme.pk,
        "field": "description",
        "language": "ar",
        "back_language": "ar",
        **overrides,
    }


# The back office's queue


def test_queue_shows_the_french_beside_the_translation_with_the_diff_since_it_was_written(admin_client, outdated):
    response = admin_client.get("/en/admin/translations/queue/?language=ar")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/en/admin/catalog/programme/{outdated.pk}/change/"' in html
    assert "Jewellery – qualification" in html  # named in the back office's language
    assert "تعلم الحرفة. ورشة في الصباح." in html
    assert 'lang="ar" dir="rtl"' in html
    assert "<del>le matin.</del>" in html
    assert "<ins>l’après-midi, &lt;b&gt;outils&lt;/b&gt; fournis.</ins>" in html
    assert "<b>outils</b>" not in html
    assert "Still right" in html
    assert "csrfmiddlewaretoken" in html


def test_queue_lists_missing_translations_per_language(admin_client, catalogue):
    f.TradeFactory(slug="plaster", name_fr="Plâtre", name_ar="", name_en="Plaster")
    arabic = admin_client.get("/en/admin/translations/queue/?language=ar").content.decode()
    assert "Plâtre" in arabic
    assert "No translation yet." in arabic
    english = admin_client.get("/en/admin/translations/queue/?language=en").content.decode()
    assert "Plâtre" not in english
    assert "Arabic (1)" in english, re.findall(r"Arabic \(\d+\)", english)


def test_queue_filters_by_kind_of_record(admin_client, outdated):
    f.TradeFactory(slug="plaster", name_fr="Plâtre", name_ar="", name_en="Plaster")
    html = admin_client.get("/en/admin/translations/queue/?language=ar&content_type=catalog.trade").content.decode()
    assert "Plâtre" in html
    assert "Bijouterie – qualification" not in html


def test_queue_is_paginated(admin_client, catalogue):
    for n in range(25):
        f.TradeFactory(slug=f"untranslated-{n}", name_fr=f"Métier {n:02}", name_ar="")
    first = admin_client.get("/en/admin/translations/queue/?language=ar").content.decode()
    assert "Page 1 of 2" in first
    second = admin_client.get("/en/admin/translations/queue/?language=ar&page=2").content.decode()
    assert "Métier 24" in second
    assert "Métier 00" not in second


@pytest.mark.parametrize("query", ["language=de", "content_type=catalog.session", "status=everything"])
def test_queue_with_unknown_filters_says_so(admin_client, catalogue, query):
    response = admin_client.get(f"/en/admin/translations/queue/?{query}")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_queue_opens_in_each_language_and_right_to_left_in_arabic(admin_client, outdated, lang):
    response = admin_client.get(f"/{lang}/admin/translations/queue/")
    assert response.status_code == 200
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in response.content.decode()


def test_queue_reads_a_fixed_number_of_queries_whatever_the_texts(admin_client, outdated):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_the_queue() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get("/en/admin/translations/queue/?language=ar").status_code == 200
        return len(queries)

    queries_for_the_queue()  # the session and user, once
    f.TradeFactory(slug="untranslated", name_fr="Métier", name_ar="", summary_ar="")
    few = queries_for_the_queue()
    for n in range(30):
        f.TradeFactory(slug=f"untranslated-{n}", name_fr=f"Métier {n}", name_ar="", summary_ar="")
    assert queries_for_the_queue() == few


def test_still_right_makes_the_translation_leave_the_queue_unchanged_and_writes_an_audit_line(admin_client, outdated):
    response = admin_client.post("/en/admin/translations/check/", check_form(outdated))
    assert response.status_code == 302
    assert response["Location"] == "/en/admin/translations/queue/?language=ar"
    html = admin_client.get(response["Location"]).content.decode()
    assert "The translation is marked as still right." in html
    assert "تعلم الحرفة. ورشة في الصباح." not in html
    outdated.refresh_from_db()
    assert outdated.description_ar == "تعلم الحرفة. ورشة في الصباح."
    assert AuditEvent.objects.filter(action=AuditAction.TRANSLATION_CHECK).count() == 1
    english = admin_client.get("/en/admin/translations/queue/?language=en").content.decode()
    assert "Learn the trade. Workshop in the morning." in english  # still outdated in English


def test_an_editor_without_the_change_permission_cannot_mark_still_right(client, outdated):
    user = get_user_model().objects.create_user("reader", "reader@example.org", "a-long-demo-passphrase", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_programme"))
    staff_sign_in(client, user)
    html = client.get("/en/admin/translations/queue/?language=ar").content.decode()
    assert "تعلم الحرفة. ورشة في الصباح." in html
    assert "Still right" not in html
    stamped = TranslationStamp.objects.get(object_id=outdated.pk, field="description", language="ar").stamped_at
    response = client.post("/en/admin/translations/check/", check_form(outdated))
    assert response.status_code == 403
    assert TranslationStamp.objects.get(object_id=outdated.pk, field="description", language="ar").stamped_at == (
        stamped
    )
    assert not AuditEvent.objects.filter(action=AuditAction.TRANSLATION_CHECK).exists()


def test_still_right_needs_the_csrf_token(db, outdated):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "a-long-demo-passphrase")
    client = staff_sign_in(Client(enforce_csrf_checks=True), user)
    assert client.post("/en/admin/translations/check/", check_form(outdated)).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.TRANSLATION_CHECK).exists()


def test_the_public_cannot_mark_still_right(client, outdated):
    response = client.post("/en/admin/translations/check/", check_form(outdated))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not AuditEvent.objects.filter(action=AuditAction.TRANSLATION_CHECK).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"field": "slug"}, "This field is not translated."),
        ({"object_id": 999999}, "This record no longer exists."),
        ({"language": "de"}, "This translation could not be found."),
        ({"field": "admission_notes"}, "This text has no translation to check yet."),
    ],
)
def test_still_right_on_something_that_is_not_a_translation_is_refused_with_a_message(
    admin_client, outdated, overrides, message
):
    response = admin_client.post("/en/admin/translations/check/", check_form(outdated, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()


def test_still_right_is_a_post(admin_client, outdated):
    assert admin_client.get("/en/admin/translations/check/").status_code == 405


# Public pages


def _programme_page(client, lang: str, programme: Programme) -> str:
    return client.get(f"/{lang}/programmes/{programme.slug}/").content.decode()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_an_outdated_translation_shows_a_discreet_note_with_a_link_to_the_french(client, outdated, lang):
    html = _programme_page(client, lang, outdated)
    assert NOTE[lang] in html
    assert f'href="/fr/programmes/{outdated.slug}/" hreflang="fr"' in html


def test_the_french_page_shows_no_note(client, outdated):
    assert NOTE["fr"] not in _programme_page(client, "fr", outdated)
    assert "translation-note" not in _programme_page(client, "fr", outdated)


def test_an_up_to_date_translation_shows_no_note(client, outdated):
    outdated.description_en = "Learn the trade. Workshop in the afternoon, tools provided."
    outdated.save()
    assert NOTE["en"] not in _programme_page(client, "en", outdated)
    assert NOTE["ar"] in _programme_page(client, "ar", outdated)


def test_a_missing_translation_shows_the_french_marked_and_no_note(client, outdated):
    outdated.description_en = ""
    outdated.save()
    html = _programme_page(client, "en", outdated)
    assert '<p lang="fr">Apprendre le métier. Atelier l’après-midi, &lt;b&gt;outils&lt;/b&gt; fournis.</p>' in html
    assert NOTE["en"] not in html


def test_the_note_goes_from_the_cached_page_once_the_translation_is_marked_still_right(client, admin_client, outdated):
    anonymous = Client()
    assert NOTE["ar"] in _programme_page(anonymous, "ar", outdated)
    assert NOTE["ar"] in _programme_page(anonymous, "ar", outdated)  # served from the page cache
    admin_client.post("/en/admin/translations/check/", check_form(outdated))
    assert NOTE["ar"] not in _programme_page(anonymous, "ar", outdated)


def test_an_edit_of_the_french_puts_the_note_on_the_cached_page(client, catalogue):
    programme = catalogue.tailoring_evening
    programme.description_fr = "Coudre le soir."
    programme.description_en = "Sewing in the evening."
    programme.save()
    assert NOTE["en"] not in _programme_page(client, "en", programme)
    programme.description_fr = "Coudre le soir, deux fois par semaine."
    programme.save()
    assert NOTE["en"] in _programme_page(client, "en", programme)


def test_the_note_costs_the_page_one_query(client, outdated, django_assert_num_queries):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for lang in ("fr", "en"):
        cache.clear()
        _programme_page(client, lang, outdated)  # warm whatever a first request loads
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/{lang}/programmes/{outdated.slug}/").status_code == 200
        counts[lang] = len(queries)
    assert counts["en"] == counts["fr"] + 1


@pytest.mark.parametrize(
    ("kind", "field"),
    [("trades", "description"), ("providers", "description"), ("desks", "services")],
)
def test_trade_provider_and_desk_pages_show_the_note_on_their_outdated_texts(client, catalogue, kind, field):
    obj = {
        "trades": catalogue.jewellery,
        "providers": catalogue.institute,
        "desks": f.DeskFactory(slug="pilot-desk", city=catalogue.casablanca),
    }[kind]
    setattr(obj, f"{field}_fr", "Un texte en français.")
    setattr(obj, f"{field}_ar", "نص بالعربية.")
    setattr(obj, f"{field}_en", "A text in English.")
    obj.save()
    assert NOTE["en"] not in client.get(f"/en/{kind}/{obj.slug}/").content.decode()
    setattr(obj, f"{field}_fr", "Un autre texte en français.")
    obj.save()
    assert NOTE["en"] in client.get(f"/en/{kind}/{obj.slug}/").content.decode()
    assert NOTE["fr"] not in client.get(f"/fr/{kind}/{obj.slug}/").content.decode()
