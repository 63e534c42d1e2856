"""Applications and seats in the API: counsellors apply for their desk's people, provider staff decide, both
follow the log; a session's seat figures are public.

Scoped as the pages (``applications/selectors.py``): provider staff see the
applications to their providers' programmes, and of a person only what
admission needs (``selectors.admission_view``: no nationality, residence
status, document numbers, contact details nor desk notes); a desk's
counsellors see their desk's people's applications, with the file's public
id. Anything out of scope is 404 exactly like a missing one. Every staff read
of an application is audited. Signed-in staff only (both factors, the session
of the staff sign-in): anonymous callers get 401. Writes with the session
cookie need Django's CSRF token (``X-CSRFToken``), as the pages' forms do.

A user who is both provider staff and a counsellor acts as provider staff on
the applications to their provider, as a counsellor on the others.

Moves follow the one table of ``applications/machine.py``: a move not allowed
from the application's state (a double click, a stale page), or an accept with
no seat left, answers 409 and changes nothing.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.security import django_auth
from pydantic import ConfigDict

from accounts import selectors as roles
from api.common import PAGE_PARAMS, SLUG_PATTERN, ApiError, Lang, Limit, Offset, check_params, page, use_language
from api.schemas import ErrorOut
from applications import selectors, services
from applications.models import Application, Role, State
from audit.models import AuditAction, AuditObject
from audit.services import audit_record
from catalog.models import Programme, Session
from people import selectors as people_selectors
from people.selectors import PROVIDER_VISIBLE_FIELDS
from people.services import NoConsentToProcessing

router = Router(tags=["applications"])

PUBLIC_ID_PATTERN = r"^[-a-zA-Z0-9_]{1,22}$"
# The largest id a session can have (a 64-bit key): beyond it no session exists, and the database could not compare.
MAX_ID = 2**63 - 1
STATES = ", ".join(State.values)


class ApplicationCriterionOut(Schema):
    key: str
    label: str
    status: str


class ApplicationDocumentOut(Schema):
    name: str
    seen: bool


class HistoryEventOut(Schema):
    """One move of the log. ``from`` is null for the first event (the application made)."""

    model_config = ConfigDict(serialize_by_alias=True, populate_by_name=True)

    from_state: str | None = Field(alias="from")
    to: str
    at: datetime.datetime
    role: str
    reason: str = Field(description="The reason's code, empty when the move takes none.")
    reason_label: str
    note: str = Field(
        description="Free text given with the move: the desk reads every note, provider staff only their own."
    )


class _ApplicationFields(Schema):
    id: str = Field(description="The application's opaque identifier.")
    state: str
    state_label: str
    reason: str = Field(description="The last move's reason code, empty when it took none.")
    reason_label: str
    programme: str = Field(description="The programme's slug.")
    programme_title: str
    provider: str = Field(description="The provider's slug.")
    session: int | None = Field(description="The session's id; null when the programme has no session set yet.")
    session_start: datetime.date | None
    created_at: datetime.datetime
    state_changed_at: datetime.datetime
    wait_listed_at: datetime.datetime | None
    offer_expires_at: datetime.datetime | None = Field(description="Until when an offered seat waits for an answer.")


class DeskApplicationOut(_ApplicationFields):
    """An application as the person's desk reads it."""

    view: Literal["desk"]
    beneficiary: str | None = Field(description="The file's public id.")


class ProviderApplicationOut(_ApplicationFields):
    """An application as provider staff read it: of the person, only what admission needs."""

    view: Literal["provider"]
    first_name: str
    last_name: str
    birth_year: int | None
    schooling: str | None
    languages: list[str]
    documents: list[ApplicationDocumentOut] = Field(description="The papers held (names only) and whether seen.")
    eligibility: list[ApplicationCriterionOut] = Field(description="The admission check made when applying.")


WAIT_LIST_POSITION = "The place in the session's waiting list (1: next); null when not on it."


# One parent each: the document names a schema by its class, and a class reached twice would be counted twice.
class DeskApplicationDetailOut(DeskApplicationOut):
    wait_list_position: int | None = Field(description=WAIT_LIST_POSITION)
    history: list[HistoryEventOut]


class ProviderApplicationDetailOut(ProviderApplicationOut):
    wait_list_position: int | None = Field(description=WAIT_LIST_POSITION)
    history: list[HistoryEventOut]


