"""What reporting adds to the pages below it, connected once at start-up (ReportingConfig.ready): a link to the
staff reports in the workspace's navigation, for a user who may read some report; and the reports as the
landing page (``/desk/``) of network administrators, whose work is the network's figures."""

from __future__ import annotations

from django.template.loader import render_to_string


def connect() -> None:
    from accounts.selectors import is_network_admin
    from core.panels import panel_register
    from people.homes import staff_home_register

    panel_register("workspace_nav", nav_panel, order=900)
    staff_home_register(predicate=is_network_admin, url_name="reporting_desk:reports")


def nav_panel(request, *, user) -> str:
    # The workspace is drawn only for staff with a role (its views check it), and every role has a report scope
    # (a desk, a provider, a region or the network): no query here; the reports page checks the scope itself.
    if user is None or not user.is_authenticated:
        return ""
    return render_to_string("reporting/panels/nav.html", request=request)
