"""Sign a staff member in as the real flow leaves them: password checked, then the authenticator app's code."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.second_factor import totp_code_now


def totp_device_for(user: AbstractBaseUser) -> TOTPDevice:
    """The user's confirmed authenticator app (made for the test if they have none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test phone", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    """The code the app shows now, computed as the app does."""
    return totp_code_now(device)


def staff_sign_in(client: Client, user: AbstractBaseUser) -> Client:
    """``force_login`` plus a verified second factor in the session, as after both steps."""
    device = totp_device_for(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
