"""The outbox: one row for every text sent to a person, whatever caused it and whatever carries it.

A message is written in the same transaction as what caused it, then sent
by the task worker (or at once, for a one-time code someone is waiting
for). The text and the recipient are kept only while the message may still
go out: a sent or failed message keeps its channel, template, language,
status, tries and last error class for reporting, never what it said nor to
whom (a text may hold a code). The database holds these rules as
constraints. This app is a ground layer: it knows no desk, file or account;
callers give the language and the sender name.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    # Claimed by one worker, which is handing it to the channel now. A worker that
    # dies here leaves it claimed: the sweep marks it failed rather than risk sending it twice.
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


FINAL = [MessageStatus.SENT, MessageStatus.FAILED]


class Message(models.Model):
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254, blank=True)
    template = models.CharField(_("template"), max_length=200)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    sender = models.CharField(_("sender"), max_length=200)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED)
    tries = models.PositiveSmallIntegerField(_("tries"), default=0)
    max_tries = models.PositiveSmallIntegerField(_("most tries"), default=1)
    last_error = models.CharField(_("last error"), max_length=100, blank=True)
    next_try_at = models.DateTimeField(_("next try"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # A text that means nothing after this moment (a reminder, once the meeting has begun): not sent
    # after it, whatever retries an outage left pending; it fails as "TooLate" instead.
    send_before = models.DateTimeField(_("send before"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=MessageStatus.values), name="message_status_valid"),
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="message_channel_valid"),
            models.CheckConstraint(
                condition=~Q(status=MessageStatus.QUEUED) | Q(next_try_at__isnull=False),
                name="message_queued_has_next_try",
            ),
            models.CheckConstraint(
                condition=~Q(status=MessageStatus.SENDING) | Q(claimed_at__isnull=False),
                name="message_sending_is_claimed",
            ),
            models.CheckConstraint(
                condition=~Q(status=MessageStatus.SENT) | Q(sent_at__isnull=False), name="message_sent_has_date"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=FINAL) | (Q(body="") & Q(recipient="")),
                name="message_final_keeps_no_text",
            ),
            models.CheckConstraint(
                condition=Q(max_tries__gte=1) & Q(tries__lte=F("max_tries")), name="message_tries_within_max"
            ),
        ]
        # The worker's question: which queued messages are due?
        indexes = [models.Index(fields=["status", "next_try_at"], name="message_due_idx")]

    def __str__(self) -> str:
        return f"{self.pk} {self.channel} {self.template} {self.status}"
