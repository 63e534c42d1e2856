"""A one-time code serves only the purpose and the flow that asked for it, and its text says whom it may be given to."""

from __future__ import annotations

import json
import re

import pytest

from accounts import codes
from accounts.models import CodePurpose
from catalog.tests import factories as cf

PHONE = "06 12 34 56 78"
SIGN_IN, SIGN_UP, LINK_FILE, CONFIRM_BOOKING = (
    CodePurpose.SIGN_IN,
    CodePurpose.SIGN_UP,
    CodePurpose.LINK_FILE,
    CodePurpose.CONFIRM_BOOKING,
)
# What each text must tell the person, language by language: whom they may give the code to.
NEVER_GIVE_IT = {
    "fr": "Ne le donnez à personne, y compris au guichet.",
    "ar": "لا تعطه لأي أحد، ولا حتى للشباك.",
    "en": "Never give it to anyone, not even the desk.",
}
ONLY_TO_THE_COUNSELLOR = {
    "fr": "Donnez-le seulement au conseiller en face de vous ({desk}).",
    "ar": "لا تعطه إلا للمستشار الذي أمامك في {desk}.",
    "en": "Give it only to the counsellor in front of you at {desk}.",
}
# GSM 03.38's basic characters: a text made only of them fits 160 in one SMS; any other makes it UCS-2.
GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
UCS2_SEGMENT = 67  # characters per part of a long Arabic SMS


@pytest.fixture
def desk(db):
    return cf.DeskFactory(name_fr="Guichet de Rabat", name_ar="شباك الرباط", name_en="Rabat desk")


@pytest.fixture
def send(db, outbox, desk, django_capture_on_commit_callbacks):
    """Send a code for a purpose and a flow; the text the person received."""

    def send(purpose=SIGN_IN, flow="flow-a", language="fr", ip="10.0.0.1", destination=PHONE) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            codes.code_request(
                destination=destination, ip_address=ip, purpose=purpose, flow=flow, language=language, desk=desk
            )
        return json.loads((outbox / "sms.jsonl").read_text().splitlines()[-1])["body"]

    return send


def _code(text: str) -> str:
    return re.search(r"\b(\d{6})\b", text).group(1)


@pytest.mark.parametrize(
    ("sent_for", "typed_for"),
    [(SIGN_IN, LINK_FILE), (LINK_FILE, SIGN_IN), (SIGN_UP, SIGN_IN), (SIGN_IN, SIGN_UP), (CONFIRM_BOOKING, SIGN_IN)],
)
def test_a_code_sent_for_one_purpose_is_refused_for_another(send, sent_for, typed_for):
    code = _code(send(purpose=sent_for))
    assert not codes.code_verify(destination=PHONE, code=code, purpose=typed_for, flow="flow-a")
    assert codes.code_verify(destination=PHONE, code=code, purpose=sent_for, flow="flow-a")


def test_a_code_sent_for_one_flow_is_refused_in_another(send):
    code = _code(send(flow="session-a"))
    assert not codes.code_verify(destination=PHONE, code=code, purpose=SIGN_IN, flow="session-b")
    assert codes.code_verify(destination=PHONE, code=code, purpose=SIGN_IN, flow="session-a")


def test_a_code_typed_for_another_purpose_counts_as_a_wrong_answer(send):
    code = _code(send(purpose=LINK_FILE))
    for _ in range(codes.MAX_WRONG_ANSWERS):
        assert not codes.code_verify(destination=PHONE, code=code, purpose=SIGN_IN, flow="flow-a")
    assert not codes.code_verify(destination=PHONE, code=code, purpose=LINK_FILE, flow="flow-a")


def test_a_code_cannot_be_asked_for_without_a_flow_or_for_a_link_without_a_desk(db):
    with pytest.raises(ValueError):
        codes.code_request(destination=PHONE, ip_address=None, purpose=SIGN_IN, flow="")
    with pytest.raises(ValueError):
        codes.code_request(destination=PHONE, ip_address=None, purpose=LINK_FILE, flow="flow-a")


def test_codes_of_every_purpose_share_the_limits_per_number_and_per_address(send):
    purposes = [SIGN_IN, SIGN_UP, LINK_FILE]
    for purpose in purposes[: codes.MAX_CODES_PER_DESTINATION]:
        send(purpose=purpose, ip="10.0.0.9")
    with pytest.raises(codes.TooManyCodes):
        send(purpose=CONFIRM_BOOKING, ip="10.0.0.10")
    for n in range(codes.MAX_CODES_PER_IP):
        send(purpose=purposes[n % len(purposes)], flow=f"flow-{n}", ip="10.0.0.20", destination=f"06123400{n:02d}")
    with pytest.raises(codes.TooManyCodes):
        send(purpose=SIGN_IN, ip="10.0.0.20", destination="0698765432")


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
@pytest.mark.parametrize("purpose", [SIGN_IN, SIGN_UP, CONFIRM_BOOKING])
def test_a_code_the_person_types_themselves_says_never_to_give_it_to_anyone(send, purpose, language):
    text = send(purpose=purpose, language=language)
    assert NEVER_GIVE_IT[language] in text
    assert "conseiller" not in text and "المستشار" not in text and "counsellor" not in text


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_a_linking_code_names_the_desk_and_says_to_give_it_only_to_the_counsellor_there(send, desk, language):
    text = send(purpose=LINK_FILE, language=language)
    assert ONLY_TO_THE_COUNSELLOR[language].format(desk=getattr(desk, f"name_{language}")) in text
    assert NEVER_GIVE_IT[language] not in text


def test_each_purpose_has_its_own_text(send):
    texts = {
        purpose: send(purpose=purpose, flow=f"flow-{purpose}", ip=f"10.0.1.{n}", destination=f"0612340{n}00")
        for n, purpose in enumerate(CodePurpose)
    }
    assert len({text.replace(_code(text), "") for text in texts.values()}) == len(CodePurpose)


@pytest.mark.parametrize("purpose", list(CodePurpose))
def test_codes_fit_one_sms_in_french_and_english_and_two_in_arabic(send, purpose):
    for language in ("fr", "en"):
        text = send(purpose=purpose, flow=f"flow-{language}", language=language, ip=f"10.0.2.{len(language)}")
        assert set(text) <= GSM_BASIC, set(text) - GSM_BASIC
        assert len(text) <= 160, text
    arabic = send(purpose=purpose, flow="flow-ar", language="ar", ip="10.0.3.1", destination="0612345600")
    assert len(arabic) <= 2 * UCS2_SEGMENT, arabic
