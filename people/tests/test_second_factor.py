"""Staff sign in with a password, then the code of their authenticator app (TOTP); without it, nothing opens."""

from __future__ import annotations

import base64
import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import selectors as roles
from audit.models import AuditAction, AuditEvent
from people.tests.staff import current_code, staff_sign_in, totp_device_for

pytestmark = pytest.mark.usefixtures("strict_templates")
PASSWORD = "a long pass phrase for tests"


def _password_step(client, username="casa-counsellor", next_url=""):
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("accounts:sign_in"), data)


def _no_wait(device: TOTPDevice) -> None:
    """Skip the wait django-otp imposes after a wrong code (tested on its own below)."""
    device.refresh_from_db()
    device.throttling_failure_timestamp = None
    device.save(update_fields=["throttling_failure_timestamp"])


def test_after_the_password_the_workspace_asks_for_the_app_code_and_shows_no_file(client, network):
    totp_device_for(network.casablanca_counsellor)
    response = _password_step(client)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:second_factor"))
    page = client.get(network.casablanca_file.get_absolute_url())
    assert page.status_code == 302 and page.url.startswith(reverse("accounts:second_factor"))
    assert "no-store" in client.get(page.url)["Cache-Control"]
    listing = client.get(reverse("people:beneficiary_list"))
    assert listing.status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.FILE_READ).count() == 0


def test_the_right_app_code_opens_the_workspace_with_a_new_session_id_and_is_audited(client, network):
    device = totp_device_for(network.casablanca_counsellor)
    _password_step(client, next_url=reverse("people:beneficiary_list"))
    before = client.cookies["sessionid"].value
    response = client.post(
        reverse("accounts:second_factor"), {"token": current_code(device), "next": reverse("people:beneficiary_list")}
    )
    assert response.status_code == 302 and response.url == reverse("people:beneficiary_list")
    assert client.cookies["sessionid"].value != before
    assert "Aminata Diallo" in client.get(reverse("people:beneficiary_list")).content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.SECOND_FACTOR_PASSED, actor=network.casablanca_counsellor
    ).exists()


def test_a_wrong_app_code_is_a_400_with_the_reason_and_audited(client, network):
    device = totp_device_for(network.casablanca_counsellor)
    _password_step(client)
    wrong = "000000" if current_code(device) != "000000" else "111111"
    response = client.post(reverse("accounts:second_factor"), {"token": wrong})
    assert response.status_code == 400
    assert "Ce code est faux" in response.content.decode()
    assert client.get(reverse("people:today")).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.SECOND_FACTOR_FAILED).count() == 1


def test_wrong_app_codes_in_a_row_make_the_next_try_wait_with_429(client, network):
    device = totp_device_for(network.casablanca_counsellor)
    _password_step(client)
    wrong = "000000" if current_code(device) != "000000" else "111111"
    client.post(reverse("accounts:second_factor"), {"token": wrong})
    response = client.post(reverse("accounts:second_factor"), {"token": current_code(device)})
    assert response.status_code == 429
    assert client.get(reverse("people:today")).status_code == 302


def test_an_app_code_works_once_even_after_signing_out_and_in_again(client, network):
    device = totp_device_for(network.casablanca_counsellor)
    code = current_code(device)
    _password_step(client)
    assert client.post(reverse("accounts:second_factor"), {"token": code}).status_code == 302
    client.post(reverse("accounts:sign_out"))
    _password_step(client)
    assert client.post(reverse("accounts:second_factor"), {"token": code}).status_code == 400
    assert client.get(reverse("people:today")).status_code == 302


def test_a_first_sign_in_sets_up_the_app_with_an_inline_qr_code_and_the_key_in_text(client, network):
    response = _password_step(client)
    enrol = client.get(response.url, follow=True)
    assert enrol.redirect_chain[-1][0].startswith(reverse("accounts:second_factor_enrol"))
    page = enrol.content.decode()
    assert "<svg" in page and "<img" not in page.split("<main", 1)[1]
    key = re.search(r'<code class="secret" dir="ltr">([A-Z2-7 ]+)</code>', page).group(1)
    device = TOTPDevice.objects.get(user=network.casablanca_counsellor)
    assert not device.confirmed
    # The key typed into an app gives the same codes as the QR code would.

    typed = base64.b32decode(key.replace(" ", "") + "=" * (-len(key.replace(" ", "")) % 8))
    assert typed == device.bin_key
    code = f"{totp(typed, step=device.step, t0=device.t0, digits=device.digits):06d}"
    assert client.post(reverse("accounts:second_factor_enrol"), {"token": code}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("people:today")).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.SECOND_FACTOR_ENROL).count() == 1


def test_reloading_the_set_up_page_shows_the_same_key_and_a_wrong_code_confirms_nothing(client, network):
    _password_step(client)

    def key_shown():
        page = client.get(reverse("accounts:second_factor_enrol")).content.decode()
        return re.search(r'<code class="secret" dir="ltr">([A-Z2-7 ]+)</code>', page).group(1)

    assert key_shown() == key_shown()
    device = TOTPDevice.objects.get(user=network.casablanca_counsellor)
    wrong = "000000" if current_code(device) != "000000" else "111111"
    response = client.post(reverse("accounts:second_factor_enrol"), {"token": wrong})
    assert response.status_code == 400
    device.refresh_from_db()
    assert not device.confirmed


