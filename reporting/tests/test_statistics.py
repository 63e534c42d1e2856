"""Public statistics per region and month: the page and the API show the same suppressed tables."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from applications.models import State
from applications.tests.conftest import apply, as_provider, person
from reporting import statistics

THIS_MONTH = timezone.localdate().replace(day=1)
API = "/api/v1/open/statistics"


def _measure(body: dict, key: str) -> dict:
    return next(m for m in body["measures"] if m["key"] == key)


def test_a_small_count_is_null_and_says_why_and_the_totals_cannot_give_it_away(client, seats):
    for _ in range(3):  # three applications: under the threshold of 5
        apply(seats, person(seats.desk))
    body = client.get(API, {"from": f"{THIS_MONTH:%Y-%m}", "to": f"{THIS_MONTH:%Y-%m}"}).json()
    applications = _measure(body, "applications")
    region = seats.programme.city.region.slug
    row = next(r for r in applications["rows"] if r["region"]["slug"] == region)
    assert row["values"] == [{"month": f"{THIS_MONTH:%Y-%m}", "value": None, "suppressed": "small"}]
    assert row["total"]["value"] is None and applications["total"]["value"] is None
    assert body["threshold"] == 5


def test_counts_at_the_threshold_are_shown_with_their_totals(client, seats, settings):
    settings.GUICHET_REPORT_THRESHOLD = 3
    accepted = apply(seats, person(seats.desk))
    for _ in range(3):
        apply(seats, person(seats.desk))
    as_provider(seats, accepted, State.UNDER_REVIEW)
    as_provider(seats, accepted, State.ACCEPTED)
    as_provider(seats, accepted, State.ENROLLED)
    body = client.get(API).json()
    applications = _measure(body, "applications")
    assert applications["total"] == {"value": 4, "suppressed": None}
    assert body["to"] == f"{THIS_MONTH:%Y-%m}" and len(applications["months"]) == 12
    enrolled = _measure(body, "enrolled")
    assert enrolled["total"] == {"value": None, "suppressed": "small"}  # one person: never shown


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-13"},
        {"from": "9999-12"},
        {"from": "2026-1"},
        {"to": "\x00"},
        {"from": "2026-11", "to": "2026-01"},
        {"from": "2020-01", "to": "2026-01"},
        {"region": "atlantis"},
        {"unknown": "1"},
    ],
)
def test_bad_periods_regions_and_parameters_are_a_clear_400(client, db, params):
    answer = client.get(API, params)
    assert answer.status_code == 400 and answer.json()["detail"]
    page = client.get("/en/statistics/", params)
    assert page.status_code in (400, 200)  # the page ignores unknown parameters, refuses the others with a message
    if set(params) - {"unknown"}:
        assert page.status_code == 400 and 'role="alert"' in page.content.decode()


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_the_page_has_a_table_per_measure_with_headers_and_hides_small_counts(client, seats, lang):
    for _ in range(2):
        apply(seats, person(seats.desk))
    html = client.get(f"/{lang}/statistics/").content.decode()
    assert html.count("<table") == len(statistics.MEASURES)
    assert '<th scope="col">' in html and '<th scope="row">' in html and "<caption" in html
    assert "<abbr" in html  # the two applications: hidden
    assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in html


def test_the_months_of_a_period_are_counted_in_the_local_time_zone(seats):
    first = datetime.date(2026, 1, 1)
    assert len(statistics.months_between(first, datetime.date(2026, 12, 1))) == 12
    with pytest.raises(statistics.BadPeriod):
        statistics.months_between(first, datetime.date(2028, 2, 1))


def _chart(html: str, key: str) -> str:
    """The SVG chart that follows the measure's heading."""
    return html.split(f'id="measure-{key}"')[1].split("<svg")[1].split("</svg>")[0]


def test_charts_draw_a_row_per_month_with_its_name_and_total_and_a_bar_only_for_a_shown_one(client, seats, settings):
    settings.GUICHET_REPORT_THRESHOLD = 3
    for _ in range(4):
        apply(seats, person(seats.desk))
    html = client.get("/en/statistics/").content.decode()
    assert html.count('<svg class="chart bar-rows"') == len(statistics.MEASURES)
    applications = _chart(html, "applications")
    assert applications.count('<text class="label"') == 12 and "viewBox" not in applications
    assert f">{THIS_MONTH:%B %Y}</text>" in applications
    assert applications.count('<rect class="bar"') == 1 and f"<title>{THIS_MONTH:%B %Y}: 4</title>" in applications
    enrolled = _chart(html, "enrolled")
    assert '<rect class="bar"' not in enrolled  # nothing to draw: every month is 0


def test_a_hidden_monthly_total_reads_as_its_mark_and_is_never_a_bar(client, seats):
    for _ in range(2):  # two applications: under the threshold of 5
        apply(seats, person(seats.desk))
    applications = _chart(client.get("/en/statistics/").content.decode(), "applications")
    assert '<rect class="bar"' not in applications
    assert f"<title>{THIS_MONTH:%B %Y}: &lt;5</title>" in applications
    assert '<text class="count" x="100%"' in applications and ">&lt;5</text>" in applications


@pytest.mark.parametrize(("lang", "label_x", "month"), [("fr", "0%", "janvier"), ("ar", "100%", "يناير")])
def test_the_charts_name_the_months_in_the_pages_language_and_start_right_to_left_on_the_right(
    client, seats, lang, label_x, month
):
    html = client.get(f"/{lang}/statistics/", {"from": "2026-01", "to": "2026-03"}).content.decode()
    chart = _chart(html, "files_opened")
    assert f'<text class="label" x="{label_x}"' in chart and f">{month} 2026</text>" in chart
