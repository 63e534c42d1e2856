"""Each channel, driven for real: a file, Django's mail backend, a fake SMS gateway on 127.0.0.1."""

from __future__ import annotations

import json

import pytest
from django.core import mail

from notifications import channels


def test_an_sms_reaches_the_gateway_with_its_token_sender_and_text(sms_over_http):
    channels.send(kind="sms", to="+212612345678", body="Votre code : 123456")
    [request] = sms_over_http.received
    assert request["path"] == "/messages"
    assert request["authorization"] == "Bearer gateway-token"
    assert request["json"] == {"to": "+212612345678", "from": "Guichet", "text": "Votre code : 123456"}


def test_a_gateway_refusal_is_a_delivery_failure_and_the_log_holds_no_number(sms_over_http, caplog):
    sms_over_http.status = 500
    with pytest.raises(channels.DeliveryFailed):
        channels.send(kind="sms", to="+212612345678", body="Votre code : 123456")
    assert "HTTP 500" in caplog.text
    assert "612345678" not in caplog.text and "123456" not in caplog.text


def test_an_unreachable_gateway_is_a_delivery_failure(settings, gateway):
    settings.GUICHET_SMS_CHANNEL = "http"
    settings.GUICHET_SMS_GATEWAY_URL = gateway.url
    gateway.shutdown()
    gateway.server_close()
    with pytest.raises(channels.DeliveryFailed):
        channels.send(kind="sms", to="+212612345678", body="x")
    settings.GUICHET_SMS_GATEWAY_URL = "http://127.0.0.1:9/"  # nothing listens on the discard port
    with pytest.raises(channels.DeliveryFailed):
        channels.send(kind="sms", to="+212612345678", body="x")


def test_the_file_channel_writes_one_json_line_per_message(settings, tmp_path):
    settings.GUICHET_SMS_CHANNEL = "file"
    settings.GUICHET_OUTBOX_DIR = tmp_path
    channels.send(kind="sms", to="+212612345678", body="one")
    channels.send(kind="sms", to="+212612345679", body="two")
    lines = [json.loads(line) for line in (tmp_path / "sms.jsonl").read_text().splitlines()]
    assert [(line["to"], line["body"]) for line in lines] == [("+212612345678", "one"), ("+212612345679", "two")]


def test_e_mail_goes_through_django_mail(settings):
    settings.GUICHET_EMAIL_CHANNEL = "smtp"
    channels.send(kind="email", to="person@example.org", subject="Code", body="Votre code : 123456")
    [sent] = mail.outbox
    assert (sent.to, sent.subject, sent.body) == (["person@example.org"], "Code", "Votre code : 123456")


def test_an_unknown_channel_is_a_configuration_error(settings):
    settings.GUICHET_SMS_CHANNEL = "pigeon"
    with pytest.raises(ValueError, match="pigeon"):
        channels.channel_for("sms")
