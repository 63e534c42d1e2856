"""Writes at the same moment, on SQLite (the default of `make run`) and on PostgreSQL: each is answered, none is a 500.

Each request runs in its own thread, with its own database connection, all
released at once, as a threaded server runs them. On SQLite the test
database is a file for this (the root conftest's
``django_db_modify_db_settings``): Django's in-memory test database shares
one cache between connections and fails at once where a file waits.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp

from accounts import codes
from accounts.models import CodePurpose, OneTimeCode
from audit.models import AuditAction, AuditEvent
from core.tests.concurrency import at_once
from people import self_views
from people.models import Note
from people.tests import factories as f
from people.tests.staff import staff_sign_in, totp_device_for

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "+212612345678"
ROUNDS = 5  # the race lost a note in 2 rounds of 5 on SQLite before transactions were immediate


def post_from(client: Client, url: str, data: dict) -> Callable[[], tuple[int, str]]:
    return lambda: (lambda response: (response.status_code, response.content.decode()))(client.post(url, data))


def statuses(answers: list[tuple[int, str]]) -> Counter:
    return Counter(status for status, _page in answers)


def test_two_counsellors_saving_a_note_at_the_same_moment_both_save_it(network):
    colleague = f.StaffRoleFactory(user__username="casa-colleague", desk=network.casablanca_desk).user
    counsellors = [
        staff_sign_in(Client(raise_request_exception=False), user)
        for user in (network.casablanca_counsellor, colleague)
    ]
    url = reverse("people:note_create", args=[network.casablanca_file.public_id])
    for round_ in range(ROUNDS):
        calls = [
            post_from(client, url, {"text": f"Round {round_}, counsellor {n}"}) for n, client in enumerate(counsellors)
        ]
        assert statuses(at_once(calls)) == Counter({302: 2}), f"round {round_}"
    saved = set(Note.objects.filter(beneficiary=network.casablanca_file).values_list("text", flat=True))
    assert {f"Round {r}, counsellor {n}" for r in range(ROUNDS) for n in range(2)} <= saved


def test_twelve_wrong_code_answers_at_once_are_each_told_and_void_the_code_after_five(network, outbox):
    flow = codes.flow_new()
    codes.code_request(destination=PHONE, ip_address="10.0.0.1", purpose=CodePurpose.SIGN_IN, flow=flow)
    right = re.search(r"\b\d{6}\b", json.loads((outbox / "sms.jsonl").read_text())["body"]).group()
    wrong = f"{(int(right) + 1) % 10**codes.CODE_DIGITS:0{codes.CODE_DIGITS}d}"
    people = []
    for _ in range(12):
        client = Client(raise_request_exception=False)
        session = client.session
        session[self_views.DESTINATION_KEY] = PHONE
        session[self_views.SIGN_IN_FLOW_KEY] = flow  # the tabs of the browser that asked for the code
        session.save()
        people.append(client)
    answers = at_once([post_from(client, reverse("me:code"), {"code": wrong}) for client in people])
    assert statuses(answers) == Counter({400: 12})
    assert all("Ce code est faux ou a expiré" in page for _status, page in answers)
    assert OneTimeCode.objects.get().attempts == codes.MAX_WRONG_ANSWERS
    assert not codes.code_verify(destination=PHONE, code=right, purpose=CodePurpose.SIGN_IN, flow=flow)


def test_ten_code_requests_for_one_number_at_once_send_the_three_allowed(network, outbox):
    people = [Client(raise_request_exception=False) for _ in range(10)]
    answers = at_once([post_from(client, reverse("me:sign_in"), {"destination": PHONE}) for client in people])
    allowed = codes.MAX_CODES_PER_DESTINATION
    assert statuses(answers) == Counter({302: allowed, 429: 10 - allowed})
    assert sum("Trop de codes ont été demandés" in page for _status, page in answers) == 10 - allowed
    assert len((outbox / "sms.jsonl").read_text().splitlines()) == OneTimeCode.objects.count() == allowed


def test_wrong_staff_passwords_at_once_lock_the_account_out_after_the_limit(network, settings):
    tries = [Client(raise_request_exception=False) for _ in range(8)]
    data = {"username": "casa-counsellor", "password": "wrong"}
    answers = at_once([post_from(client, reverse("accounts:sign_in"), data) for client in tries])
    told = statuses(answers)
    # 503: on a loaded machine a try may outwait the lock timeout; it is told to try again (core/busy.py).
    assert set(told) <= {200, 429, 503}, told
    # Never more wrong passwords answered than one after the other (django-axes counts each once it is
    # saved, so tries at the same moment may be locked out sooner, never later).
    assert 1 <= told[200] <= settings.AXES_FAILURE_LIMIT - 1


def test_six_wrong_app_codes_at_once_are_each_told_and_each_checked_one_counts(network):
    user = network.casablanca_counsellor
    device = totp_device_for(user)
    window = {
        f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift + d):06d}"
        for d in range(-device.tolerance - 1, device.tolerance + 2)
    }
    wrong = next(code for code in ("000000", "111111", "222222", "333333") if code not in window)
    tabs = []
    for _ in range(6):
        client = Client(raise_request_exception=False)
        client.force_login(user)  # the password step passed; the code step is next
        tabs.append(client)
    answers = at_once([post_from(client, reverse("accounts:second_factor"), {"token": wrong}) for client in tabs])
    told = statuses(answers)
    assert set(told) <= {400, 429, 503}, told  # 503: outwaited the lock timeout, rolled back, told to try again
    device.refresh_from_db()
    # Each code checked and found wrong counts once; a code refused for the wait is not checked.
    assert device.throttling_failure_count == told[400] >= 1
    assert AuditEvent.objects.filter(action=AuditAction.SECOND_FACTOR_FAILED, actor=user).count() == 6 - told[503]
