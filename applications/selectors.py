"""Applications read through their scope: provider staff, a desk's counsellors, the person themself.

- Provider staff see the applications to their providers' programmes, of
  people whose consent to processing stands, and of a person only what
  admission needs (``admission_view``: ``people.selectors.PROVIDER_VISIBLE_FIELDS``
  and the criterion outcomes). They never read the notes of another
  provider's moves, nor any note written at the desk.
- A desk's counsellors see every application of their desk's people, with
  the whole log.
- The person sees their own, with the log's states and reasons.

Anything out of scope is 404, the same as absent.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.selectors import User, desks_of, providers_of
from applications import machine
from applications.models import Application, ApplicationEvent, Role, State
from catalog.criteria import criterion_label
from catalog.models import Programme, Provider, Session
from people.models import Beneficiary, Consent, ConsentPurpose
from people.selectors import PROVIDER_VISIBLE_FIELDS, provider_value

RELATED = ("beneficiary__desk", "programme__provider", "session")


def _consent_stands() -> Exists:
    return Exists(Consent.objects.filter(beneficiary=OuterRef("beneficiary")).live(ConsentPurpose.PROCESSING))


def applications_for_provider(*, user: User) -> QuerySet[Application]:
    """Applications to this user's providers' programmes, while the person's consent stands; none for others.

    Withdrawn ones with the consent or the file gone are not shown: the person
    is no longer shared with anyone.
    """
    return (
        Application.objects.filter(_consent_stands(), programme__provider__in=providers_of(user))
        .select_related(*RELATED)
        .order_by("-created_at", "-id")
    )


def applications_for_desk(*, user: User) -> QuerySet[Application]:
    """Applications of the people of this user's desks (counsellors); none for others."""
    return (
        Application.objects.filter(beneficiary__desk__in=desks_of(user))
        .select_related(*RELATED, "created_by")
        .order_by("-created_at", "-id")
    )


def applications_of_file(*, beneficiary: Beneficiary) -> QuerySet[Application]:
    """A file's applications, for a file already opened in scope (the counsellor's, or the person's own)."""
    return beneficiary.applications.select_related("programme__provider", "session").order_by("-created_at", "-id")


def _get(queryset: QuerySet[Application], public_id: str) -> Application:
    try:
        return queryset.prefetch_related("beneficiary__languages", "beneficiary__documents__document_type").get(
            public_id=str(public_id)
        )
    except Application.DoesNotExist as exc:
        raise Http404(_("No such application.")) from exc


def application_get_for_provider(*, user: User, public_id: str) -> Application:
    return _get(applications_for_provider(user=user), public_id)


def application_get_for_desk(*, user: User, public_id: str) -> Application:
    return _get(applications_for_desk(user=user), public_id)


def _own(*, user: User) -> QuerySet[Application]:
    if not user.is_authenticated or not user.is_active:
        return Application.objects.none()
    return Application.objects.filter(beneficiary__account=user).select_related(*RELATED)


def application_get_own(*, user: User, public_id: str) -> Application:
    return _get(_own(user=user), public_id)


def _scope(*, role: Role, user: User) -> QuerySet[Application]:
    """The applications ``role`` may read: the provider's, the desk's, or the person's own; none for others."""
    scopes = {Role.PROVIDER: applications_for_provider, Role.COUNSELLOR: applications_for_desk, Role.PERSON: _own}
    if role not in scopes:
        return Application.objects.none()
    return scopes[role](user=user)


def application_get_as(*, role: Role, user: User, public_id: str) -> Application:
    """The application in the scope of ``role``: the provider's, the desk's, or the person's own."""
    return _get(_scope(role=role, user=user), public_id)


def application_key_as(*, role: Role, user: User, public_id: str) -> tuple[int, int | None]:
    """(pk, the person's file's pk) of the application in the scope of ``role``, 404 outside it.

    What a move needs before it locks the row: the scope checked by the same
    query as the pages', without loading what only a page shows.
    """
    try:
        return (
            _scope(role=role, user=user)
            .filter(public_id=str(public_id))
            .values_list("pk", "beneficiary_id")
            .order_by()
            .get()
        )
    except Application.DoesNotExist as exc:
        raise Http404(_("No such application.")) from exc


