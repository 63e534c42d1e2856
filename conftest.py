"""Test harness shared by every app.

- Strict templates: an unknown variable in one of our templates fails the test
  (Django's admin templates, and other packages', keep their silent blanks).
- Search by meaning off: no sentence vector is computed on save, the model is
  never loaded; tests about meaning turn it on with ``@pytest.mark.semantic``.
- Fingerprinted static files, as in production.
"""

from __future__ import annotations

import copy
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# Fixtures shared across apps (the small demo network of the catalogue).
pytest_plugins = ["catalog.tests.fixtures", "people.tests.fixtures", "notifications.tests.gateway"]


def pytest_configure(config: pytest.Config) -> None:
    # Pages use the same fingerprinted static files as production: collect
    # them (only what changed) in the controlling process, before any worker starts.
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    import django
    from django.core.management import call_command

    django.setup()
    if _static_is_stale():
        call_command("collectstatic", interactive=False, verbosity=0)


def _static_is_stale() -> bool:
    """Collecting compresses every file (about 20 s): do it only when ours changed."""
    from django.conf import settings

    manifest = settings.STATIC_ROOT / "staticfiles.json"
    if not manifest.exists():
        return True
    collected_at = manifest.stat().st_mtime
    sources = [path for folder in settings.STATICFILES_DIRS for path in folder.rglob("*") if path.is_file()]
    return any(path.stat().st_mtime > collected_at for path in sources)


class InvalidTemplateVariable(str):
    """An unknown variable in one of our templates is a bug in a test run, never blank text.

    Django formats ``string_if_invalid`` with the variable's name in
    ``FilterExpression.resolve``, whose ``context`` names the template being
    rendered: a template of an installed package (Django's admin relies on
    silent blanks) gets the blank, one of ours (or a string compiled by our
    code) fails the test.
    """

    def __mod__(self, other: object) -> str:
        context = sys._getframe(1).f_locals.get("context")
        template = getattr(getattr(context, "render_context", None), "template", None)
        origin = getattr(getattr(template, "origin", None), "name", "") or ""
        if "site-packages" in Path(str(origin)).parts:
            return ""
        raise AssertionError(f"Unknown template variable {other!r} in {origin or 'a template'}")


def _strict_templates_setting(templates: list[dict]) -> list[dict]:
    strict = copy.deepcopy(templates)
    for engine in strict:
        if engine["BACKEND"] == "django.template.backends.django.DjangoTemplates":
            engine.setdefault("OPTIONS", {})["string_if_invalid"] = InvalidTemplateVariable("%s")
    return strict


@pytest.fixture(scope="session", autouse=True)
def _test_settings(django_test_environment) -> Iterator[None]:
    """For the whole run, in every worker: strict templates, and search by words only (see the module's docstring).

    Set once per process rather than per test: changing TEMPLATES rebuilds the
    template engines and their compiled templates.
    """
    from django.conf import settings
    from django.test import override_settings

    with override_settings(
        TEMPLATES=_strict_templates_setting(settings.TEMPLATES),
        GUICHET_SEMANTIC_SEARCH=False,
    ):
        yield


@pytest.fixture
def strict_templates() -> None:
    """Every test has strict templates now (``_test_settings``); kept for the tests that still name it."""


@pytest.fixture(autouse=True)
def _search_by_meaning(request: pytest.FixtureRequest) -> None:
    """``@pytest.mark.semantic``: sentence vectors computed on save and used by search, as in production."""
    if request.node.get_closest_marker("semantic"):
        request.getfixturevalue("settings").GUICHET_SEMANTIC_SEARCH = True


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: a rolled-back test leaves no cached reads behind."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, signed in as the back office requires: password and second factor."""
    from people.tests.staff import staff_sign_in

    return staff_sign_in(client, admin_user)
