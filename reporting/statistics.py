"""Public statistics: what the network achieved, per region and month, small numbers suppressed.

Four measures, each a table of regions (rows) by months (columns) with their
totals, suppressed as one table (``reporting/suppression.py``) before any face
shows it: files opened at a desk (by the desk's region), applications made,
people enrolled and trainings completed (by the region of the training).
Counts are read from the records as they are today: a file erased at its
owner's request is no longer counted among the files opened (its
applications and their log stay, without the person).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from applications.models import Application, ApplicationEvent, State
from catalog.models import Region
from people.models import Beneficiary
from reporting import charts
from reporting.suppression import Cell, suppress

MOST_MONTHS = 24


@dataclass(frozen=True)
class Measure:
    key: str
    label: Promise
    rows: Callable[[], QuerySet]  # the records, each with one region and one instant
    region: str  # the path from a record to its region's slug
    at: str  # the path from a record to the instant it counts at


MEASURES = (
    Measure(
        "files_opened", _("Files opened at a desk"), Beneficiary.objects.all, "desk__city__region__slug", "created_at"
    ),
    Measure(
        "applications", _("Applications made"), Application.objects.all, "programme__city__region__slug", "created_at"
    ),
    Measure(
        "enrolled",
        _("People enrolled in a training"),
        lambda: ApplicationEvent.objects.filter(to_state=State.ENROLLED),
        "application__programme__city__region__slug",
        "at",
    ),
    Measure(
        "completed",
        _("Trainings completed"),
        lambda: ApplicationEvent.objects.filter(to_state=State.COMPLETED),
        "application__programme__city__region__slug",
        "at",
    ),
)


class BadPeriod(ValueError):
    """A period that is not two months in order, within ``MOST_MONTHS``."""


def month_parse(text: str) -> datetime.date:
    """``YYYY-MM`` → the month's first day; anything else (9999-99, NUL…) is a ``BadPeriod``."""
    try:
        year, month = (int(part) for part in text.split("-"))
        if not (2000 <= year <= 2100 and len(text) == 7):
            raise ValueError(text)
        return datetime.date(year, month, 1)
    except (ValueError, TypeError) as exc:
        raise BadPeriod(_("A month is written YYYY-MM, for example 2026-11.")) from exc


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    if last < first:
        raise BadPeriod(_("The first month comes after the last."))
    months, day = [], first
    while day <= last:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
        if len(months) > MOST_MONTHS:
            raise BadPeriod(_("At most %(n)d months at a time.") % {"n": MOST_MONTHS})
    return months


@dataclass(frozen=True)
class MeasureTable:
    key: str
    label: str
    regions: list[Region]
    months: list[datetime.date]
    cells: tuple[tuple[Cell, ...], ...]  # per region, per month
    region_totals: tuple[Cell, ...]
    month_totals: tuple[Cell, ...]
    total: Cell

    def chart(self, *, rtl: bool, threshold: int) -> charts.Rows:
        """The months' totals as rows (``reporting/charts.py``), each month named in the active language."""
        return charts.rows(
            [date_format(m, "F Y") for m in self.months], list(self.month_totals), rtl=rtl, threshold=threshold
        )

    @property
    def rows(self) -> list[dict]:
        """Each region with its cells and total, as a page reads them."""
        return [
            {"region": region, "cells": self.cells[n], "total": self.region_totals[n]}
            for n, region in enumerate(self.regions)
        ]


def public_statistics(*, first: datetime.date, last: datetime.date, region: Region | None = None) -> list[MeasureTable]:
    """Every measure over the months ``first``..``last`` (first days), for one region or all, suppressed."""
    months = months_between(first, last)
    regions = [region] if region else list(Region.objects.order_by("position", "slug"))
    if not regions:
        return []  # a network without regions yet has nothing to count
    index = {r.slug: n for n, r in enumerate(regions)}
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(months[0], datetime.time(), tzinfo=tz)
    end = datetime.datetime.combine(
        (months[-1] + datetime.timedelta(days=32)).replace(day=1), datetime.time(), tzinfo=tz
    )
    tables = []
    for measure in MEASURES:
        counts = [[0] * len(months) for _ in regions]
        rows = (
            measure.rows()
            .filter(**{f"{measure.at}__gte": start, f"{measure.at}__lt": end, f"{measure.region}__in": list(index)})
            .annotate(month=TruncMonth(measure.at, tzinfo=tz))
            .values(measure.region, "month")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in rows:
            month = row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"]
            counts[index[row[measure.region]]][months.index(month.replace(day=1))] += row["n"]
        table = suppress(counts, threshold=settings.GUICHET_REPORT_THRESHOLD)
        tables.append(
            MeasureTable(
                key=measure.key,
                label=str(measure.label),
                regions=regions,
                months=months,
                cells=table.cells,
                region_totals=table.row_totals,
                month_totals=table.column_totals,
                total=table.total,
            )
        )
    return tables


def default_period(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The twelve months up to this one."""
    today = today or timezone.localdate()
    last = today.replace(day=1)
    first = last
    for _month in range(11):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return first, last


def period_from(asked_first: str, asked_last: str) -> tuple[datetime.date, datetime.date]:
    """The months asked (``YYYY-MM``; either may be left out for the default), checked, or ``BadPeriod``."""
    first, last = default_period()
    if asked_last:
        last = month_parse(asked_last)
        if not asked_first:
            first = last
            for _month in range(11):
                first = (first - datetime.timedelta(days=1)).replace(day=1)
    if asked_first:
        first = month_parse(asked_first)
    months_between(first, last)
    return first, last


def cell_json(cell: Cell) -> dict:
    return {"value": cell.value, "suppressed": cell.hidden.value if cell.hidden else None}


def statistics_json(tables: list[MeasureTable], *, first: datetime.date, last: datetime.date, region) -> dict:
    """The open data shape: a suppressed cell is ``null`` with ``suppressed`` saying why (small, complement)."""
    return {
        "from": f"{first:%Y-%m}",
        "to": f"{last:%Y-%m}",
        "region": region.slug if region else None,
        "threshold": settings.GUICHET_REPORT_THRESHOLD,
        "measures": [
            {
                "key": table.key,
                "label": table.label,
                "months": [f"{m:%Y-%m}" for m in table.months],
                "rows": [
                    {
                        "region": {"slug": r.slug, "name": r.name},
                        "values": [
                            {"month": f"{m:%Y-%m}", **cell_json(cell)}
                            for m, cell in zip(table.months, table.cells[n], strict=True)
                        ],
                        "total": cell_json(table.region_totals[n]),
                    }
                    for n, r in enumerate(table.regions)
                ],
                "month_totals": [
                    {"month": f"{m:%Y-%m}", **cell_json(cell)}
                    for m, cell in zip(table.months, table.month_totals, strict=True)
                ],
                "total": cell_json(table.total),
            }
            for table in tables
        ],
    }
