"""A file's account: opened online by the person (sign-up), linked at the desk, found at sign-in by code.

The phone or e-mail proved by a one-time code (``accounts/codes.py``) is
the key; an account has no password and a name that says nothing of the
person. Only a detail the person proved opens a file: one typed by staff
reaches nothing until the person proves it (linking at the desk).
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import codes
from accounts.models import CodePurpose
from audit.models import AuditAction
from audit.services import audit_record
from catalog.models import Desk
from core.actor import Actor
from people import selectors
from people.models import (
    CONTACT_PROOFS,
    SIGN_UP_FIELDS,
    Beneficiary,
    ConsentChannel,
)
from people.services import file_consents_record, file_save_new


def _field(kind: str) -> str:
    return "phone" if kind == "sms" else "email"


def _files_reached(*, destination: str):
    """The files this phone or e-mail opens: those where the person proved it, never where staff only typed it."""
    kind, address = codes.destination_normalise(destination)
    lookup = "phone" if kind == "sms" else "email__iexact"
    proof = CONTACT_PROOFS[_field(kind)]
    return kind, address, Beneficiary.objects.filter(**{lookup: address, f"{proof}__isnull": False})


def files_reached_count(*, destination: str) -> int:
    """How many files this phone or e-mail opens: 0 (none yet), 1, or more (then none opens, as at sign-in)."""
    return _files_reached(destination=destination)[2].count()


def _proven(kind: str, address: str) -> dict[str, Any]:
    """The file's fields for a detail the person just proved with a code: the detail and the date of its proof."""
    return {_field(kind): address, CONTACT_PROOFS[_field(kind)]: timezone.now()}


def _account_new() -> AbstractBaseUser:
    """A person's account: no password (they sign in with one-time codes), a name that says nothing about them."""
    account = get_user_model()(username=f"beneficiary-{secrets.token_hex(8)}")
    account.set_unusable_password()
    account.save()
    return account


@transaction.atomic
def beneficiary_sign_up(
    *,
    actor: Actor,
    destination: str,
    desk: Desk,
    profile: dict[str, Any],
    consent_contact: bool = False,
    language: str = "",
) -> AbstractBaseUser | None:
    """A person opens their own file online; call only after they proved they hold ``destination`` (a code).

    ``language``, the one the person signed up in, is the file's preferred
    language: texts to the person are written in it.

    When a file already reaches this phone or e-mail, the person is simply
    signed in to it and nothing of the form is written (the first step said
    nothing about it either way). Several files on one destination open
    none (None), as at sign-in. Consent to processing is recorded with the
    version of the text shown, the online channel, and the person as the
    one who recorded it.
    """
    kind, address, files = _files_reached(destination=destination)
    if files.exists():
        return beneficiary_account_for(destination=destination)
    unknown = set(profile) - set(SIGN_UP_FIELDS)
    if unknown:
        raise ValueError(f"Not for sign-up: {sorted(unknown)}")
    account = _account_new()
    beneficiary = file_save_new(
        Beneficiary(desk=desk, **profile, **_proven(kind, address), preferred_language=language), account=account
    )
    file_consents_record(
        beneficiary=beneficiary,
        consent_contact=consent_contact,
        channel=ConsentChannel.ONLINE,
        actor=actor.acting_as(account),
        note="sign-up; ",
    )
    return account


class AccountLinkRefused(Exception):
    """The file cannot be given this account; the message says why, in the user's language."""


@transaction.atomic
def beneficiary_account_link(*, actor: Actor, public_id: str, destination: str) -> Beneficiary:
    """A counsellor links an account to a file, once the person gave the code sent to ``destination``.

    The phone or e-mail becomes the file's, proven, so the person can sign
    in themselves from then on. A file that already has an account keeps
    it: this is how a detail typed or changed by staff gets proven. Refused
    when another file already opens with this destination (sign-in would
    then open neither); the other file is not named. A file where staff
    only typed it is no obstacle: it opens nothing.
    """
    beneficiary = selectors.beneficiary_get(user=actor.user, public_id=public_id)
    beneficiary = Beneficiary.objects.select_for_update().get(pk=beneficiary.pk)
    kind, address, files = _files_reached(destination=destination)
    if files.exclude(pk=beneficiary.pk).exists():
        raise AccountLinkRefused(
            _("This phone number or e-mail address is already on another file. Ask your network administrator.")
        )
    proven = _proven(kind, address)
    for name, value in proven.items():
        setattr(beneficiary, name, value)
    if beneficiary.account is None:
        beneficiary.account = _account_new()
    beneficiary.last_activity_at = timezone.now()
    beneficiary.full_clean()
    beneficiary.save(update_fields=[*proven, "account", "last_activity_at"])
    audit_record(
        actor=actor,
        action=AuditAction.ACCOUNT_LINK,
        obj=beneficiary,
        detail=_field(kind),
    )
    return beneficiary


@transaction.atomic
def beneficiary_account_for(*, destination: str) -> AbstractBaseUser | None:
    """The account of the one file reached by this phone or e-mail (created now if the file had none).

    Call only after the person proved they hold the destination (a code).
    Several files on one number (a family's phone) open none: fail closed,
    the desk sorts it out.
    """
    _kind, _address, files = _files_reached(destination=destination)
    if files.count() != 1:
        return None
    beneficiary = files.select_for_update().get()
    if beneficiary.account is None:
        beneficiary.account = _account_new()
        beneficiary.save(update_fields=["account"])
    return beneficiary.account


# A code is proof only together with what it proves: checking it and writing
# the account happen in one transaction, so a write that fails leaves the code
# unused (the person types it again), and a wrong answer is counted whatever
# follows (the check commits before any write is tried).
class CodeRefused(Exception):
    """The code is wrong, used or expired: nothing was written."""


def beneficiary_sign_up_with_code(
    *,
    actor: Actor,
    code: str,
    flow: str,
    destination: str,
    desk: Desk,
    profile: dict[str, Any],
    consent_contact: bool = False,
    language: str = "",
) -> AbstractBaseUser | None:
    """``beneficiary_sign_up`` once ``code``, sent for this sign-up ``flow``, proves ``destination``;
    raises CodeRefused otherwise."""
    with transaction.atomic():
        if codes.code_verify(destination=destination, code=code, purpose=CodePurpose.SIGN_UP, flow=flow):
            return beneficiary_sign_up(
                actor=actor,
                destination=destination,
                desk=desk,
                profile=profile,
                consent_contact=consent_contact,
                language=language,
            )
    raise CodeRefused


def account_link_flow(*, beneficiary: Beneficiary, nonce: str) -> str:
    """What a linking code is bound to: this file, at its desk, in the counsellor's session that sent it."""
    return f"file {beneficiary.pk} desk {beneficiary.desk_id} session {nonce}"


def beneficiary_account_link_with_code(
    *, actor: Actor, public_id: str, destination: str, code: str, nonce: str
) -> Beneficiary:
    """``beneficiary_account_link`` once ``code`` proves ``destination``, sent to link this file at its
    desk from the session of ``nonce``; raises CodeRefused otherwise (a code for another file or desk
    included)."""
    with transaction.atomic():
        beneficiary = selectors.beneficiary_get(user=actor.user, public_id=public_id)
        flow = account_link_flow(beneficiary=beneficiary, nonce=nonce)
        if codes.code_verify(destination=destination, code=code, purpose=CodePurpose.LINK_FILE, flow=flow):
            return beneficiary_account_link(actor=actor, public_id=public_id, destination=destination)
    raise CodeRefused
