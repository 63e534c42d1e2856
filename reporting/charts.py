"""Charts drawn on the server as SVG: bars a screen reader can skip (the table beside them says it all).

No chart library and no script in the browser: a few rectangles in the page,
coloured by the stylesheet (the content security policy allows no inline
style). Right to left, the first month is on the right. A hidden count is a
gap with a small mark, never a bar: its height would give the number away.
"""

from __future__ import annotations

from dataclasses import dataclass

from reporting.suppression import Cell

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
