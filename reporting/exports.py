"""A staff report as files: an XLSX workbook (openpyxl) and a PDF (WeasyPrint), in the report's language.

Both lay out a ``reporting.report.Report`` as it comes, counts already
suppressed: a hidden count is an empty cell with a comment in the workbook
and the page's marks ("<5", "·") in the PDF, never a number. The first
sheet of the workbook, and the end of the PDF, state the period, the scope,
when the report was made, what every table counts and the suppression rule.
WeasyPrint is imported only when a PDF is made: it is slow to import.
"""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reporting.charts import bars, funnel, funnel_height
from reporting.report import CountTable, Report
from reporting.suppression import Cell, Hidden, hidden_mark

PDF_STYLESHEET = Path(__file__).with_name("report_pdf.css")
SHEET_NAME_MAX = 31  # Excel refuses longer names
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HIDDEN_FILL = PatternFill("solid", start_color="E6E2DA", end_color="E6E2DA")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _is_rtl(report: Report) -> bool:
    return translation.get_language_info(report.language)["bidi"]


def suppression_rule(threshold: int) -> str:
    """The rule in words, in the active language: the workbook's first sheet and the PDF say it."""
    return _(
        "A count under %(threshold)s is never shown, so that nobody can be recognised. Another count of the same "
        "row or column, or a total, is hidden with it wherever it could be worked out again from the totals "
        "(complementary suppression). Suppression is applied to the exact counts, before anything is rounded."
    ) % {"threshold": threshold}


def funnel_definition() -> str:
    return _(
        "How many people reached each step, from the first visit to a completed training (for a provider or a "
        "trade: how many applications, from the application on)."
    )


def hidden_meaning(hidden: Hidden, threshold: int) -> str:
    if hidden == Hidden.SMALL:
        return _("Fewer than %(threshold)s: not shown.") % {"threshold": threshold}
    return _("Hidden so that a small number cannot be worked out from the totals.")


def sheet_names(tables: tuple[CountTable, ...], taken: set[str]) -> list[str]:
    """A name per table from its key: at most 31 characters, none of ``[]:*?/\\``, unique (case aside)."""
    names = []
    used = {name.casefold() for name in taken}
    for table in tables:
        base = _SHEET_NAME_FORBIDDEN.sub("_", table.key).strip("'") or "table"
        name, n = base[:SHEET_NAME_MAX], 1
        while name.casefold() in used:
            n += 1
            suffix = f"~{n}"
            name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        used.add(name.casefold())
        names.append(name)
    return names


def _local(moment: datetime.datetime) -> datetime.datetime:
    """Spreadsheets know no time zones: the local wall-clock time."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(tzinfo=None, microsecond=0)


def _put_count(sheet: Worksheet, row: int, column: int, cell: Cell, threshold: int) -> None:
    target = sheet.cell(row=row, column=column)
    if cell.shown:
        target.value = cell.value
        target.number_format = "0"
        return
    target.value = None  # never a number: empty, marked and explained
    target.fill = _HIDDEN_FILL
    target.comment = Comment(hidden_meaning(cell.hidden, threshold), "Guichet", width=240, height=60)


def _fit_columns(sheet: Worksheet, *, first: int = 12, others: int = 10, longest: int = 60) -> None:
    """Columns as wide as what they hold (long texts wrap), the first one wider for the rows' labels."""
    widths: dict[int, int] = {}
    for line in sheet.iter_rows():
        for cell in line:
            if cell.value is None or cell.alignment.wrap_text:
                continue
            text = str(cell.value)
            widths[cell.column] = max(widths.get(cell.column, 0), len(text))
    for column, width in widths.items():
        floor = first if column == 1 else others
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, floor), longest)


