"""The counsellor's side of applications (under /<lang>/desk/): apply for a person from their file, read an
application's whole log, withdraw it or answer an offer for the person, and the list of the desk's applications.

Counsellors of the person's desk only (``workspace_view``: others are sent to
sign in, or get 404, audited); a file or an application of another desk is 404
exactly like a missing one. Every read of an application by staff is audited
(``services.application_open``, one line for a list). Thin: forms parse,
``services`` apply and move, ``selectors`` read.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from applications import selectors, services
from applications.desk_forms import PROGRAMME, SESSION, ApplyForm, ListFilterForm, MoveForm
from applications.models import Application, Role
from audit.models import AuditAction, AuditObject
from audit.services import audit_record
from catalog.models import Programme, Session
from people import selectors as people_selectors
from people import services as people_services
from people.views import workspace_view

PAGE_SIZE = 50
# How many sessions the apply form lists at most, soonest first: the catalogue's open sessions, never all of history.
OPEN_SESSIONS_SHOWN = 200


def _suggested(*, beneficiary) -> list[tuple[int, str]]:
    """The trainings suggested by the file's saved questionnaires (a file already read in scope), newest first,
    once each."""
    seen: dict[int, str] = {}
    for programmes in beneficiary.orientation_results.order_by("-created_at", "-id").values_list(
        "programmes", flat=True
    ):
        for programme in programmes:
            seen.setdefault(programme["id"], programme["title"])
    return list(seen.items())


def _open_sessions() -> list[Session]:
    today = timezone.localdate()
    sessions = (
        Session.objects.filter(programme__is_published=True, start_date__gte=today)
        .select_related("programme__provider")
        .order_by("programme__title", "start_date", "id")
    )
    return [s for s in sessions[:OPEN_SESSIONS_SHOWN] if services.session_is_open(s, today=today)]


def apply_choices(*, beneficiary) -> list:
    """The apply form's choices for a file already read in the counsellor's scope: the trainings its orientation
    suggested (their next open session), then every open session of the catalogue, grouped by training."""
    choices: list = []
    suggested = _suggested(beneficiary=beneficiary)
    if suggested:
        group = [(f"{PROGRAMME}-{pk}", title) for pk, title in suggested]
        choices.append((_("Suggested by the orientation (next open session)"), group))
    by_programme: dict[Programme, list] = {}
    for session in _open_sessions():
        by_programme.setdefault(session.programme, []).append(session)
    for programme, sessions in by_programme.items():
        label = f"{programme.title} ({programme.provider.name})"
        group = [
            (
                f"{SESSION}-{session.pk}",
                _("%(programme)s, starts on %(start)s")
                % {"programme": programme.title, "start": date_format(session.start_date, "SHORT_DATE_FORMAT")},
            )
            for session in sessions
        ]
        choices.append((label, group))
    return choices


def _file_url(beneficiary) -> str:
    return f"{beneficiary.get_absolute_url()}#applications"


def _apply_page(request: HttpRequest, beneficiary, form: ApplyForm, *, status: int) -> HttpResponse:
    context = {"beneficiary": beneficiary, "form": form}
    return render(request, "applications/desk/apply.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@workspace_view
def apply(request: HttpRequest, public_id: str) -> HttpResponse:
    """Apply for the person, at their request: a training the orientation suggested, or any open session."""
    if request.method != "POST":
        beneficiary = people_services.beneficiary_open(actor=request.actor, public_id=public_id)
        form = ApplyForm(choices=apply_choices(beneficiary=beneficiary))
        return _apply_page(request, beneficiary, form, status=200)
    beneficiary = people_selectors.beneficiary_get(user=request.user, public_id=public_id)
    form = ApplyForm(request.POST, choices=apply_choices(beneficiary=beneficiary))
    if not form.is_valid():
        return _apply_page(request, beneficiary, form, status=400)
    kind, pk = form.picked()
    if kind == PROGRAMME:
        programme, session = Programme.objects.filter(pk=pk).first(), None
    else:
        session = Session.objects.select_related("programme").filter(pk=pk).first()
        programme = session.programme if session else None
    if programme is None:
        form.add_error("choice", _("This training is no longer in the catalogue."))
        return _apply_page(request, beneficiary, form, status=400)
    try:
        applied = services.application_submit(
            actor=request.actor, beneficiary=beneficiary, programme=programme, session=session, role=Role.COUNSELLOR
        )
    except people_services.NoConsentToProcessing as exc:
        messages.error(request, str(exc))
        return _apply_page(request, beneficiary, form, status=409)
    except services.ApplicationRefused as exc:
        form.add_error("choice", str(exc))
        return _apply_page(request, beneficiary, form, status=400)
    values = {"programme": programme.title}
    if applied.created:
        messages.success(request, _("The application to “%(programme)s” is made; the provider is told.") % values)
    else:
        messages.info(request, _("The person has already applied to “%(programme)s”: nothing was changed.") % values)
    return redirect(_file_url(beneficiary))


def _of_file(request: HttpRequest, public_id: str, application_id: str) -> Application:
    """The application, read in the counsellor's scope (audited), when it is one of this file's; else 404."""
    application = services.application_open(actor=request.actor, public_id=application_id, role=Role.COUNSELLOR)
    if application.beneficiary is None or application.beneficiary.public_id != public_id:
        raise Http404(_("No such application."))
    return application


@require_safe
@workspace_view
def detail(request: HttpRequest, public_id: str, application_id: str) -> HttpResponse:
    """One application with its whole log, notes included (the desk reads them all)."""
    application = _of_file(request, public_id, application_id)
    [row] = selectors.desk_rows(Application.objects.filter(pk=application.pk).select_related(*selectors.RELATED))
    context = {
        "application": application,
        "beneficiary": application.beneficiary,
        "row": row,
        "history": selectors.history(application=application, role=Role.COUNSELLOR),
    }
    return render(request, "applications/desk/detail.html", context)


@require_POST
@workspace_view
def move(request: HttpRequest, public_id: str, application_id: str) -> HttpResponse:
    """Withdraw the application at the person's request, or answer a seat offered for them (accept, decline)."""
    beneficiary = people_selectors.beneficiary_get(user=request.user, public_id=public_id)
    application = selectors.application_get_for_desk(user=request.user, public_id=application_id)
    if application.beneficiary_id != beneficiary.pk:
        raise Http404(_("No such application."))
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["to"][0])
        return render(request, "applications/desk/refused.html", {"beneficiary": beneficiary}, status=400)
    try:
        application = services.application_move(
            actor=request.actor, public_id=application_id, to=form.cleaned_data["to"], role=Role.COUNSELLOR
        )
    except services.MoveRefused as exc:
        # A double click, two tabs, a stale page: nothing changed; the file shows where things stand.
        messages.error(request, str(exc))
        return render(request, "applications/desk/refused.html", {"beneficiary": beneficiary}, status=409)
    except services.BadReason as exc:
        messages.error(request, str(exc))
        return render(request, "applications/desk/refused.html", {"beneficiary": beneficiary}, status=400)
    messages.success(
        request,
        _("The application to “%(programme)s” is now: %(state)s.")
        % {"programme": application.programme.title, "state": application.get_state_display().lower()},
    )
    return redirect(_file_url(beneficiary))


