"""The counsellor's daily digest: the decisions of the last day on their desk's people's applications, by e-mail.

Only for counsellors who asked for it (``DigestSubscription``) and have an
e-mail address on their account. The e-mail names applications by reference,
programme and new state, never the person: a name and a training in a
mailbox is more than the counsellor needs to open their workspace.
A digest covers the moves since the last one sent (at most a week), so a
night the worker was down is caught up and nothing is told twice.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from accounts.selectors import can_use_workspace
from applications import selectors
from applications.models import DigestSubscription
from notifications.models import Channel
from notifications.services import message_queue

TEMPLATE = "applications/messages/digest.txt"
MOST = datetime.timedelta(days=7)


def digest_subscribe(*, user, on: bool) -> bool:
    """Ask for (or stop) the daily digest; True when it is on afterwards."""
    if on:
        DigestSubscription.objects.get_or_create(user=user)
    else:
        DigestSubscription.objects.filter(user=user).delete()
    return on


def digest_is_on(*, user) -> bool:
    return DigestSubscription.objects.filter(user=user).exists()


def digests_send(*, now: datetime.datetime | None = None) -> int:
    """Queue each subscribed counsellor's digest when there is something to tell; returns how many were queued."""
    now = now or timezone.now()
    queued = 0
    for subscription in DigestSubscription.objects.select_related("user").order_by("pk"):
        user = subscription.user
        with transaction.atomic():
            locked = DigestSubscription.objects.select_for_update().get(pk=subscription.pk)
            since = max(locked.last_sent_at or now - datetime.timedelta(days=1), now - MOST)
            if not user.is_active or not user.email or not can_use_workspace(user):
                continue
            events = selectors.decision_events_since(user=user, since=since)
            locked.last_sent_at = now
            locked.save(update_fields=["last_sent_at"])
            if not events:
                continue
            language = settings.LANGUAGE_CODE
            with translation.override(language):
                rows = [
                    {
                        "reference": event.application.public_id,
                        "programme": event.application.programme.title,
                        "state": event.get_to_state_display(),
                    }
                    for event in events
                ]
            message_queue(
                to=user.email,
                channel=Channel.EMAIL,
                template=TEMPLATE,
                language=language,
                sender=settings.GUICHET_SMS_SENDER,
                context={"rows": rows, "count": len(rows), "link": settings.GUICHET_PUBLIC_URL.rstrip("/")},
                subject=gettext_lazy("Decisions on your desk's applications"),
            )
            queued += 1
    return queued
