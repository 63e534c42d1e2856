"""The questionnaire and results pages, in three languages, with JavaScript off (plain POST forms)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from catalog.tests.factories import DocumentTypeFactory
from orientation.profile import residence_card_bounds
from orientation.questionnaire import SESSION_KEY, STEPS

LANGS = ["fr", "ar", "en"]


def url(name: str, lang: str, **kwargs) -> str:
    with translation.override(lang):
        return reverse(f"orientation:{name}", kwargs=kwargs or None)


@pytest.fixture
def browser(db) -> Client:
    """A browser that sends the CSRF token like a real form does."""
    return Client(enforce_csrf_checks=True)


def post(client: Client, path: str, data: dict):
    page = client.get(path)
    token = page.cookies.get("csrftoken") or client.cookies["csrftoken"]
    return client.post(path, {**data, "csrfmiddlewaretoken": token.value})


@pytest.mark.parametrize("lang", LANGS)
def test_every_step_shows_its_question_number_and_a_labelled_form(browser, catalogue, strict_templates, lang):
    for number, step in enumerate(STEPS, start=1):
        page = browser.get(url("step", lang, slug=step.slug))
        assert page.status_code == 200
        html = page.content.decode()
        assert f'lang="{lang}"' in html
        assert 'name="csrfmiddlewaretoken"' in html
        assert 'value="next"' in html and 'value="skip"' in html
        assert f"{number}" in html


def test_guide_leads_to_the_questionnaire(client, catalogue, strict_templates):
    page = client.get(url("start", "en"))
    assert url("step", "en", slug="interests") in page.content.decode()
    assert "Start the questions" in page.content.decode()


def test_answers_are_kept_going_back_and_forth(browser, catalogue, strict_templates):
    interests = url("step", "en", slug="interests")
    response = post(browser, interests, {"sew": "like", "forge": "dislike", "action": "next"})
    assert response.status_code == 302
    assert response["Location"] == url("step", "en", slug="experience")
    response = post(browser, url("step", "en", slug="experience"), {"tailoring": "1to3", "action": "back"})
    assert response["Location"] == interests
    page = browser.get(interests).content.decode()
    assert 'value="like" id="id_sew_0" checked' in page
    assert browser.session[SESSION_KEY]["interests"] == {"sew": "like", "forge": "dislike"}
    assert browser.session[SESSION_KEY]["experience"] == {"tailoring": "1to3"}
    page = browser.get(url("step", "en", slug="experience")).content.decode()
    assert 'value="1to3" id="id_tailoring_2" checked' in page


def test_skip_moves_on_without_saving(browser, catalogue):
    response = post(browser, url("step", "en", slug="about"), {"birth_year": "1995", "action": "skip"})
    assert response["Location"] == url("step", "en", slug="availability")
    assert SESSION_KEY not in browser.session


def test_last_step_leads_to_the_results(browser, catalogue):
    response = post(browser, url("step", "en", slug="constraints"), {"constraints": ["dust"], "action": "next"})
    assert response["Location"] == url("results", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_bad_answers_get_a_clear_message_in_the_persons_language(browser, catalogue, strict_templates, lang):
    response = post(browser, url("step", lang, slug="about"), {"birth_year": "1200", "action": "next"})
    assert response.status_code == 400
    with translation.override(lang):
        assert (
            escape(translation.gettext("Write the year you were born, for example 1995.")) in response.content.decode()
        )
    assert SESSION_KEY not in browser.session


def test_nonsense_choices_are_refused_not_saved(browser, catalogue):
    response = post(browser, url("step", "en", slug="interests"), {"sew": "<script>", "action": "next"})
    assert response.status_code == 400
    assert SESSION_KEY not in browser.session


def test_unknown_step_is_404(client, catalogue):
    assert client.get(url("step", "en", slug="religion")).status_code == 404


def test_post_without_csrf_token_is_refused(browser, catalogue):
    assert browser.post(url("step", "en", slug="interests"), {"sew": "like"}).status_code == 403


def test_start_again_erases_the_answers(browser, catalogue):
    post(browser, url("step", "en", slug="interests"), {"sew": "like", "action": "next"})
    response = post(browser, url("restart", "en"), {})
    assert response["Location"] == url("step", "en", slug="interests")
    assert SESSION_KEY not in browser.session


@pytest.mark.parametrize("lang", LANGS)
def test_results_show_trades_trainings_reasons_and_what_to_check(browser, catalogue, strict_templates, lang):
    post(browser, url("step", lang, slug="interests"), {"fine-objects": "like", "draw": "like", "action": "next"})
    post(browser, url("step", lang, slug="availability"), {"city": "casablanca", "action": "next"})
    page = browser.get(url("results", lang))
    assert page.status_code == 200
    html = page.content.decode()
    with translation.override(lang):
        assert catalogue.jewellery.name in html
        assert escape(translation.gettext("You like making small, fine objects.")) in html
        assert escape(translation.gettext("To check at the desk:")) in html
        assert catalogue.desk.name in html
    assert url("sheet", lang) in html


def test_results_without_answers_invite_to_answer(client, catalogue, strict_templates):
    html = client.get(url("results", "en")).content.decode()
    assert "You have not answered any question yet." in html


def test_questionnaire_never_asks_nationality_sex_or_religion(client, catalogue):
    for step in STEPS:
        html = client.get(url("step", "en", slug=step.slug)).content.decode().lower()
        for word in ("nationality", "sex", "gender", "religion"):
            assert f'name="{word}' not in html


def test_back_with_a_bad_answer_goes_back_without_saving_it(browser, catalogue):
    response = post(browser, url("step", "en", slug="about"), {"birth_year": "1200", "action": "back"})
    assert response["Location"] == url("step", "en", slug="experience")
    assert SESSION_KEY not in browser.session


def test_answers_pages_are_never_cached(client, catalogue):
    for name, kwargs in [("step", {"slug": "interests"}), ("results", {})]:
        assert "no-store" in client.get(url(name, "en", **kwargs))["Cache-Control"]


def test_results_page_runs_a_fixed_number_of_queries(client, catalogue, django_assert_max_num_queries):
    client.get(url("results", "en"))
    with django_assert_max_num_queries(20):
        assert client.get(url("results", "en")).status_code == 200


def test_every_answer_survives_the_round_trip_through_the_session(browser, catalogue):
    DocumentTypeFactory(slug="passport")
    answers = {
        "about": {"schooling": "3", "birth_year": "1996", "speaks_fr": "2", "reads_ar": "1"},
        "availability": {
            "times": ["weekdays", "evenings"],
            "workload": "part",
            "start": "soon",
            "city": "casablanca",
            "travel": "region",
        },
        "documents": {"residence_card": "card", "residence_card_expires": "2030-01-31", "documents": ["passport"]},
        "constraints": {"constraints": ["dust"], "constraints_note": "Back pain"},
    }
    for slug, data in answers.items():
        post(browser, url("step", "en", slug=slug), {**data, "action": "next"})
    saved = browser.session[SESSION_KEY]
    assert (saved["schooling"], saved["birth_year"], saved["speaks"], saved["reads"]) == (3, 1996, {"fr": 2}, {"ar": 1})
    assert (saved["times"], saved["workload"], saved["start"], saved["city"], saved["travel"]) == (
        ["weekdays", "evenings"],
        "part",
        "soon",
        "casablanca",
        "region",
    )
    assert (saved["residence_card"], saved["residence_card_expires"], saved["documents"]) == (
        "card",
        "2030-01-31",
        ["passport"],
    )
    assert (saved["constraints"], saved["constraints_note"]) == (["dust"], "Back pain")
    page = browser.get(url("step", "en", slug="documents")).content.decode()
    assert 'value="2030-01-31"' in page


def test_results_read_the_catalogue_once_then_only_what_they_show(client, catalogue):
    """The candidate catalogue is loaded by the first results after a change, then kept by the process."""
    path = reverse("orientation:results")
    with CaptureQueriesContext(connection) as first:
        assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert client.get(path).status_code == 200
    # 8 of their own, and 1 of the panel "talk about this with a counsellor" (the desks offering a meeting).
    assert len(second) <= 9 < len(first)


def test_a_suggested_trade_shown_in_french_on_the_arabic_results_is_marked_french(browser, catalogue):
    catalogue.jewellery.name_ar = ""
    catalogue.jewellery.save()
    post(browser, url("step", "ar", slug="interests"), {"fine-objects": "like", "draw": "like", "action": "next"})
    html = browser.get(url("results", "ar")).content.decode()
    assert f'<span lang="fr" dir="ltr">{escape(catalogue.jewellery.name_fr)}</span>' in html


def _card_message(lang: str) -> str:
    earliest, latest = residence_card_bounds(timezone.localdate())
    with translation.override(lang):
        return escape(
            translation.gettext("Write the date on your card: a day between %(earliest)s and %(latest)s.")
            % {"earliest": earliest.isoformat(), "latest": latest.isoformat()}
        )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("expires", ["9999-12-31", "0001-01-01"])
def test_a_card_date_out_of_plausible_bounds_is_refused_with_a_message(browser, catalogue, lang, expires):
    data = {"residence_card": "card", "residence_card_expires": expires, "action": "next"}
    response = post(browser, url("step", lang, slug="documents"), data)
    assert response.status_code == 400
    assert _card_message(lang) in response.content.decode()
    assert SESSION_KEY not in browser.session


def test_a_card_date_already_kept_out_of_bounds_is_forgotten_by_the_results_and_the_sheet(client, catalogue):
    session = client.session
    session[SESSION_KEY] = {"residence_card": "card", "residence_card_expires": "9999-12-31"}
    session.save()
    assert client.get(url("results", "en")).status_code == 200
    assert client.get(url("sheet", "en")).status_code == 200
