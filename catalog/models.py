"""The catalogue: where trainings are, what they teach, who may enter them.

Every invariant the database can hold is a constraint here (ordered dates,
seats never above capacity, valid age ranges, unique slugs, RIASEC codes).
Translated fields (``name``, ``description``…) get one column per language
from django-modeltranslation (see ``translation.py``), falling back to French.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

RIASEC_VALIDATOR = RegexValidator(
    r"^[RIASEC]{1,3}$",
    _("Use one to three letters among R, I, A, S, E, C, strongest interest first."),
)
ISCO_VALIDATOR = RegexValidator(r"^[0-9]{4}$", _("An ISCO-08 unit group code has four digits."))


class SchoolingLevel(models.IntegerChoices):
    """The fixed, ordered scale of schooling used by admission criteria.

    Ordered so that ``person >= required`` is the whole comparison. The steps
    are the entry levels Moroccan training rules name (REFERENCE.md).
    """

    NONE = 0, _("No schooling")
    LITERACY = 1, _("Reads, writes and counts")
    PRIMARY = 2, _("6th year of primary school")
    LOWER_SECONDARY = 3, _("3rd year of lower secondary school")
    UPPER_SECONDARY = 4, _("2nd year of upper secondary school")
    BACCALAUREATE = 5, _("Baccalaureate")
    HIGHER = 6, _("Higher education")


class ResidenceRequirement(models.TextChoices):
    NONE = "none", _("No residence document required")
    ANY_LEGAL_STAY = "legal_stay", _("A valid passport or proof of legal stay")
    RESIDENCE_CARD = "residence_card", _("A valid residence card")


class Sector(models.TextChoices):
    CRAFTS = "crafts", _("Traditional crafts")
    AGRICULTURE = "agriculture", _("Agriculture")
    SERVICES = "services", _("Services")
    CONSTRUCTION = "construction", _("Building trades")


class ProviderKind(models.TextChoices):
    INSTITUTE = "institute", _("Training institute")
    CENTRE = "centre", _("Training centre")
    ASSOCIATION = "association", _("Association")
    COOPERATIVE = "cooperative", _("Cooperative")


class ScheduleKind(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")
    EVENINGS = "evenings", _("Evenings")
    WEEKENDS = "weekends", _("Weekends")


class Level(models.TextChoices):
    """Kind of programme and the certificate it leads to (REFERENCE.md)."""

    SHORT_COURSE = "short_course", _("Short course")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
    SPECIALISATION = "specialisation", _("Specialisation")
    QUALIFICATION = "qualification", _("Qualification")
    TECHNICIAN = "technician", _("Technician")
    SPECIALISED_TECHNICIAN = "specialised_technician", _("Specialised technician")
    ACADEMY = "academy", _("Academy diploma")


class Admission(models.TextChoices):
    OPEN = "open", _("Open entry, first come first served")
    INTERVIEW = "interview", _("Interview")
    ORIENTATION = "orientation", _("Orientation by a counsellor")
    EXAM = "exam", _("Entrance exam")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Region(models.Model):
    """One of Morocco's twelve regions; regions are the network's tenants."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    capital = models.CharField(_("capital"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class City(models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="cities", verbose_name=_("region"))
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def __str__(self) -> str:
        return self.name


class Language(models.Model):
    """A language people speak or are taught in (ISO 639 code)."""

    code = models.SlugField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name


class DocumentType(models.Model):
    """A document a person may have to bring (residence card, photos…)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("document type")
        verbose_name_plural = _("document types")

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    """A skill of a trade, from ESCO's essential skills where one exists."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    esco_uri = models.URLField(_("ESCO skill URI"), blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.name


