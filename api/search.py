"""The search API: trades and programmes ranked by relevance, with facet counts."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from api.catalog import ProgrammeFilterQuery, programme_dict, programme_filters_of
from api.common import PAGE_PARAMS, ApiError, Lang, Limit, Offset, check_params, page_check, use_language
from api.schemas import ErrorOut, ProgrammeOut
from catalog.forms import ProgrammeFilterForm
from catalog.models import Trade
from search import selectors
from search.forms import SearchForm
from search.selectors import MAX_QUERY_LENGTH

router = Router(tags=["search"])

# Required; its length as the document states it, checked by ``SearchForm`` with its own message.
SearchWords = Annotated[
    str,
    Field(
        description="The words searched for (at least one: blank is refused too).",
        json_schema_extra={"minLength": 1, "maxLength": MAX_QUERY_LENGTH},
    ),
]


class TradeHitOut(Schema):
    slug: str
    name: str
    summary: str
    pictogram: str
    url: str


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetsOut(Schema):
    trade: list[FacetValueOut]
    region: list[FacetValueOut]
    city: list[FacetValueOut]
    schedule: list[FacetValueOut]
    language: list[FacetValueOut]


class SearchOut(Schema):
    count: int
    items: list[ProgrammeOut]
    trades: list[TradeHitOut]
    facets: FacetsOut
    did_you_mean: str | None
    closest_trades: list[TradeHitOut]


def _trade_hit(trade: Trade) -> dict:
    return {
        "slug": trade.slug,
        "name": trade.name,
        "summary": trade.summary,
        "pictogram": trade.pictogram,
        "url": trade.get_absolute_url(),
    }


def _facet(value: selectors.FacetValue) -> dict:
    return {"value": value.value, "label": value.label, "count": value.count, "selected": value.selected}


@router.get("/search", response={200: SearchOut, 400: ErrorOut}, summary="Search trades and programmes")
def search(
    request: HttpRequest,
    filters: Query[ProgrammeFilterQuery],  # for the OpenAPI document; validated by programme_filters_of
    q: SearchWords,
    limit: Limit = 20,
    offset: Offset = 0,
    lang: Lang | None = None,
):
    """Trades and published programmes matching `q` (any of fr, ar, en; typos, accents and synonyms
    tolerated), best first, with the programme filters of `/v1/programmes`. `facets` count the
    programmes per value, each facet respecting all the other active filters; `did_you_mean` is the
    query with misspelt words corrected, when some were; `closest_trades` help when nothing matched."""
    use_language(lang)
    check_params(request, PAGE_PARAMS | set(ProgrammeFilterForm.FIELD_NAMES) | {"q"})
    search_form = SearchForm(data=request.GET)
    if not search_form.is_valid():
        raise ApiError(400, _("The search is not valid."), {k: list(v) for k, v in search_form.errors.items()})
    programme_filters = programme_filters_of(request)
    if not search_form.cleaned_data["q"]:
        raise ApiError(400, _("Type at least one word to search."), {"q": [_("This parameter is required.")]})
    page_check(limit, offset)
    today = timezone.localdate()
    result = selectors.search_run(query=search_form.cleaned_data["q"], filters=programme_filters, today=today)
    programmes = selectors.search_programmes(ids=result.programme_ids[offset : offset + limit], today=today)
    return {
        "count": result.count,
        "items": [programme_dict(p, today) for p in programmes],
        "trades": [_trade_hit(t) for t in result.trades],
        "facets": {name: [_facet(v) for v in values] for name, values in result.facets.items()},
        "did_you_mean": result.query.did_you_mean,
        "closest_trades": [_trade_hit(t) for t in result.closest_trades],
    }
