"""One-time codes for beneficiaries, sent by SMS or e-mail, each for one purpose and one flow.

Codes expire, serve once, allow a few wrong answers, are rate-limited per
destination and per address, are compared in constant time, and are never
stored, logged or returned: only sent, through the outbox, whose row loses
the text as soon as the channel took it (notifications/services.py). Each limit below is the one place
where its value lives.

A code proves something only where it was asked for: its purpose (signing
in, opening one's file, linking a file at a desk, confirming a booking) and
its flow (the caller's key: a random nonce kept in the session that asked,
plus, for a link, the file and the desk). A code typed for another purpose
or flow is a wrong answer like any other, with the same message. Each
purpose has its own text, telling the person whom they may give the code to:
nobody, for a code they type themselves; only the counsellor in front of
them, at the desk it names, for a linking code they read aloud.
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
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accounts.models import CodePurpose, OneTimeCode
from catalog.models import Desk
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
# One text per purpose: accounts/templates/accounts/messages/code_<purpose>.txt, short enough for one SMS.
CODE_TEMPLATE = "accounts/messages/code_{purpose}.txt"
FLOW_NONCE_BYTES = 16  # a session's flow key: as unguessable as a session id


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


def flow_new() -> str:
    """A random key for one flow (a sign-in, a sign-up, a link), kept in the session that asks for the code."""
    return secrets.token_urlsafe(FLOW_NONCE_BYTES)


def code_request(
    *,
    destination: str,
    ip_address: str | None,
    purpose: CodePurpose,
    flow: str,
    language: str | None = None,
    desk: Desk | None = None,
) -> None:
    """Send a new code for ``purpose`` and ``flow`` to ``destination`` at once, in ``language`` (the
    person's), signed by ``desk`` (else the platform). A linking code names its desk, which is required.
    Raises InvalidDestination, TooManyCodes, or CodeNotSent when the channel did not take it: that code
    is then void and does not count against the limits.
    Call it outside a transaction: the code is sent as soon as it is saved, while the person waits.
    """
    if not flow:
        raise ValueError("A code is asked for by a flow: give its key.")
    if purpose == CodePurpose.LINK_FILE and desk is None:
        raise ValueError("A linking code names the desk it is given at.")
    kind, address = destination_normalise(destination)
    destination_digest = _digest("destination", address)
    language = language or get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        sender = desk.name if desk else settings.GUICHET_SMS_SENDER
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
        # A new code replaces the ones before it, whatever their purpose: one code to guess per destination.
        OneTimeCode.objects.filter(destination_digest=destination_digest, used_at__isnull=True).update(used_at=now)
        one_time_code = OneTimeCode.objects.create(
            destination_digest=destination_digest,
            code_digest=_digest("code", f"{destination_digest}:{code}"),
            purpose=purpose,
            flow_digest=_digest("flow", flow),
            ip_address=ip_address,
            created_at=now,
            expires_at=now + CODE_LIFETIME,
        )
        message = message_queue(
            to=address,
            channel=kind,
            template=CODE_TEMPLATE.format(purpose=CodePurpose(purpose).value),
            language=language,
            sender=sender,
            context={"code": code, "minutes": CODE_LIFETIME.seconds // 60, "desk": sender},
            subject=gettext_lazy("Your Guichet code"),
            max_tries=1,  # a code retried later would reach a person already told it failed
            at_once=True,
        )
    sent = message_send(message_id=message.pk)
    if sent is not None and sent.status == MessageStatus.FAILED:
        one_time_code.delete()
        raise CodeNotSent


@transaction.atomic
def code_verify(*, destination: str, code: str, purpose: CodePurpose, flow: str) -> bool:
    """True once for the right, fresh code, typed for the purpose and in the flow it was sent for; every
    wrong answer counts against the code, a right code in the wrong purpose or flow included."""
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
    # Each part is compared in constant time, and all three always are: no answer says which part was wrong.
    right_code = hmac.compare_digest(_digest("code", f"{destination_digest}:{code.strip()}"), current.code_digest)
    right_purpose = hmac.compare_digest(str(purpose), current.purpose)
    right_flow = hmac.compare_digest(_digest("flow", flow or ""), current.flow_digest)
    if not (right_code & right_purpose & right_flow):
        current.attempts += 1
        current.save(update_fields=["attempts"])
        return False
    current.used_at = timezone.now()
    current.save(update_fields=["used_at"])
    return True
