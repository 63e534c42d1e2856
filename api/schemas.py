"""Shapes of the public JSON API. Partner systems read these: keep them stable."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal

from django.utils import timezone
from ninja import Schema
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

from api.common import SLUG_PATTERN
from catalog.models import SchoolingLevel
from core.bidi import without_bidi_controls_in
from orientation import profile as answers
from orientation.eligibility import MET, NOT_MET, UNKNOWN
from orientation.interests import ACTIVITIES


class Ref(Schema):
    slug: str
    name: str


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class SessionOut(Schema):
    start_date: datetime.date
    end_date: datetime.date
    application_deadline: datetime.date | None
    capacity: int
    seats_left: int
    is_open: bool


class ProgrammeSessionOut(SessionOut):
    id: int = Field(description="The session's id (applications, /api/v1/sessions/{id}).")


class TradeOut(Schema):
    slug: str
    name: str
    summary: str
    description: str
    sector: str
    pictogram: str
    esco_uri: str
    esco_code: str
    isco_code: str
    riasec_code: str
    skills: list[str]
    programme_count: int
    url: str


class ProgrammeOut(Schema):
    slug: str
    title: str
    summary: str
    trade: Ref
    provider: Ref
    city: Ref
    region: Ref
    level: str
    level_label: str
    certificate: str
    duration_weeks: int
    schedule: str
    schedule_label: str
    teaching_languages: list[str]
    cost_mad: Decimal
    is_free: bool
    next_session: SessionOut | None
    url: str


class AdmissionOut(Schema):
    mode: str
    mode_label: str
    min_age: int | None
    max_age: int | None
    min_schooling: int
    min_schooling_label: str
    residence: str
    residence_label: str
    required_languages: list[str]
    required_documents: list[Ref]
    notes: str


class ProgrammeDetailOut(ProgrammeOut):
    description: str
    hours_per_week: int | None
    schedule_note: str
    admission: AdmissionOut
    sessions: list[ProgrammeSessionOut]


# A desk's hours are wall-clock times where the desk is, sent as "09:00:00": without an offset, which
# OpenAPI's ``format: time`` requires, so the document states the shape sent instead.
LocalTime = Annotated[
    datetime.time,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$",
            "description": "Local time at the desk (Morocco), HH:MM:SS, without an offset.",
        }
    ),
]


class OpeningHoursOut(Schema):
    weekday: int
    weekday_name: str
    opens: LocalTime
    closes: LocalTime


class DeskOut(Schema):
    slug: str
    name: str
    city: Ref
    region: Ref
    address: str
    services: str
    phone: str
    email: str
    opening_hours: list[OpeningHoursOut]
    hours_note: str
    url: str


class ProviderOut(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str
    description: str
    city: Ref
    region: Ref
    address: str
    phone: str
    email: str
    website: str
    programme_count: int
    url: str


class TradePage(Schema):
    count: int
    items: list[TradeOut]


class ProgrammePage(Schema):
    count: int
    items: list[ProgrammeOut]


class DeskPage(Schema):
    count: int
    items: list[DeskOut]


class ProviderPage(Schema):
    count: int
    items: list[ProviderOut]


# Orientation. The allowed answers are those of orientation/profile.py and
# orientation/interests.py, read from there; every answer may be left out.
ActivitySlug = Literal[tuple(activity.slug for activity in ACTIVITIES)]
InterestAnswer = Literal[answers.INTEREST_ANSWERS]
ExperienceDuration = Literal[answers.EXPERIENCE_DURATIONS]
LanguageLevel = Literal[answers.LANGUAGE_LEVELS]
Schooling = Literal[tuple(SchoolingLevel.values)]

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_only(value: Any) -> Any:
    """A date is a string "YYYY-MM-DD": a number is not read as seconds since 1970, nor a date-time cut short."""
    if value is None or (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        return value
    raise PydanticCustomError("iso_date", "Write the date as year-month-day, for example 2030-06-30.")


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date_only)]
CatalogueSlug = Annotated[str, Field(pattern=SLUG_PATTERN)]

# A complete profile, as the questionnaire would fill it in (cities, trades and papers of the demo network).
EXAMPLE_PROFILE = {
    "interests": {"sew": "like", "draw": "like", "forge": "dislike", "customers": "unsure"},
    "experience": {"tailoring": "1to3"},
    "speaks": {"fr": 2, "ar": 1},
    "reads": {"fr": 1, "ar": 0},
    "schooling": 2,
    "birth_year": 1995,
    "times": ["weekdays", "evenings"],
    "workload": "part",
    "start": "soon",
    "city": "casablanca",
    "travel": "region",
    "residence_card": "card",
    "residence_card_expires": "2030-06-30",
    "documents": ["passport", "identity-photos"],
    "constraints": ["dust"],
    "constraints_note": "I can come in the afternoon only.",
}


class BidiFreeIn(Schema):
    """An input whose text arrives without bidirectional controls (``core/bidi.py``), like our forms'.

    Every string is cleaned, the keys of mappings included; the fields named in
    ``LONG_TEXT`` (what a person writes freely) keep their direction marks.
    A nested input is left to its own shape, which knows its long fields.
    """

    LONG_TEXT: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _without_bidi_controls(cls, value: object, info: ValidationInfo) -> object:
        annotation = cls.model_fields[info.field_name].annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return value
        return without_bidi_controls_in(value, long=info.field_name in cls.LONG_TEXT)


class ProfileIn(BidiFreeIn):
    """What a person answered; leave out (or send null for) any question they skipped."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE_PROFILE]})
    LONG_TEXT: ClassVar[frozenset[str]] = frozenset({"constraints_note"})

    interests: dict[ActivitySlug, InterestAnswer] = Field(default_factory=dict, description="Activity -> answer.")
    experience: dict[str, ExperienceDuration] = Field(
        default_factory=dict, description="Trade slug (or activity practised) -> how long."
    )
    speaks: dict[str, LanguageLevel] = Field(
        default_factory=dict, description="Language code -> 0, 1 a little, 2 well."
    )
    reads: dict[str, LanguageLevel] = Field(default_factory=dict, description="Language code -> 0, 1 a little, 2 well.")
    schooling: Schooling | None = Field(None, description="The catalogue's school level scale.")
    birth_year: int | None = None
    times: list[Literal[answers.TIMES]] | None = None
    workload: Literal[answers.WORKLOADS] | None = None
    start: Literal[answers.STARTS] | None = None
    city: CatalogueSlug | None = Field(
        None, description="City slug of the catalogue (see /api/v1/desks, /api/v1/programmes); unknown: 422."
    )
    travel: Literal[answers.TRAVELS] | None = None
    residence_card: Literal[answers.RESIDENCE_CARD_ANSWERS] | None = None
    residence_card_expires: IsoDate | None = Field(
        None, description="End of validity, YYYY-MM-DD, within 20 years before or after today."
    )
    documents: list[CatalogueSlug] | None = Field(
        None,
        description="Slugs of papers held, as the catalogue names them (see /api/v1/programmes/{slug}); unknown: 422.",
    )
    constraints: list[Literal[answers.CONSTRAINTS]] | None = None
    constraints_note: str = Field("", max_length=200)

    @field_validator("birth_year")
    @classmethod
    def _birth_year_plausible(cls, year: int | None) -> int | None:
        earliest, latest = answers.birth_year_bounds(timezone.localdate())
        if year is not None and not earliest <= year <= latest:
            bounds = {"earliest": earliest, "latest": latest}
            raise PydanticCustomError("year_bounds", "between {earliest} and {latest}", bounds)
        return year

    @field_validator("residence_card_expires")
    @classmethod
    def _residence_card_expires_plausible(cls, expires: datetime.date | None) -> datetime.date | None:
        earliest, latest = answers.residence_card_bounds(timezone.localdate())
        if expires is not None and not earliest <= expires <= latest:
            bounds = {"earliest": earliest.isoformat(), "latest": latest.isoformat()}
            raise PydanticCustomError("date_bounds", "between {earliest} and {latest}", bounds)
        return expires


