"""The staff reports page (/<lang>/desk/reports/): a GET form whose values live in the URL, then the report.

Thin: ``queries.report_query`` checks the parameters and the user's scope,
``indicators.report_build`` counts and suppresses; the page lays the report
out as tables and server-drawn SVG charts. Signed-in staff only: anonymous
visitors are sent to sign in, a staff session without its second factor to
the code step, anyone with no report scope gets a 403 (audited). The report
holds no personal data (only suppressed counts): reading it is not audited;
its exports are (``AuditAction.REPORT_EXPORT``).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language_bidi
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from audit.models import AuditAction, AuditObject
from audit.services import audit_record
from people.selectors import is_beneficiary_account
from people.views import second_factor_redirect
from reporting import charts, queries, snapshots, tasks
from reporting.content_quality import content_quality


def _form(request: HttpRequest, query: queries.ReportQuery | None) -> dict:
    """The filter form's choices and values (the query's when it was understood, else what was asked)."""
    asked = {name: request.GET.get(name, "")[:120].replace("\x00", "") for name in queries.FORM_FIELDS}
    values = {**asked, **query.as_params()} if query else asked
    return {
        "values": values,
        "scopes": queries.scope_choices(request.user),
        "periods": [(key, str(label)) for key, label in queries.PERIOD_LABELS.items()],
        "breakdowns": [(key, str(label)) for key, label in queries.BREAKDOWN_LABELS.items()],
        "crossings": [(key, str(label)) for key, label in queries.CROSSING_LABELS.items()],
    }


def _laid_out(report, *, rtl: bool) -> dict:
    """The report with a chart beside each table (the columns' totals as bars) and the funnel's bars."""
    tables = [
        {
            "table": table,
            "chart": charts.rows(
                list(table.columns), list(table.table.column_totals), rtl=rtl, threshold=report.threshold
            ),
            "rows": list(zip(table.rows, table.table.cells, table.table.row_totals, strict=True)),
        }
        for table in report.tables
    ]
    labels, counts = [s.label for s in report.funnel], [s.count for s in report.funnel]
    return {"tables": tables, "funnel": charts.rows(labels, counts, rtl=rtl, threshold=report.threshold)}


@never_cache
@require_safe
def reports(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.is_verified() and not is_beneficiary_account(request.user):
        return second_factor_redirect(request.get_full_path())
    context: dict = {"threshold": queries.threshold()}
    try:
        query = queries.report_query(request.GET, user=request.user)
    except queries.ReportRefused as exc:
        audit_record(actor=request.actor, action=AuditAction.ACCESS_REFUSED, obj=AuditObject.REPORT)
        return render(request, "reporting/desk/refused.html", {"message": str(exc)}, status=403)
    except queries.ReportQueryError as exc:
        context.update(**_form(request, None), error=str(exc))
        return render(request, "reporting/desk/reports.html", context, status=400)
    served = snapshots.report_served(query)
    tasks.report_snapshot_refresh_ask(served.refresh_key)
    report = served.report
    page = reverse("reporting_desk:reports")
    params = urlencode(query.as_params())
    context.update(
        **_form(request, query),
        **_laid_out(report, rtl=get_language_bidi()),
        report=report,
        stale=served.stale,
        query=query,
        content=content_quality(query),
        exports=(
            {"xlsx": f"{page.rstrip('/')}.xlsx?{params}", "pdf": f"{page.rstrip('/')}.pdf?{params}"}
            if queries.may_export(request.user)
            else None
        ),
    )
    return render(request, "reporting/desk/reports.html", context)