def _about_sheet(sheet: Worksheet, report: Report, names: list[str]) -> None:
    sheet.append([_("Activity report")])
    sheet["A1"].font = _TITLE
    first, last = report.first.isoformat(), report.last.isoformat()
    lines = [
        (_("Period"), f"{report.period_label} ({first} – {last})"),
        (_("Scope"), report.scope_label),
        (_("Generated on"), _local(report.generated_at)),
        (_("Suppression threshold"), report.threshold),
        (_("Suppression rule"), suppression_rule(report.threshold)),
        (_("Empty grey cell with a comment"), _("A hidden count; the comment says why.")),
        (_("Cells hidden in this report"), report.cells_hidden),
    ]
    for label, value in lines:
        sheet.append([label, value])
        sheet.cell(row=sheet.max_row, column=1).font = _BOLD
        if isinstance(value, datetime.datetime):
            sheet.cell(row=sheet.max_row, column=2).number_format = "yyyy-mm-dd hh:mm"
    sheet.append([])
    sheet.append([_("Definitions"), _("What is counted"), _("Sheet")])
    header = sheet.max_row
    for column in (1, 2, 3):
        sheet.cell(row=header, column=column).font = _BOLD
    for table, name in zip(report.tables, names, strict=True):
        sheet.append([table.title, table.definition, name])
    for duration in report.durations:
        sheet.append([duration.label, duration.definition, _("Durations")])
    for rate in report.rates:
        sheet.append([rate.label, rate.definition, _("Rates")])
    if report.funnel:
        sheet.append([_("From first visit to completion"), funnel_definition(), _("Funnel")])
    _fit_columns(sheet, first=28, longest=40)
    sheet.column_dimensions["B"].width = 90
    for line in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        for cell in line:
            if isinstance(cell.value, str):
                cell.alignment = _WRAP


def _table_sheet(sheet: Worksheet, table: CountTable, threshold: int) -> None:
    grid = table.table
    sheet.append([table.title])
    sheet["A1"].font = _TITLE
    sheet.append([table.definition])
    sheet.append([table.row_header, *table.columns, _("Total")])
    for cell in sheet[3]:
        cell.font = _BOLD
    for i, label in enumerate(table.rows):
        row = 4 + i
        sheet.cell(row=row, column=1, value=label).font = _BOLD
        for j, cell in enumerate(grid.cells[i]):
            _put_count(sheet, row, 2 + j, cell, threshold)
        _put_count(sheet, row, 2 + len(table.columns), grid.row_totals[i], threshold)
    totals = 4 + len(table.rows)
    sheet.cell(row=totals, column=1, value=_("Total")).font = _BOLD
    for j, cell in enumerate(grid.column_totals):
        _put_count(sheet, totals, 2 + j, cell, threshold)
    _put_count(sheet, totals, 2 + len(table.columns), grid.total, threshold)
    sheet.freeze_panes = "B4"  # the title, the definition and the header row; the rows' labels
    _fit_columns(sheet)
    sheet.column_dimensions["A"].width = max(sheet.column_dimensions["A"].width or 0, 28)
    sheet["A1"].alignment = Alignment(wrap_text=False)


def _unit(unit: str) -> str:
    return _("minutes") if unit == "minutes" else _("days")


def _durations_sheet(sheet: Worksheet, report: Report) -> None:
    sheet.append([_("Step"), _("Cases measured"), _("Median"), _("90th percentile"), _("Unit")])
    for cell in sheet[1]:
        cell.font = _BOLD
    for duration in report.durations:
        row = sheet.max_row + 1
        sheet.cell(row=row, column=1, value=duration.label)
        _put_count(sheet, row, 2, duration.measured, report.threshold)
        for column, value in ((3, duration.median), (4, duration.p90)):
            if duration.measured.shown and value is not None:
                sheet.cell(row=row, column=column, value=value).number_format = "0.0"
        sheet.cell(row=row, column=5, value=_unit(duration.unit))
    sheet.freeze_panes = "B2"
    _fit_columns(sheet, first=28)


def _rates_sheet(sheet: Worksheet, report: Report) -> None:
    sheet.append([_("Rate"), _("Counted"), _("Out of"), _("Percent")])
    for cell in sheet[1]:
        cell.font = _BOLD
    for rate in report.rates:
        row = sheet.max_row + 1
        sheet.cell(row=row, column=1, value=rate.label)
        _put_count(sheet, row, 2, rate.numerator, report.threshold)
        _put_count(sheet, row, 3, rate.denominator, report.threshold)
        if rate.value is not None and rate.numerator.shown and rate.denominator.shown:
            sheet.cell(row=row, column=4, value=rate.value / 100).number_format = "0.0%"
    sheet.freeze_panes = "B2"
    _fit_columns(sheet, first=28)


