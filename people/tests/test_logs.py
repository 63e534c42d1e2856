"""Application logs carry no phone number, document number or code, along the main journeys."""

from __future__ import annotations

import json
import logging
import re

import pytest
from django.urls import reverse

from people.models import Beneficiary
from people.tests.staff import current_code, totp_device_for

PHONE, PHONE_DIGITS, DOCUMENT = "06 55 44 33 22", "655443322", "RCZ9988776"


@pytest.fixture
def all_logs(caplog):
    """Every log record at every level, django.request included (it does not propagate: settings.LOGGING)."""
    caplog.set_level(logging.DEBUG)
    request_logger = logging.getLogger("django.request")
    level = request_logger.level
    request_logger.addHandler(caplog.handler)
    request_logger.setLevel(logging.DEBUG)
    yield caplog
    request_logger.removeHandler(caplog.handler)
    request_logger.setLevel(level)


def test_the_main_journeys_log_no_phone_document_number_or_code(
    client, network, settings, tmp_path, all_logs, django_capture_on_commit_callbacks
):
    settings.GUICHET_SMS_CHANNEL = "file"
    settings.GUICHET_OUTBOX_DIR = tmp_path
    # A counsellor: wrong password, sign-in, wrong and right app code, new file, search, note, export, bad input.
    device = totp_device_for(network.casablanca_counsellor)
    client.post(reverse("accounts:sign_in"), {"username": "casa-counsellor", "password": "wrong"})
    client.post(
        reverse("accounts:sign_in"), {"username": "casa-counsellor", "password": "a long pass phrase for tests"}
    )
    app_code = current_code(device)
    client.post(reverse("accounts:second_factor"), {"token": "000000" if app_code != "000000" else "111111"})
    device.refresh_from_db()
    device.throttling_failure_timestamp = None  # the wait after a wrong code, skipped
    device.save(update_fields=["throttling_failure_timestamp"])
    assert client.post(reverse("accounts:second_factor"), {"token": app_code}).status_code == 302
    client.post(
        reverse("people:beneficiary_create"),
        {
            "desk": network.casablanca_desk.pk,
            "first_name": "Awa",
            "phone": PHONE,
            "residence_document_number": DOCUMENT,
            "consent_processing": "on",
        },
    )
    person = Beneficiary.objects.get(first_name="Awa")
    # The number typed opens nothing until the person proves it: she reads the code to the counsellor.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("people:account_link", kwargs={"public_id": person.public_id}), {"destination": PHONE})
    link_code = re.search(r"\d{6}", json.loads((tmp_path / "sms.jsonl").read_text())["body"]).group()
    client.post(reverse("people:account_link_code", kwargs={"public_id": person.public_id}), {"code": link_code})
    client.post(reverse("people:beneficiary_list"), {"q": PHONE})
    client.post(reverse("people:note_create", kwargs={"public_id": person.public_id}), {"text": "Seen today"})
    client.get(reverse("people:beneficiary_export", kwargs={"public_id": person.public_id}))
    client.post(reverse("people:beneficiary_create"), {"phone": "12", "residence_document_number": DOCUMENT})
    client.post(reverse("accounts:sign_out"))
    # The person: a code, a wrong code, the right code, their data.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("me:sign_in"), {"destination": PHONE})
    code = re.search(r"\d{6}", json.loads((tmp_path / "sms.jsonl").read_text().splitlines()[-1])["body"]).group()
    client.post(reverse("me:code"), {"code": "000000" if code != "000000" else "111111"})
    client.post(reverse("me:code"), {"code": code})
    assert client.get(reverse("me:home")).status_code == 200
    client.get(reverse("me:download"))
    logs = all_logs.text
    assert "Bad Request" in logs  # the capture works: the bad form above was logged
    for secret in (PHONE_DIGITS, DOCUMENT, link_code, code, app_code):
        assert secret not in logs, secret


def test_sign_up_and_account_linking_log_no_phone_address_or_code(
    client, network, settings, tmp_path, all_logs, django_capture_on_commit_callbacks
):
    from people.tests import factories as f
    from people.tests.staff import staff_sign_in

    settings.GUICHET_SMS_CHANNEL = settings.GUICHET_EMAIL_CHANNEL = "file"
    settings.GUICHET_OUTBOX_DIR = tmp_path

    def last_code(kind: str) -> str:
        body = json.loads((tmp_path / f"{kind}.jsonl").read_text().splitlines()[-1])["body"]
        return re.search(r"\d{6}", body).group()

    # A person opens their file, with a bad number first.
    form = {"first_name": "Awa", "desk": network.casablanca_desk.pk, "consent_processing": "on"}
    client.post(reverse("me:sign_up"), {**form, "destination": "12"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("me:sign_up"), {**form, "destination": PHONE})
    sign_up_code = last_code("sms")
    client.post(reverse("me:sign_up_code"), {"code": sign_up_code})
    assert client.get(reverse("me:home")).status_code == 200
    client.post(reverse("accounts:sign_out"))
    # A counsellor links an account to a walk-in by e-mail.
    walk_in = f.BeneficiaryFactory(desk=network.casablanca_desk, phone="", account=None)
    staff_sign_in(client, network.casablanca_counsellor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("people:account_link", kwargs={"public_id": walk_in.public_id}),
            {"destination": "awa.link@example.org"},
        )
    link_code = last_code("email")
    client.post(reverse("people:account_link_code", kwargs={"public_id": walk_in.public_id}), {"code": link_code})
    walk_in.refresh_from_db()
    assert walk_in.account is not None
    logs = all_logs.text
    assert "Bad Request" in logs
    for secret in (PHONE_DIGITS, "awa.link", sign_up_code, link_code):
        assert secret not in logs, secret
