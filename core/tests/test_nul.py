"""A NUL character is refused at the edge: 400 in the request's language, before any database sees it."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import translation

RECOMMENDATIONS = "/api/v1/orientation/recommendations"


def _page_in(lang: str, response) -> None:
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert f'lang="{lang}"' in body
    with translation.override(lang):
        assert translation.gettext("We did not understand this request") in body


def _json_in(lang: str, response) -> None:
    assert response.status_code == 400
    with translation.override(lang):
        assert response.json()["detail"] == translation.gettext("The request is malformed.")


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_nul_in_a_page_path_or_form_is_a_400_page_in_its_language(client, catalogue, lang):
    with translation.override(lang):
        step = reverse("orientation:step", kwargs={"slug": "availability"})
        programme = reverse("catalog:programme_list")
    _page_in(lang, client.get(programme + "ab%00cd/"))
    _page_in(lang, client.post(step, {"city": "casa\x00blanca", "action": "next"}))


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_nul_in_a_page_query_is_refused_by_the_pages_form_naming_what_to_fix(client, catalogue, lang):
    with translation.override(lang):
        home, search = reverse("catalog:home"), reverse("search:results")
        programme = reverse("catalog:programme_list")
    for response in (client.get(search, {"q": "sew\x00ing"}), client.get(programme, {"city": "casa\x00"})):
        assert response.status_code == 400
        assert 'role="alert"' in response.content.decode()
    assert client.get(home, {"a\x00": "b"}).status_code == 200  # a parameter the page never reads


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_nul_in_an_api_path_query_or_json_body_is_a_400_json_in_its_language(client, catalogue, lang):
    headers = {"accept-language": lang}
    _json_in(lang, client.get("/api/v1/programmes/ab%00cd", headers=headers))
    _json_in(lang, client.get("/api/v1/programmes", {"city": "a\x00"}, headers=headers))
    profiles = ({"city": "casa\u0000blanca"}, {"documents": ["pass\u0000port"]}, {"experience": {"a\u0000": "gt3"}})
    for profile in profiles:
        body = json.dumps({"profile": profile})
        assert "\\u0000" in body
        _json_in(lang, client.post(RECOMMENDATIONS, body, content_type="application/json", headers=headers))
    raw = b'{"profile": {"city": "casa\x00blanca"}}'
    _json_in(lang, client.post(RECOMMENDATIONS, raw, content_type="application/json", headers=headers))


def test_a_request_without_nul_goes_through(client, catalogue):
    assert client.get("/api/v1/programmes", {"city": "casablanca"}).status_code == 200
    body = json.dumps({"profile": {"constraints_note": "a \\u0000 written out is only text"}})
    response = client.post(RECOMMENDATIONS, body, content_type="application/json")
    assert response.status_code == 200