def _funnel_sheet(sheet: Worksheet, report: Report) -> None:
    sheet.append([_("Step"), _("People")])
    for cell in sheet[1]:
        cell.font = _BOLD
    for step in report.funnel:
        row = sheet.max_row + 1
        sheet.cell(row=row, column=1, value=step.label)
        _put_count(sheet, row, 2, step.count, report.threshold)
    sheet.freeze_panes = "A2"
    _fit_columns(sheet, first=28)


def report_xlsx(report: Report) -> bytes:
    """The report as a workbook: a first sheet about it, a sheet per table, the durations and the funnel."""
    with translation.override(report.language):
        book = Workbook()
        about = book.active
        about.title = _("About this report")[:SHEET_NAME_MAX]
        fixed = {about.title, *(_(name)[:SHEET_NAME_MAX] for name in ("Durations", "Rates", "Funnel"))}
        names = sheet_names(report.tables, fixed)
        _about_sheet(about, report, names)
        for table, name in zip(report.tables, names, strict=True):
            _table_sheet(book.create_sheet(name), table, report.threshold)
        if report.durations:
            _durations_sheet(book.create_sheet(_("Durations")[:SHEET_NAME_MAX]), report)
        if report.rates:
            _rates_sheet(book.create_sheet(_("Rates")[:SHEET_NAME_MAX]), report)
        if report.funnel:
            _funnel_sheet(book.create_sheet(_("Funnel")[:SHEET_NAME_MAX]), report)
        if _is_rtl(report):
            for sheet in book.worksheets:
                sheet.sheet_view.rightToLeft = True
        book.properties.title = f"{report.period_label} · {report.scope_label}"[:250]
        book.properties.language = report.language
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


def _pdf_context(report: Report) -> dict:
    rtl = _is_rtl(report)
    funnel_chart = funnel([s.label for s in report.funnel], [s.count for s in report.funnel], rtl=rtl)

    def cell(c: Cell) -> dict:
        return {"shown": c.shown, "value": c.value, "mark": "" if c.shown else hidden_mark(c.hidden, report.threshold)}

    tables = []
    for table in report.tables:
        grid = table.table
        tables.append(
            {
                "table": table,
                # The columns' totals as bars, as on the page (there as rows, for phones; here to the A4 width).
                "chart": bars(list(table.columns), list(grid.column_totals), rtl=rtl),
                "rows": [
                    {"label": label, "cells": [cell(c) for c in grid.cells[i]], "total": cell(grid.row_totals[i])}
                    for i, label in enumerate(table.rows)
                ],
                "column_totals": [cell(c) for c in grid.column_totals],
                "total": cell(grid.total),
            }
        )
    return {
        "report": report,
        "language": report.language,
        "rtl": rtl,
        "generated_at": timezone.localtime(report.generated_at)
        if timezone.is_aware(report.generated_at)
        else report.generated_at,
        "tables": tables,
        "durations": [
            {"duration": d, "measured": cell(d.measured), "shown": d.measured.shown, "unit": _unit(d.unit)}
            for d in report.durations
        ],
        "rates": [
            {"rate": r, "numerator": cell(r.numerator), "denominator": cell(r.denominator)} for r in report.rates
        ],
        "funnel": [{"label": s.label, "count": cell(s.count)} for s in report.funnel],
        "funnel_chart": funnel_chart,
        "funnel_height": funnel_height(len(funnel_chart)),
        "funnel_definition": funnel_definition(),
        "rule": suppression_rule(report.threshold),
        "small_mark": hidden_mark(Hidden.SMALL, report.threshold),
        "small_meaning": hidden_meaning(Hidden.SMALL, report.threshold),
        "complement_mark": hidden_mark(Hidden.COMPLEMENT, report.threshold),
        "complement_meaning": hidden_meaning(Hidden.COMPLEMENT, report.threshold),
    }


def report_pdf(report: Report) -> bytes:
    """The report as an A4 PDF: the same figures and charts as the page, right to left and shaped in Arabic."""
    import weasyprint

    from core.pdf import right_to_left

    with translation.override(report.language):
        html = render_to_string("reporting/report_pdf.html", _pdf_context(report))
        document = weasyprint.HTML(string=html, base_url=str(Path(__file__).parent))
        return document.write_pdf(
            stylesheets=[weasyprint.CSS(filename=str(PDF_STYLESHEET))],
            finisher=right_to_left if _is_rtl(report) else None,
        )
