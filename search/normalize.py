"""One normalisation of text, applied identically when indexing and when querying.

People type the way they speak: without accents, with ligatures, Arabic with
or without vowel marks and with any alef. Neither SQLite nor PostgreSQL
strips Arabic vowel marks or unifies alef / ta marbuta, so every text goes
through ``normalize`` in Python before it reaches the index, and every query
the same way before it reaches the backend.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata

import snowballstemmer

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


# --- Word forms: Snowball stems ---------------------------------------------------------------------------------
# "bijoutières", "couturiers", "jewellers" and "carpenters" find what "bijoutier", "couturier",
# "jeweller" and "carpenter" find: words of the index that share a stem with a typed word are
# alternatives of that word (``backends.word_forms``). The stems are Snowball's, for French and for
# English, the algorithms of PostgreSQL's ``french`` and ``english`` configurations; computed here,
# in Python, so that both databases find the same forms of a word.

# Shorter words are stems already, or too short to stem safely ("bois", "fer").
MIN_STEMMED_LENGTH = 5
_STEMMER_LANGUAGES = ("french", "english")
_stemmers = threading.local()


def _stem_once(language: str, word: str) -> str:
    stemmers = getattr(_stemmers, "by_language", None)
    if stemmers is None:  # a stemmer keeps state while it works: one per thread
        stemmers = _stemmers.by_language = {name: snowballstemmer.stemmer(name) for name in _STEMMER_LANGUAGES}
    return stemmers[language].stemWord(word)


@functools.lru_cache(maxsize=65_536)
def stems(word: str) -> tuple[str, str]:
    """A normalised word's French and English stems (the word itself when it is short or not in Latin letters).

    Words are stemmed after their accents are folded ("bijoutière" is "bijoutiere" by then), which
    hides from the French stemmer the accent of some endings: stemming again until nothing changes
    brings the forms back together ("bijoutiere" → "bijoutier" → "bijouti", the stem of "bijoutier").

    >>> stems("couturieres") == stems("couturier")
    True
    """
    if len(word) < MIN_STEMMED_LENGTH or not word.isascii() or not word.isalpha():
        return word, word
    found = []
    for language in _STEMMER_LANGUAGES:
        stem, previous = word, ""
        for _round in range(3):
            previous, stem = stem, _stem_once(language, stem)
            if stem == previous:
                break
        found.append(stem)
    return found[0], found[1]
