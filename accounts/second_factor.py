"""Staff second factor: a time-based code (TOTP) from an authenticator app, after the password.

django-otp keeps the devices, checks codes (with a tolerance of one step for
a phone's clock), refuses a code used twice and makes each wrong code double
the wait before the next (``OTP_TOTP_THROTTLE_FACTOR``). Here: enrolment (a
device is unconfirmed until its first code is right), verification and their
audit lines. Every account that signs in with a password is staff, and every
staff account needs this step: the workspace, the back office and the scoped
selectors treat a session without it as signed out.
"""

from __future__ import annotations

import base64
import enum

import qrcode
import qrcode.image.svg
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditAction
from audit.services import audit_record

DEVICE_NAME = "authenticator"


class Outcome(enum.Enum):
    PASSED = "passed"
    WRONG = "wrong"
    THROTTLED = "throttled"  # too many wrong codes in a row: wait before the next try


def totp_device_confirmed(*, user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


@transaction.atomic
def totp_device_enrol(*, user: AbstractBaseUser) -> TOTPDevice:
    """The device being set up for ``user``: the same secret until it is confirmed, so a reload shows the same QR."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).select_for_update().first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def totp_secret_text(device: TOTPDevice) -> str:
    """The secret as authenticator apps ask for it when typed: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_code_svg(device: TOTPDevice) -> SafeString:
    """The device's otpauth:// address as an SVG QR code, to put inline in the page (no request, no script)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return mark_safe(image.to_string(encoding="unicode"))  # markup made by qrcode from our own URL


def _check(*, request: HttpRequest, device: TOTPDevice, token: str, action: AuditAction) -> Outcome:
    allowed, _info = device.verify_is_allowed()
    if not allowed:
        audit_record(actor=request.actor, action=AuditAction.SECOND_FACTOR_FAILED, obj=request.user, detail="throttled")
        return Outcome.THROTTLED
    if not device.verify_token(token.strip().replace(" ", "")):
        audit_record(actor=request.actor, action=AuditAction.SECOND_FACTOR_FAILED, obj=request.user)
        return Outcome.WRONG
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    otp_login(request, device)
    # The session gains rights: give it a new id, as at sign-in.
    request.session.cycle_key()
    audit_record(actor=request.actor, action=action, obj=request.user)
    return Outcome.PASSED


@transaction.atomic
def second_factor_verify(*, request: HttpRequest, token: str) -> Outcome:
    """Check the code of the signed-in user's confirmed device; on success the session is verified."""
    device = totp_device_confirmed(user=request.user)
    if device is None:
        return Outcome.WRONG
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    return _check(request=request, device=device, token=token, action=AuditAction.SECOND_FACTOR_PASSED)


@transaction.atomic
def second_factor_enrol_confirm(*, request: HttpRequest, token: str) -> Outcome:
    """The first right code confirms the device being set up and verifies the session."""
    if totp_device_confirmed(user=request.user) is not None:
        return Outcome.WRONG
    device = totp_device_enrol(user=request.user)
    return _check(request=request, device=device, token=token, action=AuditAction.SECOND_FACTOR_ENROL)


def totp_code_now(device: TOTPDevice) -> str:
    """The code an authenticator app shows for ``device`` at this moment (demo helper)."""
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"
