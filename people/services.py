"""Writes on people's files, each in one transaction, each audited.

Audit events name the action, the record and the changed field names, never
the values: the log must be safe to show to an administrator.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts import codes
from audit.models import AuditAction
from audit.services import audit_record
from catalog.models import Desk, DocumentType, Language, Programme
from orientation.profile import Profile
from people import selectors
from people.export import beneficiary_export
from people.models import (
    SELF_CORRECTABLE_FIELDS,
    SIGN_UP_FIELDS,
    Beneficiary,
    Consent,
    ConsentChannel,
    ConsentPurpose,
    DocumentHeld,
    ErasedFile,
    ErasureReason,
    Note,
    OrientationResult,
    OrientationSource,
    Referral,
)

# The version of the consent texts shown in the workspace and at sign-up.
# Change it whenever the wording of a consent text changes, so each record
# says which words the person agreed to.
CONSENT_TEXT_VERSION = "2026-11"


Record = TypeVar("Record")


def _open_audited(
    *,
    get: Callable[..., Record],
    user: AbstractBaseUser,
    pk: int | str,
    ip_address: str | None,
    object_type: str,
    action: AuditAction,
) -> Record:
    """A record read by staff through its scoped selector ``get``: one audit event, or a refusal, also audited."""
    try:
        record = get(user=user, pk=pk)
    except Http404:
        audit_record(
            actor=user,
            action=AuditAction.ACCESS_REFUSED,
            object_type=object_type,
            object_id=str(pk)[:40],
            ip_address=ip_address,
        )
        raise
    audit_record(actor=user, action=action, object_type=object_type, object_id=pk, ip_address=ip_address)
    return record


def beneficiary_open(*, user: AbstractBaseUser, pk: int | str, ip_address: str | None) -> Beneficiary:
    """A file read by staff: the scoped selector, then one audit event (or a refusal, also audited)."""
    return _open_audited(
        get=selectors.beneficiary_get,
        user=user,
        pk=pk,
        ip_address=ip_address,
        object_type="beneficiary",
        action=AuditAction.FILE_READ,
    )


def _check_desk(*, user: AbstractBaseUser, desk: Desk) -> None:
    if not selectors.desks_of(user).filter(pk=desk.pk).exists():
        raise PermissionDenied


def _set_documents(*, beneficiary: Beneficiary, documents: Iterable[DocumentType]) -> None:
    wanted = {d.pk for d in documents}
    beneficiary.documents.exclude(document_type_id__in=wanted).delete()
    held = set(beneficiary.documents.values_list("document_type_id", flat=True))
    DocumentHeld.objects.bulk_create(
        DocumentHeld(beneficiary=beneficiary, document_type_id=pk) for pk in sorted(wanted - held)
    )


def _consent_give(
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
    user: AbstractBaseUser,
    desk: Desk,
    profile: dict[str, Any],
    languages: Iterable[Language] = (),
    documents: Iterable[DocumentType] = (),
    consent_contact: bool = False,
    ip_address: str | None = None,
) -> Beneficiary:
    """A walk-in's file, with the consent to processing the person gave in person."""
    _check_desk(user=user, desk=desk)
    beneficiary = _file_save_new(Beneficiary(desk=desk, **profile))
    beneficiary.languages.set(languages)
    _set_documents(beneficiary=beneficiary, documents=documents)
    _file_consents_record(
        beneficiary=beneficiary,
        consent_contact=consent_contact,
        channel=ConsentChannel.IN_PERSON,
        recorded_by=user,
        ip_address=ip_address,
    )
    return beneficiary


def _file_save_new(beneficiary: Beneficiary, *, account: AbstractBaseUser | None = None) -> Beneficiary:
    """Check and save a new file, then number it: short and stable, the id makes it unique without a counter."""
    beneficiary.file_number = f"new-{secrets.token_hex(8)}"
    beneficiary.full_clean(exclude=["file_number"])
    beneficiary.save()
    beneficiary.file_number = f"{beneficiary.created_at:%y}-{beneficiary.pk:06d}"
    beneficiary.account = account
    beneficiary.save(update_fields=["file_number", "account"])
    return beneficiary


