"""A region saved whole from its page reads offline, pages never opened included."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE

REGION = "/{lang}/regions/casablanca-settat/"
NEVER_OPENED = "/{lang}/programmes/jewellery-qualification/"
WORDS = {
    "fr": {
        "size": "À télécharger : 7 pages, ",
        "save": "Enregistrer pour lire hors connexion",
        "done": "Enregistré : ces pages se lisent désormais sans connexion.",
        "saved": "Enregistré sur cet appareil le ",
        "title": "Bijouterie – qualification",
        "remove": "Supprimer de cet appareil",
    },
    "ar": {
        "size": "للتنزيل: 7 صفحات، ",
        "save": "حفظ للقراءة دون اتصال",
        "done": "تم الحفظ: يمكن الآن قراءة هذه الصفحات دون اتصال.",
        "saved": "حُفظ على هذا الجهاز في ",
        "title": "صياغة الحلي – تأهيل",
        "remove": "حذف من هذا الجهاز",
    },
}


def _save_region(page, site: str, lang: str, path: str = REGION) -> None:
    words = WORDS[lang]
    page.goto(site + path.format(lang=lang))
    box = page.locator("#offline-save")
    expect(box.locator("[data-offline-size]")).to_contain_text(words["size"])
    box.get_by_role("button", name=words["save"]).click()
    expect(box.get_by_role("status")).to_have_text(words["done"])
    expect(box.locator("[data-offline-saved]")).to_contain_text(words["saved"])


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_region_saved_from_its_page_opens_a_programme_never_seen_offline(site, new_page, lang):
    page = new_page(PHONE, service_workers="allow")
    _save_region(page, site, lang)
    page.context.set_offline(True)
    page.goto(site + NEVER_OPENED.format(lang=lang))
    expect(page.locator("h1")).to_have_text(WORDS[lang]["title"])
    expect(page.locator("#offline-banner")).to_be_visible()
    # Styled offline too: the stylesheet was saved with the pages.
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 0


def test_a_region_saved_from_a_desk_page_can_be_removed(site, new_page):
    page = new_page(PHONE, service_workers="allow")
    _save_region(page, site, "fr", "/{lang}/desks/casablanca-desk/")
    box = page.locator("#offline-save")
    # The saved line survives a reload: it is read back from the service worker.
    page.reload()
    expect(box.locator("[data-offline-saved]")).to_contain_text(WORDS["fr"]["saved"])
    box.get_by_role("button", name=WORDS["fr"]["remove"]).click()
    expect(box.get_by_role("status")).to_have_text("Supprimé de cet appareil.")
    expect(box.locator("[data-offline-saved]")).to_be_hidden()
    page.context.set_offline(True)
    page.goto(site + NEVER_OPENED.format(lang="fr"))
    expect(page.locator("h1")).to_have_text("Vous êtes hors connexion")


def test_without_service_workers_or_javascript_there_is_no_button_to_press(site, new_page):
    page = new_page(PHONE, service_workers="allow")
    page.add_init_script("delete Object.getPrototypeOf(navigator).serviceWorker")
    page.goto(site + REGION.format(lang="en"))
    expect(page.locator("h1")).to_have_text("Casablanca-Settat")
    expect(page.locator("#offline-save")).to_be_hidden()
    assert page.get_by_role("button", name="Save for offline").count() == 0
    no_js = new_page(PHONE, javascript=False)
    no_js.goto(site + "/en/desks/casablanca-desk/")
    expect(no_js.locator("#offline-save")).to_be_hidden()
    expect(no_js.locator("h1")).to_have_text("Casablanca desk")
