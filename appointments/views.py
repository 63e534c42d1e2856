"""Public pages of the desk's day: free times, booking with a code, the manage link, calendars.

Thin: selectors read, services write. Every page works without JavaScript
on a feature phone: a free time is a button of a plain POST form; the
booking's state (the flow key its hold and code are bound to, the time,
where the code went) waits in the session between the steps, never in a
URL. A page reached by a manage link shows the appointment and nothing of
the person: the link may be forwarded or seen over a shoulder.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts import codes
from accounts.code_step import code_send
from accounts.models import CodePurpose
from appointments import booking, calendar, notices, selectors, services
from appointments.forms import CodeForm, ContactForm, NewPersonForm, TimeForm
from appointments.models import Appointment, MeetingReason
from catalog import selectors as catalog_selectors
from catalog.models import Desk
from people import selectors as people_selectors
from people.services import CONSENT_TEXT_VERSION

# The booking in progress, in the session: its flow key, held time, where the code went, what it proved.
BOOKING_KEY = "guichet_booking"
# The public id of the appointment just booked, for the page that follows the confirmation (PRG).
BOOKED_KEY = "guichet_booked"
# A proof of the phone or e-mail serves this booking for as long as a code would: then a new code is asked.
PROOF_LIFETIME = codes.CODE_LIFETIME
TOO_MANY_CODES = gettext_lazy("Too many codes were asked for. Wait an hour, or ask your desk.")
MAX_TOKEN_LENGTH = 400  # a manage token is about 60 characters; anything far longer is not one


# --- Free times ------------------------------------------------------------------------------------------------


def _week_asked(request: HttpRequest, reason: MeetingReason) -> tuple[int, str]:
    """The week offset asked for (0 = the coming seven days), clamped, and a message when it was not valid."""
    last = reason.max_weeks_ahead
    raw = request.GET.get("week", "0")
    try:
        week = int(raw[:6])
        if len(raw) > 6:
            raise ValueError(raw)
    except ValueError:
        return 0, _("This week does not exist. Here are the coming days.")
    if week < 0 or week > last:
        return (0 if week < 0 else last), _("Meetings for this are booked at most %(weeks)d weeks ahead.") % {
            "weeks": last
        }
    return week, ""


def _days(free: Iterable[selectors.FreeTime]) -> list[tuple[datetime.date, list[dict]]]:
    """Free times grouped by local day, each with its local time and the value its button sends."""
    days: dict[datetime.date, list[dict]] = {}
    for time in free:
        start = selectors.local(time.start)
        days.setdefault(start.date(), []).append({"local": start, "value": time.start.isoformat()})
    return list(days.items())


def _week_context(request: HttpRequest, *, desk: Desk, reason: MeetingReason, week: int) -> dict:
    today = selectors.local(timezone.now()).date()
    first = today + datetime.timedelta(weeks=week)
    last = first + datetime.timedelta(days=6)
    free = selectors.free_times(desk=desk, reason=reason, first=first, last=last)
    return {
        "desk": desk,
        "reason": reason,
        "week": week,
        "first": first,
        "last": last,
        "days": _days(free),
        "previous_week": week - 1 if week > 0 else None,
        "next_week": week + 1 if week < reason.max_weeks_ahead else None,
    }


def _next_free_context(desk: Desk, reason: MeetingReason, free: Iterable[selectors.FreeTime]) -> dict:
    return {"desk": desk, "reason": reason, "days": _days(free)}


def _booking(request: HttpRequest) -> dict:
    return request.session.get(BOOKING_KEY) or {}


def _booking_save(request: HttpRequest, booking_state: dict) -> None:
    request.session[BOOKING_KEY] = booking_state


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def free_times(request: HttpRequest, slug: str, reason: str) -> HttpResponse:
    """The free times of a desk for a reason, a week a page; pressing one holds it for ten minutes."""
    desk = catalog_selectors.desk_get(slug=slug)
    meeting_reason = selectors.reason_of(desk=desk, slug=reason)
    week, problem = _week_asked(request, meeting_reason)
    status = 400 if problem else 200
    if request.method == "POST":
        form = TimeForm(request.POST)
        if not form.is_valid():
            problem, status = form.errors["start"][0], 400
        else:
            state = _booking(request)
            flow = state.get("flow") or codes.flow_new()
            try:
                hold = services.slot_hold(
                    desk=desk, reason=meeting_reason, starts_at=form.cleaned_data["start"], flow=flow
                )
            except services.SlotTaken as taken:
                return _taken(request, desk=desk, reason=meeting_reason, taken=taken)
            except services.BookingRefused as refused:
                problem, status = refused.message, 400
            else:
                state.update(
                    flow=flow, hold=hold.pk, desk=desk.pk, reason=meeting_reason.pk, start=hold.starts_at.isoformat()
                )
                _booking_save(request, state)
                return redirect("appointments:confirm")
    context = _week_context(request, desk=desk, reason=meeting_reason, week=week)
    context.update(problem=problem, hold_minutes=services.HOLD_MINUTES)
    return render(request, "appointments/free_times.html", context, status=status)


def _taken(request: HttpRequest, *, desk: Desk, reason: MeetingReason, taken: services.SlotTaken) -> HttpResponse:
    """This time was just taken: say so, and offer the next free ones as buttons."""
    context = _next_free_context(desk, reason, taken.next_free)
    context["message"] = taken.message
    return render(request, "appointments/taken.html", context, status=409)


# --- Confirming: signed in (one button), or with a code -----------------------------------------------------------


def _pending(request: HttpRequest) -> tuple[dict, Desk, MeetingReason, datetime.datetime] | None:
    """The booking in progress: its state, desk, reason and time; None when there is none (or it is stale)."""
    state = _booking(request)
    try:
        desk = Desk.objects.get(pk=state["desk"])
        reason = MeetingReason.objects.get(pk=state["reason"])
        start = datetime.datetime.fromisoformat(state["start"])
    except (KeyError, TypeError, ValueError, Desk.DoesNotExist, MeetingReason.DoesNotExist):
        return None
    return state, desk, reason, start


def _proven(state: dict) -> str | None:
    """The phone or e-mail a code proved in this booking, while the proof is fresh."""
    proven, at = state.get("proven"), state.get("proven_at")
    if not proven or not at:
        return None
    try:
        if datetime.datetime.fromisoformat(at) + PROOF_LIFETIME < timezone.now():
            return None
    except ValueError:
        return None
    return proven


def _own_file(request: HttpRequest):
    """The signed-in person's own file, or None (nobody signed in, or a staff account)."""
    user = request.user
    if not user.is_authenticated or not people_selectors.is_beneficiary_account(user):
        return None
    return people_selectors.beneficiary_of(user=user)