def _file_consents_record(
    *,
    beneficiary: Beneficiary,
    consent_contact: bool,
    channel: str,
    recorded_by: AbstractBaseUser,
    ip_address: str | None,
    note: str = "",
) -> None:
    """The consents given as a file is opened (processing, and contact if the person agreed), audited."""
    purposes = [ConsentPurpose.PROCESSING] + ([ConsentPurpose.CONTACT] if consent_contact else [])
    for purpose in purposes:
        _consent_give(beneficiary=beneficiary, purpose=purpose, channel=channel, recorded_by=recorded_by)
    audit_record(
        actor=recorded_by,
        action=AuditAction.FILE_CREATE,
        object_type="beneficiary",
        object_id=beneficiary.pk,
        ip_address=ip_address,
        detail=note + "consent: " + ",".join(purposes),
    )


@transaction.atomic
def beneficiary_update(
    *,
    user: AbstractBaseUser,
    beneficiary: Beneficiary,
    profile: dict[str, Any],
    languages: Iterable[Language],
    documents: Iterable[DocumentType],
    ip_address: str | None = None,
) -> Beneficiary:
    beneficiary = selectors.beneficiary_get(user=user, pk=beneficiary.pk)
    changed = [name for name, value in profile.items() if getattr(beneficiary, name) != value]
    for name, value in profile.items():
        setattr(beneficiary, name, value)
    beneficiary.last_activity_at = timezone.now()
    beneficiary.full_clean()
    beneficiary.save()
    beneficiary.languages.set(languages)
    _set_documents(beneficiary=beneficiary, documents=documents)
    audit_record(
        actor=user,
        action=AuditAction.FILE_UPDATE,
        object_type="beneficiary",
        object_id=beneficiary.pk,
        ip_address=ip_address,
        detail=",".join(changed),
    )
    return beneficiary


@transaction.atomic
def beneficiary_correct_own(
    *, user: AbstractBaseUser, profile: dict[str, Any], languages: Iterable[Language], ip_address: str | None = None
) -> Beneficiary:
    """A signed-in person corrects their own file (audited: which fields, never their values)."""
    unknown = set(profile) - set(SELF_CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not correctable by the person: {sorted(unknown)}")
    beneficiary = selectors.beneficiary_of(user=user)
    changed = [name for name, value in profile.items() if getattr(beneficiary, name) != value]
    languages = list(languages)
    if set(languages) != set(beneficiary.languages.all()):
        changed.append("languages")
    for name, value in profile.items():
        setattr(beneficiary, name, value)
    beneficiary.last_activity_at = timezone.now()
    beneficiary.full_clean()
    beneficiary.save()
    beneficiary.languages.set(languages)
    audit_record(
        actor=user,
        action=AuditAction.FILE_UPDATE,
        object_type="beneficiary",
        object_id=beneficiary.pk,
        ip_address=ip_address,
        detail=",".join(changed),
    )
    return beneficiary


@transaction.atomic
def note_create(*, user: AbstractBaseUser, beneficiary: Beneficiary, text: str, ip_address: str | None = None) -> Note:
    beneficiary = selectors.beneficiary_get(user=user, pk=beneficiary.pk)
    if not selectors.can_read_notes(user):
        raise PermissionDenied
    note = Note(beneficiary=beneficiary, author=user, text=text.strip())
    note.full_clean()
    note.save()
    Beneficiary.objects.filter(pk=beneficiary.pk).update(last_activity_at=timezone.now())
    audit_record(
        actor=user,
        action=AuditAction.NOTE_CREATE,
        object_type="beneficiary",
        object_id=beneficiary.pk,
        ip_address=ip_address,
    )
    return note


@transaction.atomic
def document_mark_seen(
    *, user: AbstractBaseUser, beneficiary: Beneficiary, document_id: int, ip_address: str | None = None
) -> DocumentHeld:
    beneficiary = selectors.beneficiary_get(user=user, pk=beneficiary.pk)
    try:
        document = beneficiary.documents.select_for_update().get(pk=document_id)
    except DocumentHeld.DoesNotExist as exc:
        raise Http404 from exc
    if document.seen_at is None:
        document.seen_at = timezone.now()
        document.seen_by = user
        document.save(update_fields=["seen_at", "seen_by"])
        Beneficiary.objects.filter(pk=beneficiary.pk).update(last_activity_at=document.seen_at)
        audit_record(
            actor=user,
            action=AuditAction.DOCUMENT_SEEN,
            object_type="beneficiary",
            object_id=beneficiary.pk,
            ip_address=ip_address,
            detail=document.document_type.slug,
        )
    return document


def _beneficiary_open_for_export(
    *, user: AbstractBaseUser, pk: int | str, ip_address: str | None, detail: str = ""
) -> Beneficiary:
    """A file read by a counsellor to hand it to the person, at their request: audited as an export."""
    beneficiary = selectors.beneficiary_get(user=user, pk=pk)
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        object_type="beneficiary",
        object_id=beneficiary.pk,
        ip_address=ip_address,
        detail=detail,
    )
    return beneficiary


