"""Applying, moving an application through its states, and the seats those moves take and free.

Every move goes through ``application_move``: the application's row is
locked, the move is looked up in ``machine.MOVES`` (not there: ``MoveRefused``,
nothing changes), the session's seat counter moves by one conditional UPDATE
(``seats_taken < capacity``; none left: ``NoSeatLeft``), the log row, the
audit line and the messages are written, all in one transaction. A seat
freed is offered, in the same transaction, to the first person of the
session's waiting list.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from applications import machine, notify, selectors
from applications.models import (
    LIVE_STATES,
    PENDING_STATES,
    SEAT_STATES,
    Application,
    ApplicationEvent,
    Channel,
    Reason,
    Role,
    State,
)
from audit.models import AuditAction, AuditObject
from audit.services import audit_record
from catalog.models import Programme, Session
from core.actor import Actor, system
from core.database import transaction_lock
from people import selectors as people_selectors
from people.models import Beneficiary
from people.selectors import PROVIDER_VISIBLE_FIELDS
from people.services import open_audited, processing_consent_hold

MAX_CAPACITY = 10_000
NOTE_MAX = 1000


class ApplicationRefused(Exception):
    """An application that cannot be made (closed session, another programme's session…): the message says why."""


class MoveRefused(Exception):
    """A move not allowed from the application's state (a double click, two tabs, a stale page): nothing changed."""

    def __init__(self, message: str, *, application: Application) -> None:
        super().__init__(message)
        self.application = application


class NoSeatLeft(MoveRefused):
    """Accepting (or offering) with no seat left in the session: nothing changed; the provider may wait-list."""


class BadReason(ValueError):
    """A reason not in the move's fixed list, a missing one, or a note too long: a 400, nothing changed."""


class CapacityRefused(ValueError):
    """A capacity below the seats taken, or out of range: nothing changed."""


def offer_hours() -> int:
    return settings.GUICHET_APPLICATION_OFFER_HOURS


def decision_days() -> int:
    return settings.GUICHET_APPLICATION_DECISION_DAYS


# Applying ---------------------------------------------------------------------------------------------------------


def session_is_open(session: Session, *, today: datetime.date) -> bool:
    """One can apply until the deadline (or the start); a full session still takes applications, for its list."""
    return today <= (session.application_deadline or session.start_date)


@dataclass(frozen=True)
class Applied:
    application: Application
    created: bool


def application_submit(
    *,
    actor: Actor,
    beneficiary: Beneficiary,
    programme: Programme,
    session: Session | None,
    role: Role,
) -> Applied:
    """Apply for a person (a counsellor of their desk) or for oneself (the person): idempotent.

    The same person and session again (a double tap, a retry) gives back the
    live application, ``created=False``. ``session`` None: the programme's next
    open session, or none when no session is set yet. Needs the person's live
    consent to processing (``NoConsentToProcessing``). The admission check is
    made now, from the file, and kept as criterion outcomes only.
    """
    from orientation.eligibility import eligibility_check, next_open_session

    today = timezone.localdate()
    if session is not None:
        if session.programme_id != programme.pk:
            raise ApplicationRefused(_("This session is not one of this training's."))
        if not session_is_open(session, today=today):
            raise ApplicationRefused(_("Applications for this session are closed."))
    with transaction.atomic():
        processing_consent_hold(
            beneficiary=beneficiary,
            refusal=_("The person has not consented to the processing of their data: nothing is shared."),
        )
        if session is None:
            session = next_open_session(programme=programme, today=today)
            if session is None:
                upcoming = programme.sessions.filter(start_date__gte=today)
                if any(session_is_open(s, today=today) for s in upcoming):
                    session = next(s for s in upcoming.order_by("start_date") if session_is_open(s, today=today))
        existing = _live_application(beneficiary=beneficiary, programme=programme, session=session)
        if existing is not None:
            return Applied(existing, created=False)
        profile = people_selectors.beneficiary_profile(beneficiary=beneficiary)
        criteria = eligibility_check(profile=profile, programme=programme, session=session, today=today)
        now = timezone.now()
        application = Application(
            beneficiary=beneficiary,
            programme=programme,
            session=session,
            channel=Channel.ONLINE if role == Role.PERSON else Channel.DESK,
            eligibility=[{"key": c.key, "status": c.status} for c in criteria],
            shared_fields=list(PROVIDER_VISIBLE_FIELDS),
            created_by=actor.user,
            created_at=now,
            state_changed_at=now,
        )
        try:
            with transaction.atomic():
                application.save()
        except IntegrityError:
            # The same request, a moment earlier, made it (one live application per person and session).
            existing = _live_application(beneficiary=beneficiary, programme=programme, session=session)
            if existing is None:
                raise
            return Applied(existing, created=False)
        ApplicationEvent.objects.create(
            application=application, from_state="", to_state=State.SUBMITTED, at=now, by=actor.user, role=role
        )
        Beneficiary.objects.filter(pk=beneficiary.pk).update(last_activity_at=now)
        audit_record(
            actor=actor,
            action=AuditAction.APPLICATION_CREATE,
            obj=beneficiary,
            # What the person agreed (online) or was told (at the desk) the provider reads: field names only.
            detail=f"application {application.public_id} programme {programme.pk} shared "
            + ",".join(application.shared_fields),
        )
        notify.provider_new(application=application)
    return Applied(application, created=True)


def _live_application(*, beneficiary: Beneficiary, programme: Programme, session: Session | None):
    live = Application.objects.filter(beneficiary=beneficiary, state__in=LIVE_STATES)
    if session is not None:
        return live.filter(session=session).first()
    return live.filter(programme=programme, session__isnull=True).first()


# Moving -----------------------------------------------------------------------------------------------------------


def refusal_message(application: Application, *, target: str, stale: bool = False) -> str:
    """Why a move is refused, in words: "already decided: accepted on … by …", or not possible from here.

    ``stale``: the page the move was chosen on showed another state; what happened since is told, whatever it was.
    """
    last = application.events.order_by("-at", "-id").first()
    if stale or application.state == target or application.state in machine.FINAL_OR_DECIDED:
        when = date_format(timezone.localtime(last.at), "DATETIME_FORMAT") if last else ""
        who = last.get_role_display() if last else ""
        return _("Already decided: %(state)s on %(when)s by %(who)s. Nothing was changed.") % {
            "state": application.get_state_display().lower(),
            "when": when,
            "who": who.lower(),
        }
    return _("This is not possible now: the application is %(state)s. Nothing was changed.") % {
        "state": application.get_state_display().lower()
    }


def _reason_checked(move: machine.Move, reason: str, note: str, role: Role) -> str:
    if "\x00" in note or len(note) > NOTE_MAX:
        raise BadReason(_("The note is too long or holds characters that cannot be kept."))
    if not reason:
        reason = machine.DEFAULT_REASONS.get((move.target, role), "")
    if reason and reason not in move.reasons:
        raise BadReason(_("This reason does not fit this step; choose one from the list."))
    if move.reason_required and not reason:
        raise BadReason(_("Choose a reason from the list."))
    return reason


def _seat_take(session_id: int) -> bool:
    """Take one seat of the session if one is left: one conditional UPDATE, the database decides."""
    return bool(
        Session.objects.filter(pk=session_id, seats_taken__lt=F("capacity")).update(seats_taken=F("seats_taken") + 1)
    )


def _seat_free(session_id: int) -> None:
    Session.objects.filter(pk=session_id, seats_taken__gt=0).update(seats_taken=F("seats_taken") - 1)


def application_move(
    *,
    actor: Actor,
    public_id: str,
    to: str,
    role: Role,
    reason: str = "",
    note: str = "",
    shown_state: str = "",
) -> Application:
    """Move one application, read in ``role``'s scope (404 outside it), to state ``to``; see the module.

    ``shown_state``: the state the page showed when the move was chosen; when the application has moved since
    (a second tab, a colleague), the move is refused even if the machine would allow it from the new state.
    """
    with transaction.atomic():
        if role == Role.SYSTEM:
            pk, beneficiary_id = Application.objects.values_list("pk", "beneficiary_id").get(public_id=public_id)
        else:
            pk, beneficiary_id = selectors.application_key_as(role=role, user=actor.user, public_id=public_id)
        if to == State.ACCEPTED and beneficiary_id is not None:
            # Accepting withdraws the person's other pending applications: two acceptances of one person at
            # once (two providers) take turns here, instead of locking each other's applications crosswise.
            transaction_lock(f"applications.person.{beneficiary_id}")
        application = _locked(pk)
        if shown_state and shown_state != application.state:
            raise MoveRefused(refusal_message(application, target=to, stale=True), application=application)
        application = _move(application, actor=actor, to=to, role=role, reason=reason, note=note)
        if role in (Role.PROVIDER, Role.COUNSELLOR):
            audit_record(
                actor=actor,
                action=AuditAction.APPLICATION_MOVE,
                obj=application,
                detail=f"{application.state} {application.reason}".strip(),
            )
    return application


def _locked(pk: int) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("beneficiary", "programme__provider", "session")
        .get(pk=pk)
    )


