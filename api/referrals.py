"""Referrals for provider staff: a published contract, now answered from applications (issue 14).

Referrals became applications (``applications/``, with their public ids):
these two routes keep their paths and their JSON, a referral being an
application to the provider's training, ``status`` its state and
``referred_on`` the day it was made. Signed-in provider staff only (the
session of the staff sign-in, both factors). An anonymous caller gets 401,
asked to sign in; a signed-in user without the role, or an application out
of their provider, gets 404 exactly like a missing one, and the refusal is
audited (the pages do the same). Answers are built from
``applications.selectors.admission_view``: nationality, residence status,
document numbers, contact details and notes are never read, so never sent.
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
from applications import selectors, services
from applications.models import Application, Role
from audit.models import AuditAction, AuditObject
from audit.services import audit_record

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
    status: str = Field(description="The state of the application the referral became (submitted, accepted…).")
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
    if not roles.is_provider_staff(request.user):
        audit_record(actor=request.actor, action=AuditAction.ACCESS_REFUSED, obj=AuditObject.APPLICATION)
        raise _not_found()


def _referral(application: Application) -> dict:
    """An application as the referral it was: the admission view under the referral's names."""
    view = selectors.admission_view(application=application)
    return {**view, "referred_on": view["applied_on"], "status": view["state"]}


@router.get("/referrals", response={200: ReferralList, **REFUSALS}, url_name="referral_list")
def list_referrals(request: HttpRequest, limit: Limit = 50, offset: Offset = 0):
    _provider_staff_only(request)
    applications = selectors.applications_for_provider(user=request.user).prefetch_related(
        "beneficiary__languages", "beneficiary__documents__document_type"
    )
    count, page_items = page(applications, limit, offset)
    return {"count": count, "items": [_referral(application) for application in page_items]}


@router.get("/referrals/{referral_id}", response={200: ReferralOut, **REFUSALS}, url_name="referral_detail")
def get_referral(request: HttpRequest, referral_id: str):
    _provider_staff_only(request)
    try:
        application = services.application_open(actor=request.actor, public_id=referral_id, role=Role.PROVIDER)
    except Http404 as exc:
        raise _not_found() from exc
    return _referral(application)
