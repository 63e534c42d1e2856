"""The counsellor's workspace: thin views over people's selectors and services.

Search is sent with POST so that names and phone numbers never appear in a
URL (and so in no access log, history or Referer).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from people import selectors, services
from people.forms import BeneficiaryCreateForm, BeneficiaryForm, NoteForm, SearchForm
from people.models import AuditAction

View = Callable[..., HttpResponse]
RECENT_FILES = 50  # the list page shows the most recently active files; search finds the rest


def workspace_view(view: View) -> View:
    """Counsellors only: others are sent to sign in, or get 404 (audited) when signed in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not selectors.can_use_workspace(request.user):
            services.audit_record(
                actor=request.user,
                action=AuditAction.ACCESS_REFUSED,
                object_type="workspace",
                ip_address=services.client_ip(request),
            )
            raise Http404(_("This page is for the desk's counsellors."))
        return view(request, *args, **kwargs)

    return wrapper


class SignInView(auth_views.LoginView):
    template_name = "people/sign_in.html"
    redirect_authenticated_user = True


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You are signed out."))
    return redirect("people:sign_in")


@require_safe
@workspace_view
def today(request: HttpRequest) -> HttpResponse:
    context = {
        "people": selectors.beneficiary_today_list(user=request.user),
        "desks": selectors.desks_of(request.user),
        "search_form": SearchForm(),
    }
    return render(request, "people/today.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@workspace_view
def beneficiary_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "people/beneficiary_list.html", {"form": form, "people": None}, status=400)
        people = selectors.beneficiary_list(user=request.user, query=form.cleaned_data["q"])
        services.audit_record(actor=request.user, action=AuditAction.SEARCH, ip_address=services.client_ip(request))
    else:
        people = selectors.beneficiary_list(user=request.user).order_by("-last_activity_at")
    context = {"form": form, "people": people[:RECENT_FILES], "searched": request.method == "POST"}
    return render(request, "people/beneficiary_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@workspace_view
def beneficiary_create(request: HttpRequest) -> HttpResponse:
    desks = selectors.desks_of(request.user)
    form = BeneficiaryCreateForm(request.POST or None, desks=desks)
    if request.method == "POST" and form.is_valid():
        beneficiary = services.beneficiary_create(
            user=request.user,
            desk=form.cleaned_data["desk"],
            profile=form.profile(),
            languages=form.cleaned_data["languages"],
            documents=form.cleaned_data["documents"],
            consent_contact=form.cleaned_data["consent_contact"],
            ip_address=services.client_ip(request),
        )
        messages.success(request, _("The file %(number)s is created.") % {"number": beneficiary.file_number})
        return redirect(beneficiary)
    status = 400 if form.is_bound else 200
    return render(request, "people/beneficiary_form.html", {"form": form, "beneficiary": None}, status=status)


@require_safe
@workspace_view
def beneficiary_detail(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = services.beneficiary_open(user=request.user, pk=pk, ip_address=services.client_ip(request))
    return _render_detail(request, beneficiary, NoteForm())


def _render_detail(request: HttpRequest, beneficiary, note_form: NoteForm, status: int = 200) -> HttpResponse:
    context = {
        "beneficiary": beneficiary,
        "notes": selectors.note_list(user=request.user, beneficiary=beneficiary),
        "note_form": note_form,
    }
    return render(request, "people/beneficiary_detail.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@workspace_view
def beneficiary_edit(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = services.beneficiary_open(user=request.user, pk=pk, ip_address=services.client_ip(request))
    form = BeneficiaryForm(request.POST or None, instance=beneficiary)
    if request.method == "POST" and form.is_valid():
        services.beneficiary_update(
            user=request.user,
            beneficiary=beneficiary,
            profile=form.profile(),
            languages=form.cleaned_data["languages"],
            documents=form.cleaned_data["documents"],
            ip_address=services.client_ip(request),
        )
        messages.success(request, _("The file is saved."))
        return redirect(beneficiary)
    status = 400 if form.is_bound else 200
    return render(request, "people/beneficiary_form.html", {"form": form, "beneficiary": beneficiary}, status=status)


@require_POST
@workspace_view
def note_create(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = selectors.beneficiary_get(user=request.user, pk=pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, beneficiary, form, status=400)
    services.note_create(
        user=request.user,
        beneficiary=beneficiary,
        text=form.cleaned_data["text"],
        ip_address=services.client_ip(request),
    )
    messages.success(request, _("The note is saved."))
    return redirect(f"{beneficiary.get_absolute_url()}#notes")


@require_POST
@workspace_view
def document_seen(request: HttpRequest, pk: int, document_id: int) -> HttpResponse:
    beneficiary = selectors.beneficiary_get(user=request.user, pk=pk)
    services.document_mark_seen(
        user=request.user, beneficiary=beneficiary, document_id=document_id, ip_address=services.client_ip(request)
    )
    return redirect(f"{beneficiary.get_absolute_url()}#documents")


@require_safe
@workspace_view
def beneficiary_export(request: HttpRequest, pk: int) -> HttpResponse:
    data = services.beneficiary_export_for_staff(user=request.user, pk=pk, ip_address=services.client_ip(request))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    # The file name carries the file number only, never the person's name.
    response["Content-Disposition"] = f'attachment; filename="guichet-{data["file"]["file_number"]}.json"'
    return response


@require_safe
@workspace_view
def beneficiary_export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The readable export, in the language the person reads (``?language=``, else the page's)."""
    language = request.GET.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = get_language()
    beneficiary, pdf = services.beneficiary_export_pdf_for_staff(
        user=request.user, pk=pk, language=language, ip_address=services.client_ip(request)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="guichet-{beneficiary.file_number}-{language}.pdf"'
    return response


@require_POST
@workspace_view
def consent_withdraw(request: HttpRequest, pk: int, consent_id: int) -> HttpResponse:
    beneficiary = selectors.beneficiary_get(user=request.user, pk=pk)
    services.consent_withdraw(
        user=request.user, beneficiary=beneficiary, consent_id=consent_id, ip_address=services.client_ip(request)
    )
    messages.success(request, _("The consent is withdrawn."))
    return redirect(f"{beneficiary.get_absolute_url()}#consents")


@require_http_methods(["GET", "HEAD", "POST"])
@workspace_view
def beneficiary_erase(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        services.beneficiary_erase_for_staff(user=request.user, pk=pk, ip_address=services.client_ip(request))
        messages.success(request, _("The file is erased. Only an anonymous count remains for statistics."))
        return redirect("people:beneficiary_list")
    beneficiary = selectors.beneficiary_get(user=request.user, pk=pk)
    return render(request, "people/beneficiary_erase.html", {"beneficiary": beneficiary})
