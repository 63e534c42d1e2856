"""The database set-up the project relies on, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from core.database import transaction_lock


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own settings")
def test_sqlite_writes_queue_in_immediate_transactions_with_the_write_ahead_log(db):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 10_000
    assert connection.transaction_mode == "IMMEDIATE"


def test_a_transaction_lock_outside_a_transaction_is_refused(transactional_db):
    with pytest.raises(RuntimeError, match="needs a transaction"):
        transaction_lock("core.tests")
    with transaction.atomic():
        transaction_lock("core.tests")
