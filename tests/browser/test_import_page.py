"""The providers' import page in a browser, in fr/ar/en on a phone and a desktop: a file with mistakes is previewed
(each mistake with its row and column), with no serious axe-core violation and nothing wider than the screen."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from people.tests import factories as f
from tests.browser.conftest import OVERFLOW_SCRIPT, PHONE, SIZES, at_each_size
from tests.browser.test_accessibility import blocking_violations

CSV = (
    "record,reference,programme_reference,trade,city,level,schedule,duration_weeks,teaching_languages,title_fr,"
    "start_date,end_date,capacity\n"
    "programme,P-1,,nope,nope,master,full_time,0,xx,,,,\n"
    "session,S-1,P-1,,,,,,,,2027-13-01,2027-01-01,0\n"
)


def _import_preview_visit(site: str, page, tmp_path, lang: str) -> dict[str, dict]:
    """By size, the preview of a file with mistakes: its serious axe-core violations and how much wider than the
    screen it is."""
    with translation.override(lang):
        path = reverse("imports:upload")
    assert page.goto(site + path).status == 200
    upload = tmp_path / "catalogue.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.set_input_files("input[type=file]", str(upload))
    page.click("form[enctype] button[type=submit]")
    rows = page.locator("table.import-problems tbody tr")
    assert rows.count() == 8  # trade, city, level, duration, languages, title; start date, capacity
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    return at_each_size(
        page,
        lambda page, _viewport: {
            "path": path,
            "blocking": blocking_violations(page, path),
            "overflow": page.evaluate(OVERFLOW_SCRIPT),
        },
    )


@pytest.mark.parametrize("viewport", list(SIZES))
@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_the_import_preview_names_each_mistake_and_has_no_serious_axe_violation(
    site, catalogue, staff_page, shared_visit, tmp_path, lang, viewport
):
    staff = f.StaffRoleFactory(user__username="casa-provider", provider_staff=True).user
    found = shared_visit(
        f"import preview {lang}", lambda: _import_preview_visit(site, staff_page(staff, PHONE), tmp_path, lang)
    )[viewport]
    assert not found["blocking"], "\n".join(found["blocking"])
    assert found["overflow"] <= 1, f"{found['path']} is {found['overflow']}px wider than the screen"
