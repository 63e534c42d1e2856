"""What reporting adds to the pages below it, connected once at start-up (ReportingConfig.ready): a link to the
staff reports in the workspace's navigation, for a user who may read some report."""

from __future__ import annotations

from django.template.loader import render_to_string


def connect() -> None:
    from core.panels import panel_register

    panel_register("workspace_nav", nav_panel, order=900)


def nav_panel(request, *, user) -> str:
    # The workspace is drawn only for staff with a role (its views check it), and every role has a report scope
    # (a desk, a provider, a region or the network): no query here; the reports page checks the scope itself.
    if user is None or not user.is_authenticated:
        return ""
    return render_to_string("reporting/panels/nav.html", request=request)
