"""Referrals: a counsellor sends a person to a training; provider staff read what admission needs."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditAction, AuditObject
from audit.services import audit_record
from catalog.models import Programme
from core.actor import Actor
from people import selectors
from people.models import (
    Beneficiary,
    ConsentPurpose,
    Referral,
)
from people.services import open_audited


class ReferralRefused(Exception):
    """A referral that cannot be sent; the message says why, to the counsellor."""


def referral_create(*, actor: Actor, beneficiary: Beneficiary, programme: Programme) -> Referral:
    """Send a person to a programme: needs their live consent to processing; one live referral per programme.

    The admission check is made now, from what the file says
    (``selectors.beneficiary_profile``), and kept as criterion outcomes only.
    """
    from orientation.eligibility import eligibility_check, next_open_session

    with transaction.atomic():
        beneficiary = selectors.beneficiary_get(user=actor.user, public_id=beneficiary.public_id)
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
