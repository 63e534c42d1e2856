"""Encryption at rest of the few fields whose leak could endanger a person.

Residence status and document numbers are stored as Fernet tokens
(AES-128-CBC + HMAC-SHA256, from ``cryptography``): the database, its backups
and its dumps hold no clear text. Keys come from the environment
(``GUICHET_FIELD_ENCRYPTION_KEYS``, comma-separated, newest first) and rotate
with ``MultiFernet``: add a new key in front, run ``manage.py
rotate_field_encryption``, then drop the old key.

Why not django-fernet-encrypted-fields: it derives its keys from
``SECRET_KEY``, so rotating the session-signing key would orphan every
encrypted value, and on a wrong key it silently hands back the ciphertext as
if it were the value. Here a wrong key is an error, and the keys are the
data's own.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

TOKEN_PREFIX = "gAAAAA"  # every Fernet token starts so (version byte 0x80, base64)


@cache
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("GUICHET_FIELD_ENCRYPTION_KEYS holds no key.")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured("GUICHET_FIELD_ENCRYPTION_KEYS holds a key that is not a Fernet key.") from exc


def fernet() -> MultiFernet:
    return _fernet_for(tuple(settings.GUICHET_FIELD_ENCRYPTION_KEYS))


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured("An encrypted value cannot be read with the configured keys.") from exc


def rotate(token: str) -> str:
    """The same value encrypted again with the newest key."""
    return fernet().rotate(token.encode()).decode()


class EncryptedTextField(models.TextField):
    """A text field stored as a Fernet token; empty stays empty (nothing to hide).

    Encrypted values can be neither searched nor sorted: only store here what
    is read on the file page, never what is looked up.
    """

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str:
        if not value:
            return ""
        return decrypt(value)

    def get_prep_value(self, value: Any) -> str:
        value = super().get_prep_value(value)
        if not value:
            return ""
        return encrypt(str(value))
