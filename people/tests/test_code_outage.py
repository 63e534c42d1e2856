"""Codes go through the outbox, at once: in the page's language, signed by the desk; and when the SMS
gateway is down, a person asking for a code reads why and when to try again, never a 500.

Driven against the fake gateway on 127.0.0.1 (notifications/tests/gateway.py),
told to answer 500, to time out or to hang up.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from accounts import codes
from accounts.models import CodePurpose
from notifications.models import Message, MessageStatus
from people.models import Beneficiary

pytestmark = pytest.mark.usefixtures("strict_templates")
PHONE = "06 12 34 56 78"
PHONE_E164 = "+212612345678"
OUTAGES = {"answers 500": lambda gateway: gateway.answer(500), "times out": lambda gateway: gateway.time_out()}


def _ask_code(client, path: str, data: dict, capture):
    with capture(execute=True):
        return client.post(path, data)


def _sign_in_flow(client) -> dict:
    """The sign-in this browser asked a code for (a code works only there)."""
    return {"purpose": CodePurpose.SIGN_IN, "flow": client.session.get("guichet_code_flow", "")}


def _sign_up_form(network, **changes) -> dict:
    return {
        "destination": PHONE,
        "first_name": "Fatou",
        "last_name": "Sow",
        "desk": network.casablanca_desk.pk,
        "consent_processing": "on",
        **changes,
    }


@pytest.mark.parametrize("outage", OUTAGES)
def test_sign_in_during_an_outage_says_the_code_was_not_sent_and_when_to_try_again(
    client, db, sms_over_http, outage, django_capture_on_commit_callbacks
):
    OUTAGES[outage](sms_over_http)
    response = _ask_code(client, reverse("me:sign_in"), {"destination": PHONE}, django_capture_on_commit_callbacks)
    assert response.status_code == 503
    page = response.content.decode()
    assert "Le code n’a pas pu être envoyé" in page
    assert f"Réessayez dans {codes.OUTAGE_RETRY_MINUTES} minutes" in page
    assert len(sms_over_http.received) == 1  # tried once, at once, while the person waits


def test_sign_up_during_an_outage_is_told_in_the_language_of_the_page(
    client, network, sms_over_http, django_capture_on_commit_callbacks
):
    sms_over_http.answer(500)
    with translation.override("ar"):
        path = reverse("me:sign_up")
    response = _ask_code(client, path, _sign_up_form(network), django_capture_on_commit_callbacks)
    assert response.status_code == 503
    assert "تعذّر إرسال الرمز" in response.content.decode()
    assert not Beneficiary.objects.filter(first_name="Fatou").exists()


def test_codes_that_could_not_be_sent_do_not_count_against_the_limit(
    client, db, sms_over_http, django_capture_on_commit_callbacks
):
    sms_over_http.answer(500)
    for _ in range(codes.MAX_CODES_PER_DESTINATION + 1):
        response = _ask_code(client, reverse("me:sign_in"), {"destination": PHONE}, django_capture_on_commit_callbacks)
        assert response.status_code == 503
    sms_over_http.recover()
    response = _ask_code(client, reverse("me:sign_in"), {"destination": PHONE}, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == reverse("me:code")
    code = re.search(r"\b(\d{6})\b", sms_over_http.received[-1]["json"]["text"]).group(1)
    assert codes.code_verify(destination=PHONE, code=code, **_sign_in_flow(client))


def test_a_code_that_could_not_be_sent_cannot_sign_in(
    client, db, sms_over_http, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(codes, "flow_new", lambda: "the-flow-the-code-was-sent-for")
    sms_over_http.answer(500)
    _ask_code(client, reverse("me:sign_in"), {"destination": PHONE}, django_capture_on_commit_callbacks)
    code = re.search(r"\b(\d{6})\b", sms_over_http.received[-1]["json"]["text"]).group(1)
    assert not codes.code_verify(
        destination=PHONE, code=code, purpose=CodePurpose.SIGN_IN, flow="the-flow-the-code-was-sent-for"
    )


def test_the_code_is_written_in_the_language_of_the_page_and_signed_by_the_desk(
    client, network, sms_over_http, django_capture_on_commit_callbacks
):
    with translation.override("ar"):
        sign_up, code_step = reverse("me:sign_up"), reverse("me:sign_up_code")
    response = _ask_code(client, sign_up, _sign_up_form(network), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    [request] = sms_over_http.received
    text = request["json"]["text"]
    assert text.startswith(f"{network.casablanca_desk.name}: رمزك هو ")
    code = re.search(r"\b(\d{6})\b", text).group(1)
    client.post(code_step, {"code": code})
    assert Beneficiary.objects.get(first_name="Fatou").preferred_language == "ar"
    assert Message.objects.get().status == MessageStatus.SENT and Message.objects.get().body == ""
