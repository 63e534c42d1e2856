"""The outbox: every text is a row written with its cause, sent once by the worker, retried, then erased.

Driven against the fake SMS gateway on 127.0.0.1 (gateway.py) told to
accept, answer 500, time out or hang up; never a mock.
"""

from __future__ import annotations

import datetime
import logging

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from notifications import services, tasks
from notifications.models import Message, MessageStatus

PHONE = "+212612345678"
TEMPLATE = "notifications_test/reminder.txt"


@pytest.fixture
def templates(settings, tmp_path):
    """A text template of the caller's own, as a domain app would ship it."""
    folder = tmp_path / "notifications_test"
    folder.mkdir()
    (folder / "reminder.txt").write_text(
        '{% load i18n %}{% translate "Sent" %} — {{ sender }}: {{ what }} at 10:00 & bring "your card".\n'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]


def _queue(**changes) -> Message:
    fields = {
        "to": PHONE,
        "channel": "sms",
        "template": TEMPLATE,
        "language": "fr",
        "sender": "Guichet d'Oujda",
        "context": {"what": "Rendez-vous"},
        **changes,
    }
    return services.message_queue(**fields)


def _make_due(message: Message) -> None:
    Message.objects.filter(pk=message.pk).update(next_try_at=timezone.now())


def _run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_a_message_is_rendered_in_the_persons_language_with_the_desks_name_unescaped(db, templates):
    assert _queue(language="fr").body == 'Envoyé — Guichet d\'Oujda: Rendez-vous at 10:00 & bring "your card".'
    assert _queue(language="ar").body.startswith("أُرسلت — Guichet d'Oujda")


def test_a_message_exists_only_if_what_caused_it_was_saved(db, templates):
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue()
        raise RuntimeError("the booking failed")
    assert not Message.objects.exists()


def test_a_new_message_is_handed_to_the_worker_when_its_transaction_commits(
    db, templates, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = _queue()
    assert not DBTaskResult.objects.exists()
    for callback in callbacks:
        callback()
    [waiting] = DBTaskResult.objects.all()
    assert waiting.task_path == services.message_send_task.module_path
    assert waiting.args_kwargs["kwargs"] == {"message_id": message.pk}


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_a_message_once_then_erases_its_text_and_recipient(templates, sms_over_http):
    message = _queue()  # committed: no transaction around it
    _run_worker()
    [request] = sms_over_http.received
    assert request["json"]["to"] == PHONE and "Rendez-vous" in request["json"]["text"]
    message.refresh_from_db()
    assert (message.status, message.tries, message.body, message.recipient) == (MessageStatus.SENT, 1, "", "")
    assert message.sent_at is not None and message.template == TEMPLATE and message.language == "fr"
    assert services.message_send(message_id=message.pk) is None
    _run_worker()
    assert len(sms_over_http.received) == 1


def test_a_gateway_failure_is_recorded_and_retried_later_with_a_growing_wait(
    db, templates, sms_over_http, django_capture_on_commit_callbacks
):
    message = _queue()
    failures = [
        (lambda: sms_over_http.answer(500), "HTTP 500"),
        (sms_over_http.time_out, "TimeoutError"),
        (sms_over_http.hang_up, "RemoteDisconnected"),
    ]
    for tries, (fail, error) in enumerate(failures, start=1):
        fail()
        before = timezone.now()
        with django_capture_on_commit_callbacks(execute=True):
            tried = services.message_send(message_id=message.pk)
        assert (tried.status, tried.tries, tried.last_error) == (MessageStatus.QUEUED, tries, error)
        assert tried.body and tried.recipient == PHONE  # kept while it may still go out
        wait = services.RETRY_FIRST_WAIT * 2 ** (tries - 1)
        assert before + wait <= tried.next_try_at <= timezone.now() + wait
        assert services.message_send(message_id=message.pk) is None  # not due before its time
        retry = DBTaskResult.objects.filter(status=TaskResultStatus.READY).latest("enqueued_at")
        assert retry.run_after == tried.next_try_at
        _make_due(message)
    sms_over_http.recover()
    sent = services.message_send(message_id=message.pk)
    assert (sent.status, sent.tries, sent.body) == (MessageStatus.SENT, 4, "")
    assert len(sms_over_http.received) == 4


def test_the_wait_between_tries_doubles_up_to_an_hour():
    waits = [services.retry_wait(tries=n) for n in range(1, 10)]
    assert waits[:3] == [datetime.timedelta(minutes=m) for m in (1, 2, 4)]
    assert max(waits) == services.RETRY_LONGEST_WAIT == datetime.timedelta(hours=1)


def test_after_its_last_try_a_message_fails_and_keeps_only_what_reporting_needs(db, templates, sms_over_http):
    sms_over_http.answer(500)
    message = _queue(max_tries=2)
    services.message_send(message_id=message.pk)
    _make_due(message)
    failed = services.message_send(message_id=message.pk)
    assert (failed.status, failed.tries, failed.last_error) == (MessageStatus.FAILED, 2, "HTTP 500")
    assert (failed.body, failed.recipient, failed.next_try_at) == ("", "", None)
    assert Message.objects.filter(status=MessageStatus.FAILED, template=TEMPLATE).count() == 1


def test_a_message_whose_worker_died_while_sending_is_failed_never_sent_again(db, templates, sms_over_http):
    message = _queue()
    long_ago = timezone.now() - services.CLAIM_LEASE - datetime.timedelta(seconds=1)
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.SENDING, claimed_at=long_ago, tries=1)
    assert services.messages_release_lost() == 1
    assert services.messages_send_due() == 0
    message.refresh_from_db()
    assert (message.status, message.last_error, message.body) == (MessageStatus.FAILED, "WorkerLost", "")
    assert sms_over_http.received == []