ApplicationItem = Annotated[DeskApplicationOut | ProviderApplicationOut, Field(discriminator="view")]
ApplicationDetail = Annotated[DeskApplicationDetailOut | ProviderApplicationDetailOut, Field(discriminator="view")]


class ApplicationPage(Schema):
    count: int
    items: list[ApplicationItem]


class ApplicationIn(Schema):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"session": 12, "beneficiary": "x7Kq2mP9sT4vW1yZ3aB5cD", "lang": "fr"}]},
    )

    beneficiary: str = Field(max_length=22, description="The file's public id (a file of your desk).")
    session: int | None = Field(
        None, ge=1, le=MAX_ID, strict=True, description="The session's id (see /api/v1/programmes/{slug})."
    )
    programme: str | None = Field(
        None,
        max_length=100,
        description="The programme's slug: without a session, its next open session (or none yet); with one, "
        "it must be the session's programme.",
    )
    lang: Lang | None = None


class TransitionIn(Schema):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"to": "refused", "reason": "documents_missing", "note": ""}]}
    )

    to: str = Field(max_length=20, description=f"The state to move to: {STATES}.")
    reason: str = Field("", max_length=20, description="A reason code from the move's fixed list (refusals need one).")
    note: str = Field("", max_length=services.NOTE_MAX, description="Free text for the person's desk.")
    lang: Lang | None = None


class SessionFiguresOut(Schema):
    id: int
    capacity: int
    seats_taken: int
    seats_left: int
    wait_list: int = Field(description="How many people are on the waiting list.")


class CapacityIn(Schema):
    model_config = ConfigDict(extra="forbid")

    capacity: int = Field(strict=True, description=f"From 1 to {services.MAX_CAPACITY}, never below the seats taken.")
    lang: Lang | None = None


# Anonymous: 401; signed in, out of scope: 404; a write without the CSRF token of the session: 403.
REFUSALS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _not_found() -> ApiError:
    return ApiError(404, _("No application of yours has this identifier."))


def _refused(request: HttpRequest, public_id: str = "") -> ApiError:
    """Out of scope: audited as the pages do, answered as missing."""
    obj = (AuditObject.APPLICATION, public_id) if public_id else AuditObject.APPLICATION
    audit_record(actor=request.actor, action=AuditAction.ACCESS_REFUSED, obj=obj)
    return _not_found()


def _role_for(request: HttpRequest, public_id: str) -> Role:
    """Provider staff on the applications to their provider, a counsellor on the others (404: neither)."""
    user = request.user
    provider_staff = roles.is_provider_staff(user)
    if not re.fullmatch(PUBLIC_ID_PATTERN, public_id):
        raise _refused(request)
    if provider_staff and selectors.applications_for_provider(user=user).filter(public_id=public_id).exists():
        return Role.PROVIDER
    if roles.is_counsellor(user):
        return Role.COUNSELLOR
    if provider_staff:
        return Role.PROVIDER
    raise _refused(request, public_id)


def _list_role(request: HttpRequest, asked: str | None) -> Role:
    user = request.user
    provider_staff, counsellor = roles.is_provider_staff(user), roles.is_counsellor(user)
    if asked == Role.PROVIDER and provider_staff:
        return Role.PROVIDER
    if asked == Role.COUNSELLOR and counsellor:
        return Role.COUNSELLOR
    if asked is None and (provider_staff or counsellor):
        return Role.PROVIDER if provider_staff else Role.COUNSELLOR
    raise _refused(request)


def _fields(application: Application) -> dict:
    session = application.session
    return {
        "id": application.public_id,
        "state": application.state,
        "state_label": application.get_state_display(),
        "reason": application.reason,
        "reason_label": application.get_reason_display() if application.reason else "",
        "programme": application.programme.slug,
        "programme_title": application.programme.title,
        "provider": application.programme.provider.slug,
        "session": application.session_id,
        "session_start": session.start_date if session else None,
        "created_at": application.created_at,
        "state_changed_at": application.state_changed_at,
        "wait_listed_at": application.wait_listed_at,
        "offer_expires_at": application.offer_expires_at,
    }


def _item(application: Application, role: Role) -> dict:
    if role == Role.PROVIDER:
        # The one statement of what provider staff may see of a person: admission_view, read field by field.
        seen = selectors.admission_view(application=application)
        person = {name: seen[name] for name in PROVIDER_VISIBLE_FIELDS}
        return {**_fields(application), "view": "provider", **person, "eligibility": seen["eligibility"]}
    beneficiary = application.beneficiary
    return {**_fields(application), "view": "desk", "beneficiary": beneficiary.public_id if beneficiary else None}


