"""The translation queue of the back office and the public note on an outdated translation, in a real browser.

No serious or critical axe-core violation, in fr, ar and en; the note sits
beside the text it is about and fits a phone.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import DESKTOP, OVERFLOW_SCRIPT, PHONE
from tests.browser.test_accessibility import blocking_violations


@pytest.fixture
def outdated(site, catalogue):
    programme = catalogue.jewellery_course
    programme.description_fr = "Apprendre le métier. Atelier le matin."
    programme.description_ar = "تعلم الحرفة. ورشة في الصباح."
    programme.description_en = "Learn the trade. Workshop in the morning."
    programme.save()
    programme.description_fr = "Apprendre le métier. Atelier l’après-midi, outils fournis."
    programme.save()
    return programme


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_the_translation_queue_has_no_serious_axe_violation(site, outdated, staff_page, lang):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-demo-passphrase")
    page = staff_page(user, DESKTOP)
    path = f"/{lang}/admin/translations/queue/?language=ar"
    assert page.goto(site + path).status == 200
    assert page.locator("del").first.is_visible()
    assert page.locator("ins").first.is_visible()
    assert not blocking_violations(page, path)
    page.get_by_role("button", name={"fr": "Toujours juste", "ar": "لا تزال صحيحة", "en": "Still right"}[lang]).click()
    assert "translations/queue/" in page.url
    assert page.locator("del").count() == 0


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_note_on_an_outdated_translation_is_accessible_and_fits_a_phone(site, outdated, new_page, lang):
    page = new_page(PHONE)
    path = f"/{lang}/programmes/{outdated.slug}/"
    assert page.goto(site + path).status == 200
    note = page.locator(".translation-note")
    assert note.is_visible()
    note.get_by_role("link").click()
    assert page.url == f"{site}/fr/programmes/{outdated.slug}/"
    page.goto(site + path)
    assert not blocking_violations(page, path)
    overflow = page.evaluate(OVERFLOW_SCRIPT)
    assert overflow <= 1
