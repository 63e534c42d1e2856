"""The open data page and the public calendar of sessions."""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from catalog.models import Region, Trade
from core.caching import public_page
from reporting import calendar, statistics

SLUG = re.compile(r"[-a-zA-Z0-9_]+")


@public_page
def open_data(request: HttpRequest) -> HttpResponse:
    """What the feeds hold, their licence and their addresses, for the people who reuse the catalogue."""
    base = settings.GUICHET_PUBLIC_URL.rstrip("/")
    feeds = [
        (_("Services: every training, and each desk's information and guidance"), "/api/v1/open/services"),
        (_("Structures: every training provider and desk"), "/api/v1/open/structures"),
    ]
    return render(
        request,
        "reporting/open_data.html",
        {
            "feeds": [
                {"label": label, "json": base + path, "csv": f"{base}{path}?format=csv"} for label, path in feeds
            ],
            "licence": settings.GUICHET_OPEN_DATA_LICENCE,
            "licence_url": settings.GUICHET_OPEN_DATA_LICENCE_URL,
            "calendar": base + request.path.replace("open-data/", "calendar/sessions.ics"),
            "openapi": base + "/api/docs",
        },
    )


def sessions_calendar(request: HttpRequest) -> HttpResponse:
    """``?trade=&region=`` (slugs; unknown ones are a 400): upcoming sessions and deadlines as iCalendar."""
    unknown = sorted(set(request.GET) - {"trade", "region"})
    trade, region = request.GET.get("trade", ""), request.GET.get("region", "")
    if (
        unknown
        or not all(SLUG.fullmatch(value) for value in (trade, region) if value)  # a NUL never reaches the database
        or (trade and not Trade.objects.filter(slug=trade).exists())
        or (region and not Region.objects.filter(slug=region).exists())
    ):
        return HttpResponse(
            _("Unknown trade, region or parameter."), status=400, content_type="text/plain; charset=utf-8"
        )
    body = calendar.sessions_ics(calendar.upcoming_sessions(trade=trade, region=region), language=get_language())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="guichet-sessions.ics"'
    response["Cache-Control"] = "public, max-age=3600"
    return response


@public_page
def statistics_page(request: HttpRequest) -> HttpResponse:
    """``?from=YYYY-MM&to=YYYY-MM&region=<slug>``: the public statistics, tables with headers, small numbers hidden."""
    regions = list(Region.objects.order_by("position", "slug"))
    region_slug = request.GET.get("region", "")
    region = next((r for r in regions if r.slug == region_slug), None)
    error = ""
    if region_slug and region is None:
        error = _("No region has this identifier.")
    try:
        first, last = statistics.period_from(request.GET.get("from", ""), request.GET.get("to", ""))
    except statistics.BadPeriod as exc:
        error = str(exc)
        first, last = statistics.default_period()
    tables = [] if error else statistics.public_statistics(first=first, last=last, region=region)
    rtl, threshold = get_language_bidi(), settings.GUICHET_REPORT_THRESHOLD
    charts = {table.key: table.chart(rtl=rtl, threshold=threshold) for table in tables}
    return render(
        request,
        "reporting/statistics.html",
        {
            "tables": [(table, charts[table.key]) for table in tables],
            "regions": regions,
            "region": region,
            "first": first,
            "last": last,
            "error": error,
            "threshold": threshold,
            "api": f"/api/v1/open/statistics?from={first:%Y-%m}&to={last:%Y-%m}"
            + (f"&region={region.slug}" if region else ""),
        },
        status=400 if error else 200,
    )
