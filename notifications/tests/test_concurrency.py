"""On PostgreSQL, workers that claim the same due messages at the same moment send each exactly once.

Several threads, each with its own database connection, run the sweep and
the one-message send over the same rows; the fake gateway on 127.0.0.1
counts what it receives. SQLite serialises every write, so this race exists
only on PostgreSQL (``DATABASE_URL=postgres://…``).
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection

from notifications import services
from notifications.models import Message, MessageStatus

WORKERS = 6
MESSAGES = 40

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the race is PostgreSQL's")


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_send_each_due_message_exactly_once(sms_over_http, settings, tmp_path):
    (tmp_path / "notifications_test").mkdir()
    (tmp_path / "notifications_test" / "n.txt").write_text("Message {{ n }} from {{ sender }}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    sms_over_http.delay_seconds = 0.02  # each send takes a moment, so the workers overlap
    ids = [
        services.message_queue(
            to="+212612345678",
            channel="sms",
            template="notifications_test/n.txt",
            language="fr",
            sender="Guichet",
            context={"n": n},
        ).pk
        for n in range(MESSAGES)
    ]
    start = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            start.wait()
            if index % 2:  # half the workers sweep in small batches...
                while services.messages_send_due(limit=3):
                    pass
            else:  # ...the others run the per-message task over every id, as duplicated tasks would
                for pk in ids if index % 4 else reversed(ids):
                    services.message_send(message_id=pk)
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    sent = Counter(request["json"]["text"] for request in sms_over_http.received)
    assert sent == Counter({f"Message {n} from Guichet": 1 for n in range(MESSAGES)})
    assert Message.objects.filter(status=MessageStatus.SENT, tries=1).count() == MESSAGES
