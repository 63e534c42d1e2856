"""Referrals for provider staff: the same field-limited view as their pages (people/selectors.py).

Signed-in provider staff only (the session of the staff sign-in); anyone
else gets 404, like the pages. Answers are built from
``referral_admission_view``: nationality, residence status, document
numbers and notes are never read, so never sent.
"""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.security import django_auth

from accounts import selectors as roles
from api.common import page
from audit.models import AuditAction, AuditObject
from audit.services import audit_record
from people import selectors
from people.referrals import referral_open_for_provider

router = Router(tags=["referrals"], auth=django_auth)


class CriterionOut(Schema):
    key: str
    label: str
    status: str


class DocumentOut(Schema):
    name: str
    seen: bool


class ReferralOut(Schema):
    id: str = Field(description="The referral's opaque identifier (random, not its rank).")
    referred_on: datetime.datetime
    status: str
    programme: str
    session_start: datetime.date | None
    first_name: str
    last_name: str
    birth_year: int | None
    schooling: str | None
    languages: list[str]
    documents: list[DocumentOut]
    eligibility: list[CriterionOut]


class ReferralList(Schema):
    count: int
    items: list[ReferralOut]


def _provider_staff_only(request: HttpRequest) -> None:
    if not roles.can_read_referrals(request.user):
        audit_record(actor=request.actor, action=AuditAction.ACCESS_REFUSED, obj=AuditObject.REFERRAL)
        raise Http404


@router.get("/referrals", response=ReferralList, url_name="referral_list")
def list_referrals(request: HttpRequest, limit: int = 50, offset: int = 0):
    _provider_staff_only(request)
    referrals = selectors.referral_list_for_provider(user=request.user).prefetch_related(
        "beneficiary__languages", "beneficiary__documents__document_type"
    )
    count, page_items = page(referrals, limit, offset)
    return {"count": count, "items": [selectors.referral_admission_view(referral=r) for r in page_items]}


@router.get("/referrals/{referral_id}", response=ReferralOut, url_name="referral_detail")
def get_referral(request: HttpRequest, referral_id: str):
    _provider_staff_only(request)
    referral = referral_open_for_provider(actor=request.actor, public_id=referral_id)
    return selectors.referral_admission_view(referral=referral)