def _move(
    application: Application,
    *,
    actor: Actor,
    to: str,
    role: Role,
    reason: str = "",
    note: str = "",
    tell: bool = True,
    now: datetime.datetime | None = None,
) -> Application:
    """The move itself, on a locked row, inside the caller's transaction (``now``: the expiry run's clock)."""
    if to not in State.values:
        raise BadReason(_("Unknown state."))
    move = machine.move_find(source=application.state, target=to, role=role)
    if move is None:
        raise MoveRefused(refusal_message(application, target=to), application=application)
    reason = _reason_checked(move, reason, note.strip(), role)
    source = application.state
    now = now or timezone.now()
    takes = to in SEAT_STATES and source not in SEAT_STATES
    # Completing keeps the seat (it was used); leaving any other way frees it.
    frees = source in SEAT_STATES and to not in SEAT_STATES and to != State.COMPLETED
    if to == State.DROPPED_OUT and application.session and application.session.start_date <= timezone.localdate():
        frees = False  # the training has begun: the seat is spent, not offered again
    if takes and application.session.seats_taken >= application.session.capacity:
        raise _no_seat(application)  # as read a moment ago: no need to write anything to know it
    application.state = to
    application.reason = reason
    application.state_changed_at = now
    if to == State.WAIT_LISTED:
        application.wait_listed_at = now
    if to == State.OFFERED:
        application.offer_expires_at = now + datetime.timedelta(hours=offer_hours())
        application.offer_reminded_at = None
    elif source == State.OFFERED:
        application.offer_expires_at = None
    application.save(
        update_fields=[
            "state",
            "reason",
            "state_changed_at",
            "wait_listed_at",
            "offer_expires_at",
            "offer_reminded_at",
            "updated_at",
        ]
    )
    ApplicationEvent.objects.create(
        application=application,
        from_state=source,
        to_state=to,
        at=now,
        by=actor.user,
        role=role,
        reason=reason,
        note=note.strip(),
    )
    if tell:
        notify.moved(application=application, source=source, role=role)
    if frees:
        _seat_free(application.session_id)
        _offer_next(session_id=application.session_id, actor=system, now=now)
    if to == State.ACCEPTED:
        _withdraw_overlapping(application, actor=actor, now=now)
    # The seat is taken last: the session's row stays locked from here to the commit, and every other move
    # taking a seat of the session waits that long, so nothing else is done while it is held.
    if takes and not _seat_take(application.session_id):
        raise _no_seat(application)
    return application


