"""Every public page makes a fixed number of queries, whatever the number of rows (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.tests import factories as f
from search.services import search_index_batched
from tests.pages import EXPECTED_STATUS, MAX_QUERIES, MAX_QUERIES_BY_PAGE, PUBLIC_PAGES


def _add_rows(catalogue, count: int) -> None:
    with search_index_batched():  # each trade and programme indexed once, as a page would then find them
        _add_rows_unindexed(catalogue, count)


def _add_rows_unindexed(catalogue, count: int) -> None:
    for n in range(count):
        programme = f.ProgrammeFactory(
            slug=f"more-{count}-{n}", trade=catalogue.jewellery, provider=catalogue.institute, city=catalogue.casablanca
        )
        programme.required_documents.add(f.DocumentTypeFactory())
        programme.teaching_languages.add(catalogue.french)
        f.SessionFactory(programme=programme)
        f.DeskFactory(city=catalogue.casablanca)
        catalogue.jewellery.skills.add(f.SkillFactory())


def _queries(client, path: str, expected_status: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == expected_status
    return len(queries)


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_queries_of_a_page_do_not_grow_with_the_catalogue(client, catalogue, name):
    path = PUBLIC_PAGES[name].format(lang="fr")
    status = EXPECTED_STATUS.get(name, 200)
    _add_rows(catalogue, 2)
    few = _queries(client, path, status)
    _add_rows(catalogue, 12)
    many = _queries(client, path, status)
    assert many == few, f"{name}: {few} queries with few rows, {many} with more"
    assert many <= MAX_QUERIES_BY_PAGE.get(name, MAX_QUERIES)
