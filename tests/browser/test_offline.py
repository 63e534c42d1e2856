"""What a person has seen stays readable offline; forms say they need a connection."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE

SEEN = ["/{lang}/programmes/tailoring-sefrou/", "/{lang}/desks/casablanca-desk/", "/{lang}/trades/tailoring/"]


def _visit_online(page, site: str, paths: list[str]) -> None:
    for path in paths:
        page.goto(site + path)
        # The page asks the service worker to keep it; wait until it is kept and
        # the worker, once active, handles this page's next navigations.
        page.wait_for_function(
            "(url) => navigator.serviceWorker.controller &&"
            " caches.open('guichet-pages-v1').then((c) => c.match(url)).then(Boolean)",
            arg=page.url,
        )


@pytest.mark.parametrize(("lang", "saved_on"), [("fr", "Cette page a été enregistrée le"), ("ar", "حُفظت هذه الصفحة")])
def test_pages_seen_are_readable_offline_with_the_date_they_were_saved(site, new_page, lang, saved_on):
    page = new_page(PHONE, service_workers="allow")
    seen = [path.format(lang=lang) for path in SEEN]
    _visit_online(page, site, seen)
    page.context.set_offline(True)
    for path in seen:
        page.goto(site + path)
        banner = page.locator("#offline-banner")
        expect(banner).to_be_visible()
        expect(banner).to_contain_text(saved_on)
        expect(banner.locator("time")).to_have_attribute("datetime", re.compile(r"^\d{4}-"))
        expect(page.locator("h1")).not_to_be_empty()
    page.goto(f"{site}/{lang}/programmes/tailoring-sefrou/")
    expect(page.locator("h1")).to_have_text({"fr": "Couture à Sefrou", "ar": "الخياطة بصفرو"}[lang])
    # Online again, the page is fresh and the banner gone.
    page.context.set_offline(False)
    page.goto(f"{site}/{lang}/programmes/tailoring-sefrou/")
    expect(page.locator("#offline-banner")).to_be_hidden()


def test_a_page_never_seen_says_it_is_offline_in_the_visitors_language(site, new_page):
    page = new_page(PHONE, service_workers="allow")
    _visit_online(page, site, ["/en/"])
    page.context.set_offline(True)
    page.goto(f"{site}/en/providers/association/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")


def test_a_form_offline_says_it_needs_a_connection_instead_of_failing(site, new_page):
    page = new_page(PHONE, service_workers="allow")
    _visit_online(page, site, ["/en/programmes/"])
    page.context.set_offline(True)
    page.goto(f"{site}/en/programmes/")
    page.locator("details.filters > summary").click()
    page.get_by_label("Seats left only").check()
    page.get_by_role("button", name="Show trainings").click()
    expect(page.get_by_role("alert")).to_contain_text("this form needs a connection")
    expect(page).to_have_url(f"{site}/en/programmes/")
