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
