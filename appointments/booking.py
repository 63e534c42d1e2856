"""A person books online: whose file the appointment goes to, once they proved their phone or e-mail.

The proof is a one-time code (``CodePurpose.CONFIRM_BOOKING``, bound to the
booking's flow); the destination it proved opens the one file where the
person proved it before, or, when it opens none, a light file at the desk
of the booking, with the person's consent given as at sign-up (same text,
same version). Several files on one destination (a family's phone) open
none: the booking is refused without naming them, as sign-in refuses. The
file and the appointment are written in one transaction: a time taken
meanwhile leaves no file behind.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from accounts import codes
from accounts.models import CodePurpose
from appointments import services
from appointments.models import Appointment, MeetingReason
from catalog.models import Desk
from core.actor import Actor
from people import file_accounts
from people.models import Beneficiary


class NeedsNewFile(Exception):
    """The proven destination opens no file yet: a first name and consent to processing are needed."""


class SeveralFiles(Exception):
    """The proven destination opens several files: none is chosen (the desk sorts it out)."""

    def __init__(self) -> None:
        super().__init__("Several files.")
        self.message = _(
            "We found more than one file for this number or address, so we cannot choose one. "
            "Call or visit the desk to book."
        )


def code_prove(*, destination: str, code: str, flow: str) -> bool:
    """Whether ``code`` proves ``destination`` for this booking ``flow`` (used once; wrong answers count)."""
    return codes.code_verify(destination=destination, code=code, purpose=CodePurpose.CONFIRM_BOOKING, flow=flow)


def _file_of(
    *,
    actor: Actor,
    destination: str,
    desk: Desk,
    new_person: dict | None,
    language: str,
) -> Beneficiary:
    reached = file_accounts.files_reached_count(destination=destination)
    if reached > 1:
        raise SeveralFiles
    if reached == 0 and not (new_person and new_person.get("first_name") and new_person.get("consent_processing")):
        raise NeedsNewFile
    account = file_accounts.beneficiary_sign_up(
        actor=actor,
        destination=destination,
        desk=desk,
        profile={"first_name": new_person["first_name"]} if reached == 0 else {},
        consent_contact=bool(new_person and new_person.get("consent_contact")),
        language=language,
    )
    if account is None:  # another file reached it meanwhile: fail closed, as sign-in does
        raise SeveralFiles
    return Beneficiary.objects.get(account=account)


@transaction.atomic
def booking_confirm_proven(
    *,
    actor: Actor,
    destination: str,
    hold_id: int | None,
    flow: str,
    desk: Desk,
    reason: MeetingReason,
    starts_at: datetime.datetime,
    new_person: dict | None,
    language: str,
) -> Appointment:
    """The held time becomes the appointment of the file ``destination`` (proven by a code) opens, or of a
    light file opened now. Raises NeedsNewFile, SeveralFiles, and what ``services.hold_confirm`` raises
    (SlotTaken, BookingRefused, AlreadyBooked): then nothing is written."""
    beneficiary = _file_of(actor=actor, destination=destination, desk=desk, new_person=new_person, language=language)
    return services.hold_confirm(
        hold_id=hold_id,
        flow=flow,
        desk=desk,
        reason=reason,
        starts_at=starts_at,
        beneficiary=beneficiary,
        actor=actor,
    )


def booking_confirm_signed_in(
    *,
    actor: Actor,
    beneficiary: Beneficiary,
    hold_id: int | None,
    flow: str,
    desk: Desk,
    reason: MeetingReason,
    starts_at: datetime.datetime,
) -> Appointment:
    """A person signed in to their own file confirms with one button: no code, their file."""
    return services.hold_confirm(
        hold_id=hold_id, flow=flow, desk=desk, reason=reason, starts_at=starts_at, beneficiary=beneficiary, actor=actor
    )
