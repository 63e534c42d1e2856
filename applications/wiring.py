"""What applications add to the apps below them, connected once at start-up (ApplicationsConfig.ready).

- the audit log names applications by their public ids;
- withdrawing consent to processing, or erasing a file, withdraws the
  person's live applications (seats freed and offered on, providers told);
  an erased file's applications stay as anonymous counts;
- the person's side: their applications in their own space, and "Apply"
  on a programme's page and under the orientation results.
"""

from __future__ import annotations


def connect() -> None:
    from applications.models import Application
    from audit.models import AuditObject
    from audit.services import audit_object_register

    audit_object_register(model=Application, kind=AuditObject.APPLICATION, id_field="public_id")
    from core.panels import panel_register

    panel_register("me_home", me_panel, order=50)
    panel_register("programme_detail", programme_panel)
    panel_register("orientation_programmes", orientation_programmes_panel)


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