@require_safe
@workspace_view
def desk_list(request: HttpRequest) -> HttpResponse:
    """Every application of the desk's people, the latest decisions first (``?state=`` to keep one state)."""
    form = ListFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # A filter that cannot be applied shows no line: never the whole list in its place.
        context = {"form": form, "page": Paginator([], PAGE_SIZE).get_page(1), "rows": [], "query": ""}
        return render(request, "applications/desk/list.html", context, status=400)
    state = form.cleaned_data["state"] if form.is_bound else ""
    applications = selectors.applications_of_desk_by_decision(user=request.user, state=state)
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.desk_rows(page.object_list)
    if rows:
        audit_record(
            actor=request.actor,
            action=AuditAction.APPLICATION_READ,
            obj=AuditObject.APPLICATION,
            detail=f"desk list {state or 'all'} page {page.number}",
        )
    query = request.GET.copy()
    query.pop("page", None)
    from applications.digest import digest_is_on

    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        "state": state,
        "digest_on": digest_is_on(user=request.user),
    }
    return render(request, "applications/desk/list.html", context)


@require_POST
@workspace_view
def digest(request: HttpRequest) -> HttpResponse:
    """Ask for, or stop, the morning e-mail of the desk's decisions (to the address of one's account)."""
    from applications.digest import digest_subscribe

    on = request.POST.get("digest") == "on"
    if on and not request.user.email:
        messages.error(request, _("Your account has no e-mail address: ask an administrator to add one."))
        return redirect("desk_applications:list")
    digest_subscribe(user=request.user, on=on)
    messages.success(
        request,
        _("You will get the decisions each morning by e-mail.") if on else _("The morning e-mail is stopped."),
    )
    return redirect("desk_applications:list")
