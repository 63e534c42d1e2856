"""Read aloud and "Did this page help you?" in a real browser, in fr, ar and en, on a phone and a desktop.

The browser's speech synthesis is replaced at its boundary by an init script: ``getVoices`` answers the
voices a test chooses, ``speak`` records each utterance (its text and language) instead of sounding it.
"""

from __future__ import annotations

import json

import pytest
from django.utils import translation
from playwright.sync_api import expect

from content.models import Feedback
from tests.browser.conftest import DESKTOP, PHONE, SIZES, at_each_size
from tests.browser.test_accessibility import BLOCKING_IMPACTS, _run_axe

TRADE = {"fr": "Bijouterie", "ar": "صياغة الحلي", "en": "Jewellery"}
TRADE_SUMMARY = {"fr": "Un métier des mains.", "ar": "حرفة يدوية.", "en": "A trade of the hands."}
VOICE = {"fr": "fr-FR", "ar": "ar-SA", "en": "en-GB"}
READ_ALOUD_PAGES = [
    "/{lang}/programmes/jewellery-qualification/",
    "/{lang}/trades/jewellery/",
    "/{lang}/desks/casablanca-desk/",
    "/{lang}/orientation/",
    "/{lang}/orientation/questions/interests/",
]

SPEECH = """
(() => {
  const voices = %s.map((lang) => ({lang, name: 'Test ' + lang, voiceURI: 'test-' + lang, localService: true,
                                    default: false}));
  const endsAlone = %s;
  window.__spoken = [];
  window.__cancelled = 0;
  const synth = window.speechSynthesis;
  synth.getVoices = () => voices;
  synth.speak = (utterance) => {
    window.__spoken.push({text: utterance.text, lang: utterance.lang});
    if (endsAlone && utterance.onend) setTimeout(() => utterance.onend(new Event('end')), 0);
  };
  synth.cancel = () => { window.__cancelled += 1; };
})();
"""


def t(lang: str, text: str) -> str:
    with translation.override(lang):
        return translation.gettext(text)


def _speech(languages: list[str], *, ends_alone: bool = True) -> str:
    return SPEECH % (json.dumps(languages), "true" if ends_alone else "false")


def _with_voices(page, languages: list[str], *, ends_alone: bool = True):
    page.add_init_script(_speech(languages, ends_alone=ends_alone))
    return page


def _spoken(page) -> list[dict]:
    return page.evaluate("window.__spoken")


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_listen_reads_the_pages_main_content_in_its_language(site, new_page, lang):
    page = _with_voices(new_page(PHONE), ["de-DE", VOICE[lang]])
    page.goto(f"{site}/{lang}/trades/jewellery/")
    listen = page.get_by_role("button", name=t(lang, "Listen"))
    expect(listen).to_be_visible()
    listen.click()
    expect(listen).to_be_visible()  # back once the last part is read
    spoken = _spoken(page)
    assert spoken[0] == {"text": TRADE[lang], "lang": lang}
    assert {"text": TRADE_SUMMARY[lang], "lang": lang} in spoken
    said = " ".join(part["text"] for part in spoken)
    # The main text only: neither the menus nor the feedback form nor the button itself.
    for elsewhere in ("Did this page help you?", "Trainings", "Listen", "Skip to content"):
        assert t(lang, elsewhere) not in said


@pytest.mark.parametrize("path", READ_ALOUD_PAGES)
def test_no_listen_button_without_a_voice_for_the_pages_language(site, new_page, path):
    page = new_page(PHONE)
    for voices in ([], ["fr-FR", "en-US"]):
        with page.add_init_script(_speech(voices)):  # these voices for this visit only
            page.goto(site + path.format(lang="ar"))
            assert page.locator("[data-listen]").count() == 1
            expect(page.locator("[data-listen]")).to_be_hidden()
            expect(page.get_by_role("button", name=t("ar", "Listen"))).to_have_count(0)
    with page.add_init_script(_speech(["ar-MA"])):
        page.goto(site + path.format(lang="ar"))
        expect(page.get_by_role("button", name=t("ar", "Listen"))).to_be_visible()


