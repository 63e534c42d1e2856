"""The report's files: the workbook and the PDF show the suppressed table as it is, never a hidden count."""

from __future__ import annotations

import datetime
import io

from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from reporting.exports import report_pdf, report_xlsx, sheet_names
from reporting.report import CountTable, Duration, FunnelStep, Rate, Report
from reporting.suppression import Cell, Hidden, suppress

# 4 and 3 are under the threshold: suppressed, and 40 and 35 with them (each row's total would give them away).
COUNTS = [[120, 4, 40], [80, 35, 3], [64, 51, 47]]
SECRETS = {4, 40, 35, 3}


def _report(language: str = "en", *, title: str = "People received", key: str = "received_by_channel") -> Report:
    table = suppress(COUNTS, threshold=5)
    return Report(
        first=datetime.date(2026, 1, 1),
        last=datetime.date(2026, 12, 31),
        period_label="2026",
        scope_label={"ar": "الشبكة كلها", "fr": "Tout le réseau"}.get(language, "Whole network"),
        language=language,
        threshold=5,
        generated_at=timezone.make_aware(datetime.datetime(2027, 1, 2, 9, 30)),
        tables=(
            CountTable(
                key=key,
                title=title,
                definition="New and returning files opened in the period, by how the person came.",
                row_header="Region",
                rows=("Casablanca-Settat", "Rabat-Salé-Kénitra", "Oriental"),
                columns=("Walk-in", "Appointment", "Online"),
                table=table,
            ),
        ),
        durations=(
            Duration(
                "first_visit_to_application", "First visit to application", "Days between…", Cell(250), 12.0, 40.5
            ),
            Duration(
                "application_to_decision",
                "Application to decision",
                "Days between…",
                Cell(None, Hidden.SMALL),
                None,
                None,
            ),
        ),
        rates=(
            Rate("acceptance", "Acceptance rate", "Accepted out of decided.", Cell(90), Cell(120), 75.0),
            Rate(
                "completion",
                "Completion rate",
                "Completed out of begun.",
                Cell(None, Hidden.SMALL),
                Cell(None, Hidden.COMPLEMENT),
                None,
            ),
        ),
        funnel=(
            FunnelStep("First visit", Cell(440)),
            FunnelStep("Application", Cell(300)),
            FunnelStep("Completed", Cell(None, Hidden.SMALL)),
        ),
    )


def _book(report: Report):
    return load_workbook(io.BytesIO(report_xlsx(report)))


def test_the_workbook_has_a_first_sheet_about_the_report_then_a_sheet_per_table():
    book = _book(_report())
    assert book.sheetnames == ["About this report", "received_by_channel", "Durations", "Rates", "Funnel"]
    about = [[c for c in row if c is not None] for row in book["About this report"].iter_rows(values_only=True)]
    text = "\n".join(str(c) for row in about for c in row)
    assert "2026 (2026-01-01 – 2026-12-31)" in text
    assert "Whole network" in text
    assert datetime.datetime(2027, 1, 2, 9, 30) in [c for row in about for c in row]
    assert "A count under 5 is never shown" in text and "complementary suppression" in text
    assert [
        "People received",
        "New and returning files opened in the period, by how the person came.",
        "received_by_channel",
    ] in about
    assert ["First visit to application", "Days between…", "Durations"] in about


def test_counts_are_numbers_and_hidden_counts_are_empty_cells_with_a_comment():
    report = _report()
    sheet = _book(report)["received_by_channel"]
    assert sheet["A1"].value == "People received"
    assert [c.value for c in sheet[3]] == ["Region", "Walk-in", "Appointment", "Online", "Total"]
    grid = report.tables[0].table.grid()
    for i, line in enumerate(grid):
        for j, cell in enumerate(line):
            written = sheet.cell(row=4 + i, column=2 + j)
            if cell.shown:
                assert written.value == cell.value and isinstance(written.value, int)
            else:
                assert written.value is None
                assert written.comment is not None
    assert sheet["C4"].value is None and "Fewer than 5" in sheet["C4"].comment.text
    written = {sheet.cell(row=r, column=c).value for r in range(1, 10) for c in range(1, 10)}
    assert not SECRETS & written
    assert sheet["A7"].value == "Total"
    assert sheet.freeze_panes == "B4"
    assert sheet.column_dimensions["A"].width >= len("Rabat-Salé-Kénitra")


def test_the_durations_rates_and_funnel_show_no_figure_for_a_hidden_count():
    book = _book(_report())
    durations = list(book["Durations"].iter_rows(values_only=True))
    assert durations[1] == ("First visit to application", 250, 12.0, 40.5, "days")
    assert durations[2] == ("Application to decision", None, None, None, "days")
    rates = book["Rates"]
    assert [c.value for c in rates[2]] == ["Acceptance rate", 90, 120, 0.75]
    assert rates["D2"].number_format == "0.0%"
    assert [c.value for c in rates[3]] == ["Completion rate", None, None, None]
    assert rates["B3"].comment is not None and rates["C3"].comment is not None
    funnel = list(book["Funnel"].iter_rows(values_only=True))
    assert funnel[1:] == [("First visit", 440), ("Application", 300), ("Completed", None)]
    assert book["Funnel"].freeze_panes == "A2"


def test_an_arabic_workbook_reads_right_to_left_in_arabic():
    book = _book(_report("ar", title="الأشخاص المستقبَلون"))
    assert all(sheet.sheet_view.rightToLeft for sheet in book.worksheets)
    assert book.worksheets[0].title == "حول هذا التقرير"
    assert book["received_by_channel"]["A1"].value == "الأشخاص المستقبَلون"
    assert not _book(_report("en")).worksheets[0].sheet_view.rightToLeft


def test_sheet_names_are_short_unique_and_allowed():
    long = "k" * 40
    tables = tuple(
        CountTable(key, "t", "d", "r", ("a",), ("b",), suppress([[10]], threshold=5))
        for key in (long, long, "a/b:c", "ABOUT THIS REPORT")
    )
    names = sheet_names(tables, {"About this report"})
    assert all(len(n) <= 31 for n in names)
    assert len({n.casefold() for n in names}) == 4 and "about this report" not in {n.casefold() for n in names}
    assert names[2] == "a_b_c"


def _pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_shows_the_tables_the_rule_and_never_a_hidden_count():
    report = _report()
    reader, text = _pdf_text(report_pdf(report))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert "/ViewerPreferences" not in reader.trailer["/Root"]
    assert "People received" in text and "Whole network" in text
    assert "A count under 5 is never shown" in text
    shown = {c.value for line in report.tables[0].table.grid() for c in line if c.shown}
    assert {str(v) for v in shown} <= set(text.split())
    assert not {str(v) for v in SECRETS} & set(text.split())
    assert "<5" in text and "·" in text


def test_the_arabic_pdf_is_shaped_and_right_to_left():
    reader, text = _pdf_text(report_pdf(_report("ar", title="الأشخاص المستقبَلون")))
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Direction"] == "/R2L"
    assert "الشبكة كلها" in text
    assert "تقرير النشاط" in text  # "Activity report", the title, shaped glyphs mapping back to their letters
