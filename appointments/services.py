"""Booking, moving, cancelling and closing appointments: the one place that writes them.

No time is ever booked twice. Every booking goes through a hold (a
``SlotHold`` row) of one counsellor's time: on PostgreSQL an exclusion
constraint refuses a second hold that overlaps it, and another refuses a
second live appointment that overlaps (migration 0002); on SQLite booking
transactions are immediate, so the check below them runs one at a time.
The Python checks choose the message ("this time was just taken", with the
next free times); the database decides.

A person picking a time online gets a hold for ``HOLD_MINUTES`` while they
type their code; the confirmation turns that hold into the appointment. A
counsellor's booking (from a file, for a walk-in, through the API) holds
and confirms in one transaction. A booking repeated (a double tap, a retry)
finds the appointment the first one made.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import selectors as roles
from accounts.codes import flow_new
from appointments import selectors
from appointments.models import (
    LIVE_STATUSES,
    Appointment,
    AppointmentStatus,
    BookedVia,
    MeetingReason,
    Reminder,
    ReminderKind,
    SlotHold,
)
from appointments.notices import appointment_notify
from audit.models import AuditAction
from audit.services import audit_record
from catalog.models import Desk
from core.actor import Actor
from core.database import transaction_lock
from people.models import Beneficiary

HOLD_MINUTES = 10  # long enough to receive and type a code, short enough not to keep a time from others
NEXT_FREE_SHOWN = 3
# Reminders before an appointment, each due at its own time (GUICHET_APPOINTMENT_REMINDERS_HOURS).
REMINDER_KINDS = (ReminderKind.DAY_BEFORE, ReminderKind.HOURS_BEFORE)


class BookingRefused(Exception):
    """The request cannot be booked as asked (outside the window, a reason the desk does not offer…)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SlotTaken(Exception):
    """Nobody is free at that time any more; ``next_free`` holds the next free times.

    They are read when first asked for, after the booking's transaction has
    rolled back: never while it holds a counsellor's lock that others wait for.
    """

    def __init__(self, *, desk: Desk, reason: MeetingReason, starts_at: datetime.datetime, now: datetime.datetime):
        super().__init__("This time was just taken.")
        self.message = _("This time was just taken. Choose another one.")
        self._where = (desk, reason, starts_at, now)
        self._next_free: list[selectors.FreeTime] | None = None

    @property
    def next_free(self) -> list[selectors.FreeTime]:
        if self._next_free is None:
            desk, reason, starts_at, now = self._where
            self._next_free = selectors.next_free_times(
                desk=desk, reason=reason, after=starts_at, now=max(now, timezone.now()), count=NEXT_FREE_SHOWN
            )
        return self._next_free


class AlreadyBooked(Exception):
    """The person already has a live appointment for this reason at this desk."""

    def __init__(self, appointment: Appointment) -> None:
        super().__init__("Already booked.")
        self.appointment = appointment
        self.message = _("This person already has an appointment for this at this desk. Move it, or cancel it first.")


