"""The counsellor's workspace: thin views over people's selectors and services.

Search is sent with POST so that names and phone numbers never appear in a
URL (and so in no access log, history or Referer).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import codes
from accounts import selectors as roles
from accounts.code_step import code_send
from accounts.models import CodePurpose
from audit.models import AuditAction, AuditObject
from audit.services import audit_record
from people import desk_orientation, file_accounts, homes, rights, selectors, services
from people.forms import (
    AccountLinkCodeForm,
    AccountLinkForm,
    AppraisalForm,
    AuditFilterForm,
    BeneficiaryCreateForm,
    BeneficiaryForm,
    ConsentGiveForm,
    NoteForm,
    SearchForm,
)

View = Callable[..., HttpResponse]
RECENT_FILES = 50  # the list page shows the most recently active files; search finds the rest


def second_factor_redirect(next_url: str) -> HttpResponse:
    """To the code step of a signed-in staff member whose session has no second factor yet."""
    return redirect_to_login(next_url, reverse("accounts:second_factor"))


def _role_view(predicate: roles.Predicate, refused: AuditObject, message: str) -> Callable[[View], View]:
    """Users of the role only: others are sent to sign in (and to the code step), or get 404 (audited)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            # A person's own account (code sign-in, no password) has no second factor to give: it gets the 404 below.
            if not request.user.is_verified() and not selectors.is_beneficiary_account(request.user):
                return second_factor_redirect(request.get_full_path())
            if not predicate(request.user):
                audit_record(actor=request.actor, action=AuditAction.ACCESS_REFUSED, obj=refused)
                raise Http404(message)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


workspace_view = _role_view(
    roles.can_use_workspace, AuditObject.WORKSPACE, gettext_lazy("This page is for the desk's counsellors.")
)
provider_view = _role_view(
    roles.can_read_referrals, AuditObject.REFERRAL, gettext_lazy("This page is for providers' staff.")
)
network_view = _role_view(
    roles.can_read_audit_log, AuditObject.AUDIT, gettext_lazy("This page is for network administrators.")
)
AUDIT_PAGE_SIZE = 50


@require_safe
def today(request: HttpRequest) -> HttpResponse:
    """The counsellor's day; staff of another role (provider staff) are sent to their own workspace."""
    if not roles.can_use_workspace(request.user):
        home = homes.staff_home_for(request.user)
        if home is not None:
            return redirect(home)
    return _today(request)


