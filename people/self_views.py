"""A person's own space: sign in with a one-time code, see and download their data, withdraw consent, erase.

The phone number or e-mail address travels in the form body and waits in
the session between the two steps: never in a URL. So does the key of the
flow the code was sent for: the code works in this session only.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import codes
from accounts.code_step import code_send
from accounts.models import CodePurpose
from catalog.models import Desk
from core.bidi import BidiFreeForm
from people import export, file_accounts, rights, selectors, services
from people.export import beneficiary_export
from people.forms import SelfCorrectionForm, SignUpForm
from people.models import ErasureReason

DESTINATION_KEY = "guichet_code_destination"
# The key of the sign-in flow the code was sent for (accounts/codes.py): a code works in the session that asked.
SIGN_IN_FLOW_KEY = "guichet_code_flow"
# The sign-up form waits here (server side) until the code proves the phone or e-mail is the person's.
SIGN_UP_KEY = "guichet_sign_up"
# Where to go once signed in (a page of this site only), when the sign-in link said so with ``?next=``.
NEXT_KEY = "guichet_after_sign_in"
TOO_MANY_CODES = gettext_lazy("Too many codes were asked for. Wait an hour, or ask your desk.")


class DestinationForm(BidiFreeForm):
    destination = forms.CharField(
        label=gettext_lazy("Your phone number or e-mail address"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )


class CodeForm(BidiFreeForm):
    code = forms.CharField(
        label=gettext_lazy("The code you received"),
        max_length=codes.CODE_DIGITS,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _signed_in_beneficiary(request: HttpRequest):
    if not request.user.is_authenticated:
        return None
    return selectors.beneficiary_of(user=request.user)


def _next_url(request: HttpRequest) -> str:
    """The page asked for after signing in, if it is one of this site's; else ""."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    host = {request.get_host()}
    safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts=host, require_https=request.is_secure())
    return wanted if safe and wanted.startswith("/") else ""


def _signed_in_to(request: HttpRequest, account) -> HttpResponse:
    """After a right code: into the person's own file (or the page the sign-in link named), or back to sign-in
    when no single file has that number."""
    if account is None:
        messages.info(
            request,
            _("We found no single file for this number or address. Your desk can open one or link it for you."),
        )
        return redirect("me:sign_in")
    after = request.session.get(NEXT_KEY, "")
    login(request, account, backend="django.contrib.auth.backends.ModelBackend")
    return redirect(after or "me:home")


