"""People: beneficiaries' files, staff roles and their scopes, consent, audit.

These tables hold data about vulnerable people (residence status,
nationality, history). Rules the database can hold are constraints here;
who may see what is decided in ``selectors.py`` and nowhere else. Foreign
keys to a person's file are ``RESTRICT``: a file goes away only through the
erasure service, which says what it removes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from catalog.models import Desk, DocumentType, Language, Programme, Provider, Region, SchoolingLevel, Session
from people.encryption import EncryptedTextField


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")


class ResidenceStatus(models.TextChoices):
    RESIDENCE_CARD = "residence_card", _("Residence card")
    RECEIPT = "receipt", _("Receipt of a residence card application")
    VISA = "visa", _("Passport with a valid visa or entry stamp")
    REFUGEE = "refugee", _("Refugee card")
    ASYLUM_SEEKER = "asylum_seeker", _("Asylum seeker certificate")
    OTHER = "other", _("Other situation")


class Beneficiary(models.Model):
    """A person's file at a desk. Created by a counsellor, or later by the person."""

    file_number = models.CharField(_("file number"), max_length=20, unique=True)
    desk = models.ForeignKey(Desk, on_delete=models.RESTRICT, related_name="beneficiaries", verbose_name=_("desk"))
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="beneficiary",
        verbose_name=_("account"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True, help_text=_("With the country code, e.g. +212 6 12 34 56 78."))
    email = models.EmailField(_("e-mail"), blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    # Statistics only, optional, and never used in any score or filter of trainings.
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    nationality = models.CharField(_("nationality"), max_length=80, blank=True)
    languages = models.ManyToManyField(Language, blank=True, related_name="+", verbose_name=_("languages spoken"))
    # The language texts to the person are written in (notifications): the one they signed up in.
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    schooling = models.PositiveSmallIntegerField(
        _("schooling level"), choices=SchoolingLevel.choices, null=True, blank=True
    )
    # Encrypted at rest (people/encryption.py): readable on the file page only.
    residence_status = EncryptedTextField(_("residence status"), choices=ResidenceStatus.choices, blank=True)
    residence_document_number = EncryptedTextField(_("residence document number"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("beneficiary")
        verbose_name_plural = _("beneficiaries")
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | (Q(birth_year__gte=1900) & Q(birth_year__lte=2100)),
                name="beneficiary_birth_year_plausible",
            ),
            models.CheckConstraint(condition=Q(sex__in=["", *Sex.values]), name="beneficiary_sex_valid"),
            models.CheckConstraint(
                condition=Q(schooling__isnull=True) | (Q(schooling__gte=0) & Q(schooling__lte=6)),
                name="beneficiary_schooling_on_scale",
            ),
        ]
        indexes = [models.Index(fields=["desk", "last_activity_at"]), models.Index(fields=["phone"])]

    def __str__(self) -> str:
        return f"{self.file_number} {self.full_name}"

    def get_absolute_url(self) -> str:
        return reverse("people:beneficiary_detail", kwargs={"pk": self.pk})

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class DocumentHeld(models.Model):
    """A document the person says they hold; a counsellor may mark it seen."""

    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.RESTRICT, related_name="documents", verbose_name=_("beneficiary")
    )
    document_type = models.ForeignKey(DocumentType, on_delete=models.PROTECT, verbose_name=_("document"))
    seen_at = models.DateTimeField(_("seen at"), null=True, blank=True)
    seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("seen by"),
    )

    class Meta:
        ordering = ["document_type__position", "id"]
        verbose_name = _("document held")
        verbose_name_plural = _("documents held")
        constraints = [
            models.UniqueConstraint(fields=["beneficiary", "document_type"], name="documentheld_unique"),
            models.CheckConstraint(
                condition=Q(seen_at__isnull=True, seen_by__isnull=True)
                | Q(seen_at__isnull=False, seen_by__isnull=False),
                name="documentheld_seen_by_whom",
            ),
        ]

    def __str__(self) -> str:
        return str(self.document_type)


