"""Provider staff's workspace: their sessions and seats, the applications to their programmes, and the moves
they make on them. Thin: forms parse, ``applications.selectors`` reads in scope, ``applications.services`` moves.

Provider staff only (``provider_staff_view``: others get 404, audited); an
application or session of another provider is 404 exactly like a missing
one. Of a person, the pages show ``selectors.admission_view`` and nothing
else; every read of an application is audited.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from accounts import selectors as roles
from applications import machine, selectors, services
from applications.models import Application, Role, State
from applications.provider_forms import MOVE_DONE, ApplicationFilterForm, CapacityForm, MoveForm
from audit.models import AuditAction, AuditObject
from audit.services import audit_record
from people.selectors import is_beneficiary_account
from people.views import second_factor_redirect

View = Callable[..., HttpResponse]
PAGE_SIZE = 25
REFUSED = gettext_lazy("This page is for providers' staff.")


def provider_staff_view(view: View) -> View:
    """Provider staff only: others are sent to sign in (and to the code step), or get 404 (audited)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        # A person's own account has no second factor to give: it gets the 404 below.
        if not request.user.is_verified() and not is_beneficiary_account(request.user):
            return second_factor_redirect(request.get_full_path())
        if not roles.is_provider_staff(request.user):
            audit_record(actor=request.actor, action=AuditAction.ACCESS_REFUSED, obj=AuditObject.APPLICATION)
            raise Http404(REFUSED)
        return view(request, *args, **kwargs)

    return wrapper


def _refused(request: HttpRequest, kind: AuditObject, asked: object) -> None:
    """An id of another provider (or none): audited, then 404 like a missing one."""
    audit_record(actor=request.actor, action=AuditAction.ACCESS_REFUSED, obj=(kind, str(asked)))


# The sessions ----------------------------------------------------------------------------------------------------


def _home(request: HttpRequest, *, status: int = 200) -> HttpResponse:
    today = timezone.localdate()
    context = {"providers": selectors.provider_overview(user=request.user, today=today), "today": today}
    return render(request, "applications/provider/home.html", context, status=status)


@require_safe
@provider_staff_view
def home(request: HttpRequest) -> HttpResponse:
    """Each of the user's providers, its programmes and their sessions: seats, waiting list, applications."""
    return _home(request)


@require_POST
@provider_staff_view
def session_capacity(request: HttpRequest, session_id: int) -> HttpResponse:
    """Raise or lower a session's capacity; never below the seats taken (409), a bad number is a 400."""
    try:
        session = selectors.session_get_for_provider(user=request.user, session_id=session_id)
    except Http404:
        _refused(request, AuditObject.SESSION, session_id)
        raise
    form = CapacityForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("capacity", []):
            messages.error(request, error)
        return _home(request, status=400)
    try:
        session = services.session_capacity_set(
            actor=request.actor, session_id=session.pk, capacity=form.cleaned_data["capacity"]
        )
    except services.CapacityRefused as exc:
        messages.error(request, str(exc))
        return _home(request, status=409)
    messages.success(
        request,
        _("The session starting on %(start)s now has %(capacity)s seats.")
        % {"start": date_format(session.start_date, "DATE_FORMAT"), "capacity": session.capacity},
    )
    return redirect(f"{reverse('provider_applications:home')}#session-{session.pk}")


# The applications ------------------------------------------------------------------------------------------------


@require_safe
@provider_staff_view
def application_list(request: HttpRequest) -> HttpResponse:
    """The applications to the user's providers' programmes, ``?state=&session=&programme=``, a page at a time."""
    sessions = list(selectors.sessions_for_provider(user=request.user).order_by("-start_date", "pk"))
    programmes = list(selectors.programmes_for_provider(user=request.user))
    form = ApplicationFilterForm(request.GET or None, sessions=sessions, programmes=programmes)
    context = {"form": form, "rows": [], "page": None, "query": "", "filtered": form.is_bound}
    if form.is_bound and not form.is_valid():
        return render(request, "applications/provider/list.html", context, status=400)
    filters = form.cleaned_data if form.is_bound else {}
    applications = selectors.applications_for_provider(user=request.user)
    if filters.get("state"):
        applications = applications.filter(state=filters["state"])
    if filters.get("session"):
        if filters["session"] not in {session.pk for session in sessions}:
            _refused(request, AuditObject.SESSION, filters["session"])
            raise Http404(_("No such session."))
        applications = applications.filter(session_id=filters["session"])
    if filters.get("programme"):
        programme = next((p for p in programmes if p.slug == filters["programme"]), None)
        if programme is None:
            raise Http404(_("No such training."))
        applications = applications.filter(programme=programme)
    applications = applications.prefetch_related("beneficiary__languages", "beneficiary__documents__document_type")
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    positions = selectors.wait_list_positions(applications=page.object_list)
    context["rows"] = [
        {**selectors.admission_view(application=application), "position": positions.get(application.pk)}
        for application in page.object_list
    ]
    context["page"] = page
    context["query"] = form.query() if form.is_bound else ""
    context["filtered"] = bool(context["query"])
    return render(request, "applications/provider/list.html", context)


