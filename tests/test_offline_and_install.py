"""The pieces that make Guichet installable and readable offline, as the server gives them."""

from __future__ import annotations

import json

import pytest


def test_service_worker_is_served_from_the_site_root_and_always_revalidated(client, db):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert "addEventListener('fetch'" in body
    assert "/offline/" in body


def test_pages_load_their_script_deferred_and_carry_a_hidden_offline_banner(client, catalogue):
    html = client.get("/fr/").content.decode()
    assert '<script src="/static/js/guichet.' in html and " defer></script>" in html
    assert "<script>" not in html  # no inline script: the CSP forbids it
    assert 'id="offline-banner" role="status" hidden>' in html
    assert "<time></time>" in html  # where the service worker writes the date it saved the page
    assert 'rel="manifest" href="/fr/manifest.webmanifest"' in html


@pytest.mark.parametrize(("lang", "direction"), [("fr", "ltr"), ("ar", "rtl"), ("en", "ltr")])
def test_web_manifest_makes_the_site_installable_in_the_visitors_language(client, db, lang, direction):
    response = client.get(f"/{lang}/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["start_url"] == f"/{lang}/"
    assert manifest["lang"] == lang
    assert manifest["dir"] == direction
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        served = client.get(icon["src"])
        assert served.status_code == 200, icon["src"]
        b"".join(served.streaming_content)  # read to the end, which closes the file


@pytest.mark.parametrize(("lang", "title"), [("fr", "Vous êtes hors connexion"), ("ar", "أنت غير متصل بالإنترنت")])
def test_offline_page_explains_in_the_visitors_language(client, db, lang, title):
    response = client.get(f"/{lang}/offline/")
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in response.content.decode()
