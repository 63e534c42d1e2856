"""When something breaks, people see a plain page in their language, never a trace."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation

from guichet.views import server_error


@pytest.mark.parametrize(
    ("lang", "direction", "text"),
    [("fr", "ltr", "Un problème"), ("ar", "rtl", "خلل"), ("en", "ltr", "Something went wrong")],
)
def test_server_error_page_is_plain_and_in_the_visitors_language(lang, direction, text):
    with translation.override(lang):
        response = server_error(RequestFactory().get(f"/{lang}/programmes/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert text in html
    assert "Traceback" not in html


def test_api_server_error_is_json():
    response = server_error(RequestFactory().get("/api/v1/programmes"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_a_form_sent_without_its_csrf_token_gets_our_403_page_in_its_language(db, catalogue, lang):
    from django.test import Client
    from django.urls import reverse

    with translation.override(lang):
        path = reverse("orientation:step", kwargs={"slug": "availability"})
        expected = translation.gettext("This form has expired")
    response = Client(enforce_csrf_checks=True).post(path, {"action": "next"})
    html = response.content.decode()
    assert response.status_code == 403
    assert f'<html lang="{lang}"' in html
    assert expected in html
    assert "<style" not in html and "Forbidden" not in html
