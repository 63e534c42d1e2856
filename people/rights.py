"""A person's rights over their file: correction, export, consent withdrawal, erasure, and retention.

Each right is exercised by the person themselves or by a counsellor at
their request; every use is audited, and erasure keeps only an anonymous
count.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from audit.models import AuditAction, AuditObject
from audit.services import audit_record
from catalog.models import Language
from core.actor import Actor, system
from people import selectors
from people.export import beneficiary_export
from people.models import (
    SELF_CORRECTABLE_FIELDS,
    Beneficiary,
    Consent,
    ConsentChannel,
    ConsentPurpose,
    ErasedFile,
    ErasureReason,
)
from people.services import consent_give


@transaction.atomic
def beneficiary_correct_own(*, actor: Actor, profile: dict[str, Any], languages: Iterable[Language]) -> Beneficiary:
    """A signed-in person corrects their own file (audited: which fields, never their values)."""
    unknown = set(profile) - set(SELF_CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not correctable by the person: {sorted(unknown)}")
    beneficiary = selectors.beneficiary_of(user=actor.user)
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
        actor=actor,
        action=AuditAction.FILE_UPDATE,
        obj=beneficiary,
        detail=",".join(changed),
    )
    return beneficiary


def _beneficiary_open_for_export(*, actor: Actor, public_id: str, detail: str = "") -> Beneficiary:
    """A file read by a counsellor to hand it to the person, at their request: audited as an export."""
    beneficiary = selectors.beneficiary_get(user=actor.user, public_id=public_id)
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=beneficiary,
        detail=detail,
    )
    return beneficiary


def beneficiary_export_for_staff(*, actor: Actor, public_id: str) -> dict[str, Any]:
    """A person's whole file, downloaded by a counsellor at the person's request: audited as an export."""
    beneficiary = _beneficiary_open_for_export(actor=actor, public_id=public_id)
    return beneficiary_export(beneficiary=beneficiary)


def beneficiary_export_pdf_for_staff(*, actor: Actor, public_id: str, language: str) -> tuple[Beneficiary, bytes]:
    """The same as a PDF in the person's language, at their request: audited as an export."""
    from people.export_pdf import beneficiary_export_pdf

    beneficiary = _beneficiary_open_for_export(actor=actor, public_id=public_id, detail=f"pdf {language}")
    return beneficiary, beneficiary_export_pdf(beneficiary=beneficiary, language=language)


@dataclass(frozen=True)
class Withdrawn:
    """Something shared with a provider that went with the consent (an application to a training), by reference.

    ``provider_told``: False when the provider could not be written to (no
    e-mail address in the catalogue): the counsellor is asked to phone them.
    """

    reference: str
    provider_name: str
    provider_told: bool


@dataclass(frozen=True)
class ConsentWithdrawal:
    """A consent withdrawn, and what was withdrawn with it (consent to processing only)."""

    consent: Consent
    withdrawn: list[Withdrawn]

    @property
    def providers_not_told(self) -> list[Withdrawn]:
        return [w for w in self.withdrawn if not w.provider_told]


# What apps above this one stop sharing when consent to processing goes (applications…): each registers, in its
# AppConfig.ready, a step that withdraws its records of the person and says which, and whether each provider was told.
ConsentWithdrawalStep = Callable[[Actor, Beneficiary], list[Withdrawn]]
_consent_withdrawal_steps: list[ConsentWithdrawalStep] = []


def consent_withdrawal_step_register(step: ConsentWithdrawalStep) -> None:
    """``step(actor, beneficiary)`` runs inside the withdrawal's transaction, after the consent is withdrawn."""
    if step not in _consent_withdrawal_steps:
        _consent_withdrawal_steps.append(step)


def _consent_withdraw(*, beneficiary: Beneficiary, consent_id: str, actor: Actor) -> ConsentWithdrawal:
    """Withdraw a consent once: a repeated request (double tap, retry) changes and sends nothing more.

    Without consent to processing nothing is shared any more: the registered
    steps (``consent_withdrawal_step_register``) withdraw what was shared, in
    the same transaction.
    """
    try:
        consent = beneficiary.consents.select_for_update().get(public_id=consent_id)
    except Consent.DoesNotExist as exc:
        raise Http404 from exc
    if consent.withdrawn_at is not None:
        return ConsentWithdrawal(consent=consent, withdrawn=[])
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CONSENT_WITHDRAW,
        obj=beneficiary,
        detail=consent.purpose,
    )
    withdrawn: list[Withdrawn] = []
    if consent.purpose == ConsentPurpose.PROCESSING:
        for step in _consent_withdrawal_steps:
            withdrawn += step(actor, beneficiary)
    return ConsentWithdrawal(consent=consent, withdrawn=withdrawn)


