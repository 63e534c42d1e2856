"""The pages' rows charts (the staff reports, the public statistics): bars scaled to the largest shown count,
mirrored right to left, hidden counts drawn as their mark and never as a bar, long labels cut with the whole label
kept for the tooltip. The PDF's columns: the first on the right, right to left."""

from __future__ import annotations

from reporting.charts import ROW_LABEL_CHARS, bars, rows
from reporting.suppression import Cell, Hidden

CELLS = [Cell(10), Cell(20), Cell(None, Hidden.SMALL), Cell(None, Hidden.COMPLEMENT), Cell(0)]
LABELS = ["Women", "Men", "Other", "Not said", "Unknown"]


def test_the_largest_shown_count_takes_the_whole_width_and_the_others_their_share():
    chart = rows(LABELS, CELLS, rtl=False, threshold=5)
    assert [row.bar_width for row in chart.rows] == [50.0, 100.0, 0, 0, 0]
    assert [row.count for row in chart.rows] == ["10", "20", "<5", "·", "0"]


def test_rows_go_down_in_reading_order_and_the_chart_is_as_tall_as_its_rows():
    chart = rows(LABELS, CELLS, rtl=False, threshold=5)
    tops = [row.bar_y for row in chart.rows]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    assert all(row.text_y < row.bar_y for row in chart.rows)  # each label above its bar
    assert chart.rows[-1].bar_y + chart.bar_height <= chart.height


def test_right_to_left_labels_start_on_the_right_and_bars_grow_from_it():
    ltr, rtl = rows(LABELS, CELLS, rtl=False, threshold=5), rows(LABELS, CELLS, rtl=True, threshold=5)
    assert (ltr.rows[0].label_x, ltr.rows[0].count_x) == (0, 100)
    assert (rtl.rows[0].label_x, rtl.rows[0].count_x) == (100, 0)
    for left, right in zip(ltr.rows, rtl.rows, strict=True):
        assert left.bar_x == 0 and right.bar_x + right.bar_width == 100
        assert left.bar_width == right.bar_width


def test_a_long_label_is_cut_to_fit_a_phone_and_kept_whole_for_the_tooltip():
    long = "Guichet d’information et d’orientation des migrants de Tanger"
    row = rows([long, "Rabat"], [Cell(7), Cell(9)], rtl=False, threshold=5).rows[0]
    assert row.label == long
    assert len(row.short_label) == ROW_LABEL_CHARS and row.short_label.endswith("…")
    assert rows(["Rabat"], [Cell(9)], rtl=False, threshold=5).rows[0].short_label == "Rabat"


def test_nothing_counted_draws_no_bar_and_divides_by_nothing():
    chart = rows(["A", "B"], [Cell(0), Cell(None, Hidden.SMALL)], rtl=True, threshold=3)
    assert [row.bar_width for row in chart.rows] == [0, 0]
    assert [row.count for row in chart.rows] == ["0", "<3"]


def test_the_pdfs_columns_right_to_left_start_on_the_right_and_a_hidden_one_has_no_height():
    cells = [Cell(10), Cell(20), Cell(None, Hidden.SMALL)]
    ltr, rtl = bars(["01", "02", "03"], cells, rtl=False), bars(["01", "02", "03"], cells, rtl=True)
    assert ltr[0].x < ltr[1].x < ltr[2].x and rtl[0].x > rtl[1].x > rtl[2].x
    assert ltr[2].height == 0 and ltr[2].value is None and ltr[1].height > ltr[0].height
