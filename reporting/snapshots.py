"""Wide reports precomputed: the network's, a region's and a trade's, which count a whole country's records.

A wide report over a year reads hundreds of thousands of records (seconds);
the page serves it from its last computation, kept in the database
(``ReportSnapshot``: suppressed counts only, nothing about a person), one per
query and language. How they stay right:

- a snapshot computed less than ``GUICHET_REPORT_FRESH_SECONDS`` ago (ten
  minutes) is shown as it is, with the time it was counted;
- an older one, up to ``GUICHET_REPORT_STALEST_SECONDS`` (an hour), is shown
  with its time and a line saying a new count is being prepared: the worker
  computes it again (asked once, by a conditional UPDATE, however many read
  it meanwhile), and the next reload shows it;
- older still, or never computed, it is computed before the page answers,
  and kept;
- every night (``reporting.tasks``) the usual reports (this month, last month,
  this quarter, this year, for the network and each region, in each language)
  are computed ahead, and snapshots unread for two days are deleted.

Narrow reports (a desk's, a provider's) are always counted live: they read
few records, and a counsellor looks at today's work. The exports (XLSX,
PDF) are always counted when made.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import get_language

from catalog.models import Region
from reporting.indicators import report_build
from reporting.models import ReportSnapshot
from reporting.queries import ReportQuery, period_bounds
from reporting.report import CountTable, Duration, FunnelStep, Rate, Report
from reporting.suppression import Cell, Hidden, SuppressedTable

PRECOMPUTED_SCOPES = ("network", "region", "trade")
KEPT_DAYS = 2  # a snapshot nobody read again for two days is deleted by the nightly run


def is_precomputed(query: ReportQuery) -> bool:
    return query.scope in PRECOMPUTED_SCOPES


# The query and the report, as JSON -----------------------------------------------------------------------------------


def query_fields(query: ReportQuery) -> dict:
    return {
        "period": query.period,
        "first": query.first.isoformat(),
        "last": query.last.isoformat(),
        "scope": query.scope,
        "scope_slug": query.scope_slug,
        "breakdown": query.breakdown,
        "crossing": query.crossing,
    }


def query_from_fields(fields: dict) -> ReportQuery:
    return ReportQuery(
        **{
            **fields,
            "first": datetime.date.fromisoformat(fields["first"]),
            "last": datetime.date.fromisoformat(fields["last"]),
        }
    )


def snapshot_key(query: ReportQuery, language: str) -> str:
    """What a snapshot answers for: the query, the labels' language and the suppression threshold."""
    described = {**query_fields(query), "language": language, "threshold": settings.GUICHET_REPORT_THRESHOLD}
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


def _cell(cell: Cell) -> list:
    return [cell.value, cell.hidden.value if cell.hidden else None]


def _cell_read(data: list) -> Cell:
    return Cell(data[0], Hidden(data[1]) if data[1] else None)


def _cells(cells) -> list:
    return [_cell(c) for c in cells]


def _cells_read(data: list) -> tuple[Cell, ...]:
    return tuple(_cell_read(c) for c in data)


def report_encode(report: Report) -> dict:
    return {
        "first": report.first.isoformat(),
        "last": report.last.isoformat(),
        "period_label": report.period_label,
        "scope_label": report.scope_label,
        "language": report.language,
        "threshold": report.threshold,
        "generated_at": report.generated_at.isoformat(),
        "tables": [
            {
                "key": t.key,
                "title": t.title,
                "definition": t.definition,
                "row_header": t.row_header,
                "rows": list(t.rows),
                "columns": list(t.columns),
                "cells": [_cells(row) for row in t.table.cells],
                "row_totals": _cells(t.table.row_totals),
                "column_totals": _cells(t.table.column_totals),
                "total": _cell(t.table.total),
                "threshold": t.table.threshold,
            }
            for t in report.tables
        ],
        "durations": [
            {
                "key": d.key,
                "label": d.label,
                "definition": d.definition,
                "measured": _cell(d.measured),
                "median": d.median,
                "p90": d.p90,
                "unit": d.unit,
            }
            for d in report.durations
        ],
        "funnel": [{"label": s.label, "count": _cell(s.count)} for s in report.funnel],
        "rates": [
            {
                "key": r.key,
                "label": r.label,
                "definition": r.definition,
                "numerator": _cell(r.numerator),
                "denominator": _cell(r.denominator),
                "value": r.value,
            }
            for r in report.rates
        ],
    }


