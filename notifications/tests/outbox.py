"""The outbox as tests read it: SMS and e-mails written as JSON lines to a temporary folder (a fixture plugin)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest


@pytest.fixture
def outbox(settings, tmp_path) -> Path:
    """Where this test's SMS (``sms.jsonl``) and e-mails (``email.jsonl``) are written, a JSON line each."""
    settings.GUICHET_SMS_CHANNEL = "file"
    settings.GUICHET_EMAIL_CHANNEL = "file"
    settings.GUICHET_OUTBOX_DIR = tmp_path
    return tmp_path


def last_code(outbox: Path, kind: str = "sms") -> str:
    """The six-digit code of the last message sent on ``kind`` (``sms`` or ``email``)."""
    body = json.loads((outbox / f"{kind}.jsonl").read_text().splitlines()[-1])["body"]
    return re.search(r"\b(\d{6})\b", body).group(1)
