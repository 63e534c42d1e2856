"""Queue a text for a person, and send queued texts: claimed once, retried with backoff, erased when done.

``message_queue`` writes the row in the caller's transaction, so a message
exists exactly when what caused it was saved. ``message_send`` and
``messages_send_due`` claim rows before handing them to a channel: on
PostgreSQL with ``SELECT … FOR UPDATE SKIP LOCKED`` (workers never wait on
each other), everywhere with a conditional update from queued to sending
that only one worker can win (SQLite serialises writes). The network call
happens after the claim is committed, outside any transaction. A claimed
message whose worker died is never sent again (the gateway may have taken
it): the sweep marks it failed.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import F
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.functional import Promise
from django_tasks import task

from notifications import channels
from notifications.models import Channel, Message, MessageStatus

logger = logging.getLogger(__name__)

# Tries of a message sent by the worker: 1, 2, 4, 8 and 16 minutes apart, about half an hour
# in all, enough for a gateway restart, short enough that a reminder is not a day late.
MAX_TRIES = 6
RETRY_FIRST_WAIT = datetime.timedelta(minutes=1)
RETRY_LONGEST_WAIT = datetime.timedelta(hours=1)
# Longer than any channel's timeout (SMS 10 s, SMTP 10 s): a message claimed for longer
# lost its worker. Whether the gateway took it is unknown, so it is never sent again.
CLAIM_LEASE = datetime.timedelta(minutes=5)
WORKER_LOST = "WorkerLost"
TOO_LATE = "TooLate"  # the message's send_before passed before it could go: dropped, never sent late


def retry_wait(*, tries: int) -> datetime.timedelta:
    """Exponential backoff: the wait after the ``tries``-th failed try."""
    return min(RETRY_FIRST_WAIT * 2 ** (tries - 1), RETRY_LONGEST_WAIT)


def message_render(*, template: str, language: str, context: Mapping[str, Any]) -> str:
    """A text template rendered in ``language``. Plain text, not HTML: nothing is escaped."""
    with translation.override(language):
        return get_template(template).template.render(Context(dict(context), autoescape=False)).strip()


def message_queue(
    *,
    to: str,
    channel: Channel | str,
    template: str,
    language: str,
    sender: str,
    context: Mapping[str, Any] | None = None,
    subject: str | Promise = "",
    max_tries: int = MAX_TRIES,
    at_once: bool = False,
    send_before: datetime.datetime | None = None,
) -> Message:
    """Write a message in the caller's transaction, rendered in ``language`` and signed by ``sender``.

    The worker sends it once the transaction commits. ``at_once``: the caller
    sends it itself just after commit (``message_send``) because a person is
    waiting for it; the sweep still catches it if that never happens.
    ``send_before``: the moment after which the text means nothing (a reminder,
    once the meeting has begun); a try after it drops the message instead.
    """
    body = message_render(template=template, language=language, context={**(context or {}), "sender": sender})
    with translation.override(language):
        subject = str(subject)
    message = Message(
        channel=channel,
        recipient=to,
        template=template,
        language=language,
        sender=sender,
        subject=subject,
        body=body,
        max_tries=max_tries,
        next_try_at=timezone.now(),
        send_before=send_before,
    )
    message.full_clean()
    message.save()
    if not at_once:
        transaction.on_commit(lambda: _enqueue_send(message_id=message.pk, at=None))
    return message


def _enqueue_send(*, message_id: int, at: datetime.datetime | None) -> None:
    (message_send_task.using(run_after=at) if at else message_send_task).enqueue(message_id=message_id)


def _claim(*, message_id: int, now: datetime.datetime) -> bool:
    """Move one due message from queued to sending; True for the one worker that wins it."""
    return bool(
        Message.objects.filter(pk=message_id, status=MessageStatus.QUEUED).update(
            status=MessageStatus.SENDING, claimed_at=now, tries=F("tries") + 1
        )
    )


def _error_name(exc: Exception) -> str:
    """The class of what went wrong, never its text (it may hold a number or an address)."""
    if isinstance(exc, channels.DeliveryFailed):
        if exc.__cause__ is not None:
            return type(exc.__cause__).__name__
        if exc.args and str(exc.args[0]).startswith(("HTTP ", "no channel")):
            return str(exc.args[0])[:100]
    return type(exc).__name__


def _deliver(message: Message) -> Message:
    """Hand a claimed message to its channel and record the outcome; one past its send_before is dropped."""
    if message.send_before is not None and timezone.now() >= message.send_before:
        logger.warning("Message %s dropped: too late to send (try %s)", message.pk, message.tries)
        message.status = MessageStatus.FAILED
        message.last_error = TOO_LATE
        message.next_try_at = None
        message.body = message.recipient = ""
        message.claimed_at = None
        message.save(update_fields=["status", "last_error", "next_try_at", "body", "recipient", "claimed_at"])
        return message
    try:
        channels.send(kind=message.channel, to=message.recipient, body=message.body, subject=message.subject)
    except Exception as exc:  # any failure is recorded on the row; a person waiting reads a page, never a 500
        error = _error_name(exc)
        logger.warning("Message %s not sent (try %s of %s): %s", message.pk, message.tries, message.max_tries, error)
        message.last_error = error
        if message.tries >= message.max_tries:
            message.status = MessageStatus.FAILED
            message.next_try_at = None
            message.body = message.recipient = ""
        else:
            message.status = MessageStatus.QUEUED
            message.next_try_at = timezone.now() + retry_wait(tries=message.tries)
            next_try_at = message.next_try_at
            transaction.on_commit(lambda: _enqueue_send(message_id=message.pk, at=next_try_at))
    else:
        message.status = MessageStatus.SENT
        message.sent_at = timezone.now()
        message.next_try_at = None
        message.body = message.recipient = ""
    message.claimed_at = None
    message.save(update_fields=["status", "last_error", "next_try_at", "sent_at", "body", "recipient", "claimed_at"])
    return message


def message_send(*, message_id: int) -> Message | None:
    """Send this message now if it is queued and due. The message after the try, or None when it
    was not this caller's to send (not due, already sent, or claimed by another worker)."""
    now = timezone.now()
    with transaction.atomic():
        due = list(
            Message.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=MessageStatus.QUEUED, next_try_at__lte=now)
            .values_list("pk", flat=True)
        )
        if not due or not _claim(message_id=message_id, now=now):
            return None
    return _deliver(Message.objects.get(pk=message_id))


