"""People's tests read URLs in French (passwords are hashed fast for every test: the root conftest)."""

import pytest


@pytest.fixture(autouse=True)
def french_urls():
    """reverse() gives /fr/… whatever language another test module left active."""
    from django.utils import translation

    with translation.override("fr"):
        yield
