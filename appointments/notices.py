"""Messages to the person about an appointment, and the link in them that cancels or moves it without an account.

Confirmation, change, cancellation and reminders go through the outbox, in
the person's language, signed by the desk. Apart from ``services`` so that
the reminders' task (``appointments.tasks``), which sends them, does not
import back the services that enqueue it.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from appointments import selectors
from appointments.models import Appointment
from notifications.services import message_queue
from people.selectors import proven_contact

MANAGE_SALT = "appointments.manage"  # a manage link opens one appointment, for cancelling or moving it only


def manage_token(appointment: Appointment) -> str:
    """The token of the link that cancels or moves one appointment without an account."""
    return signing.dumps({"a": appointment.public_id}, salt=MANAGE_SALT, compress=True)


def appointment_from_token(token: str, *, now: datetime.datetime | None = None) -> Appointment | None:
    """The appointment a manage link opens: None for a malformed or forged token, or once the appointment
    has begun (the link expires with it)."""
    try:
        payload = signing.loads(token, salt=MANAGE_SALT)
    except signing.BadSignature:
        return None
    public_id = payload.get("a") if isinstance(payload, dict) else None
    if not isinstance(public_id, str):
        return None
    appointment = (
        Appointment.objects.select_related("desk", "reason", "beneficiary").filter(public_id=public_id).first()
    )
    if appointment is None or appointment.starts_at <= (now or timezone.now()):
        return None
    return appointment


def manage_url(appointment: Appointment, *, language: str) -> str:
    with translation.override(language):
        path = reverse("appointments:manage", kwargs={"token": manage_token(appointment)})
    return settings.GUICHET_PUBLIC_URL.rstrip("/") + path


def appointment_notify(*, appointment: Appointment, template: str) -> None:
    """Queue a text about the appointment to the person, in their language, signed by the desk."""
    recipient = proven_contact(appointment.beneficiary)
    if recipient is None:
        return
    channel, to = recipient
    language = appointment.beneficiary.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        when = selectors.local(appointment.starts_at)
        context = {
            "desk": appointment.desk.name,
            "address": appointment.desk.address,
            "reason": appointment.reason.name,
            "date": when.strftime("%d/%m/%Y"),
            "time": when.strftime("%H:%M"),
            "link": manage_url(appointment, language=language),
        }
        sender = appointment.desk.name
    message_queue(
        to=to,
        channel=channel,
        template=template,
        language=language,
        sender=sender,
        context=context,
        subject=gettext_lazy("Your appointment at the desk"),
        # Never after the meeting has begun, whatever an outage of the gateway left to retry.
        send_before=appointment.starts_at,
    )