def history(*, application: Application, role: Role) -> list[ApplicationEvent]:
    """The log, oldest first, as ``role`` reads it: the free-text notes are the desk's only.

    Provider staff read their own provider's moves and reasons; a note is for
    the person's desk (and the provider who wrote it), never another provider.
    """
    events = list(application.events.select_related("by").order_by("at", "id"))
    if role != Role.COUNSELLOR:
        for event in events:
            if not (role == Role.PROVIDER and event.role == Role.PROVIDER):
                event.note = ""
    return events


def admission_view(*, application: Application) -> dict:
    """What provider staff see of an application: the application, and of the person only what admission needs."""
    person = application.beneficiary
    return {
        "id": application.public_id,
        "applied_on": application.created_at,
        "state": application.state,
        "state_label": application.get_state_display(),
        "programme": application.programme.title,
        "session_id": application.session_id,
        "session_start": application.session.start_date if application.session else None,
        "wait_listed_at": application.wait_listed_at,
        "offer_expires_at": application.offer_expires_at,
        **{name: provider_value(person, name) for name in PROVIDER_VISIBLE_FIELDS},
        "eligibility": [
            {"key": c["key"], "label": criterion_label(c["key"]), "status": c["status"]}
            for c in application.eligibility
        ],
    }


def wait_list(*, session: Session) -> QuerySet[Application]:
    """The session's waiting list, first wait-listed first."""
    return session.applications.filter(state=State.WAIT_LISTED).order_by("wait_listed_at", "id")


def wait_list_position(*, application: Application) -> int | None:
    """The person's place in the session's waiting list (1 = next), or None when not wait-listed."""
    if application.state != State.WAIT_LISTED or application.wait_listed_at is None:
        return None
    ahead = Application.objects.filter(
        Q(wait_listed_at__lt=application.wait_listed_at)
        | Q(wait_listed_at=application.wait_listed_at, pk__lt=application.pk),
        session_id=application.session_id,
        state=State.WAIT_LISTED,
    ).count()
    return ahead + 1


def session_figures(*, session: Session) -> dict:
    """A session's public figures: no names."""
    return {
        "id": session.pk,
        "capacity": session.capacity,
        "seats_taken": session.seats_taken,
        "seats_left": max(session.capacity - session.seats_taken, 0),
        "wait_list": wait_list(session=session).count(),
    }


def sessions_for_provider(*, user: User) -> QuerySet[Session]:
    """The sessions of this user's providers' programmes (provider staff); none for others."""
    return Session.objects.filter(programme__provider__in=providers_of(user)).select_related("programme__provider")


def programmes_for_provider(*, user: User) -> QuerySet[Programme]:
    """The programmes of this user's providers (provider staff); none for others."""
    return Programme.objects.filter(provider__in=providers_of(user)).order_by("title", "pk")


