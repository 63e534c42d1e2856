"""Demo staff accounts, their authenticator keys and a few synthetic files: demo machines only, refused in production.

The passwords and keys are published in README.md, so anyone can sign in to
a demo with a phone app or with ``manage.py demo_totp_code``.
"""

from __future__ import annotations

import base64

from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, StaffRole
from catalog.models import Desk
from core.actor import Actor
from people.file_accounts import beneficiary_account_link
from people.models import Beneficiary, ConsentPurpose
from people.rights import consent_withdraw
from people.services import beneficiary_create

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "guichet-demo-admin"  # documented in README.md; demo machines only


def demo_admin_ensure() -> bool:
    """Give a demo machine a back-office account, once; never in production.

    Returns whether the account was created. An existing account, whatever
    its password, is left as it is.
    """
    from django.conf import settings
    from django.contrib.auth import get_user_model

    if settings.PRODUCTION:
        raise RuntimeError("The demo administrator account is refused in production.")
    user_model = get_user_model()
    if user_model.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
        return False
    user_model.objects.create_superuser(DEMO_ADMIN_USERNAME, "admin@example.org", DEMO_ADMIN_PASSWORD)
    return True


# Demo staff accounts and files (never in production: refused there).
DEMO_STAFF_PASSWORD = "guichet-demo-staff"
DEMO_COUNSELLOR_USERNAME = "counsellor"
# Aminata proved her phone at the desk (README: sign in as her at /fr/me/); Joseph's number was only typed
# by the counsellor, so it opens nothing until he proves it.
DEMO_PROVEN_PHONE = "+212612000001"
DEMO_FILES = [
    {"first_name": "Aminata", "last_name": "Diallo", "phone": DEMO_PROVEN_PHONE, "birth_year": 1997, "schooling": 3},
    {"first_name": "Joseph", "last_name": "Mensah", "phone": "+212612000002", "birth_year": 1990, "schooling": 5},
    {"first_name": "Mariam", "last_name": "Haddad", "birth_year": 2001, "schooling": 2},
]
# This one withdrew her consent to processing: her file shows what the desk may still do (read, export, erase).
DEMO_FILE_WITHOUT_CONSENT = "Mariam"


def demo_staff_ensure() -> bool:
    """A counsellor of the pilot desk with three synthetic files, one with a proven phone. True when created now."""
    from django.conf import settings

    from demo.data.data import PILOT_DESK

    if settings.PRODUCTION:
        raise RuntimeError("Demo staff accounts are refused in production.")
    desk = Desk.objects.get(slug=PILOT_DESK)
    users = get_user_model()
    user, created = users.objects.get_or_create(
        username=DEMO_COUNSELLOR_USERNAME, defaults={"first_name": "Salma", "last_name": "Benali"}
    )
    if created:
        user.set_password(DEMO_STAFF_PASSWORD)
        user.save(update_fields=["password"])
    StaffRole.objects.get_or_create(user=user, role=Role.COUNSELLOR, desk=desk)
    if not Beneficiary.objects.filter(desk=desk).exists():
        actor = Actor(user=user)
        for profile in DEMO_FILES:
            person = beneficiary_create(actor=actor, desk=desk, profile=profile, consent_contact=True)
            if profile.get("phone") == DEMO_PROVEN_PHONE:
                # As if she had read the code to the counsellor: the link flow after its code check.
                beneficiary_account_link(actor=actor, public_id=person.public_id, destination=DEMO_PROVEN_PHONE)
            if profile["first_name"] == DEMO_FILE_WITHOUT_CONSENT:
                consent = person.consents.get(purpose=ConsentPurpose.PROCESSING)
                consent_withdraw(actor=actor, beneficiary=person, consent_id=consent.public_id)
    return created


# Demo machines only (load_demo; refused in production): the demo staff accounts get an
# authenticator app with a key written in README.md, so anyone can sign in to the demo
# with a phone app or with ``manage.py demo_totp_code``.
DEMO_TOTP_KEYS = {
    "counsellor": "GUICHETDEMOCOUNSELLORTOTPSECRET2",
    "counsellor2": "GUICHETDEMOSECONDCOUNSELLORKEY22",
    "admin": "GUICHETDEMOADMINISTRATORTOTPKEY2",
    "provider": "GUICHETDEMOPROVIDERSTAFFTOTPKEY2",
}


def demo_totp_devices_ensure() -> list[str]:
    """Give the demo staff accounts that exist their documented device, once. Returns the usernames served now."""
    from django.conf import settings
    from django.contrib.auth import get_user_model

    if settings.PRODUCTION:
        raise RuntimeError("Demo authenticator keys are refused in production.")
    created = []
    for user in get_user_model().objects.filter(username__in=DEMO_TOTP_KEYS):
        if TOTPDevice.objects.filter(user=user).exists():
            continue
        key = base64.b32decode(DEMO_TOTP_KEYS[user.username]).hex()
        TOTPDevice.objects.create(user=user, name="demo", key=key, confirmed=True)
        created.append(user.username)
    return created
