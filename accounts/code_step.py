"""One step shared by the views that send a one-time code (sign-in, sign-up, linking an account)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext as _

from accounts import codes
from accounts.models import CodePurpose
from catalog.models import Desk


def code_send(
    *,
    request: HttpRequest,
    form: forms.Form,
    too_many: str,
    purpose: CodePurpose,
    flow: str,
    desk: Desk | None = None,
    language: str | None = None,
) -> int | None:
    """Send a code for ``purpose`` and ``flow`` to the form's valid ``destination``, in ``language`` (the
    person's; the page's when not given), signed by the desk (the form's, else ``desk``). None when
    sent, else the status of the page to show again, with the reason on the field: 400 for a bad number
    or address, 429 for too many codes, 503 when the gateway did not take the code (that try does not
    count)."""
    if not form.is_valid():
        return 400
    desk = form.cleaned_data.get("desk") or desk
    try:
        codes.code_request(
            destination=form.cleaned_data["destination"],
            ip_address=request.actor.ip_address,
            purpose=purpose,
            flow=flow,
            language=language,
            desk=desk,
        )
    except codes.InvalidDestination as exc:
        form.add_error("destination", str(exc))
        return 400
    except codes.TooManyCodes:
        form.add_error("destination", too_many)
        return 429
    except codes.CodeNotSent:
        message = _(
            "The code could not be sent: the message service is not answering. "
            "Try again in %(minutes)d minutes; this try does not count."
        ) % {"minutes": codes.OUTAGE_RETRY_MINUTES}
        form.add_error("destination", message)
        return 503
    return None
