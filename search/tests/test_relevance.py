"""The labelled relevance set (``relevance.py``) on the demo trades, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from search.selectors import search_run
from search.tests.relevance import LABELLED, RELEVANCE, expected_set

# At least this share of the labelled queries find their trade in the first three.
MIN_TOP3 = 0.98


def trade_slugs(query: str) -> list[str]:
    return [trade.slug for trade in search_run(query=query).trades]


@pytest.mark.parametrize(("query", "trade"), LABELLED["word forms"])
def test_a_trade_is_found_first_by_its_worker_in_any_form_with_or_without_accents(search_catalogue, query, trade):
    result = search_run(query=query)
    assert [found.slug for found in result.trades][:1] == [trade]
    # A word in another form is no typo: nothing to correct.
    assert result.query.did_you_mean is None


@pytest.mark.semantic
def test_the_labelled_queries_find_their_trade_in_the_top_three(search_catalogue):
    misses = []
    for query, expected in RELEVANCE:
        found = trade_slugs(query)[:3]
        if not expected_set(expected) & set(found):
            misses.append((query, expected, found))
    assert len(misses) <= (1 - MIN_TOP3) * len(RELEVANCE), misses