class Note(models.Model):
    """A counsellor's dated note; visible to the counsellors of the file's desk only."""

    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.RESTRICT, related_name="notes", verbose_name=_("beneficiary")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="note_not_empty")]

    def __str__(self) -> str:
        return f"{self.beneficiary_id} {self.created_at:%Y-%m-%d}"


class OrientationSource(models.TextChoices):
    DESK = "desk", _("With a counsellor at the desk")
    ONLINE = "online", _("Online, by the person")


class OrientationResult(models.Model):
    """A questionnaire saved to a file: the answers, what was suggested then, and the counsellor's appraisal.

    The suggestions are a snapshot (the catalogue changes; the file keeps what
    was said on that day). Answers are ``orientation.profile.Profile.to_dict()``.
    """

    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.RESTRICT, related_name="orientation_results", verbose_name=_("beneficiary")
    )
    source = models.CharField(_("taken"), max_length=10, choices=OrientationSource.choices)
    answers = models.JSONField(_("answers"), default=dict)
    trades = models.JSONField(_("trades suggested"), default=list)
    programmes = models.JSONField(_("trainings suggested"), default=list)
    appraisal = models.TextField(_("counsellor's appraisal"), blank=True)
    next_steps = models.TextField(_("agreed next steps"), blank=True)
    person_language = models.CharField(_("language of the person"), max_length=10, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("orientation result")
        verbose_name_plural = _("orientation results")
        constraints = [
            # At the desk a counsellor records it; online the person does, alone, with no appraisal.
            models.CheckConstraint(
                condition=Q(source=OrientationSource.DESK, recorded_by__isnull=False)
                | Q(source=OrientationSource.ONLINE, recorded_by__isnull=True, appraisal="", next_steps=""),
                name="orientationresult_source_consistent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.beneficiary_id} {self.created_at:%Y-%m-%d}"


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent to the provider")
    ACCEPTED = "accepted", _("Accepted by the provider")
    REFUSED = "refused", _("Not accepted by the provider")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A person is referred once to a programme while the referral is live.
LIVE_REFERRAL_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED)


class Referral(models.Model):
    """A counsellor sends a person to a provider's programme (optionally one session).

    ``eligibility`` is the admission check at the time of referral, as
    ``[{"key": "age", "status": "met"}, …]``: criterion names and outcomes,
    never the answers behind them. It is what provider staff see, with the
    person's name, school level, languages and documents seen.
    """

    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.RESTRICT, related_name="referrals", verbose_name=_("beneficiary")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("programme")
    )
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals", verbose_name=_("session")
    )
    status = models.CharField(_("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT)
    eligibility = models.JSONField(_("admission criteria"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("referred by")
    )
    created_at = models.DateTimeField(_("referred on"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ReferralStatus.values), name="referral_status_valid"),
            models.UniqueConstraint(
                fields=["beneficiary", "programme"],
                condition=Q(status__in=LIVE_REFERRAL_STATUSES),
                name="referral_one_live_per_programme",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.beneficiary_id} → {self.programme_id} ({self.status})"


class ConsentPurpose(models.TextChoices):
    PROCESSING = "processing", _("Processing of my data to be advised")
    CONTACT = "contact", _("Being contacted by the desk")


class ConsentChannel(models.TextChoices):
    IN_PERSON = "in_person", _("In person at the desk")
    ONLINE = "online", _("Online, by the person")
    PHONE = "phone", _("By phone")


class Consent(models.Model):
    """Consent given for one purpose, with the version of the text the person was shown."""

    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.RESTRICT, related_name="consents", verbose_name=_("beneficiary")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    text_version = models.CharField(_("version of the text"), max_length=20)
    channel = models.CharField(_("channel"), max_length=20, choices=ConsentChannel.choices)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(condition=Q(purpose__in=ConsentPurpose.values), name="consent_purpose_valid"),
            models.CheckConstraint(condition=Q(channel__in=ConsentChannel.values), name="consent_channel_valid"),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=models.F("given_at")),
                name="consent_withdrawn_after_given",
            ),
            # One live consent per purpose; withdrawn ones stay as history.
            models.UniqueConstraint(
                fields=["beneficiary", "purpose"], condition=Q(withdrawn_at__isnull=True), name="consent_one_live"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.text_version})"

    @property
    def is_live(self) -> bool:
        return self.withdrawn_at is None


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


