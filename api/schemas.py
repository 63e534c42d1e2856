"""Shapes of the public JSON API. Partner systems read these: keep them stable."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Schema


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
    sessions: list[SessionOut]


class OpeningHoursOut(Schema):
    weekday: int
    weekday_name: str
    opens: datetime.time
    closes: datetime.time


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
