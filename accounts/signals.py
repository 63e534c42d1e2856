"""Sign-ins, failed sign-ins and sign-outs go to the audit log; the session clocks start at sign-in."""

from __future__ import annotations

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts.middleware import SEEN_AT, SIGNED_IN_AT, SIGNED_IN_OR_OUT
from audit.models import AuditAction, AuditObject
from audit.services import audit_record
from core.actor import Actor
from core.http import client_ip


def _actor(request, user) -> Actor:
    """The signal's user at the request's address (request.actor was built before this sign-in or sign-out)."""
    return Actor(user=user, ip_address=client_ip(request) if request is not None else None)


@receiver(user_logged_in)
def on_sign_in(sender, request, user, **kwargs) -> None:
    if request is not None:
        setattr(request, SIGNED_IN_OR_OUT, True)
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[SEEN_AT] = now
    audit_record(actor=_actor(request, user), action=AuditAction.SIGN_IN, obj=user)


@receiver(user_login_failed)
def on_sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    # The typed username is not kept: it may be a phone number or a password typed in the wrong box.
    audit_record(actor=_actor(request, None), action=AuditAction.SIGN_IN_FAILED, obj=AuditObject.USER)


@receiver(user_logged_out)
def on_sign_out(sender, request, user, **kwargs) -> None:
    if request is not None:
        setattr(request, SIGNED_IN_OR_OUT, True)
    if user is not None:
        audit_record(actor=_actor(request, user), action=AuditAction.SIGN_OUT, obj=user)
