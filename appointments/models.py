"""The desk's day: meetings booked with a counsellor, and the people who walk in.

What the database itself guards (the Python checks before it only choose
the message): on PostgreSQL, exclusion constraints (``btree_gist``,
``tstzrange``; migration 0002) refuse two live appointments of one
counsellor that overlap, and two holds of one counsellor that overlap; on
every database, a person holds one live appointment per desk and reason.
On SQLite, the embedded default, booking transactions are immediate
(guichet/settings.py): one at a time, each seeing the one before.

Times are stored in UTC and shown in the desk's time zone
(``GUICHET_TIME_ZONE``, Africa/Casablanca: UTC+1, UTC+0 during Ramadan).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from phonenumber_field.modelfields import PhoneNumberField

from catalog.models import Desk, Weekday
from people.models import Beneficiary, public_id_field


class MeetingChannel(models.TextChoices):
    IN_PERSON = "in_person", _("At the desk")
    PHONE = "phone", _("By phone")


class MeetingReason(models.Model):
    """Why a person meets a counsellor (first information, orientation interview…): how long, how, where."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("what it is for"), max_length=300, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=30)
    channel = models.CharField(
        _("how"), max_length=20, choices=MeetingChannel.choices, default=MeetingChannel.IN_PERSON
    )
    desks = models.ManyToManyField(
        Desk, related_name="meeting_reasons", blank=True, verbose_name=_("desks offering it")
    )
    # The booking window: not sooner than this many hours ahead, not later than this many weeks ahead.
    min_notice_hours = models.PositiveSmallIntegerField(_("booked at least (hours ahead)"), default=2)
    max_weeks_ahead = models.PositiveSmallIntegerField(_("booked at most (weeks ahead)"), default=8)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("reason for a meeting")
        verbose_name_plural = _("reasons for a meeting")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=240), name="reason_duration_sane"
            ),
            models.CheckConstraint(
                condition=Q(max_weeks_ahead__gte=1) & Q(max_weeks_ahead__lte=52), name="reason_window_sane"
            ),
            models.CheckConstraint(condition=Q(channel__in=MeetingChannel.values), name="reason_channel_known"),
        ]

    def __str__(self) -> str:
        return self.name


class Availability(models.Model):
    """A weekly period a counsellor receives at a desk, from a date until a date (bounded by opening hours)."""

    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="availabilities", verbose_name=_("counsellor")
    )
    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="availabilities", verbose_name=_("desk"))
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    valid_from = models.DateField(_("from the date"))
    valid_until = models.DateField(
        _("until the date"), null=True, blank=True, help_text=_("Empty: until further notice.")
    )

    class Meta:
        ordering = ["desk", "counsellor", "weekday", "starts"]
        verbose_name = _("availability")
        verbose_name_plural = _("availabilities")
        constraints = [
            models.CheckConstraint(condition=Q(starts__lt=F("ends")), name="availability_starts_before_ends"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="availability_weekday_valid"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="availability_dates_in_order",
            ),
        ]
        indexes = [models.Index(fields=["desk", "weekday"])]

    def __str__(self) -> str:
        return f"{self.counsellor} {self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"


class AbsenceKind(models.TextChoices):
    LEAVE = "leave", _("Leave")
    TRAINING = "training", _("Training day")
    OTHER = "other", _("Other")


class Absence(models.Model):
    """A counsellor away (leave, a training day): no meeting is offered with them then."""

    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="absences", verbose_name=_("counsellor")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AbsenceKind.choices, default=AbsenceKind.LEAVE)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        constraints = [
            models.CheckConstraint(condition=Q(starts_at__lt=F("ends_at")), name="absence_starts_before_ends")
        ]

    def __str__(self) -> str:
        return f"{self.counsellor} {self.get_kind_display()} {self.starts_at:%Y-%m-%d}"