def _detail(
    request: HttpRequest,
    application: Application,
    *,
    status: int = 200,
    bound: MoveForm | None = None,
    wait_list_instead: bool = False,
) -> HttpResponse:
    """The application's page: the admission view, its log as provider staff read it, a form per allowed move."""
    targets = machine.targets(source=application.state, role=Role.PROVIDER)
    if bound is not None and bound.target not in targets:
        # The form sent is not one this page shows now: its errors are told above the page.
        for errors in bound.errors.values():
            for error in errors:
                messages.error(request, error)
    forms = [
        bound
        if bound is not None and bound.target == target
        else MoveForm(target=target, shown_state=application.state)
        for target in targets
    ]
    context = {
        "application": application,
        "row": selectors.admission_view(application=application),
        "history": selectors.history(application=application, role=Role.PROVIDER),
        "forms": forms,
        "position": selectors.wait_list_position(application=application),
        "figures": selectors.session_figures(session=application.session) if application.session else None,
        "wait_list_instead": wait_list_instead and State.WAIT_LISTED in targets,
        "wait_listed": State.WAIT_LISTED,
    }
    return render(request, "applications/provider/detail.html", context, status=status)


@require_safe
@provider_staff_view
def application_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    application = services.application_open(actor=request.actor, public_id=public_id, role=Role.PROVIDER)
    return _detail(request, application)


@require_POST
@provider_staff_view
def application_move(request: HttpRequest, public_id: str) -> HttpResponse:
    """One move (``to``), from the state the page showed (``from``), with a reason and a note when it takes them.

    Refused by the machine or made stale by another move: 409, nothing
    changed; no seat left: 409 with a button to wait-list instead; a bad
    reason or note: 400.
    """
    try:
        selectors.application_get_for_provider(user=request.user, public_id=public_id)
    except Http404:
        _refused(request, AuditObject.APPLICATION, public_id)
        raise
    form = MoveForm(request.POST, target=request.POST.get("to", ""), shown_state=request.POST.get("from", ""))
    if not form.is_valid():
        if "to" in form.errors or "from" in form.errors:
            messages.error(request, _("This step is not one of the list. Nothing was changed."))
            form = None
        return _reopened(request, public_id, status=400, bound=form)
    data = form.cleaned_data
    try:
        services.application_move(
            actor=request.actor,
            public_id=public_id,
            to=data["to"],
            role=Role.PROVIDER,
            reason=data.get("reason", ""),
            note=data["note"],
            shown_state=data["from"],
        )
    except services.NoSeatLeft as exc:
        messages.error(request, str(exc))
        return _reopened(request, public_id, status=409, wait_list_instead=True)
    except services.MoveRefused as exc:
        messages.error(request, str(exc))
        return _reopened(request, public_id, status=409)
    except services.BadReason as exc:
        form.add_error("reason" if "reason" in form.fields else None, str(exc))
        return _reopened(request, public_id, status=400, bound=form)
    messages.success(request, MOVE_DONE.get(data["to"], _("Done.")))
    return redirect("provider_applications:detail", public_id=public_id)


def _reopened(request: HttpRequest, public_id: str, **kwargs) -> HttpResponse:
    """The application's page again after a move that changed nothing: read afresh (and audited, as any read)."""
    application = services.application_open(actor=request.actor, public_id=public_id, role=Role.PROVIDER)
    return _detail(request, application, **kwargs)