def test_without_javascript_there_is_no_listen_button_and_feedback_takes_two_taps(site, page_without_js):
    page = page_without_js
    page.goto(f"{site}/fr/programmes/jewellery-qualification/")
    expect(page.locator("[data-listen]")).to_be_hidden()
    form = page.get_by_role("group", name=t("fr", "Did this page help you?"))
    form.get_by_label(t("fr", "No"), exact=True).check()
    form.get_by_role("button", name=t("fr", "Send")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("fr", "Thank you"))
    page.get_by_role("link", name=t("fr", "Back to the page")).click()
    assert page.url == f"{site}/fr/programmes/jewellery-qualification/"
    feedback = Feedback.objects.get()
    assert (feedback.path, feedback.language, feedback.helped) == ("/programmes/jewellery-qualification/", "fr", False)


def test_the_questionnaire_reads_each_question_and_its_answers(site, new_page):
    page = _with_voices(new_page(PHONE), ["fr-FR"])
    page.goto(f"{site}/fr/orientation/questions/interests/")
    page.get_by_role("button", name=t("fr", "Listen")).click()
    expect(page.get_by_role("button", name=t("fr", "Listen"))).to_be_visible()
    texts = [part["text"] for part in _spoken(page)]
    assert texts[0] == t("fr", "What do you like to do?")
    question = texts.index(t("fr", "Sew clothes"))
    assert texts[question + 1 : question + 3] == [t("fr", "I like it"), t("fr", "I don't know")] or (
        t("fr", "I like it") in texts[question + 1 : question + 4]
    )
    assert all(part["lang"] == "fr" for part in _spoken(page))


def test_stop_ends_the_reading_and_gives_the_listen_button_back(site, new_page):
    page = _with_voices(new_page(DESKTOP), ["en-US"], ends_alone=False)
    page.goto(f"{site}/en/desks/casablanca-desk/")
    page.get_by_role("button", name="Listen").click()
    stop = page.get_by_role("button", name=t("en", "Stop reading"))
    expect(stop).to_be_visible()
    expect(stop).to_be_focused()
    expect(page.get_by_role("button", name="Listen")).to_be_hidden()
    stop.click()
    expect(page.get_by_role("button", name="Listen")).to_be_visible()
    expect(stop).to_be_hidden()
    assert page.evaluate("window.__cancelled") >= 2  # before reading, and to stop


def _new_controls_visit(site: str, page, lang: str) -> dict[str, dict]:
    """By size, the serious axe-core violations of the listen button and the feedback form, and whether the page
    and the form fit the screen."""
    page.goto(f"{site}/{lang}/programmes/jewellery-qualification/")
    expect(page.locator("[data-listen]")).to_be_visible()
    page.locator(".page-feedback summary").click()
    expect(page.get_by_label(t(lang, "Your comment"))).to_be_visible()

    def check(page, viewport: dict) -> dict:
        box = page.locator(".page-feedback").bounding_box()
        return {
            "blocking": [
                f"{v['id']}: {[n['target'] for n in v['nodes']]}"
                for v in _run_axe(page)
                if v["impact"] in BLOCKING_IMPACTS
                and any(".listen" in str(n["target"]) or "feedback" in str(n["target"]) for n in v["nodes"])
            ],
            "page fits": page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"),
            "form fits": box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"],
        }

    return at_each_size(page, check)


@pytest.mark.parametrize("viewport", list(SIZES))
@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_the_new_controls_pass_axe_and_fit_the_screen(site, new_page, shared_visit, lang, viewport):
    found = shared_visit(
        f"read aloud and feedback controls {lang}",
        lambda: _new_controls_visit(site, _with_voices(new_page(PHONE), [VOICE[lang]]), lang),
    )[viewport]
    assert not found["blocking"]
    # Nothing sticks out sideways, in either direction of writing.
    assert found["page fits"] and found["form fits"]


def test_a_french_text_shown_on_an_arabic_page_is_read_in_french(site, new_page, french_only):
    page = _with_voices(new_page(PHONE), ["ar-MA", "fr-FR"])
    page.goto(f"{site}/ar/programmes/{french_only.slug}/")
    page.get_by_role("button", name=t("ar", "Listen")).click()
    expect(page.get_by_role("button", name=t("ar", "Listen"))).to_be_visible()
    spoken = _spoken(page)
    assert spoken[0] == {"text": "Reliure d'art", "lang": "fr"}
    assert {"text": "Relier des livres à la main.", "lang": "fr"} in spoken
    assert {"text": t("ar", "Who can apply"), "lang": "ar"} in spoken
