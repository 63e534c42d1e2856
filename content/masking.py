"""What a comment must not keep: phone numbers, e-mail addresses and document numbers, masked before storage.

People write their number or their residence card to be called back; the
feedback is anonymous and read by editors who cannot answer, so these are
replaced by a mark saying what was there. The rules lean to masking too much:
a date with its time in dots may be taken for a phone, a code such as "CAP2024"
for a document. Digits are any script's (Arabic-Indic ٠٦١٢… included).
"""

from __future__ import annotations

import re

PHONE_MARK = "[phone]"
EMAIL_MARK = "[e-mail]"
DOCUMENT_MARK = "[document]"

EMAIL = re.compile(r"[\w.+'-]+\s?@\s?[\w-]+(?:\.[\w-]+)+")
# 9 to 15 digits (Moroccan 06…/07… is 10, E.164 at most 15), optionally after + or 00, with spaces, dots, dashes
# or brackets between them: "06 12 34 56 78", "+212 6-12-34-56-78", "00212 (0)612345678", "+33 6 12 34 56 78".
PHONE = re.compile(r"(?<![\d+])(?:\+\s?|00)?\(?\d(?:[ \t().\-]{0,3}\d){8,14}(?!\d)")
_ALNUM_BEFORE = r"(?<![A-Za-z0-9])"
_ALNUM_AFTER = r"(?![A-Za-z0-9])"
# Passports, identity and residence cards: letters and digits in one run ("AB1234567", "BE 123456",
# "E12345678", "123456A"), and any run of six digits or more (a number read off a document).
DOCUMENT = re.compile(
    "|".join(
        (
            rf"{_ALNUM_BEFORE}[A-Za-z]{{1,3}}\d{{4,12}}[A-Za-z]{{0,2}}{_ALNUM_AFTER}",
            rf"{_ALNUM_BEFORE}[A-Za-z]{{1,3}}[ -]\d{{5,12}}{_ALNUM_AFTER}",
            rf"{_ALNUM_BEFORE}\d{{4,12}}[A-Za-z]{{1,3}}{_ALNUM_AFTER}",
            # Mixed runs ("A01B23456"): 6 to 20 letters and digits, at least four digits and one letter.
            rf"{_ALNUM_BEFORE}(?=[A-Za-z]*\d)(?=(?:[A-Za-z]*\d){{4}})(?=\d*[A-Za-z])[A-Za-z0-9]{{6,20}}{_ALNUM_AFTER}",
            r"(?<!\d)\d{6,}(?!\d)",
        )
    )
)


def mask_personal_details(text: str) -> str:
    """``text`` with e-mail addresses, phone numbers and document numbers replaced by marks."""
    text = EMAIL.sub(EMAIL_MARK, text)
    text = PHONE.sub(PHONE_MARK, text)
    return DOCUMENT.sub(DOCUMENT_MARK, text)