@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = DestinationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        flow = codes.flow_new()
        status = code_send(request=request, form=form, too_many=TOO_MANY_CODES, purpose=CodePurpose.SIGN_IN, flow=flow)
        if status is None:
            request.session[DESTINATION_KEY] = form.cleaned_data["destination"]
            request.session[SIGN_IN_FLOW_KEY] = flow
            request.session[NEXT_KEY] = _next_url(request)
            return redirect("me:code")
    return render(request, "people/me_sign_in.html", {"form": form, "next": _next_url(request)}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def code(request: HttpRequest) -> HttpResponse:
    destination = request.session.get(DESTINATION_KEY)
    if not destination:
        return redirect("me:sign_in")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if codes.code_verify(
            destination=destination,
            code=form.cleaned_data["code"],
            purpose=CodePurpose.SIGN_IN,
            flow=request.session.get(SIGN_IN_FLOW_KEY, ""),
        ):
            account = file_accounts.beneficiary_account_for(destination=destination)
            if account is None:
                request.session.pop(DESTINATION_KEY, None)
                request.session.pop(SIGN_IN_FLOW_KEY, None)
            return _signed_in_to(request, account)
        form.add_error("code", _("This code is wrong or has expired. Ask for a new one."))
    context = {"form": form, "action": "me:code", "again": "me:sign_in"}
    return render(request, "people/me_code.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    """Open one's own file. The answer is the same whether the phone or e-mail is known or not: a code is sent."""
    form = SignUpForm(request.POST or None)
    status = 200
    if request.method == "POST":
        flow = codes.flow_new()
        status = code_send(request=request, form=form, too_many=TOO_MANY_CODES, purpose=CodePurpose.SIGN_UP, flow=flow)
        if status is None:
            request.session[SIGN_UP_KEY] = {
                "flow": flow,
                "destination": form.cleaned_data["destination"],
                "desk": form.cleaned_data["desk"].pk,
                "profile": form.profile(),
                "consent_contact": form.cleaned_data["consent_contact"],
            }
            return redirect("me:sign_up_code")
    context = {"form": form, "consent_version": services.CONSENT_TEXT_VERSION}
    return render(request, "people/me_sign_up.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def sign_up_code(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(SIGN_UP_KEY)
    if not pending:
        return redirect("me:sign_up")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account = file_accounts.beneficiary_sign_up_with_code(
                actor=request.actor,
                code=form.cleaned_data["code"],
                flow=pending.get("flow", ""),
                destination=pending["destination"],
                desk=Desk.objects.get(pk=pending["desk"]),
                profile=pending["profile"],
                consent_contact=pending["consent_contact"],
                language=get_language(),
            )
        except file_accounts.CodeRefused:
            form.add_error("code", _("This code is wrong or has expired. Ask for a new one."))
        else:
            request.session.pop(SIGN_UP_KEY, None)
            return _signed_in_to(request, account)
    context = {"form": form, "action": "me:sign_up_code", "again": "me:sign_up"}
    return render(request, "people/me_code.html", context, status=400 if form.is_bound else 200)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    beneficiary = _signed_in_beneficiary(request)
    if beneficiary is None:
        return redirect("me:sign_in")
    return render(
        request,
        "people/me_home.html",
        {
            "beneficiary": beneficiary,
            "rows": export.profile_rows(beneficiary),
            "data": beneficiary_export(beneficiary=beneficiary),
        },
    )


@require_safe
def download(request: HttpRequest) -> HttpResponse:
    beneficiary = _signed_in_beneficiary(request)
    if beneficiary is None:
        return redirect("me:sign_in")
    response = JsonResponse(
        beneficiary_export(beneficiary=beneficiary), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = f'attachment; filename="guichet-{beneficiary.file_number}.json"'
    return response


@require_safe
def download_pdf(request: HttpRequest) -> HttpResponse:
    """The same data as the JSON download, readable, in the language of the page."""
    beneficiary = _signed_in_beneficiary(request)
    if beneficiary is None:
        return redirect("me:sign_in")
    from people.export_pdf import beneficiary_export_pdf

    pdf = beneficiary_export_pdf(beneficiary=beneficiary, language=get_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="guichet-{beneficiary.file_number}.pdf"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def correct(request: HttpRequest) -> HttpResponse:
    """The person corrects their own file: name, year of birth, sex, nationality, schooling, languages."""
    beneficiary = _signed_in_beneficiary(request)
    if beneficiary is None:
        return redirect("me:sign_in")
    form = SelfCorrectionForm(request.POST or None, instance=beneficiary)
    if request.method == "POST":
        if form.is_valid():
            rights.beneficiary_correct_own(
                actor=request.actor,
                profile=form.profile(),
                languages=form.cleaned_data["languages"],
            )
            messages.success(request, _("Your file is corrected."))
            return redirect("me:home")
        beneficiary.refresh_from_db()  # the form wrote its values on the instance: show the file as it is
    return render(
        request,
        "people/me_correct.html",
        {"beneficiary": beneficiary, "form": form},
        status=400 if form.is_bound else 200,
    )


@require_POST
def consent_withdraw(request: HttpRequest, consent_id: str) -> HttpResponse:
    if _signed_in_beneficiary(request) is None:
        return redirect("me:sign_in")
    withdrawal = rights.consent_withdraw_own(actor=request.actor, consent_id=consent_id)
    messages.success(request, _("The consent is withdrawn."))
    if withdrawal.withdrawn:
        messages.info(
            request,
            _("Your applications to trainings are withdrawn; the providers are told, without the reason."),
        )
    return redirect("me:home")


@require_http_methods(["GET", "HEAD", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    beneficiary = _signed_in_beneficiary(request)
    if beneficiary is None:
        return redirect("me:sign_in")
    if request.method == "POST":
        rights.beneficiary_erase(
            beneficiary=beneficiary,
            reason=ErasureReason.REQUEST,
            actor=request.actor,
        )
        logout(request)
        messages.success(request, _("Your file and your account are deleted."))
        return redirect("me:sign_in")
    return render(request, "people/me_delete.html", {"beneficiary": beneficiary})
