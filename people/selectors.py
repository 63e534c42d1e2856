"""Who may see which person's data: scoping lives here, once, and fails closed.

A user with no role, an inactive user or an anonymous one sees nothing; a
Django superuser without a staff role sees nothing either, and neither does
a staff session whose second factor is not checked yet. A beneficiary's
file is visible to the counsellors of its desk only. Provider staff will see
the people referred to them (applications, a later issue), and then only
what admission needs: ``PROVIDER_HIDDEN_FIELDS`` never reach them. Network
administrators see indicators, not people.
"""

from __future__ import annotations

from collections.abc import Callable

import phonenumbers
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Desk
from people.models import AuditEvent, Beneficiary, Note, Role, StaffRole

User = AbstractBaseUser | AnonymousUser
Predicate = Callable[[User], bool]

# What provider staff must never receive, in pages, JSON or exports (SECURITY.md, item 2).
PROVIDER_HIDDEN_FIELDS = ("nationality", "residence_status", "residence_document_number", "notes")


def _roles(user: User) -> QuerySet[StaffRole]:
    if not user.is_authenticated or not user.is_active:
        return StaffRole.objects.none()
    # A request's user carries is_verified() (django-otp): a staff session
    # without its second factor has no role, whatever page or API asks.
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and not is_verified():
        return StaffRole.objects.none()
    return StaffRole.objects.filter(user=user)


def _has_role(role: Role) -> Predicate:
    def predicate(user: User) -> bool:
        return _roles(user).filter(role=role).exists()

    predicate.__name__ = f"is_{role.value}"
    return predicate


def any_of(*predicates: Predicate) -> Predicate:
    def predicate(user: User) -> bool:
        return any(p(user) for p in predicates)

    return predicate


is_counsellor = _has_role(Role.COUNSELLOR)
is_provider_staff = _has_role(Role.PROVIDER_STAFF)
is_network_admin = _has_role(Role.NETWORK_ADMIN)
is_staff_member = any_of(is_counsellor, is_provider_staff, is_network_admin)
# The counsellor's workspace: files, notes, documents, consent.
can_use_workspace = is_counsellor
can_read_notes = is_counsellor
can_read_sensitive_fields = is_counsellor


def is_beneficiary_account(user: User) -> bool:
    """The account of a person's own file (signed in with a one-time code), not a staff account."""
    return user.is_authenticated and Beneficiary.objects.filter(account=user).exists()


def desks_of(user: User) -> QuerySet[Desk]:
    """The desks whose files this user works on: a counsellor's desks, else none."""
    return Desk.objects.filter(pk__in=_roles(user).filter(role=Role.COUNSELLOR).values("desk_id")).select_related(
        "city__region"
    )


def _phone_or_none(query: str) -> str | None:
    try:
        number = phonenumbers.parse(query, settings.PHONENUMBER_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def search_filter(query: str) -> Q:
    """Name words, a phone number in any usual writing, or a file number."""
    query = query.strip()
    condition = Q(file_number__iexact=query)
    phone = _phone_or_none(query) if any(c.isdigit() for c in query) else None
    if phone:
        condition |= Q(phone=phone)
    words = query.split()
    if words:
        by_name = Q()
        for word in words:
            by_name &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        condition |= by_name
    return condition


def beneficiary_list(*, user: User, query: str = "") -> QuerySet[Beneficiary]:
    """Files this user may see: their desks' files, never others."""
    qs = Beneficiary.objects.filter(desk__in=desks_of(user)).select_related("desk")
    return qs.filter(search_filter(query)) if query.strip() else qs


def beneficiary_today_list(*, user: User) -> QuerySet[Beneficiary]:
    """Files of the user's desks with activity today (appointments will join them)."""
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return beneficiary_list(user=user).filter(last_activity_at__gte=start).order_by("-last_activity_at")


def beneficiary_get(*, user: User, pk: int | str) -> Beneficiary:
    """One file in the user's scope, or 404 (the same answer for absent and out of scope)."""
    try:
        return (
            beneficiary_list(user=user)
            .select_related("desk__city", "account")
            .prefetch_related("languages", "documents__document_type", "documents__seen_by", "consents")
            .get(pk=int(pk))
        )
    except (Beneficiary.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("No such file.")) from exc


def beneficiary_of(*, user: User) -> Beneficiary:
    """The signed-in person's own file, or 404."""
    if not user.is_authenticated or not user.is_active:
        raise Http404(_("No such file."))
    try:
        return Beneficiary.objects.select_related("desk").get(account=user)
    except Beneficiary.DoesNotExist as exc:
        raise Http404(_("No such file.")) from exc


def note_list(*, user: User, beneficiary: Beneficiary) -> QuerySet[Note]:
    """Notes of a file for the counsellors of its desk; nobody else."""
    if not can_read_notes(user) or not desks_of(user).filter(pk=beneficiary.desk_id).exists():
        return Note.objects.none()
    return beneficiary.notes.select_related("author")


def audit_event_list(*, object_type: str = "", object_id: str = "") -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.select_related("actor")
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    return qs
