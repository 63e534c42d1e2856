"""Charts drawn on the server as SVG: bars a screen reader can skip (the table beside them says it all).

No chart library and no script in the browser: a few rectangles in the page,
coloured by the stylesheet (the content security policy allows no inline
style). A hidden count is never a bar: its length would give the number away.

Two shapes. ``rows`` for the pages, the staff reports and the public
statistics (one row per month), read on phones as much as on desks: one
horizontal bar per item, its label above it and its count at the
end of the label's line, placed in ``em`` (the text's own size) down the chart
and in percent of its width across, with no ``viewBox``, so the text is drawn
at the stylesheet's size on a 360 px screen as on a 1280 px one and the bars
take whatever width there is. Right to left, labels start on the right and
bars grow from it. ``bars`` and ``funnel`` are drawn to scale in a fixed
``viewBox`` (600 wide) for the A4 PDF, where the page is always that wide;
right to left, the first column is on the right.
"""

from __future__ import annotations

from dataclasses import dataclass

from reporting.suppression import Cell, hidden_mark

# Rows, in em of the chart's text: the label's baseline, then its bar, then the gap to the next row.
ROW_LABEL_BASELINE, ROW_BAR_TOP, ROW_BAR_HEIGHT, ROW_PITCH = 1.25, 1.6, 0.85, 2.9
# A label longer than this is cut (with "…"; the whole label is the row's tooltip and the table's header):
# 34 characters of a 14 px text and a count of five digits fit a phone's 328 px side by side.
ROW_LABEL_CHARS = 34


@dataclass(frozen=True)
class Row:
    """One item of a rows chart: where its label, count and bar go (x and widths in percent, y in em)."""

    label: str  # whole, for the tooltip
    short_label: str  # as drawn
    count: str  # the count, or the mark of a hidden one ("<5", "·")
    label_x: int  # the start edge: 0, or 100 right to left (the text is anchored at its start)
    count_x: int  # the end edge
    bar_x: float
    bar_width: float  # 0: no bar (none counted, or hidden)
    text_y: float
    bar_y: float


@dataclass(frozen=True)
class Rows:
    rows: list[Row]
    height: float  # em
    bar_height: float = ROW_BAR_HEIGHT


def _cut(label: str) -> str:
    return label if len(label) <= ROW_LABEL_CHARS else label[: ROW_LABEL_CHARS - 1].rstrip() + "…"


def rows(labels: list[str], cells: list[Cell], *, rtl: bool, threshold: int) -> Rows:
    """One row per cell in reading order, bars scaled to the largest shown count (the whole width)."""
    values = [c.value for c in cells if c.shown]
    top = max(values, default=0) or 1
    drawn = []
    for n, (label, cell) in enumerate(zip(labels, cells, strict=True)):
        width = round(100 * cell.value / top, 1) if cell.shown else 0
        drawn.append(
            Row(
                label=label,
                short_label=_cut(label),
                count=str(cell.value) if cell.shown else hidden_mark(cell.hidden, threshold),
                label_x=100 if rtl else 0,
                count_x=0 if rtl else 100,
                bar_x=round(100 - width, 1) if rtl else 0,
                bar_width=width,
                text_y=round(n * ROW_PITCH + ROW_LABEL_BASELINE, 2),
                bar_y=round(n * ROW_PITCH + ROW_BAR_TOP, 2),
            )
        )
    return Rows(rows=drawn, height=round(len(cells) * ROW_PITCH, 2))


WIDTH, HEIGHT, BAND = 600, 160, 18  # viewBox; BAND: room for the labels under the bars


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int | None
    label_x: float


def bars(labels: list[str], cells: list[Cell], *, rtl: bool) -> list[Bar]:
    """One bar per cell, scaled to the largest shown value, in reading order."""
    values = [c.value for c in cells if c.shown]
    top = max(values, default=0) or 1
    slot = WIDTH / max(len(cells), 1)
    width = slot * 0.7
    drawn = []
    for n, (label, cell) in enumerate(zip(labels, cells, strict=True)):
        place = len(cells) - 1 - n if rtl else n
        x = place * slot + (slot - width) / 2
        height = (HEIGHT - BAND - 4) * (cell.value / top) if cell.shown else 0
        drawn.append(
            Bar(
                x=round(x, 1),
                y=round(HEIGHT - BAND - height, 1),
                width=round(width, 1),
                height=round(height, 1),
                label=label,
                value=cell.value if cell.shown else None,
                label_x=round(x + width / 2, 1),
            )
        )
    return drawn


@dataclass(frozen=True)
class Step:
    """One step of a funnel: a horizontal bar from the start edge (the right one, right to left)."""

    x: float
    y: float
    width: float
    height: float
    label: str
    value: int | None  # None: hidden (a mark, never a bar)
    text_x: float  # where the step's label starts
    anchor: str  # "start" | "end": the label's text-anchor, by direction


FUNNEL_ROW, FUNNEL_LABEL = 28, 200  # per step; room for the labels at the start side


def funnel(labels: list[str], cells: list[Cell], *, rtl: bool) -> list[Step]:
    """One bar per step, scaled to the largest shown count, labels on the start side (right, right to left)."""
    values = [c.value for c in cells if c.shown]
    top = max(values, default=0) or 1
    room = WIDTH - FUNNEL_LABEL - 8
    steps = []
    for n, (label, cell) in enumerate(zip(labels, cells, strict=True)):
        width = room * (cell.value / top) if cell.shown else 0
        x = WIDTH - FUNNEL_LABEL - width if rtl else FUNNEL_LABEL
        steps.append(
            Step(
                x=round(x, 1),
                y=n * FUNNEL_ROW + 4,
                width=round(width, 1),
                height=FUNNEL_ROW - 8,
                label=label,
                value=cell.value if cell.shown else None,
                text_x=WIDTH - 4 if rtl else 4,
                anchor="end" if rtl else "start",
            )
        )
    return steps


def funnel_height(steps: int) -> int:
    return steps * FUNNEL_ROW + 4
