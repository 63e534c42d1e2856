"""Whatever text people type, search answers: results, or a clear 400; never a 500, never an exception.

Hypothesis drives the search service, the API and the page with arbitrary
text: every Unicode category (lone surrogates included), NUL and control
characters, the engines' syntax, emojis, mixed scripts, and 10,000-character
strings. Runs on SQLite and on PostgreSQL (with ``DATABASE_URL``), with
meaning on (``pytest.mark.semantic``: the query's sentence vector too).
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.selectors import search_run

pytestmark = pytest.mark.semantic

# The engines' syntax and what breaks naive SQL.
SYNTAX = ['"', "*", "NEAR", "NEAR(a b)", "OR", "AND", "NOT", "--", "'", "');--", ":", "^", "(", ")", "{", "}", "\\"]
WORDS = ["couture", "خياطة", "tailoring", "menuiserie", "النجارة", "casablanca", "🧵", "✂️", "ﻻ", "é", "\u200f", "ـ"]

any_character = st.characters(codec=None, categories=None)  # every code point, lone surrogates included
arbitrary = st.one_of(
    st.text(any_character, max_size=300),
    st.lists(st.sampled_from(SYNTAX + WORDS + ["\x00", "\x01", " ", "\ud800", "\udfff"]), max_size=30).map("".join),
    st.lists(st.sampled_from(SYNTAX + WORDS), max_size=12).map(" ".join),
    st.builds(lambda text, count: (text or "a") * count, st.text(any_character, max_size=5), st.just(10_000)),
)

# Each example queries the same catalogue, made once per test: nothing here writes.
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _query_string(text: str) -> str:
    """What a browser sends for this text (a lone surrogate becomes bytes that are not valid UTF-8)."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


@PROPERTY
@given(text=arbitrary)
def test_the_service_answers_any_text(search_catalogue, text):
    result = search_run(query=text)
    assert result.count == len(result.programme_ids) >= 0
    assert all(trade.slug for trade in result.trades + result.closest_trades)


@PROPERTY
@given(text=arbitrary, trade=st.sampled_from(["", "tailoring", "nothing\x00"]))
def test_the_api_answers_any_text_with_results_or_a_clear_400(client, search_catalogue, text, trade):
    response = client.get(f"/api/v1/search?q={_query_string(text)}&trade={_query_string(trade)}")
    assert response.status_code in {200, 400}, response.status_code
    body = response.json()
    assert ("count" in body) if response.status_code == 200 else body["detail"]


@PROPERTY
@given(text=arbitrary)
def test_the_page_answers_any_text_with_results_or_a_clear_400(client, search_catalogue, text):
    response = client.get(f"/fr/search/?q={_query_string(text)}")
    assert response.status_code in {200, 400}, response.status_code
    if response.status_code == 400:
        assert 'role="alert"' in response.content.decode() or "aria-live" in response.content.decode()
