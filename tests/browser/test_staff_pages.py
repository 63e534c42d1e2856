"""Accessibility of the staff pages added for rights and applications, in fr and ar, on a phone and a desktop.

The questionnaire at the desk (two languages side by side), the file page with
its orientation history and applications (and read-only, consent withdrawn), an application's page and the
desk's applications, and the audit log: no serious or critical axe-core violation, and nothing wider than
the phone. Each page is visited once per language for both sizes (``shared_visit``).
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from people.tests import factories as f
from tests.browser.conftest import OVERFLOW_SCRIPT, PHONE, SIZES, at_each_size
from tests.browser.test_accessibility import blocking_violations


@pytest.fixture
def staff(site, catalogue):
    person = f.BeneficiaryFactory(desk=catalogue.desk, first_name="Aminata")
    f.ConsentFactory(beneficiary=person)
    counsellor = f.StaffRoleFactory(user__username="casa-counsellor", desk=catalogue.desk).user
    f.OrientationResultFactory(
        beneficiary=person,
        recorded_by=counsellor,
        programmes=[{"id": catalogue.jewellery_course.pk, "slug": "j", "title": "Bijouterie", "score": 2.0}],
    )
    application = f.ApplicationFactory(beneficiary=person, programme=catalogue.jewellery_course, created_by=counsellor)
    # A file whose consent to processing is withdrawn: read-only, with its notice and the way to give it again.
    withdrawn = f.BeneficiaryFactory(desk=catalogue.desk, first_name="Mariam")
    now = timezone.now()
    f.ConsentFactory(beneficiary=withdrawn, given_at=now - datetime.timedelta(days=30), withdrawn_at=now)
    admin = f.StaffRoleFactory(user__username="national-admin", national_admin=True)
    return {
        "person": person,
        "withdrawn": withdrawn,
        "counsellor": counsellor,
        "application": application,
        "admin": admin.user,
    }


def _visit_staff_pages(site: str, staff: dict, staff_page, lang: str) -> dict[str, list]:
    """By size, what the staff pages show: each page's status, its serious axe-core violations and how much
    wider than the screen it is. One page for each signed-in person, each path visited once: at phone size,
    then resized to a desktop."""
    with translation.override(lang):
        pages = [
            ("counsellor", reverse("people:beneficiary_detail", kwargs={"public_id": staff["person"].public_id})),
            ("counsellor", reverse("people:beneficiary_detail", kwargs={"public_id": staff["withdrawn"].public_id})),
            (
                "counsellor",
                reverse("people:orientation_run", kwargs={"public_id": staff["person"].public_id}) + "?language=ar",
            ),
            ("counsellor", reverse("desk_applications:list")),
            (
                "counsellor",
                reverse(
                    "desk_applications:detail",
                    kwargs={"public_id": staff["person"].public_id, "application_id": staff["application"].public_id},
                ),
            ),
            ("admin", reverse("people:audit_log")),
        ]
    signed_in, found = {}, {"phone": [], "desktop": []}
    for who, path in pages:
        if who not in signed_in:
            signed_in[who] = staff_page(staff[who], PHONE)
        page = signed_in[who]
        status = page.goto(site + path).status

        def check(page, _viewport, path=path, status=status) -> dict:
            return {
                "path": path,
                "status": status,
                "blocking": blocking_violations(page, path),
                "overflow": page.evaluate(OVERFLOW_SCRIPT),
            }

        for size, seen in at_each_size(page, check).items():
            found[size].append(seen)
    return found


@pytest.mark.parametrize("viewport", list(SIZES))
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_staff_pages_have_no_serious_axe_violation_and_fit_the_screen(
    site, staff, staff_page, shared_visit, lang, viewport
):
    visited = shared_visit(f"staff pages {lang}", lambda: _visit_staff_pages(site, staff, staff_page, lang))
    blocking = []
    for page in visited[viewport]:
        assert page["status"] == 200, page["path"]
        blocking += page["blocking"]
        assert page["overflow"] <= 1, f"{page['path']} is {page['overflow']}px wider than the screen"
    assert not blocking, "\n".join(blocking)
