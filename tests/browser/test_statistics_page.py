"""The public statistics page (/<lang>/statistics/) in a browser, as a person reads it on a cheap phone.

In fr, ar and en, on a phone and a desktop, with a month that has a count shown and one hidden: every chart's
text is drawn at a size a phone reads (11 px at least), none runs into another or out of its chart, labels start
at the page's start edge (the right one in Arabic), a hidden total reads as its mark and is never a bar, no
serious axe-core violation and nothing wider than the screen.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from people.tests import factories as f
from reporting import statistics
from tests.browser.conftest import OVERFLOW_SCRIPT, PHONE, at_each_size
from tests.browser.test_accessibility import blocking_violations
from tests.browser.test_reports_page import CHART_TEXT_SCRIPT, LABEL_PX


@pytest.fixture
def this_months_figures(site, catalogue, today, settings):
    """This month at the Casablanca desk: six files opened (shown, a bar) and two applications (hidden: under 5)."""
    assert settings.GUICHET_REPORT_THRESHOLD == 5
    files = [f.BeneficiaryFactory(desk=catalogue.desk) for _ in range(6)]
    for beneficiary in files[:2]:
        f.ApplicationFactory(beneficiary=beneficiary, programme=catalogue.jewellery_course)
    return site


def _this_month(lang: str) -> str:
    with translation.override(lang):
        return date_format(statistics.default_period()[1], "F Y")


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_the_statistics_charts_are_legible_on_a_phone_in_the_pages_direction_with_no_axe_violation_nor_overflow(
    this_months_figures, new_page, lang
):
    path = f"/{lang}/statistics/"
    page = new_page(PHONE)
    assert page.goto(this_months_figures + path).status == 200
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")

    def check(page, viewport: dict) -> None:  # the same page resized: its styles and charts apply again
        where = f"{path} at {viewport['width']}px"
        charts = page.locator("main svg.chart")
        assert charts.count() == len(statistics.MEASURES)
        for chart in charts.all():
            expect(chart).to_have_attribute("role", "img")
            expect(chart).to_have_accessible_name(re.compile(r"\S"))
        files = page.locator("h2#measure-files_opened + svg.chart g").filter(has_text=_this_month(lang))
        expect(files.locator("text.count")).to_have_text("6")
        expect(files.locator("rect.bar")).to_have_count(1)
        applications = page.locator("h2#measure-applications + svg.chart")
        this_month = applications.locator("g").filter(has_text=_this_month(lang))
        expect(this_month.locator("text.count")).to_have_text("<5")
        expect(applications.locator("rect.bar")).to_have_count(0)  # a hidden total is never a bar
        illegible = page.evaluate(CHART_TEXT_SCRIPT, [*LABEL_PX, lang == "ar"])
        assert not illegible, f"{where}: " + "; ".join(illegible)
        blocking = blocking_violations(page, where)
        assert not blocking, "\n".join(blocking)
        overflow = page.evaluate(OVERFLOW_SCRIPT)
        assert overflow <= 1, f"{path} is {overflow}px wider than a {viewport['width']}px screen"

    at_each_size(page, check)