def _detail(application: Application, role: Role) -> dict:
    history = [
        {
            "from": event.from_state or None,
            "to": event.to_state,
            "at": event.at,
            "role": event.role,
            "reason": event.reason,
            "reason_label": event.get_reason_display() if event.reason else "",
            "note": event.note,
        }
        for event in selectors.history(application=application, role=role)
    ]
    return {
        **_item(application, role),
        "wait_list_position": selectors.wait_list_position(application=application),
        "history": history,
    }


def _session(session_id: int) -> Session:
    session = (
        Session.objects.filter(pk=session_id, programme__is_published=True)
        .select_related("programme__provider")
        .first()
    )
    if session is None:
        raise ApiError(404, _("No session has this identifier."))
    return session


@router.post(
    "/applications",
    response={200: DeskApplicationOut, 201: DeskApplicationOut, 409: ErrorOut, 422: ErrorOut, **REFUSALS},
    url_name="application_submit",
    auth=django_auth,
    summary="Apply for a person",
)
def application_submit(request: HttpRequest, payload: ApplicationIn):
    """A counsellor applies, for a person of their desk (``beneficiary``), to a ``session``, or to a
    ``programme`` (its next open session, or none when it has none set yet). 201 with the application; 200
    with the same application when the person already applied (a retry). 400: a session closed to
    applications, or of another programme. 404: a file, session or programme unknown or out of your desks.
    409: the person's consent to the processing of their data is withdrawn (nothing is shared)."""
    use_language(payload.lang)
    if not roles.can_use_workspace(request.user):
        raise _refused(request)
    if payload.session is None and payload.programme is None:
        message = _("Give a session, or a programme.")
        raise ApiError(400, _("Some answers are not valid."), {"session": [message]})
    try:
        if not re.fullmatch(PUBLIC_ID_PATTERN, payload.beneficiary):
            raise Http404
        beneficiary = people_selectors.beneficiary_get(user=request.user, public_id=payload.beneficiary)
    except Http404 as exc:
        raise ApiError(404, _("No file of yours has this identifier.")) from exc
    session = _session(payload.session) if payload.session is not None else None
    if payload.programme is not None:
        programme = None
        if re.fullmatch(SLUG_PATTERN, payload.programme):
            programme = Programme.objects.published().filter(slug=payload.programme).first()
        if programme is None:
            raise ApiError(404, _("No training has this identifier."))
    else:
        programme = session.programme
    try:
        applied = services.application_submit(
            actor=request.actor, beneficiary=beneficiary, programme=programme, session=session, role=Role.COUNSELLOR
        )
    except services.ApplicationRefused as exc:
        raise ApiError(400, str(exc), {"session": [str(exc)]}) from exc
    except NoConsentToProcessing as exc:
        raise ApiError(409, str(exc)) from exc
    return Status(201 if applied.created else 200, _item(applied.application, Role.COUNSELLOR))


