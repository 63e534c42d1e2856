"""One way to send a text to a person, whatever carries it: a file (development, tests), SMTP e-mail, or SMS.

The SMS channel posts JSON to an HTTP gateway configured by environment
(``GUICHET_SMS_GATEWAY_URL``, ``GUICHET_SMS_GATEWAY_TOKEN``,
``GUICHET_SMS_SENDER``, ``GUICHET_SMS_TIMEOUT_SECONDS``): ``{"to": "+2126…", "from": "Guichet", "text": "…"}``
with ``Authorization: Bearer <token>``; any 2xx answer means accepted.
Message bodies and recipients are never logged: they carry codes and phone
numbers. Callers go through the outbox (``notifications/services.py``), which
keeps the row, retries and the status; this module only hands a text over.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

logger = logging.getLogger(__name__)
Kind = Literal["sms", "email"]


class DeliveryFailed(Exception):
    """The channel could not hand the message over; the caller decides what the person is told."""


@dataclass(frozen=True)
class Message:
    to: str
    body: str
    subject: str = ""


class Channel(Protocol):
    def send(self, message: Message) -> None: ...


@dataclass(frozen=True)
class FileChannel:
    """Development and tests: each message is a JSON line in ``<outbox>/<kind>.jsonl``."""

    directory: Path
    kind: Kind

    def send(self, message: Message) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        line = {"at": timezone.now().isoformat(), "to": message.to, "subject": message.subject, "body": message.body}
        with (self.directory / f"{self.kind}.jsonl").open("a", encoding="utf-8") as outbox:
            outbox.write(json.dumps(line, ensure_ascii=False) + "\n")


class SmtpEmailChannel:
    """E-mail through Django's mail backend (SMTP from the EMAIL_* settings)."""

    def send(self, message: Message) -> None:
        try:
            send_mail(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.to])
        except OSError as exc:
            logger.warning("E-mail delivery failed: %s", type(exc).__name__)
            raise DeliveryFailed from exc


@dataclass(frozen=True)
class HttpSmsChannel:
    url: str
    token: str
    sender: str
    timeout_seconds: float = 10.0

    def send(self, message: Message) -> None:
        payload = json.dumps({"to": message.to, "from": self.sender, "text": message.body}).encode()
        request = urllib.request.Request(
            self.url,
            data=payload,
            method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_seconds) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
            exc.close()
        except (urllib.error.URLError, OSError) as exc:
            logger.warning("SMS gateway unreachable: %s", type(exc).__name__)
            raise DeliveryFailed from exc
        if not 200 <= status < 300:
            logger.warning("SMS gateway refused a message: HTTP %s", status)
            raise DeliveryFailed(f"HTTP {status}")


class NoChannel:
    """``none``: this kind of message is not sent at all (a deployment without an SMS gateway)."""

    def send(self, message: Message) -> None:
        raise DeliveryFailed("no channel")


def channel_for(kind: Kind) -> Channel:
    """The channel configured for this kind of message (GUICHET_SMS_CHANNEL, GUICHET_EMAIL_CHANNEL)."""
    name = settings.GUICHET_SMS_CHANNEL if kind == "sms" else settings.GUICHET_EMAIL_CHANNEL
    if name == "none":
        return NoChannel()
    if name == "file":
        return FileChannel(directory=Path(settings.GUICHET_OUTBOX_DIR), kind=kind)
    if kind == "email" and name == "smtp":
        return SmtpEmailChannel()
    if kind == "sms" and name == "http":
        return HttpSmsChannel(
            url=settings.GUICHET_SMS_GATEWAY_URL,
            token=settings.GUICHET_SMS_GATEWAY_TOKEN,
            sender=settings.GUICHET_SMS_SENDER,
            timeout_seconds=settings.GUICHET_SMS_TIMEOUT_SECONDS,
        )
    raise ValueError(f"Unknown {kind} channel: {name!r}")


def send(*, kind: Kind, to: str, body: str, subject: str = "") -> None:
    channel_for(kind).send(Message(to=to, body=body, subject=subject))
