"""Applications: one person, one session of a programme (or a programme whose next session is not set yet).

The states and who may move an application between them are declared once,
in ``applications/machine.py``; every move is a row of ``ApplicationEvent``
(append-only on PostgreSQL, migration 0003), written in the move's
transaction. A session's seats are taken by applications ``accepted``,
``offered`` and ``enrolled``: the counter ``catalog.Session.seats_taken``
moves by a conditional UPDATE in the same transaction, and its check
constraint ``seats_taken <= capacity`` is the last guard.

What the database guards here: one live application per person and session
(or per programme when no session is set), an offer always has its
deadline, a wait-listed application its place in the line.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Programme, Session
from people.models import Beneficiary, public_id_field


class State(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    ACCEPTED = "accepted", _("Accepted")
    WAIT_LISTED = "wait_listed", _("On the waiting list")
    REFUSED = "refused", _("Not accepted")
    OFFERED = "offered", _("Seat offered")
    DECLINED = "declined", _("Offer declined")
    EXPIRED = "expired", _("Expired")
    ENROLLED = "enrolled", _("Enrolled")
    COMPLETED = "completed", _("Completed")
    DROPPED_OUT = "dropped_out", _("Dropped out")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Waiting for someone's decision: turned "withdrawn" when the person is accepted elsewhere at the same time.
PENDING_STATES = (State.SUBMITTED, State.UNDER_REVIEW, State.WAIT_LISTED, State.OFFERED)
# Holding one of the session's seats.
SEAT_STATES = (State.ACCEPTED, State.OFFERED, State.ENROLLED)
# A person applies once to a session while the application is live.
LIVE_STATES = (*PENDING_STATES, State.ACCEPTED, State.ENROLLED)
FINAL_STATES = (State.REFUSED, State.DECLINED, State.EXPIRED, State.COMPLETED, State.DROPPED_OUT, State.WITHDRAWN)
# A provider's first decision on an application: the reports' acceptance rate and time to a decision.
DECISIONS = (State.ACCEPTED, State.WAIT_LISTED, State.REFUSED)
# The funnel's steps past applying, and the person's milestone each one sets (people.Beneficiary).
MILESTONES = {State.ACCEPTED: "accepted_at", State.ENROLLED: "enrolled_at", State.COMPLETED: "completed_at"}


class Role(models.TextChoices):
    """In which capacity a move was made: the log says it, whoever the user."""

    PERSON = "person", _("The person")
    COUNSELLOR = "counsellor", _("Counsellor")
    PROVIDER = "provider", _("Training provider")
    SYSTEM = "system", _("Guichet (automatic)")


class Reason(models.TextChoices):
    """Why a move was made: a fixed list, translated; refusals and drop-outs choose one."""

    # Refused
    PREREQUISITES = "prerequisites", _("Admission criteria not met")
    DOCUMENTS_MISSING = "documents_missing", _("Documents missing")
    SESSION_FULL = "session_full", _("No seat left in this session")
    NO_SHOW_INTERVIEW = "no_show_interview", _("Did not come to the admission interview")
    UNREACHABLE = "unreachable", _("Could not be reached")
    OTHER = "other", _("Another reason")
    # Withdrawn
    BY_PERSON = "by_person", _("Withdrawn by the person")
    BY_COUNSELLOR = "by_counsellor", _("Withdrawn by the counsellor at the person's request")
    ACCEPTED_ELSEWHERE = "accepted_elsewhere", _("Accepted in another training at the same time")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("The person withdrew their consent to processing")
    FILE_ERASED = "file_erased", _("The person's file was erased")
    # Expired
    NO_DECISION = "no_decision", _("No decision in time")
    OFFER_UNANSWERED = "offer_unanswered", _("The offer was not answered in time")
    # Completed
    CERTIFIED = "certified", _("Certificate obtained")
    NOT_CERTIFIED = "not_certified", _("Completed without the certificate")
    # Dropped out
    FOUND_WORK = "found_work", _("Found work")
    MOVED_AWAY = "moved_away", _("Moved away")
    HEALTH = "health", _("Health")
    FAMILY = "family", _("Family reasons")
    MONEY = "money", _("Money or transport")
    NOT_SUITED = "not_suited", _("The training did not suit them")


class Channel(models.TextChoices):
    DESK = "desk", _("By a counsellor at the desk")
    ONLINE = "online", _("By the person, online")


class Application(models.Model):
    """One person's application to one session of a programme (or to the programme, no session set yet)."""

    public_id = public_id_field()
    # Null once the person's file is erased: the application stays as an anonymous count.
    beneficiary = models.ForeignKey(
        Beneficiary,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("beneficiary"),
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="applications", verbose_name=_("programme")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("session"),
    )
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.SUBMITTED)
    channel = models.CharField(_("made"), max_length=10, choices=Channel.choices, default=Channel.DESK)
    # The admission check when applying, as [{"key": "age", "status": "met"}, …]: outcomes, never the answers.
    eligibility = models.JSONField(_("admission criteria"), default=list)
    # What the person agreed to share with the provider (field names of people.selectors.PROVIDER_VISIBLE_FIELDS).
    shared_fields = models.JSONField(_("shared with the provider"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("made on"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    state_changed_at = models.DateTimeField(_("state since"), default=timezone.now)
    # The line of a session's waiting list: the moment of wait-listing.
    wait_listed_at = models.DateTimeField(_("wait-listed at"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True)
    offer_reminded_at = models.DateTimeField(_("offer reminder sent at"), null=True, blank=True)
    # The last move's reason (the log keeps them all).
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    # The first decision and its instant, as the log says them: written by the move that makes it
    # (ApplicationEvent.save), read by the reports without going through the log.
    first_decision = models.CharField(
        _("first decision"), max_length=16, choices=[(s.value, s.label) for s in DECISIONS], blank=True, editable=False
    )
    first_decided_at = models.DateTimeField(_("first decided on"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.CheckConstraint(condition=Q(state__in=State.values), name="application_state_valid"),
            models.CheckConstraint(
                condition=Q(reason="") | Q(reason__in=Reason.values), name="application_reason_valid"
            ),
            models.UniqueConstraint(
                fields=["beneficiary", "session"],
                condition=Q(state__in=LIVE_STATES, session__isnull=False),
                name="application_one_live_per_session",
            ),
            models.UniqueConstraint(
                fields=["beneficiary", "programme"],
                condition=Q(state__in=LIVE_STATES, session__isnull=True),
                name="application_one_live_per_programme_without_session",
            ),
            models.CheckConstraint(
                condition=~Q(state=State.OFFERED) | Q(offer_expires_at__isnull=False),
                name="application_offer_has_deadline",
            ),
            models.CheckConstraint(
                condition=~Q(state=State.WAIT_LISTED) | Q(wait_listed_at__isnull=False, session__isnull=False),
                name="application_wait_list_has_place",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=SEAT_STATES) | Q(session__isnull=False),
                name="application_seat_needs_session",
            ),
            models.CheckConstraint(
                condition=Q(first_decision="", first_decided_at__isnull=True)
                | Q(first_decision__in=DECISIONS, first_decided_at__isnull=False),
                name="application_first_decision_whole",
            ),
        ]
        indexes = [
            models.Index(fields=["session", "state", "wait_listed_at"], name="application_wait_line"),
            models.Index(fields=["state", "state_changed_at"], name="application_state_age"),
            # The staff reports count applications made in a period (reporting/indicators.py).
            models.Index(fields=["created_at"], name="application_created"),
            models.Index(fields=["first_decided_at"], name="application_first_decided"),
        ]

    def __str__(self) -> str:
        return self.public_id

    def save(self, *args, **kwargs) -> None:
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding and self.beneficiary_id:
            milestone_reach(self.beneficiary_id, "applied_at", self.created_at)

    @property
    def holds_seat(self) -> bool:
        return self.state in SEAT_STATES

    @property
    def is_live(self) -> bool:
        return self.state in LIVE_STATES


class ApplicationEvent(models.Model):
    """One move of an application: from, to, when (UTC), by whom and in which role, why. Append-only."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="events", verbose_name=_("application")
    )
    from_state = models.CharField(_("from"), max_length=16, choices=State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=16, choices=State.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    role = models.CharField(_("as"), max_length=12, choices=Role.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    # Free text with the reason: read by the person's desk, never by another provider.
    note = models.TextField(_("note"), max_length=1000, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        constraints = [
            models.CheckConstraint(condition=Q(to_state__in=State.values), name="application_event_to_valid"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="application_event_role_valid"),
        ]
        # The staff reports count moves to a state in a period: decisions, enrolments, completions, drop-outs.
        indexes = [models.Index(fields=["to_state", "at"], name="application_event_state_at")]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_state or '-'} → {self.to_state}"

    def save(self, *args, **kwargs) -> None:
        """Append the move, and the milestones it reaches: the application's first decision, the person's first
        acceptance, enrolment, completion (an earlier instant wins, whatever the order moves are written in)."""
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:
            return
        if self.to_state in DECISIONS:
            Application.objects.filter(
                Q(first_decided_at__isnull=True) | Q(first_decided_at__gt=self.at), pk=self.application_id
            ).update(first_decision=self.to_state, first_decided_at=self.at)
        field = MILESTONES.get(self.to_state)
        if field is not None:
            beneficiary_id = Application.objects.filter(pk=self.application_id).values_list("beneficiary_id")[:1]
            milestone_reach(beneficiary_id, field, self.at)


def milestone_reach(beneficiary, field: str, at) -> None:
    """Set a person's milestone ``field`` to ``at`` unless it was reached earlier (one conditional UPDATE;
    ``beneficiary``: an id, or a subquery giving it)."""
    Beneficiary.objects.filter(Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gt": at}), pk=beneficiary).update(
        **{field: at}
    )


class DigestSubscription(models.Model):
    """A counsellor who asked for the daily e-mail of their desk's applications' decisions (at their address)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("counsellor")
    )
    created_at = models.DateTimeField(_("asked on"), default=timezone.now)
    last_sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("daily digest of decisions")
        verbose_name_plural = _("daily digests of decisions")

    def __str__(self) -> str:
        return str(self.user_id)