class RecommendationsIn(BidiFreeIn):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"profile": EXAMPLE_PROFILE, "lang": "fr"}]}
    )

    profile: ProfileIn
    lang: Literal["fr", "ar", "en"] | None = Field(None, description="Language of the texts (or ?lang=).")


class EligibilityIn(BidiFreeIn):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"profile": EXAMPLE_PROFILE, "programme": "isat-jewellery-qualification", "lang": "ar"}]
        },
    )

    profile: ProfileIn
    programme: str = Field(description="Programme slug.")
    session_start: IsoDate | None = Field(
        None, description="Start date of one of its sessions; without it, only the programme's criteria."
    )
    lang: Literal["fr", "ar", "en"] | None = Field(None, description="Language of the texts (or ?lang=).")


class CriterionOut(Schema):
    key: str
    label: str
    status: Literal[MET, NOT_MET, UNKNOWN]
    text: str
    blocking: bool


class ContributionOut(Schema):
    key: str
    points: float


class TradeRef(Ref):
    pictogram: str
    url: str


class TradeRecommendationOut(Schema):
    trade: TradeRef
    score: float
    reasons: list[str]
    cautions: list[str]
    contributions: list[ContributionOut]


class ProgrammeRef(Schema):
    slug: str
    title: str
    trade: Ref
    provider: Ref
    city: Ref
    url: str


class ProgrammeRecommendationOut(Schema):
    programme: ProgrammeRef
    session: SessionOut | None
    score: float
    reasons: list[str]
    contributions: list[ContributionOut]
    eligibility: list[CriterionOut]


class RecommendationsOut(Schema):
    trades: list[TradeRecommendationOut]
    programmes: list[ProgrammeRecommendationOut]


class EligibilityOut(Schema):
    programme: Ref
    session: SessionOut | None
    eligibility: list[CriterionOut]


class OptionOut(Schema):
    value: str | int
    label: str


class QuestionOut(Schema):
    name: str
    profile_key: str
    label: str
    help: str
    kind: Literal["one", "many", "number", "date", "text"]
    pictogram: str
    options: list[OptionOut]


class StepOut(Schema):
    slug: str
    title: str
    intro: str
    pictogram: str
    questions: list[QuestionOut]


class QuestionnaireOut(Schema):
    sprite: str
    steps: list[StepOut]
