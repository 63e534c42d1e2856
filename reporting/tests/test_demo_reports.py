"""The demo's reports: the administrator and the counsellor see counts, and some hidden, as README says."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import translation

from reporting.indicators import report_build
from reporting.queries import may_export, report_query

pytestmark = pytest.mark.django_db


def shown_and_hidden(report) -> tuple[int, int]:
    cells = [c for t in report.tables for line in t.table.grid() for c in line]
    return sum(1 for c in cells if c.shown and c.value), sum(1 for c in cells if not c.shown)


def test_the_demo_reports_show_some_counts_and_hide_others_for_the_admin_and_the_counsellor():
    call_command("load_demo", stdout=StringIO())
    users = get_user_model().objects
    admin, counsellor = users.get(username="admin"), users.get(username="counsellor")
    for user in (admin, counsellor):
        user.is_verified = lambda: True
    with translation.override("fr"):
        for user, scope in ((admin, "network"), (counsellor, "desk:guichet-casablanca")):
            for breakdown in ("", "sex", "nationality"):
                query = report_query({"breakdown": breakdown}, user=user)
                assert query.scope_param == scope
                shown, hidden = shown_and_hidden(report_build(query))
                assert shown >= 3 and hidden >= 1, (user, breakdown, shown, hidden)
    assert may_export(admin) and not may_export(counsellor)