class AuditAction(models.TextChoices):
    FILE_READ = "file_read", _("File read")
    FILE_CREATE = "file_create", _("File created")
    FILE_UPDATE = "file_update", _("File changed")
    NOTE_CREATE = "note_create", _("Note written")
    DOCUMENT_SEEN = "document_seen", _("Document marked seen")
    CONSENT_RECORD = "consent_record", _("Consent recorded")
    CONSENT_WITHDRAW = "consent_withdraw", _("Consent withdrawn")
    FILE_ERASE = "file_erase", _("File erased")
    SEARCH = "search", _("Files searched")
    EXPORT = "export", _("Data exported")
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    SIGN_OUT = "sign_out", _("Signed out")
    ACCESS_REFUSED = "access_refused", _("Access refused")
    SECOND_FACTOR_ENROL = "second_factor_enrol", _("Authenticator app set up")
    SECOND_FACTOR_PASSED = "second_factor_passed", _("Second factor checked")
    SECOND_FACTOR_FAILED = "second_factor_failed", _("Second factor refused")
    ACCOUNT_LINK = "account_link", _("Account linked to a file")
    ORIENTATION_SAVE = "orientation_save", _("Orientation saved")
    REFERRAL_CREATE = "referral_create", _("Referral sent")
    REFERRAL_READ = "referral_read", _("Referral read")
    AUDIT_READ = "audit_read", _("Audit log read")


class AuditEvent(models.Model):
    """One line of the append-only audit log. Never holds the sensitive values themselves.

    On PostgreSQL a trigger (migration 0002) refuses UPDATE and DELETE. The
    actor is a plain reference without a database constraint, so removing a
    user never rewrites the log.
    """

    # Lines about a file name it by id: the person's export lists them (people/export.py).
    holds_personal_data = True

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=40, blank=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    ip_address = models.GenericIPAddressField(_("from where"), null=True, blank=True)
    detail = models.CharField(
        _("detail"), max_length=200, blank=True, help_text=_("Names of fields, never their values.")
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"


class ErasureReason(models.TextChoices):
    REQUEST = "request", _("At the person's request")
    RETENTION = "retention", _("No activity for the retention period")


class ErasedFile(models.Model):
    """What stays of an erased file: an anonymous count, to the month, for the network's statistics.

    Months are stored as their first day (people/services.py); nothing else
    of the person is kept.
    """

    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="+", verbose_name=_("desk"))
    created_month = models.DateField(_("month the file was opened"))
    erased_month = models.DateField(_("month the file was erased"))
    reason = models.CharField(_("reason"), max_length=20, choices=ErasureReason.choices)

    class Meta:
        ordering = ["-erased_month", "id"]
        verbose_name = _("erased file")
        verbose_name_plural = _("erased files")
        constraints = [
            models.CheckConstraint(condition=Q(reason__in=ErasureReason.values), name="erasedfile_reason_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.desk_id} {self.created_month:%Y-%m} → {self.erased_month:%Y-%m}"


class OneTimeCode(models.Model):
    """A sign-in code sent to a phone or an e-mail address (people/codes.py).

    Neither the destination nor the code is stored: only keyed digests
    (HMAC-SHA256), enough to find the latest code of a destination, count
    requests and check an answer.
    """

    destination_digest = models.CharField(_("destination digest"), max_length=64, db_index=True)
    code_digest = models.CharField(_("code digest"), max_length=64)
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
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("created_at")), name="onetimecode_expires_later")
        ]

    def __str__(self) -> str:
        return f"{self.pk} {self.created_at:%Y-%m-%d %H:%M}"
