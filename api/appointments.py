"""The desk's day in the API: a desk's reasons and free times (public), and appointments for the desk's
counsellors (booking, cancelling, listing, the .ics of one).

Free times and reasons are public: no personal data. Appointments are for
signed-in counsellors of the desk (the session of the staff sign-in, both
factors, as the pages): an anonymous caller gets 401; anyone else, and any
desk, file or appointment out of the caller's desks, 404 exactly like a
missing one. Every read and change of an appointment is audited. Writes
with the session cookie need Django's CSRF token (``X-CSRFToken``), as the
pages' forms do. Times are ISO 8601 with their offset, in the desk's time
zone (Morocco: +01:00, +00:00 during Ramadan).

A booking sent twice (a retry) answers the appointment the first one made,
200 instead of 201. A time just taken answers 409 with the next free times.
"""

from __future__ import annotations

import datetime
import re
from typing import Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.security import django_auth
from pydantic import ConfigDict

from accounts import selectors as roles
from api.common import PAGE_PARAMS, SLUG_PATTERN, ApiError, Lang, Limit, Offset, check_params, page, use_language
from api.schemas import ErrorOut
from appointments import calendar, selectors, services, staff
from appointments.models import Appointment, BookedVia
from audit.models import AuditAction, AuditObject
from audit.services import audit_record
from catalog.models import Desk
from people import selectors as people_selectors

router = Router(tags=["appointments"])

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
PUBLIC_ID_PATTERN = r"^[-a-zA-Z0-9_]{1,22}$"


class ReasonOut(Schema):
    slug: str
    name: str
    duration_minutes: int
    channel: str


class ReasonList(Schema):
    count: int
    items: list[ReasonOut]


class FreeTimeOut(Schema):
    start: datetime.datetime = Field(description="ISO 8601 with the offset of the desk's time zone.")
    end: datetime.datetime
    free: int = Field(description="How many counsellors are free then.")


class FreeTimeList(Schema):
    count: int
    items: list[FreeTimeOut]


class AppointmentOut(Schema):
    id: str = Field(description="The appointment's opaque identifier.")
    desk: str
    reason: str
    start: datetime.datetime
    end: datetime.datetime
    status: str
    counsellor: str
    beneficiary: str | None = Field(description="The file's public id; null for a walk-in without a file.")
    sequence: int


class AppointmentList(Schema):
    count: int
    items: list[AppointmentOut]


class TakenOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}
    next_free: list[FreeTimeOut] = Field(default=[], description="The next free times, when the time was taken.")


class AppointmentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    desk: str = Field(max_length=100, description="The desk's slug.")
    reason: str = Field(max_length=100, description="The reason's slug (see /api/v1/desks/{slug}/reasons).")
    start: str = Field(
        max_length=40, description="A free time's start, ISO 8601 with its offset (from the availability)."
    )
    beneficiary: str | None = Field(None, max_length=22, description="The file's public id; none for a walk-in.")
    lang: Lang | None = None


PUBLIC_REFUSALS = {400: ErrorOut, 404: ErrorOut}
# Anonymous: 401; signed in, out of scope: 404; a write without the CSRF token of the session: 403.
REFUSALS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _desk(slug: str) -> Desk:
    desk = Desk.objects.filter(slug=slug).first() if re.fullmatch(SLUG_PATTERN, slug) else None
    if desk is None:
        raise ApiError(404, _("No desk has this identifier."))
    return desk