def beneficiary_export_for_staff(
    *, user: AbstractBaseUser, pk: int | str, ip_address: str | None = None
) -> dict[str, Any]:
    """A person's whole file, downloaded by a counsellor at the person's request: audited as an export."""
    beneficiary = _beneficiary_open_for_export(user=user, pk=pk, ip_address=ip_address)
    return beneficiary_export(beneficiary=beneficiary)


def beneficiary_export_pdf_for_staff(
    *, user: AbstractBaseUser, pk: int | str, language: str, ip_address: str | None = None
) -> tuple[Beneficiary, bytes]:
    """The same as a PDF in the person's language, at their request: audited as an export."""
    from people.export_pdf import beneficiary_export_pdf

    beneficiary = _beneficiary_open_for_export(user=user, pk=pk, ip_address=ip_address, detail=f"pdf {language}")
    return beneficiary, beneficiary_export_pdf(beneficiary=beneficiary, language=language)


def _consent_withdraw(
    *, beneficiary: Beneficiary, consent_id: int, actor: AbstractBaseUser, ip_address: str | None
) -> Consent:
    try:
        consent = beneficiary.consents.select_for_update().get(pk=consent_id)
    except Consent.DoesNotExist as exc:
        raise Http404 from exc
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        audit_record(
            actor=actor,
            action=AuditAction.CONSENT_WITHDRAW,
            object_type="beneficiary",
            object_id=beneficiary.pk,
            ip_address=ip_address,
            detail=consent.purpose,
        )
    return consent


@transaction.atomic
def consent_withdraw(
    *, user: AbstractBaseUser, beneficiary: Beneficiary, consent_id: int, ip_address: str | None = None
) -> Consent:
    """A counsellor withdraws a consent at the person's request (the record stays, dated)."""
    beneficiary = selectors.beneficiary_get(user=user, pk=beneficiary.pk)
    return _consent_withdraw(beneficiary=beneficiary, consent_id=consent_id, actor=user, ip_address=ip_address)


@transaction.atomic
def consent_withdraw_own(*, user: AbstractBaseUser, consent_id: int, ip_address: str | None = None) -> Consent:
    """The person withdraws one of their own consents."""
    beneficiary = selectors.beneficiary_of(user=user)
    return _consent_withdraw(beneficiary=beneficiary, consent_id=consent_id, actor=user, ip_address=ip_address)


def _files_reached(*, destination: str):
    kind, address = codes.destination_normalise(destination)
    return kind, address, Beneficiary.objects.filter(**{"phone" if kind == "sms" else "email__iexact": address})


def _account_new() -> AbstractBaseUser:
    """A person's account: no password (they sign in with one-time codes), a name that says nothing about them."""
    account = get_user_model()(username=f"beneficiary-{secrets.token_hex(8)}")
    account.set_unusable_password()
    account.save()
    return account


