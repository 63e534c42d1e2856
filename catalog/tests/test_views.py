"""Every public page, in every language, says what a visitor needs."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from catalog.tests import factories as f

pytestmark = pytest.mark.usefixtures("strict_templates")

LANGUAGES = ["fr", "ar", "en"]


def _url(name: str, lang: str, **kwargs) -> str:
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def _page_urls(catalogue) -> list[tuple[str, dict]]:
    return [
        ("catalog:home", {}),
        ("catalog:trade_list", {}),
        ("catalog:trade_detail", {"slug": "jewellery"}),
        ("catalog:programme_list", {}),
        ("catalog:programme_detail", {"slug": "jewellery-qualification"}),
        ("catalog:desk_list", {}),
        ("catalog:desk_detail", {"slug": "casablanca-desk"}),
        ("catalog:provider_list", {}),
        ("catalog:provider_detail", {"slug": "institute"}),
        ("catalog:region_detail", {"slug": "casablanca-settat"}),
        ("orientation:start", {}),
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_public_page_answers_in_its_language_and_direction(client, catalogue, lang):
    for name, kwargs in _page_urls(catalogue):
        url = _url(name, lang, **kwargs)
        assert url.startswith(f"/{lang}/")
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        direction = "rtl" if lang == "ar" else "ltr"
        assert f'<html lang="{lang}" dir="{direction}">' in html, url


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("fr", "Trouver une formation"), ("ar", "ابحث عن تكوين"), ("en", "Find a training")],
)
def test_home_page_invites_to_find_a_training_in_the_visitors_language(client, catalogue, lang, expected):
    html = client.get(f"/{lang}/").content.decode()
    assert expected in html
    assert catalogue.jewellery.name_en.lower() in html.lower() or lang != "en"
    assert 'href="/static/' in html
    assert "#jewellery" in html  # the trade's pictogram from the sprite


@pytest.mark.parametrize(
    ("lang", "title"),
    [("fr", "Bijouterie – qualification"), ("ar", "صياغة الحلي – تأهيل"), ("en", "Jewellery – qualification")],
)
def test_programme_page_shows_translated_content_criteria_documents_and_sessions(client, catalogue, lang, title):
    document = f.DocumentTypeFactory(name_fr="Deux photos", name_ar="صورتان", name_en="Two photos")
    catalogue.jewellery_course.required_documents.add(document)
    html = client.get(f"/{lang}/programmes/jewellery-qualification/").content.decode()
    assert title in html
    assert {"fr": "Deux photos", "ar": "صورتان", "en": "Two photos"}[lang] in html
    assert {"fr": "De 15 à 30 ans.", "ar": "من 15 إلى 30 سنة.", "en": "From 15 to 30 years old."}[lang] in html
    # two upcoming sessions, with their seats left
    assert html.count("<tr>") == 3


def test_programme_page_of_unpublished_programme_is_not_found(client, catalogue):
    assert client.get("/fr/programmes/unpublished/").status_code == 404


def test_language_switch_keeps_the_page_and_its_filters(client, catalogue):
    html = client.get("/fr/programmes/?trade=tailoring&free=1").content.decode()
    assert 'href="/ar/programmes/?trade=tailoring&amp;free=1"' in html
    assert 'href="/en/programmes/?trade=tailoring&amp;free=1"' in html
    detail = client.get("/en/programmes/jewellery-qualification/").content.decode()
    assert 'href="/fr/programmes/jewellery-qualification/"' in detail
    assert 'href="/ar/programmes/jewellery-qualification/"' in detail


@pytest.mark.parametrize(
    ("accept", "lang"), [("ar,fr;q=0.8", "ar"), ("en-GB,en;q=0.9", "en"), ("de", "fr"), ("", "fr")]
)
def test_root_redirects_to_the_browsers_best_language(client, db, accept, lang):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/"


def test_trade_page_lists_its_skills_and_programmes(client, catalogue):
    skill = f.SkillFactory(name_en="Mount stones in jewels")
    catalogue.jewellery.skills.add(skill)
    html = client.get("/en/trades/jewellery/").content.decode()
    assert "Mount stones in jewels" in html
    assert "Jewellery – qualification" in html
    assert "Draft" not in html


def test_desk_page_shows_hours_contact_and_numbers_left_to_right(client, catalogue):
    html = client.get("/ar/desks/casablanca-desk/").content.decode()
    assert "شباك الدار البيضاء" in html
    assert '<bdi dir="ltr">+212 5 22 00 00 00</bdi>' in html
    assert 'href="tel:+212522000000"' in html
    assert "الاثنين" in html  # Monday, from the opening hours
    assert '<span dir="ltr">09:00–12:30</span>' in html


def test_provider_page_lists_its_published_programmes_only(client, catalogue):
    html = client.get("/en/providers/institute/").content.decode()
    assert "Evening tailoring" in html
    assert "Jewellery – qualification" in html
    assert "Draft" not in html


def test_provider_page_shows_its_programmes_a_page_at_a_time_soonest_first(client, catalogue, settings):
    settings.GUICHET_PAGE_SIZE = 1
    first = client.get("/en/providers/institute/").content.decode()
    assert _titles(first) == ["jewellery-qualification"]
    assert 'href="?page=2"' in first
    assert "Page 1 of 2" in first
    second = client.get("/en/providers/institute/?page=2").content.decode()
    assert _titles(second) == ["tailoring-evening"]
    assert client.get("/en/providers/institute/?page=3").status_code == 404


def _titles(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/en/programmes/([\w-]+)/">', html)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["jewellery-qualification", "tailoring-evening", "tailoring-sefrou"]),
        ("trade=tailoring", ["tailoring-evening", "tailoring-sefrou"]),
        ("region=fes-meknes", ["tailoring-sefrou"]),
        ("city=casablanca", ["jewellery-qualification", "tailoring-evening"]),
        ("schedule=evenings", ["tailoring-evening"]),
        ("language=ar", ["jewellery-qualification", "tailoring-evening"]),
        ("free=1", ["jewellery-qualification", "tailoring-sefrou"]),
        ("starts_within=4", ["jewellery-qualification"]),
        ("starts_within=26", ["jewellery-qualification"]),
        ("seats=1", ["jewellery-qualification"]),
        ("trade=tailoring&region=casablanca-settat&free=1", []),
    ],
)
def test_programme_list_filters_narrow_the_results(client, catalogue, query, expected):
    response = client.get(f"/en/programmes/?{query}")
    assert response.status_code == 200
    assert _titles(response.content.decode()) == expected


def test_programme_list_shows_soonest_start_first_and_programmes_without_dates_last(client, catalogue):
    html = client.get("/en/programmes/").content.decode()
    assert _titles(html)[-1] == "tailoring-sefrou"  # its only session has started
    assert "No date announced yet" in html


def test_programme_list_paginates_and_keeps_filters_in_the_links(client, catalogue, settings):
    settings.GUICHET_PAGE_SIZE = 1
    first = client.get("/en/programmes/?free=1").content.decode()
    assert 'href="?free=1&amp;page=2"' in first
    assert "Page 1 of 2" in first
    second = client.get("/en/programmes/?free=1&page=2").content.decode()
    assert _titles(second) == ["tailoring-sefrou"]


def test_empty_result_points_to_a_desk(client, catalogue):
    html = client.get("/en/programmes/?trade=tailoring&region=casablanca-settat&free=1").content.decode()
    assert "0 trainings found" in html
    assert 'href="/en/desks/"' in html


def test_filters_are_labelled_and_keep_their_values(client, catalogue):
    html = client.get("/en/programmes/?trade=tailoring&free=1").content.decode()
    assert '<label for="id_trade">' in html
    assert '<option value="tailoring" selected>' in html
    assert 'name="free" value="1"' not in html or "checked" in html


@pytest.mark.parametrize(
    "name",
    ["catalog:home", "catalog:programme_list", "catalog:trade_list", "catalog:desk_list", "catalog:provider_list"],
)
def test_list_pages_make_a_fixed_number_of_queries_whatever_the_rows(
    client, catalogue, django_assert_max_num_queries, name
):

    for n in range(15):
        programme = f.ProgrammeFactory(slug=f"extra-{n}", trade=catalogue.tailoring, provider=catalogue.institute)
        f.SessionFactory(programme=programme)
        f.DeskFactory(city=catalogue.casablanca)
    with django_assert_max_num_queries(12):
        assert client.get(_url(name, "fr")).status_code == 200


def test_security_headers_are_on_every_page(client, catalogue):
    response = client.get("/fr/")
    csp = response["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert client.get("/fr/no-such-page/")["Content-Security-Policy"] == csp


# Pages that read their main text aloud (programme, trade, desk, orientation) also load the small script of
# the Listen button (static/js/listen.js).
READ_ALOUD_PAGES = {"catalog:programme_detail", "catalog:trade_detail", "catalog:desk_detail", "orientation:start"}


def test_pages_load_only_the_deferred_offline_script_and_no_inline_script(client, catalogue):
    # Pages work without it: tests/browser/ runs the journeys with JavaScript off.
    for name, kwargs in _page_urls(catalogue):
        html = client.get(_url(name, "fr", **kwargs)).content.decode()
        # A programme's structured data is a data block, never run (JSON-LD, allowed by its hash: test_open_pages).
        scripts = [tag for tag in re.findall(r"<script[^>]*>", html) if tag != '<script type="application/ld+json">']
        expected = ["guichet", "listen"] if name in READ_ALOUD_PAGES else ["guichet"]
        assert len(scripts) == len(expected), name
        for script, file in zip(scripts, expected, strict=True):
            assert re.fullmatch(rf'<script src="/static/js/{file}\.[0-9a-f]{{12}}\.js" defer>', script)


def test_filters_fold_away_until_one_is_used(client, catalogue):
    plain = client.get("/en/programmes/").content.decode()
    assert '<details class="filters">' in plain
    filtered = client.get("/en/programmes/?trade=tailoring&free=1").content.decode()
    assert '<details class="filters" open>' in filtered
    assert "Filters (2)" in filtered


def test_trade_page_shows_the_soonest_trainings_and_links_to_all_of_them(client, catalogue, settings):
    settings.GUICHET_PAGE_SIZE = 1
    html = client.get("/en/trades/jewellery/").content.decode()
    assert html.count('class="card programme-card"') == 1
    assert 'href="/en/programmes/?trade=jewellery"' not in html  # nothing more to see
    f.ProgrammeFactory(slug="jewellery-more", trade=catalogue.jewellery, provider=catalogue.institute)
    html = client.get("/en/trades/jewellery/").content.decode()
    assert html.count('class="card programme-card"') == 1
    assert 'href="/en/programmes/?trade=jewellery"' in html


@pytest.mark.parametrize(
    ("lang", "expected"), [("fr", "Arabe et Français"), ("en", "Arabic and French"), ("ar", "العربية والفرنسية")]
)
def test_teaching_languages_are_joined_as_each_language_joins_words(client, catalogue, lang, expected):
    html = client.get(f"/{lang}/programmes/jewellery-qualification/").content.decode()
    assert expected in html


def test_french_text_shown_on_an_arabic_page_is_marked_french_and_left_to_right(client, french_only):
    detail = client.get("/ar/programmes/french-only/").content.decode()
    assert '<h1 lang="fr" dir="ltr">Reliure d&#x27;art</h1>' in detail
    assert '<p class="lead" lang="fr" dir="ltr">Relier des livres à la main.</p>' in detail
    listed = client.get("/ar/programmes/").content.decode()
    assert '<span lang="fr" dir="ltr">Reliure d&#x27;art</span>' in listed


def test_french_text_shown_on_an_english_page_is_marked_french_only(client, french_only):
    html = client.get("/en/programmes/french-only/").content.decode()
    assert '<h1 lang="fr">Reliure d&#x27;art</h1>' in html


def test_text_in_the_page_language_carries_no_language_of_its_own(client, french_only, catalogue):
    assert "<h1>Reliure d&#x27;art</h1>" in client.get("/fr/programmes/french-only/").content.decode()
    arabic = client.get("/ar/programmes/jewellery-qualification/").content.decode()
    assert 'lang="fr"' not in arabic.split("<main", 1)[1]


def test_a_missing_arabic_place_name_is_marked_french_inside_the_arabic_sentence(client, catalogue):
    catalogue.institute.name_ar = ""
    catalogue.institute.save()
    html = client.get("/ar/desks/casablanca-desk/").content.decode()
    french_name = f'<span lang="fr" dir="ltr">{catalogue.institute.name_fr}</span>'
    assert french_name in html.split('<p class="meta">', 1)[1].split("</p>", 1)[0]


def test_names_typed_by_staff_are_shown_isolated_and_without_controls_stored_before_the_rule(client, catalogue):
    from catalog.models import Provider

    Provider.objects.filter(pk=catalogue.institute.pk).update(name_en="Jewellery \u202einstitute\u202c")
    html = client.get(_url("catalog:programme_list", "en")).content.decode()
    assert "<bdi>Jewellery institute</bdi> · <bdi>Casablanca</bdi>" in html
    assert "\u202e" not in html and "\u202c" not in html
