"""The walk-in queue: tickets taken at the kiosk, called by counsellors, shown on the now-serving screen.

What holds under concurrency, on PostgreSQL and SQLite alike:

- a ticket's number comes from the desk's counter row of the day, raised in
  one statement (``UPDATE … SET last_number = last_number + 1 … RETURNING``)
  after an insert that does nothing when the row exists: thirty people
  taking a ticket at once get thirty consecutive numbers, never one twice;
- "call next" locks the oldest ticket in the line with ``SELECT … FOR
  UPDATE SKIP LOCKED``: two counsellors calling at once take two different
  people, neither waits for the other. On SQLite the immediate transaction
  (guichet/settings.py) serialises them;
- the text "your turn is near" is claimed by a conditional update: sent once.

Staff changes of a ticket attached to a file are audited (TICKET_CALL with
what changed; TICKET_ATTACH when attached). A ticket's phone number is
personal data: cleared as soon as it is served or leaves the queue.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import math
import secrets
import statistics
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import selectors as roles
from appointments.models import (
    AT_COUNTER_STATUSES,
    IN_LINE_STATUSES,
    MeetingReason,
    QueueCounter,
    Ticket,
    TicketStatus,
)
from appointments.selectors import desk_zone, reasons_of
from audit.models import AuditAction
from audit.services import audit_record
from catalog.models import Desk
from core.actor import Actor
from notifications.services import message_queue
from people import selectors as people_selectors
from people.models import Beneficiary

# Minutes a walk-in is assumed to take before anyone was served today.
DEFAULT_SERVICE_MINUTES = 10
# Unanswered calls after which a ticket leaves the queue (GUICHET_QUEUE_NO_ANSWER_LIMIT).
NO_ANSWER_LIMIT_DEFAULT = 2
COUNTER_MAX_LENGTH = 30
KIOSK_SALT = "appointments.kiosk"
KIOSK_FORM_MAX_AGE = 60 * 60 * 12  # a kiosk page left open all day still works


class QueueRefused(Exception):
    """The action cannot be done on this ticket now (already closed, called by a colleague…)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def no_answer_limit() -> int:
    return max(1, int(getattr(settings, "GUICHET_QUEUE_NO_ANSWER_LIMIT", NO_ANSWER_LIMIT_DEFAULT)))


def today(now: datetime.datetime | None = None) -> datetime.date:
    """The desk's day (Casablanca), which numbers restart on."""
    return (now or timezone.now()).astimezone(desk_zone()).date()


# Reading ------------------------------------------------------------------------------------------------------------


def queue_desks(*, user) -> QuerySet[Desk]:
    """The desks whose queue a staff user runs: a counsellor's desks."""
    return roles.desks_of(user).order_by("slug")


def queue_desk(*, user, slug: str | None) -> Desk:
    """One of the user's desks by slug (their only desk when none is named), or 404."""
    desks = queue_desks(user=user)
    if slug is not None and "\x00" in str(slug):
        raise Http404(_("No such desk."))
    desk = desks.filter(slug=str(slug)[:100]).first() if slug else (desks.first() if desks.count() == 1 else None)
    if desk is None:
        raise Http404(_("No such desk."))
    return desk


def line(*, desk: Desk, day: datetime.date, reasons: list[int] | None = None) -> QuerySet[Ticket]:
    """The tickets in the line, in the order "call next" takes them."""
    tickets = Ticket.objects.filter(desk=desk, day=day, status__in=IN_LINE_STATUSES)
    if reasons is not None:
        tickets = tickets.filter(Q(reason_id__in=reasons) | Q(reason__isnull=True))
    return tickets.order_by("queued_at", "number")


def at_counters(*, desk: Desk, day: datetime.date) -> QuerySet[Ticket]:
    return Ticket.objects.filter(desk=desk, day=day, status__in=AT_COUNTER_STATUSES).order_by("-called_at", "number")


