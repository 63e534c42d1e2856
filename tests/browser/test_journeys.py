"""A person's journeys through the catalogue, in a real browser, with and without JavaScript."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

TAILORING_IN_SEFROU = {"fr": "Couture à Sefrou", "ar": "الخياطة بصفرو", "en": "Tailoring in Sefrou"}
TAILORING = {"fr": "Couture", "ar": "الخياطة", "en": "Tailoring"}
OTHER_LANGUAGE = {"fr": "ar", "ar": "en", "en": "fr"}


def t(lang: str, text: str) -> str:
    with translation.override(lang):
        return translation.gettext(text)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_person_finds_a_training_from_the_home_page_filters_and_opens_it(site, new_page, lang, javascript):
    page = new_page({"width": 360, "height": 740}, javascript=javascript)
    page.goto(f"{site}/{lang}/")
    page.get_by_role("link", name=t(lang, "Find a training")).first.click()
    expect(page).to_have_url(f"{site}/{lang}/programmes/")
    expect(page.get_by_role("heading", level=2)).to_contain_text("3")

    # The filters fold away until used; opening them is one tap on "Filters".
    page.locator("summary", has_text=t(lang, "Filters")).click()
    page.get_by_label(t(lang, "Trade"), exact=True).select_option(label=TAILORING[lang])
    page.get_by_label(t(lang, "Free of charge only")).check()
    page.get_by_role("button", name=t(lang, "Show trainings")).click()

    expect(page).to_have_url(re.compile(r"trade=tailoring.*free=(1|on)"))
    results = page.locator(".programme-card h3")
    expect(results).to_have_text([TAILORING_IN_SEFROU[lang]])
    expect(page.locator("details.filters")).to_have_attribute("open", "")

    results.first.get_by_role("link").click()
    expect(page).to_have_url(f"{site}/{lang}/programmes/tailoring-sefrou/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TAILORING_IN_SEFROU[lang])


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_language_switch_keeps_the_page_and_the_filters(site, new_page, lang, javascript):
    page = new_page({"width": 360, "height": 740}, javascript=javascript)
    page.goto(f"{site}/{lang}/programmes/tailoring-sefrou/")
    other = OTHER_LANGUAGE[lang]
    name = translation.get_language_info(other)["name_local"]
    page.get_by_role("navigation", name=t(lang, "Language")).get_by_role("link", name=name).click()
    expect(page).to_have_url(f"{site}/{other}/programmes/tailoring-sefrou/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TAILORING_IN_SEFROU[other])
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if other == "ar" else "ltr")

    page.goto(f"{site}/{lang}/programmes/?trade=tailoring&free=1")
    page.get_by_role("navigation", name=t(lang, "Language")).get_by_role("link", name=name).click()
    expect(page).to_have_url(f"{site}/{other}/programmes/?trade=tailoring&free=1")
    expect(page.locator(".programme-card h3")).to_have_text([TAILORING_IN_SEFROU[other]])


def test_filters_stay_folded_until_a_filter_is_used(site, page):
    page.goto(f"{site}/en/programmes/")
    expect(page.locator("details.filters")).not_to_have_attribute("open", "")
    expect(page.get_by_label("Trade", exact=True)).to_be_hidden()
    page.goto(f"{site}/en/programmes/?seats=1")
    expect(page.get_by_label("Trade", exact=True)).to_be_visible()


def test_a_bad_filter_is_announced_and_names_the_field(site, page_without_js):
    page = page_without_js
    page.goto(f"{site}/en/programmes/?starts_within=999")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Starts within (weeks)")
    alert.get_by_role("link").first.click()
    expect(page.locator("#id_starts_within")).to_be_focused()
