"""Search by meaning, with the real sentence model (loaded once per test process), and without it.

Runs on SQLite and on PostgreSQL like the rest of the search tests. Meaning is off in
the rest of the suite: on here (``pytest.mark.semantic``).
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from catalog.models import Programme
from catalog.tests import factories as f
from search import semantic
from search.models import SearchEmbedding
from search.selectors import search_run
from search.services import search_embeddings_batched

# Meaning is the subject here: on, as in production (off in the rest of the suite).
pytestmark = pytest.mark.semantic

# Trades made with the hands: what "je veux travailler avec mes mains" should bring first.
HANDS = {"jewellery", "art-metalwork", "joinery", "tailoring", "zellige", "plaster", "cut-stone", "wood-carving"}
WOOD = {"joinery", "wood-carving"}


def trade_slugs(query: str) -> list[str]:
    return [trade.slug for trade in search_run(query=query).trades]


@pytest.fixture
def lexical_only(settings):
    settings.GUICHET_SEMANTIC_SEARCH = False


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("je veux travailler avec mes mains", HANDS),
        ("I like making things with wood", WOOD),
        ("أحب العمل بالخشب", WOOD),
        ("I would like to cut and style hair", {"hairdressing"}),
        ("j'aimerais faire des gâteaux et des biscuits", {"pastry"}),
        ("أريد أن أعمل في الزراعة", {"agriculture"}),
    ],
)
def test_a_sentence_finds_the_trades_it_means(search_catalogue, query, expected):
    slugs = trade_slugs(query)
    assert slugs, query
    assert slugs[0] in expected


def test_meaning_brings_programmes_that_no_word_matched(search_catalogue):
    result = search_run(query="I like making things with wood")
    slugs = set(Programme.objects.filter(pk__in=result.programme_ids).values_list("slug", flat=True))
    assert "joinery-casa" in slugs
    assert result.facets["trade"]


def test_without_meaning_a_sentence_finds_only_what_its_words_match(search_catalogue, lexical_only):
    result = search_run(query="I like making things with wood")
    assert {trade.slug for trade in result.trades} & WOOD
    # Only the trades whose texts say "mains" or "main" (the same word: search/normalize.stems); all of
    # them, and no other.
    says_hand = {
        slug
        for slug, trade in search_catalogue.trades.items()
        if re.search(r"\bmains?\b", " ".join([trade.name_fr, trade.summary_fr, trade.description_fr]))
    }
    assert "jewellery" in says_hand
    assert set(trade_slugs("je veux travailler avec mes mains")) == says_hand


def test_with_meaning_a_sentence_finds_more_than_its_words_match(search_catalogue):
    assert len(set(trade_slugs("je veux travailler avec mes mains")) & HANDS) >= 3


def test_words_still_come_first_when_meaning_is_on(search_catalogue):
    assert trade_slugs("couture")[0] == "tailoring"
    assert trade_slugs("je veux coudre des vêtements")[0] == "tailoring"
    assert trade_slugs("sculpteur sur bois")[0] == "wood-carving"


def test_nonsense_finds_nothing_by_meaning(search_catalogue):
    result = search_run(query="qqqqqq zzzzzz xxxxxx")
    assert result.is_empty
    assert len(result.closest_trades) == 3


def test_every_trade_and_published_programme_has_a_vector_per_language_once_saved(search_catalogue):
    trade_vectors = SearchEmbedding.objects.filter(kind="trade")
    assert trade_vectors.count() == 12 * 3
    programme = search_catalogue.joinery_casa
    vectors = SearchEmbedding.objects.filter(programme=programme)
    assert sorted(vectors.values_list("language", flat=True)) == ["ar", "en", "fr"]
    assert all(len(bytes(vector)) == semantic.DIMENSIONS * 4 for vector in vectors.values_list("vector", flat=True))
    assert not SearchEmbedding.objects.filter(programme=search_catalogue.draft).exists()


def test_a_programme_unpublished_loses_its_vectors_and_a_changed_title_gets_new_ones(search_catalogue):
    programme = search_catalogue.joinery_casa
    before = dict(SearchEmbedding.objects.filter(programme=programme).values_list("language", "text_hash"))
    programme.title_en = "Cabinet making with oak and walnut"
    programme.save()
    after = dict(SearchEmbedding.objects.filter(programme=programme).values_list("language", "text_hash"))
    assert after["en"] != before["en"]
    assert after["fr"] == before["fr"]
    programme.is_published = False
    programme.save()
    assert not SearchEmbedding.objects.filter(programme=programme).exists()


def test_vectors_are_read_from_the_database_never_computed_for_the_catalogue_at_query_time(search_catalogue, settings):
    query = "je veux travailler avec mes mains"
    SearchEmbedding.objects.all().delete()
    # A change of the catalogue: every process reads the stored vectors again.
    f.TradeFactory(slug="pottery", name_fr="Poterie", name_en="Pottery", name_ar="صناعة الفخار")
    with_meaning = set(trade_slugs(query))
    settings.GUICHET_SEMANTIC_SEARCH = False
    # Only the new trade has vectors: what meaning adds comes from those stored, nothing is recomputed.
    assert with_meaning - {"pottery"} == set(trade_slugs(query)) - {"pottery"}


def test_the_command_rebuilds_every_vector(search_catalogue):
    SearchEmbedding.objects.all().delete()
    call_command("rebuild_search_embeddings", stdout=None)
    assert SearchEmbedding.objects.filter(kind="trade").count() == 12 * 3
    assert SearchEmbedding.objects.filter(kind="programme").count() == 5 * 3
    hashes = dict(SearchEmbedding.objects.values_list("pk", "text_hash"))
    call_command("rebuild_search_embeddings", "--force", stdout=None)
    assert sorted(SearchEmbedding.objects.values_list("text_hash", flat=True)) == sorted(hashes.values())
    assert set(trade_slugs("I like making things with wood")[:2]) == WOOD


def test_a_bulk_load_computes_the_vectors_once_at_its_end(search_catalogue):
    with search_embeddings_batched():
        trade = f.TradeFactory(slug="pottery", name_fr="Poterie", name_en="Pottery", name_ar="صناعة الفخار")
        programme = f.ProgrammeFactory(trade=trade, title_en="Pottery for beginners")
        trade.name_en = "Pottery and ceramics"
        trade.save()
        assert not SearchEmbedding.objects.filter(trade=trade).exists()
    assert SearchEmbedding.objects.filter(trade=trade, kind="trade").count() == 3
    assert SearchEmbedding.objects.filter(programme=programme).count() == 3
    english = SearchEmbedding.objects.get(trade=trade, kind="trade", language="en")
    assert english.text_hash == semantic.text_hash(". ".join(["Pottery and ceramics", trade.summary_en]))


def test_without_meaning_nothing_is_embedded_on_save(lexical_only, db):
    f.TradeFactory(slug="pottery", name_fr="Poterie", name_en="Pottery", name_ar="صناعة الفخار")
    assert not SearchEmbedding.objects.exists()
    assert trade_slugs("pottery") == ["pottery"]


def test_a_vector_is_one_unit_long_and_languages_of_one_meaning_are_close(db):
    french, arabic, english, other = semantic.texts_embed(
        ["Je veux apprendre la couture", "أريد أن أتعلم الخياطة", "I want to learn sewing", "Réparer un moteur"]
    )
    assert abs(float(english @ english) - 1.0) < 1e-3
    assert float(french @ english) > float(french @ other)
    assert float(arabic @ english) > float(arabic @ other)


@pytest.mark.django_db
def test_a_server_worker_loads_the_model_and_the_vectors_as_it_starts(settings, monkeypatch):
    import runpy

    from search import semantic

    settings.GUICHET_SEMANTIC_SEARCH = True
    semantic.encoder.cache_clear()
    monkeypatch.setattr(semantic, "_matrix", None)
    hooks = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    hooks["post_worker_init"](None)
    assert semantic.encoder.cache_info().currsize == 1
    assert semantic._matrix is not None
