"""Writes on people's files at the desk, each in one transaction, each audited.

Opening, creating and changing a file, notes, documents seen, the
questionnaire's results; the person's rights are in ``people/rights.py``,
a file's account (sign-up online, linking at the desk) in
``people/file_accounts.py``: each imports this module for what they share
(the audited read, a new file's numbering and consents), never the reverse.

Services take ``actor=`` (``core/actor.py``: who, from where, built once per
request); the scoping selectors they call keep ``user=actor.user``, as
selectors need the user only. Audit events name the action, the record and
the changed field names, never the values: the log must be safe to show to
an administrator.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts import selectors as roles
from audit.models import AuditAction, AuditObject
from audit.services import audit_record
from catalog.models import Desk, DocumentType, Language
from core.actor import Actor
from orientation.profile import Profile
from people import selectors
from people.models import (
    Beneficiary,
    Consent,
    ConsentChannel,
    ConsentPurpose,
    DocumentHeld,
    Note,
    OrientationResult,
    OrientationSource,
)

# The version of the consent texts shown in the workspace and at sign-up.
# Change it whenever the wording of a consent text changes, so each record
# says which words the person agreed to.
CONSENT_TEXT_VERSION = "2026-11"


Record = TypeVar("Record")


class NoConsentToProcessing(Exception):
    """The person's consent to processing is withdrawn: nothing new is written to the file nor shared.

    The message says so to the counsellor, in their language.
    """


def processing_consent_hold(*, beneficiary: Beneficiary, refusal: str) -> None:
    """Lock the person's live consent to processing until the caller's transaction ends, or refuse with ``refusal``.

    Locked, so that a withdrawal at the same moment either waits for this write
    and then withdraws what it made, or goes first and this write is refused:
    nothing is added or shared after the consent is gone.
    """
    live = Consent.objects.select_for_update().filter(beneficiary=beneficiary).live(ConsentPurpose.PROCESSING)
    if not list(live.values_list("pk", flat=True)):
        raise NoConsentToProcessing(refusal)


def open_audited(
    *,
    get: Callable[..., Record],
    actor: Actor,
    public_id: str,
    kind: AuditObject,
    action: AuditAction,
) -> Record:
    """A record read by staff through its scoped selector ``get``: one audit event, or a refusal, also audited.

    A refusal names the id as it was asked for: no record has it, or none the
    user may see; a record created later never has it (public ids are random).
    """
    try:
        record = get(user=actor.user, public_id=public_id)
    except Http404:
        audit_record(actor=actor, action=AuditAction.ACCESS_REFUSED, obj=(kind, public_id))
        raise
    audit_record(actor=actor, action=action, obj=record)
    return record


def beneficiary_open(*, actor: Actor, public_id: str) -> Beneficiary:
    """A file read by staff: the scoped selector, then one audit event (or a refusal, also audited)."""
    return open_audited(
        get=selectors.beneficiary_get,
        actor=actor,
        public_id=public_id,
        kind=AuditObject.BENEFICIARY,
        action=AuditAction.FILE_READ,
    )


def _check_desk(*, user: AbstractBaseUser, desk: Desk) -> None:
    if not roles.desks_of(user).filter(pk=desk.pk).exists():
        raise PermissionDenied


def _set_documents(*, beneficiary: Beneficiary, documents: Iterable[DocumentType]) -> None:
    wanted = {d.pk for d in documents}
    beneficiary.documents.exclude(document_type_id__in=wanted).delete()
    held = set(beneficiary.documents.values_list("document_type_id", flat=True))
    DocumentHeld.objects.bulk_create(
        DocumentHeld(beneficiary=beneficiary, document_type_id=pk) for pk in sorted(wanted - held)
    )


def consent_give(
    *, beneficiary: Beneficiary, purpose: ConsentPurpose, channel: ConsentChannel, recorded_by: AbstractBaseUser | None
) -> Consent:
    consent = Consent(
        beneficiary=beneficiary,
        purpose=purpose,
        text_version=CONSENT_TEXT_VERSION,
        channel=channel,
        recorded_by=recorded_by,
    )
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def beneficiary_create(
    *,
    actor: Actor,
    desk: Desk,
    profile: dict[str, Any],
    languages: Iterable[Language] = (),
    documents: Iterable[DocumentType] = (),
    consent_contact: bool = False,
) -> Beneficiary:
    """A walk-in's file, with the consent to processing the person gave in person."""
    _check_desk(user=actor.user, desk=desk)
    beneficiary = file_save_new(Beneficiary(desk=desk, **profile))
    beneficiary.languages.set(languages)
    _set_documents(beneficiary=beneficiary, documents=documents)
    file_consents_record(
        beneficiary=beneficiary,
        consent_contact=consent_contact,
        channel=ConsentChannel.IN_PERSON,
        actor=actor,
    )
    return beneficiary