@transaction.atomic
def consent_withdraw(*, actor: Actor, beneficiary: Beneficiary, consent_id: str) -> ConsentWithdrawal:
    """A counsellor withdraws a consent at the person's request (the record stays, dated)."""
    beneficiary = selectors.beneficiary_get(user=actor.user, public_id=beneficiary.public_id)
    return _consent_withdraw(beneficiary=beneficiary, consent_id=consent_id, actor=actor)


@transaction.atomic
def consent_withdraw_own(*, actor: Actor, consent_id: str) -> ConsentWithdrawal:
    """The person withdraws one of their own consents."""
    beneficiary = selectors.beneficiary_of(user=actor.user)
    return _consent_withdraw(beneficiary=beneficiary, consent_id=consent_id, actor=actor)


@transaction.atomic
def consent_give_again(*, actor: Actor, beneficiary: Beneficiary, purpose: ConsentPurpose) -> Consent:
    """The person gives a consent again, in person, with the current text read to them; audited.

    A live consent for the purpose is kept as it is (a repeated request
    records nothing more). Applications withdrawn with the old consent stay
    withdrawn: the counsellor applies again for the person if they wish.
    """
    beneficiary = selectors.beneficiary_get(user=actor.user, public_id=beneficiary.public_id)
    live = beneficiary.consents.select_for_update().live(purpose).first()
    if live is not None:
        return live
    try:
        with transaction.atomic():
            consent = consent_give(
                beneficiary=beneficiary, purpose=purpose, channel=ConsentChannel.IN_PERSON, recorded_by=actor.user
            )
    except (IntegrityError, ValidationError):  # the same request, a moment earlier, recorded it (consent_one_live)
        return beneficiary.consents.live(purpose).get()
    audit_record(actor=actor, action=AuditAction.CONSENT_RECORD, obj=beneficiary, detail=purpose)
    return consent


# What apps above this one keep about a file (appointments, tickets…): each registers, in its
# AppConfig.ready, a step that removes or anonymises its rows of the file before the file goes.
ErasureStep = Callable[[Beneficiary], None]
_erasure_steps: list[ErasureStep] = []


def erasure_step_register(step: ErasureStep) -> None:
    """``step(beneficiary)`` runs inside the erasure's transaction, before the file is deleted."""
    if step not in _erasure_steps:
        _erasure_steps.append(step)


def _first_of_month(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date().replace(day=1)


@transaction.atomic
def beneficiary_erase(
    *,
    beneficiary: Beneficiary,
    reason: ErasureReason,
    actor: Actor,
) -> ErasedFile:
    """Erase a person's file and everything attached; keep one anonymous count (desk, months, reason).

    The audit log keeps its lines (who read or changed file N, when): they
    hold no personal value, and name the file by its public id. The person's account, if any, is deleted too.
    """
    beneficiary = Beneficiary.objects.select_for_update().get(pk=beneficiary.pk)
    erased = ErasedFile.objects.create(
        desk_id=beneficiary.desk_id,
        created_month=_first_of_month(beneficiary.created_at),
        erased_month=_first_of_month(timezone.now()),
        reason=reason,
    )
    public_id, account = beneficiary.public_id, beneficiary.account
    for step in _erasure_steps:
        step(beneficiary)
    beneficiary.notes.all().delete()
    beneficiary.orientation_results.all().delete()
    beneficiary.consents.all().delete()
    beneficiary.documents.all().delete()
    beneficiary.languages.clear()
    beneficiary.delete()
    if account is not None:
        account.delete()
    audit_record(
        actor=actor,
        action=AuditAction.FILE_ERASE,
        obj=(AuditObject.BENEFICIARY, public_id),
        detail=reason,
    )
    return erased


def beneficiary_erase_for_staff(*, actor: Actor, public_id: str) -> ErasedFile:
    """A counsellor erases a file at the person's request (scoped, audited)."""
    beneficiary = selectors.beneficiary_get(user=actor.user, public_id=public_id)
    return beneficiary_erase(beneficiary=beneficiary, reason=ErasureReason.REQUEST, actor=actor)


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
            beneficiary_erase(beneficiary=beneficiary, reason=ErasureReason.RETENTION, actor=system)
    return numbers