def messages_send_due(*, limit: int = 100) -> int:
    """Send up to ``limit`` due messages; how many this worker claimed. Several workers may run it at once."""
    now = timezone.now()
    with transaction.atomic():
        due = list(
            Message.objects.select_for_update(skip_locked=True)
            .filter(status=MessageStatus.QUEUED, next_try_at__lte=now)
            .order_by("next_try_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        claimed = [pk for pk in due if _claim(message_id=pk, now=now)]
    for pk in claimed:
        _deliver(Message.objects.get(pk=pk))
    return len(claimed)


def messages_release_lost(*, now: datetime.datetime | None = None) -> int:
    """Mark failed the messages whose worker died while sending them; how many.

    Failed, not queued again: the gateway may have taken the message before
    the worker died, and a person must never receive a text twice.
    """
    now = now or timezone.now()
    return Message.objects.filter(status=MessageStatus.SENDING, claimed_at__lt=now - CLAIM_LEASE).update(
        status=MessageStatus.FAILED, last_error=WORKER_LOST, body="", recipient="", next_try_at=None, claimed_at=None
    )


# The task lives beside what it runs, so that queueing a message never imports
# the task module (notifications/tasks.py, the sweep) and the two never loop.
@task()
def message_send_task(message_id: int) -> str:
    """Send one message if it is still queued and due; say its status (or that it was not ours)."""
    message = message_send(message_id=message_id)
    return message.status if message else "skipped"
