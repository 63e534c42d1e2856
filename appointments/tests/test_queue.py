"""The walk-in queue's rules: numbers per desk and day, the order of calls, missed calls, closing, texts."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from appointments import queue
from appointments.models import QueueCounter, Ticket, TicketStatus
from appointments.tests.conftest import MONDAY, at
from audit.models import AuditAction, AuditEvent
from core.actor import Actor
from notifications.models import Message
from people.rights import ErasureReason, beneficiary_erase
from people.tests import factories as f

NINE = at(MONDAY, 9)
PHONE = "+212612345678"


def minutes(n: int) -> datetime.timedelta:
    return datetime.timedelta(minutes=n)


def issue(desk_day, n: int = 1, *, start=NINE, phone: str = "", reason=None, language="fr") -> list[Ticket]:
    return [
        queue.ticket_issue(
            desk=desk_day.desk,
            reason=reason or desk_day.reason,
            language=language,
            phone=phone,
            now=start + minutes(i),
        )[0]
        for i in range(n)
    ]


def actor(user) -> Actor:
    return Actor(user=user)


def call(desk_day, who: int = 0, *, at_=None, counter="2", reasons=None) -> Ticket | None:
    return queue.ticket_call_next(
        actor=actor(desk_day.counsellors[who]),
        desk=desk_day.desk,
        counter=counter,
        reasons=reasons,
        now=at_ or NINE + minutes(30),
    )


def texts(to: str = PHONE) -> list[Message]:
    return list(Message.objects.filter(recipient=to).order_by("pk"))


# Numbers ------------------------------------------------------------------------------------------------------------


def test_numbers_start_at_one_and_follow_each_other_per_desk_and_day(desk_day):
    assert [t.number for t in issue(desk_day, 3)] == [1, 2, 3]
    elsewhere = queue.ticket_issue(desk=desk_day.other_desk, reason=desk_day.elsewhere_reason, language="fr", now=NINE)[
        0
    ]
    assert elsewhere.number == 1
    tuesday = issue(desk_day, 2, start=NINE + datetime.timedelta(days=1))
    assert [t.number for t in tuesday] == [1, 2]
    assert QueueCounter.objects.get(desk=desk_day.desk, day=MONDAY).last_number == 3


def test_the_number_comes_from_the_counter_row_not_from_counting_tickets(desk_day):
    first = issue(desk_day)[0]
    first.delete()  # a ticket gone does not give its number again
    assert issue(desk_day, start=NINE + minutes(5))[0].number == 2


def test_the_day_is_the_desks_local_day(desk_day):
    # 23:30 UTC on Monday is already Tuesday in Casablanca (UTC+1).
    late = datetime.datetime(2026, 12, 7, 23, 30, tzinfo=datetime.UTC)
    ticket = queue.ticket_issue(desk=desk_day.desk, reason=None, language="ar", now=late)[0]
    assert ticket.day == MONDAY + datetime.timedelta(days=1)


def test_the_database_refuses_two_tickets_with_one_number_of_the_day(desk_day):
    ticket = issue(desk_day)[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Ticket.objects.create(desk=ticket.desk, day=ticket.day, number=ticket.number, language="fr")


def test_a_reason_the_desk_does_not_offer_or_an_unknown_language_is_refused(desk_day):
    with pytest.raises(queue.QueueRefused):
        queue.ticket_issue(desk=desk_day.desk, reason=desk_day.elsewhere_reason, language="fr", now=NINE)
    with pytest.raises(queue.QueueRefused):
        queue.ticket_issue(desk=desk_day.desk, reason=None, language="xx", now=NINE)
    assert not Ticket.objects.exists() and not QueueCounter.objects.exists()


def test_the_same_kiosk_form_sent_twice_gives_one_ticket(desk_day):
    key = queue.kiosk_key_digest(queue.kiosk_form_key())
    first, new = queue.ticket_issue(desk=desk_day.desk, reason=None, language="fr", request_key=key, now=NINE)
    again, again_new = queue.ticket_issue(desk=desk_day.desk, reason=None, language="fr", request_key=key, now=NINE)
    assert new and not again_new and again == first
    assert Ticket.objects.count() == 1


def test_a_forged_or_malformed_kiosk_key_is_not_accepted():
    assert queue.kiosk_key_digest("made-up") is None
    assert queue.kiosk_key_digest(queue.kiosk_form_key() + "x") is None
    assert queue.kiosk_key_digest("\x00" * 10) is None


def test_tickets_left_from_an_earlier_day_leave_the_queue_and_lose_their_phone(desk_day):
    old = issue(desk_day, phone=PHONE)[0]
    issue(desk_day, start=NINE + datetime.timedelta(days=1))
    old.refresh_from_db()
    assert old.status == TicketStatus.LEFT and not old.phone


# Calling ------------------------------------------------------------------------------------------------------------


def test_call_next_takes_the_oldest_waiting_ticket_and_shows_the_counter(desk_day):
    tickets = issue(desk_day, 3)
    called = call(desk_day, counter="Bureau 2")
    assert called == tickets[0]
    assert called.status == TicketStatus.CALLED and called.counter == "Bureau 2"
    assert called.called_by == desk_day.counsellors[0] and called.calls == 1
    assert call(desk_day, 1) == tickets[1]


def test_a_counsellor_finishes_with_their_person_before_calling_the_next(desk_day):
    issue(desk_day, 2)
    call(desk_day)
    with pytest.raises(queue.QueueRefused):
        call(desk_day)


def test_call_next_with_nobody_waiting_gives_nothing(desk_day):
    assert call(desk_day) is None


def test_call_next_can_take_only_the_reasons_a_counsellor_handles(desk_day):
    first = issue(desk_day, reason=desk_day.reason)[0]
    check = issue(desk_day, start=NINE + minutes(5), reason=desk_day.other_reason)[0]
    assert call(desk_day, reasons=[desk_day.other_reason.pk]) == check
    assert call(desk_day, 1) == first


def test_a_counter_name_is_required(desk_day):
    issue(desk_day)
    with pytest.raises(queue.QueueRefused):
        call(desk_day, counter="   ")


def test_recall_calls_again_and_counts_the_calls(desk_day):
    issue(desk_day)
    ticket = call(desk_day)
    ticket = queue.ticket_recall(actor=actor(desk_day.counsellors[0]), ticket=ticket, now=NINE + minutes(40))
    assert ticket.calls == 2 and ticket.called_at == NINE + minutes(40)


def test_only_the_counsellor_who_called_a_ticket_closes_it(desk_day):
    issue(desk_day)
    ticket = call(desk_day)
    with pytest.raises(queue.QueueRefused):
        queue.ticket_done(actor=actor(desk_day.counsellors[1]), ticket=ticket)


def test_no_answer_puts_the_ticket_at_the_back_then_it_leaves_after_the_set_number(desk_day, settings):
    settings.GUICHET_QUEUE_NO_ANSWER_LIMIT = 2
    first, second = issue(desk_day, 2, phone=PHONE)
    me = actor(desk_day.counsellors[0])
    missed = queue.ticket_no_answer(actor=me, ticket=call(desk_day), now=NINE + minutes(31))
    assert missed.status == TicketStatus.NO_ANSWER and missed.counter == "" and missed.phone
    # Back in the line, behind the person who was waiting.
    assert call(desk_day, at_=NINE + minutes(32)) == second
    queue.ticket_done(actor=me, ticket=second, now=NINE + minutes(40))
    again = call(desk_day, at_=NINE + minutes(41))
    assert again == first and again.calls == 2
    gone = queue.ticket_no_answer(actor=me, ticket=again, now=NINE + minutes(45))
    assert gone.status == TicketStatus.LEFT and not gone.phone and gone.done_at
    assert call(desk_day, at_=NINE + minutes(46)) is None


def test_served_closes_the_ticket_and_clears_its_phone(desk_day):
    issue(desk_day, phone=PHONE)
    me = actor(desk_day.counsellors[0])
    ticket = queue.ticket_serve(actor=me, ticket=call(desk_day), now=NINE + minutes(31))
    assert ticket.status == TicketStatus.SERVING and ticket.served_at == NINE + minutes(31)
    ticket = queue.ticket_done(actor=me, ticket=ticket, now=NINE + minutes(45))
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.DONE and ticket.phone == "" and ticket.done_at == NINE + minutes(45)
    with pytest.raises(queue.QueueRefused):
        queue.ticket_done(actor=me, ticket=ticket)


def test_the_database_refuses_a_closed_ticket_that_keeps_a_phone(desk_day):
    ticket = issue(desk_day, phone=PHONE)[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Ticket.objects.filter(pk=ticket.pk).update(status=TicketStatus.DONE, done_at=NINE)


# Files and the audit log --------------------------------------------------------------------------------------------


def test_attaching_a_ticket_to_a_file_of_the_desk_is_audited_and_so_are_later_changes(desk_day):
    issue(desk_day)
    me = actor(desk_day.counsellors[0])
    ticket = call(desk_day)
    assert not AuditEvent.objects.filter(object_id=ticket.public_id).exists()
    person = queue.file_find(user=desk_day.counsellors[0], desk=desk_day.desk, reference=desk_day.person.file_number)
    ticket = queue.ticket_attach(actor=me, ticket=ticket, beneficiary=person)
    queue.ticket_done(actor=me, ticket=ticket)
    actions = list(AuditEvent.objects.filter(object_id=ticket.public_id).order_by("pk").values_list("action", "detail"))
    assert actions == [(AuditAction.TICKET_ATTACH, ""), (AuditAction.TICKET_CALL, "done")]


def test_a_file_of_another_desk_cannot_be_found_to_attach(desk_day):
    from django.http import Http404

    foreign = f.BeneficiaryFactory(desk=desk_day.other_desk)
    for reference in (foreign.file_number, foreign.public_id, "", "\x00", "x" * 500):
        with pytest.raises(Http404):
            queue.file_find(user=desk_day.counsellors[0], desk=desk_day.desk, reference=reference)


def test_erasing_a_file_keeps_its_tickets_as_anonymous_counts(desk_day):
    issue(desk_day)
    me = actor(desk_day.counsellors[0])
    ticket = queue.ticket_attach(actor=me, ticket=call(desk_day), beneficiary=desk_day.person)
    beneficiary_erase(beneficiary=desk_day.person, reason=ErasureReason.REQUEST, actor=me)
    ticket.refresh_from_db()
    assert ticket.beneficiary is None


# Texts ---------------------------------------------------------------------------------------------------------------


def test_a_ticket_with_a_phone_gets_its_number_by_text_in_the_chosen_language(desk_day):
    issue(desk_day, 2)
    ticket = issue(desk_day, start=NINE + minutes(5), phone=PHONE, language="ar")[0]
    [message] = texts()
    assert message.channel == "sms" and message.language == "ar"
    assert str(ticket.number) in message.body and message.template.endswith("queue/messages/ticket.txt")
    assert not Message.objects.exclude(recipient=PHONE).exists()


def test_a_text_goes_once_when_the_ticket_is_three_from_the_front(desk_day, settings):
    settings.GUICHET_QUEUE_NOTICE_AHEAD = 3
    issue(desk_day, 5)
    mine = issue(desk_day, start=NINE + minutes(10), phone=PHONE)[0]  # five people before
    assert len(texts()) == 1  # the number
    for who, later in ((0, 20), (1, 21)):
        call(desk_day, who, at_=NINE + minutes(later))
    assert len(texts()) == 2  # three before now: "your turn is near"
    near = texts()[-1]
    assert near.template.endswith("queue/messages/near.txt") and str(mine.number) in near.body
    me = actor(desk_day.counsellors[0])
    queue.ticket_done(actor=me, ticket=Ticket.objects.get(number=1))
    call(desk_day, 0, at_=NINE + minutes(30))
    assert len(texts()) == 2  # once


def test_no_turn_near_text_when_the_setting_is_zero(desk_day, settings):
    settings.GUICHET_QUEUE_NOTICE_AHEAD = 0
    issue(desk_day, 4)
    issue(desk_day, start=NINE + minutes(10), phone=PHONE)
    call(desk_day, 0)
    call(desk_day, 1)
    assert len(texts()) == 1


def test_a_ticket_already_near_the_front_gets_one_text_only(desk_day, settings):
    settings.GUICHET_QUEUE_NOTICE_AHEAD = 3
    issue(desk_day, 1)
    issue(desk_day, start=NINE + minutes(10), phone=PHONE)
    call(desk_day, 0)
    assert len(texts()) == 1


# The estimated wait and the screen's state ------------------------------------------------------------------------


def test_the_estimated_wait_uses_a_default_before_anyone_was_served(desk_day):
    assert queue.estimated_wait_minutes(desk=desk_day.desk, day=MONDAY, ahead=0) == 0
    assert queue.estimated_wait_minutes(desk=desk_day.desk, day=MONDAY, ahead=3) == 3 * queue.DEFAULT_SERVICE_MINUTES


def test_the_estimated_wait_is_the_median_service_time_times_people_ahead_over_counsellors(desk_day):
    issue(desk_day, 6)
    for who, start, length in ((0, 30, 4), (1, 31, 6), (0, 40, 20)):
        me = actor(desk_day.counsellors[who])
        ticket = queue.ticket_serve(actor=me, ticket=call(desk_day, who, at_=NINE + minutes(start)))
        Ticket.objects.filter(pk=ticket.pk).update(served_at=NINE + minutes(start))
        queue.ticket_done(actor=me, ticket=ticket, now=NINE + minutes(start + length))
    # Median 6 minutes; two counsellors have called people today; three waiting.
    assert queue.estimated_wait_minutes(desk=desk_day.desk, day=MONDAY, ahead=3) == 9
    call(desk_day, 0, at_=NINE + minutes(70))  # one at a counter now: one counsellor serving
    assert queue.estimated_wait_minutes(desk=desk_day.desk, day=MONDAY, ahead=2) == 12


def test_the_screens_state_holds_numbers_and_counters_only(desk_day):
    issue(desk_day, 3, phone=PHONE)
    call(desk_day, counter="Bureau 2", at_=NINE + minutes(30))
    state = queue.queue_state(desk=desk_day.desk, now=NINE + minutes(31))
    assert [(t.number, t.counter, t.status) for t in state.serving] == [(1, "Bureau 2", "called")]
    assert state.waiting == 2 and state.estimated_wait_minutes == 2 * queue.DEFAULT_SERVICE_MINUTES


def test_closing_past_days_for_the_whole_network_clears_every_left_over_phone(desk_day):
    issue(desk_day, phone=PHONE)
    queue.ticket_issue(desk=desk_day.other_desk, reason=None, language="fr", phone=PHONE, now=NINE)
    closed = queue.tickets_close_past_days(now=NINE + datetime.timedelta(days=1))
    assert closed == 2
    assert not Ticket.objects.exclude(phone="").exists()
    assert set(Ticket.objects.values_list("status", flat=True)) == {TicketStatus.LEFT}


def test_the_nightly_task_closes_yesterdays_tickets_and_books_the_next_night(db):
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from appointments import tasks

    assert tasks.tickets_close_schedule() is True
    assert tasks.tickets_close_schedule() is False  # one waiting is enough
    waiting = DBTaskResult.objects.get(status=TaskResultStatus.READY, task_path=tasks.tickets_close_nightly.module_path)
    assert waiting.run_after > timezone.now()
