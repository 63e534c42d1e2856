"""Providers' imports: upload, preview, confirm; and the template to fill. Thin: ``content.imports`` does the work.

Signed-in staff with their second factor only: provider staff import into
their own providers, network administrators into any. Others get 403
(audited). The file is read in memory and never kept: only its parsed rows
wait for the confirmation, in an ``ImportBatch`` that expires in an hour.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import selectors as roles
from audit.models import AuditAction, AuditObject
from audit.services import audit_record
from catalog.models import Provider
from content import imports
from content.import_template import template_workbook
from content.models import ImportBatch
from people.selectors import is_beneficiary_account
from people.views import second_factor_redirect

View = Callable[..., HttpResponse]
BATCH_LIFETIME = datetime.timedelta(hours=1)


def importable_providers(user) -> QuerySet[Provider]:
    """The providers this user may import into: any for a network administrator, else their own."""
    if roles.is_network_admin(user):
        return Provider.objects.all()
    return roles.providers_of(user)


def importer_view(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_verified() and not is_beneficiary_account(request.user):
            return second_factor_redirect(request.get_full_path())
        if not importable_providers(request.user).exists():
            audit_record(actor=request.actor, action=AuditAction.ACCESS_REFUSED, obj=AuditObject.PROVIDER)
            raise PermissionDenied(_("This page is for providers’ staff and network administrators."))
        return view(request, *args, **kwargs)

    return wrapper


class UploadForm(forms.Form):
    provider = forms.ModelChoiceField(label=gettext_lazy("Provider"), queryset=Provider.objects.none())
    file = forms.FileField(
        label=gettext_lazy("File (CSV in UTF-8 or Excel .xlsx, at most 2 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, providers: QuerySet[Provider], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        if providers.count() == 1:
            self.fields["provider"].initial = providers.first()


class ConfirmForm(forms.Form):
    batch = forms.IntegerField(widget=forms.HiddenInput)
    digest = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)


def _page(request: HttpRequest, form: UploadForm, *, status: int = 200, **context) -> HttpResponse:
    return render(request, "content/imports.html", {"form": form, **context}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@importer_view
def upload(request: HttpRequest) -> HttpResponse:
    providers = importable_providers(request.user)
    if request.method != "POST":
        return _page(request, UploadForm(providers=providers))
    form = UploadForm(request.POST, request.FILES, providers=providers)
    if not form.is_valid():
        return _page(request, form, status=400)
    upload_file = form.cleaned_data["file"]
    provider = form.cleaned_data["provider"]
    try:
        if upload_file.size > imports.MAX_UPLOAD_BYTES:
            raise imports.UploadRefused(_("The file is larger than 2 MB: split it into smaller files."))
        data = upload_file.read(imports.MAX_UPLOAD_BYTES + 1)
        raw_rows = imports.read_upload(data)
    except imports.UploadRefused as refusal:
        form.add_error("file", str(refusal))
        return _page(request, form, status=400)
    finally:
        upload_file.close()
    result = imports.preview(provider, raw_rows)
    batch = None
    if not result.problems and result.rows:
        now = timezone.now()
        ImportBatch.objects.filter(expires_at__lt=now).delete()
        batch = ImportBatch.objects.create(
            user=request.user,
            provider=provider,
            rows=result.rows,
            digest=result.digest,
            created_at=now,
            expires_at=now + BATCH_LIFETIME,
        )
    return _page(
        request,
        UploadForm(providers=providers, initial={"provider": provider}),
        status=200 if not result.problems else 422,
        preview=result,
        provider=provider,
        batch=batch,
        no_change=not any(line.status != "unchanged" for line in result.lines),
    )


@require_POST
@importer_view
def confirm(request: HttpRequest) -> HttpResponse:
    form = ConfirmForm(request.POST)
    providers = importable_providers(request.user)
    stale = _("This preview was already imported or has expired: upload the file again.")
    if not form.is_valid():
        return _page(request, UploadForm(providers=providers), status=400, refusal=stale)
    with transaction.atomic():
        batch = (
            ImportBatch.objects.select_for_update()
            .filter(
                pk=form.cleaned_data["batch"],
                user=request.user,
                digest=form.cleaned_data["digest"],
                expires_at__gt=timezone.now(),
                provider__in=providers,
            )
            .select_related("provider")
            .first()
        )
        if batch is None:
            return _page(request, UploadForm(providers=providers), status=409, refusal=stale)
        try:
            counts = imports.apply(batch.provider, batch.rows)
        except imports.UploadRefused as refusal:
            batch.delete()
            return _page(request, UploadForm(providers=providers), status=409, refusal=str(refusal))
        audit_record(
            actor=request.actor,
            action=AuditAction.CATALOGUE_IMPORT,
            obj=(AuditObject.PROVIDER, str(batch.provider_id)),
            detail="created={created} changed={changed} unchanged={unchanged}".format(**counts),
        )
        batch.delete()
    messages.success(
        request,
        _("Imported: %(created)d created, %(changed)d changed, %(unchanged)d unchanged.") % counts,
    )
    return redirect("imports:upload")


@require_safe
@importer_view
def template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="guichet-catalogue-template.xlsx"'
    return response