@transaction.atomic
def beneficiary_sign_up(
    *,
    destination: str,
    desk: Desk,
    profile: dict[str, Any],
    consent_contact: bool = False,
    ip_address: str | None = None,
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
    contact = {"phone": address} if kind == "sms" else {"email": address}
    account = _account_new()
    beneficiary = _file_save_new(
        Beneficiary(desk=desk, **profile, **contact, preferred_language=language), account=account
    )
    _file_consents_record(
        beneficiary=beneficiary,
        consent_contact=consent_contact,
        channel=ConsentChannel.ONLINE,
        recorded_by=account,
        ip_address=ip_address,
        note="sign-up; ",
    )
    return account


class AccountLinkRefused(Exception):
    """The file cannot be given this account; the message says why, in the user's language."""


@transaction.atomic
def beneficiary_account_link(
    *, user: AbstractBaseUser, pk: int | str, destination: str, ip_address: str | None = None
) -> Beneficiary:
    """A counsellor links an account to a walk-in's file, once the person gave the code sent to ``destination``.

    The phone or e-mail becomes the file's, so the person can sign in
    themselves from then on. Refused when the file already has an account,
    or when another file already holds this destination (sign-in would then
    open neither); the other file is not named.
    """
    beneficiary = selectors.beneficiary_get(user=user, pk=pk)
    beneficiary = Beneficiary.objects.select_for_update().get(pk=beneficiary.pk)
    if beneficiary.account_id is not None:
        raise AccountLinkRefused(_("This file already has an account."))
    kind, address, files = _files_reached(destination=destination)
    if files.exclude(pk=beneficiary.pk).exists():
        raise AccountLinkRefused(
            _("This phone number or e-mail address is already on another file. Ask your network administrator.")
        )
    field = "phone" if kind == "sms" else "email"
    setattr(beneficiary, field, address)
    beneficiary.account = _account_new()
    beneficiary.last_activity_at = timezone.now()
    beneficiary.full_clean()
    beneficiary.save(update_fields=[field, "account", "last_activity_at"])
    audit_record(
        actor=user,
        action=AuditAction.ACCOUNT_LINK,
        object_type="beneficiary",
        object_id=beneficiary.pk,
        ip_address=ip_address,
        detail=field,
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


def _first_of_month(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date().replace(day=1)


@transaction.atomic
def beneficiary_erase(
    *,
    beneficiary: Beneficiary,
    reason: ErasureReason,
    user: AbstractBaseUser | None = None,
    ip_address: str | None = None,
) -> ErasedFile:
    """Erase a person's file and everything attached; keep one anonymous count (desk, months, reason).

    The audit log keeps its lines (who read or changed file N, when): they
    hold no personal value. The person's account, if any, is deleted too.
    """
    beneficiary = Beneficiary.objects.select_for_update().get(pk=beneficiary.pk)
    erased = ErasedFile.objects.create(
        desk_id=beneficiary.desk_id,
        created_month=_first_of_month(beneficiary.created_at),
        erased_month=_first_of_month(timezone.now()),
        reason=reason,
    )
    pk, account = beneficiary.pk, beneficiary.account
    beneficiary.notes.all().delete()
    beneficiary.orientation_results.all().delete()
    beneficiary.referrals.all().delete()
    beneficiary.consents.all().delete()
    beneficiary.documents.all().delete()
    beneficiary.languages.clear()
    beneficiary.delete()
    if account is not None:
        account.delete()
    audit_record(
        actor=user,
        action=AuditAction.FILE_ERASE,
        object_type="beneficiary",
        object_id=pk,
        ip_address=ip_address,
        detail=reason,
    )
    return erased


def beneficiary_erase_for_staff(*, user: AbstractBaseUser, pk: int | str, ip_address: str | None = None) -> ErasedFile:
    """A counsellor erases a file at the person's request (scoped, audited)."""
    beneficiary = selectors.beneficiary_get(user=user, pk=pk)
    return beneficiary_erase(beneficiary=beneficiary, reason=ErasureReason.REQUEST, user=user, ip_address=ip_address)


def retention_cutoff(*, now: datetime.datetime | None = None) -> datetime.datetime:
    """Files with no activity since this moment are past retention (GUICHET_RETENTION_MONTHS)."""
    from django.conf import settings

    now = now or timezone.now()
    months = settings.GUICHET_RETENTION_MONTHS
    year, month = divmod(now.year * 12 + now.month - 1 - months, 12)
    day = min(now.day, 28)  # the same day a number of months back, safe in February
    return now.replace(year=year, month=month + 1, day=day)


def retention_purge(*, dry_run: bool, now: datetime.datetime | None = None) -> list[str]:
    """Erase (or, in a dry run, only list) the files inactive since the cutoff; returns their file numbers."""
    inactive = Beneficiary.objects.filter(last_activity_at__lt=retention_cutoff(now=now)).order_by("pk")
    numbers = list(inactive.values_list("file_number", flat=True))
    if not dry_run:
        for beneficiary in inactive:
            beneficiary_erase(beneficiary=beneficiary, reason=ErasureReason.RETENTION)
    return numbers


class ReferralRefused(Exception):
    """A referral that cannot be sent; the message says why, to the counsellor."""


def referral_create(
    *, user: AbstractBaseUser, beneficiary: Beneficiary, programme: Programme, ip_address: str | None = None
) -> Referral:
    """Send a person to a programme: needs their live consent to processing; one live referral per programme.

    The admission check is made now, from what the file says
    (``selectors.beneficiary_profile``), and kept as criterion outcomes only.
    """
    from orientation.eligibility import eligibility_check, next_open_session

    with transaction.atomic():
        beneficiary = selectors.beneficiary_get(user=user, pk=beneficiary.pk)
        if not beneficiary.consents.filter(purpose=ConsentPurpose.PROCESSING, withdrawn_at__isnull=True).exists():
            raise ReferralRefused(_("The person has not consented to the processing of their data: no referral."))
        today = timezone.localdate()
        session = next_open_session(programme=programme, today=today)
        profile = selectors.beneficiary_profile(beneficiary=beneficiary)
        criteria = eligibility_check(profile=profile, programme=programme, session=session, today=today)
        referral = Referral(
            beneficiary=beneficiary,
            programme=programme,
            session=session,
            eligibility=[{"key": c.key, "status": c.status} for c in criteria],
            created_by=user,
        )
        referral.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                referral.save()
        except IntegrityError as exc:
            raise ReferralRefused(_("This person is already referred to this training.")) from exc
        Beneficiary.objects.filter(pk=beneficiary.pk).update(last_activity_at=timezone.now())
        audit_record(
            actor=user,
            action=AuditAction.REFERRAL_CREATE,
            object_type="beneficiary",
            object_id=beneficiary.pk,
            ip_address=ip_address,
            detail=f"programme {programme.pk}",
        )
    return referral


def referral_open_for_provider(*, user: AbstractBaseUser, pk: int | str, ip_address: str | None = None) -> Referral:
    """A referral read by provider staff: scoped to their provider, audited (a refusal too)."""
    return _open_audited(
        get=selectors.referral_get_for_provider,
        user=user,
        pk=pk,
        ip_address=ip_address,
        object_type="referral",
        action=AuditAction.REFERRAL_READ,
    )


def audit_log_read(*, user: AbstractBaseUser, filters: Iterable[str], ip_address: str | None = None) -> None:
    """Reading the audit log is itself audited, with the names of the filters used."""
    audit_record(
        actor=user, action=AuditAction.AUDIT_READ, object_type="audit", ip_address=ip_address, detail=",".join(filters)
    )


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
    user: AbstractBaseUser,
    beneficiary: Beneficiary,
    profile: Profile,
    appraisal: str = "",
    next_steps: str = "",
    person_language: str = "",
    ip_address: str | None = None,
) -> OrientationResult:
    """The questionnaire taken at the desk, saved to the file with the counsellor's appraisal and next steps."""
    beneficiary = selectors.beneficiary_get(user=user, pk=beneficiary.pk)
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
        recorded_by=user,
    )
    result.full_clean()
    result.save()
    Beneficiary.objects.filter(pk=beneficiary.pk).update(last_activity_at=result.created_at)
    audit_record(
        actor=user,
        action=AuditAction.ORIENTATION_SAVE,
        object_type="beneficiary",
        object_id=beneficiary.pk,
        ip_address=ip_address,
        detail="desk",
    )
    return result


@transaction.atomic
def orientation_result_save_own(
    *, user: AbstractBaseUser, profile: Profile, ip_address: str | None = None
) -> OrientationResult:
    """A signed-in person saves the questionnaire they took online to their own file."""
    beneficiary = selectors.beneficiary_of(user=user)
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
        actor=user,
        action=AuditAction.ORIENTATION_SAVE,
        object_type="beneficiary",
        object_id=beneficiary.pk,
        ip_address=ip_address,
        detail="online",
    )
    return result