def _no_seat(application: Application) -> NoSeatLeft:
    return NoSeatLeft(
        _("No seat left in this session. You can put the application on the waiting list instead."),
        application=application,
    )


def _offer_next(*, session_id: int, actor: Actor, now: datetime.datetime | None = None) -> Application | None:
    """Offer the session's free seat, if one is left, to the first wait-listed person; skip a row being moved."""
    session = Session.objects.get(pk=session_id)
    if session.seats_taken >= session.capacity or session.start_date <= timezone.localdate():
        return None
    first = (
        Application.objects.select_for_update(of=("self",), skip_locked=True)
        .filter(session_id=session_id, state=State.WAIT_LISTED)
        .order_by("wait_listed_at", "id")
        .first()
    )
    if first is None:
        return None
    first = _locked(first.pk)
    try:
        with transaction.atomic():
            return _move(first, actor=actor, to=State.OFFERED, role=Role.SYSTEM, now=now)
    except NoSeatLeft:
        return None


def _overlapping(application: Application) -> Q:
    session = application.session
    return Q(session__start_date__lte=session.end_date, session__end_date__gte=session.start_date)


def _withdraw_overlapping(application: Application, *, actor: Actor, now: datetime.datetime) -> None:
    """Accepted here: the person's other pending applications for sessions at the same time are withdrawn."""
    if application.beneficiary_id is None or application.session_id is None:
        return
    others = (
        Application.objects.select_for_update(of=("self",))
        .filter(_overlapping(application), beneficiary_id=application.beneficiary_id, state__in=PENDING_STATES)
        .exclude(pk=application.pk)
        .order_by("pk")
    )
    for other in list(others):
        other = _locked(other.pk)
        if other.state not in PENDING_STATES:
            continue
        _move(other, actor=system, to=State.WITHDRAWN, role=Role.SYSTEM, reason=Reason.ACCEPTED_ELSEWHERE, now=now)


# The system's moves ------------------------------------------------------------------------------------------------