def _no_booking(request: HttpRequest) -> HttpResponse:
    """No booking in progress: the one just made (a second tap, a reload), else the desks."""
    if request.session.get(BOOKED_KEY):
        return redirect("appointments:booked")
    return redirect("catalog:desk_list")


def _book(
    request: HttpRequest,
    *,
    state: dict,
    desk: Desk,
    reason: MeetingReason,
    start: datetime.datetime,
    beneficiary=None,
    new_person: dict | None = None,
) -> HttpResponse:
    """Turn the held time into the appointment, and answer every way it can go."""
    if beneficiary is None and not _proven(state):
        return redirect("appointments:confirm")  # the proof ran out meanwhile: a new code is asked
    try:
        if beneficiary is not None:
            appointment = booking.booking_confirm_signed_in(
                actor=request.actor,
                beneficiary=beneficiary,
                hold_id=state.get("hold"),
                flow=state["flow"],
                desk=desk,
                reason=reason,
                starts_at=start,
            )
        else:
            appointment = booking.booking_confirm_proven(
                actor=request.actor,
                destination=_proven(state),
                hold_id=state.get("hold"),
                flow=state["flow"],
                desk=desk,
                reason=reason,
                starts_at=start,
                new_person=new_person or state.get("new_person"),
                language=get_language(),
            )
    except booking.NeedsNewFile:
        state["needs_file"] = True
        _booking_save(request, state)
        return redirect("appointments:confirm")
    except booking.SeveralFiles as several:
        request.session.pop(BOOKING_KEY, None)
        return render(request, "appointments/problem.html", {"message": several.message, "desk": desk}, status=409)
    except services.SlotTaken as taken:
        return _taken(request, desk=desk, reason=reason, taken=taken)
    except services.AlreadyBooked as already:
        services.hold_release(flow=state["flow"])
        request.session.pop(BOOKING_KEY, None)
        context = {
            "message": _("You already have an appointment for this at this desk. Move it, or cancel it first."),
            "desk": desk,
            "manage": reverse("appointments:manage", kwargs={"token": notices.manage_token(already.appointment)}),
        }
        return render(request, "appointments/problem.html", context, status=409)
    except services.BookingRefused as refused:
        request.session.pop(BOOKING_KEY, None)
        return render(
            request,
            "appointments/problem.html",
            {"message": refused.message, "desk": desk, "reason": reason},
            status=400,
        )
    request.session.pop(BOOKING_KEY, None)
    request.session[BOOKED_KEY] = appointment.public_id
    return redirect("appointments:booked")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest) -> HttpResponse:
    """The held time, and how to confirm it: one button for a signed-in person, else a phone or e-mail."""
    pending = _pending(request)
    if pending is None:
        return _no_booking(request)
    state, desk, reason, start = pending
    hold = services.hold_get(hold_id=state.get("hold"), flow=state["flow"])
    beneficiary = _own_file(request)
    proven = None if beneficiary is not None else _proven(state)
    form: ContactForm | NewPersonForm | None = None
    status = 200
    if beneficiary is None and proven and state.get("needs_file"):
        form = NewPersonForm(request.POST or None)
        if request.method == "POST":
            if form.is_valid():
                return _book(request, state=state, desk=desk, reason=reason, start=start, new_person=form.cleaned_data)
            status = 400
    elif beneficiary is None and not proven:
        form = ContactForm(request.POST or None)
        if request.method == "POST":
            status = code_send(
                request=request,
                form=form,
                too_many=TOO_MANY_CODES,
                purpose=CodePurpose.CONFIRM_BOOKING,
                flow=state["flow"],
                desk=desk,
            )
            if status is None:
                data = form.cleaned_data
                state["destination"] = data["destination"]
                state["new_person"] = {
                    "first_name": data["first_name"].strip(),
                    "consent_processing": data["consent_processing"],
                    "consent_contact": data["consent_contact"],
                }
                _booking_save(request, state)
                return redirect("appointments:confirm_code")
    elif request.method == "POST":
        return _book(request, state=state, desk=desk, reason=reason, start=start, beneficiary=beneficiary)
    context = {
        "desk": desk,
        "reason": reason,
        "start": selectors.local(start),
        "held": hold is not None,
        "hold_minutes": services.HOLD_MINUTES,
        "form": form,
        "signed_in": beneficiary is not None,
        "proven": bool(proven),
        "consent_version": CONSENT_TEXT_VERSION,
    }
    return render(request, "appointments/confirm.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_code(request: HttpRequest) -> HttpResponse:
    """The code sent to the phone or e-mail: the same page whether the number is known or not."""
    pending = _pending(request)
    if pending is None:
        return _no_booking(request)
    state, desk, reason, start = pending
    if not state.get("destination"):
        return redirect("appointments:confirm")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if booking.code_prove(destination=state["destination"], code=form.cleaned_data["code"], flow=state["flow"]):
            state["proven"] = state["destination"]
            state["proven_at"] = timezone.now().isoformat()
            _booking_save(request, state)
            return _book(request, state=state, desk=desk, reason=reason, start=start)
        if _booked_meanwhile(request):
            return redirect("appointments:booked")
        form.add_error("code", _("This code is wrong or has expired. Ask for a new one."))
    context = {"form": form, "desk": desk, "reason": reason, "start": selectors.local(start)}
    return render(request, "appointments/confirm_code.html", context, status=400 if form.is_bound else 200)


def _booked_meanwhile(request: HttpRequest) -> bool:
    """A second tap on the code's button, sent before the first one's answer came back: its code is used, and
    the first tap has booked (the session as saved since says so). Its answer is then the booking, not an error."""
    saved = import_module(settings.SESSION_ENGINE).SessionStore(session_key=request.session.session_key)
    return bool(saved.get(BOOKED_KEY)) and not saved.get(BOOKING_KEY)


@never_cache
@require_safe
def booked(request: HttpRequest) -> HttpResponse:
    """After the confirmation (a redirect, so a reload books nothing): when, where, and the links."""
    public_id = request.session.get(BOOKED_KEY)
    appointment = (
        Appointment.objects.select_related("desk", "reason").filter(public_id=public_id).first() if public_id else None
    )
    if appointment is None:
        return redirect("catalog:desk_list")
    return render(request, "appointments/booked.html", _appointment_context(appointment))


def _appointment_context(appointment: Appointment) -> dict:
    token = notices.manage_token(appointment)
    return {
        "appointment": appointment,
        "start": selectors.local(appointment.starts_at),
        "end": selectors.local(appointment.ends_at),
        "token": token,
        "manage": reverse("appointments:manage", kwargs={"token": token}),
        "ics": reverse("appointments:manage_ics", kwargs={"token": token}),
    }


# --- The manage link: no account, one appointment, cancel or move ------------------------------------------------


def _from_token(request: HttpRequest, token: str) -> Appointment | None:
    if len(token) > MAX_TOKEN_LENGTH or "\x00" in token:
        return None
    return notices.appointment_from_token(token)


def _invalid_link(request: HttpRequest) -> HttpResponse:
    return render(request, "appointments/link_invalid.html", status=404)


@never_cache
@require_safe
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """The appointment a manage link opens: when, where, what for; links to move or cancel it."""
    appointment = _from_token(request, token)
    if appointment is None:
        return _invalid_link(request)
    return render(request, "appointments/manage.html", _appointment_context(appointment))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage_cancel(request: HttpRequest, token: str) -> HttpResponse:
    """Cancel: a page that asks first, then a POST."""
    appointment = _from_token(request, token)
    if appointment is None:
        return _invalid_link(request)
    context = _appointment_context(appointment)
    if request.method == "POST":
        try:
            services.appointment_cancel(actor=request.actor, appointment=appointment, by_person=True)
        except services.NotChangeable as refused:
            context["problem"] = refused.message
            return render(request, "appointments/manage.html", context, status=409)
        messages.success(request, _("Your appointment is cancelled. Its time is free for someone else."))
        return redirect("appointments:manage", token=token)
    if not appointment.is_live:
        return redirect("appointments:manage", token=token)
    return render(request, "appointments/manage_cancel.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage_move(request: HttpRequest, token: str) -> HttpResponse:
    """Move: the free times for the same reason at the same desk; pressing one moves the appointment there."""
    appointment = _from_token(request, token)
    if appointment is None:
        return _invalid_link(request)
    if not appointment.is_live:
        return redirect("appointments:manage", token=token)
    week, problem = _week_asked(request, appointment.reason)
    status = 400 if problem else 200
    if request.method == "POST":
        form = TimeForm(request.POST)
        if not form.is_valid():
            problem, status = form.errors["start"][0], 400
        else:
            try:
                services.appointment_move(
                    actor=request.actor, appointment=appointment, starts_at=form.cleaned_data["start"]
                )
            except services.SlotTaken as taken:
                problem, status = taken.message, 409
            except (services.BookingRefused, services.NotChangeable) as refused:
                problem, status = refused.message, 400
            else:
                messages.success(request, _("Your appointment is moved. A text with the new time was sent."))
                return redirect("appointments:manage", token=token)
    context = _appointment_context(appointment)
    context.update(_week_context(request, desk=appointment.desk, reason=appointment.reason, week=week))
    context["problem"] = problem
    return render(request, "appointments/manage_move.html", context, status=status)


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    return response


@require_safe
def manage_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The person's calendar copy of the appointment: REQUEST while it stands, CANCEL once cancelled."""
    appointment = _from_token(request, token)
    if appointment is None:
        return _invalid_link(request)
    return _ics_response(calendar.appointment_ics(appointment, language=get_language()), "appointment.ics")


# --- A counsellor's private calendar feed (outside the language prefix: calendars poll one address) ---------------


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Reads no session and sets no cookie: a calendar app polls it with nothing but the address."""
    counsellor = calendar.feed_owner(token)
    if counsellor is None:
        raise Http404("No such calendar.")
    body = calendar.feed_ics(calendar.feed_appointments(counsellor=counsellor), language=get_language())
    return _ics_response(body, "guichet.ics")
