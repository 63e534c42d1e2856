"""Identity: staff roles and their scopes, one-time codes.

A staff user's roles say what they may see (``accounts/selectors.py``
decides it, once); one-time codes prove a person's phone or e-mail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Desk, Provider, Region


class Role(models.TextChoices):
    COUNSELLOR = "counsellor", _("Counsellor")
    PROVIDER_STAFF = "provider_staff", _("Provider staff")
    NETWORK_ADMIN = "network_admin", _("Network administrator")


class StaffRole(models.Model):
    """One role of a staff user with its scope: a desk, a provider, a region or the whole network.

    A counsellor of two desks has two rows. A network administrator with no
    region is national.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_roles", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("desk"))
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("provider"))
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("region"),
        help_text=_("Empty for a national administrator."),
    )

    class Meta:
        ordering = ["user", "role", "id"]
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role=Role.COUNSELLOR, desk__isnull=False, provider__isnull=True, region__isnull=True)
                    | Q(role=Role.PROVIDER_STAFF, desk__isnull=True, provider__isnull=False, region__isnull=True)
                    | Q(role=Role.NETWORK_ADMIN, desk__isnull=True, provider__isnull=True)
                ),
                name="staffrole_scope_matches_role",
            ),
            models.UniqueConstraint(
                fields=["user", "desk"], condition=Q(role=Role.COUNSELLOR), name="staffrole_unique_desk"
            ),
            models.UniqueConstraint(
                fields=["user", "provider"], condition=Q(role=Role.PROVIDER_STAFF), name="staffrole_unique_provider"
            ),
            models.UniqueConstraint(
                fields=["user", "region"],
                condition=Q(role=Role.NETWORK_ADMIN, region__isnull=False),
                name="staffrole_unique_region",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(role=Role.NETWORK_ADMIN, region__isnull=True),
                name="staffrole_unique_national",
            ),
        ]

    def __str__(self) -> str:
        scope = self.desk or self.provider or self.region or _("national")
        return f"{self.get_role_display()} – {scope}"


class CodePurpose(models.TextChoices):
    """What a one-time code proves, and so which text it is sent with (``accounts/messages/code_<purpose>.txt``)."""

    SIGN_IN = "sign_in", _("signing in")
    SIGN_UP = "sign_up", _("opening one's file")
    LINK_FILE = "link_file", _("linking an account to a file at a desk")
    CONFIRM_BOOKING = "confirm_booking", _("confirming a booking")


class OneTimeCode(models.Model):
    """A code sent to a phone or an e-mail address (accounts/codes.py), for one purpose and one flow.

    Neither the destination nor the code is stored: only keyed digests
    (HMAC-SHA256), enough to find the latest code of a destination, count
    requests and check an answer. The flow (the session that asked for the
    code, the file and desk it links) is kept as a digest too: the code
    proves something only in the flow that asked for it.
    """

    destination_digest = models.CharField(_("destination digest"), max_length=64, db_index=True)
    code_digest = models.CharField(_("code digest"), max_length=64)
    purpose = models.CharField(_("purpose"), max_length=20, choices=CodePurpose.choices)
    flow_digest = models.CharField(_("flow digest"), max_length=64)
    ip_address = models.GenericIPAddressField(_("requested from"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("wrong answers"), default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")), name="onetimecode_expires_later"
            ),
            models.CheckConstraint(condition=Q(purpose__in=CodePurpose.values), name="onetimecode_purpose_known"),
        ]

    def __str__(self) -> str:
        return f"{self.pk} {self.purpose} {self.created_at:%Y-%m-%d %H:%M}"