class DeskClosure(models.Model):
    """A day a desk is closed: a public holiday (every desk when no desk is named) or the desk's own."""

    desk = models.ForeignKey(
        Desk,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="closures",
        verbose_name=_("desk"),
        help_text=_("Empty: every desk of the network (a public holiday)."),
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["date"]
        verbose_name = _("desk closure")
        verbose_name_plural = _("desk closures")
        constraints = [
            models.UniqueConstraint(fields=["desk", "date"], name="closure_unique_desk_day"),
            models.UniqueConstraint(fields=["date"], condition=Q(desk__isnull=True), name="closure_unique_holiday"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    SEEN = "seen", _("Seen")
    NO_SHOW = "no_show", _("Did not come")
    CANCELLED_BY_PERSON = "cancelled_by_person", _("Cancelled by the person")
    CANCELLED_BY_DESK = "cancelled_by_desk", _("Cancelled by the desk")


# The appointment still takes its counsellor's time: it is the only status the overlap rules look at.
LIVE_STATUSES = (AppointmentStatus.BOOKED,)


class BookedVia(models.TextChoices):
    ONLINE = "online", _("Online, by the person")
    DESK = "desk", _("At the desk, by a counsellor")
    WALK_IN = "walk_in", _("For a walk-in, on the spot")
    API = "api", _("Through the API")


class Appointment(models.Model):
    """A meeting of one person with one counsellor at a desk, for a reason, at a time."""

    public_id = public_id_field()
    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("desk"))
    reason = models.ForeignKey(
        MeetingReason, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("reason")
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("counsellor")
    )
    # Erasing a file keeps its appointments as anonymous counts (the erasure step sets this to NULL).
    beneficiary = models.ForeignKey(
        Beneficiary,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("file"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(
        _("status"), max_length=20, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED
    )
    booked_via = models.CharField(_("booked"), max_length=20, choices=BookedVia.choices)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("booked by"),
    )
    # The calendar's SEQUENCE: raised at every change of time or status, so calendars replace their copy.
    sequence = models.PositiveIntegerField(_("version"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    closed_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        constraints = [
            models.CheckConstraint(condition=Q(starts_at__lt=F("ends_at")), name="appointment_starts_before_ends"),
            models.CheckConstraint(condition=Q(status__in=AppointmentStatus.values), name="appointment_status_known"),
            models.CheckConstraint(condition=Q(booked_via__in=BookedVia.values), name="appointment_booked_via_known"),
            # One live appointment per person, desk and reason: a double tap, a retry or a second booking
            # for the same thing finds the first one.
            models.UniqueConstraint(
                fields=["beneficiary", "desk", "reason"],
                condition=Q(status="booked", beneficiary__isnull=False),
                name="appointment_one_live_per_reason",
            ),
            # (PostgreSQL: appointment_no_overlap, an exclusion constraint, in migration 0002.)
        ]
        indexes = [
            models.Index(fields=["desk", "starts_at"]),
            models.Index(fields=["counsellor", "starts_at"]),
            # The staff reports count the network's appointments of a period (reporting/indicators.py).
            models.Index(fields=["starts_at", "status"], name="appointment_starts_status"),
        ]

    def __str__(self) -> str:
        return f"{self.public_id} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES


class SlotHold(models.Model):
    """A time kept for 10 minutes for the one person typing their code, so nobody else reaches its confirmation.

    Holds past ``expires_at`` are dead: they are deleted before a new hold is
    written over them, and the free times ignore them.
    """

    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="+", verbose_name=_("desk"))
    reason = models.ForeignKey(MeetingReason, on_delete=models.CASCADE, related_name="+", verbose_name=_("reason"))
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("counsellor")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    expires_at = models.DateTimeField(_("held until"), db_index=True)
    # A keyed digest of the flow that holds it (a random key in the session): only that flow confirms it.
    flow_digest = models.CharField(_("flow digest"), max_length=64)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("held time")
        verbose_name_plural = _("held times")
        constraints = [
            models.CheckConstraint(condition=Q(starts_at__lt=F("ends_at")), name="slothold_starts_before_ends"),
            # (PostgreSQL: slothold_no_overlap, an exclusion constraint, in migration 0002.)
        ]
        indexes = [models.Index(fields=["counsellor", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.counsellor_id} {self.starts_at:%Y-%m-%d %H:%M} until {self.expires_at:%H:%M}"


class ReminderKind(models.TextChoices):
    DAY_BEFORE = "day_before", _("The day before")
    HOURS_BEFORE = "hours_before", _("A few hours before")


class Reminder(models.Model):
    """One reminder of an appointment, due at its own time, sent once or dropped once (never after the start)."""

    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("appointment")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    due_at = models.DateTimeField(_("due at"), db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    dropped_at = models.DateTimeField(_("dropped at"), null=True, blank=True)
    dropped_because = models.CharField(_("dropped because"), max_length=40, blank=True)

    class Meta:
        ordering = ["due_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["appointment", "kind"], name="reminder_one_per_kind"),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | Q(dropped_at__isnull=True), name="reminder_sent_or_dropped"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.appointment_id} {self.kind} {self.due_at:%Y-%m-%d %H:%M}"


class CalendarFeed(models.Model):
    """A counsellor's private calendar address: a revocable token, kept only as a digest."""

    counsellor = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("counsellor")
    )
    token_digest = models.CharField(_("token digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.counsellor)


# The walk-in queue ---------------------------------------------------------------------------------------------------


class QueueCounter(models.Model):
    """The last ticket number a desk gave on a day: numbers come from this row, raised in one statement.

    Never from counting the day's tickets, which repeats a number when two
    people take one at the same moment (services.ticket_issue).
    """

    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="+", verbose_name=_("desk"))
    day = models.DateField(pgettext_lazy("walk-in queue", "day"))
    last_number = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("ticket counter")
        verbose_name_plural = _("ticket counters")
        constraints = [models.UniqueConstraint(fields=["desk", "day"], name="queuecounter_one_per_desk_day")]

    def __str__(self) -> str:
        return f"{self.desk_id} {self.day:%Y-%m-%d} {self.last_number}"


class TicketStatus(models.TextChoices):
    WAITING = "waiting", pgettext_lazy("walk-in queue", "Waiting")
    CALLED = "called", _("Called to a counter")
    SERVING = "serving", _("Being served")
    NO_ANSWER = "no_answer", _("Did not answer, waiting again")
    DONE = "done", pgettext_lazy("walk-in queue", "Served")
    LEFT = "left", _("Left the queue")


# In the line (a counsellor's "call next" may take them), at a counter, and over.
IN_LINE_STATUSES = (TicketStatus.WAITING, TicketStatus.NO_ANSWER)
AT_COUNTER_STATUSES = (TicketStatus.CALLED, TicketStatus.SERVING)
CLOSED_TICKET_STATUSES = (TicketStatus.DONE, TicketStatus.LEFT)


class Ticket(models.Model):
    """A person who walked in, waiting their turn at a desk: a number of the day, shown on the screen.

    The phone (optional, for the texts "your number" and "your turn is near")
    is personal data: it is cleared as soon as the ticket is served or leaves
    the queue. Attached to a file, the ticket's changes by staff are audited.
    """

    public_id = public_id_field()
    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("desk"))
    day = models.DateField(pgettext_lazy("walk-in queue", "day"))
    number = models.PositiveIntegerField(pgettext_lazy("walk-in queue", "number"))
    reason = models.ForeignKey(
        MeetingReason,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("reason"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    phone = PhoneNumberField(_("phone"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=TicketStatus.choices, default=TicketStatus.WAITING)
    counter = models.CharField(pgettext_lazy("walk-in queue", "counter"), max_length=30, blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("called by"),
    )
    # Erasing a file keeps its tickets as anonymous counts (the erasure step sets this to NULL).
    beneficiary = models.ForeignKey(
        Beneficiary,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=pgettext_lazy("walk-in queue", "file"),
    )
    created_at = models.DateTimeField(_("taken at"), default=timezone.now)
    # When the ticket (re)joined the line: "call next" takes the oldest; a missed call puts it at the back.
    queued_at = models.DateTimeField(_("in the line since"), default=timezone.now)
    called_at = models.DateTimeField(pgettext_lazy("walk-in queue", "called at"), null=True, blank=True)
    served_at = models.DateTimeField(_("served from"), null=True, blank=True)
    done_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    calls = models.PositiveSmallIntegerField(pgettext_lazy("walk-in queue", "calls"), default=0)
    no_answers = models.PositiveSmallIntegerField(_("calls not answered"), default=0)
    # When the person was texted that their turn is near (once per ticket).
    notice_sent_at = models.DateTimeField(_("turn-near text sent at"), null=True, blank=True)
    # The kiosk form's one-time key (a digest): the same form sent twice (a double tap) finds the first ticket.
    request_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["day", "number"]
        verbose_name = _("walk-in ticket")
        verbose_name_plural = _("walk-in tickets")
        constraints = [
            models.UniqueConstraint(fields=["desk", "day", "number"], name="ticket_unique_number_of_the_day"),
            models.CheckConstraint(condition=Q(status__in=TicketStatus.values), name="ticket_status_known"),
            models.CheckConstraint(condition=Q(number__gte=1), name="ticket_number_positive"),
            # At a counter means someone called it; closed tickets keep no phone number.
            models.CheckConstraint(
                condition=~Q(status__in=AT_COUNTER_STATUSES) | Q(called_at__isnull=False),
                name="ticket_at_counter_was_called",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=CLOSED_TICKET_STATUSES) | (Q(phone="") & Q(done_at__isnull=False)),
                name="ticket_closed_keeps_no_phone",
            ),
        ]
        indexes = [models.Index(fields=["desk", "day", "status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.desk_id} {self.day:%Y-%m-%d} #{self.number}"

    @property
    def in_line(self) -> bool:
        return self.status in IN_LINE_STATUSES

    @property
    def at_counter(self) -> bool:
        return self.status in AT_COUNTER_STATUSES