class Trade(models.Model):
    """A trade people train for, mapped to ESCO, ISCO-08 and RIASEC."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    pictogram = models.SlugField(
        _("pictogram"), max_length=40, default="trade", help_text=_("Symbol name in the pictogram sprite.")
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, default=Sector.CRAFTS)
    esco_uri = models.URLField(_("ESCO occupation URI"), blank=True)
    esco_code = models.CharField(_("ESCO occupation code"), max_length=20, blank=True)
    isco_code = models.CharField(_("ISCO-08 code"), max_length=4, validators=[ISCO_VALIDATOR])
    riasec_code = models.CharField(_("RIASEC interest code"), max_length=3, validators=[RIASEC_VALIDATOR])
    skills = models.ManyToManyField(Skill, through="TradeSkill", related_name="trades", verbose_name=_("key skills"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("trade")
        verbose_name_plural = _("trades")
        constraints = [
            models.CheckConstraint(condition=Q(riasec_code__regex=r"^[RIASEC]{1,3}$"), name="trade_riasec_code_valid"),
            models.CheckConstraint(condition=Q(isco_code__regex=r"^[0-9]{4}$"), name="trade_isco_code_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:trade_detail", kwargs={"slug": self.slug})


class TradeSkill(models.Model):
    trade = models.ForeignKey(Trade, on_delete=models.CASCADE, verbose_name=_("trade"))
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, verbose_name=_("skill"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("key skill")
        verbose_name_plural = _("key skills")
        constraints = [models.UniqueConstraint(fields=["trade", "skill"], name="tradeskill_unique")]

    def __str__(self) -> str:
        return f"{self.trade} – {self.skill}"


class Provider(models.Model):
    """An organisation that teaches: institute, centre, association, cooperative."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ProviderKind.choices)
    description = models.TextField(_("description"), blank=True)
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="providers", verbose_name=_("city"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:provider_detail", kwargs={"slug": self.slug})


class Desk(models.Model):
    """An information and orientation desk (guichet) of the network."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="desks", verbose_name=_("city"))
    host = models.ForeignKey(
        Provider,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_desks",
        verbose_name=_("host organisation"),
    )
    address = models.CharField(_("address"), max_length=300)
    services = models.TextField(_("what happens at the desk"), blank=True)
    hours_note = models.CharField(_("note on opening hours"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("desk")
        verbose_name_plural = _("desks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:desk_detail", kwargs={"slug": self.slug})

    @property
    def region(self) -> Region:
        return self.city.region


class OpeningHours(models.Model):
    """One opening period of a desk on a weekday (several per day allowed)."""

    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("desk"))
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(condition=Q(opens__lt=F("closes")), name="openinghours_opens_before_closes"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="openinghours_weekday_valid"),
            models.UniqueConstraint(fields=["desk", "weekday", "opens"], name="openinghours_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class ProgrammeQuerySet(models.QuerySet):
    def published(self) -> ProgrammeQuerySet:
        return self.filter(is_published=True)


class Programme(models.Model):
    """A training programme of a provider, with its structured admission criteria."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("provider")
    )
    provider_reference = models.CharField(
        _("provider's reference"),
        max_length=60,
        blank=True,
        help_text=_("The provider's own code for this programme: imports find it again by it."),
    )
    trade = models.ForeignKey(Trade, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("trade"))
    city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("place"),
        help_text=_("Where the training takes place."),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    level = models.CharField(_("level"), max_length=30, choices=Level.choices)
    certificate = models.CharField(_("diploma or certificate"), max_length=200, blank=True)
    duration_weeks = models.PositiveSmallIntegerField(_("duration in weeks"), validators=[MinValueValidator(1)])
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), null=True, blank=True)
    schedule = models.CharField(_("schedule"), max_length=20, choices=ScheduleKind.choices)
    schedule_note = models.CharField(_("schedule details"), max_length=300, blank=True)
    teaching_languages = models.ManyToManyField(
        Language, related_name="programmes_taught", verbose_name=_("teaching languages")
    )
    cost_mad = models.DecimalField(_("cost (MAD)"), max_digits=9, decimal_places=2, default=0)
    # Admission criteria are data, so that eligibility can be computed.
    admission = models.CharField(_("admission"), max_length=20, choices=Admission.choices, default=Admission.OPEN)
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    min_schooling = models.PositiveSmallIntegerField(
        _("minimum schooling"), choices=SchoolingLevel.choices, default=SchoolingLevel.NONE
    )
    residence = models.CharField(
        _("residence requirement"),
        max_length=20,
        choices=ResidenceRequirement.choices,
        default=ResidenceRequirement.RESIDENCE_CARD,
    )
    required_languages = models.ManyToManyField(
        Language, blank=True, related_name="programmes_requiring", verbose_name=_("languages required")
    )
    required_documents = models.ManyToManyField(
        DocumentType, blank=True, related_name="programmes", verbose_name=_("documents to bring")
    )
    admission_notes = models.TextField(_("admission notes"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Lists order thousands of programmes by their next session: reading it from
    # an indexed column, not from a subquery per programme, keeps that order
    # cheap. Written by catalog/signals.py on every session write, and each day
    # by ``manage.py refresh_next_sessions`` for starts that have passed (until
    # then, lists compute those few themselves: see catalog.selectors._next_start).
    next_session_start = models.DateField(_("next session starts"), null=True, blank=True, editable=False)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(condition=Q(cost_mad__gte=0), name="programme_cost_not_negative"),
            models.UniqueConstraint(
                fields=["provider", "provider_reference"],
                condition=~Q(provider_reference=""),
                name="programme_provider_reference_unique",
            ),
            models.CheckConstraint(condition=Q(duration_weeks__gte=1), name="programme_duration_positive"),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True) | Q(max_age__isnull=True) | Q(min_age__lte=F("max_age")),
                name="programme_age_range_ordered",
            ),
            models.CheckConstraint(
                condition=(Q(min_age__isnull=True) | Q(min_age__lte=120))
                & (Q(max_age__isnull=True) | Q(max_age__lte=120)),
                name="programme_age_plausible",
            ),
            models.CheckConstraint(
                condition=Q(min_schooling__gte=0) & Q(min_schooling__lte=6), name="programme_schooling_on_scale"
            ),
        ]
        indexes = [
            models.Index(fields=["trade", "is_published"]),
            models.Index(fields=["city", "is_published"]),
            models.Index(fields=["provider", "is_published"], name="programme_provider_published"),
            # The order of every list: soonest next session first (PostgreSQL sorts
            # empty dates last in an ascending index, as the lists want).
            models.Index(
                fields=["next_session_start", "slug"],
                condition=Q(is_published=True),
                name="programme_published_next_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalog:programme_detail", kwargs={"slug": self.slug})

    @property
    def is_free(self) -> bool:
        return self.cost_mad == 0


class SessionQuerySet(models.QuerySet):
    def upcoming(self, today: datetime.date | None = None) -> SessionQuerySet:
        """Sessions not yet started: the ones a person can still aim for."""
        from django.utils import timezone

        return self.filter(start_date__gte=today or timezone.localdate())


class Session(models.Model):
    """One run of a programme, with its dates and seats."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("programme")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    application_deadline = models.DateField(_("application deadline"), null=True, blank=True)
    provider_reference = models.CharField(
        _("provider's reference"),
        max_length=60,
        blank=True,
        help_text=_("The provider's own code for this session: imports find it again by it."),
    )
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    seats_taken = models.PositiveIntegerField(_("seats taken"), default=0)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="session_dates_ordered"),
            models.CheckConstraint(
                condition=Q(application_deadline__isnull=True) | Q(application_deadline__lte=F("start_date")),
                name="session_deadline_before_start",
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive"),
            models.CheckConstraint(condition=Q(seats_taken__lte=F("capacity")), name="session_seats_within_capacity"),
            models.UniqueConstraint(fields=["programme", "start_date"], name="session_unique_start_per_programme"),
            models.UniqueConstraint(
                fields=["programme", "provider_reference"],
                condition=~Q(provider_reference=""),
                name="session_provider_reference_unique",
            ),
        ]
        indexes = [models.Index(fields=["start_date"])]

    def __str__(self) -> str:
        return f"{self.programme} ({self.start_date:%Y-%m-%d})"

    @property
    def seats_left(self) -> int:
        return self.capacity - self.seats_taken

    def is_open_on(self, day: datetime.date) -> bool:
        deadline = self.application_deadline or self.start_date
        return day <= deadline and self.seats_left > 0


class TranslationStamp(models.Model):
    """What one translation was made from: the French text's fingerprint when it was written or checked.

    One row per translated text and target language, for any model registered
    with modeltranslation (``catalog/translation_status.py`` keeps them right on
    every save). The translation is outdated when the French text's fingerprint
    is no longer this one; ``source_text`` keeps that French text, so editors see
    what changed since. ``translation_hash`` says whether the translation itself
    was rewritten since it was stamped.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(_("field"), max_length=64)
    language = models.CharField(_("language"), max_length=8)
    source_fingerprint = models.CharField(_("fingerprint of the French text"), max_length=64)
    source_text = models.TextField(_("French text it was made from"), blank=True)
    translation_hash = models.CharField(max_length=64)
    stamped_at = models.DateTimeField(_("stamped at"), default=timezone.now)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )

    class Meta:
        verbose_name = _("translation stamp")
        verbose_name_plural = _("translation stamps")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"], name="translation_stamp_unique_text"
            ),
            models.CheckConstraint(
                condition=~Q(field="") & ~Q(language="") & ~Q(source_fingerprint=""),
                name="translation_stamp_names_its_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} {self.field} ({self.language})"
