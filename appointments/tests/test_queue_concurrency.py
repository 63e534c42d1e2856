"""Many at once (PostgreSQL; a smaller SQLite variant): numbers never repeat, nobody is called twice.

Each call runs in its own thread and connection, all released together
(``at_once``). On PostgreSQL the counter row's one-statement update gives
the numbers and ``FOR UPDATE SKIP LOCKED`` hands each counsellor another
ticket; on SQLite the immediate transactions take turns.
"""

from __future__ import annotations

import pytest
from django.db import connection

from appointments import queue
from appointments.models import QueueCounter, Ticket, TicketStatus
from core.actor import Actor
from core.tests.concurrency import at_once
from notifications.models import Message
from people.tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

POSTGRES = connection.vendor == "postgresql"
PHONE = "+212612345678"


def _issue(desk_day, **kwargs):
    return lambda: queue.ticket_issue(desk=desk_day.desk, reason=desk_day.reason, language="fr", **kwargs)[0].number


@pytest.mark.parametrize("people", [30 if POSTGRES else 8])
def test_tickets_taken_at_once_get_distinct_consecutive_numbers(desk_day, people):
    numbers = at_once([_issue(desk_day) for _ in range(people)])
    assert sorted(numbers) == list(range(1, people + 1))
    assert Ticket.objects.count() == people
    assert QueueCounter.objects.get(desk=desk_day.desk).last_number == people


def test_the_same_kiosk_form_sent_at_once_gives_one_ticket(desk_day):
    key = queue.kiosk_key_digest(queue.kiosk_form_key())
    numbers = at_once([_issue(desk_day, request_key=key) for _ in range(4)])
    assert set(numbers) == {1} and Ticket.objects.count() == 1


@pytest.mark.parametrize("counsellors", [2, 5])
def test_counsellors_calling_next_at_once_never_call_the_same_person(desk_day, counsellors):
    staff = list(desk_day.counsellors)
    staff += [
        f.StaffRoleFactory(user__username=f"extra-counsellor-{n}", desk=desk_day.desk).user
        for n in range(counsellors - len(staff))
    ]
    for _ in range(counsellors + 2):
        queue.ticket_issue(desk=desk_day.desk, reason=desk_day.reason, language="fr")

    def call(user):
        return lambda: queue.ticket_call_next(actor=Actor(user=user), desk=desk_day.desk, counter=user.username).pk

    called = at_once([call(user) for user in staff])
    assert len(set(called)) == counsellors and None not in called
    assert Ticket.objects.filter(status=TicketStatus.CALLED).count() == counsellors
    # The oldest tickets were taken, and each by the one counsellor named on it.
    assert sorted(Ticket.objects.filter(pk__in=called).values_list("number", flat=True)) == list(
        range(1, counsellors + 1)
    )
    assert Ticket.objects.filter(pk__in=called).values("called_by").distinct().count() == counsellors


def test_more_counsellors_than_people_call_each_person_once(desk_day):
    staff = list(desk_day.counsellors) + [
        f.StaffRoleFactory(user__username=f"more-counsellor-{n}", desk=desk_day.desk).user for n in range(2)
    ]
    queue.ticket_issue(desk=desk_day.desk, reason=desk_day.reason, language="fr")
    called = at_once(
        [
            lambda user=user: queue.ticket_call_next(actor=Actor(user=user), desk=desk_day.desk, counter="1")
            for user in staff
        ]
    )
    assert len([ticket for ticket in called if ticket is not None]) == 1


def test_the_turn_near_text_goes_once_when_counsellors_call_at_once(desk_day, settings):
    settings.GUICHET_QUEUE_NOTICE_AHEAD = 1
    for _ in range(3):
        queue.ticket_issue(desk=desk_day.desk, reason=desk_day.reason, language="fr")
    queue.ticket_issue(desk=desk_day.desk, reason=desk_day.reason, language="fr", phone=PHONE)
    at_once(
        [
            lambda user=user: queue.ticket_call_next(actor=Actor(user=user), desk=desk_day.desk, counter="1")
            for user in desk_day.counsellors
        ]
    )
    assert Message.objects.filter(recipient=PHONE, template__endswith="near.txt").count() == 1