class NotChangeable(Exception):
    """The appointment is over, cancelled or already begun."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def flow_digest(flow: str) -> str:
    key = f"appointments.hold:{settings.SECRET_KEY}".encode()
    return hmac.new(key, flow.encode(), hashlib.sha256).hexdigest()


def _check_request(
    *,
    desk: Desk,
    reason: MeetingReason,
    starts_at: datetime.datetime,
    now: datetime.datetime,
    on_the_spot: bool = False,
) -> None:
    if not selectors.reasons_of(desk=desk).filter(pk=reason.pk).exists():
        raise BookingRefused(_("This desk offers no meeting for this reason."))
    earliest, latest = selectors.booking_window(reason=reason, now=now, on_the_spot=on_the_spot)
    if starts_at < now:
        raise BookingRefused(_("This time is in the past. Choose a time to come."))
    if starts_at < earliest:
        raise BookingRefused(
            _("Meetings for this are booked at least %(hours)d hours ahead.") % {"hours": reason.min_notice_hours}
        )
    if starts_at > latest:
        raise BookingRefused(
            _("Meetings for this are booked at most %(weeks)d weeks ahead.") % {"weeks": reason.max_weeks_ahead}
        )


def _taken(*, desk: Desk, reason: MeetingReason, starts_at: datetime.datetime, now: datetime.datetime) -> SlotTaken:
    return SlotTaken(desk=desk, reason=reason, starts_at=starts_at, now=now)


def _clashes(
    *, counsellor_id: int, starts_at: datetime.datetime, ends_at: datetime.datetime, now, hold_id: int
) -> bool:
    """Another live appointment or unexpired hold of the counsellor overlaps (read after our hold is written)."""
    overlapping = {"counsellor_id": counsellor_id, "starts_at__lt": ends_at, "ends_at__gt": starts_at}
    return (
        Appointment.objects.filter(status__in=LIVE_STATUSES, **overlapping).exists()
        or SlotHold.objects.filter(expires_at__gt=now, **overlapping).exclude(pk=hold_id).exists()
    )


def _hold(
    *,
    desk: Desk,
    reason: MeetingReason,
    starts_at: datetime.datetime,
    flow: str,
    now: datetime.datetime,
    counsellor_id: int | None = None,
    on_the_spot: bool = False,
) -> SlotHold:
    """Hold ``starts_at`` with the first counsellor free then (or ``counsellor_id``), inside the caller's
    transaction. Raises BookingRefused or SlotTaken."""
    _check_request(desk=desk, reason=reason, starts_at=starts_at, now=now, on_the_spot=on_the_spot)
    digest = flow_digest(flow)
    # One hold per flow: picking another time lets the first one go. Dead holds are cleared before new ones.
    SlotHold.objects.filter(flow_digest=digest).delete()
    SlotHold.objects.filter(expires_at__lte=now).delete()
    free = selectors.free_time_at(desk=desk, reason=reason, starts_at=starts_at, now=now, on_the_spot=on_the_spot)
    candidates = list(free.counsellors) if free else []
    if counsellor_id is not None:
        candidates = [counsellor_id] if counsellor_id in candidates else []
    ends_at = starts_at + datetime.timedelta(minutes=reason.duration_minutes)
    for candidate in candidates:
        # Bookings of one counsellor take turns (PostgreSQL: an advisory lock; SQLite: the immediate
        # transaction already does): concurrent inserts under an exclusion constraint would otherwise
        # wait on each other and deadlock. Candidates come in id order, so two bookings never lock
        # two counsellors in opposite orders. The exclusion constraints stay the guard.
        transaction_lock(f"appointments.counsellor.{candidate}")
        if _clashes(counsellor_id=candidate, starts_at=starts_at, ends_at=ends_at, now=now, hold_id=0):
            continue
        try:
            with transaction.atomic():
                hold = SlotHold.objects.create(
                    desk=desk,
                    reason=reason,
                    counsellor_id=candidate,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    expires_at=now + datetime.timedelta(minutes=HOLD_MINUTES),
                    flow_digest=digest,
                    created_at=now,
                )
                # Read after writing: a booking committed since the free times were read is seen now.
                if _clashes(counsellor_id=candidate, starts_at=starts_at, ends_at=ends_at, now=now, hold_id=hold.pk):
                    raise IntegrityError("overlap")
                return hold
        except IntegrityError:
            continue  # PostgreSQL's exclusion constraint (or our re-read) says someone else has it
    raise _taken(desk=desk, reason=reason, starts_at=starts_at, now=now)


@transaction.atomic
def slot_hold(
    *, desk: Desk, reason: MeetingReason, starts_at: datetime.datetime, flow: str, now: datetime.datetime | None = None
) -> SlotHold:
    """A person picked a time online: keep it for them for HOLD_MINUTES while they confirm."""
    return _hold(desk=desk, reason=reason, starts_at=starts_at, flow=flow, now=now or timezone.now())


def hold_get(*, hold_id: int | None, flow: str, now: datetime.datetime | None = None) -> SlotHold | None:
    """The flow's hold, if it has not expired."""
    if not hold_id or not flow:
        return None
    return (
        SlotHold.objects.select_related("desk", "reason")
        .filter(pk=hold_id, flow_digest=flow_digest(flow), expires_at__gt=now or timezone.now())
        .first()
    )


def hold_release(*, flow: str) -> None:
    SlotHold.objects.filter(flow_digest=flow_digest(flow)).delete()


def _live_for_reason(*, beneficiary: Beneficiary, desk: Desk, reason: MeetingReason) -> Appointment | None:
    return Appointment.objects.filter(
        beneficiary=beneficiary, desk=desk, reason=reason, status__in=LIVE_STATUSES
    ).first()


