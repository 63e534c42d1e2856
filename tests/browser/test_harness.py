"""The harness itself: a context lent to a second test has forgotten what the first one left in it."""

from __future__ import annotations

from tests.browser.conftest import PHONE

LEFT_BEHIND = """
async () => {
  localStorage.setItem('seen', 'yes');
  document.cookie = 'visitor=first; path=/';
  await caches.open('pages').then((cache) => cache.put('/kept', new Response('kept')));
  await new Promise((done) => {
    const opening = indexedDB.open('saved', 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore('regions');
    opening.onsuccess = () => { opening.result.close(); done(); };
  });
}
"""

WHAT_IS_LEFT = """
async () => ({
  storage: localStorage.getItem('seen'),
  cookie: document.cookie,
  caches: await caches.keys(),
  databases: (await indexedDB.databases()).map((database) => database.name),
  initScript: window.addedByATest || null,
  offline: !navigator.onLine,
})
"""


def _lend(pool):
    return pool.lend(PHONE, javascript=True, locale="fr-FR", service_workers="block")


def test_a_context_lent_again_has_forgotten_what_the_last_test_left(_contexts, live_server):
    context, page = _lend(_contexts)
    page.goto(f"{live_server.url}/robots.txt")
    page.evaluate(LEFT_BEHIND)
    context.add_init_script(script="window.addedByATest = 'yes'")
    context.set_offline(True)
    _contexts.give_back(context)

    again, page = _lend(_contexts)
    page.goto(f"{live_server.url}/robots.txt")
    assert again is context  # the same context, lent again
    assert page.evaluate(WHAT_IS_LEFT) == {
        "storage": None,
        "cookie": "",
        "caches": [],
        "databases": [],
        "initScript": None,
        "offline": False,
    }
    _contexts.give_back(again)


def test_a_context_a_test_listened_to_is_closed_not_lent_again(_contexts, live_server):
    context, _page = _lend(_contexts)
    context.expose_function("told", lambda: None)
    _contexts.give_back(context)
    again, _page = _lend(_contexts)
    assert again is not context
    _contexts.give_back(again)


def test_a_context_that_allows_service_workers_is_never_lent_again(_contexts):
    context, _page = _contexts.lend(PHONE, javascript=True, locale="fr-FR", service_workers="allow")
    _contexts.give_back(context)
    again, _page = _lend(_contexts)
    assert again is not context
    _contexts.give_back(again)
