"""One-time codes: sent, expiring, single-use, limited, never stored or logged in clear."""

from __future__ import annotations

import datetime
import json
import logging
import re

import pytest
from django.utils import timezone

from accounts import codes
from accounts.models import CodePurpose, OneTimeCode

PHONE = "06 12 34 56 78"
PHONE_E164 = "+212612345678"
# Every code here is a sign-in code asked for by one session (purposes and flows: accounts/tests/test_code_purpose.py).
SIGN_IN = {"purpose": CodePurpose.SIGN_IN, "flow": "this-session"}


@pytest.fixture
def request_code(db, outbox, django_capture_on_commit_callbacks):
    def request(destination: str = PHONE, ip: str = "10.0.0.1", kind: str = "sms") -> str:
        with django_capture_on_commit_callbacks(execute=True):
            codes.code_request(destination=destination, ip_address=ip, **SIGN_IN)
        last = json.loads((outbox / f"{kind}.jsonl").read_text().splitlines()[-1])
        return re.search(r"\b(\d{6})\b", last["body"]).group(1)

    return request


def test_a_code_is_sent_to_the_e164_number_and_signs_in_once(request_code, outbox):
    code = request_code()
    assert json.loads((outbox / "sms.jsonl").read_text())["to"] == PHONE_E164
    assert codes.code_verify(destination=PHONE_E164, code=code, **SIGN_IN)
    assert not codes.code_verify(destination=PHONE, code=code, **SIGN_IN)


def test_codes_go_by_e_mail_too(request_code):
    code = request_code("Person@Example.org", kind="email")
    assert codes.code_verify(destination="person@example.org", code=code, **SIGN_IN)


def test_an_expired_code_is_refused(request_code):
    code = request_code()
    now = timezone.now()
    OneTimeCode.objects.update(created_at=now - codes.CODE_LIFETIME, expires_at=now - datetime.timedelta(seconds=1))
    assert not codes.code_verify(destination=PHONE, code=code, **SIGN_IN)


def test_a_new_code_replaces_the_previous_one(request_code):
    first = request_code()
    second = request_code()
    if first != second:
        assert not codes.code_verify(destination=PHONE, code=first, **SIGN_IN)
    assert codes.code_verify(destination=PHONE, code=second, **SIGN_IN)


def test_after_five_wrong_answers_even_the_right_code_is_refused(request_code):
    code = request_code()
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(codes.MAX_WRONG_ANSWERS):
        assert not codes.code_verify(destination=PHONE, code=wrong, **SIGN_IN)
    assert not codes.code_verify(destination=PHONE, code=code, **SIGN_IN)


def test_codes_are_rate_limited_per_number(request_code):
    for _ in range(codes.MAX_CODES_PER_DESTINATION):
        request_code(ip="10.0.0.9")
    with pytest.raises(codes.TooManyCodes):
        request_code(ip="10.0.0.10")


def test_codes_are_rate_limited_per_address(request_code):
    for n in range(codes.MAX_CODES_PER_IP):
        request_code(f"06123456{n:02d}")
    with pytest.raises(codes.TooManyCodes):
        request_code("0698765432")
    request_code("0698765432", ip="10.0.0.2")


@pytest.mark.parametrize("destination", ["12", "not an address", "a@b", "+33 1"])
def test_an_invalid_destination_is_refused_with_a_message(db, destination):
    with pytest.raises(codes.InvalidDestination):
        codes.code_request(destination=destination, ip_address=None, **SIGN_IN)


def test_neither_the_code_nor_the_number_is_stored_or_logged(request_code, caplog):
    caplog.set_level(logging.DEBUG)
    code = request_code()
    codes.code_verify(destination=PHONE, code=code, **SIGN_IN)
    stored = " ".join(f"{c.destination_digest} {c.code_digest}" for c in OneTimeCode.objects.all())
    for secret in (code, PHONE_E164, "612345678"):
        assert secret not in stored
        assert secret not in caplog.text


def test_a_code_travels_by_the_http_sms_gateway_and_signs_in_once(
    db, sms_over_http, django_capture_on_commit_callbacks
):
    """The production channel end to end, against a real HTTP server on 127.0.0.1."""
    with django_capture_on_commit_callbacks(execute=True):
        codes.code_request(destination=PHONE, ip_address="10.0.0.1", **SIGN_IN)
    [request] = sms_over_http.received
    assert request["authorization"] == "Bearer gateway-token"
    assert request["json"]["to"] == PHONE_E164 and request["json"]["from"] == "Guichet"
    code = re.search(r"\b(\d{6})\b", request["json"]["text"]).group(1)
    assert codes.code_verify(destination=PHONE, code=code, **SIGN_IN)
    assert not codes.code_verify(destination=PHONE, code=code, **SIGN_IN)
