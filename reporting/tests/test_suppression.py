"""Small numbers are never shown, and none can be worked out again from what is published.

The property test plays the attacker: for every table Hypothesis makes up,
it takes what is published (the shown cells and totals) and asks a linear
program for the least and the greatest value each hidden cell can have,
given that every row and column adds up to its total and no count is below
zero. A hidden cell whose least and greatest values are equal would be
recovered; none may be. (The constraints are those of a transportation
table: their extreme solutions are whole numbers, so two different bounds
mean two different tables of whole counts, both consistent with the
publication.)
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reporting.suppression import Hidden, suppress


def _grid(counts):
    grid = [[*row, sum(row)] for row in counts]
    grid.append([sum(column) for column in zip(*grid, strict=True)])
    return grid


def _bounds_of_hidden(table) -> dict[tuple[int, int], tuple[float, float]]:
    """What a reader can tell of each hidden cell from the published table: (least, greatest)."""
    from scipy.optimize import linprog  # imported here: a second of every worker's collection otherwise

    published = table.grid()
    height, width = len(published), len(published[0])
    unknowns = [(i, j) for i in range(height) for j in range(width) if not published[i][j].shown]
    if not unknowns:
        return {}
    index = {cell: n for n, cell in enumerate(unknowns)}
    equations, constants = [], []

    def line(cells_plus, cells_minus):
        row, constant = np.zeros(len(unknowns)), 0.0
        for sign, cells in ((1, cells_plus), (-1, cells_minus)):
            for cell in cells:
                if cell in index:
                    row[index[cell]] += sign
                else:
                    constant -= sign * published[cell[0]][cell[1]].value
        equations.append(row)
        constants.append(constant)

    for i in range(height):  # each row (the totals' row too) adds up to its total
        line([(i, j) for j in range(width - 1)], [(i, width - 1)])
    for j in range(width):  # each column (the totals' column too) adds up to its total
        line([(i, j) for i in range(height - 1)], [(height - 1, j)])
    bounds = {}
    for cell, n in index.items():
        objective = np.zeros(len(unknowns))
        objective[n] = 1
        low = linprog(objective, A_eq=np.array(equations), b_eq=constants, bounds=(0, None), method="highs")
        high = linprog(-objective, A_eq=np.array(equations), b_eq=constants, bounds=(0, None), method="highs")
        assert low.status == 0 and high.status in (0, 3)  # 3: unbounded, as when nothing at all is published
        bounds[cell] = (low.fun, -high.fun if high.status == 0 else float("inf"))
    return bounds


counts_tables = st.integers(1, 5).flatmap(
    lambda rows: st.integers(1, 5).flatmap(
        lambda columns: st.lists(
            st.lists(st.one_of(st.integers(0, 6), st.integers(0, 60)), min_size=columns, max_size=columns),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(counts=counts_tables, threshold=st.integers(3, 7))
def test_no_hidden_count_can_be_worked_out_from_the_published_table_and_totals(counts, threshold):
    table = suppress(counts, threshold=threshold)
    true = _grid(counts)
    published = table.grid()
    for i, line in enumerate(published):
        for j, cell in enumerate(line):
            if cell.shown:
                assert cell.value == true[i][j]
                assert not 0 < cell.value < threshold, "a small count is shown"
            else:
                assert cell.value is None
    for (i, j), (least, greatest) in _bounds_of_hidden(table).items():
        assert least - 1e-6 <= true[i][j] <= greatest + 1e-6
        assert greatest - least >= 1 - 1e-6, f"hidden cell {(i, j)} is {true[i][j]} for anyone who reads the totals"


def test_counts_under_the_threshold_are_hidden_as_small_and_a_second_cell_of_their_row_and_column_with_them():
    table = suppress([[3, 40, 50], [20, 30, 45]], threshold=5)
    assert table.cells[0][0].hidden == Hidden.SMALL and table.cells[0][0].value is None
    assert sum(not cell.shown for cell in table.cells[0]) >= 2  # the row total would give it away otherwise
    assert sum(not row[0].shown for row in table.cells) >= 2  # and so would the column's
    assert table.total.value == 188 and all(cell.shown for cell in table.row_totals + table.column_totals)
    assert {cell.hidden for row in table.cells for cell in row if not cell.shown} == {Hidden.SMALL, Hidden.COMPLEMENT}


def test_a_table_without_small_counts_is_published_whole():
    table = suppress([[0, 12], [7, 5]], threshold=5)
    assert table.hidden_count == 0
    assert [[cell.value for cell in row] for row in table.grid()] == [[0, 12, 12], [7, 5, 12], [7, 17, 24]]


def test_zero_is_shown_it_singles_nobody_out():
    assert suppress([[0, 0], [0, 0]], threshold=5).hidden_count == 0


def test_a_small_total_is_hidden_even_where_each_of_its_cells_is_zero_or_small():
    table = suppress([[1, 2], [30, 40]], threshold=5)
    assert not table.row_totals[0].shown and table.row_totals[0].hidden == Hidden.SMALL


def test_a_table_of_one_small_count_shows_nothing():
    table = suppress([[4]], threshold=5)
    assert table.hidden_count == 4  # the count, its row's and column's totals and the total are one number


def test_the_threshold_is_never_below_three():
    with pytest.raises(ValueError, match="never below 3"):
        suppress([[1]], threshold=2)


@pytest.mark.parametrize("counts", [[], [[]], [[1, 2], [3]], [[-1]], [[1.5]], [[True]]])
def test_a_malformed_table_is_refused(counts):
    with pytest.raises(ValueError):
        suppress(counts, threshold=5)
