"""The orientation sheet: a real PDF, in the person's language, Arabic shaped and right to left."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from orientation.sheet import qr_code_data_uri


def sheet(client: Client, lang: str) -> PdfReader:
    with translation.override(lang):
        interests, path = reverse("orientation:step", kwargs={"slug": "interests"}), reverse("orientation:sheet")
    client.post(interests, {"fine-objects": "like", "action": "next"})
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    return PdfReader(io.BytesIO(response.content))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_french_sheet_lists_trades_trainings_and_the_desk(client, catalogue):
    reader = sheet(client, "fr")
    text = text_of(reader)
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4
    assert "Bijouterie" in text
    assert "Guichet de Casablanca" in text
    assert "Fiche d'orientation" in text
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert "/ViewerPreferences" not in reader.trailer["/Root"]


def test_arabic_sheet_is_shaped_right_to_left_and_in_arabic(client, catalogue):
    reader = sheet(client, "ar")
    text = text_of(reader)
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Direction"] == "/R2L"
    # Shaped glyphs map back to their letters: the words are found whole.
    assert "الحلي" in text
    assert "شباك" in text
    assert "بطاقة التوجيه" in text


def test_qr_code_is_an_svg_without_an_image_library():
    assert qr_code_data_uri("http://testserver/fr/orientation/results/").startswith("data:image/svg+xml;base64,")


def _line_starts(reader: PdfReader) -> list[tuple[float, str]]:
    """Where each run of text starts on the first page (x in points from the left edge), with its text."""
    runs: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((tm[4] * cm[0] + cm[4], text.strip()))

    reader.pages[0].extract_text(visitor_text=visit)
    return runs


def test_arabic_sheet_is_laid_out_from_the_right(client, catalogue):
    """Headings and reasons start at the right margin, as Arabic is read (not left-aligned as French is)."""
    width = 595.28  # A4, in points
    arabic = [x for x, text in _line_starts(sheet(client, "ar")) if any("\u0600" <= c <= "\u06ff" for c in text)]
    french = [x for x, _text in _line_starts(sheet(client, "fr"))]
    assert arabic and french
    # Right-aligned lines end at the right margin, so they start further right than left-aligned ones.
    assert sum(arabic) / len(arabic) > sum(french) / len(french) + width / 10
