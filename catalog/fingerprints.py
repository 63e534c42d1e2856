"""The fingerprint of a text a translation is made from: what it says, not how it is spaced.

Pure functions, imported by the data migration that stamped the translations
existing before stamps (``catalog/migrations/0004``): changing them makes every
stamped translation look outdated.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACES = re.compile(r"\s+")  # any run of Unicode whitespace, line breaks and no-break spaces included


def normalised(text: str | None) -> str:
    """``text`` in Unicode NFC, every run of whitespace one space, stripped."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def text_fingerprint(text: str | None) -> str:
    """SHA-256 (hex) of the normalised text: an edit of spacing or line breaks keeps it."""
    return hashlib.sha256(normalised(text).encode()).hexdigest()


def exact_hash(text: str | None) -> str:
    """SHA-256 (hex) of the text as written: any edit changes it."""
    return hashlib.sha256((text or "").encode()).hexdigest()