def file_save_new(beneficiary: Beneficiary, *, account: AbstractBaseUser | None = None) -> Beneficiary:
    """Check and save a new file, then number it: short and stable, the id makes it unique without a counter."""
    beneficiary.file_number = f"new-{secrets.token_hex(8)}"
    beneficiary.full_clean(exclude=["file_number"])
    beneficiary.save()
    beneficiary.file_number = f"{beneficiary.created_at:%y}-{beneficiary.pk:06d}"
    beneficiary.account = account
    beneficiary.save(update_fields=["file_number", "account"])
    return beneficiary


def file_consents_record(
    *,
    beneficiary: Beneficiary,
    consent_contact: bool,
    channel: str,
    actor: Actor,
    note: str = "",
) -> None:
    """The consents given as a file is opened (processing, and contact if the person agreed), audited.

    ``actor`` gave them: the counsellor at the desk, or the person online (recorded by themselves).
    """
    purposes = [ConsentPurpose.PROCESSING] + ([ConsentPurpose.CONTACT] if consent_contact else [])
    for purpose in purposes:
        consent_give(beneficiary=beneficiary, purpose=purpose, channel=channel, recorded_by=actor.user)
    audit_record(
        actor=actor,
        action=AuditAction.FILE_CREATE,
        obj=beneficiary,
        detail=note + "consent: " + ",".join(purposes),
    )


@transaction.atomic
def beneficiary_update(
    *,
    actor: Actor,
    beneficiary: Beneficiary,
    profile: dict[str, Any],
    languages: Iterable[Language],
    documents: Iterable[DocumentType],
) -> Beneficiary:
    beneficiary = selectors.beneficiary_get(user=actor.user, public_id=beneficiary.public_id)
    changed = [name for name, value in profile.items() if getattr(beneficiary, name) != value]
    for name, value in profile.items():
        setattr(beneficiary, name, value)
    beneficiary.last_activity_at = timezone.now()
    beneficiary.full_clean()
    beneficiary.save()
    beneficiary.languages.set(languages)
    _set_documents(beneficiary=beneficiary, documents=documents)
    audit_record(
        actor=actor,
        action=AuditAction.FILE_UPDATE,
        obj=beneficiary,
        detail=",".join(changed),
    )
    return beneficiary


@transaction.atomic
def note_create(*, actor: Actor, beneficiary: Beneficiary, text: str) -> Note:
    beneficiary = selectors.beneficiary_get(user=actor.user, public_id=beneficiary.public_id)
    if not roles.can_read_notes(actor.user):
        raise PermissionDenied
    processing_consent_hold(
        beneficiary=beneficiary,
        refusal=_(
            "The person has withdrawn their consent to the processing of their data: "
            "no note can be added until they give it again."
        ),
    )
    note = Note(beneficiary=beneficiary, author=actor.user, text=text.strip())
    note.full_clean()
    note.save()
    Beneficiary.objects.filter(pk=beneficiary.pk).update(last_activity_at=timezone.now())
    audit_record(
        actor=actor,
        action=AuditAction.NOTE_CREATE,
        obj=beneficiary,
    )
    return note