def ticket_get(*, user, public_id: str) -> Ticket:
    """A ticket of one of the user's desks, or 404 (the same for missing, malformed and out of scope)."""
    if "\x00" in str(public_id):
        raise Http404(_("No such ticket."))
    ticket = (
        Ticket.objects.select_related("desk", "reason", "beneficiary")
        .filter(desk__in=queue_desks(user=user), public_id=str(public_id)[:22])
        .first()
    )
    if ticket is None:
        raise Http404(_("No such ticket."))
    return ticket


def current_ticket(*, user, desk: Desk, day: datetime.date) -> Ticket | None:
    """The ticket this counsellor called and has not closed yet."""
    return at_counters(desk=desk, day=day).filter(called_by=user).select_related("reason", "beneficiary").first()


def tickets_of_day(*, desks, day: datetime.date) -> QuerySet[Ticket]:
    return (
        Ticket.objects.filter(desk__in=desks, day=day)
        .select_related("desk", "reason", "beneficiary")
        .order_by("created_at", "number")
    )


def median_service_minutes(*, desk: Desk, day: datetime.date) -> float | None:
    """The median time a served walk-in took today, in minutes (None before anyone was served)."""
    spans = Ticket.objects.filter(
        desk=desk, day=day, status=TicketStatus.DONE, served_at__isnull=False, done_at__isnull=False
    ).values_list("served_at", "done_at")
    minutes = [(done - served).total_seconds() / 60 for served, done in spans if done >= served]
    return statistics.median(minutes) if minutes else None


def _counsellors_at_work(*, desk: Desk, day: datetime.date) -> int:
    """How many counsellors serve the line: those at a counter now, else those who called someone today."""
    busy = at_counters(desk=desk, day=day).exclude(called_by=None).values("called_by").distinct().count()
    if busy:
        return busy
    return Ticket.objects.filter(desk=desk, day=day).exclude(called_by=None).values("called_by").distinct().count()


def estimated_wait_minutes(*, desk: Desk, day: datetime.date, ahead: int) -> int:
    """Minutes before someone with ``ahead`` people before them is called: today's median service time ×
    people ahead ÷ counsellors serving (a default service time before anyone was served today)."""
    if ahead <= 0:
        return 0
    median = median_service_minutes(desk=desk, day=day) or DEFAULT_SERVICE_MINUTES
    counsellors = max(1, _counsellors_at_work(desk=desk, day=day))
    return math.ceil(median * ahead / counsellors)


@dataclass(frozen=True)
class ScreenTicket:
    number: int
    counter: str
    status: str


@dataclass(frozen=True)
class QueueState:
    """What the now-serving screen shows: no name, no phone, nothing about anyone but numbers."""

    desk: Desk
    serving: list[ScreenTicket]
    waiting: int
    estimated_wait_minutes: int
    updated_at: datetime.datetime


def queue_state(*, desk: Desk, now: datetime.datetime | None = None) -> QueueState:
    now = now or timezone.now()
    day = today(now)
    serving = [
        ScreenTicket(number=number, counter=counter, status=status)
        for number, counter, status in at_counters(desk=desk, day=day).values_list("number", "counter", "status")
    ]
    waiting = line(desk=desk, day=day).count()
    return QueueState(
        desk=desk,
        serving=serving,
        waiting=waiting,
        estimated_wait_minutes=estimated_wait_minutes(desk=desk, day=day, ahead=waiting),
        updated_at=now,
    )


def public_desk(*, slug: str) -> Desk:
    """A desk of the network by slug, for the public screen, or 404."""
    desk = None if "\x00" in str(slug) else Desk.objects.filter(slug=str(slug)[:100]).first()
    if desk is None:
        raise Http404(_("No such desk."))
    return desk


# The kiosk's one-time form key ---------------------------------------------------------------------------------------


def kiosk_form_key() -> str:
    """A signed random key for one kiosk form: sending the form twice gives one ticket."""
    return signing.dumps(secrets.token_urlsafe(16), salt=KIOSK_SALT)


