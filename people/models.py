"""People: beneficiaries' files, staff roles and their scopes, consent, audit.

These tables hold data about vulnerable people (residence status,
nationality, history). Rules the database can hold are constraints here;
who may see what is decided in ``selectors.py`` and nowhere else. Foreign
keys to a person's file are ``RESTRICT``: a file goes away only through the
erasure service, which says what it removes.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from catalog.models import Desk, DocumentType, Language, SchoolingLevel
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


def new_public_id() -> str:
    """A record's address in URLs and the API: 128 random bits, URL-safe, saying nothing of how many records exist."""
    return secrets.token_urlsafe(16)


def public_id_field() -> models.CharField:
    """The opaque identifier of a personal record; the sequential ``pk`` stays internal (foreign keys, ordering)."""
    return models.CharField(_("public id"), max_length=22, unique=True, default=new_public_id, editable=False)


class Beneficiary(models.Model):
    """A person's file at a desk. Created by a counsellor, or later by the person."""

    public_id = public_id_field()

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
    # When the person proved the phone or e-mail is theirs with a code (sign-up, or linking at the desk).
    # Only a proven detail opens the file (sign-in, codes, personal messages); one typed or changed by
    # staff is unproven until then: a typo must not hand a file to whoever holds the number (save() below).
    phone_proven_at = models.DateTimeField(_("phone proven on"), null=True, blank=True, editable=False)
    email_proven_at = models.DateTimeField(_("e-mail proven on"), null=True, blank=True, editable=False)
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
    # How far the person went, for the reports' funnel: the first time any of their applications was made,
    # accepted, enrolled, completed. Written with the move that reaches it (applications.models), never edited.
    applied_at = models.DateTimeField(_("first applied on"), null=True, blank=True, editable=False)
    accepted_at = models.DateTimeField(_("first accepted on"), null=True, blank=True, editable=False)
    enrolled_at = models.DateTimeField(_("first enrolled on"), null=True, blank=True, editable=False)
    completed_at = models.DateTimeField(_("first completed a training on"), null=True, blank=True, editable=False)

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
            # A proof is of a detail: no detail, no proof.
            models.CheckConstraint(
                condition=Q(phone_proven_at__isnull=True) | ~Q(phone=""), name="beneficiary_phone_proven_is_given"
            ),
            models.CheckConstraint(
                condition=Q(email_proven_at__isnull=True) | ~Q(email=""), name="beneficiary_email_proven_is_given"
            ),
        ]
        indexes = [
            models.Index(fields=["desk", "last_activity_at"]),
            models.Index(fields=["phone"]),
            # The staff reports count files opened in a period, network-wide (reporting/indicators.py).
            models.Index(fields=["created_at"], name="beneficiary_created"),
        ]

    def __str__(self) -> str:
        return f"{self.file_number} {self.full_name}"

    def save(self, *args, **kwargs) -> None:
        """Save; a phone or e-mail changed without a new proof is saved unproven (``_unprove_changed_contacts``)."""
        update_fields = kwargs.get("update_fields")
        unproven = self._unprove_changed_contacts(update_fields)
        if unproven and update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *unproven}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("people:beneficiary_detail", kwargs={"public_id": self.public_id})

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def clean(self) -> None:
        self._unprove_changed_contacts()  # before the constraints are checked: no proof without its detail

    def _unprove_changed_contacts(self, update_fields=None) -> list[str]:
        """A phone or e-mail that differs from the stored one without a new proof becomes unproven.

        The one place the rule lives, for every path that saves a file (staff
        edits, any later form or command): the proof of the old number never
        passes to a new one. A proof is new when it is set and its date
        differs from the stored one (sign-up and linking set the detail and
        its date together). Returns the proof fields cleared.
        """
        watched = [name for name in CONTACT_PROOFS if update_fields is None or name in update_fields]
        if not watched or self._state.adding:
            return []
        proofs = [CONTACT_PROOFS[name] for name in watched]
        stored = type(self).objects.filter(pk=self.pk).values(*watched, *proofs).first()
        if stored is None:
            return []
        unproven = []
        for name, proof in zip(watched, proofs, strict=True):
            changed = str(getattr(self, name) or "") != str(stored[name] or "")
            proven_now = getattr(self, proof) is not None and getattr(self, proof) != stored[proof]
            if changed and not proven_now:
                setattr(self, proof, None)
                unproven.append(proof)
        return unproven

    @property
    def phone_is_proven(self) -> bool:
        return bool(self.phone) and self.phone_proven_at is not None

    @property
    def email_is_proven(self) -> bool:
        return bool(self.email) and self.email_proven_at is not None


# Each contact detail and the date its proof was given (Beneficiary.save clears it when the detail changes).
CONTACT_PROOFS = {"phone": "phone_proven_at", "email": "email_proven_at"}


# The fields of a file a counsellor writes; the person's own correction and sign-up take the parts below.
PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "email",
    "birth_year",
    "sex",
    "nationality",
    "schooling",
    "residence_status",
    "residence_document_number",
)

# What a person corrects in their own file. Phone and e-mail stay out: each is
# proven by a code (the desk links a new one); documents are marked seen by the desk.
SELF_CORRECTABLE_FIELDS = ("first_name", "last_name", "birth_year", "sex", "nationality", "schooling")

# What a person may give about themselves when opening their own file: the rest is the desk's to fill in.
SIGN_UP_FIELDS = ("first_name", "last_name", "birth_year", "sex", "nationality")


class DocumentHeld(models.Model):
    """A document the person says they hold; a counsellor may mark it seen."""

    public_id = public_id_field()

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
    """A counsellor's dated note: read by the counsellors of the file's desk and, by right of access, by the person."""

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


class ConsentPurpose(models.TextChoices):
    PROCESSING = "processing", _("Processing of my data to be advised")
    CONTACT = "contact", _("Being contacted by the desk")


class ConsentChannel(models.TextChoices):
    IN_PERSON = "in_person", _("In person at the desk")
    ONLINE = "online", _("Online, by the person")
    PHONE = "phone", _("By phone")


class ConsentQuerySet(models.QuerySet):
    def live(self, purpose: str | None = None) -> ConsentQuerySet:
        """Consents not withdrawn (of ``purpose``, when given): the one place that says what a live consent is."""
        live = self.filter(withdrawn_at__isnull=True)
        return live if purpose is None else live.filter(purpose=purpose)


class Consent(models.Model):
    """Consent given for one purpose, with the version of the text the person was shown."""

    public_id = public_id_field()

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

    objects = ConsentQuerySet.as_manager()

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
