"""The counsellor's side of the day: the day's appointments, one appointment, booking from a file or for a
walk-in, their own availability and calendar. Thin: forms parse, appointments.staff and services write.

Counsellors of the desk only (``workspace_view``: others get 404, audited);
an appointment of another desk is 404 exactly like a missing one; every read
and change of an appointment is audited.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import selectors as roles
from accounts.models import Role, StaffRole
from appointments import calendar, selectors, services, staff
from appointments.models import BookedVia, CalendarFeed
from appointments.staff_forms import (
    AbsenceForm,
    AvailabilityForm,
    BookForm,
    CancelForm,
    DayForm,
    OutcomeForm,
    ReasonChoiceForm,
    TimeChoiceForm,
    WalkInForm,
)
from people import selectors as people_selectors
from people.views import workspace_view

WEEK = 7


def _first_desk(request: HttpRequest):
    desk = roles.desks_of(request.user).order_by("slug").first()
    if desk is None:
        raise Http404("No desk.")
    return desk


def _grouped(free_times: list[selectors.FreeTime]) -> list[tuple[datetime.date, list]]:
    """Free times by local day, each with its local start (for the labels) and ISO start (the value)."""
    days: dict[datetime.date, list] = defaultdict(list)
    for free in free_times:
        start = selectors.local(free.start)
        days[start.date()].append({"start": start, "value": start.isoformat(), "free": free.free})
    return sorted(days.items())


def _week_from(request: HttpRequest) -> datetime.date:
    """The first day of the week of free times shown (``?from=``), today when absent or malformed."""
    today = timezone.localdate()
    try:
        first = datetime.date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        return today
    return first if today <= first <= today + datetime.timedelta(weeks=52) else today


def _free_week(desk, reason, first: datetime.date) -> list[selectors.FreeTime]:
    return selectors.free_times(desk=desk, reason=reason, first=first, last=first + datetime.timedelta(days=WEEK - 1))


@require_safe
@workspace_view
def day(request: HttpRequest) -> HttpResponse:
    """The day's appointments at one of the counsellor's desks (``?date=YYYY-MM-DD&desk=slug``)."""
    desks = list(roles.desks_of(request.user).order_by("slug"))
    form = DayForm(request.GET, desks=desks)
    if not form.is_valid():
        context = {"form": form, "appointments": None, "desk": None, "day": None}
        return render(request, "appointments/staff/day.html", context, status=400)
    desk = next((d for d in desks if d.slug == form.cleaned_data["desk"]), desks[0] if desks else None)
    if desk is None:
        raise Http404("No desk.")
    chosen = form.cleaned_data["date"] or timezone.localdate()
    context = {
        "form": form,
        "desk": desk,
        "day": chosen,
        "appointments": list(selectors.appointments_of_day(user=request.user, desk=desk, day=chosen)),
        "now": timezone.now(),
        "walk_in_form": WalkInForm(initial={"desk": desk.slug}, desks=desks, reasons=selectors.reasons_of(desk=desk)),
        "previous_day": chosen - datetime.timedelta(days=1) if chosen > datetime.date.min else None,
        "next_day": chosen + datetime.timedelta(days=1) if chosen < datetime.date(9999, 12, 31) else None,
    }
    return render(request, "appointments/staff/day.html", context)


@require_POST
@workspace_view
def walk_in(request: HttpRequest) -> HttpResponse:
    """A person at the desk now: the next free time for the reason, with their file if they have one."""
    desks = list(roles.desks_of(request.user).order_by("slug"))
    desk_slug = request.POST.get("desk", "")
    desk = next((d for d in desks if d.slug == desk_slug), None)
    reasons = list(selectors.reasons_of(desk=desk)) if desk else []
    form = WalkInForm(request.POST, desks=desks, reasons=reasons)
    error = None
    if form.is_valid():
        reason = next(r for r in reasons if r.slug == form.cleaned_data["reason"])
        beneficiary = staff.walk_in_file(user=request.user, file_number=form.cleaned_data["file_number"])
        if form.cleaned_data["file_number"].strip() and beneficiary is None:
            form.add_error("file_number", _("No file of your desks has this number."))
        else:
            try:
                appointment = staff.walk_in_book(actor=request.actor, desk=desk, reason=reason, beneficiary=beneficiary)
            except staff.NoConsentToProcessing as exc:
                messages.error(request, str(exc))
                error = 409
            except services.AlreadyBooked as exc:
                messages.error(request, exc.message)
                return redirect("desk_appointments:detail", public_id=exc.appointment.public_id)
            except services.BookingRefused as exc:
                form.add_error(None, exc.message)
            else:
                when = selectors.local(appointment.starts_at)
                messages.success(
                    request,
                    _("Booked at %(time)s with %(counsellor)s.")
                    % {
                        "time": when.strftime("%H:%M"),
                        "counsellor": appointment.counsellor.get_full_name() or appointment.counsellor.get_username(),
                    },
                )
                return redirect(
                    f"{reverse('desk_appointments:day')}?date={when.date().isoformat()}&desk={appointment.desk.slug}"
                )
    desk = desk or (desks[0] if desks else None)
    if desk is None:
        raise Http404("No desk.")
    context = {
        "form": DayForm(desks=desks),
        "desk": desk,
        "day": timezone.localdate(),
        "appointments": list(selectors.appointments_of_day(user=request.user, desk=desk, day=timezone.localdate())),
        "now": timezone.now(),
        "walk_in_form": form,
    }
    return render(request, "appointments/staff/day.html", context, status=error or 400)


@require_safe
@workspace_view
def detail(request: HttpRequest, public_id: str) -> HttpResponse:
    appointment = staff.appointment_open(actor=request.actor, public_id=public_id)
    return _render_detail(request, appointment)


def _render_detail(request: HttpRequest, appointment, status: int = 200, **forms) -> HttpResponse:
    now = timezone.now()
    context = {
        "appointment": appointment,
        "now": now,
        "changeable": appointment.is_live and appointment.starts_at > now,
        "outcome_due": appointment.is_live and appointment.starts_at <= now,
        "cancel_form": forms.get("cancel_form") or CancelForm(),
        "outcome_form": forms.get("outcome_form") or OutcomeForm(),
    }
    return render(request, "appointments/staff/detail.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@workspace_view
def move(request: HttpRequest, public_id: str) -> HttpResponse:
    """Another free time for the same desk and reason."""
    appointment = staff.appointment_open(actor=request.actor, public_id=public_id)
    form = TimeChoiceForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.appointment_move(
                    actor=request.actor, appointment=appointment, starts_at=form.cleaned_data["start"]
                )
            except services.NotChangeable as exc:
                messages.error(request, exc.message)
                return _render_detail(request, appointment, status=409)
            except services.SlotTaken as exc:
                form.add_error(None, exc.message)
                status = 409
            except services.BookingRefused as exc:
                form.add_error("start", exc.message)
                status = 400
            else:
                messages.success(request, _("The appointment is moved. The person is told."))
                return redirect("desk_appointments:detail", public_id=appointment.public_id)
        else:
            status = 400
    first = _week_from(request)
    context = {
        "appointment": appointment,
        "form": form,
        "days": _grouped(_free_week(appointment.desk, appointment.reason, first)),
        "later": first + datetime.timedelta(days=WEEK),
        "earlier": first - datetime.timedelta(days=WEEK) if first > timezone.localdate() else None,
    }
    return render(request, "appointments/staff/move.html", context, status=status)


@require_POST
@workspace_view
def cancel(request: HttpRequest, public_id: str) -> HttpResponse:
    appointment = staff.appointment_open(actor=request.actor, public_id=public_id)
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, appointment, status=400, cancel_form=form)
    try:
        services.appointment_cancel(
            actor=request.actor, appointment=appointment, by_person=form.cleaned_data["by"] == "person"
        )
    except services.NotChangeable as exc:
        messages.error(request, exc.message)
        return _render_detail(request, appointment, status=409, cancel_form=form)
    messages.success(request, _("The appointment is cancelled. The person is told."))
    return redirect("desk_appointments:detail", public_id=appointment.public_id)


@require_POST
@workspace_view
def outcome(request: HttpRequest, public_id: str) -> HttpResponse:
    appointment = staff.appointment_open(actor=request.actor, public_id=public_id)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, appointment, status=400, outcome_form=form)
    try:
        services.appointment_outcome(actor=request.actor, appointment=appointment, status=form.cleaned_data["status"])
    except services.NotChangeable as exc:
        messages.error(request, exc.message)
        return _render_detail(request, appointment, status=409, outcome_form=form)
    messages.success(request, _("The outcome is recorded."))
    return redirect(request.POST.get("back") == "day" and _day_url(appointment) or appointment_url(appointment))


def appointment_url(appointment) -> str:
    return reverse("desk_appointments:detail", kwargs={"public_id": appointment.public_id})


def _day_url(appointment) -> str:
    day_of = selectors.local(appointment.starts_at).date().isoformat()
    return f"{reverse('desk_appointments:day')}?date={day_of}&desk={appointment.desk.slug}"


@require_http_methods(["GET", "HEAD", "POST"])
@workspace_view
def file_book(request: HttpRequest, public_id: str) -> HttpResponse:
    """Book for the person of a file: the reason (``?reason=``), then one of the week's free times."""
    beneficiary = people_selectors.beneficiary_get(user=request.user, public_id=public_id)
    desk = beneficiary.desk
    reasons = list(selectors.reasons_of(desk=desk))
    counsellors = [role.user for role in _counsellor_roles(desk)]
    data = request.POST if request.method == "POST" else None
    reason_form = ReasonChoiceForm(data or request.GET, reasons=reasons)
    reason = None
    if reason_form.is_valid():
        reason = next(r for r in reasons if r.slug == reason_form.cleaned_data["reason"])
    form = BookForm(data, reasons=reasons, counsellors=counsellors, initial={"reason": reason and reason.slug})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                appointment, _new = staff.book_for_file(
                    actor=request.actor,
                    desk=desk,
                    reason=reason,
                    starts_at=form.cleaned_data["start"],
                    beneficiary=beneficiary,
                    booked_via=BookedVia.DESK,
                    counsellor_id=form.cleaned_data["counsellor"],
                )
            except staff.NoConsentToProcessing as exc:
                messages.error(request, str(exc))
                status = 409
            except services.AlreadyBooked as exc:
                form.add_error(None, exc.message)
                status = 409
            except services.SlotTaken as exc:
                form.add_error(None, exc.message)
                status = 409
            except services.BookingRefused as exc:
                form.add_error("start", exc.message)
            else:
                messages.success(request, _("The appointment is booked. The person is told."))
                return redirect(f"{beneficiary.get_absolute_url()}#appointments")
    elif request.GET.get("reason") is not None and reason is None:
        status = 400
    first = _week_from(request)
    context = {
        "beneficiary": beneficiary,
        "reason_form": reason_form
        if reason is None
        else ReasonChoiceForm(initial={"reason": reason.slug}, reasons=reasons),
        "reason": reason,
        "form": form,
        "days": _grouped(_free_week(desk, reason, first)) if reason else [],
        "later": first + datetime.timedelta(days=WEEK),
        "earlier": first - datetime.timedelta(days=WEEK) if first > timezone.localdate() else None,
    }
    return render(request, "appointments/staff/book.html", context, status=status)