def kiosk_key_digest(key: str) -> str | None:
    """The digest stored on the ticket of a kiosk form's key; None for a forged, malformed or stale key."""
    try:
        signing.loads(key, salt=KIOSK_SALT, max_age=KIOSK_FORM_MAX_AGE)
    except (signing.BadSignature, ValueError):
        return None
    secret = f"appointments.kiosk:{settings.SECRET_KEY}".encode()
    return hmac.new(secret, key.encode(), hashlib.sha256).hexdigest()


# Writing ------------------------------------------------------------------------------------------------------------


def _next_number(*, desk: Desk, day: datetime.date) -> int:
    """The desk's next number of the day: an insert that does nothing when the row is there, then one
    conditional update that raises and returns the number (the row stays locked until the caller commits)."""
    QueueCounter.objects.bulk_create(
        [QueueCounter(desk=desk, day=day, last_number=0)],
        ignore_conflicts=True,
    )
    table = connection.ops.quote_name(QueueCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_number = last_number + 1 WHERE desk_id = %s AND day = %s RETURNING last_number",
            [desk.pk, day],
        )
        return int(cursor.fetchone()[0])


def tickets_close_past_days(*, now: datetime.datetime | None = None, desk: Desk | None = None) -> int:
    """Tickets left open from earlier days leave the queue, and their phone numbers go (every desk, or one).

    Run when a desk issues its first ticket of a day; a daily task may run it for the whole network."""
    now = now or timezone.now()
    tickets = Ticket.objects.filter(day__lt=today(now)).exclude(status__in=(TicketStatus.DONE, TicketStatus.LEFT))
    if desk is not None:
        tickets = tickets.filter(desk=desk)
    return tickets.update(status=TicketStatus.LEFT, phone="", done_at=now)


@transaction.atomic
def ticket_issue(
    *,
    desk: Desk,
    reason: MeetingReason | None,
    language: str,
    phone: str = "",
    request_key: str | None = None,
    now: datetime.datetime | None = None,
) -> tuple[Ticket, bool]:
    """A person takes a ticket at the kiosk. Returns (ticket, new): the same kiosk form sent twice finds the
    first ticket. With a phone, the number is texted to them in their language."""
    now = now or timezone.now()
    if language not in dict(settings.LANGUAGES):
        raise QueueRefused(_("Choose a language."))
    if reason is not None and not reasons_of(desk=desk).filter(pk=reason.pk).exists():
        raise QueueRefused(_("This desk takes no walk-in for this reason."))
    if request_key:
        existing = Ticket.objects.filter(request_key=request_key).first()
        if existing is not None:
            return existing, False
    day = today(now)
    tickets_close_past_days(desk=desk, now=now)
    number = _next_number(desk=desk, day=day)
    try:
        with transaction.atomic():
            ticket = Ticket.objects.create(
                desk=desk,
                day=day,
                number=number,
                reason=reason,
                language=language,
                phone=phone,
                created_at=now,
                queued_at=now,
                request_key=request_key or None,
            )
    except IntegrityError:
        # The same form sent at the same moment (a double tap on two connections): the first one's ticket.
        existing = Ticket.objects.filter(request_key=request_key).first() if request_key else None
        if existing is None:
            raise
        transaction.set_rollback(True)
        return existing, False
    if ticket.phone:
        ahead = line(desk=desk, day=day).filter(Q(queued_at__lt=now) | Q(queued_at=now, number__lt=number)).count()
        notice = settings.GUICHET_QUEUE_NOTICE_AHEAD
        if notice > 0 and ahead <= notice:
            # The ticket's own text already says their turn is near: no second text for that.
            Ticket.objects.filter(pk=ticket.pk).update(notice_sent_at=now)
        _text(
            ticket,
            "appointments/queue/messages/ticket.txt",
            {
                "number": number,
                "ahead": ahead,
                "minutes": estimated_wait_minutes(desk=desk, day=day, ahead=ahead),
            },
        )
    return ticket, True


