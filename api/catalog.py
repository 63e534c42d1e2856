"""The catalogue read API: trades, programmes, desks, providers.

Public data, cached like the public pages (core/caching.py): by browsers and
shared caches for a few minutes, and on the server for callers without cookies.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.decorators import decorate_view
from pydantic import Field

from api.common import (
    PAGE_PARAMS,
    SLUG_PATTERN,
    ApiError,
    Lang,
    Limit,
    Offset,
    check_params,
    page,
    ref,
    session_dict,
    use_language,
)
from api.schemas import DeskPage, ErrorOut, ProgrammeDetailOut, ProgrammePage, ProviderPage, TradePage
from catalog import selectors
from catalog.forms import MAX_WEEKS, ProgrammeFilterForm
from catalog.models import Desk, Programme, Provider, ScheduleKind, Trade
from core.caching import public_page

router = Router(tags=["catalogue"])


def _trade(trade: Trade) -> dict:
    return {
        "slug": trade.slug,
        "name": trade.name,
        "summary": trade.summary,
        "description": trade.description,
        "sector": trade.sector,
        "pictogram": trade.pictogram,
        "esco_uri": trade.esco_uri,
        "esco_code": trade.esco_code,
        "isco_code": trade.isco_code,
        "riasec_code": trade.riasec_code,
        "skills": [skill.name for skill in trade.skills.all()],
        "programme_count": trade.programme_count,
        "url": trade.get_absolute_url(),
    }


def programme_dict(programme: Programme, today: datetime.date) -> dict:
    upcoming = programme.upcoming_sessions
    return {
        "slug": programme.slug,
        "title": programme.title,
        "summary": programme.summary,
        "trade": ref(programme.trade),
        "provider": ref(programme.provider),
        "city": ref(programme.city),
        "region": ref(programme.city.region),
        "level": programme.level,
        "level_label": programme.get_level_display(),
        "certificate": programme.certificate,
        "duration_weeks": programme.duration_weeks,
        "schedule": programme.schedule,
        "schedule_label": programme.get_schedule_display(),
        "teaching_languages": [lang.code for lang in programme.teaching_languages.all()],
        "cost_mad": programme.cost_mad,
        "is_free": programme.is_free,
        "next_session": session_dict(upcoming[0], today) if upcoming else None,
        "url": programme.get_absolute_url(),
    }


def _programme_detail(programme: Programme, today: datetime.date) -> dict:
    return {
        **programme_dict(programme, today),
        "description": programme.description,
        "hours_per_week": programme.hours_per_week,
        "schedule_note": programme.schedule_note,
        "admission": {
            "mode": programme.admission,
            "mode_label": programme.get_admission_display(),
            "min_age": programme.min_age,
            "max_age": programme.max_age,
            "min_schooling": programme.min_schooling,
            "min_schooling_label": programme.get_min_schooling_display(),
            "residence": programme.residence,
            "residence_label": programme.get_residence_display(),
            "required_languages": [lang.code for lang in programme.required_languages.all()],
            "required_documents": [ref(doc) for doc in programme.required_documents.all()],
            "notes": programme.admission_notes,
        },
        "sessions": [{"id": session.pk, **session_dict(session, today)} for session in programme.upcoming_sessions],
    }


def _desk(desk: Desk) -> dict:
    return {
        "slug": desk.slug,
        "name": desk.name,
        "city": ref(desk.city),
        "region": ref(desk.city.region),
        "address": desk.address,
        "services": desk.services,
        "phone": desk.phone,
        "email": desk.email,
        "opening_hours": [
            {"weekday": h.weekday, "weekday_name": h.get_weekday_display(), "opens": h.opens, "closes": h.closes}
            for h in desk.opening_hours.all()
        ],
        "hours_note": desk.hours_note,
        "url": desk.get_absolute_url(),
    }


def _provider(provider: Provider) -> dict:
    return {
        "slug": provider.slug,
        "name": provider.name,
        "kind": provider.kind,
        "kind_label": provider.get_kind_display(),
        "description": provider.description,
        "city": ref(provider.city),
        "region": ref(provider.city.region),
        "address": provider.address,
        "phone": provider.phone,
        "email": provider.email,
        "website": provider.website,
        "programme_count": provider.programme_count,
        "url": provider.get_absolute_url(),
    }


def _slug_of(what: str) -> Any:
    return Field(
        None,
        description=f"{what}: a slug of the catalogue, which changes with the network's data (unknown: 400).",
        json_schema_extra={"pattern": SLUG_PATTERN},
    )


class ProgrammeFilterQuery(Schema):
    """The programme filters in the OpenAPI document; values are checked by ``ProgrammeFilterForm``.

    The bounds and value lists below only describe what the form accepts (it
    answers a value out of them with a 400 naming the filter and saying why).
    """

    trade: str | None = _slug_of("Trade (see /api/v1/trades)")
    region: str | None = _slug_of("Region")
    city: str | None = _slug_of("City (see /api/v1/desks, /api/v1/providers)")
    schedule: str | None = Field(None, json_schema_extra={"enum": list(ScheduleKind.values)})
    language: str | None = _slug_of("Teaching language code")
    starts_within: int | None = Field(
        None, description="Weeks from today.", json_schema_extra={"minimum": 1, "maximum": MAX_WEEKS}
    )
    free: bool | None = None
    seats: bool | None = None


def programme_filters_of(request: HttpRequest) -> selectors.ProgrammeFilters:
    """The request's programme filters, validated as the pages validate them, or a 400."""
    form = ProgrammeFilterForm(data=request.GET)
    if not form.is_valid():
        raise ApiError(400, _("Some filters are not valid."), {k: list(v) for k, v in form.errors.items()})
    return form.to_filters()