def test_a_staff_member_with_an_app_cannot_set_up_another_one_with_the_password_alone(client, network):
    totp_device_for(network.casablanca_counsellor)
    _password_step(client)
    response = client.get(reverse("accounts:second_factor_enrol"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:second_factor"))
    assert TOTPDevice.objects.filter(user=network.casablanca_counsellor).count() == 1


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_code_step_is_translated(client, network, language):
    totp_device_for(network.casablanca_counsellor)
    _password_step(client)
    page = client.get(f"/{language}/desk/sign-in/code/").content.decode()
    expected = {"fr": "Deuxième étape", "ar": "الخطوة الثانية", "en": "Second step"}[language]
    assert expected in page


def test_the_back_office_needs_the_second_factor_too(client, db):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)
    device = totp_device_for(admin)
    response = _password_step(client, username="boss", next_url="/fr/admin/")
    assert response.url.startswith(reverse("accounts:second_factor"))
    refused = client.get("/fr/admin/")
    assert refused.status_code == 302
    assert client.get(refused.url).url.startswith(reverse("accounts:second_factor"))
    assert client.post(
        reverse("accounts:second_factor"), {"token": current_code(device), "next": "/fr/admin/"}
    ).url == ("/fr/admin/")
    assert client.get("/fr/admin/").status_code == 200


def test_the_back_office_sign_in_page_sends_to_the_workspace_sign_in(client, db):
    response = client.get("/fr/admin/login/?next=/fr/admin/")
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:sign_in"))
    assert client.post("/fr/admin/login/", {"username": "x", "password": "y"}).status_code == 302


def test_a_verified_counsellor_who_is_not_back_office_staff_is_refused_the_back_office(client, network):
    staff_sign_in(client, network.casablanca_counsellor)
    assert client.get("/fr/admin/login/").status_code == 403


def test_an_unverified_session_gets_no_role_from_the_selectors(rf, network):
    """Fail closed below the views: a request's user without the second factor sees no file anywhere."""
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp.middleware import OTPMiddleware

    from people import selectors

    request = rf.get("/")
    request.session = SessionStore()
    request.user = network.casablanca_counsellor
    OTPMiddleware(lambda r: None)._install_lazy_accessors(request)
    assert not request.user.is_verified()
    assert list(selectors.beneficiary_list(user=request.user)) == []
    assert not roles.can_use_workspace(request.user)


def test_the_demo_counsellor_signs_in_with_the_password_and_the_code_printed_for_the_demo(client, db):
    import io

    from django.core.management import call_command

    from demo.accounts import DEMO_COUNSELLOR_USERNAME, DEMO_STAFF_PASSWORD, DEMO_TOTP_KEYS

    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert DEMO_TOTP_KEYS[DEMO_COUNSELLOR_USERNAME] in out.getvalue()
    call_command("load_demo", stdout=io.StringIO())
    assert TOTPDevice.objects.filter(user__username=DEMO_COUNSELLOR_USERNAME).count() == 1
    client.post(reverse("accounts:sign_in"), {"username": DEMO_COUNSELLOR_USERNAME, "password": DEMO_STAFF_PASSWORD})
    code = io.StringIO()
    call_command("demo_totp_code", DEMO_COUNSELLOR_USERNAME, stdout=code)
    assert client.post(reverse("accounts:second_factor"), {"token": code.getvalue().strip()}).status_code == 302
    assert "Mariam" in client.get(reverse("people:beneficiary_list")).content.decode()


def test_demo_codes_are_refused_in_production(db, settings):
    from django.core.management import CommandError, call_command

    from demo.accounts import demo_totp_devices_ensure

    settings.PRODUCTION = True
    with pytest.raises(RuntimeError):
        demo_totp_devices_ensure()
    with pytest.raises(CommandError):
        call_command("demo_totp_code", "counsellor")


def test_a_person_signed_in_with_a_code_is_never_offered_an_authenticator_app(client, network):
    from people.file_accounts import beneficiary_account_for

    account = beneficiary_account_for(destination=network.casablanca_file.phone.as_e164)
    client.force_login(account)
    for name in ("accounts:second_factor", "accounts:second_factor_enrol"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response.url == reverse("me:home")
    assert not TOTPDevice.objects.filter(user=account).exists()


def test_an_administrator_can_remove_a_lost_authenticator_without_seeing_its_key(admin_client, network):
    device = totp_device_for(network.casablanca_counsellor)
    page = admin_client.get(f"/en/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert device.key not in page and "qrcode" not in page
    assert admin_client.get(f"/en/admin/otp_totp/totpdevice/{device.pk}/qrcode/").status_code == 403
    admin_client.post(f"/en/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