def _text(ticket: Ticket, template: str, context: dict) -> None:
    message_queue(
        to=str(ticket.phone),
        channel="sms",
        template=template,
        language=ticket.language,
        sender=ticket.desk.name,
        context={"desk": ticket.desk.name, **context},
        subject=gettext_lazy("Your turn at the desk"),
    )


def _notices_send(*, desk: Desk, day: datetime.date, now: datetime.datetime) -> int:
    """Text the people whose turn is near (GUICHET_QUEUE_NOTICE_AHEAD or fewer before them), once each."""
    ahead_limit = settings.GUICHET_QUEUE_NOTICE_AHEAD
    if ahead_limit <= 0:
        return 0
    sent = 0
    front = list(line(desk=desk, day=day).select_related("desk")[: ahead_limit + 1])
    for ahead, ticket in enumerate(front):
        if not ticket.phone or ticket.notice_sent_at is not None:
            continue
        # Claimed by one conditional update: two counsellors calling at once text the person once.
        if Ticket.objects.filter(pk=ticket.pk, notice_sent_at__isnull=True).update(notice_sent_at=now):
            _text(ticket, "appointments/queue/messages/near.txt", {"number": ticket.number, "ahead": ahead})
            sent += 1
    return sent


def _notices_after(*, desk: Desk, day: datetime.date, now: datetime.datetime) -> None:
    """Text the people now near the front: in this transaction, and again once it commits.

    Counsellors calling at the same moment each see the others' tickets as
    still waiting until they commit: each counts one person too many before
    the next ones. Read again after the commit, the last of them sees every
    call; the conditional update still sends each text once."""
    _notices_send(desk=desk, day=day, now=now)

    def again() -> None:
        with transaction.atomic():
            _notices_send(desk=desk, day=day, now=now)

    transaction.on_commit(again, robust=True)


def _audit_if_attached(actor: Actor, ticket: Ticket, detail: str) -> None:
    if ticket.beneficiary_id is not None:
        audit_record(actor=actor, action=AuditAction.TICKET_CALL, obj=ticket, detail=detail)


def _locked(ticket: Ticket) -> Ticket:
    return (
        Ticket.objects.select_for_update(of=("self",)).select_related("desk", "reason", "beneficiary").get(pk=ticket.pk)
    )


def counter_clean(counter: str) -> str:
    counter = " ".join(str(counter).split())[:COUNTER_MAX_LENGTH]
    if not counter:
        raise QueueRefused(_("Say which counter the person should come to."))
    return counter


@transaction.atomic
def ticket_call_next(
    *,
    actor: Actor,
    desk: Desk,
    counter: str,
    reasons: list[int] | None = None,
    now: datetime.datetime | None = None,
) -> Ticket | None:
    """The counsellor calls the next person: the oldest ticket in the line (of the reasons they handle),
    taken with SKIP LOCKED so two counsellors calling at once never take the same one. None: nobody waits."""
    now = now or timezone.now()
    counter = counter_clean(counter)
    user = actor.user
    day = today(now)
    if current_ticket(user=user, desk=desk, day=day) is not None:
        raise QueueRefused(_("Finish with the person at your counter first: served, or did not answer."))
    ticket = line(desk=desk, day=day, reasons=reasons).select_for_update(skip_locked=True).first()
    if ticket is None:
        return None
    ticket.status = TicketStatus.CALLED
    ticket.counter = counter
    ticket.called_by = user
    ticket.called_at = now
    ticket.calls += 1
    ticket.save(update_fields=["status", "counter", "called_by", "called_at", "calls"])
    _audit_if_attached(actor, ticket, "called")
    _notices_after(desk=desk, day=day, now=now)
    return ticket


def _check_mine(ticket: Ticket, actor: Actor) -> None:
    if ticket.status not in AT_COUNTER_STATUSES:
        raise QueueRefused(_("This ticket is not at a counter any more."))
    if ticket.called_by_id != actor.user.pk:
        raise QueueRefused(_("A colleague called this ticket: they close it."))


