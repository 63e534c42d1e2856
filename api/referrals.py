"""Referrals for provider staff: the same field-limited view as their pages (people/selectors.py).

Signed-in provider staff only (the session of the staff sign-in, both
factors). An anonymous caller gets 401, asked to sign in (the pages send it
to the sign-in); a signed-in user without the role, or a referral out of
their provider, gets 404 exactly like a missing one, and the refusal is
audited (the pages do the same). Answers are built from
``referral_admission_view``: nationality, residence status, document
numbers and notes are never read, so never sent.
"""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.security import django_auth

from accounts import selectors as roles
from api.common import ApiError, Limit, Offset, page
from api.schemas import ErrorOut
from audit.models import AuditAction, AuditObject
from audit.services import audit_record
from people import selectors
from people.referrals import referral_open_for_provider

router = Router(tags=["referrals"], auth=django_auth)


# Named apart from the orientation API's criteria, which also carry a sentence and whether they block:
# two schemas of one name would be one in the OpenAPI document.
class ReferralCriterionOut(Schema):
    key: str
    label: str
    status: str


class ReferralDocumentOut(Schema):
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
    documents: list[ReferralDocumentOut]
    eligibility: list[ReferralCriterionOut]


class ReferralList(Schema):
    count: int
    items: list[ReferralOut]


# Anonymous: 401 (ninja's session auth, answered in api.py); signed in, out of scope: 404.
REFUSALS = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut}


def _not_found() -> ApiError:
    return ApiError(404, _("Not found."))


def _provider_staff_only(request: HttpRequest) -> None:
    if not roles.can_read_referrals(request.user):
        audit_record(actor=request.actor, action=AuditAction.ACCESS_REFUSED, obj=AuditObject.REFERRAL)
        raise _not_found()


@router.get("/referrals", response={200: ReferralList, **REFUSALS}, url_name="referral_list")
def list_referrals(request: HttpRequest, limit: Limit = 50, offset: Offset = 0):
    _provider_staff_only(request)
    referrals = selectors.referral_list_for_provider(user=request.user).prefetch_related(
        "beneficiary__languages", "beneficiary__documents__document_type"
    )
    count, page_items = page(referrals, limit, offset)
    return {"count": count, "items": [selectors.referral_admission_view(referral=r) for r in page_items]}


@router.get("/referrals/{referral_id}", response={200: ReferralOut, **REFUSALS}, url_name="referral_detail")
def get_referral(request: HttpRequest, referral_id: str):
    _provider_staff_only(request)
    try:
        referral = referral_open_for_provider(actor=request.actor, public_id=referral_id)
    except Http404 as exc:
        raise _not_found() from exc
    return selectors.referral_admission_view(referral=referral)
