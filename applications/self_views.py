"""The person's side of applications, in their own space (/me/applications/): apply, answer an offer, withdraw.

Signed in with a one-time code on their own account (``people/self_views.py``):
anyone else is sent to sign in, and a staff account gets the same 404 as on
the other pages of /me/. Applying asks the person's consent to share, naming
what the provider will read; the service records it (the application's
``shared_fields``, its first log row and an audit line). A stale page or a
double tap answers what happened, never a 500.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from applications import own, selectors, services
from applications.models import Application, Role, State
from catalog.models import Programme, Session
from people import selectors as people_selectors
from people.models import Beneficiary
from people.services import NoConsentToProcessing

# The largest id a session can have (PostgreSQL bigint): a longer number is no session, not an error.
MAX_ID = 2**63 - 1
NO_CONSENT = gettext_lazy(
    "You withdrew your consent to the processing of your data, so nothing can be shared with a training "
    "centre. To apply, ask your desk to record your consent again."
)


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": gettext_lazy("Tick the box to agree, or do not apply.")},
    )


def _signed_in(request: HttpRequest) -> Beneficiary | None:
    """The signed-in person's file; None when nobody is signed in; 404 for an account without a file (staff)."""
    if request.actor.user is None:
        return None
    return people_selectors.beneficiary_of(user=request.actor.user)


def _to_sign_in(request: HttpRequest) -> HttpResponse:
    return redirect(f"{reverse('me:sign_in')}?{urlencode({'next': request.get_full_path()})}")


def _problem(request: HttpRequest, message: str, *, status: int, programme: Programme | None = None) -> HttpResponse:
    return render(request, "applications/me/problem.html", {"message": message, "programme": programme}, status=status)


def _session_asked(raw: str) -> Session | None:
    """The published programme's session named by ``?session=``, or None (absent, not a number, unknown)."""
    if not raw.isdigit() or not raw.isascii() or int(raw) > MAX_ID:
        return None
    return (
        Session.objects.filter(programme__in=Programme.objects.published())
        .select_related("programme__provider")
        .prefetch_related("programme__required_languages", "programme__required_documents", "programme__sessions")
        .filter(pk=int(raw))
        .first()
    )


@require_http_methods(["GET", "HEAD", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    """Show what applying to the session shares, ask consent to share it, and apply (once, however many taps)."""
    beneficiary = _signed_in(request)
    if beneficiary is None:
        return _to_sign_in(request)
    session = _session_asked(request.GET.get("session", ""))
    if session is None:
        message = _("This session does not exist or is no longer offered. Choose a session on a training's page.")
        return _problem(request, message, status=404)
    programme = session.programme
    if not services.session_is_open(session, today=timezone.localdate()):
        return _problem(request, _("Applications for this session are closed."), status=400, programme=programme)
    if not people_selectors.processing_consent_is_live(beneficiary=beneficiary):
        return _problem(request, str(NO_CONSENT), status=403, programme=programme)
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            applied = services.application_submit(
                actor=request.actor, beneficiary=beneficiary, programme=programme, session=session, role=Role.PERSON
            )
        except services.ApplicationRefused as refused:
            return _problem(request, str(refused), status=400, programme=programme)
        except NoConsentToProcessing:
            return _problem(request, str(NO_CONSENT), status=403, programme=programme)
        if applied.created:
            sent = _("Your application is sent to %(provider)s.") % {"provider": programme.provider.name}
            messages.success(request, sent)
        else:
            messages.info(request, _("You already applied to this session."))
        return redirect("me:home")
    context = {
        "programme": programme,
        "session": session,
        "shared": own.shared_with_provider(beneficiary=beneficiary),
        "criteria": own.criteria_outcomes(beneficiary=beneficiary, programme=programme, session=session),
        "form": form,
    }
    return render(request, "applications/me/apply.html", context, status=400 if form.is_bound else 200)


def _own(request: HttpRequest, public_id: str) -> tuple[Beneficiary | None, Application | None]:
    beneficiary = _signed_in(request)
    if beneficiary is None:
        return None, None
    return beneficiary, selectors.application_get_own(user=request.actor.user, public_id=public_id)


def _moved(request: HttpRequest, public_id: str, to: str) -> HttpResponse:
    """Make the person's move; a stale page (already moved, offer ended) says what happened and changes nothing."""
    try:
        services.application_move(actor=request.actor, public_id=public_id, to=to, role=Role.PERSON)
    except services.MoveRefused as refused:
        context = {"message": str(refused), "application": own.own_application(refused.application)}
        return render(request, "applications/me/refused.html", context, status=409)
    done = {
        State.ACCEPTED: _("You accepted the seat. The training centre is told."),
        State.DECLINED: _("You declined the seat. It goes to the next person on the waiting list."),
        State.WITHDRAWN: _("Your application is withdrawn. The training centre is told."),
    }
    messages.success(request, done[to])
    return redirect("me:home")


# The person's answers to an offer, as the form sends them.
ANSWERS = {"accept": State.ACCEPTED, "decline": State.DECLINED}


@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, public_id: str) -> HttpResponse:
    """An offer's answer, "accept" or "decline"; GET shows the offer with both (declining is confirmed there)."""
    beneficiary, application = _own(request, public_id)
    if beneficiary is None:
        return _to_sign_in(request)
    if request.method == "POST":
        choice = request.POST.get("answer", "")
        if choice not in ANSWERS:
            return _problem(request, _("Choose to accept the seat or to decline it."), status=400)
        return _moved(request, application.public_id, ANSWERS[choice])
    return render(request, "applications/me/answer.html", {"row": own.own_application(application)})


@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request: HttpRequest, public_id: str) -> HttpResponse:
    """Withdraw one's application: GET asks to confirm, POST withdraws (the seat, if held, goes to the next)."""
    beneficiary, application = _own(request, public_id)
    if beneficiary is None:
        return _to_sign_in(request)
    if request.method == "POST":
        return _moved(request, application.public_id, State.WITHDRAWN)
    return render(request, "applications/me/withdraw.html", {"row": own.own_application(application)})
