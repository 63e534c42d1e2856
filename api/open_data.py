"""Open data: the catalogue as data·inclusion v1 services and structures (``reporting/open_data.py``).

``GET /api/v1/open/services`` and ``/api/v1/open/structures`` answer ``{count,
items}`` a page at a time like every list of the API, or, with
``?format=csv``, the whole feed (or the page asked by ``limit``/``offset``) as
CSV, streamed: memory stays flat at any size. Both send ``ETag`` and
``Last-Modified`` and answer a conditional request with 304.
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition
from ninja import Router, Schema
from ninja.decorators import decorate_view

from api.common import PAGE_PARAMS, ApiError, Lang, Limit, Offset, check_params, page_check, use_language
from api.schemas import ErrorOut
from catalog.models import Region
from core.caching import content_version
from reporting import open_data, statistics

router = Router(tags=["open data"])


class FeedPage(Schema):
    count: int
    items: list[dict[str, Any]]


def _etag(request: HttpRequest, *args, **kwargs) -> str:
    """The same feed, page, format and language of the same catalogue: the same tag."""
    key = f"{content_version()}|{request.get_full_path()}|{request.headers.get('Accept-Language', '')}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _last_modified(request: HttpRequest, *args, **kwargs):
    return open_data.last_change()


def _answer(request: HttpRequest, feed_of, columns, name: str, limit, offset, format) -> HttpResponse:
    check_params(request, PAGE_PARAMS | {"format"})
    if format == "csv":
        asked = "limit" in request.GET or "offset" in request.GET
        if asked:
            page_check(limit, offset)
        feed = feed_of(offset=offset if asked else 0, limit=limit if asked else None)
        response = StreamingHttpResponse(
            open_data.csv_rows(feed.items, columns=columns, language=get_language()),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="guichet-{name}.csv"'
    else:
        page_check(limit, offset)
        feed = feed_of(offset=offset, limit=limit)
        response = JsonResponse(
            {"count": feed.count, "items": list(feed.items)}, json_dumps_params={"ensure_ascii": False}
        )
    response["Content-Language"] = get_language()
    response["Cache-Control"] = "public, max-age=300"
    return response


@router.get(
    "/open/services",
    response={200: FeedPage, 400: ErrorOut},
    summary="Open data: services (data·inclusion v1)",
    description=(
        "Every published programme as a data·inclusion v1 *service* of type `formation`, and each desk as two "
        "services (`information`, `accompagnement`); Guichet's richer data in `guichet_*` fields. "
        "`?format=csv` gives CSV (the whole feed unless `limit`/`offset` are given)."
    ),
)
@decorate_view(condition(etag_func=_etag, last_modified_func=_last_modified))
def open_services(
    request: HttpRequest,
    limit: Limit = 100,
    offset: Offset = 0,
    lang: Lang | None = None,
    format: Literal["json", "csv"] = "json",
):
    use_language(lang)
    return _answer(request, open_data.services_feed, open_data.SERVICE_COLUMNS, "services", limit, offset, format)


@router.get(
    "/open/structures",
    response={200: FeedPage, 400: ErrorOut},
    summary="Open data: structures (data·inclusion v1)",
    description=(
        "Every provider and desk as a data·inclusion v1 *structure*; desks' opening hours in OpenStreetMap's "
        "`opening_hours` format. `?format=csv` gives CSV."
    ),
)
@decorate_view(condition(etag_func=_etag, last_modified_func=_last_modified))
def open_structures(
    request: HttpRequest,
    limit: Limit = 100,
    offset: Offset = 0,
    lang: Lang | None = None,
    format: Literal["json", "csv"] = "json",
):
    use_language(lang)
    return _answer(request, open_data.structures_feed, open_data.STRUCTURE_COLUMNS, "structures", limit, offset, format)


@router.get(
    "/open/statistics",
    response={200: dict[str, Any], 400: ErrorOut},
    summary="Open data: what the network achieved, per region and month",
    description=(
        "Files opened, applications, enrolments and completions per region (rows) and month (columns) with their "
        "totals, `from`/`to` as `YYYY-MM` (the last twelve months by default, at most 24), one `region` or all. "
        "A count under the threshold is `null` with `suppressed: small`; a cell hidden so that it cannot be "
        "worked out from the totals is `null` with `suppressed: complement`."
    ),
)
def open_statistics(request: HttpRequest, lang: Lang | None = None):
    use_language(lang)
    check_params(request, {"from", "to", "region", "lang"})
    region = None
    if request.GET.get("region"):
        region = Region.objects.filter(slug=request.GET["region"]).first()
        if region is None:
            raise ApiError(400, _("No region has this identifier."), {"region": [_("Unknown region.")]})
    try:
        first, last = statistics.period_from(request.GET.get("from", ""), request.GET.get("to", ""))
    except statistics.BadPeriod as exc:
        raise ApiError(400, str(exc)) from exc
    tables = statistics.public_statistics(first=first, last=last, region=region)
    response = JsonResponse(
        statistics.statistics_json(tables, first=first, last=last, region=region),
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Language"] = get_language()
    return response
