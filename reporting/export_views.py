"""The staff report's downloads (under /<lang>/desk/): reports.xlsx and reports.pdf, and prepared exports' pages.

The same query string as the page (``queries.report_query``). Signed-in
staff only (anonymous visitors are sent to sign in, a staff session without
its second factor to the code step); the export permission
(``queries.may_export``) or a 403; a query not understood is a 400 page
saying why. Every download asked is audited (``AuditAction.REPORT_EXPORT``,
with the query: no personal data). A light query answers with the file; a
heavy one (a year of the whole network) is prepared by the task worker and
its page, which reloads itself, offers the file when ready, to the person who
asked alone (others get 404), for a day (then 410).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from audit.models import AuditAction, AuditObject
from audit.services import audit_record
from people.selectors import is_beneficiary_account
from people.views import second_factor_redirect
from reporting import export_requests, export_services, indicators, queries
from reporting.models import ExportFormat, ExportStatus, ReportExport

REFRESH_SECONDS = 5


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


def _signed_in_staff(request: HttpRequest) -> HttpResponse | None:
    """The sign-in or code step for who is not yet through them; None when the request may go on."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.is_verified() and not is_beneficiary_account(request.user):
        return second_factor_redirect(request.get_full_path())
    return None


def _refused(request: HttpRequest, message: str) -> HttpResponse:
    audit_record(actor=request.actor, action=AuditAction.ACCESS_REFUSED, obj=AuditObject.REPORT)
    return _private(render(request, "reporting/desk/refused.html", {"message": message}, status=403))


@require_safe
def report_download(request: HttpRequest, format: str) -> HttpResponse:
    """``reports.xlsx`` / ``reports.pdf``: the file at once, or, for a heavy query, the page of its preparation."""
    if (step := _signed_in_staff(request)) is not None:
        return step
    if not queries.may_export(request.user):
        return _refused(request, _("Downloading reports needs the export permission: ask a network administrator."))
    try:
        query = queries.report_query(request.GET, user=request.user)
    except queries.ReportRefused as exc:
        return _refused(request, str(exc))
    except queries.ReportQueryError as exc:
        page = f"{reverse('reporting_desk:reports')}?{request.GET.urlencode()}"
        context = {"message": str(exc), "page": page}
        return _private(render(request, "reporting/desk/export_error.html", context, status=400))
    params = query.as_params()
    audit_record(
        actor=request.actor,
        action=AuditAction.REPORT_EXPORT,
        obj=AuditObject.REPORT,
        detail=f"{format} {export_services.query_key(params)}",
    )
    if query.is_heavy:
        export, _new = export_requests.report_export_request(
            user=request.user, query=query, format=format, language=get_language()
        )
        return redirect("reporting_exports:export", public_id=export.public_id)
    data = export_services.report_file(indicators.report_build(query), format)
    response = HttpResponse(data, content_type=export_services.CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{export_services.file_name(query, format)}"'
    response["Content-Language"] = get_language()
    return _private(response)


def _own_export(request: HttpRequest, public_id: str) -> ReportExport:
    """The asker's own export; anyone else's, or none, is 404 alike."""
    export = ReportExport.objects.filter(public_id=public_id[:22], requested_by=request.user).first()
    if export is None:
        raise Http404(_("No report export of yours has this address."))
    return export


def _gone(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "reporting/desk/export_gone.html", status=410))


@require_safe
def export_page(request: HttpRequest, public_id: str) -> HttpResponse:
    """A prepared export: being prepared (the page reloads itself), ready (the file offered), failed, or gone."""
    if (step := _signed_in_staff(request)) is not None:
        return step
    export = _own_export(request, public_id)
    if export.expired():
        return _gone(request)
    context = {
        "export": export,
        "queued": export.status == ExportStatus.QUEUED,
        "ready": export.status == ExportStatus.READY,
        "failed": export.status == ExportStatus.FAILED,
        "refresh": REFRESH_SECONDS,
        "format": ExportFormat(export.format).label,
        "page": f"{reverse('reporting_desk:reports')}?{urlencode(export.params)}",
        "expires_at": timezone.localtime(export.expires_at),
    }
    return _private(render(request, "reporting/desk/export.html", context))


@require_safe
def export_file(request: HttpRequest, public_id: str) -> HttpResponse:
    """The prepared file, to its asker, while it lasts; before it is ready, back to its page."""
    if (step := _signed_in_staff(request)) is not None:
        return step
    export = _own_export(request, public_id)
    if export.expired():
        return _gone(request)
    path = export_services.export_path(export)
    if export.status != ExportStatus.READY or path is None or not path.is_file():
        return redirect("reporting_exports:export", public_id=export.public_id)
    audit_record(
        actor=request.actor,
        action=AuditAction.REPORT_EXPORT,
        obj=(AuditObject.REPORT, export.public_id),
        detail=f"{export.format} file",
    )
    query_name = _download_name(export)
    response = FileResponse(
        open(path, "rb"),  # noqa: SIM115 (FileResponse closes it)
        as_attachment=True,
        filename=query_name,
        content_type=export_services.CONTENT_TYPES[export.format],
    )
    return _private(response)


def _download_name(export: ReportExport) -> str:
    try:
        query = queries.report_query(export.params, user=export.requested_by)
    except (queries.ReportQueryError, queries.ReportRefused):
        return f"guichet-report.{export.format}"
    return export_services.file_name(query, export.format)
