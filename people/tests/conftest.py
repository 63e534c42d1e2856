"""People's tests create many users: hash their passwords fast (one test checks Argon2 itself)."""

import pytest

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_password_hashing(request, settings) -> None:
    if "argon2" not in request.node.name:
        settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def french_urls():
    """reverse() gives /fr/… whatever language another test module left active."""
    from django.utils import translation

    with translation.override("fr"):
        yield