def report_decode(data: dict) -> Report:
    return Report(
        first=datetime.date.fromisoformat(data["first"]),
        last=datetime.date.fromisoformat(data["last"]),
        period_label=data["period_label"],
        scope_label=data["scope_label"],
        language=data["language"],
        threshold=data["threshold"],
        generated_at=datetime.datetime.fromisoformat(data["generated_at"]),
        tables=tuple(
            CountTable(
                key=t["key"],
                title=t["title"],
                definition=t["definition"],
                row_header=t["row_header"],
                rows=tuple(t["rows"]),
                columns=tuple(t["columns"]),
                table=SuppressedTable(
                    cells=tuple(_cells_read(row) for row in t["cells"]),
                    row_totals=_cells_read(t["row_totals"]),
                    column_totals=_cells_read(t["column_totals"]),
                    total=_cell_read(t["total"]),
                    threshold=t["threshold"],
                ),
            )
            for t in data["tables"]
        ),
        durations=tuple(
            Duration(
                key=d["key"],
                label=d["label"],
                definition=d["definition"],
                measured=_cell_read(d["measured"]),
                median=d["median"],
                p90=d["p90"],
                unit=d["unit"],
            )
            for d in data["durations"]
        ),
        funnel=tuple(FunnelStep(label=s["label"], count=_cell_read(s["count"])) for s in data["funnel"]),
        rates=tuple(
            Rate(
                key=r["key"],
                label=r["label"],
                definition=r["definition"],
                numerator=_cell_read(r["numerator"]),
                denominator=_cell_read(r["denominator"]),
                value=r["value"],
            )
            for r in data["rates"]
        ),
    )


# Computing, keeping, serving ----------------------------------------------------------------------------------------


def report_compute(query: ReportQuery, language: str) -> Report:
    """Count ``query`` now, labels in ``language``, and keep it as the query's snapshot."""
    with translation.override(language):
        report = report_build(query)
    key = snapshot_key(query, language)
    fields = {
        "params": query_fields(query),
        "language": language,
        "report": report_encode(report),
        "generated_at": report.generated_at,
        "refresh_asked_at": None,
    }
    try:
        with transaction.atomic():
            ReportSnapshot.objects.update_or_create(key=key, defaults=fields)
    except IntegrityError:  # computed at the same moment by another request: the last one written stays
        ReportSnapshot.objects.filter(key=key).update(**fields)
    return report


@dataclass(frozen=True)
class Served:
    report: Report
    # A new count is being prepared (the report shown is older than the fresh time)
    stale: bool = False
    # The snapshot whose new computation this request asked for: the caller enqueues it (reporting.tasks)
    refresh_key: str | None = None


def report_served(query: ReportQuery, *, now: datetime.datetime | None = None) -> Served:
    """The report of ``query`` in the active language: precomputed for the wide scopes, else counted now."""
    language = get_language() or settings.LANGUAGE_CODE
    if not is_precomputed(query):
        return Served(report_build(query))
    now = now or timezone.now()
    key = snapshot_key(query, language)
    snapshot = ReportSnapshot.objects.filter(key=key).first()
    if snapshot is not None:
        age = (now - snapshot.generated_at).total_seconds()
        if age < settings.GUICHET_REPORT_FRESH_SECONDS:
            return Served(report_decode(snapshot.report))
        if age < settings.GUICHET_REPORT_STALEST_SECONDS:
            return Served(report_decode(snapshot.report), stale=True, refresh_key=_refresh_claim(snapshot, now))
    return Served(report_compute(query, language))


def _refresh_claim(snapshot: ReportSnapshot, now: datetime.datetime) -> str | None:
    """Ask for a new computation unless one was asked within the fresh time: the key to enqueue, or None."""
    asked_before = now - datetime.timedelta(seconds=settings.GUICHET_REPORT_FRESH_SECONDS)
    claimed = (
        ReportSnapshot.objects.filter(pk=snapshot.pk)
        .filter(Q(refresh_asked_at__isnull=True) | Q(refresh_asked_at__lt=asked_before))
        .update(refresh_asked_at=now)
    )
    return snapshot.key if claimed else None


def snapshot_refresh(key: str) -> bool:
    """The worker's side: compute a snapshot again (False when it is gone meanwhile)."""
    snapshot = ReportSnapshot.objects.filter(key=key).only("params", "language").first()
    if snapshot is None:
        return False
    report_compute(query_from_fields(snapshot.params), snapshot.language)
    return True


def usual_queries(today: datetime.date) -> list[ReportQuery]:
    """The reports computed ahead each night: this month, last month, this quarter and this year, for the
    network and each region, with no breakdown (periods read as the page reads its parameters)."""
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    periods = [
        period_bounds({"period": "month"}, today),
        period_bounds({"period": "month", "month": f"{last_month:%Y-%m}"}, today),
        period_bounds({"period": "quarter"}, today),
        period_bounds({"period": "year"}, today),
    ]
    regions = Region.objects.order_by("position", "slug").values_list("slug", flat=True)
    scopes = [("network", "")] + [("region", slug) for slug in regions]
    return [
        ReportQuery(period=period, first=first, last=last, scope=scope, scope_slug=slug)
        for scope, slug in scopes
        for period, first, last in periods
    ]


def snapshots_prewarm(*, today: datetime.date | None = None) -> int:
    """Compute the usual reports in every language, and delete the snapshots nobody read for two days.
    How many were computed."""
    today = today or timezone.localdate()
    ReportSnapshot.objects.filter(generated_at__lt=timezone.now() - datetime.timedelta(days=KEPT_DAYS)).delete()
    computed = 0
    for query in usual_queries(today):
        for language, _name in settings.LANGUAGES:
            report_compute(query, language)
            computed += 1
    return computed
