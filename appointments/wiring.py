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
    panel_register("workspace_today", today_panel, order=10)
    panel_register("file_detail", file_panel)
    # The walk-in queue: tickets in the audit log, and today's walk-ins on the workspace's "today" page.
    from appointments.models import Ticket

    audit_object_register(model=Ticket, kind=AuditObject.TICKET, id_field="public_id")
    panel_register("workspace_today", walk_ins_panel, order=200)
    panel_register("me_home", me_panel)
    panel_register("orientation_results", orientation_panel)
    from people.export import export_section_register

    export_section_register(model=Appointment, section="appointments", rows=file_export)
    export_section_register(model=Ticket, section="walk_in_tickets", rows=tickets_export)


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
    from appointments.models import Ticket

    Ticket.objects.filter(beneficiary=beneficiary).update(beneficiary=None)


def desk_panel(request, *, desk) -> str:
    """On a desk's page: the reasons one can book a meeting for, each a link to its free times."""
    from appointments import selectors

    reasons = list(selectors.reasons_of(desk=desk))
    if not reasons:
        return ""
    return render_to_string("appointments/panels/desk.html", {"desk": desk, "reasons": reasons}, request=request)


def today_panel(request, *, user) -> str:
    """On the workspace's "today": the day's appointments at the counsellor's desks, by time."""
    from django.utils import timezone

    from accounts import selectors as roles
    from appointments import selectors

    if user is None or not roles.can_use_workspace(user):
        return ""
    today = timezone.localdate()
    appointments = []
    for desk in roles.desks_of(user).order_by("slug"):
        appointments += selectors.appointments_of_day(user=user, desk=desk, day=today)
    appointments.sort(key=lambda appointment: (appointment.starts_at, appointment.pk))
    context = {"appointments": appointments, "now": timezone.now()}
    return render_to_string("appointments/panels/today.html", context, request=request)


def file_panel(request, *, beneficiary) -> str:
    """On a file (already opened in the counsellor's scope and audited): its appointments, and booking one."""
    from appointments import selectors
    from people.selectors import processing_consent_is_live

    context = {
        "beneficiary": beneficiary,
        "appointments": list(selectors.appointments_of_file(beneficiary=beneficiary)),
        "reasons": list(selectors.reasons_of(desk=beneficiary.desk)),
        "processing_consent": processing_consent_is_live(beneficiary=beneficiary),
    }
    return render_to_string("appointments/panels/file.html", context, request=request)


def walk_ins_panel(request, *, user) -> str:
    """On the workspace's "today" page: each desk's line, the counsellor's ticket, and today's walk-ins."""
    from appointments import queue

    desks = list(queue.queue_desks(user=user))
    if not desks:
        return ""
    day = queue.today()
    context = {
        "lines": [
            {
                "desk": desk,
                "waiting": queue.line(desk=desk, day=day).count(),
                "mine": queue.current_ticket(user=user, desk=desk, day=day),
            }
            for desk in desks
        ],
        "tickets": list(queue.tickets_of_day(desks=desks, day=day)),
        "several": len(desks) > 1,
    }
    return render_to_string("appointments/queue/panels/today.html", context, request=request)


def me_panel(request, *, beneficiary) -> str:
    """In the person's own space: their appointments to come (each with its manage link) and past ones."""
    from django.utils import timezone

    from appointments import notices, selectors

    now = timezone.now()
    upcoming, past = [], []
    for appointment in selectors.appointments_of_file(beneficiary=beneficiary):
        row = {
            "appointment": appointment,
            "start": selectors.local(appointment.starts_at),
            "token": notices.manage_token(appointment) if appointment.starts_at > now else "",
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


def tickets_export(beneficiary) -> list[dict]:
    """The walk-in tickets attached to the person's file, in the export of their data (people/export.py)."""
    from appointments.models import Ticket

    tickets = Ticket.objects.filter(beneficiary=beneficiary).select_related("desk", "reason").order_by("created_at")
    return [
        {
            "desk": ticket.desk.name,
            "day": ticket.day.isoformat(),
            "number": ticket.number,
            "reason": ticket.reason.name if ticket.reason else None,
            "status": ticket.status,
            "taken_at": ticket.created_at.isoformat(),
            "called_at": ticket.called_at.isoformat() if ticket.called_at else None,
            "closed_at": ticket.done_at.isoformat() if ticket.done_at else None,
        }
        for ticket in tickets
    ]
