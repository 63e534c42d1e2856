"""One-time sign-in codes for beneficiaries, sent by SMS or e-mail.

Codes expire, serve once, allow a few wrong answers, are rate-limited per
destination and per address, are compared in constant time, and are never
stored, logged or returned: only sent, through the outbox, whose row loses
the text as soon as the channel took it (notifications/services.py). Each limit below is the one place
where its value lives.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accounts.models import OneTimeCode
from core.database import transaction_lock
from notifications import channels
from notifications.models import MessageStatus
from notifications.services import message_queue, message_send

CODE_DIGITS = 6  # typed on a phone keypad; 1 in a million per guess, with MAX_WRONG_ANSWERS guesses a code
CODE_LIFETIME = datetime.timedelta(minutes=10)  # an SMS can take minutes on a busy network
MAX_WRONG_ANSWERS = 5
RATE_WINDOW = datetime.timedelta(hours=1)
MAX_CODES_PER_DESTINATION = 3  # per RATE_WINDOW: enough for "I did not get it", too few to flood a phone
MAX_CODES_PER_IP = 10  # per RATE_WINDOW: a shared phone or a desk's network may serve several people
# What a person is told when the gateway is down: most outages of an SMS gateway last minutes.
OUTAGE_RETRY_MINUTES = 5
CODE_TEMPLATE = "accounts/messages/code.txt"


class InvalidDestination(ValueError):
    pass


class TooManyCodes(Exception):
    pass


class CodeNotSent(Exception):
    """The channel did not take the code (gateway down or slow): the code is void and was not counted."""


def destination_normalise(raw: str) -> tuple[channels.Kind, str]:
    """A phone number in E.164 (Moroccan without country code), or an e-mail address in lower case."""
    raw = raw.strip()
    if "@" in raw:
        try:
            validate_email(raw)
        except ValidationError as exc:
            raise InvalidDestination(_("Enter a valid e-mail address.")) from exc
        return "email", raw.lower()
    try:
        number = phonenumbers.parse(raw, settings.PHONENUMBER_DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise InvalidDestination(_("Enter a valid phone number or e-mail address.")) from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidDestination(_("Enter a valid phone number or e-mail address."))
    return "sms", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _digest(purpose: str, value: str) -> str:
    key = f"guichet.people.codes.{purpose}:{settings.SECRET_KEY}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def code_request(
    *, destination: str, ip_address: str | None, language: str | None = None, sender: str | None = None
) -> None:
    """Send a new code to ``destination`` at once, in ``language`` (the page's), signed by ``sender``
    (the desk's name, else the platform's). Raises InvalidDestination, TooManyCodes, or CodeNotSent
    when the channel did not take it: that code is then void and does not count against the limits.
    Call it outside a transaction: the code is sent as soon as it is saved, while the person waits.
    """
    kind, address = destination_normalise(destination)
    destination_digest = _digest("destination", address)
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    with transaction.atomic():
        # Requests at the same moment take turns, each counting the codes saved before it: else ten
        # requests at once all find fewer than the limit and ten codes go out.
        transaction_lock("accounts.codes.code_request")
        now = timezone.now()
        recent = OneTimeCode.objects.filter(created_at__gte=now - RATE_WINDOW)
        if recent.filter(destination_digest=destination_digest).count() >= MAX_CODES_PER_DESTINATION:
            raise TooManyCodes
        if ip_address and recent.filter(ip_address=ip_address).count() >= MAX_CODES_PER_IP:
            raise TooManyCodes
        # A new code replaces the ones before it.
        OneTimeCode.objects.filter(destination_digest=destination_digest, used_at__isnull=True).update(used_at=now)
        one_time_code = OneTimeCode.objects.create(
            destination_digest=destination_digest,
            code_digest=_digest("code", f"{destination_digest}:{code}"),
            ip_address=ip_address,
            created_at=now,
            expires_at=now + CODE_LIFETIME,
        )
        message = message_queue(
            to=address,
            channel=kind,
            template=CODE_TEMPLATE,
            language=language or get_language() or settings.LANGUAGE_CODE,
            sender=sender or settings.GUICHET_SMS_SENDER,
            context={"code": code, "minutes": CODE_LIFETIME.seconds // 60},
            subject=gettext_lazy("Your Guichet code"),
            max_tries=1,  # a code retried later would reach a person already told it failed
            at_once=True,
        )
    sent = message_send(message_id=message.pk)
    if sent is not None and sent.status == MessageStatus.FAILED:
        one_time_code.delete()
        raise CodeNotSent


@transaction.atomic
def code_verify(*, destination: str, code: str) -> bool:
    """True once for the right, fresh code; every wrong answer counts against the code."""
    try:
        _kind, address = destination_normalise(destination)
    except InvalidDestination:
        return False
    destination_digest = _digest("destination", address)
    current = (
        OneTimeCode.objects.select_for_update()
        .filter(destination_digest=destination_digest, used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if current is None or current.attempts >= MAX_WRONG_ANSWERS:
        return False
    answer = _digest("code", f"{destination_digest}:{code.strip()}")
    if not hmac.compare_digest(answer, current.code_digest):
        current.attempts += 1
        current.save(update_fields=["attempts"])
        return False
    current.used_at = timezone.now()
    current.save(update_fields=["used_at"])
    return True
