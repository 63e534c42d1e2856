"""The log of moves is append-only on PostgreSQL: a row cannot be changed nor deleted, except its note blanked
and its author's account gone (erasure)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from applications.models import ApplicationEvent, State
from applications.tests.conftest import apply, as_provider

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")


def test_a_logged_move_cannot_be_rewritten_nor_deleted(seats):
    application = apply(seats, seats.people[0])
    as_provider(seats, application, State.REFUSED, reason="unreachable", note="Phoned twice, no answer.")
    event = application.events.last()
    for change in ({"to_state": State.ACCEPTED}, {"reason": "other"}, {"role": "counsellor"}):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            ApplicationEvent.objects.filter(pk=event.pk).update(**change)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ApplicationEvent.objects.filter(pk=event.pk).delete()
    ApplicationEvent.objects.filter(pk=event.pk).update(note="", by=None)
    event.refresh_from_db()
    assert (event.to_state, event.reason, event.note, event.by) == (State.REFUSED, "unreachable", "", None)
