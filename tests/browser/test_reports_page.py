"""The staff reports page (/<lang>/desk/reports/) in a browser, as the demo's national network administrator reads it.

In fr, ar and en, on a phone and a desktop: no serious axe-core violation, nothing wider than the screen, the
page's language and direction, tables a screen reader can read (captions, headers with their scope) and charts
with a name. The filter form keeps what was chosen in the URL; a parameter that is not understood gets its
message in the page's language, with a 400.
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from demo.accounts import DEMO_ADMIN_USERNAME
from people.models import Sex
from people.tests import factories as f
from tests.browser.conftest import OVERFLOW_SCRIPT, PHONE, at_each_size
from tests.browser.test_accessibility import blocking_violations

# Every table has a caption, and every header cell says whether it heads a row or a column.
TABLES_SCRIPT = """
() => {
  const problems = [];
  for (const table of document.querySelectorAll('main table')) {
    const caption = table.querySelector(':scope > caption');
    if (!caption || !caption.textContent.trim()) problems.push(`no caption: ${table.outerHTML.slice(0, 80)}`);
    for (const th of table.querySelectorAll('th')) {
      if (!['row', 'col'].includes(th.getAttribute('scope'))) problems.push(`no scope: ${th.textContent.trim()}`);
    }
  }
  return problems;
}
"""

# Charts' text as a person sees it: each text's size on the screen (its font size times the chart's scale), and
# its box. Labels must stay readable on a phone and not grow huge on a desktop, never run into each other, stay
# inside their chart, and start at the page's start edge (the right one, right to left).
CHART_TEXT_SCRIPT = """
([smallest, largest, rtl]) => {
  const problems = [];
  for (const svg of document.querySelectorAll('main svg.chart')) {
    const chart = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].map(t => ({
      text: t.textContent, box: t.getBoundingClientRect(), label: t.classList.contains('label'),
      size: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
    }));
    if (!texts.length) problems.push(`no text in ${svg.id || svg.outerHTML.slice(0, 60)}`);
    for (const [n, t] of texts.entries()) {
      if (t.size < smallest || t.size > largest) problems.push(`${t.text}: ${t.size.toFixed(1)}px`);
      if (t.box.left < chart.left - 2 || t.box.right > chart.right + 2) problems.push(`${t.text}: outside its chart`);
      const start = rtl ? chart.right - t.box.right : t.box.left - chart.left;
      if (t.label && Math.abs(start) > 2) problems.push(`${t.text}: ${start.toFixed(1)}px from the start edge`);
      for (const other of texts.slice(n + 1)) {
        const apart = t.box.right <= other.box.left || other.box.right <= t.box.left
          || t.box.bottom <= other.box.top || other.box.bottom <= t.box.top;
        if (!apart) problems.push(`${t.text} runs into ${other.text}`);
      }
    }
  }
  return problems;
}
"""
LABEL_PX = (11, 18)  # the smallest text a phone reads at arm's length; larger would crowd a desktop's chart


def _load_demo() -> None:
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def demo_admin(live_server, database_copy):
    """The demo network with its history, and its national network administrator (the whole network, exports).

    Loaded once for the tests of this worker, then copied back (``database_copy``).
    """
    database_copy(_load_demo, timezone.localdate())
    return get_user_model().objects.get(username=DEMO_ADMIN_USERNAME)


def _reports(lang: str, query: str = "") -> str:
    with translation.override(lang):
        return reverse("reporting_desk:reports") + query


def _this_month() -> str:
    """The demo's files are opened on the day it is loaded: this month's report has counts."""
    return f"?period=month&month={timezone.localdate():%Y-%m}&scope=network"


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_the_reports_have_no_serious_axe_violation_fit_the_screen_read_in_the_pages_direction_and_label_charts_legibly(
    live_server, demo_admin, staff_page, lang
):
    path = _reports(lang, _this_month())
    page = staff_page(demo_admin, PHONE)
    assert page.goto(live_server.url + path).status == 200
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")

    def check(page, viewport: dict) -> None:  # the same page resized: its styles and charts apply again
        people_received = page.locator("main table").first.locator("tfoot td").last.text_content().strip()
        assert int(people_received) >= 5  # a period with counts shown, not only hidden ones
        assert not page.evaluate(TABLES_SCRIPT)
        charts = page.locator("main svg.chart")
        tables_with_a_chart = page.locator(".report-toc li").count() - 1  # all but "times and rates"
        assert charts.count() == tables_with_a_chart  # the funnel's included
        for chart in charts.all():
            expect(chart).to_have_attribute("role", "img")
            expect(chart).to_have_accessible_name(re.compile(r"\S"))
        illegible = page.evaluate(CHART_TEXT_SCRIPT, [*LABEL_PX, lang == "ar"])
        assert not illegible, f"{path} at {viewport['width']}px: " + "; ".join(illegible)
        blocking = blocking_violations(page, f"{path} at {viewport['width']}px")
        assert not blocking, "\n".join(blocking)
        overflow = page.evaluate(OVERFLOW_SCRIPT)
        assert overflow <= 1, f"{path} is {overflow}px wider than a {viewport['width']}px screen"

    at_each_size(page, check)


def test_a_breakdown_chosen_in_the_form_reloads_the_report_with_it_kept_in_the_url(live_server, demo_admin, staff_page):
    month = f"{timezone.localdate():%Y-%m}"
    page = staff_page(demo_admin, PHONE)
    page.goto(live_server.url + _reports("ar", _this_month()))
    page.locator("#breakdown").select_option("sex")
    page.locator("form.report-filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"[?&]breakdown=sex(&|$)"))
    assert f"month={month}" in page.url and "scope=network" in page.url
    expect(page.locator("#breakdown")).to_have_value("sex")
    expect(page.locator("#month")).to_have_value(month)
    with translation.override("ar"):
        sexes = [str(label) for _value, label in Sex.choices]
    rows = page.locator("main table").first.locator("tbody th[scope=row]").all_text_contents()
    assert rows[: len(sexes)] == sexes


@pytest.fixture
def national_admin(live_server, transactional_db):
    return f.StaffRoleFactory(user__username="national-admin", national_admin=True).user


BAD_MONTH = {
    "fr": "Un mois s’écrit AAAA-MM, par exemple 2026-11.",
    "ar": "يُكتب الشهر بصيغة YYYY-MM، مثلا 2026-11.",
    "en": "A month is written YYYY-MM, for example 2026-11.",
}


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_a_month_that_is_not_understood_is_a_400_that_says_so_in_the_pages_language(
    live_server, national_admin, staff_page, lang
):
    path = _reports(lang, "?period=month&month=9999-99")
    page = staff_page(national_admin, PHONE)
    assert page.goto(live_server.url + path).status == 400
    expect(page.get_by_role("alert")).to_have_text(BAD_MONTH[lang])
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    expect(page.locator("form.report-filters")).to_be_visible()
    blocking = blocking_violations(page, path)
    assert not blocking, "\n".join(blocking)
