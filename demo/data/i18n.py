"""How the demo data writes a text in every language: a dict ``{"fr", "ar", "en"}``.

The loader recognises these dicts and writes one column per language
(``name_fr``, ``name_ar``, ``name_en``), so a text can never be added in one
language and forgotten in another.
"""

from __future__ import annotations

LANGS = ("fr", "ar", "en")

Text = dict[str, str]

EMPTY: Text = {"fr": "", "ar": "", "en": ""}


def t(fr: str, ar: str, en: str) -> Text:
    """One text in French, Arabic and English, in that order."""
    return {"fr": fr, "ar": ar, "en": en}


def join(*texts: Text) -> Text:
    """Sentences of several texts put one after the other, language by language."""
    return {lang: " ".join(text[lang] for text in texts if text[lang]) for lang in LANGS}
