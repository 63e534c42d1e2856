"""Referrals: a counsellor sends a person to a training; provider staff read what admission needs.

When the person withdraws their consent to processing, their live referrals
are withdrawn by the system, and each provider is told by e-mail, through
the outbox, in the same transaction: the programme and the referral's
reference, never the reason nor anything about the person.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from audit.models import AuditAction, AuditObject
from audit.services import audit_record
from catalog.models import Programme, Provider
from core.actor import Actor
from notifications.models import Channel
from notifications.services import message_queue
from people import selectors
from people.models import (
    LIVE_REFERRAL_STATUSES,
    Beneficiary,
    Referral,
    ReferralStatus,
    ReferralWithdrawal,
)
from people.services import open_audited, processing_consent_hold

WITHDRAWN_TEMPLATE = "people/messages/referral_withdrawn.txt"


class ReferralRefused(Exception):
    """A referral that cannot be sent; the message says why, to the counsellor."""


def referral_create(*, actor: Actor, beneficiary: Beneficiary, programme: Programme) -> Referral:
    """Send a person to a programme: needs their live consent to processing (else NoConsentToProcessing);
    one live referral per programme (else ReferralRefused).

    The admission check is made now, from what the file says
    (``selectors.beneficiary_profile``), and kept as criterion outcomes only.
    """
    from orientation.eligibility import eligibility_check, next_open_session

    with transaction.atomic():
        beneficiary = selectors.beneficiary_get(user=actor.user, public_id=beneficiary.public_id)
        processing_consent_hold(
            beneficiary=beneficiary,
            refusal=_("The person has not consented to the processing of their data: no referral."),
        )
        today = timezone.localdate()
        session = next_open_session(programme=programme, today=today)
        profile = selectors.beneficiary_profile(beneficiary=beneficiary)
        criteria = eligibility_check(profile=profile, programme=programme, session=session, today=today)
        referral = Referral(
            beneficiary=beneficiary,
            programme=programme,
            session=session,
            eligibility=[{"key": c.key, "status": c.status} for c in criteria],
            created_by=actor.user,
        )
        referral.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                referral.save()
        except IntegrityError as exc:
            raise ReferralRefused(_("This person is already referred to this training.")) from exc
        Beneficiary.objects.filter(pk=beneficiary.pk).update(last_activity_at=timezone.now())
        audit_record(
            actor=actor,
            action=AuditAction.REFERRAL_CREATE,
            obj=beneficiary,
            detail=f"programme {programme.pk}",
        )
    return referral


def referral_open_for_provider(*, actor: Actor, public_id: str) -> Referral:
    """A referral read by provider staff: scoped to their provider, audited (a refusal too)."""
    return open_audited(
        get=selectors.referral_get_for_provider,
        actor=actor,
        public_id=public_id,
        kind=AuditObject.REFERRAL,
        action=AuditAction.REFERRAL_READ,
    )


@dataclass(frozen=True)
class Withdrawn:
    """A referral withdrawn by the system, and whether its provider could be written to."""

    referral: Referral
    provider_told: bool


@transaction.atomic
def referrals_withdraw_for_consent(*, actor: Actor, beneficiary: Beneficiary) -> list[Withdrawn]:
    """Withdraw the person's live referrals because their consent to processing is withdrawn.

    Call it in the transaction that withdraws the consent: the referrals, one
    audit line each on the file, and one message each to the provider are
    written together or not at all. Only live referrals change, so a repeated
    withdrawal withdraws and tells nothing twice.
    """
    now = timezone.now()
    live = (
        Referral.objects.select_for_update()
        .filter(beneficiary=beneficiary, status__in=LIVE_REFERRAL_STATUSES)
        .select_related("programme__provider")
        .order_by("pk")
    )
    withdrawn = []
    for referral in live:
        referral.status = ReferralStatus.WITHDRAWN
        referral.withdrawn_at = now
        referral.withdrawn_reason = ReferralWithdrawal.CONSENT_WITHDRAWN
        referral.save(update_fields=["status", "withdrawn_at", "withdrawn_reason", "updated_at"])
        provider_told = _provider_tell_withdrawn(referral=referral)
        audit_record(
            actor=actor,
            action=AuditAction.REFERRAL_WITHDRAW,
            obj=beneficiary,
            detail=f"referral {referral.public_id} {referral.withdrawn_reason}"
            + ("" if provider_told else " provider_not_told"),
        )
        withdrawn.append(Withdrawn(referral=referral, provider_told=provider_told))
    return withdrawn


def _provider_tell_withdrawn(*, referral: Referral) -> bool:
    """Queue an e-mail to the provider's address in the catalogue: programme and reference only.

    False when the provider has no address: the counsellor is told to phone them.
    """
    provider: Provider = referral.programme.provider
    if not provider.email:
        return False
    with override(settings.LANGUAGE_CODE):
        programme = referral.programme.title  # in the language of the message, not the counsellor's
    message_queue(
        to=provider.email,
        channel=Channel.EMAIL,
        template=WITHDRAWN_TEMPLATE,
        language=settings.LANGUAGE_CODE,
        sender=settings.GUICHET_SMS_SENDER,
        context={"reference": referral.public_id, "programme": programme},
        subject=gettext_lazy("A referral is withdrawn"),
    )
    return True
