"""The orientation sheet: the results as an A4 PDF, printable at the desk, readable on a phone.

Rendered by WeasyPrint from an HTML template in the person's language
(Arabic shaped by HarfBuzz and set right to left), with a QR code back to
the results page. It shows the suggestions, their reasons, the criteria and
the papers to bring, the nearest desk: nothing the person did not type or
choose, and no name.
"""

from __future__ import annotations

import base64
from pathlib import Path

import qrcode
import qrcode.image.svg
import weasyprint
from django.template.loader import render_to_string
from django.utils.translation import get_language, get_language_bidi

from core.pdf import right_to_left

STYLESHEET = Path(__file__).with_name("sheet.css")


def qr_code_data_uri(text: str) -> str:
    """An SVG QR code (no image library needed) as a data URI for the sheet."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def sheet_pdf(*, context: dict, results_url: str) -> bytes:
    """The sheet for the results in ``context`` (see ``views._results_context``), in the active language."""
    html = render_to_string(
        "orientation/sheet.html",
        {
            **context,
            "qr_code": qr_code_data_uri(results_url),
            "results_url": results_url,
            "language": get_language(),
            # Rendered without a request, so without the i18n context processor's LANGUAGE_BIDI.
            "bidi": get_language_bidi(),
        },
    )
    document = weasyprint.HTML(string=html, base_url=str(Path(__file__).parent))
    finisher = right_to_left if get_language_bidi() else None
    return document.write_pdf(stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))], finisher=finisher)