def test_a_message_being_sent_now_is_left_to_its_worker(db, templates, sms_over_http):
    message = _queue()
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.SENDING, claimed_at=timezone.now(), tries=1)
    assert services.messages_release_lost() == 0
    assert services.message_send(message_id=message.pk) is None
    assert sms_over_http.received == []


def test_the_sweep_sends_what_is_due_and_books_its_next_run(db, templates, sms_over_http):
    first, second = _queue(), _queue(context={"what": "Atelier"})
    assert tasks.messages_sweep.call() == 2
    assert {r["json"]["text"].split(": ")[1][:6] for r in sms_over_http.received} == {"Rendez", "Atelie"}
    assert set(Message.objects.values_list("status", flat=True)) == {MessageStatus.SENT}
    [waiting] = DBTaskResult.objects.filter(task_path=tasks.messages_sweep.module_path, status=TaskResultStatus.READY)
    assert waiting.run_after > timezone.now() + tasks.SWEEP_INTERVAL - datetime.timedelta(minutes=1)
    assert not tasks.messages_sweep_schedule()
    assert first.pk != second.pk


def test_schedule_nightly_seeds_the_sweep(db):
    call_command("schedule_nightly", verbosity=0)
    assert DBTaskResult.objects.filter(task_path=tasks.messages_sweep.module_path).count() == 1


def test_without_an_sms_channel_a_message_fails_plainly(db, templates, settings):
    settings.GUICHET_SMS_CHANNEL = "none"
    tried = services.message_send(message_id=_queue(max_tries=1).pk)
    assert (tried.status, tried.last_error) == (MessageStatus.FAILED, "no channel")


def test_the_log_holds_neither_the_text_nor_the_number(db, templates, sms_over_http, caplog):
    caplog.set_level(logging.DEBUG)
    sms_over_http.answer(500)
    services.message_send(message_id=_queue().pk)
    assert "HTTP 500" in caplog.text
    assert "612345678" not in caplog.text and "Rendez-vous" not in caplog.text


@pytest.mark.parametrize("status", [MessageStatus.SENT, MessageStatus.FAILED])
def test_the_database_refuses_a_finished_message_that_keeps_its_text(db, status):
    with pytest.raises(IntegrityError):
        Message.objects.create(
            channel="sms",
            recipient=PHONE,
            template=TEMPLATE,
            language="fr",
            sender="Guichet",
            body="Votre code : 123456",
            status=status,
            sent_at=timezone.now(),
        )


def test_the_database_refuses_an_unknown_status(db):
    with pytest.raises(IntegrityError):
        Message.objects.create(
            channel="sms", template=TEMPLATE, language="fr", sender="Guichet", status="lost", next_try_at=None
        )


def test_the_back_office_lists_messages_without_their_text_or_recipient(admin_client, templates):
    message = _queue()
    listing = admin_client.get(reverse("admin:notifications_message_changelist"))
    detail = admin_client.get(reverse("admin:notifications_message_change", args=[message.pk]))
    assert listing.status_code == detail.status_code == 200
    assert TEMPLATE in listing.content.decode()
    for page in (listing, detail):
        assert "bring &quot;your card&quot;" not in page.content.decode() and "bring" not in page.content.decode()
        assert "612345678" not in page.content.decode()
    assert admin_client.post(reverse("admin:notifications_message_delete", args=[message.pk])).status_code == 403


def test_a_message_retried_past_its_send_before_is_dropped_never_sent_late(
    db, templates, sms_over_http, django_capture_on_commit_callbacks
):
    """A reminder held back by a gateway outage must not reach the person after their meeting has begun."""
    message = _queue(send_before=timezone.now() + datetime.timedelta(minutes=30))
    sms_over_http.answer(500)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.message_send(message_id=message.pk).status == MessageStatus.QUEUED
    sms_over_http.recover()
    Message.objects.filter(pk=message.pk).update(send_before=timezone.now() - datetime.timedelta(seconds=1))
    _make_due(message)
    dropped = services.message_send(message_id=message.pk)
    assert (dropped.status, dropped.last_error, dropped.body, dropped.recipient) == (
        MessageStatus.FAILED,
        services.TOO_LATE,
        "",
        "",
    )
    assert len(sms_over_http.received) == 1  # only the failed try reached the gateway