@router.get(
    "/applications",
    response={200: ApplicationPage, **REFUSALS},
    url_name="application_list",
    auth=django_auth,
    summary="Applications",
)
def application_list(
    request: HttpRequest,
    state: str | None = Query(None, max_length=20, description=f"Only this state: {STATES}."),
    session: int | None = Query(None, ge=1, le=MAX_ID, description="Only this session's (its id)."),
    programme: str | None = Query(None, max_length=100, pattern=SLUG_PATTERN, description="Only this programme's."),
    role: Literal["provider", "counsellor"] | None = Query(
        None, description="For a user with both roles: the provider's applications, or the desk's (default: provider)."
    ),
    limit: Limit = 50,
    offset: Offset = 0,
    lang: Lang | None = None,
):
    """Newest first. Provider staff: the applications to their programmes, each with what admission needs of the
    person. Counsellors: their desk's people's applications, each with the file's public id."""
    use_language(lang)
    check_params(request, PAGE_PARAMS | {"state", "session", "programme", "role"})
    as_role = _list_role(request, role)
    if as_role == Role.PROVIDER:
        applications = selectors.applications_for_provider(user=request.user).prefetch_related(
            "beneficiary__languages", "beneficiary__documents__document_type"
        )
    else:
        applications = selectors.applications_for_desk(user=request.user)
    if state is not None:
        if state not in State.values:
            message = _("Unknown state. Choose one of: %(values)s.") % {"values": STATES}
            raise ApiError(400, message, {"state": [message]})
        applications = applications.filter(state=state)
    if session is not None:
        applications = applications.filter(session_id=session)
    if programme is not None:
        applications = applications.filter(programme__slug=programme)
    count, items = page(applications, limit, offset)
    for application in items:
        audit_record(actor=request.actor, action=AuditAction.APPLICATION_READ, obj=application)
    return {"count": count, "items": [_item(application, as_role) for application in items]}


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationDetail, **REFUSALS},
    url_name="application_detail",
    by_alias=True,
    auth=django_auth,
    summary="One application and its log",
)
def application_detail(request: HttpRequest, application_id: str, lang: Lang | None = None):
    """The application and its log, oldest move first (``from`` null for the first). Notes: the desk reads
    every one, provider staff their own provider's only."""
    use_language(lang)
    check_params(request, {"lang"})
    role = _role_for(request, application_id)
    try:
        application = services.application_open(actor=request.actor, public_id=application_id, role=role)
    except Http404 as exc:
        raise _not_found() from exc
    return _detail(application, role)


@router.post(
    "/applications/{application_id}/transitions",
    response={200: ApplicationDetail, 409: ErrorOut, 422: ErrorOut, **REFUSALS},
    url_name="application_transition",
    by_alias=True,
    auth=django_auth,
    summary="Move an application",
)
def application_transition(request: HttpRequest, application_id: str, payload: TransitionIn):
    """Move the application to state ``to``, with a ``reason`` from the move's list when it takes one (refusal,
    completion, drop-out) and an optional ``note``. Provider staff decide (under review, accepted, on the waiting
    list, refused, offered, enrolled, completed, dropped out); the person's counsellor withdraws and answers an
    offer (accepted, declined). 200 with the application. 409: a move not possible from its state (already decided),
    or an accept with no seat left (wait-list instead); nothing changed. 400: an unknown state or a reason not in
    the move's list."""
    use_language(payload.lang)
    role = _role_for(request, application_id)
    try:
        application = services.application_move(
            actor=request.actor,
            public_id=application_id,
            to=payload.to,
            role=role,
            reason=payload.reason,
            note=payload.note,
        )
    except Http404 as exc:
        raise _refused(request, application_id) from exc
    except services.MoveRefused as exc:
        raise ApiError(409, str(exc)) from exc
    except services.BadReason as exc:
        raise ApiError(400, str(exc)) from exc
    return _detail(application, role)


@router.get(
    "/sessions/{session_id}",
    response={200: SessionFiguresOut, 400: ErrorOut, 404: ErrorOut},
    url_name="session_figures",
    summary="A session's seats",
)
def session_figures(request: HttpRequest, session_id: int = Path(..., ge=1, le=MAX_ID), lang: Lang | None = None):
    """A session's public figures: capacity, seats taken and left, how many wait. No names."""
    use_language(lang)
    check_params(request, {"lang"})
    return selectors.session_figures(session=_session(session_id))


@router.patch(
    "/sessions/{session_id}",
    response={200: SessionFiguresOut, 409: ErrorOut, 422: ErrorOut, **REFUSALS},
    url_name="session_capacity",
    auth=django_auth,
    summary="Change a session's capacity",
)
def session_capacity(request: HttpRequest, payload: CapacityIn, session_id: int = Path(..., ge=1, le=MAX_ID)):
    """Provider staff of the session's provider raise or lower its capacity. Raised: the freed seats are offered to
    the waiting list at once. 409: below the seats taken; 400: not from 1 to the maximum; nothing changed."""
    use_language(payload.lang)
    if not 1 <= payload.capacity <= services.MAX_CAPACITY:
        message = _("The capacity is a whole number from 1 to %(max)s.") % {"max": services.MAX_CAPACITY}
        raise ApiError(400, message, {"capacity": [message]})
    try:
        session = services.session_capacity_set(actor=request.actor, session_id=session_id, capacity=payload.capacity)
    except Http404 as exc:
        raise ApiError(404, _("No session of yours has this identifier.")) from exc
    except services.CapacityRefused as exc:
        return Status(409, {"detail": str(exc)})
    return selectors.session_figures(session=session)
