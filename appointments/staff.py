"""The desk side of the day: what a counsellor does with appointments, their availability and their calendar.

Thin views and the API call these; they write through ``services`` (the one
place that books, moves, cancels) and read through scoped selectors. A
booking for a file needs the person's live consent to processing, held
for the transaction as notes and applications do (people.services).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import selectors as roles
from appointments import selectors, services
from appointments.models import Absence, AbsenceKind, Appointment, Availability, BookedVia, MeetingReason
from audit.models import AuditAction
from audit.services import audit_record
from catalog.models import Desk, OpeningHours
from core.actor import Actor
from people import selectors as people_selectors
from people.models import Beneficiary
from people.services import NoConsentToProcessing, processing_consent_hold

# How far ahead a counsellor may set their own absences, and how long one may last.
ABSENCE_MAX_DAYS = 366
FREE_TIMES_SHOWN = 12


class DeskRefused(Exception):
    """A desk-side request refused with a message for the counsellor (bad desk, a period outside the hours…)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def desk_of(*, user, slug: str) -> Desk:
    """One of the user's desks (as a counsellor), or 404 like a missing one."""
    desk = roles.desks_of(user).filter(slug=slug).first()
    if desk is None:
        raise Http404("No such desk.")
    return desk


def appointment_open(*, actor: Actor, public_id: str) -> Appointment:
    """A staff read of one appointment in the actor's scope (404 otherwise), audited."""
    appointment = selectors.appointment_get(user=actor.user, public_id=str(public_id))
    audit_record(actor=actor, action=AuditAction.APPOINTMENT_READ, obj=appointment)
    return appointment


def consent_refusal() -> str:
    return _(
        "The person has withdrawn their consent to the processing of their data: "
        "no appointment can be booked for them until they give it again."
    )


@transaction.atomic
def book_for_file(
    *,
    actor: Actor,
    desk: Desk,
    reason: MeetingReason,
    starts_at: datetime.datetime,
    beneficiary: Beneficiary | None,
    booked_via: BookedVia,
    counsellor_id: int | None = None,
    now: datetime.datetime | None = None,
) -> tuple[Appointment, bool]:
    """A counsellor books (from a file, for a walk-in, through the API). With a file: the file must be in
    the actor's scope and at the desk, and its consent to processing live (held until the booking commits).
    Raises NoConsentToProcessing, and the services' BookingRefused, SlotTaken, AlreadyBooked."""
    if beneficiary is not None:
        beneficiary = people_selectors.beneficiary_get(user=actor.user, public_id=beneficiary.public_id)
        processing_consent_hold(beneficiary=beneficiary, refusal=consent_refusal())
    if counsellor_id is not None and counsellor_id not in selectors.counsellor_ids(desk=desk):
        raise services.BookingRefused(_("This counsellor does not receive at this desk."))
    return services.appointment_book(
        actor=actor,
        desk=desk,
        reason=reason,
        starts_at=starts_at,
        beneficiary=beneficiary,
        booked_via=booked_via,
        counsellor_id=counsellor_id,
        now=now,
    )


def walk_in_book(
    *,
    actor: Actor,
    desk: Desk,
    reason: MeetingReason,
    beneficiary: Beneficiary | None,
    now: datetime.datetime | None = None,
) -> Appointment:
    """A person at the desk now: book the next free time for the reason, with no notice (the first time a
    counsellor is free, from now on). A time taken meanwhile moves on to the next one."""
    now = now or timezone.now()
    for _attempt in range(3):
        upcoming = selectors.next_free_times(desk=desk, reason=reason, after=now, now=now, count=1, on_the_spot=True)
        if not upcoming:
            raise services.BookingRefused(_("No counsellor is free for this in the coming weeks."))
        try:
            appointment, _new = book_for_file(
                actor=actor,
                desk=desk,
                reason=reason,
                starts_at=upcoming[0].start,
                beneficiary=beneficiary,
                booked_via=BookedVia.WALK_IN,
                now=now,
            )
        except services.SlotTaken:
            continue
        return appointment
    raise services.BookingRefused(_("The free times were all just taken. Try again."))


