"""What applications add to the apps below them, connected once at start-up (ApplicationsConfig.ready).

- the audit log names applications by their public ids;
- withdrawing consent to processing, or erasing a file, withdraws the
  person's live applications (seats freed and offered on, providers told);
  an erased file's applications stay as anonymous counts;
- the export of a person's data carries their applications and their
  history (never the notes written with the moves);
- pages of lower apps show applications at their named places
  (``core/panels.py``): a person's file (the counsellor applies from it),
  the workspace's "today" page (decisions since yesterday) and navigation,
  the PDF export.
- provider staff land on their applications' workspace from /desk/.
- the person's side: their applications in their own space, and "Apply"
  on a programme's page and under the orientation results.
"""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string

# The "today" page lists this many of the decisions of the last day; the desk's list has them all.
DECISIONS_SHOWN = 10
DECISIONS_SINCE = datetime.timedelta(hours=24)


def connect() -> None:
    from applications.models import Application
    from audit.models import AuditObject
    from audit.services import audit_object_register
    from core.panels import panel_register
    from people.export import export_section_register
    from people.rights import consent_withdrawal_step_register, erasure_step_register

    audit_object_register(model=Application, kind=AuditObject.APPLICATION, id_field="public_id")
    consent_withdrawal_step_register(consent_withdrawn)
    erasure_step_register(file_erase)
    export_section_register(model=Application, section="applications", rows=file_export)
    # Right after the orientation results on a file: applying follows from them.
    panel_register("file_detail", file_panel, order=50)
    panel_register("workspace_today", decisions_panel, order=300)
    panel_register("workspace_nav", nav_panel)
    panel_register("export_pdf", export_pdf_panel)
    from accounts.selectors import is_provider_staff
    from people.homes import staff_home_register

    staff_home_register(predicate=is_provider_staff, url_name="provider_applications:home")
    panel_register("me_home", me_panel, order=50)
    panel_register("programme_detail", programme_panel)
    panel_register("orientation_programmes", orientation_programmes_panel)


def consent_withdrawn(actor, beneficiary) -> list:
    """Consent to processing withdrawn: the person's live applications are withdrawn, each provider told by
    e-mail (``notify``); a provider with no address in the catalogue is not, and the counsellor is asked to phone."""
    from applications import services
    from applications.models import Reason
    from people.rights import Withdrawn

    withdrawn = services.applications_withdraw_for_person(
        actor=actor, beneficiary=beneficiary, reason=Reason.CONSENT_WITHDRAWN
    )
    return [
        Withdrawn(
            reference=application.public_id,
            provider_name=application.programme.provider.name,
            provider_told=bool(application.programme.provider.email),
        )
        for application in withdrawn
    ]


def file_erase(beneficiary) -> None:
    """A file is erased: its live applications are withdrawn (seats freed and offered on, providers told), then
    every application stays as an anonymous count, the notes of its log blanked (they may name the person)."""
    from applications import services
    from applications.models import Application, ApplicationEvent, Reason
    from core.actor import system

    services.applications_withdraw_for_person(actor=system, beneficiary=beneficiary, reason=Reason.FILE_ERASED)
    ApplicationEvent.objects.filter(application__beneficiary=beneficiary).exclude(note="").update(note="")
    Application.objects.filter(beneficiary=beneficiary).update(beneficiary=None)


def _when(value) -> str | None:
    return value.isoformat() if value else None


def file_export(beneficiary) -> list[dict]:
    """The person's applications in the export of their data (people/export.py): states and reasons, no notes."""
    from django.db.models import Prefetch

    from applications import selectors
    from applications.models import ApplicationEvent

    events = Prefetch("events", queryset=ApplicationEvent.objects.order_by("at", "id"))
    return [
        {
            "programme": application.programme.title,
            "provider": application.programme.provider.name,
            "session_start": _when(application.session.start_date) if application.session else None,
            "state": application.state,
            "reason": application.reason,
            "applied_on": _when(application.created_at),
            "history": [
                {"from": e.from_state, "to": e.to_state, "at": _when(e.at), "role": e.role, "reason": e.reason}
                for e in application.events.all()
            ],
        }
        for application in selectors.applications_of_file(beneficiary=beneficiary).prefetch_related(events)
    ]


def export_pdf_panel(request, *, data) -> str:
    """In the PDF export: the applications section, its codes put into words of the PDF's language."""
    from django.utils import timezone
    from django.utils.dateparse import parse_date, parse_datetime

    from applications.models import Reason, Role, State

    states, reasons, roles = dict(State.choices), dict(Reason.choices), dict(Role.choices)

    def moment(value):
        return timezone.localtime(parse_datetime(value)) if value else None

    applications = [
        {
            **row,
            "state": states.get(row["state"], row["state"]),
            "reason": reasons.get(row["reason"], row["reason"]),
            "applied_on": moment(row["applied_on"]),
            "session_start": parse_date(row["session_start"]) if row["session_start"] else None,
            "history": [
                {
                    "at": moment(step["at"]),
                    "from": states.get(step["from"], step["from"]),
                    "to": states.get(step["to"], step["to"]),
                    "role": roles.get(step["role"], step["role"]),
                    "reason": reasons.get(step["reason"], step["reason"]),
                }
                for step in row["history"]
            ],
        }
        for row in data.get("applications", [])
    ]
    return render_to_string("applications/panels/export_pdf.html", {"applications": applications}, request=request)


