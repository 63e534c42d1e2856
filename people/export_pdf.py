"""A person's whole file as a readable PDF, in the language they choose (WeasyPrint, like the orientation sheet).

The same content as the JSON export (``people/export.py``), with labels
instead of codes. Arabic is shaped by HarfBuzz and set right to left; the
PDF tells readers its reading order. Kept apart from export.py because
WeasyPrint is slow to import: only a PDF download pays for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import weasyprint
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime

from audit.models import AuditAction
from core.pdf import right_to_left
from orientation.sheet import STYLESHEET
from people.export import beneficiary_export, profile_rows
from people.models import Beneficiary, ConsentChannel, ConsentPurpose, OrientationSource

EXPORT_STYLESHEET = Path(__file__).with_name("export.css")


def _moment(value: str | None):
    return timezone.localtime(parse_datetime(value)) if value else None


def _readable(data: dict[str, Any]) -> dict[str, Any]:
    """The export's codes turned into words of the active language.

    Sections of apps above this one (``export_section_register``) stay as
    they are: each app's ``export_pdf`` panel puts its section into words.
    """
    label = {
        **dict(AuditAction.choices),
        **dict(ConsentPurpose.choices),
        **dict(ConsentChannel.choices),
        **dict(OrientationSource.choices),
    }
    return {
        **data,
        "documents": [{**d, "seen_at": _moment(d["seen_at"])} for d in data["documents"]],
        "notes": [{**n, "written_at": _moment(n["written_at"])} for n in data["notes"]],
        "consents": [
            {
                **c,
                "purpose": label[c["purpose"]],
                "channel": label[c["channel"]],
                "given_at": _moment(c["given_at"]),
                "withdrawn_at": _moment(c["withdrawn_at"]),
            }
            for c in data["consents"]
        ],
        "orientation_results": [
            {**r, "source": label[r["source"]], "saved_at": _moment(r["saved_at"])} for r in data["orientation_results"]
        ],
        "file_history": [{**e, "action": label[e["action"]], "at": _moment(e["at"])} for e in data["file_history"]],
    }


def beneficiary_export_pdf(*, beneficiary: Beneficiary, language: str) -> bytes:
    """Everything held about ``beneficiary``, as an A4 PDF in ``language``."""

    with translation.override(language):
        data = beneficiary_export(beneficiary=beneficiary)
        html = render_to_string(
            "people/export.html",
            {
                "beneficiary": beneficiary,
                "rows": profile_rows(beneficiary),
                "data": _readable(data),
                "language": language,
                "bidi": translation.get_language_bidi(),
                "today": timezone.localdate(),
            },
        )
        document = weasyprint.HTML(string=html, base_url=str(Path(__file__).parent))
        finisher = right_to_left if translation.get_language_bidi() else None
        return document.write_pdf(
            stylesheets=[weasyprint.CSS(filename=str(STYLESHEET)), weasyprint.CSS(filename=str(EXPORT_STYLESHEET))],
            finisher=finisher,
        )
