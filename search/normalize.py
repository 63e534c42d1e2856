"""One normalisation of text, applied identically when indexing and when querying.

People type the way they speak: without accents, with ligatures, Arabic with
or without vowel marks and with any alef. Neither SQLite nor PostgreSQL
strips Arabic vowel marks or unifies alef / ta marbuta, so every text goes
through ``normalize`` in Python before it reaches the index, and every query
the same way before it reaches the backend.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode decomposition leaves whole, spelled the way people type them.
_LETTERS = str.maketrans(
    {
        "œ": "oe",
        "æ": "ae",
        "ß": "ss",
        "ø": "o",
        "đ": "d",
        "ł": "l",
        "ı": "i",
        # Arabic: one alef, ta marbuta written as ha, alef maqsura as ya (how search
        # engines for Arabic fold them; people write them either way).
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        # Persian/Urdu forms of kaf and ya sometimes typed on other keyboards.
        "ک": "ك",
        "ی": "ي",
        # Tatweel only stretches a word on screen.
        "ـ": "",
        # Eastern Arabic digits, as Arabic keyboards type them.
        **{digit: str(value) for value, digit in enumerate("٠١٢٣٤٥٦٧٨٩")},
    }
)
# Anything that is not a letter or a digit separates words: apostrophes
# (d'art, l'atelier), hyphens (Fès-Meknès), punctuation and, importantly, every
# character a full-text engine would read as syntax (quotes, *, :, parentheses).
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)

# The Arabic definite article and the particles glued before it ("الخياطة",
# "والنجارة", "بالخشب"): removed so that "خياطة" finds "الخياطة".
_ARABIC_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_ARABIC_LETTERS = re.compile(r"[\u0621-\u064a]")
# A word keeps at least this many letters once its article is removed ("الى" stays).
_MIN_ARABIC_STEM = 2


def normalize(text: str) -> str:
    """Lowercase, fold accents, ligatures and Arabic letter variants; words separated by one space.

    >>> normalize("Ferronnerie d'Art – Œuvre")
    'ferronnerie d art oeuvre'
    >>> normalize("الخِيَاطَــة")
    'الخياطه'
    """
    text = unicodedata.normalize("NFKD", text.casefold()).translate(_LETTERS)
    # Combining marks: Latin accents after decomposition, Arabic harakat, shadda,
    # sukun, superscript alef and the hamza that decomposition splits off alef (أ إ آ).
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(_SEPARATORS.sub(" ", text).split())


def _strip_arabic_article(word: str) -> str:
    if not _ARABIC_LETTERS.match(word):
        return word
    for article in _ARABIC_ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= _MIN_ARABIC_STEM:
            return word[len(article) :]
    return word


def terms(text: str) -> list[str]:
    """The words of a text as the index stores them: normalised, Arabic article removed."""
    return [_strip_arabic_article(word) for word in normalize(text).split()]


def index_text(text: str) -> str:
    """A text ready for the index: its terms separated by single spaces."""
    return " ".join(terms(text))