def session_get_for_provider(*, user: User, session_id: int) -> Session:
    try:
        return sessions_for_provider(user=user).get(pk=session_id)
    except (Session.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404(_("No such session.")) from exc


# The desk's side ---------------------------------------------------------------------------------------------------


def applications_of_desk_by_decision(*, user: User, state: str = "") -> QuerySet[Application]:
    """The desk's people's applications, the latest moved first (``state``: only those in it)."""
    applications = applications_for_desk(user=user).order_by("-state_changed_at", "-id")
    return applications.filter(state=state) if state else applications


def _decided_since(since) -> Q:
    """Moves a counsellor did not make (a provider's decision, Guichet's clock) after ``since``."""
    return Q(role__in=(Role.PROVIDER, Role.SYSTEM), at__gt=since)


def decisions_since(*, user: User, since) -> QuerySet[Application]:
    """The desk's people's applications that a provider or Guichet moved since ``since``: the news to read."""
    moved = ApplicationEvent.objects.filter(_decided_since(since), application=OuterRef("pk"))
    return applications_for_desk(user=user).filter(Exists(moved)).order_by("-state_changed_at", "-id")


def decision_events_since(*, user: User, since) -> list[ApplicationEvent]:
    """Each of those moves, oldest first (the morning digest tells every one, by reference: no names)."""
    return list(
        ApplicationEvent.objects.filter(_decided_since(since), application__beneficiary__desk__in=desks_of(user))
        .select_related("application__programme")
        .order_by("at", "id")
    )


def desk_rows(applications) -> list[dict]:
    """Applications as a counsellor reads them on a file or a list: each with its place in the waiting list and
    what the counsellor may do with it now (withdraw it; answer an offer for the person). The last move is the
    application's state, since when, and its reason; the whole log is on the application's page."""
    applications = list(applications)
    positions = wait_list_positions(applications=applications)
    rows = []
    for application in applications:
        moves = machine.targets(source=application.state, role=Role.COUNSELLOR)
        rows.append(
            {
                "application": application,
                "position": positions.get(application.pk),
                "can_withdraw": State.WITHDRAWN in moves,
                "can_answer": State.ACCEPTED in moves and State.DECLINED in moves,
            }
        )
    return rows


def wait_list_positions(*, applications: Iterable[Application]) -> dict[int, int]:
    """Places in their sessions' waiting lists (1 = next) of the wait-listed ones among ``applications``, by pk.

    One query for a page of applications, where ``wait_list_position`` would make one each.
    """
    waiting = [a for a in applications if a.state == State.WAIT_LISTED and a.session_id is not None]
    if not waiting:
        return {}
    line = (
        Application.objects.filter(session_id__in={a.session_id for a in waiting}, state=State.WAIT_LISTED)
        .order_by("session_id", "wait_listed_at", "id")
        .values_list("pk", "session_id")
    )
    positions: dict[int, int] = {}
    place: dict[int, int] = defaultdict(int)
    for pk, session_id in line:
        place[session_id] += 1
        positions[pk] = place[session_id]
    return {a.pk: positions[a.pk] for a in waiting if a.pk in positions}


@dataclass
class SessionOverview:
    """One session as its provider's staff follow it: seats, the waiting list, applications per state."""

    session: Session | None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def per_state(self) -> list[tuple[State, int]]:
        """The states that have applications, in the states' order, with their counts."""
        return [(state, self.counts[state]) for state in State if self.counts.get(state)]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def wait_list(self) -> int:
        return self.counts.get(State.WAIT_LISTED, 0)

    @property
    def seats_left(self) -> int:
        return max(self.session.capacity - self.session.seats_taken, 0) if self.session else 0


@dataclass
class ProgrammeOverview:
    programme: Programme
    sessions: list[SessionOverview] = field(default_factory=list)
    past: list[SessionOverview] = field(default_factory=list)
    # Applications to the programme while no session is set yet.
    unscheduled: SessionOverview | None = None


@dataclass
class ProviderOverview:
    provider: Provider
    programmes: list[ProgrammeOverview] = field(default_factory=list)


def provider_overview(*, user: User, today: datetime.date) -> list[ProviderOverview]:
    """Provider staff's workspace: each of their providers, its programmes, their sessions (ended ones apart).

    Counts are of the applications the staff may see (``applications_for_provider``); four queries in all.
    """
    providers = list(providers_of(user).order_by("name", "pk"))
    programmes = programmes_for_provider(user=user)
    sessions = Session.objects.filter(programme__in=programmes).order_by("start_date", "pk")
    counts: dict[tuple[int, int | None], dict[str, int]] = defaultdict(dict)
    rows = applications_for_provider(user=user).order_by().values_list("programme_id", "session_id", "state")
    for programme_id, session_id, state, number in rows.annotate(number=Count("id")):
        counts[(programme_id, session_id)][state] = number
    by_programme: dict[int, ProgrammeOverview] = {}
    by_provider = {provider.pk: ProviderOverview(provider=provider) for provider in providers}
    for programme in programmes:
        overview = by_programme[programme.pk] = ProgrammeOverview(programme=programme)
        by_provider[programme.provider_id].programmes.append(overview)
        if counts.get((programme.pk, None)):
            overview.unscheduled = SessionOverview(session=None, counts=counts[(programme.pk, None)])
    for session in sessions:
        row = SessionOverview(session=session, counts=counts.get((session.programme_id, session.pk), {}))
        programme = by_programme[session.programme_id]
        (programme.past if session.end_date < today else programme.sessions).append(row)
    for programme in by_programme.values():
        programme.past.reverse()  # the last ended first
    return list(by_provider.values())