def _counsellor_roles(desk):
    return StaffRole.objects.filter(role=Role.COUNSELLOR, desk=desk, user__is_active=True).select_related("user")


@require_http_methods(["GET", "HEAD", "POST"])
@workspace_view
def availability(request: HttpRequest) -> HttpResponse:
    """The counsellor's own weekly periods and absences, and their private calendar address."""
    desks = list(roles.desks_of(request.user).order_by("slug"))
    availability_form = AvailabilityForm(desks=desks)
    absence_form = AbsenceForm()
    status = 200
    feed_url = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "availability":
            availability_form = AvailabilityForm(request.POST, desks=desks)
            if availability_form.is_valid():
                data = availability_form.cleaned_data
                try:
                    staff.availability_add(
                        actor=request.actor,
                        desk=next(d for d in desks if d.slug == data["desk"]),
                        weekday=data["weekday"],
                        starts=data["starts"],
                        ends=data["ends"],
                        valid_from=data["valid_from"],
                        valid_until=data["valid_until"],
                    )
                except staff.DeskRefused as exc:
                    availability_form.add_error(None, exc.message)
                else:
                    messages.success(request, _("The period is added."))
                    return redirect("desk_appointments:availability")
            status = 400
        elif action == "absence":
            absence_form = AbsenceForm(request.POST)
            if absence_form.is_valid():
                data = absence_form.cleaned_data
                try:
                    staff.absence_add(actor=request.actor, kind=data["kind"], first=data["first"], last=data["last"])
                except staff.DeskRefused as exc:
                    absence_form.add_error(None, exc.message)
                else:
                    messages.success(request, _("The absence is added."))
                    return redirect("desk_appointments:availability")
            status = 400
        elif action in ("remove_availability", "remove_absence"):
            try:
                item = int(request.POST.get("id", ""))
            except ValueError as exc:
                raise Http404("No such period.") from exc
            if not 0 < item < 2**31:
                raise Http404("No such period.")
            remove = staff.availability_remove if action == "remove_availability" else staff.absence_remove
            remove(actor=request.actor, **{f"{action.removeprefix('remove_')}_id": item})
            messages.success(request, _("Removed."))
            return redirect("desk_appointments:availability")
        elif action == "feed_renew":
            token = calendar.feed_token_renew(counsellor=request.user)
            feed_url = request.build_absolute_uri(f"/calendar/{token}.ics")
        elif action == "feed_revoke":
            calendar.feed_revoke(counsellor=request.user)
            messages.success(request, _("The calendar address no longer works."))
            return redirect("desk_appointments:availability")
        else:
            messages.error(request, _("This action is not known."))
            status = 400
    context = {
        "availabilities": staff.availabilities_of(user=request.user),
        "absences": staff.absences_of(user=request.user),
        "opening_hours": staff.opening_hours_of(user=request.user),
        "availability_form": availability_form,
        "absence_form": absence_form,
        "feed_url": feed_url,
        "has_feed": CalendarFeed.objects.filter(counsellor=request.user).exists(),
    }
    response = render(request, "appointments/staff/availability.html", context, status=status)
    if feed_url:
        response["Cache-Control"] = "no-store"  # the address is shown once
    return response
