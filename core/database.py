"""What the project asks of the database itself, whichever it is (PostgreSQL or SQLite)."""

from __future__ import annotations

from django.db import connection, migrations


def bulk_load_settle() -> None:
    """After a bulk load: fresh statistics for the query planner, and no index entry left pending.

    A planner without statistics takes a table of 10,000 programmes for an
    empty one: it then walks a whole index to find 20 rows by key (10 ms
    instead of 1). On PostgreSQL, GIN indexes (full text, trigrams) first put
    new entries in a pending list that every search reads whole until it is
    merged (a typo lookup: 2.3 ms instead of 0.3). Autovacuum does both in
    time, when it is on and has run; SQLite never gathers statistics by
    itself. This does both now, and works inside a transaction.
    """
    gin_pending_lists_merge()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def planner_row_estimate(table: str) -> int:
    """How many rows the planner's statistics say ``table`` holds (0 when it has none)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE relname = %s", [table])
            row = cursor.fetchone()
            return int(row[0]) if row else 0
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return 0
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
        row = cursor.fetchone()
        return int(row[0].split()[0]) if row else 0


def gin_pending_lists_merge() -> int:
    """Merge what the GIN indexes hold pending into them (PostgreSQL); returns how many pages there were.

    Works inside a transaction, unlike VACUUM. Nothing to do on SQLite.
    """
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(SUM(gin_clean_pending_list(c.oid)), 0) FROM pg_class c JOIN pg_am a ON a.oid = c.relam "
            "WHERE a.amname = 'gin' AND c.relkind = 'i' AND pg_table_is_visible(c.oid)"
        )
        return int(cursor.fetchone()[0])


def transaction_lock(name: str) -> None:
    """Take turns, until this transaction ends, with every other transaction taking the lock ``name``.

    For a check then a write that no row can guard, such as counting recent
    rows before adding one: two requests at the same moment would both count
    the same rows. PostgreSQL holds an advisory lock on the name's hash; SQLite
    needs nothing more, its immediate transactions (guichet/settings.py)
    already hold the whole database until they end.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("transaction_lock() needs a transaction: the lock is released when it ends.")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [name])


def append_only_sql(*, table: str, name: str, update_allowed_when: str = "") -> tuple[str, str]:
    """PostgreSQL's guard of a log: (create, drop) SQL of a trigger refusing DELETE and UPDATE on ``table``.

    ``update_allowed_when``: a boolean SQL expression over ``OLD`` and ``NEW``
    naming the only updates let through (forgetting what erasure must forget),
    or empty for none. The function and trigger are ``{name}_refuse_change``
    and ``{name}_append_only``. SQLite (development and demos) has no such
    guard; the code never changes a log row otherwise.
    """
    allowed = f"    IF TG_OP = 'UPDATE' AND {update_allowed_when} THEN\n        RETURN NEW;\n    END IF;\n"
    create = f"""
CREATE FUNCTION {name}_refuse_change() RETURNS trigger AS $$
BEGIN
{allowed if update_allowed_when else ""}    RAISE EXCEPTION '{table} is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {name}_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {name}_refuse_change();
"""
    drop = f"""
DROP TRIGGER IF EXISTS {name}_append_only ON {table};
DROP FUNCTION IF EXISTS {name}_refuse_change();
"""
    return create, drop


def append_only_operation(*, table: str, name: str, update_allowed_when: str = "") -> migrations.RunPython:
    """A migration's operation installing (and, backwards, removing) ``append_only_sql`` on PostgreSQL only."""
    create, drop = append_only_sql(table=table, name=name, update_allowed_when=update_allowed_when)

    def forwards(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create, params=None)

    def backwards(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(drop, params=None)

    return migrations.RunPython(forwards, backwards)