def _date(value: str | None, name: str) -> datetime.date | None:
    if value is None:
        return None
    if re.fullmatch(DATE_PATTERN, value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise ApiError(
        400,
        _("Some parameters are not valid."),
        {name: [_("Write the date as year-month-day, for example 2030-06-30.")]},
    )


def _free_time(free: selectors.FreeTime) -> dict:
    return {"start": selectors.local(free.start), "end": selectors.local(free.end), "free": free.free}


def _appointment(appointment: Appointment) -> dict:
    return {
        "id": appointment.public_id,
        "desk": appointment.desk.slug,
        "reason": appointment.reason.slug,
        "start": selectors.local(appointment.starts_at),
        "end": selectors.local(appointment.ends_at),
        "status": appointment.status,
        "counsellor": appointment.counsellor.get_username(),
        "beneficiary": appointment.beneficiary.public_id if appointment.beneficiary else None,
        "sequence": appointment.sequence,
    }


def _not_found() -> ApiError:
    return ApiError(404, _("Not found."))


def _counsellors_only(request: HttpRequest) -> None:
    if not roles.can_use_workspace(request.user):
        audit_record(actor=request.actor, action=AuditAction.ACCESS_REFUSED, obj=AuditObject.APPOINTMENT)
        raise _not_found()


def _my_desk(request: HttpRequest, slug: str) -> Desk:
    desk = roles.desks_of(request.user).filter(slug=slug).first()
    if desk is None:
        raise ApiError(404, _("No desk of yours has this identifier."))
    return desk


def _my_appointment(request: HttpRequest, appointment_id: str) -> Appointment:
    _counsellors_only(request)
    if not re.fullmatch(PUBLIC_ID_PATTERN, appointment_id):
        raise _not_found()
    try:
        return staff.appointment_open(actor=request.actor, public_id=appointment_id)
    except Http404 as exc:
        raise _not_found() from exc


# Public: a desk's reasons and free times.


@router.get(
    "/desks/{slug}/reasons", response={200: ReasonList, **PUBLIC_REFUSALS}, url_name="desk_reasons", summary="Reasons"
)
def desk_reasons(request: HttpRequest, slug: str, lang: Lang | None = None):
    """The reasons one can book a meeting for at the desk, in their order, texts in ``?lang=``."""
    use_language(lang)
    check_params(request, {"lang"})
    reasons = list(selectors.reasons_of(desk=_desk(slug)))
    items = [
        {"slug": r.slug, "name": r.name, "duration_minutes": r.duration_minutes, "channel": r.channel} for r in reasons
    ]
    return {"count": len(items), "items": items}


@router.get(
    "/desks/{slug}/availability",
    response={200: FreeTimeList, **PUBLIC_REFUSALS},
    url_name="desk_availability",
    summary="Free times",
)
def desk_availability(
    request: HttpRequest,
    slug: str,
    reason: str = Query(..., max_length=100, description="A reason the desk offers (its slug)."),
    first: str | None = Query(
        None, alias="from", description="First day, YYYY-MM-DD (default: today).", pattern=DATE_PATTERN
    ),
    last: str | None = Query(
        None,
        alias="to",
        description=f"Last day, YYYY-MM-DD (default: a week from the first; at most {selectors.MAX_DAYS} days).",
        pattern=DATE_PATTERN,
    ),
    lang: Lang | None = None,
):
    """The times a meeting for ``reason`` can start, each with how many counsellors are free then."""
    use_language(lang)
    check_params(request, {"lang", "reason", "from", "to"})
    desk = _desk(slug)
    offered = selectors.reasons_of(desk=desk).filter(slug=reason).first()
    if offered is None:
        raise ApiError(
            400, _("Some parameters are not valid."), {"reason": [_("This desk offers no meeting for this reason.")]}
        )
    start = _date(first, "from") or timezone.localdate()
    end = _date(last, "to") or min(start + datetime.timedelta(days=6), datetime.date.max)
    if end < start:
        raise ApiError(400, _("Some parameters are not valid."), {"to": [_("The last day comes before the first.")]})
    if (end - start).days >= selectors.MAX_DAYS:
        raise ApiError(
            400,
            _("Some parameters are not valid."),
            {"to": [_("Ask for at most %(days)d days at once.") % {"days": selectors.MAX_DAYS}]},
        )
    items = [_free_time(free) for free in selectors.free_times(desk=desk, reason=offered, first=start, last=end)]
    return {"count": len(items), "items": items}


# Counsellors of the desk: appointments.


@router.post(
    "/appointments",
    response={200: AppointmentOut, 201: AppointmentOut, 409: TakenOut, 422: ErrorOut, **REFUSALS},
    url_name="appointment_book",
    auth=django_auth,
    summary="Book an appointment",
)
def appointment_book(request: HttpRequest, payload: AppointmentIn):
    """Book a free time for a file (``beneficiary``) or a walk-in (no file). 201 with the appointment; 200
    with it when the same booking was already made (a retry); 409 when the time was just taken (with the
    next free times), when the person already has an appointment for this reason at the desk, or when
    their consent to processing is withdrawn."""
    use_language(payload.lang)
    _counsellors_only(request)
    desk = _my_desk(request, payload.desk)
    reason = selectors.reasons_of(desk=desk).filter(slug=payload.reason).first()
    if reason is None:
        raise ApiError(
            400, _("Some answers are not valid."), {"reason": [_("This desk offers no meeting for this reason.")]}
        )
    try:
        starts_at = datetime.datetime.fromisoformat(payload.start)
    except ValueError:
        starts_at = None
    if starts_at is None or starts_at.tzinfo is None:
        raise ApiError(
            400,
            _("Some answers are not valid."),
            {"start": [_("Give the time as ISO 8601 with its offset, for example 2030-06-30T09:00:00+01:00.")]},
        )
    beneficiary = None
    if payload.beneficiary is not None:
        try:
            beneficiary = people_selectors.beneficiary_get(user=request.user, public_id=payload.beneficiary)
        except Http404 as exc:
            raise ApiError(404, _("No file of yours has this identifier.")) from exc
    try:
        appointment, new = staff.book_for_file(
            actor=request.actor,
            desk=desk,
            reason=reason,
            starts_at=starts_at,
            beneficiary=beneficiary,
            booked_via=BookedVia.API,
        )
    except services.SlotTaken as exc:
        return Status(409, {"detail": exc.message, "next_free": [_free_time(free) for free in exc.next_free]})
    except services.AlreadyBooked as exc:
        return Status(409, {"detail": exc.message, "next_free": []})
    except staff.NoConsentToProcessing as exc:
        return Status(409, {"detail": str(exc), "next_free": []})
    except services.BookingRefused as exc:
        raise ApiError(400, exc.message, {"start": [exc.message]}) from exc
    return Status(201 if new else 200, _appointment(appointment))


@router.post(
    "/appointments/{appointment_id}/cancel",
    response={200: AppointmentOut, 409: ErrorOut, **REFUSALS},
    url_name="appointment_cancel",
    auth=django_auth,
    summary="Cancel an appointment",
)
def appointment_cancel(
    request: HttpRequest,
    appointment_id: str,
    by: Literal["person", "desk"] = Query("desk", description="Who asked: the person or the desk."),
    lang: Lang | None = None,
):
    """Cancel an appointment that has not begun: its time is free again; the person is told."""
    use_language(lang)
    check_params(request, {"lang", "by"})
    appointment = _my_appointment(request, appointment_id)
    try:
        appointment = services.appointment_cancel(
            actor=request.actor, appointment=appointment, by_person=by == "person"
        )
    except services.NotChangeable as exc:
        raise ApiError(409, exc.message) from exc
    return _appointment(appointment)


@router.get(
    "/appointments",
    response={200: AppointmentList, **REFUSALS},
    url_name="appointment_list",
    summary="Appointments",
    auth=django_auth,
)
def appointment_list(
    request: HttpRequest,
    desk: str | None = Query(None, max_length=100, description="One of your desks (default: the first)."),
    date: str | None = Query(None, description="The day, YYYY-MM-DD (default: today).", pattern=DATE_PATTERN),
    limit: Limit = 50,
    offset: Offset = 0,
    lang: Lang | None = None,
):
    """A day's appointments at one of your desks, by time."""
    use_language(lang)
    check_params(request, PAGE_PARAMS | {"desk", "date"})
    _counsellors_only(request)
    if desk is None:
        chosen = roles.desks_of(request.user).order_by("slug").first()
        if chosen is None:
            raise _not_found()
    else:
        chosen = _my_desk(request, desk)
    day = _date(date, "date") or timezone.localdate()
    count, appointments = page(selectors.appointments_of_day(user=request.user, desk=chosen, day=day), limit, offset)
    for appointment in appointments:
        audit_record(actor=request.actor, action=AuditAction.APPOINTMENT_READ, obj=appointment)
    return {"count": count, "items": [_appointment(a) for a in appointments]}


@router.get(
    "/appointments/{appointment_id}.ics",
    response={**REFUSALS},
    url_name="appointment_ics",
    auth=django_auth,
    summary="One appointment as iCalendar",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The appointment as an iCalendar file (REQUEST, or CANCEL once cancelled).",
                "content": {"text/calendar": {"schema": {"type": "string"}}},
            }
        }
    },
)
def appointment_ics(request: HttpRequest, appointment_id: str, lang: Lang | None = None):
    use_language(lang)
    check_params(request, {"lang"})
    appointment = _my_appointment(request, appointment_id)
    body = calendar.appointment_ics(appointment, language=lang or request.LANGUAGE_CODE)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="appointment-{appointment.public_id}.ics"'
    return response
