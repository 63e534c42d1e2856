"""Test harness shared by every app.

- Strict templates: an unknown variable in one of our templates fails the test
  (Django's admin templates, and other packages', keep their silent blanks).
- Passwords hashed fast (``production_password_hashers`` for the tests of Argon2id).
- Search by meaning off: no sentence vector is computed on save, the model is
  never loaded; tests about meaning turn it on with ``@pytest.mark.semantic``.
- The demo network (``demo_network``), the scope tests' ``network`` and other
  worlds of many rows are built once for the consecutive tests that ask for
  them, not once per test (``shared_data``; see ``_SharedLayers``).
- Fingerprinted static files, as in production, served by WhiteNoise scanning
  them once per process (``tests/static_files.py``), not once per test client.
"""

from __future__ import annotations

import copy
import datetime
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Fixtures shared across apps (the small demo network of the catalogue).
pytest_plugins = [
    "catalog.tests.fixtures",
    "applications.tests.fixtures",
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
    _migrated_template_start()
    _shared_visits_start()
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


# --- SQLite: the migrated database, built once ------------------------------------------------------------------
#
# Running the migrations takes about 10 s of a worker's start, most of it Django
# rendering the models' states between migrations. On SQLite the controlling
# process builds the migrated database once, in the background while the
# workers collect the tests, under var/test-databases/ with a key of the code
# that shapes it; each worker copies that file and finds nothing left to
# migrate. The next run with the same code copies it at once.

_TEMPLATE_ENV = "GUICHET_TEST_MIGRATED_DATABASE"
_TEMPLATE_WAIT_SECONDS = 300
_BUILD_TEMPLATE = """
import os, sys
from pathlib import Path
building, template, pending = map(Path, sys.argv[1:])
try:
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connections
    call_command("migrate", interactive=False, verbosity=0)
    connections.close_all()
    os.replace(building, template)
finally:
    pending.unlink(missing_ok=True)
"""


def _migrated_template_key() -> str:
    """Changes with any module of the apps (migrations import some), the requirements, Python and Django."""
    import hashlib

    import django

    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{sys.version} {django.__version__}".encode())
    skipped = {".venv", "var", "node_modules", ".git", "tests", "__pycache__", "bench", "static", "locale"}
    for path in sorted(root.rglob("*.py")):
        if skipped.isdisjoint(path.relative_to(root).parts) and path.name != "conftest.py":
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    digest.update((root / "requirements.txt").read_bytes())
    return digest.hexdigest()[:16]


def _migrated_template_start() -> None:
    """In the controlling process: name the migrated database and, if it is not there yet, start building it."""
    import subprocess

    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3" or _TEMPLATE_ENV in os.environ:
        return
    folder = settings.VAR_DIR / "test-databases"
    template = folder / f"migrated-{_migrated_template_key()}.sqlite3"
    os.environ[_TEMPLATE_ENV] = str(template)  # the workers, started after this, inherit it
    if template.exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("migrated-*"):  # another code's database
        old.unlink(missing_ok=True)
    for old in folder.glob("building-*"):  # a build stopped half-way, or another run's building now
        if not _running(int(old.name.split("-")[1].split(".")[0])):
            old.unlink(missing_ok=True)
    building = folder / f"building-{os.getpid()}.sqlite3"
    pending = folder / f"building-{os.getpid()}.pending"  # there while the build runs: workers wait for it
    pending.touch()
    with template.with_suffix(".log").open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-c", _BUILD_TEMPLATE, str(building), str(template), str(pending)],
            cwd=Path(__file__).resolve().parent,
            env={**os.environ, "DATABASE_URL": f"sqlite:///{building}"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    _template_builds.append(process)


_template_builds: list = []


def pytest_unconfigure(config: pytest.Config) -> None:
    for process in _template_builds:
        process.wait()
    _shared_visits_end()


# --- Browser visits shared by the tests that check them -----------------------------------------------------------
#
# Several browser tests check the same visits (each public page in a language:
# axe-core at two sizes, the tap targets, the labels). The first worker to need
# a visit makes it and keeps what it found in this run's folder; the others read
# it (tests/browser/conftest.py, shared_visit). The controlling process names
# the folder before any worker starts and removes it at the end.

_VISITS_ENV = "GUICHET_TEST_SHARED_VISITS"


def _shared_visits_start() -> None:
    import uuid

    from django.conf import settings

    if _VISITS_ENV not in os.environ:
        os.environ[_VISITS_ENV] = str(settings.VAR_DIR / "test-visits" / uuid.uuid4().hex)


def _shared_visits_end() -> None:
    import shutil

    if not os.environ.get("PYTEST_XDIST_WORKER") and _VISITS_ENV in os.environ:
        shutil.rmtree(os.environ.pop(_VISITS_ENV), ignore_errors=True)


def _migrated_template() -> Path | None:
    """The migrated database once built, or None if its build failed or was not started (migrate as usual)."""
    import time

    name = os.environ.get(_TEMPLATE_ENV)
    if not name:
        return None
    template = Path(name)
    deadline = time.monotonic() + _TEMPLATE_WAIT_SECONDS
    while not template.exists():
        building = list(template.parent.glob("building-*.pending"))
        if not building or time.monotonic() > deadline:  # the build ended without its file: it failed
            return template if template.exists() else None
        time.sleep(0.1)
    return template


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_copied_migrated_database = False


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory) -> None:
    """SQLite: the test database is a file, one per process, as `make run`'s is, copied from the migrated one.

    Django's default in-memory test database shares one cache between
    connections, where a write in one thread fails at once in another
    ("table is locked") instead of waiting its turn as with a file: tests of
    concurrent writes (``people/tests/test_concurrent_writes.py``) need the
    file's locking. A directory of this process's own keeps parallel runs apart.
    """
    import shutil

    from django.conf import settings

    global _copied_migrated_database
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = tmp_path_factory.mktemp("database") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(name)
        template = _migrated_template()
        if template is not None:
            shutil.copyfile(template, name)
            _copied_migrated_database = True


@pytest.fixture(scope="session")
def django_db_keepdb(request: pytest.FixtureRequest, django_db_modify_db_settings) -> bool:
    """Keep (and migrate, finding nothing to do) the copy of the migrated database; otherwise as pytest-django does."""
    return bool(request.config.getvalue("reuse_db")) or _copied_migrated_database


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


# Each test client builds its middleware; WhiteNoise's scans the static files once per process instead.
_TEST_MIDDLEWARE = {"whitenoise.middleware.WhiteNoiseMiddleware": "tests.static_files.WhiteNoiseScannedOnce"}


@pytest.fixture(scope="session", autouse=True)
def _test_settings(django_test_environment) -> Iterator[None]:
    """For the whole run, in every worker: strict templates, search by words only, fast hashes, WhiteNoise scanned once.

    Set once per process rather than per test: changing TEMPLATES rebuilds the
    template engines and their compiled templates.
    """
    from django.conf import settings
    from django.test import override_settings

    with override_settings(
        MIDDLEWARE=[_TEST_MIDDLEWARE.get(path, path) for path in settings.MIDDLEWARE],
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


# --- Data built once for consecutive tests (the demo network among them) -----------------------------------------


class _SharedLayers:
    """Data that consecutive tests share, each layer built in an outer transaction of this process's test database.

    Building a test's world (the demo network: about 400 rows, each re-indexed
    for search; the desks and users of every role of the scope tests) took
    longer than most tests themselves, once per test. A fixture that asks for
    ``shared_data`` builds its rows once instead, in a transaction left open
    while consecutive tests ask for the same data; each of them runs, as
    pytest-django's tests always do, in a transaction of its own (here a
    savepoint inside) rolled back at its end, back to the shared rows. Shared
    fixtures may stack (the desks' appointments on top of the scope network):
    one outer transaction (a savepoint) per layer. A test that needs fewer
    layers rolls the extra ones back before any of its fixtures
    (``pytest_runtest_setup``); a test that needs none sees the database as
    the migrations left it. A layer is built again when its key differs: the
    fixture's own key (the demo's day), the active language and whether search
    by meaning is on.
    """

    def __init__(self) -> None:
        self.blocker = None
        self.layers: list[tuple[tuple, object, object]] = []  # (key, atomic, value)
        self.position = 0
        self.transactional = False

    def start(self, item: pytest.Item) -> None:
        """Before any fixture of ``item``: keep as many layers as it asks for (rebuilt in ``open`` if keys differ)."""
        self.position = 0
        self.transactional = _is_transactional(item)
        self.close(0 if self.transactional else len(_shared_fixtures(item)))

    def open(self, blocker, key: tuple, build: Callable[[], object]) -> object:
        from django.db import connection, transaction

        if self.transactional:  # a transactional test commits and flushes: built, or copied back on SQLite
            with blocker.unblock():
                return _database_copy(build, key)
        index, self.position = self.position, self.position + 1
        if index < len(self.layers) and self.layers[index][0] == key:
            return self.layers[index][2]
        self.close(index)
        self.blocker = blocker
        with blocker.unblock():
            if len(connection.atomic_blocks) != index:
                raise RuntimeError("shared data must be set up before the test's own transaction")
            atomic = transaction.atomic()
            atomic._from_testcase = True  # durable blocks of the code under test may nest in it, as in a test's
            atomic.__enter__()
            self.layers.append((key, atomic, None))
            try:
                value = build()
            except BaseException:
                self.close(index)
                raise
        self.layers[index] = (key, atomic, value)
        return value

    def close(self, keep: int = 0) -> None:
        """Roll back every layer above the first ``keep`` ones."""
        from django.db import transaction

        if len(self.layers) <= keep:
            return
        with self.blocker.unblock():
            while len(self.layers) > keep:
                _key, atomic, _value = self.layers.pop()
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)


_shared_layers = _SharedLayers()
_SHARED = "shared_data"
_DB_FIXTURES = {"db", "transactional_db", "_django_db_helper", "live_server", "django_db_reset_sequences"}


def _is_transactional(item: pytest.Item) -> bool:
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    return (
        "transactional_db" in names
        or "live_server" in names
        or bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    )


def _shared_fixtures(item: pytest.Item) -> list[str]:
    """The fixtures of ``item`` that build shared data: those asking for ``shared_data``."""
    definitions = getattr(item, "_fixtureinfo", None)
    if definitions is None:
        return []
    definitions = definitions.name2fixturedefs
    return [
        name
        for name in item.fixturenames
        if name in definitions and any(_SHARED in definition.argnames for definition in definitions[name])
    ]


def _needs_database(name: str, definitions: dict, item: pytest.Item, seen: set[str]) -> bool:
    if name in _DB_FIXTURES or (name == "_django_db_marker" and item.get_closest_marker("django_db")):
        return True
    seen.add(name)
    return any(
        argname not in seen and _needs_database(argname, definitions, item, seen)
        for definition in definitions.get(name, ())
        for argname in definition.argnames
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests sharing data build it before their own transaction starts, and run one after the other in their module.

    Shared fixtures move before the first function fixture that opens the
    database (fixtures of wider scopes come first, as always; pytest-django's
    transaction is a function fixture), after those that do not (the active
    language, search by meaning): the data is built as the test would have
    built it. A module's tests asking for the same shared data run one after
    the other, in their order, those asking for none last: one build per
    module and worker, not one per switch. Only within runs of one module's
    tests, so the order pytest-django gave (transactional tests after the
    others) stands.
    """
    shared = {id(item): _shared_fixtures(item) for item in items}
    start = 0
    for end in range(1, len(items) + 1):
        if end == len(items) or getattr(items[end], "module", None) is not getattr(items[start], "module", None):
            items[start:end] = sorted(
                items[start:end], key=lambda item: (not shared[id(item)], tuple(shared[id(item)]))
            )
            start = end
    for item in items:
        if not shared[id(item)]:
            continue
        names, definitions = item.fixturenames, item._fixtureinfo.name2fixturedefs
        for name in shared[id(item)]:
            names.remove(name)
        first = next(
            (
                i
                for i, name in enumerate(names)
                if name in definitions
                and definitions[name][-1].scope == "function"
                and _needs_database(name, definitions, item, set())
            ),
            len(names),
        )
        names[first:first] = shared[id(item)]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Roll back the shared layers this test does not ask for, before any of its fixtures."""
    _shared_layers.start(item)


@pytest.fixture(scope="session")
def _shared_layers_of_session(django_db_setup) -> Iterator[_SharedLayers]:
    """Rolled back before the test database is destroyed."""
    yield _shared_layers
    _shared_layers.close()


@pytest.fixture
def shared_data(request, _shared_layers_of_session, django_db_blocker, settings) -> Callable[..., object]:
    """``shared_data(build, *key)``: what ``build()`` returned, built once for consecutive tests asking for the same.

    A fixture asking for it is a layer of shared data (``_SharedLayers``). The
    rows are rolled back after the last test sharing them; objects kept in
    memory are the same for all of them: tests get their own copies with
    ``shared_copy``.
    """
    from django.utils import translation

    def layer(build: Callable[[], object], *key: object) -> object:
        full_key = (
            build.__module__,
            build.__qualname__,
            *key,
            translation.get_language(),
            settings.GUICHET_SEMANTIC_SEARCH,
        )
        return _shared_layers_of_session.open(django_db_blocker, full_key, build)

    return layer


@pytest.fixture
def shared_copy() -> Callable[[object], object]:
    """``shared_copy(value)``: this test's own copy of shared objects (as Django's ``TestCase.setUpTestData`` gives).

    One memo per test: objects shared by two fixtures (a file, and the file of
    its appointment) stay one object in the test's copies.
    """
    memo: dict = {}
    return lambda value: copy.deepcopy(value, memo)


# --- Rows of transactional tests, kept as a copy of the database (SQLite) ------------------------------------------

_database_copies: dict[tuple, tuple[object, object]] = {}


def _row_counts(connection) -> tuple:
    """What the database holds before a build: the tables with rows, and how many (part of a copy's key).

    The full-text index's own tables (SQLite's "shadow" tables) are left out: their rows are its pages.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual')")
        tables = sorted(name for (name,) in cursor.fetchall() if not name.startswith("sqlite_"))
        counts = []
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # table names read from the database itself
            counts.append(cursor.fetchone()[0])
    return tuple((table, count) for table, count in zip(tables, counts, strict=True) if count)


def _database_copy(build: Callable[[], object], key: tuple) -> object:
    """``build()``'s rows and value, or on SQLite the copy of the database it left, if one was kept for ``key``."""
    import sqlite3

    from django.db import connection

    if connection.vendor != "sqlite":
        return build()
    full_key = (*key, _row_counts(connection))
    if full_key in _database_copies:
        saved, value = _database_copies[full_key]
        connection.ensure_connection()
        saved.backup(connection.connection)
        return value
    value = build()
    connection.ensure_connection()
    saved = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(saved)
    _database_copies[full_key] = (saved, value)
    return value


@pytest.fixture
def database_copy(transactional_db) -> Callable[..., object]:
    """``database_copy(build, *key)`` for transactional tests (a live server's): ``build()``'s rows, built once.

    A transactional test's rows are committed, and deleted after it: they
    cannot be shared as ``shared_data`` shares them. On SQLite the database
    as ``build()`` left it is copied aside (SQLite's backup, in memory); the
    next test asking for the same build, on a database holding the same rows
    beforehand, gets that copy back instead, in milliseconds. Elsewhere, and
    when anything differs, ``build()`` runs as before. Returns what it
    returned (the same object each time: give tests their own copy). Shared
    fixtures (``shared_data``) asked for by a transactional test use it too.
    """
    from django.utils import translation

    return lambda build, *key: _database_copy(
        build, (build.__module__, build.__qualname__, *key, translation.get_language())
    )


@pytest.fixture
def demo_day(today) -> datetime.date:
    """The day the demo's sessions are dated from (``demo_load(today=...)``); a module may choose another."""
    return today


@pytest.fixture
def _demo_network_loaded(request, shared_data, demo_day) -> dict[str, int]:
    from demo.network import demo_load

    if _is_transactional(request.node):
        pytest.fail("demo_network needs a test in a transaction (not transactional_db nor live_server)")
    return shared_data(lambda: demo_load(today=demo_day), "demo", demo_day)


@pytest.fixture
def demo_network(_demo_network_loaded, db) -> dict[str, int]:
    """The demo network (``demo.data``) in the database, dated from ``demo_day``: what ``demo_load`` returned.

    Loaded once for consecutive tests asking for it (``_SharedLayers``); each test is rolled back to it.
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