def walk_in_file(*, user, file_number: str) -> Beneficiary | None:
    """The file with this number among the user's files, or None."""
    number = file_number.strip()
    if not number:
        return None
    return people_selectors.beneficiary_list(user=user).filter(file_number__iexact=number).first()


# The counsellor's own availability and absences.


def availabilities_of(*, user) -> list[Availability]:
    return list(
        Availability.objects.filter(counsellor=user, desk__in=roles.desks_of(user))
        .select_related("desk")
        .order_by("desk__slug", "weekday", "starts")
    )


def absences_of(*, user, now: datetime.datetime | None = None) -> list[Absence]:
    now = now or timezone.now()
    return list(Absence.objects.filter(counsellor=user, ends_at__gt=now).order_by("starts_at"))


def opening_hours_of(*, user) -> list[OpeningHours]:
    return list(
        OpeningHours.objects.filter(desk__in=roles.desks_of(user)).select_related("desk").order_by("desk__slug")
    )


def availability_add(
    *,
    actor: Actor,
    desk: Desk,
    weekday: int,
    starts: datetime.time,
    ends: datetime.time,
    valid_from: datetime.date,
    valid_until: datetime.date | None,
) -> Availability:
    """A weekly period the counsellor receives at one of their desks, inside the desk's opening hours then."""
    if desk not in roles.desks_of(actor.user):
        raise Http404("No such desk.")
    if starts >= ends:
        raise DeskRefused(_("The period must end after it starts."))
    if valid_until is not None and valid_until < valid_from:
        raise DeskRefused(_("The last date must be on or after the first."))
    hours = list(OpeningHours.objects.filter(desk=desk, weekday=weekday).values_list("opens", "closes"))
    if not hours:
        raise DeskRefused(_("The desk is closed on that day."))
    if not any(opens <= starts and ends <= closes for opens, closes in hours):
        raise DeskRefused(_("The period must lie within the desk's opening hours of that day."))
    return Availability.objects.create(
        counsellor=actor.user,
        desk=desk,
        weekday=weekday,
        starts=starts,
        ends=ends,
        valid_from=valid_from,
        valid_until=valid_until,
    )


def availability_remove(*, actor: Actor, availability_id: int) -> None:
    """Remove one of the actor's own periods (404 for anyone else's). Booked appointments stay."""
    deleted, _rows = Availability.objects.filter(
        pk=availability_id, counsellor=actor.user, desk__in=roles.desks_of(actor.user)
    ).delete()
    if not deleted:
        raise Http404("No such availability.")


def absence_add(
    *,
    actor: Actor,
    kind: AbsenceKind,
    first: datetime.date,
    last: datetime.date,
    now: datetime.datetime | None = None,
) -> Absence:
    """Whole days away, ``first`` to ``last`` (local dates). Appointments already booked then stay: the
    counsellor moves them."""
    now = now or timezone.now()
    if last < first:
        raise DeskRefused(_("The last date must be on or after the first."))
    if first > timezone.localdate() + datetime.timedelta(days=2 * ABSENCE_MAX_DAYS):
        raise DeskRefused(_("An absence is set at most two years ahead."))
    if (last - first).days >= ABSENCE_MAX_DAYS:
        raise DeskRefused(_("An absence lasts at most a year: add another one after it."))
    zone = selectors.desk_zone()
    starts_at = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    ends_at = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    if ends_at <= now:
        raise DeskRefused(_("This period is already over."))
    return Absence.objects.create(counsellor=actor.user, kind=kind, starts_at=starts_at, ends_at=ends_at)


def absence_remove(*, actor: Actor, absence_id: int) -> None:
    deleted, _rows = Absence.objects.filter(pk=absence_id, counsellor=actor.user).delete()
    if not deleted:
        raise Http404("No such absence.")


__all__ = [
    "DeskRefused",
    "NoConsentToProcessing",
    "appointment_open",
    "book_for_file",
    "walk_in_book",
]