def applications_withdraw_for_person(*, actor: Actor, beneficiary: Beneficiary, reason: Reason) -> list[Application]:
    """Withdraw every live application of the person (consent withdrawn, file erased), in the caller's transaction.

    Seats held are freed and offered on; each provider is told, without the reason.
    """
    withdrawn = []
    live = Application.objects.filter(beneficiary=beneficiary, state__in=LIVE_STATES).order_by("pk")
    for pk in list(live.values_list("pk", flat=True)):
        application = _locked(pk)
        if application.state not in LIVE_STATES:
            continue
        withdrawn.append(_move(application, actor=system, to=State.WITHDRAWN, role=Role.SYSTEM, reason=reason))
        audit_record(
            actor=actor,
            action=AuditAction.APPLICATION_MOVE,
            obj=beneficiary,
            detail=f"application {application.public_id} withdrawn {reason}",
        )
    return withdrawn


def applications_expire(*, now: datetime.datetime | None = None, limit: int = 500) -> int:
    """Expire offers not answered in time and applications left undecided too long; remind offers due soon.

    Rows are claimed with ``FOR UPDATE SKIP LOCKED``, one short transaction
    each: two runs at once share the work and never expire one twice.
    """
    now = now or timezone.now()
    expired = 0
    undecided_before = now - datetime.timedelta(days=decision_days())
    batches = (
        (Q(state=State.OFFERED, offer_expires_at__lte=now), Reason.OFFER_UNANSWERED),
        (Q(state__in=machine.DECIDABLE, state_changed_at__lte=undecided_before), Reason.NO_DECISION),
    )
    for condition, reason in batches:
        for _i in range(limit):
            with transaction.atomic():
                claimed = (
                    Application.objects.select_for_update(of=("self",), skip_locked=True)
                    .filter(condition)
                    .order_by("pk")
                    .first()
                )
                if claimed is None:
                    break
                application = _locked(claimed.pk)
                _move(application, actor=system, to=State.EXPIRED, role=Role.SYSTEM, reason=reason, now=now)
                expired += 1
    offer_reminders_send(now=now, limit=limit)
    return expired


def offer_reminders_send(*, now: datetime.datetime, limit: int = 500) -> int:
    """Remind, once, each person whose offer ends within GUICHET_APPLICATION_OFFER_REMINDER_HOURS."""
    soon = now + datetime.timedelta(hours=settings.GUICHET_APPLICATION_OFFER_REMINDER_HOURS)
    sent = 0
    for _i in range(limit):
        with transaction.atomic():
            claimed = (
                Application.objects.select_for_update(of=("self",), skip_locked=True)
                .filter(state=State.OFFERED, offer_expires_at__gt=now, offer_expires_at__lte=soon)
                .filter(offer_reminded_at__isnull=True)
                .order_by("pk")
                .first()
            )
            if claimed is None:
                break
            Application.objects.filter(pk=claimed.pk).update(offer_reminded_at=now)
            notify.offer_reminder(application=_locked(claimed.pk))
            sent += 1
    return sent


# Seats -------------------------------------------------------------------------------------------------------------


def session_capacity_set(*, actor: Actor, session_id: int, capacity: int) -> Session:
    """Provider staff raise or lower a session's capacity; never below the seats taken. Raised: offers go out."""
    if not isinstance(capacity, int) or isinstance(capacity, bool) or not 1 <= capacity <= MAX_CAPACITY:
        raise CapacityRefused(_("The capacity is a whole number from 1 to %(max)s.") % {"max": MAX_CAPACITY})
    with transaction.atomic():
        session = selectors.session_get_for_provider(user=actor.user, session_id=session_id)
        changed = Session.objects.filter(pk=session.pk, seats_taken__lte=capacity).update(capacity=capacity)
        session.refresh_from_db()
        if not changed:
            raise CapacityRefused(
                _("%(taken)s seats are already taken: the capacity cannot be lower.") % {"taken": session.seats_taken}
            )
        audit_record(
            actor=actor,
            action=AuditAction.SESSION_CAPACITY,
            obj=(AuditObject.SESSION, str(session.pk)),
            detail=str(capacity),
        )
        while _offer_next(session_id=session.pk, actor=system) is not None:
            pass
        session.refresh_from_db()
    return session


# Reads by staff, audited -------------------------------------------------------------------------------------------


def application_open(*, actor: Actor, public_id: str, role: Role) -> Application:
    """An application read by staff in their scope: one audit line (a refusal is audited too)."""

    def get(*, user, public_id):
        return selectors.application_get_as(role=role, user=user, public_id=public_id)

    return open_audited(
        get=get, actor=actor, public_id=public_id, kind=AuditObject.APPLICATION, action=AuditAction.APPLICATION_READ
    )
