"""A person answers the orientation questionnaire on a phone, reads the suggestions and takes the sheet away."""

from __future__ import annotations

import io
import unicodedata

import pytest
from django.utils import translation
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import PHONE

TAILORING = {"fr": "Couture", "ar": "الخياطة", "en": "Tailoring"}
CASABLANCA = {"fr": "Casablanca", "ar": "الدار البيضاء", "en": "Casablanca"}
FRENCH = {"fr": "Français", "ar": "الفرنسية", "en": "French"}


def t(lang: str, text: str) -> str:
    with translation.override(lang):
        return translation.gettext(text)


def _plain(text: str) -> str:
    """PDF text as letters: Arabic presentation forms folded, spaces and line breaks ignored."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _answer_the_questionnaire(page, site: str, lang: str) -> None:
    page.goto(f"{site}/{lang}/orientation/")
    page.get_by_role("link", name=t(lang, "Start the questions")).first.click()

    # 1. Interests: likes sewing, not metal and fire.
    expect(page.get_by_role("heading", level=1)).to_have_text(t(lang, "What do you like to do?"))
    page.get_by_role("group", name=t(lang, "Sew clothes")).get_by_label(t(lang, "I like it"), exact=True).check()
    page.get_by_role("group", name=t(lang, "Work metal with fire")).get_by_label(t(lang, "I don't like it")).check()
    page.get_by_role("button", name=t(lang, "Next")).click()

    # 2. Experience: sewed for one to three years.
    expect(page.get_by_role("heading", level=1)).to_have_text(t(lang, "What have you already done?"))
    page.get_by_role("group", name=TAILORING[lang]).get_by_label(t(lang, "1 to 3 years")).check()
    page.get_by_role("button", name=t(lang, "Next")).click()

    # 3. Languages, school, age.
    page.get_by_label(t(lang, "Year of birth")).fill("1995")
    speaks = t(lang, "I speak %(language)s") % {"language": FRENCH[lang]}
    page.get_by_role("group", name=speaks).get_by_label(t(lang, "Well"), exact=True).check()
    page.get_by_role("button", name=t(lang, "Next")).click()

    # 4. Time and place.
    page.get_by_label(t(lang, "In the evenings")).check()
    page.get_by_label(t(lang, "Where do you live?")).select_option(label=CASABLANCA[lang])
    page.get_by_label(t(lang, "Anywhere in Morocco")).check()
    page.get_by_role("button", name=t(lang, "Next")).click()

    # 5. Papers, 6. constraints: skipped, as anyone may.
    expect(page.get_by_role("heading", level=1)).to_have_text(t(lang, "Your papers"))
    page.get_by_role("button", name=t(lang, "Skip this step")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t(lang, "Anything hard for you?"))
    page.get_by_role("button", name=t(lang, "Next")).click()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_person_answers_the_questionnaire_sees_suggestions_and_downloads_the_sheet(site, new_page, lang):
    page = new_page(PHONE)
    _answer_the_questionnaire(page, site, lang)

    expect(page).to_have_url(f"{site}/{lang}/orientation/results/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
    expect(page.get_by_role("heading", level=1)).to_contain_text(t(lang, "Your suggestions"))
    trades = page.locator("ol.results").first.locator("h3")
    expect(trades.first).to_have_text(TAILORING[lang])
    first_trade = page.locator("ol.results").first.locator("li").first
    expect(first_trade).to_contain_text(t(lang, "You like sewing."))
    trainings = page.locator("ol.results").nth(1).locator("li h3")
    expect(trainings.first).to_be_visible()
    first_training = trainings.first.inner_text()

    link = page.get_by_role("link", name=t(lang, "Orientation sheet (PDF)"))
    response = page.context.request.get(site + link.get_attribute("href"), fail_on_status_code=True)
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = _plain("\n".join(p.extract_text() for p in reader.pages))

    assert _plain(TAILORING[lang]) in text
    assert _plain(t(lang, "You like sewing.")) in text
    # Word by word: an extractor gives a right-to-left title's runs around "–" in visual order.
    assert all(_plain(word) in text for word in first_training.split())
    assert _plain(t(lang, "Your nearest desk")) in text
    # Only what the person chose to show: no year of birth on the sheet.
    assert "1995" not in text
