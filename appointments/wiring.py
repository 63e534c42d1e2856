"""What the desk's day adds to the apps below it, connected once at start-up (AppointmentsConfig.ready).

- the audit log names appointments and tickets by their public ids;
- erasing a file keeps its appointments and tickets as anonymous counts;
- pages of lower apps show the desk's day at their named places
  (``core/panels.py``): the desk's page, a person's file, their own space,
  the orientation results.
"""

from __future__ import annotations

from django.template.loader import render_to_string


def connect() -> None:
    from appointments.models import Appointment
    from audit.models import AuditObject
    from audit.services import audit_object_register
    from people.rights import erasure_step_register

    audit_object_register(model=Appointment, kind=AuditObject.APPOINTMENT, id_field="public_id")
    erasure_step_register(file_erase)
    from core.panels import panel_register

    panel_register("desk_detail", desk_panel)
    panel_register("me_home", me_panel)
    panel_register("orientation_results", orientation_panel)
    from people.export import export_section_register

    export_section_register(model=Appointment, section="appointments", rows=file_export)


def file_erase(beneficiary) -> None:
    """A file is erased: its appointments stay as anonymous counts (desk, reason, time, outcome), and the
    ones still to come are cancelled, freeing their time."""
    from django.utils import timezone

    from appointments.models import LIVE_STATUSES, Appointment, AppointmentStatus

    now = timezone.now()
    Appointment.objects.filter(beneficiary=beneficiary, status__in=LIVE_STATUSES, starts_at__gt=now).update(
        status=AppointmentStatus.CANCELLED_BY_PERSON, closed_at=now
    )
    Appointment.objects.filter(beneficiary=beneficiary).update(beneficiary=None)


def desk_panel(request, *, desk) -> str:
    """On a desk's page: the reasons one can book a meeting for, each a link to its free times."""
    from appointments import selectors

    reasons = list(selectors.reasons_of(desk=desk))
    if not reasons:
        return ""
    return render_to_string("appointments/panels/desk.html", {"desk": desk, "reasons": reasons}, request=request)


def me_panel(request, *, beneficiary) -> str:
    """In the person's own space: their appointments to come (each with its manage link) and past ones."""
    from django.utils import timezone

    from appointments import selectors, services

    now = timezone.now()
    upcoming, past = [], []
    for appointment in selectors.appointments_of_file(beneficiary=beneficiary):
        row = {
            "appointment": appointment,
            "start": selectors.local(appointment.starts_at),
            "token": services.manage_token(appointment) if appointment.starts_at > now else "",
        }
        (upcoming if appointment.starts_at > now and appointment.is_live else past).append(row)
    upcoming.reverse()  # soonest first
    context = {"upcoming": upcoming, "past": past, "desk": beneficiary.desk}
    return render_to_string("appointments/panels/me.html", context, request=request)


# The reason the orientation results offer first, when a desk has it: the talk about one's results.
ORIENTATION_REASON_SLUG = "orientation-interview"


def orientation_panel(request) -> str:
    """Under the orientation results: "talk about this with a counsellor", a link per desk offering meetings."""
    from appointments.models import MeetingReason

    # One query: each (desk, reason) pair offered, desks in order, each desk's reasons in their order.
    pairs = (
        MeetingReason.desks.through.objects.filter(meetingreason__active=True)
        .select_related("desk", "meetingreason")
        .order_by("desk__slug", "meetingreason__order", "meetingreason__slug")
    )
    by_desk: dict = {}
    for pair in pairs:
        by_desk.setdefault(pair.desk, []).append(pair.meetingreason)
    offers = [
        {"desk": desk, "reason": next((r for r in reasons if r.slug == ORIENTATION_REASON_SLUG), reasons[0])}
        for desk, reasons in by_desk.items()
    ]
    if not offers:
        return ""
    return render_to_string("appointments/panels/orientation.html", {"offers": offers}, request=request)


def file_export(beneficiary) -> list[dict]:
    """The person's appointments in the export of their data (people/export.py)."""
    from appointments import selectors

    return [
        {
            "desk": appointment.desk.name,
            "reason": appointment.reason.name,
            "starts_at": appointment.starts_at.isoformat(),
            "ends_at": appointment.ends_at.isoformat(),
            "status": appointment.status,
            "booked_via": appointment.booked_via,
            "booked_at": appointment.created_at.isoformat(),
        }
        for appointment in selectors.appointments_of_file(beneficiary=beneficiary)
    ]
