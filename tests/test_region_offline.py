"""A region in the pocket, as the server gives it: the region's page and the manifest of what saving it stores."""

from __future__ import annotations

import json

import pytest
from django.template.defaultfilters import filesizeformat
from django.utils import translation

from catalog.tests import factories as f

MANIFEST = "/{lang}/regions/{slug}/offline.json"


def _manifest(client, lang: str = "fr", slug: str = "casablanca-settat") -> dict:
    response = client.get(MANIFEST.format(lang=lang, slug=slug))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def _pages(manifest: dict) -> set[str]:
    return {entry["url"] for entry in manifest["urls"] if not entry["url"].startswith("/static/")}


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_manifest_lists_exactly_the_regions_public_pages_in_the_pages_language(client, catalogue, lang):
    manifest = _manifest(client, lang)
    assert _pages(manifest) == {
        f"/{lang}/regions/casablanca-settat/",
        f"/{lang}/programmes/jewellery-qualification/",
        f"/{lang}/programmes/tailoring-evening/",
        f"/{lang}/trades/jewellery/",
        f"/{lang}/trades/tailoring/",
        f"/{lang}/desks/casablanca-desk/",
        f"/{lang}/orientation/",
    }
    assert manifest["pages"] == 7
    assert manifest["language"] == lang
    assert manifest["estimated"] == 0


def test_manifest_leaves_out_other_regions_unpublished_programmes_and_anything_personal_or_for_staff(client, catalogue):
    urls = {entry["url"] for entry in _manifest(client)["urls"]}
    assert "/fr/programmes/tailoring-sefrou/" not in urls  # Fès-Meknès
    assert "/fr/programmes/unpublished/" not in urls
    for url in urls:
        for private in ("/desk/", "/me/", "/admin/", "/appointments/", "/results/", "/questions/", "/api/"):
            assert private not in url, url


def test_a_region_without_desk_or_training_keeps_its_page_and_the_guide(client, catalogue):
    f.RegionFactory(slug="draa-tafilalet", name_fr="Drâa-Tafilalet", name_ar="درعة تافيلالت", name_en="Draa-Tafilalet")
    assert _pages(_manifest(client, "en", "draa-tafilalet")) == {"/en/regions/draa-tafilalet/", "/en/orientation/"}


def test_manifest_lists_the_stylesheet_script_and_pictograms_the_pages_need(client, catalogue):
    static = [entry["url"] for entry in _manifest(client)["urls"] if entry["url"].startswith("/static/")]
    names = sorted(url.rsplit("/", 1)[-1].split(".")[0] for url in static)
    # listen.js: the Listen button of programme, trade and desk pages (read aloud where a voice exists).
    assert names == ["guichet", "guichet", "icon", "listen", "trades"]


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_every_listed_url_answers_200_and_weighs_what_the_manifest_says_compressed(client, catalogue):
    manifest = _manifest(client, "ar")
    for entry in manifest["urls"]:
        response = client.get(entry["url"], HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert response.status_code == 200, entry["url"]
        body = _body(response)
        assert response["Content-Encoding"] in ("gzip", "br"), entry["url"]
        # Pages are padded at random against BREACH (GZipMiddleware): a few bytes either way.
        assert abs(len(body) - entry["bytes"]) <= 100, entry["url"]
    assert manifest["bytes"] == sum(entry["bytes"] for entry in manifest["urls"])


@pytest.mark.parametrize(("lang", "summary"), [("fr", "7 pages, "), ("ar", "7 صفحات، "), ("en", "7 pages, ")])
def test_manifest_says_the_size_in_the_visitors_language(client, catalogue, lang, summary):
    manifest = _manifest(client, lang)
    assert manifest["summary"].startswith(summary)
    with translation.override(lang):
        assert manifest["summary"] == summary + filesizeformat(manifest["bytes"])


def test_manifest_of_an_unknown_region_is_a_404_in_json(client, catalogue):
    response = client.get(MANIFEST.format(lang="en", slug="atlantis"))
    assert response.status_code == 404
    assert json.loads(response.content) == {"detail": "Not found."}


def test_manifest_follows_the_catalogue_at_once(client, catalogue):
    before = _pages(_manifest(client))
    f.ProgrammeFactory(
        slug="zellige-casablanca", provider=catalogue.institute, trade=catalogue.jewellery, city=catalogue.casablanca
    )
    assert _pages(_manifest(client)) == before | {"/fr/programmes/zellige-casablanca/"}


def test_manifest_asked_by_a_signed_in_administrator_is_the_public_one(admin_client, client, catalogue):
    # Asked first by an administrator, then by anyone: one public manifest, kept in the shared
    # cache, whoever asks first (the pages are measured as a visitor without cookies gets them).
    asked_by_staff = _manifest(admin_client, "en")
    assert asked_by_staff == _manifest(client, "en")
    assert len(_pages(asked_by_staff)) == 7


@pytest.mark.parametrize(("lang", "direction"), [("fr", "ltr"), ("ar", "rtl"), ("en", "ltr")])
def test_region_page_links_its_desks_and_trainings_and_offers_to_save_them(client, catalogue, lang, direction):
    response = client.get(f"/{lang}/regions/casablanca-settat/", HTTP_ACCEPT_ENCODING="identity")
    html = response.content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html
    for path in ("/desks/casablanca-desk/", "/programmes/jewellery-qualification/", "/trades/tailoring/"):
        assert f'href="/{lang}{path}"' in html
    assert "tailoring-sefrou" not in html and "unpublished" not in html
    # Hidden until the script finds a service worker: without one, nothing to press.
    assert 'id="offline-save" aria-labelledby="offline-save-title" hidden' in html
    assert f'data-manifest="/{lang}/regions/casablanca-settat/offline.json"' in html


def test_desk_page_offers_to_save_its_region_and_links_to_it(client, catalogue):
    html = client.get("/en/desks/casablanca-desk/").content.decode()
    assert 'data-manifest="/en/regions/casablanca-settat/offline.json"' in html
    assert 'href="/en/regions/casablanca-settat/"' in html


def test_unknown_region_page_is_not_found(client, catalogue):
    assert client.get("/fr/regions/atlantis/").status_code == 404


def test_a_region_too_large_to_measure_in_time_has_its_other_pages_estimated(client, catalogue, monkeypatch):
    from guichet import offline

    monkeypatch.setattr(offline, "MEASURE_SECONDS", 0)
    manifest = _manifest(client, "en")
    pages = [entry for entry in manifest["urls"] if not entry["url"].startswith("/static/")]
    assert len(pages) == manifest["pages"] == 7
    assert manifest["estimated"] == 6  # only the region's page, the first, was rendered
    assert len({entry["bytes"] for entry in pages[1:]}) == 1
    assert manifest["bytes"] == sum(entry["bytes"] for entry in manifest["urls"])