def file_panel(request, *, beneficiary) -> str:
    """On a file (already opened in the counsellor's scope and audited): its applications, applying for the person."""
    from applications import selectors
    from applications.desk_forms import ApplyForm
    from applications.desk_views import apply_choices
    from people.selectors import processing_consent_is_live

    consent = processing_consent_is_live(beneficiary=beneficiary)
    context = {
        "beneficiary": beneficiary,
        "rows": selectors.desk_rows(selectors.applications_of_file(beneficiary=beneficiary)),
        "processing_consent": consent,
        "form": ApplyForm(choices=apply_choices(beneficiary=beneficiary)) if consent else None,
    }
    return render_to_string("applications/panels/file.html", context, request=request)


def decisions_panel(request, *, user) -> str:
    """On the workspace's "today": the desk's people's applications a provider or Guichet moved in the last day."""
    from django.utils import timezone

    from accounts import selectors as roles
    from applications import selectors
    from audit.models import AuditAction, AuditObject
    from audit.services import audit_record

    if user is None or not roles.can_use_workspace(user):
        return ""
    decided = selectors.decisions_since(user=user, since=timezone.now() - DECISIONS_SINCE)
    applications = list(decided[: DECISIONS_SHOWN + 1])
    if not applications:
        return ""
    audit_record(
        actor=request.actor, action=AuditAction.APPLICATION_READ, obj=AuditObject.APPLICATION, detail="decisions"
    )
    more = decided.count() - DECISIONS_SHOWN if len(applications) > DECISIONS_SHOWN else 0
    context = {"applications": applications[:DECISIONS_SHOWN], "more": more}
    return render_to_string("applications/panels/today.html", context, request=request)


def nav_panel(request, *, user) -> str:
    """In the workspace's navigation: the desk's applications."""
    from accounts import selectors as roles

    if user is None or not roles.can_use_workspace(user):
        return ""
    return render_to_string("applications/panels/nav.html", request=request)


def me_panel(request, *, beneficiary) -> str:
    """In the person's own space: their applications, where each stands, and the buttons to answer or withdraw."""
    from django.template.loader import render_to_string

    from applications import own

    live, past = own.own_applications(beneficiary=beneficiary)
    return render_to_string("applications/panels/me.html", {"live": live, "past": past}, request=request)


def programme_panel(request, *, programme) -> str:
    """On a programme's page: "Apply" for each session still open. The page is cached for visitors without a
    cookie: to them (and to anyone not signed in as a person) the panel is the same words for all, no query."""
    from django.utils import timezone

    from applications.services import session_is_open

    today = timezone.localdate()
    sessions = [(programme, s) for s in programme.upcoming_sessions if session_is_open(s, today=today)]
    return _apply_panel(request, sessions, back=programme.get_absolute_url(), several=False)


def orientation_programmes_panel(request, *, results) -> str:
    """Under the trainings the orientation suggests: "Apply" for each of their sessions still open."""
    from django.urls import reverse
    from django.utils import timezone

    from applications.services import session_is_open

    today = timezone.localdate()
    sessions = [
        (result.programme, s)
        for result in results
        for s in sorted(result.programme.sessions.all(), key=lambda s: (s.start_date, s.pk))
        if s.start_date >= today and session_is_open(s, today=today)
    ]
    return _apply_panel(request, sessions, back=reverse("orientation:results"), several=True)


def _apply_panel(request, sessions: list, *, back: str, several: bool) -> str:
    """Apply links for a signed-in person (their own account); for anyone else, how to sign in or get help.

    Who is signed in is read from ``request.actor`` (``core.actor.actor_of``): without the session cookie,
    nobody, and the session is not even loaded.
    """
    from django.http import Http404
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils.http import urlencode

    from applications.models import LIVE_STATES, Application
    from people.selectors import beneficiary_of

    if not sessions:
        return ""
    user = getattr(getattr(request, "actor", None), "user", None)
    person = None
    if user is not None:
        try:
            person = beneficiary_of(user=user)
        except Http404:
            person = None  # a staff account: no file of its own to apply with
    if person is None:
        context = {"person": None, "sign_in": f"{reverse('me:sign_in')}?{urlencode({'next': back})}"}
        return render_to_string("applications/panels/apply.html", context)
    applied = set(
        Application.objects.filter(
            beneficiary=person, session__in=[s for _p, s in sessions], state__in=LIVE_STATES
        ).values_list("session_id", flat=True)
    )
    rows = [{"programme": p, "session": s, "applied": s.pk in applied} for p, s in sessions]
    return render_to_string("applications/panels/apply.html", {"person": person, "rows": rows, "several": several})
