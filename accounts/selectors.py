"""Roles and their scopes: which desks, providers and regions a staff user works for.

Fails closed: no role, an inactive or anonymous user, or a staff session
whose second factor is not checked yet, has no role at all. Permissions are
small named predicates composed with ``any_of``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from accounts.models import Role, StaffRole
from catalog.models import Desk, Provider, Region

User = AbstractBaseUser | AnonymousUser
Predicate = Callable[[User], bool]


def roles_of(user: User) -> QuerySet[StaffRole]:
    if not user.is_authenticated or not user.is_active:
        return StaffRole.objects.none()
    # A request's user carries is_verified() (django-otp): a staff session
    # without its second factor has no role, whatever page or API asks.
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and not is_verified():
        return StaffRole.objects.none()
    return StaffRole.objects.filter(user=user)


# people registers, at start-up, how to tell the account of a person's own file
# (people/apps.py): identity sits below the files and cannot ask them itself.
_own_file_account: Predicate | None = None


def own_file_account_register(predicate: Predicate) -> None:
    global _own_file_account
    _own_file_account = predicate


def is_own_file_account(user: User) -> bool:
    """A person's own account (signed in with a one-time code, no password): never asked for an app's code."""
    return _own_file_account is not None and _own_file_account(user)


def _has_role(role: Role) -> Predicate:
    def predicate(user: User) -> bool:
        return roles_of(user).filter(role=role).exists()

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
# The referrals sent to one's provider, with the fields admission needs.
can_read_referrals = is_provider_staff
# The audit log, for the admin's region or the whole network.
can_read_audit_log = is_network_admin


def desks_of(user: User) -> QuerySet[Desk]:
    """The desks whose files this user works on: a counsellor's desks, else none."""
    return Desk.objects.filter(pk__in=roles_of(user).filter(role=Role.COUNSELLOR).values("desk_id")).select_related(
        "city__region"
    )


def providers_of(user: User) -> QuerySet[Provider]:
    """The providers whose referrals this user reads: a provider staff member's, else none."""
    return Provider.objects.filter(pk__in=roles_of(user).filter(role=Role.PROVIDER_STAFF).values("provider_id"))


def admin_regions(user: User) -> tuple[bool, QuerySet[Region]]:
    """(national, regions): a national administrator sees everything; a regional one their regions."""
    roles = roles_of(user).filter(role=Role.NETWORK_ADMIN)
    national = roles.filter(region__isnull=True).exists()
    return national, Region.objects.filter(pk__in=roles.filter(region__isnull=False).values("region_id"))
