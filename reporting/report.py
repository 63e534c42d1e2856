"""A staff report as every face shows it: the page, the XLSX, the PDF.

``reporting.indicators.report_build`` computes it (counts suppressed in
``reporting/suppression.py`` before anything leaves the service); the page
(``reporting/desk_views.py``) and the exports (``reporting/exports.py``)
only lay it out, so all three always show the same table.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from reporting.suppression import Cell, SuppressedTable


@dataclass(frozen=True)
class CountTable:
    """Counts of people or records, rows by columns with their totals, already suppressed."""

    key: str  # stable, for anchors and XLSX sheet names: "received_by_channel"
    title: str  # in the report's language
    definition: str  # what is counted, in words (the XLSX's definitions sheet, the page's caption)
    row_header: str  # what the rows are: "Region", "Sex"…
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    table: SuppressedTable  # len(rows) × len(columns) cells, with row, column and grand totals


@dataclass(frozen=True)
class Duration:
    """How long a step took, in days (or minutes: ``unit``): median and 90th percentile over ``measured`` cases.

    Shown only when ``measured`` is shown (at least the threshold): a median of
    two people's waits tells about those two people.
    """

    key: str
    label: str
    definition: str
    measured: Cell
    median: float | None
    p90: float | None
    unit: str = "days"  # "days" | "minutes" (walk-ins' waiting times)


@dataclass(frozen=True)
class Rate:
    """A share in percent, shown only when both its counts are shown (suppressed as one row of two cells)."""

    key: str
    label: str
    definition: str
    numerator: Cell
    denominator: Cell
    value: float | None  # percent, one decimal; None when either count is hidden


@dataclass(frozen=True)
class FunnelStep:
    label: str
    count: Cell


@dataclass(frozen=True)
class Report:
    first: datetime.date  # first day of the period
    last: datetime.date  # last day of the period (included)
    period_label: str  # "November 2026", "Q4 2026", "2026", "1–15 Nov 2026"
    scope_label: str  # "Whole network", "Casablanca-Settat", "Desk: …", "Provider: …", "Trade: …"
    language: str  # "fr" | "ar" | "en": the language the labels are in
    threshold: int  # counts under it are suppressed (settings.GUICHET_REPORT_THRESHOLD)
    generated_at: datetime.datetime
    tables: tuple[CountTable, ...]
    durations: tuple[Duration, ...]
    funnel: tuple[FunnelStep, ...]
    rates: tuple[Rate, ...] = ()

    @property
    def cells_hidden(self) -> int:
        """How many cells, totals included, the suppression rule hid in this report."""
        hidden = 0
        for table in self.tables:
            grid = table.table
            every = [c for row in grid.cells for c in row] + list(grid.row_totals) + list(grid.column_totals)
            hidden += sum(1 for c in [*every, grid.total] if not c.shown)
        return hidden