@transaction.atomic
def document_mark_seen(*, actor: Actor, beneficiary: Beneficiary, document_id: str) -> DocumentHeld:
    beneficiary = selectors.beneficiary_get(user=actor.user, public_id=beneficiary.public_id)
    try:
        document = beneficiary.documents.select_for_update().get(public_id=document_id)
    except DocumentHeld.DoesNotExist as exc:
        raise Http404 from exc
    if document.seen_at is None:
        document.seen_at = timezone.now()
        document.seen_by = actor.user
        document.save(update_fields=["seen_at", "seen_by"])
        Beneficiary.objects.filter(pk=beneficiary.pk).update(last_activity_at=document.seen_at)
        audit_record(
            actor=actor,
            action=AuditAction.DOCUMENT_SEEN,
            obj=beneficiary,
            detail=document.document_type.slug,
        )
    return document


def audit_log_read(*, actor: Actor, filters: Iterable[str]) -> None:
    """Reading the audit log is itself audited, with the names of the filters used."""
    audit_record(actor=actor, action=AuditAction.AUDIT_READ, obj=AuditObject.AUDIT, detail=",".join(filters))


def _suggestions(profile: Profile) -> tuple[list[dict], list[dict]]:
    """What the questionnaire suggested for ``profile`` today (orientation/recommend.py), as a snapshot."""
    from orientation.recommend import recommend

    recommendations = recommend(profile=profile, today=timezone.localdate())
    trades = [{"slug": r.trade.slug, "name": r.trade.name, "score": r.score} for r in recommendations.trades[:5]]
    programmes = [
        {"id": r.programme.pk, "slug": r.programme.slug, "title": r.programme.title, "score": r.score}
        for r in recommendations.programmes
    ]
    return trades, programmes


@transaction.atomic
def orientation_result_save(
    *,
    actor: Actor,
    beneficiary: Beneficiary,
    profile: Profile,
    appraisal: str = "",
    next_steps: str = "",
    person_language: str = "",
) -> OrientationResult:
    """The questionnaire taken at the desk, saved to the file with the counsellor's appraisal and next steps."""
    beneficiary = selectors.beneficiary_get(user=actor.user, public_id=beneficiary.public_id)
    trades, programmes = _suggestions(profile)
    result = OrientationResult(
        beneficiary=beneficiary,
        source=OrientationSource.DESK,
        answers=profile.to_dict(),
        trades=trades,
        programmes=programmes,
        appraisal=appraisal.strip(),
        next_steps=next_steps.strip(),
        person_language=person_language,
        recorded_by=actor.user,
    )
    result.full_clean()
    result.save()
    Beneficiary.objects.filter(pk=beneficiary.pk).update(last_activity_at=result.created_at)
    audit_record(
        actor=actor,
        action=AuditAction.ORIENTATION_SAVE,
        obj=beneficiary,
        detail="desk",
    )
    return result


@transaction.atomic
def orientation_result_save_own(*, actor: Actor, profile: Profile) -> OrientationResult:
    """A signed-in person saves the questionnaire they took online to their own file."""
    beneficiary = selectors.beneficiary_of(user=actor.user)
    trades, programmes = _suggestions(profile)
    result = OrientationResult(
        beneficiary=beneficiary,
        source=OrientationSource.ONLINE,
        answers=profile.to_dict(),
        trades=trades,
        programmes=programmes,
        person_language=get_language() or "",
    )
    result.full_clean()
    result.save()
    Beneficiary.objects.filter(pk=beneficiary.pk).update(last_activity_at=result.created_at)
    audit_record(
        actor=actor,
        action=AuditAction.ORIENTATION_SAVE,
        obj=beneficiary,
        detail="online",
    )
    return result
