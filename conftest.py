"""Test harness shared by every app.

- Strict templates: an unknown variable in one of our templates fails the test
  (Django's admin templates, and other packages', keep their silent blanks).
- Passwords hashed fast (``production_password_hashers`` for the tests of Argon2id).
- Search by meaning off: no sentence vector is computed on save, the model is
  never loaded; tests about meaning turn it on with ``@pytest.mark.semantic``.
- The demo network (``demo_network``) is loaded once per run of tests that ask
  for it, not once per test (see ``_DemoTransaction``).
- Fingerprinted static files, as in production.
"""

from __future__ import annotations

import copy
import datetime
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# Fixtures shared across apps (the small demo network of the catalogue).
pytest_plugins = [
    "catalog.tests.fixtures",
    "people.tests.fixtures",
    "notifications.tests.gateway",
    "notifications.tests.outbox",
]


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


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory) -> None:
    """SQLite: the test database is a file, one per process, as `make run`'s is.

    Django's default in-memory test database shares one cache between
    connections, where a write in one thread fails at once in another
    ("table is locked") instead of waiting its turn as with a file: tests of
    concurrent writes (``people/tests/test_concurrent_writes.py``) need the
    file's locking. A directory of this process's own keeps parallel runs apart.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("database") / "test.sqlite3")


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


# Tests create and sign in many users: their passwords are hashed fast (Argon2id
# takes about 0.1 s and 100 MB a hash by design); ``production_password_hashers`` restores it.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
        PASSWORD_HASHERS=FAST_PASSWORD_HASHERS,
    ):
        yield


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the default language (French), whatever a previous test's requests left active.

    An API request's ``?lang=`` activates its language in the thread that ran
    it (the test's, with the test client) and nothing deactivates it: the next
    test in that worker would build its URLs in that language.
    """
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def production_password_hashers(settings) -> None:
    """Argon2id, as in production, for the tests about hashing itself."""
    from guichet import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS


@pytest.fixture
def strict_templates() -> None:
    """Every test has strict templates now (``_test_settings``); kept for the tests that still name it."""


@pytest.fixture(autouse=True)
def _search_by_meaning(request: pytest.FixtureRequest) -> None:
    """``@pytest.mark.semantic``: sentence vectors computed on save and used by search, as in production."""
    if request.node.get_closest_marker("semantic"):
        request.getfixturevalue("settings").GUICHET_SEMANTIC_SEARCH = True


# --- The demo network, loaded once for the tests that ask for it ------------------------------------------------


class _DemoTransaction:
    """The demo network, loaded into an outer transaction of this process's test database, kept open across tests.

    Loading it saves about 400 rows one by one, each re-indexed for search:
    seconds, once per test until now. It is loaded once instead, in a
    transaction left open while consecutive tests ask for ``demo_network``;
    each of them runs, as pytest-django's tests always do, in a transaction of
    its own (here a savepoint inside) rolled back at its end, back to the
    loaded network. The first test that does not ask for it rolls the outer
    transaction back (``pytest_runtest_setup``), so every other test sees the
    database as the migrations left it: an empty catalogue.
    """

    def __init__(self) -> None:
        self.blocker = None
        self.atomic = None
        self.key: tuple | None = None
        self.counts: dict[str, int] | None = None

    def open(self, blocker, *, day: datetime.date, meaning: bool) -> dict[str, int]:
        from django.db import connection, transaction
        from django.test import override_settings

        from demo.network import demo_load

        if self.atomic is not None and self.key == (day, meaning):
            return self.counts
        self.close()
        with blocker.unblock():
            if connection.in_atomic_block:
                raise RuntimeError("demo_network must be set up before the test's own transaction")
            atomic = transaction.atomic()
            atomic._from_testcase = True  # durable blocks of the code under test may nest in it, as in a test's
            atomic.__enter__()
            self.blocker, self.atomic = blocker, atomic
            try:
                with override_settings(GUICHET_SEMANTIC_SEARCH=meaning):
                    self.counts = demo_load(today=day)
            except BaseException:
                self.close()
                raise
        self.key = (day, meaning)
        return self.counts

    def close(self) -> None:
        """Roll the demo back: the database is as the migrations left it."""
        from django.db import transaction

        if self.atomic is None:
            return
        atomic, self.atomic, self.key, self.counts = self.atomic, None, None, None
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


_demo_transaction = _DemoTransaction()
_DEMO_LOADED = "_demo_network_loaded"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests of the demo load it before their own transaction starts, and come first of their module.

    Its loader comes first of a test's function fixtures (fixtures of wider
    scopes come first, as always; pytest-django's transaction is a function
    fixture). A module's tests asking for the demo run one after the other, in
    their order, then the others: one load per module and worker, not one per
    switch. Only within runs of one module's tests, so the order pytest-django
    gave (transactional tests after the others) stands.
    """
    start = 0
    for end in range(1, len(items) + 1):
        if end == len(items) or getattr(items[end], "module", None) is not getattr(items[start], "module", None):
            items[start:end] = sorted(items[start:end], key=lambda item: not _uses_demo(item))
            start = end
    for item in filter(_uses_demo, items):
        names, definitions = item.fixturenames, item._fixtureinfo.name2fixturedefs
        names.remove(_DEMO_LOADED)
        first = next(
            (i for i, name in enumerate(names) if name in definitions and definitions[name][-1].scope == "function"),
            len(names),
        )
        names.insert(first, _DEMO_LOADED)


def _uses_demo(item: pytest.Item) -> bool:
    return _DEMO_LOADED in getattr(item, "fixturenames", ())


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test that does not ask for the demo sees none: rolled back before any of its fixtures."""
    if not _uses_demo(item):
        _demo_transaction.close()


@pytest.fixture(scope="session")
def _demo_transaction_of_session(django_db_setup) -> Iterator[_DemoTransaction]:
    """Rolled back before the test database is destroyed."""
    yield _demo_transaction
    _demo_transaction.close()


@pytest.fixture
def demo_day(today) -> datetime.date:
    """The day the demo's sessions are dated from (``demo_load(today=...)``); a module may choose another."""
    return today


@pytest.fixture
def _demo_network_loaded(request, _demo_transaction_of_session, django_db_blocker, demo_day) -> dict[str, int]:
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        pytest.fail("demo_network needs a test in a transaction (not transactional_db nor live_server)")
    meaning = request.node.get_closest_marker("semantic") is not None
    return _demo_transaction_of_session.open(django_db_blocker, day=demo_day, meaning=meaning)


@pytest.fixture
def demo_network(_demo_network_loaded, db) -> dict[str, int]:
    """The demo network (``demo.data``) in the database, dated from ``demo_day``: what ``demo_load`` returned.

    Loaded once for consecutive tests asking for it (``_DemoTransaction``); each test is rolled back to it.
    """
    return dict(_demo_network_loaded)


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
