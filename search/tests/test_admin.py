"""Synonyms are data the administrators edit in the back office."""

from __future__ import annotations

from search.models import Synonym
from search.selectors import search_run


def test_an_administrator_adds_a_synonym_in_the_back_office_and_search_uses_it(admin_client, search_catalogue):
    response = admin_client.post(
        "/en/admin/search/synonym/add/", {"term": "Ébénisterie", "expansions": "menuiserie, joinery"}
    )
    assert response.status_code == 302
    assert Synonym.objects.get(term_normalized="ebenisterie").expansion_list() == ["menuiserie", "joinery"]
    assert search_run(query="ebenisterie").trades[0].slug == "joinery"


def test_a_synonym_that_already_exists_in_another_spelling_is_refused_with_a_message(admin_client, db):
    response = admin_client.post("/en/admin/search/synonym/add/", {"term": "ZELIJ", "expansions": "zellige"})
    assert response.status_code == 200
    assert "This word already has synonyms" in response.content.decode()


def test_the_synonym_list_shows_what_each_word_also_finds(admin_client, db):
    html = admin_client.get("/en/admin/search/synonym/?q=bois").content.decode()
    assert "menuiserie, bois sculpté, joinery, wood carving" in html
