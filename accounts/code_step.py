"""One step shared by the views that send a one-time code (sign-in, sign-up, linking an account)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest

from accounts import codes


def code_send(*, request: HttpRequest, form: forms.Form, too_many: str) -> int | None:
    """Send a code to the form's valid ``destination``. None when sent, else the status of the page
    to show again, with the reason on the field (400 for a bad number or address, 429 for too many codes)."""
    if not form.is_valid():
        return 400
    try:
        codes.code_request(destination=form.cleaned_data["destination"], ip_address=request.actor.ip_address)
    except codes.InvalidDestination as exc:
        form.add_error("destination", str(exc))
        return 400
    except codes.TooManyCodes:
        form.add_error("destination", too_many)
        return 429
    return None
