"""Accounts in a real browser: a staff member's first sign-in with an authenticator app, a person's sign-up."""

from __future__ import annotations

import base64

import pytest
from django.utils import translation
from django_otp.oath import totp
from playwright.sync_api import expect

from people.tests import factories as people_factories
from tests.browser.conftest import PHONE, SIZES, at_each_size
from tests.browser.test_accessibility import BLOCKING_IMPACTS, _run_axe


def t(lang: str, text: str) -> str:
    with translation.override(lang):
        return translation.gettext(text)


def _blocking(page) -> list[str]:
    return [f"{v['id']} {v['help']}" for v in _run_axe(page) if v["impact"] in BLOCKING_IMPACTS]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_counsellor_sets_up_the_authenticator_at_first_sign_in_and_reaches_the_workspace(
    site, new_page, catalogue, lang
):
    people_factories.StaffRoleFactory(user__username="amina", desk=catalogue.desk)
    page = new_page(PHONE)
    page.goto(f"{site}/{lang}/desk/")
    page.locator("#id_username").fill("amina")
    page.locator("#id_password").fill("a long pass phrase for tests")
    page.get_by_role("button", name=t(lang, "Sign in")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t(lang, "Set up your authenticator app"))
    expect(page.locator(".qr-code svg")).to_be_visible()
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert _blocking(page) == []
    # What a phone app does with the key typed in.
    key = page.locator("code.secret").inner_text().replace(" ", "")
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    page.get_by_label(t(lang, "The six-digit code shown by your authenticator app")).fill(f"{totp(secret):06d}")
    page.get_by_role("button", name=t(lang, "Finish setting up")).click()
    expect(page).to_have_url(f"{site}/{lang}/desk/")
    expect(page.locator(".messages")).to_contain_text(
        t(lang, "Your authenticator app is set up. You need its code at each sign-in.")
    )


def _sign_up_visit(site: str, page, lang: str) -> dict[str, dict]:
    """By size, the serious axe-core violations of the sign-up page, blank and with an error."""
    page.goto(f"{site}/{lang}/me/sign-up/")
    expect(page.get_by_role("heading", level=1)).to_have_text(t(lang, "Open my file"))
    blank = at_each_size(page, lambda page, _viewport: _blocking(page))
    # A number too short: the page comes back with the error, announced and linked to the field.
    page.get_by_label(t(lang, "Your phone number or e-mail address")).fill("12")
    page.get_by_label(t(lang, "first name"), exact=False).first.fill("Fatou")
    page.get_by_label(t(lang, "Your desk")).select_option(index=1)
    page.locator("#id_consent_processing").check()
    page.get_by_role("button", name=t(lang, "Send me a code")).click()
    expect(page.locator(".error-summary")).to_contain_text(t(lang, "Enter a valid phone number or e-mail address."))
    with_an_error = at_each_size(page, lambda page, _viewport: _blocking(page))
    return {size: {"blank": blank[size], "with an error": with_an_error[size]} for size in SIZES}


@pytest.mark.parametrize("viewport", list(SIZES))
@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_the_sign_up_page_has_no_serious_accessibility_problem(site, new_page, shared_visit, lang, viewport):
    found = shared_visit(f"sign-up page {lang}", lambda: _sign_up_visit(site, new_page(PHONE), lang))
    assert found[viewport] == {"blank": [], "with an error": []}
