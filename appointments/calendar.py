"""Appointments as iCalendar (RFC 5545), with the icalendar library: one meeting for the person, a feed
for the counsellor.

Each appointment keeps one ``UID`` for life and raises ``SEQUENCE`` at every
change (appointments.sequence), so a calendar that imported it replaces its
copy; a cancelled one is sent with ``METHOD:CANCEL`` and ``STATUS:CANCELLED``.
A counsellor's feed names each person by first name only, with the reason:
a calendar on a phone is no place for a file.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from icalendar import Calendar, Event

from appointments.models import LIVE_STATUSES, Appointment, CalendarFeed

PRODUCT_ID = "-//Guichet//Appointments//FR"
FEED_PAST = datetime.timedelta(days=30)  # a feed keeps a month of history, and everything to come
FEED_TOKEN_BYTES = 24


def uid(appointment: Appointment) -> str:
    return f"{appointment.public_id}@guichet"


def _calendar(*, method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def _event(appointment: Appointment, *, summary: str, description: str, now: datetime.datetime) -> Event:
    event = Event()
    event.add("uid", uid(appointment))
    event.add("sequence", appointment.sequence)
    event.add("dtstamp", now)
    event.add("dtstart", appointment.starts_at.astimezone(datetime.UTC))
    event.add("dtend", appointment.ends_at.astimezone(datetime.UTC))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    event.add("location", f"{appointment.desk.name}, {appointment.desk.address}")
    event.add("status", "CONFIRMED" if appointment.status in LIVE_STATUSES else "CANCELLED")
    return event


def appointment_ics(appointment: Appointment, *, language: str, now: datetime.datetime | None = None) -> bytes:
    """The person's copy of one appointment: REQUEST while it stands, CANCEL once it is cancelled."""
    from django.utils.translation import gettext as _

    now = now or timezone.now()
    cancelled = appointment.status not in LIVE_STATUSES
    with translation.override(language):
        calendar = _calendar(method="CANCEL" if cancelled else "REQUEST")
        summary = _("Appointment at %(desk)s: %(reason)s") % {
            "desk": appointment.desk.name,
            "reason": appointment.reason.name,
        }
        calendar.add_component(_event(appointment, summary=summary, description="", now=now))
    return calendar.to_ical()


def feed_ics(appointments: Iterable[Appointment], *, language: str, now: datetime.datetime | None = None) -> bytes:
    """A counsellor's calendar: each appointment as first name and reason, nothing more about the person."""
    from django.utils.translation import gettext as _

    now = now or timezone.now()
    with translation.override(language):
        calendar = _calendar(method="PUBLISH")
        calendar.add("x-wr-calname", _("My appointments at the desk"))
        for appointment in appointments:
            first_name = appointment.beneficiary.first_name if appointment.beneficiary else _("Walk-in")
            summary = f"{first_name} · {appointment.reason.name}"
            calendar.add_component(_event(appointment, summary=summary, description="", now=now))
    return calendar.to_ical()


def _token_digest(token: str) -> str:
    key = f"appointments.calendar-feed:{settings.SECRET_KEY}".encode()
    return hmac.new(key, token.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def feed_token_renew(*, counsellor) -> str:
    """A new private address for the counsellor's calendar; the previous one stops working at once.
    The token is shown once: only its digest is kept."""
    token = secrets.token_urlsafe(FEED_TOKEN_BYTES)
    CalendarFeed.objects.update_or_create(counsellor=counsellor, defaults={"token_digest": _token_digest(token)})
    return token


def feed_revoke(*, counsellor) -> None:
    CalendarFeed.objects.filter(counsellor=counsellor).delete()


def feed_owner(token: str):
    """The counsellor whose feed ``token`` opens, or None (unknown, revoked, malformed, or no longer active)."""
    if not token or len(token) > 100:
        return None
    feed = CalendarFeed.objects.select_related("counsellor").filter(token_digest=_token_digest(token)).first()
    if feed is None or not feed.counsellor.is_active:
        return None
    return feed.counsellor


def feed_appointments(*, counsellor, now: datetime.datetime | None = None):
    now = now or timezone.now()
    return (
        Appointment.objects.filter(counsellor=counsellor, starts_at__gte=now - FEED_PAST)
        .select_related("desk", "reason", "beneficiary")
        .order_by("starts_at")
    )