@workspace_view
def _today(request: HttpRequest) -> HttpResponse:
    context = {
        "people": selectors.beneficiary_today_list(user=request.user),
        "desks": roles.desks_of(request.user),
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
        audit_record(actor=request.actor, action=AuditAction.SEARCH)
    else:
        people = selectors.beneficiary_list(user=request.user).order_by("-last_activity_at")
    context = {"form": form, "people": people[:RECENT_FILES], "searched": request.method == "POST"}
    return render(request, "people/beneficiary_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@workspace_view
def beneficiary_create(request: HttpRequest) -> HttpResponse:
    desks = roles.desks_of(request.user)
    form = BeneficiaryCreateForm(request.POST or None, desks=desks)
    if request.method == "POST" and form.is_valid():
        beneficiary = services.beneficiary_create(
            actor=request.actor,
            desk=form.cleaned_data["desk"],
            profile=form.profile(),
            languages=form.cleaned_data["languages"],
            documents=form.cleaned_data["documents"],
            consent_contact=form.cleaned_data["consent_contact"],
        )
        messages.success(request, _("The file %(number)s is created.") % {"number": beneficiary.file_number})
        return redirect(beneficiary)
    status = 400 if form.is_bound else 200
    return render(request, "people/beneficiary_form.html", {"form": form, "beneficiary": None}, status=status)


@require_safe
@workspace_view
def beneficiary_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    beneficiary = services.beneficiary_open(actor=request.actor, public_id=public_id)
    return _render_detail(request, beneficiary, NoteForm())


def _render_detail(
    request: HttpRequest,
    beneficiary,
    note_form: NoteForm,
    status: int = 200,
) -> HttpResponse:
    results = list(selectors.orientation_result_list(user=request.user, beneficiary=beneficiary))
    context = {
        "beneficiary": beneficiary,
        # Without it the file is read, exported or erased, never added to nor shared (enforced in the services).
        "processing_consent": selectors.processing_consent_is_live(beneficiary=beneficiary),
        "consent_purposes_to_give": selectors.consent_purposes_to_give(beneficiary=beneficiary),
        "notes": selectors.note_list(user=request.user, beneficiary=beneficiary),
        "note_form": note_form,
        "orientation_results": results,
    }
    return render(request, "people/beneficiary_detail.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@workspace_view
def beneficiary_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    beneficiary = services.beneficiary_open(actor=request.actor, public_id=public_id)
    form = BeneficiaryForm(request.POST or None, instance=beneficiary)
    if request.method == "POST" and form.is_valid():
        services.beneficiary_update(
            actor=request.actor,
            beneficiary=beneficiary,
            profile=form.profile(),
            languages=form.cleaned_data["languages"],
            documents=form.cleaned_data["documents"],
        )
        messages.success(request, _("The file is saved."))
        return redirect(beneficiary)
    status = 400 if form.is_bound else 200
    return render(request, "people/beneficiary_form.html", {"form": form, "beneficiary": beneficiary}, status=status)


@require_POST
@workspace_view
def note_create(request: HttpRequest, public_id: str) -> HttpResponse:
    beneficiary = selectors.beneficiary_get(user=request.user, public_id=public_id)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, beneficiary, form, status=400)
    try:
        services.note_create(
            actor=request.actor,
            beneficiary=beneficiary,
            text=form.cleaned_data["text"],
        )
    except services.NoConsentToProcessing as exc:
        messages.error(request, str(exc))
        return _render_detail(request, beneficiary, form, status=409)
    messages.success(request, _("The note is saved."))
    return redirect(f"{beneficiary.get_absolute_url()}#notes")


@require_POST
@workspace_view
def document_seen(request: HttpRequest, public_id: str, document_id: str) -> HttpResponse:
    beneficiary = selectors.beneficiary_get(user=request.user, public_id=public_id)
    services.document_mark_seen(actor=request.actor, beneficiary=beneficiary, document_id=document_id)
    return redirect(f"{beneficiary.get_absolute_url()}#documents")


@require_safe
@workspace_view
def beneficiary_export(request: HttpRequest, public_id: str) -> HttpResponse:
    data = rights.beneficiary_export_for_staff(actor=request.actor, public_id=public_id)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    # The file name carries the file number only, never the person's name.
    response["Content-Disposition"] = f'attachment; filename="guichet-{data["file"]["file_number"]}.json"'
    return response


@require_safe
@workspace_view
def beneficiary_export_pdf(request: HttpRequest, public_id: str) -> HttpResponse:
    """The readable export, in the language the person reads (``?language=``, else the page's)."""
    language = request.GET.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = get_language()
    beneficiary, pdf = rights.beneficiary_export_pdf_for_staff(
        actor=request.actor, public_id=public_id, language=language
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="guichet-{beneficiary.file_number}-{language}.pdf"'
    return response


@require_POST
@workspace_view
def consent_withdraw(request: HttpRequest, public_id: str, consent_id: str) -> HttpResponse:
    beneficiary = selectors.beneficiary_get(user=request.user, public_id=public_id)
    withdrawal = rights.consent_withdraw(actor=request.actor, beneficiary=beneficiary, consent_id=consent_id)
    messages.success(request, _("The consent is withdrawn."))
    if withdrawal.withdrawn:
        count = len(withdrawal.withdrawn)
        messages.info(
            request,
            ngettext(
                "%(count)s application to a training is withdrawn; the provider is told, without the reason.",
                "%(count)s applications to trainings are withdrawn; the providers are told, without the reason.",
                count,
            )
            % {"count": count},
        )
    for untold in withdrawal.providers_not_told:
        messages.warning(
            request,
            _(
                "%(provider)s has no e-mail address in the catalogue: tell them by phone that "
                "application no. %(reference)s is withdrawn, without giving the reason."
            )
            % {"provider": untold.provider_name, "reference": untold.reference},
        )
    return redirect(f"{beneficiary.get_absolute_url()}#consents")


@require_POST
@workspace_view
def consent_give(request: HttpRequest, public_id: str) -> HttpResponse:
    """The person gives a consent again at the desk, after the counsellor read them its text."""
    beneficiary = selectors.beneficiary_get(user=request.user, public_id=public_id)
    form = ConsentGiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["purpose"][0])
        return _render_detail(request, beneficiary, NoteForm(), status=400)
    rights.consent_give_again(actor=request.actor, beneficiary=beneficiary, purpose=form.cleaned_data["purpose"])
    messages.success(request, _("The consent is recorded."))
    return redirect(f"{beneficiary.get_absolute_url()}#consents")


@require_http_methods(["GET", "HEAD", "POST"])
@workspace_view
def beneficiary_erase(request: HttpRequest, public_id: str) -> HttpResponse:
    if request.method == "POST":
        rights.beneficiary_erase_for_staff(actor=request.actor, public_id=public_id)
        messages.success(request, _("The file is erased. Only an anonymous count remains for statistics."))
        return redirect("people:beneficiary_list")
    beneficiary = selectors.beneficiary_get(user=request.user, public_id=public_id)
    return render(request, "people/beneficiary_erase.html", {"beneficiary": beneficiary})


# The destination typed for a file waits here, server side, between sending the code and checking it.
ACCOUNT_LINK_KEY = "guichet_account_link"


@require_http_methods(["GET", "HEAD", "POST"])
@workspace_view
def account_link(request: HttpRequest, public_id: str) -> HttpResponse:
    """Step 1 of linking an account to a file (or proving a detail of a file that has one): send a code."""
    beneficiary = services.beneficiary_open(actor=request.actor, public_id=public_id)
    form = AccountLinkForm(request.POST or None)
    status = 200
    if request.method == "POST":
        nonce = codes.flow_new()
        status = code_send(
            request=request,
            form=form,
            too_many=gettext_lazy("Too many codes were sent to this number or address. Try in an hour."),
            purpose=CodePurpose.LINK_FILE,
            flow=file_accounts.account_link_flow(beneficiary=beneficiary, nonce=nonce),
            desk=beneficiary.desk,
            language=beneficiary.preferred_language or None,  # the person's language, not the counsellor's
        )
        if status is None:
            destination = form.cleaned_data["destination"]
            request.session[ACCOUNT_LINK_KEY] = {"pk": beneficiary.pk, "destination": destination, "flow": nonce}
            return redirect("people:account_link_code", public_id=beneficiary.public_id)
    context = {"beneficiary": beneficiary, "form": form, "step": "destination"}
    return render(request, "people/account_link.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@workspace_view
def account_link_code(request: HttpRequest, public_id: str) -> HttpResponse:
    """Step 2: the person gives the code; the account is made and linked (audited)."""
    beneficiary = services.beneficiary_open(actor=request.actor, public_id=public_id)
    pending = request.session.get(ACCOUNT_LINK_KEY) or {}
    if pending.get("pk") != beneficiary.pk:
        return redirect("people:account_link", public_id=beneficiary.public_id)
    form = AccountLinkCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            file_accounts.beneficiary_account_link_with_code(
                actor=request.actor,
                public_id=beneficiary.public_id,
                destination=pending["destination"],
                code=form.cleaned_data["code"],
                nonce=pending.get("flow", ""),
            )
        except file_accounts.CodeRefused:
            form.add_error("code", _("This code is wrong or has expired. Send a new one."))
        except file_accounts.AccountLinkRefused as exc:
            request.session.pop(ACCOUNT_LINK_KEY, None)
            messages.error(request, str(exc))
            return redirect(f"{beneficiary.get_absolute_url()}#account")
        else:
            request.session.pop(ACCOUNT_LINK_KEY, None)
            messages.success(request, _("The account is linked. The person can now sign in at “My file”."))
            return redirect(f"{beneficiary.get_absolute_url()}#account")
    context = {"beneficiary": beneficiary, "form": form, "step": "code"}
    return render(request, "people/account_link.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "HEAD", "POST"])
@workspace_view
def orientation_run(request: HttpRequest, public_id: str) -> HttpResponse:
    """The questionnaire with the person at the desk: each question in their language and the counsellor's."""
    beneficiary = services.beneficiary_open(actor=request.actor, public_id=public_id)
    person_language = desk_orientation.person_language(request=request, beneficiary=beneficiary)
    data = request.POST if request.method == "POST" else None
    steps = desk_orientation.step_forms(beneficiary=beneficiary, data=data, person_language=person_language)
    appraisal_form = AppraisalForm(data)
    if data is not None and all(s.form.is_valid() for s in steps) and appraisal_form.is_valid():
        services.orientation_result_save(
            actor=request.actor,
            beneficiary=beneficiary,
            profile=desk_orientation.profile_from(steps),
            appraisal=appraisal_form.cleaned_data["appraisal"],
            next_steps=appraisal_form.cleaned_data["next_steps"],
            person_language=person_language,
        )
        messages.success(request, _("The orientation is saved to the file."))
        return redirect(f"{beneficiary.get_absolute_url()}#orientation")
    context = {
        "beneficiary": beneficiary,
        "steps": steps,
        "appraisal_form": appraisal_form,
        "person_language": person_language,
        "languages": settings.LANGUAGES,
        "invalid": data is not None,
    }
    return render(request, "people/orientation_run.html", context, status=400 if data is not None else 200)


@require_safe
@network_view
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # A filter that cannot be applied shows no line: never the whole log in its place.
        context = {"form": form, "page": Paginator([], AUDIT_PAGE_SIZE).get_page(1), "query": ""}
        return render(request, "people/audit_log.html", context, status=400)
    filters = form.cleaned_data if form.is_bound else {}
    # Logged first, so the page counts the same lines it shows (this read among them).
    services.audit_log_read(actor=request.actor, filters=form.used() if filters else [])
    events = selectors.audit_event_list_for(
        user=request.user, **{name: value for name, value in filters.items() if value}
    )
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "people/audit_log.html", context)