@transaction.atomic
def ticket_recall(*, actor: Actor, ticket: Ticket, now: datetime.datetime | None = None) -> Ticket:
    """Call the same number again (the screen shows it again as just called)."""
    ticket = _locked(ticket)
    _check_mine(ticket, actor)
    if ticket.status != TicketStatus.CALLED:
        raise QueueRefused(_("This person is already at your counter."))
    ticket.called_at = now or timezone.now()
    ticket.calls += 1
    ticket.save(update_fields=["called_at", "calls"])
    _audit_if_attached(actor, ticket, "recalled")
    return ticket


@transaction.atomic
def ticket_no_answer(*, actor: Actor, ticket: Ticket, now: datetime.datetime | None = None) -> Ticket:
    """Nobody came: the ticket goes back to the end of the line, or leaves it after the set number of misses."""
    now = now or timezone.now()
    ticket = _locked(ticket)
    _check_mine(ticket, actor)
    if ticket.status != TicketStatus.CALLED:
        raise QueueRefused(_("This person is already at your counter."))
    ticket.no_answers += 1
    if ticket.no_answers >= no_answer_limit():
        ticket.status, ticket.phone, ticket.done_at = TicketStatus.LEFT, "", now
    else:
        ticket.status, ticket.queued_at = TicketStatus.NO_ANSWER, now
    ticket.counter, ticket.called_by, ticket.called_at = "", None, None
    ticket.save(
        update_fields=["no_answers", "status", "phone", "done_at", "queued_at", "counter", "called_by", "called_at"]
    )
    _audit_if_attached(actor, ticket, ticket.status)
    _notices_after(desk=ticket.desk, day=ticket.day, now=now)
    return ticket


@transaction.atomic
def ticket_serve(*, actor: Actor, ticket: Ticket, now: datetime.datetime | None = None) -> Ticket:
    """The person came to the counter: the service time starts."""
    ticket = _locked(ticket)
    _check_mine(ticket, actor)
    if ticket.status == TicketStatus.SERVING:
        return ticket
    ticket.status, ticket.served_at = TicketStatus.SERVING, now or timezone.now()
    ticket.save(update_fields=["status", "served_at"])
    _audit_if_attached(actor, ticket, "serving")
    return ticket


@transaction.atomic
def ticket_done(*, actor: Actor, ticket: Ticket, now: datetime.datetime | None = None) -> Ticket:
    """The person was served: the ticket closes and its phone number goes."""
    now = now or timezone.now()
    ticket = _locked(ticket)
    _check_mine(ticket, actor)
    ticket.status, ticket.done_at, ticket.phone = TicketStatus.DONE, now, ""
    ticket.served_at = ticket.served_at or now
    ticket.save(update_fields=["status", "done_at", "phone", "served_at"])
    _audit_if_attached(actor, ticket, "done")
    return ticket


def file_find(*, user, desk: Desk, reference: str) -> Beneficiary:
    """A file of the ticket's desk in the user's scope, by its file number or public id, or 404."""
    reference = str(reference).strip()[:40]
    if not reference or "\x00" in reference:
        raise Http404(_("No such file."))
    files = people_selectors.beneficiary_list(user=user).filter(desk=desk)
    beneficiary = files.filter(Q(file_number__iexact=reference) | Q(public_id=reference)).first()
    if beneficiary is None:
        raise Http404(_("No such file."))
    return beneficiary


@transaction.atomic
def ticket_attach(*, actor: Actor, ticket: Ticket, beneficiary: Beneficiary) -> Ticket:
    """Attach the ticket to the person's file (a file of the ticket's desk): audited."""
    ticket = _locked(ticket)
    if beneficiary.desk_id != ticket.desk_id:
        raise Http404(_("No such file."))
    if ticket.beneficiary_id == beneficiary.pk:
        return ticket
    ticket.beneficiary = beneficiary
    ticket.save(update_fields=["beneficiary"])
    Beneficiary.objects.filter(pk=beneficiary.pk).update(last_activity_at=timezone.now())
    audit_record(actor=actor, action=AuditAction.TICKET_ATTACH, obj=ticket)
    return ticket