def _appointment_from_hold(
    *, hold: SlotHold, beneficiary: Beneficiary | None, actor: Actor, booked_via: BookedVia, now: datetime.datetime
) -> Appointment:
    hold.delete()
    try:
        with transaction.atomic():
            appointment = Appointment.objects.create(
                desk=hold.desk,
                reason=hold.reason,
                counsellor_id=hold.counsellor_id,
                beneficiary=beneficiary,
                starts_at=hold.starts_at,
                ends_at=hold.ends_at,
                booked_via=booked_via,
                booked_by=actor.user if actor.user is not None and actor.user.is_authenticated else None,
                created_at=now,
            )
    except IntegrityError as exc:
        if beneficiary is not None:
            existing = _live_for_reason(beneficiary=beneficiary, desk=hold.desk, reason=hold.reason)
            if existing is not None:
                raise AlreadyBooked(existing) from exc
        raise _taken(desk=hold.desk, reason=hold.reason, starts_at=hold.starts_at, now=now) from exc
    reminders_plan(appointment=appointment, now=now)
    appointment_notify(appointment=appointment, template="appointments/messages/confirmed.txt")
    if beneficiary is not None:
        Beneficiary.objects.filter(pk=beneficiary.pk).update(last_activity_at=now)
    _staff_audit(actor, AuditAction.APPOINTMENT_BOOK, appointment)
    return appointment


@transaction.atomic
def hold_confirm(
    *,
    hold_id: int | None,
    flow: str,
    desk: Desk,
    reason: MeetingReason,
    starts_at: datetime.datetime,
    beneficiary: Beneficiary,
    actor: Actor,
    booked_via: BookedVia = BookedVia.ONLINE,
    now: datetime.datetime | None = None,
) -> Appointment:
    """The person proved their phone or e-mail: their held time becomes their appointment.

    A hold that expired meanwhile is taken again when the time is still
    free. A second confirmation of the same booking (a double tap) returns
    the appointment the first one made."""
    now = now or timezone.now()
    existing = _live_for_reason(beneficiary=beneficiary, desk=desk, reason=reason)
    if existing is not None:
        if existing.starts_at == starts_at:
            return existing
        raise AlreadyBooked(existing)
    hold = (
        SlotHold.objects.select_for_update()
        .select_related("desk", "reason")
        .filter(pk=hold_id or 0, flow_digest=flow_digest(flow), expires_at__gt=now)
        .first()
    )
    if hold is None or hold.starts_at != starts_at or hold.desk_id != desk.pk or hold.reason_id != reason.pk:
        hold = _hold(desk=desk, reason=reason, starts_at=starts_at, flow=flow, now=now)
    return _appointment_from_hold(hold=hold, beneficiary=beneficiary, actor=actor, booked_via=booked_via, now=now)


@transaction.atomic
def appointment_book(
    *,
    actor: Actor,
    desk: Desk,
    reason: MeetingReason,
    starts_at: datetime.datetime,
    beneficiary: Beneficiary | None,
    booked_via: BookedVia = BookedVia.DESK,
    counsellor_id: int | None = None,
    now: datetime.datetime | None = None,
) -> tuple[Appointment, bool]:
    """A counsellor books for a person (from the file, for a walk-in, through the API): hold and confirm
    at once. Returns the appointment and whether it is new: the same booking sent twice finds the first."""
    now = now or timezone.now()
    if beneficiary is not None:
        existing = _live_for_reason(beneficiary=beneficiary, desk=desk, reason=reason)
        if existing is not None:
            if existing.starts_at == starts_at:
                return existing, False
            raise AlreadyBooked(existing)
    # A person at the desk now (a walk-in) may be seen at once: no notice.
    hold = _hold(
        desk=desk,
        reason=reason,
        starts_at=starts_at,
        flow=flow_new(),
        now=now,
        counsellor_id=counsellor_id,
        on_the_spot=booked_via == BookedVia.WALK_IN,
    )
    appointment = _appointment_from_hold(
        hold=hold, beneficiary=beneficiary, actor=actor, booked_via=booked_via, now=now
    )
    return appointment, True


def _changeable(appointment: Appointment, *, now: datetime.datetime) -> None:
    if appointment.status not in LIVE_STATUSES:
        raise NotChangeable(_("This appointment is already closed or cancelled."))
    if appointment.starts_at <= now:
        raise NotChangeable(_("This appointment has already begun: it can no longer be changed."))


def _staff_audit(actor: Actor, action: AuditAction, appointment: Appointment, detail: str = "") -> None:
    if actor.user is not None and actor.user.is_authenticated and roles.can_use_workspace(actor.user):
        audit_record(actor=actor, action=action, obj=appointment, detail=detail)


