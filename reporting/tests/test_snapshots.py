"""The wide reports are precomputed: served from their snapshot while fresh, counted again past it, never stale
for long; the narrow ones are always counted live."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from catalog.tests import factories as cf
from people.tests import factories as f
from people.tests.staff import staff_sign_in
from reporting import snapshots, tasks
from reporting.indicators import report_build
from reporting.models import ReportSnapshot
from reporting.queries import report_query

from .test_reports import desks, this_year  # noqa: F401 (the fixture)


@pytest.fixture(autouse=True)
def _threshold(settings):
    settings.GUICHET_REPORT_THRESHOLD = 5
    settings.GUICHET_REPORT_FRESH_SECONDS = 600
    settings.GUICHET_REPORT_STALEST_SECONDS = 3600


def _url(lang: str = "en", **params) -> str:
    with translation.override(lang):
        path = reverse("reporting_desk:reports")
    query = {**this_year(), **params}
    return path + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def _new_files(html: str) -> int:
    """The total of the "People received" table's "New files" column, as the page shows it."""
    section = html[html.index('id="received-caption"') :]
    section = section[: section.index("</table>")]
    totals = section[section.rindex("<tfoot") :] if "<tfoot" in section else section
    numbers = [int(n) for n in re.findall(r">\s*(\d+)\s*<", totals)]
    return numbers[0]


def _age(minutes: int) -> None:
    ReportSnapshot.objects.update(generated_at=timezone.now() - datetime.timedelta(minutes=minutes))


def _touches_records(queries) -> bool:
    return any("people_beneficiary" in q["sql"] or "applications_application" in q["sql"] for q in queries)


def _page(client, scope: str) -> str:
    return unescape(client.get(_url(scope=scope)).content.decode())


def _read_then_three_more(client, desk, user, scope: str) -> str:
    """Six files opened, the report read by ``user`` (the page returned), then three more files opened."""
    for _n in range(6):
        f.BeneficiaryFactory(desk=desk)
    staff_sign_in(client, user)
    page = _page(client, scope)
    for _n in range(3):
        f.BeneficiaryFactory(desk=desk)
    return page


def test_the_networks_report_is_served_from_its_snapshot_while_fresh(client, desks):  # noqa: F811
    desk, _other, _counsellor, national = desks
    first = _read_then_three_more(client, desk, national, "network")
    assert _new_files(first) == 6 and ReportSnapshot.objects.count() == 1
    with CaptureQueriesContext(connection) as queries:
        again = _page(client, "network")
    assert _new_files(again) == 6  # the count of ten minutes at most ago, with its time
    assert not _touches_records(queries.captured_queries)
    assert "Counted on" in again and "A new count is being prepared" not in again


@pytest.mark.django_db(transaction=True)
def test_past_its_fresh_time_the_snapshot_is_shown_with_its_time_and_counted_again_once_by_the_worker(
    client,
    desks,  # noqa: F811
):
    desk, _other, _counsellor, national = desks
    _read_then_three_more(client, desk, national, "network")
    _age(minutes=11)
    stale = _page(client, "network")
    client.get(_url(scope="network"))  # a second reader meanwhile asks nothing more
    assert _new_files(stale) == 6
    assert "A new count is being prepared: reload the page in a minute to see it." in stale
    asked = DBTaskResult.objects.filter(task_path=tasks.report_snapshot_refresh.module_path)
    assert asked.count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert asked.get().status == TaskResultStatus.SUCCESSFUL
    fresh = _page(client, "network")
    assert _new_files(fresh) == 9 and "A new count is being prepared" not in fresh


def test_a_snapshot_past_the_stalest_time_is_counted_again_before_the_page_answers(client, desks):  # noqa: F811
    desk, _other, _counsellor, national = desks
    _read_then_three_more(client, desk, national, "network")
    _age(minutes=61)
    page = _page(client, "network")
    assert _new_files(page) == 9 and "A new count is being prepared" not in page
    assert ReportSnapshot.objects.count() == 1  # replaced, not added


def test_a_desks_report_is_always_counted_live(client, desks):  # noqa: F811
    desk, _other, counsellor, _national = desks
    assert _new_files(_read_then_three_more(client, desk, counsellor, "desk:casa-desk")) == 6
    assert _new_files(_page(client, "desk:casa-desk")) == 9
    assert not ReportSnapshot.objects.exists()


def test_each_language_has_its_own_snapshot_with_its_labels(client, desks):  # noqa: F811
    desk, _other, _counsellor, national = desks
    for _n in range(6):
        f.BeneficiaryFactory(desk=desk)
    staff_sign_in(client, national)
    english = unescape(client.get(_url("en", scope="network")).content.decode())
    arabic = unescape(client.get(_url("ar", scope="network")).content.decode())
    assert "People received" in english and "People received" not in arabic
    assert sorted(ReportSnapshot.objects.values_list("language", flat=True)) == ["ar", "en"]


def test_a_snapshot_read_back_is_the_report_as_counted_hidden_cells_and_reasons_included(desks):  # noqa: F811
    desk, _other, _counsellor, national = desks
    for _n in range(7):
        f.BeneficiaryFactory(desk=desk, sex="female")
    for _n in range(2):
        f.BeneficiaryFactory(desk=desk, sex="male")
    with translation.override("fr"):
        report = report_build(report_query({**this_year(), "breakdown": "sex", "crossing": "month"}, user=national))
    assert report.cells_hidden >= 3
    assert snapshots.report_decode(snapshots.report_encode(report)) == report


def test_every_night_the_usual_reports_are_computed_ahead_in_each_language_and_old_ones_deleted(desks):  # noqa: F811
    cf.RegionFactory(slug="souss-massa")
    today = timezone.localdate()
    old = snapshots.report_compute(
        report_query({"period": "year", "year": str(today.year - 1), "scope": "network"}, user=desks[3]), "fr"
    )
    ReportSnapshot.objects.update(generated_at=old.generated_at - datetime.timedelta(days=3))
    computed = snapshots.snapshots_prewarm(today=today)
    # The network and three regions; this month, last month, this quarter, this year; three languages.
    assert computed == 4 * 4 * 3 == ReportSnapshot.objects.count()
    periods = {(s.params["scope"], s.params["period"], s.params["first"]) for s in ReportSnapshot.objects.all()}
    assert ("network", "month", today.replace(day=1).isoformat()) in periods
    assert ("region", "year", today.replace(month=1, day=1).isoformat()) in periods
    assert not ReportSnapshot.objects.filter(params__first=f"{today.year - 1}-01-01").exists()
    assert tasks.report_snapshots_schedule() is True and tasks.report_snapshots_schedule() is False