@router.get("/trades", response={200: TradePage, 400: ErrorOut}, summary="List trades")
@decorate_view(public_page)
def list_trades(request: HttpRequest, limit: Limit = 50, offset: Offset = 0, lang: Lang | None = None):
    use_language(lang)
    check_params(request, PAGE_PARAMS)
    count, trades = page(selectors.trade_list().prefetch_related("skills"), limit, offset)
    return {"count": count, "items": [_trade(t) for t in trades]}


@router.get("/programmes", response={200: ProgrammePage, 400: ErrorOut}, summary="List programmes")
@decorate_view(public_page)
def list_programmes(
    request: HttpRequest,
    filters: Query[ProgrammeFilterQuery],  # for the OpenAPI document; validated by programme_filters_of
    limit: Limit = 20,
    offset: Offset = 0,
    lang: Lang | None = None,
):
    """Published programmes, soonest next session first, with the same filters as the pages."""
    use_language(lang)
    check_params(request, PAGE_PARAMS | set(ProgrammeFilterForm.FIELD_NAMES))
    programme_filters = programme_filters_of(request)
    today = timezone.localdate()
    count, programmes = page(selectors.programme_list(filters=programme_filters, today=today), limit, offset)
    return {"count": count, "items": [programme_dict(p, today) for p in programmes]}


@router.get(
    "/programmes/{slug}", response={200: ProgrammeDetailOut, 404: ErrorOut, 400: ErrorOut}, summary="One programme"
)
@decorate_view(public_page)
def get_programme(request: HttpRequest, slug: str, lang: Lang | None = None):
    use_language(lang)
    check_params(request, {"lang"})
    today = timezone.localdate()
    try:
        programme = selectors.programme_get(slug=slug, today=today)
    except Http404 as exc:
        raise ApiError(404, _("No programme has this identifier.")) from exc
    return _programme_detail(programme, today)


@router.get("/desks", response={200: DeskPage, 400: ErrorOut}, summary="List desks")
@decorate_view(public_page)
def list_desks(request: HttpRequest, limit: Limit = 50, offset: Offset = 0, lang: Lang | None = None):
    use_language(lang)
    check_params(request, PAGE_PARAMS)
    count, desks = page(selectors.desk_list(), limit, offset)
    return {"count": count, "items": [_desk(d) for d in desks]}


@router.get("/providers", response={200: ProviderPage, 400: ErrorOut}, summary="List providers")
@decorate_view(public_page)
def list_providers(request: HttpRequest, limit: Limit = 50, offset: Offset = 0, lang: Lang | None = None):
    use_language(lang)
    check_params(request, PAGE_PARAMS)
    count, providers = page(selectors.provider_list(), limit, offset)
    return {"count": count, "items": [_provider(p) for p in providers]}
