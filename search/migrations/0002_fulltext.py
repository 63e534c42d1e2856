"""The database's own full-text structures, one set per vendor.

PostgreSQL: the ``unaccent`` and ``pg_trgm`` extensions, a generated
``tsvector`` column built from the already-normalised words (weights A, B, C
for names, summaries, the rest) with a GIN index, and a trigram GIN index on
the vocabulary for typo candidates. ``array_to_tsvector`` takes our words as
they are: PostgreSQL's parser and dictionaries would fold them again, and
differently per configuration.

SQLite: an FTS5 table over the documents (external content, kept in step by
triggers). Each operation is a no-op on the other vendor.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

POSTGRES_FORWARD = [
    """
    ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(array_to_tsvector(string_to_array(title, ' ')), 'A')
        || setweight(array_to_tsvector(string_to_array(summary, ' ')), 'B')
        || setweight(array_to_tsvector(string_to_array(body, ' ')), 'C')
    ) STORED
    """,
    # Kept in the table's own pages (compressed) rather than out of line: the planner then prices a
    # full read at its real cost and takes the GIN index for prefix matches (couture:*), 1 ms
    # instead of 55 ms on 10,000 programmes.
    "ALTER TABLE search_searchdocument ALTER COLUMN vector SET STORAGE MAIN",
    "CREATE INDEX search_document_vector_gin ON search_searchdocument USING gin (vector)",
    "CREATE INDEX search_term_word_trgm ON search_searchterm USING gin (word gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_term_word_trgm",
    "DROP INDEX IF EXISTS search_document_vector_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
]
SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, summary, body,
        content='search_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0'
    )
    """,
    """
    CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
    END
    """,
    """
    CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, summary, body)
        VALUES ('delete', old.id, old.title, old.summary, old.body);
    END
    """,
    """
    CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, summary, body)
        VALUES ('delete', old.id, old.title, old.summary, old.body);
        INSERT INTO search_fts(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
    END
    """,
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]


class VendorSQL(migrations.RunSQL):
    """Raw SQL that runs only on one database vendor."""

    def __init__(self, vendor: str, sql: list[str], reverse_sql: list[str]) -> None:
        super().__init__(sql, reverse_sql)
        self.vendor = vendor

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        return f"Full-text structures on {self.vendor}"


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        # Both are no-ops on SQLite (Django checks the vendor).
        UnaccentExtension(),
        TrigramExtension(),
        VendorSQL("postgresql", POSTGRES_FORWARD, POSTGRES_BACKWARD),
        VendorSQL("sqlite", SQLITE_FORWARD, SQLITE_BACKWARD),
    ]
