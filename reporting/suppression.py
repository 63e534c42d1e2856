"""Small numbers are never shown: primary and complementary suppression of a table of counts and its totals.

A count under the threshold (``GUICHET_REPORT_THRESHOLD``, default 5, never
below 3) could single a person out: it is *suppressed* (primary). Rows and
columns are published with their totals, so a lone suppressed cell of a row
would be the row's total minus the rest: other cells are suppressed with it
(complementary) until no suppressed value can be worked out again from what
is published, totals included, nor pinned down by counts never being
negative.

The table is handled with its margins as one (rows + 1) × (columns + 1) grid:
row totals in the last column, column totals in the last row, the grand total
in the corner. Every line of that grid sums to zero once the margins are
counted negatively, so moving +t, −t, −t, +t around the four corners of any
rectangle of the grid keeps every published total true. Each sensitive cell
is protected by a rectangle of suppressed cells along which the counts can
move by one in some direction without any going below zero: a reader then
sees two tables, both consistent with everything published, that differ in
that cell (and in the rectangle's other corners). More suppressed cells only
widen what a reader cannot tell, so protecting cells one after the other
keeps every earlier one protected. Rectangles are chosen to hide as little as
possible: cells already hidden cost nothing, then small counts; totals last.

Suppression works on the raw counts, before any rounding, and every face
(page, XLSX, PDF, API) shows the same suppressed table.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

MINIMUM_THRESHOLD = 3


class Hidden(enum.StrEnum):
    """Why a cell is not shown (the open data API says it next to the ``null``)."""

    SMALL = "small"  # under the threshold: it could single someone out
    COMPLEMENT = "complement"  # would let a hidden small count be worked out from the totals


@dataclass(frozen=True)
class Cell:
    value: int | None  # None: suppressed
    hidden: Hidden | None = None

    @property
    def shown(self) -> bool:
        return self.hidden is None


@dataclass(frozen=True)
class SuppressedTable:
    """A table of counts as it may be published: suppressed cells have no value, and say why."""

    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    total: Cell
    threshold: int

    def grid(self) -> list[list[Cell]]:
        """The (rows + 1) × (columns + 1) grid: each row and its total, then the column totals and the total."""
        rows = [[*row, self.row_totals[i]] for i, row in enumerate(self.cells)]
        return [*rows, [*self.column_totals, self.total]]

    @property
    def hidden_count(self) -> int:
        return sum(1 for line in self.grid() for cell in line if not cell.shown)


def hidden_mark(hidden: Hidden, threshold: int) -> str:
    """The short mark printed in place of a hidden count (the PDF, the page's charts; ``_cell.html`` the same)."""
    return f"<{threshold}" if hidden == Hidden.SMALL else "·"


def threshold_checked(threshold: int) -> int:
    if threshold < MINIMUM_THRESHOLD:
        raise ValueError(f"The suppression threshold is never below {MINIMUM_THRESHOLD} (asked: {threshold}).")
    return threshold


def suppress(counts: Sequence[Sequence[int]], *, threshold: int) -> SuppressedTable:
    """``counts`` (rows of non-negative integers, all of one length, at least one row and one column) published."""
    threshold = threshold_checked(threshold)
    rows = [list(row) for row in counts]
    if not rows or not rows[0] or any(len(row) != len(rows[0]) for row in rows):
        raise ValueError("A table has at least one row and one column, all rows of one length.")
    if any(not isinstance(v, int) or isinstance(v, bool) or v < 0 for row in rows for v in row):
        raise ValueError("Counts are non-negative integers.")
    grid = [[*row, sum(row)] for row in rows]
    grid.append([sum(column) for column in zip(*grid, strict=True)])
    height, width = len(grid), len(grid[0])

    def sign(i: int, j: int) -> int:
        """How a cell's count moves when the grid's signed value moves by +1: margins count negatively."""
        return -1 if (i == height - 1) != (j == width - 1) else 1

    hidden: dict[tuple[int, int], Hidden] = {
        (i, j): Hidden.SMALL for i in range(height) for j in range(width) if 0 < grid[i][j] < threshold
    }
    for i, j in sorted(hidden, key=lambda c: (grid[c[0]][c[1]], c)):
        if _protected(grid, hidden, sign, i, j):
            continue
        best = None
        for k in range(height):
            for m in range(width):
                if k == i or m == j:
                    continue
                corners = ((i, m), (k, j), (k, m))
                if not _movable(grid, sign, ((i, j), *corners)):
                    continue
                cost = sum(_cost(grid, hidden, corner, height, width) for corner in corners)
                if best is None or cost < best[0]:
                    best = (cost, corners)
        # Every sensitive cell has a rectangle that moves: with the other corners of its own row and column and
        # the grand total (or their totals), counts going up by one break no rule; the search always finds one.
        assert best is not None, "no rectangle for a sensitive cell"
        for corner in best[1]:
            hidden.setdefault(corner, Hidden.COMPLEMENT)

    def cell(i: int, j: int) -> Cell:
        why = hidden.get((i, j))
        return Cell(None, why) if why else Cell(grid[i][j])

    return SuppressedTable(
        cells=tuple(tuple(cell(i, j) for j in range(width - 1)) for i in range(height - 1)),
        row_totals=tuple(cell(i, width - 1) for i in range(height - 1)),
        column_totals=tuple(cell(height - 1, j) for j in range(width - 1)),
        total=cell(height - 1, width - 1),
        threshold=threshold,
    )


def _movable(grid, sign, rectangle) -> bool:
    """Can the counts of ``rectangle`` (corner, its row's, its column's, opposite) move by one, none below 0?"""
    pattern = (1, -1, -1, 1)
    moves = list(zip(rectangle, pattern, strict=True))
    return any(all(grid[i][j] + d * step * sign(i, j) >= 0 for (i, j), step in moves) for d in (1, -1))


def _protected(grid, hidden, sign, i, j) -> bool:
    """Is (i, j) already a corner of a movable rectangle of hidden cells?"""
    height, width = len(grid), len(grid[0])
    for k in range(height):
        if k == i or (k, j) not in hidden:
            continue
        for m in range(width):
            if m == j or (i, m) not in hidden or (k, m) not in hidden:
                continue
            if _movable(grid, sign, ((i, j), (i, m), (k, j), (k, m))):
                return True
    return False


def _cost(grid, hidden, corner, height, width) -> float:
    """What hiding ``corner`` costs readers: nothing if hidden already; totals cost more than inner cells."""
    if corner in hidden:
        return 0
    i, j = corner
    margin = i == height - 1 or j == width - 1
    return 1 + grid[i][j] + (10**6 if margin else 0)
