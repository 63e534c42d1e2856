"""PostgreSQL: how the search index is stored, for searches that read little.

- The documents' texts (names, summaries, descriptions in three languages) are
  only read to build the ``tsvector`` when a document is written; every
  search reads the vectors. With the texts beside them, a search that reads
  many documents read 20 MB for 10,000 programmes; with the texts in the
  table's TOAST storage, 14 MB, and a word search takes about half the time
  (3.8 ms on average over the bench's queries, 2.3 ms after).
  ``toast_tuple_target`` makes the move happen for rows of any size; the rows
  already there are written again to take the new layout.
- The GIN indexes (full text, trigrams) keep at most 256 kB of new entries
  in their pending list (4 MB by default), which every search reads whole
  until it is merged: after a bulk load, a typo lookup took 2.3 ms instead of
  0.3. The list is merged when it is full, whether autovacuum runs or not.

A no-op on SQLite, whose FTS5 table is apart already.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE search_searchdocument SET (toast_tuple_target = 128)",
    "ALTER TABLE search_searchdocument ALTER COLUMN title SET STORAGE EXTERNAL, "
    "ALTER COLUMN summary SET STORAGE EXTERNAL, ALTER COLUMN body SET STORAGE EXTERNAL",
    "UPDATE search_searchdocument SET title = title",
    "ALTER INDEX search_document_vector_gin SET (gin_pending_list_limit = 256)",
    "ALTER INDEX search_term_word_trgm SET (gin_pending_list_limit = 256)",
    "SELECT gin_clean_pending_list('search_document_vector_gin'::regclass)",
    "SELECT gin_clean_pending_list('search_term_word_trgm'::regclass)",
]
BACKWARD = [
    "ALTER INDEX search_term_word_trgm RESET (gin_pending_list_limit)",
    "ALTER INDEX search_document_vector_gin RESET (gin_pending_list_limit)",
    "ALTER TABLE search_searchdocument RESET (toast_tuple_target)",
    "ALTER TABLE search_searchdocument ALTER COLUMN title SET STORAGE EXTENDED, "
    "ALTER COLUMN summary SET STORAGE EXTENDED, ALTER COLUMN body SET STORAGE EXTENDED",
]


def _run(statements):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_embeddings")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]
