"""How search behaves, whatever the database: this module runs on SQLite (``make test``)
and on PostgreSQL (``make test-postgres``), each with its own lexical backend."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from catalog.models import Programme, ScheduleKind
from catalog.selectors import ProgrammeFilters
from catalog.tests import factories as f
from search.backends import PostgresBackend, SQLiteBackend, backend
from search.models import SearchDocument, Synonym
from search.selectors import search_run
from search.services import search_index_batched


def trade_slugs(query: str, **filters) -> list[str]:
    return [trade.slug for trade in search_run(query=query, filters=ProgrammeFilters(**filters)).trades]


def programme_slugs(query: str, **filters) -> list[str]:
    ids = search_run(query=query, filters=ProgrammeFilters(**filters)).programme_ids
    slugs = dict(Programme.objects.filter(pk__in=ids).values_list("pk", "slug"))
    return [slugs[pk] for pk in ids]


def facet(result, name: str) -> dict[str, int]:
    return {value.value: value.count for value in result.facets[name]}


def test_the_backend_is_the_one_of_the_database_in_use(db):
    expected = PostgresBackend if connection.vendor == "postgresql" else SQLiteBackend
    assert isinstance(backend(), expected)


@pytest.mark.parametrize(
    ("query", "trade"),
    [
        ("couturr", "tailoring"),
        ("ferronerie", "art-metalwork"),
        ("menuisrie", "joinery"),
        ("zelij", "zellige"),
        ("zellij", "zellige"),
        ("bijouteire", "jewellery"),
        ("agricultrue", "agriculture"),
        ("Pâtiserie", "pastry"),
        ("carpentery", "joinery"),
        ("taylor", "tailoring"),
    ],
)
def test_one_or_two_wrong_letters_still_find_the_trade_first(search_catalogue, query, trade):
    assert trade_slugs(query)[0] == trade


@pytest.mark.parametrize(
    ("query", "trade"),
    [
        ("tailoring", "tailoring"),
        ("couture", "tailoring"),
        ("خياطة", "tailoring"),
        ("الخِيَاطَة", "tailoring"),
        ("sewing", "tailoring"),
        ("carpentry", "joinery"),
        ("menuiserie", "joinery"),
        ("نجارة", "joinery"),
        ("joinery", "joinery"),
        ("jewellery", "jewellery"),
        ("حلي", "jewellery"),
        ("gebs", "plaster"),
        ("mosaïque", "zellige"),
        ("carrelage", "zellige"),
        ("je veux travailler le métal", "art-metalwork"),
        ("fer", "art-metalwork"),
        ("coudre", "tailoring"),
        ("vêtements", "tailoring"),
        ("FERRONNERIE D'ART", "art-metalwork"),
        ("hairdresser", "hairdressing"),
    ],
)
def test_a_query_in_any_language_finds_the_trade_first(search_catalogue, query, trade):
    assert trade_slugs(query)[0] == trade


def test_bois_finds_joinery_and_wood_carving(search_catalogue):
    assert set(trade_slugs("bois")[:2]) == {"joinery", "wood-carving"}


def test_a_french_speaker_typing_english_and_an_anglophone_typing_french_land_on_the_same_programmes(
    search_catalogue,
):
    assert set(programme_slugs("tailoring")) == set(programme_slugs("couture")) == set(programme_slugs("خياطة"))
    assert set(programme_slugs("couture")) == {"tailoring-casa", "tailoring-evening", "tailoring-sefrou"}


def test_a_misspelt_query_says_what_it_understood(search_catalogue):
    result = search_run(query="couturr du soir")
    assert result.query.did_you_mean == "couture soir"
    assert programme_slugs("couturr du soir")[0] == "tailoring-evening"


def test_programmes_matching_every_word_come_alone_when_there_are_some(search_catalogue):
    assert programme_slugs("couture sefrou") == ["tailoring-sefrou"]
    assert programme_slugs("formation de couture à sefrou") == ["tailoring-sefrou"]
    # No programme has both words: those that have either are offered, best first.
    assert set(programme_slugs("bijouterie sefrou")) == {"jewellery-casa", "tailoring-sefrou"}


def test_a_well_spelt_query_has_no_did_you_mean(search_catalogue):
    assert search_run(query="couture").query.did_you_mean is None


def test_unpublished_programmes_are_never_found(search_catalogue):
    assert "draft" not in programme_slugs("brouillon couture")


def test_filters_narrow_the_programmes_found(search_catalogue):
    assert programme_slugs("couture", city="sefrou") == ["tailoring-sefrou"]
    assert programme_slugs("couture", schedule=ScheduleKind.EVENINGS) == ["tailoring-evening"]
    assert set(programme_slugs("couture", language="fr")) == {"tailoring-casa", "tailoring-sefrou"}
    assert set(programme_slugs("couture", free=True)) == {"tailoring-casa", "tailoring-sefrou"}
    assert programme_slugs("couture", trade="joinery") == []


def test_facet_counts_respect_the_other_active_filters(search_catalogue):
    result = search_run(query="couture", filters=ProgrammeFilters(region="casablanca-settat"))
    # The region facet ignores the region filter itself, so the other region still shows its count...
    assert facet(result, "region") == {"casablanca-settat": 2, "fes-meknes": 1}
    # ...and every other facet counts only what the region filter lets through.
    assert facet(result, "city") == {"casablanca": 2}
    assert facet(result, "schedule") == {"full_time": 1, "evenings": 1}
    assert facet(result, "language") == {"ar": 2, "fr": 1}
    assert facet(result, "trade") == {"tailoring": 2}
    assert [v.value for v in result.facets["region"] if v.selected] == ["casablanca-settat"]


def test_facets_count_every_trade_a_broad_query_reaches(search_catalogue):
    result = search_run(query="casablanca")
    assert facet(result, "trade") == {"tailoring": 2, "joinery": 1, "jewellery": 1}


def test_a_query_that_finds_nothing_offers_the_closest_trades(search_catalogue):
    nothing = search_run(query="qqqqqq zzzzzz")
    assert nothing.is_empty
    assert len(nothing.closest_trades) == 3


def test_a_trade_saved_with_a_new_translation_is_found_at_once(search_catalogue):
    trade = search_catalogue.trades["cut-stone"]
    trade.name_en = "Stonemasonry"
    trade.save()
    assert trade_slugs("stonemasonry") == ["cut-stone"]


def _new_zellige_programme(search_catalogue):
    """A zellige programme in Casablanca, taught in French: the only one of the catalogue to match "zellige"."""
    return f.ProgrammeFactory(
        slug="zellige-casa",
        trade=search_catalogue.trades["zellige"],
        provider=search_catalogue.institute,
        teaching_languages=[search_catalogue.french],
        title_fr="Zellige – initiation",
    )


def test_a_new_programme_is_found_and_an_unpublished_one_is_gone(search_catalogue):
    new = _new_zellige_programme(search_catalogue)
    assert programme_slugs("zellige") == ["zellige-casa"]
    assert facet(search_run(query="zellige"), "language") == {"fr": 1}
    new.is_published = False
    new.save()
    assert programme_slugs("zellige") == []


def test_teaching_languages_changed_after_saving_reach_the_facets(search_catalogue):
    search_catalogue.joinery_casa.teaching_languages.set([search_catalogue.french])
    assert facet(search_run(query="menuiserie"), "language") == {"fr": 1}


def test_a_programme_added_to_a_language_from_the_language_side_reaches_the_facets(search_catalogue):
    search_catalogue.french.programmes_taught.add(search_catalogue.jewellery_casa)
    assert facet(search_run(query="bijouterie"), "language") == {"ar": 1, "fr": 1}


def test_renaming_a_city_reindexes_its_programmes(search_catalogue):
    search_catalogue.sefrou.name_fr = "Sefrou-Ville"
    search_catalogue.sefrou.name_en = "Sefrouville"
    search_catalogue.sefrou.save()
    assert programme_slugs("sefrouville") == ["tailoring-sefrou"]


def test_a_deleted_programme_leaves_the_index(search_catalogue):
    pk = search_catalogue.jewellery_casa.pk
    search_catalogue.jewellery_casa.delete()
    assert programme_slugs("bijouterie") == []
    assert not SearchDocument.objects.filter(programme_id=pk).exists()


def test_a_document_written_by_another_process_since_the_table_was_read_waits_for_the_next_search(
    search_catalogue, monkeypatch
):
    from search import document_table

    before = programme_slugs("bijouterie")
    # Another process indexes a programme; this one has not seen the index change yet.
    monkeypatch.setattr(document_table, "index_changed", lambda: None)
    monkeypatch.setattr("search.services.index_changed", lambda: None)
    f.ProgrammeFactory(slug="jewellery-rabat", trade=search_catalogue.jewellery_casa.trade, title_fr="Bijouterie")
    assert programme_slugs("bijouterie") == before
    monkeypatch.undo()
    document_table.index_changed()
    assert "jewellery-rabat" in programme_slugs("bijouterie")


def test_saves_in_a_batch_are_found_once_it_ends_as_if_indexed_one_by_one(search_catalogue):
    trade = search_catalogue.trades["cut-stone"]
    with search_index_batched():
        trade.name_en = "Lapicide"
        trade.save()
        new = _new_zellige_programme(search_catalogue)
        new.teaching_languages.add(search_catalogue.arabic)
        assert trade_slugs("lapicide") == []
        assert programme_slugs("zellige") == []
    assert trade_slugs("lapicide") == ["cut-stone"]
    assert programme_slugs("zellige") == ["zellige-casa"]
    assert facet(search_run(query="zellige"), "language") == {"ar": 1, "fr": 1}
    fields = ("kind", "programme_id", "trade_id", "title", "summary", "body", "languages")
    batched = set(SearchDocument.objects.values_list(*fields))
    call_command("rebuild_search_index", verbosity=0)
    assert set(SearchDocument.objects.values_list(*fields)) == batched


def test_saves_in_a_batch_that_fails_index_nothing(search_catalogue):
    # Without a transaction around it (the batch's doc asks for one), the saves stay and the index is left as it was.
    trade = search_catalogue.trades["cut-stone"]
    with pytest.raises(RuntimeError), search_index_batched():
        trade.name_en = "Lapicide"
        trade.save()
        raise RuntimeError("the load stops half-way")
    assert trade_slugs("lapicide") == []
    trade.save()  # the next save outside a batch indexes at once, as always
    assert trade_slugs("lapicide") == ["cut-stone"]


def test_a_synonym_added_by_an_administrator_is_used_at_once(search_catalogue):
    assert trade_slugs("boubou") == []
    Synonym.objects.create(term="Boubou", expansions="couture\ntailoring")
    assert trade_slugs("BOUBOU")[0] == "tailoring"


def test_rebuilding_the_index_finds_the_same(search_catalogue):
    before = (trade_slugs("bois"), programme_slugs("couture"))
    call_command("rebuild_search_index", verbosity=0)
    assert (trade_slugs("bois"), programme_slugs("couture")) == before


def test_the_seeded_synonyms_are_in_the_back_office_table(db):
    assert Synonym.objects.filter(term_normalized="zelij").exists()
    assert Synonym.objects.filter(term_normalized="bois").exists()


@pytest.mark.parametrize(
    "query",
    [
        "AND",
        "OR OR OR",
        "NOT couture",
        'couture"',
        '"',
        "*",
        "couture*",
        ":",
        "title:couture",
        "NEAR(couture menuiserie)",
        "couture AND (",
        "');DROP TABLE search_searchdocument;--",
        "\\x00\x00\x01\x1f",
        "^couture",
        "{title summary}: couture",
        "'",
        "a" * 10_000,
        "couture " * 2_000,
        "ـــــ",
        "\u202etailoring",
        "🧵✂️",
    ],
)
def test_syntax_of_the_engines_and_huge_queries_never_fail(search_catalogue, query):
    result = search_run(query=query)
    assert result.count >= 0
    assert SearchDocument.objects.filter(kind="trade").count() == 12


def test_an_empty_query_finds_nothing_and_says_so(search_catalogue):
    for query in ["", "   ", "le la les", "?!"]:
        result = search_run(query=query)
        assert result.query.is_empty
        assert result.is_empty


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Storage of the full-text table on PostgreSQL only.")
def test_on_postgresql_the_documents_texts_are_kept_out_of_the_pages_a_search_reads(search_catalogue):
    # Migration search 0005: a search reads the vectors (the texts they are built from live in TOAST storage)
    # and GIN indexes merge what they hold pending before it grows past 256 kB.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = 'search_searchdocument'::regclass "
            "AND attname IN ('title', 'summary', 'body', 'vector')"
        )
        storage = dict(cursor.fetchall())
        cursor.execute("SELECT reloptions FROM pg_class WHERE oid = 'search_searchdocument'::regclass")
        options = cursor.fetchone()[0]
    assert storage == {"title": "e", "summary": "e", "body": "e", "vector": "m"}
    assert "toast_tuple_target=128" in options
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname IN ('search_document_vector_gin', 'search_term_word_trgm')"
        )
        assert [options for (options,) in cursor.fetchall()] == [["gin_pending_list_limit=256"]] * 2
    programme = search_catalogue.joinery_casa
    programme.description_fr = "Menuiserie traditionnelle et moderne, assemblages, placages. " * 60
    programme.save()
    assert programme_slugs("placages") == ["joinery-casa"]
