"""Each process's document table: read again when the index changes, not on every search with the cache down."""

from __future__ import annotations

import pytest

from search import document_table as table_module
from search.document_table import document_table, index_changed, index_token

CACHE_THAT_KEEPS_NOTHING = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture
def no_table_in_process(monkeypatch):
    monkeypatch.setattr(table_module, "_table", None)


def test_the_table_is_read_once_and_again_after_the_index_changes(db, no_table_in_process):
    first = document_table()
    assert document_table() is first
    index_changed()
    assert document_table() is not first


def test_with_a_cache_that_keeps_nothing_the_token_holds_for_a_while_instead_of_changing_on_every_search(
    db, settings, no_table_in_process, monkeypatch
):
    settings.CACHES = CACHE_THAT_KEEPS_NOTHING
    clock = iter([1000.0, 1001.0, 1002.0, 1000.0 + table_module.OUTAGE_TOKEN_SECONDS + 1])
    monkeypatch.setattr(table_module, "clock", lambda: next(clock))
    first = document_table()
    assert document_table() is first  # a second later: the same table, not read again
    assert index_token() == first.token
    assert document_table() is not first  # after OUTAGE_TOKEN_SECONDS, read again: changes are seen
