"""Real-browser harness: Debian's Chromium driven by Playwright, against a live server.

One browser per pytest worker (xdist-safe: each worker has its own server port and
test database); each page in a context of its own for the test, cleared between tests
(``_ContextPool``). The live server lets WhiteNoise serve the
fingerprinted, compressed static files, as production does.

Pages do not register the service worker (Playwright answers its registration and
nothing more) unless the test asks for it (``service_workers="allow"``): the tests of
offline reading do. Elsewhere it would keep a copy of every page visited, at a cost
of about a fifth of each visit, and a fresh context's first page is never served by it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.test import Client

from people.tests.staff import staff_sign_in

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
# How many pixels the page is wider than the screen (0 when it fits).
OVERFLOW_SCRIPT = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE_SCRIPT.read_text() if AXE_SCRIPT.exists() else ""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


class _WhiteNoiseServesStatic:
    """Hand every request to the app: WhiteNoise serves /static/ as in production."""

    def __new__(cls, application):
        return application


@pytest.fixture(scope="session")
def live_server(request: pytest.FixtureRequest):
    """pytest-django's live server, minus Django's own static handler (it ignores fingerprints)."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("127.0.0.1", start=False)
    server.thread.static_handler = _WhiteNoiseServesStatic
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(django_db_setup, live_server) -> Iterator:
    """Started after the test database and the server: Django refuses to create a
    database beside a running event loop, and Playwright's loop lives as long as this."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (Debian package chromium).")
    if not AXE_SOURCE:
        pytest.fail(f"{AXE_SCRIPT} is missing: run `make browser-deps` (axe-core from the npm registry).")
    # Playwright's sync API keeps an event loop in this thread while the browser
    # lives, which Django takes for async code; the ORM calls of the tests and
    # fixtures beside it are synchronous and safe. Allowed for that time only.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def site(live_server, catalogue) -> str:
    """The base URL of a live server holding the small demo network."""
    return live_server.url


class _ContextPool:
    """Browser contexts kept open between the tests of this process, each lent to one page at a time.

    A new context costs Chromium about as much as a visit (its storage, its
    network service, and the renderer its first page starts), and nearly
    every browser test opens one or more. A context handed back forgets what
    a visitor leaves behind before it is lent again: its cookies, the live
    server's local storage, IndexedDB and cache storage, the HTTP cache, the
    permissions, offline mode, routes, extra headers and the init scripts a
    test added (axe-core's stays: it only defines ``axe``); each test gets a
    new page in it, so what a page holds (session storage, its own init
    scripts, routes and listeners) never carries over. The last page is kept
    parked on a small text file until the next page opens, which reuses its
    renderer. A context is lent only for what cannot change once it is open
    (its size, language and JavaScript); one that allows service workers is
    never kept, and one a test did more with than can be undone (exposed a
    function, listened to its events) is closed instead of kept.
    """

    IRREVERSIBLE = ("expose_binding", "expose_function", "route_from_har", "route_web_socket", "on", "once")

    def __init__(self, browser, origin: str) -> None:
        self.browser, self.origin = browser, origin
        self.idle: dict[tuple, list] = {}  # by key: the contexts ready to be lent
        # The contexts that may be kept (out or idle): their key, and the init scripts tests added to them.
        self.keepable: dict[object, tuple[tuple, list]] = {}

    def lend(self, viewport: dict, *, javascript: bool, locale: str, service_workers: str):
        key = (viewport["width"], viewport["height"], javascript, locale)
        if service_workers != "block":
            context = self._open(viewport, javascript, locale, service_workers)
            return context, context.new_page()
        if self.idle.get(key):
            context = self.idle[key].pop()
        else:
            context = self._open(viewport, javascript, locale, service_workers)
            self._watch(context, key)
        parked = list(context.pages)
        page = context.new_page()
        for old in parked:
            old.close()
        return context, page

    def give_back(self, context) -> None:
        if context not in self.keepable:
            context.close()
            return
        key, init_scripts = self.keepable[context]
        try:
            parked, *others = context.pages or [context.new_page()]
            for other in others:
                other.close()
            while init_scripts:
                init_scripts.pop().close()
            context.unroute_all(behavior="ignoreErrors")
            context.set_offline(False)
            context.set_extra_http_headers({})
            context.set_geolocation(None)
            context.clear_permissions()
            context.set_default_timeout(10_000)
            parked.goto(f"{self.origin}/robots.txt")
            context.clear_cookies()
            cdp = context.new_cdp_session(parked)
            cdp.send("Storage.clearDataForOrigin", {"origin": self.origin, "storageTypes": "all"})
            cdp.send("Network.clearBrowserCache")
            cdp.detach()
        except Exception:
            del self.keepable[context]
            context.close()
            raise
        self.idle.setdefault(key, []).append(context)

    def close(self) -> None:
        for context in self.keepable:
            context.close()
        self.keepable.clear()
        self.idle.clear()

    def _open(self, viewport: dict, javascript: bool, locale: str, service_workers: str):
        context = self.browser.new_context(
            viewport=viewport, java_script_enabled=javascript, locale=locale, service_workers=service_workers
        )
        context.set_default_timeout(10_000)
        return context

    def _watch(self, context, key: tuple) -> None:
        """Note the init scripts tests add, to remove them; a context a test does more with is closed, not kept."""
        init_scripts: list = []
        self.keepable[context] = (key, init_scripts)
        add_init_script = context.add_init_script

        def added(script=None, *, path=None):
            disposable = add_init_script(script=script, path=path)
            if script is not AXE_SOURCE:
                init_scripts.append(disposable)
            return disposable

        def spending(method):
            def spend(*args, **kwargs):
                self.keepable.pop(context, None)
                return method(*args, **kwargs)

            return spend

        context.add_init_script = added
        for name in self.IRREVERSIBLE:
            setattr(context, name, spending(getattr(context, name)))


@pytest.fixture(scope="session")
def _contexts(browser, live_server) -> Iterator[_ContextPool]:
    pool = _ContextPool(browser, live_server.url)
    yield pool
    pool.close()


@pytest.fixture
def new_page(_contexts) -> Iterator:
    """Factory of pages at a chosen viewport, each in a context of its own (cookies, storage) for this test."""
    lent = []

    def make(viewport: dict, *, javascript: bool = True, locale: str = "fr-FR", service_workers: str = "block"):
        context, page = _contexts.lend(viewport, javascript=javascript, locale=locale, service_workers=service_workers)
        lent.append(context)
        return page

    yield make
    for context in lent:
        _contexts.give_back(context)


@pytest.fixture
def page(new_page):
    """A phone-sized page with JavaScript on."""
    return new_page(PHONE)


@pytest.fixture
def page_without_js(new_page):
    return new_page(PHONE, javascript=False)


@pytest.fixture
def staff_page(new_page, live_server) -> Callable:
    """Factory of pages signed in as a staff member, password and second factor, as after the real sign-in."""

    def make(user, viewport: dict, *, javascript: bool = True, locale: str = "fr-FR"):
        client = staff_sign_in(Client(), user)
        page = new_page(viewport, javascript=javascript, locale=locale)
        cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}
        page.context.add_cookies([cookie])
        return page

    return make


def at_each_size(page, check: Callable[..., object]) -> dict[str, object]:
    """By size name, what ``check(page, viewport)`` finds: at a phone's size, then on the same page resized to a
    desktop's (no new visit: the styles apply again, as when a window is resized). The page ends at a phone's size."""
    found = {}
    for name, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        found[name] = check(page, viewport)
    page.set_viewport_size(PHONE)
    return found


_visits_of_this_process: dict[str, object] = {}


@pytest.fixture
def shared_visit() -> Callable:
    """``shared_visit(key, visit)``: what ``visit()`` found, made once per run for all the tests that check it.

    The first process to ask makes the visit and keeps its JSON answer in the run's folder
    (root conftest.py); a process asking meanwhile waits for it, then reads it. A visit that
    fails keeps nothing: the next test to ask makes it again, and fails on its own.
    """

    def get(key: str, visit: Callable[[], object]) -> object:
        if key in _visits_of_this_process:
            return _visits_of_this_process[key]
        folder = os.environ.get("GUICHET_TEST_SHARED_VISITS")
        if not folder:
            return _visits_of_this_process.setdefault(key, json.loads(json.dumps(visit())))
        Path(folder).mkdir(parents=True, exist_ok=True)
        name = hashlib.sha256(key.encode()).hexdigest()[:16]
        answer = Path(folder) / f"{name}.json"
        with (Path(folder) / f"{name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, even if the visit fails
            if answer.exists():
                found = json.loads(answer.read_text())
            else:
                found = visit()
                partial = answer.with_suffix(".partial")
                partial.write_text(json.dumps(found))
                partial.replace(answer)
        _visits_of_this_process[key] = found
        return found

    return get
