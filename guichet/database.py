"""What the project asks of the database itself, whichever it is (PostgreSQL or SQLite)."""

from __future__ import annotations

from django.db import connection


def planner_statistics_refresh() -> None:
    """Give the query planner fresh statistics of every table, after a bulk load.

    A planner without statistics takes a table of 10,000 programmes for an
    empty one: it then walks a whole index to find 20 rows by key (10 ms
    instead of 1). PostgreSQL's autovacuum gathers them in time, when it is on
    and has run; SQLite never does by itself. ``ANALYZE`` does it now on both.
    """
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