@transaction.atomic
def appointment_cancel(
    *, actor: Actor, appointment: Appointment, by_person: bool, now: datetime.datetime | None = None
) -> Appointment:
    """Cancel a live appointment that has not begun: its time is free again at once; the person is told."""
    now = now or timezone.now()
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    _changeable(appointment, now=now)
    appointment.status = AppointmentStatus.CANCELLED_BY_PERSON if by_person else AppointmentStatus.CANCELLED_BY_DESK
    appointment.sequence += 1
    appointment.closed_at = now
    appointment.save(update_fields=["status", "sequence", "closed_at", "updated_at"])
    appointment.reminders.filter(sent_at__isnull=True, dropped_at__isnull=True).update(
        dropped_at=now, dropped_because="cancelled"
    )
    appointment_notify(appointment=appointment, template="appointments/messages/cancelled.txt")
    _staff_audit(actor, AuditAction.APPOINTMENT_CANCEL, appointment, detail=appointment.status)
    return appointment


@transaction.atomic
def appointment_move(
    *, actor: Actor, appointment: Appointment, starts_at: datetime.datetime, now: datetime.datetime | None = None
) -> Appointment:
    """Move a live appointment to another free time (same desk and reason): the same appointment, a new version."""
    now = now or timezone.now()
    appointment = Appointment.objects.select_for_update().select_related("desk", "reason").get(pk=appointment.pk)
    _changeable(appointment, now=now)
    if starts_at == appointment.starts_at:
        return appointment
    # Hold the new time first (the old one still counts as busy for the counsellor, so the hold may pick
    # another counsellor): the appointment is never without a time.
    hold = _hold(desk=appointment.desk, reason=appointment.reason, starts_at=starts_at, flow=flow_new(), now=now)
    appointment.counsellor_id = hold.counsellor_id
    appointment.starts_at, appointment.ends_at = hold.starts_at, hold.ends_at
    appointment.sequence += 1
    hold.delete()
    try:
        with transaction.atomic():
            appointment.save(update_fields=["counsellor", "starts_at", "ends_at", "sequence", "updated_at"])
    except IntegrityError as exc:
        raise _taken(desk=appointment.desk, reason=appointment.reason, starts_at=starts_at, now=now) from exc
    appointment.reminders.all().delete()
    reminders_plan(appointment=appointment, now=now)
    appointment_notify(appointment=appointment, template="appointments/messages/moved.txt")
    _staff_audit(actor, AuditAction.APPOINTMENT_MOVE, appointment)
    return appointment


CLOSING_STATUSES = (
    AppointmentStatus.SEEN,
    AppointmentStatus.NO_SHOW,
    AppointmentStatus.CANCELLED_BY_PERSON,
    AppointmentStatus.CANCELLED_BY_DESK,
)


@transaction.atomic
def appointment_outcome(
    *, actor: Actor, appointment: Appointment, status: AppointmentStatus, now: datetime.datetime | None = None
) -> Appointment:
    """After the time, the counsellor records what happened: seen, did not come, or cancelled by whom."""
    now = now or timezone.now()
    if status not in CLOSING_STATUSES:
        raise NotChangeable(_("Choose what happened."))
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.status not in LIVE_STATUSES:
        raise NotChangeable(_("This appointment is already closed or cancelled."))
    if status in (AppointmentStatus.SEEN, AppointmentStatus.NO_SHOW) and appointment.starts_at > now:
        raise NotChangeable(_("Whether the person came is recorded once the time has come."))
    appointment.status = status
    appointment.closed_at = now
    appointment.sequence += 1
    appointment.save(update_fields=["status", "closed_at", "sequence", "updated_at"])
    appointment.reminders.filter(sent_at__isnull=True, dropped_at__isnull=True).update(
        dropped_at=now, dropped_because="closed"
    )
    _staff_audit(actor, AuditAction.APPOINTMENT_OUTCOME, appointment, detail=status)
    return appointment


def reminder_hours() -> dict[ReminderKind, int]:
    first, second = settings.GUICHET_APPOINTMENT_REMINDERS_HOURS
    return {ReminderKind.DAY_BEFORE: first, ReminderKind.HOURS_BEFORE: second}


def reminders_plan(*, appointment: Appointment, now: datetime.datetime) -> list[Reminder]:
    """One reminder per kind, due its hours before the start; none already past when booked."""
    planned = []
    for kind, hours in reminder_hours().items():
        due = appointment.starts_at - datetime.timedelta(hours=hours)
        if hours > 0 and due > now:
            planned.append(Reminder.objects.create(appointment=appointment, kind=kind, due_at=due))
    if planned:
        from appointments import tasks

        transaction.on_commit(lambda: [tasks.reminder_enqueue(reminder) for reminder in planned])
    return planned
