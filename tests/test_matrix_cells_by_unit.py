"""A unit's cells, the units of the shown rows and each row's lead count, found among the
matrix index's cells when asked (issue 14: no copy of the cells by unit is kept, 2 MB at
100k tasks), equal a brute-force reading of the same cells: rows without cells, a unit
named twice on a row, rows of more cells than the ready-made runs hold (``_RUN_MAX``)."""

from __future__ import annotations

from array import array

from hypothesis import given, settings
from hypothesis import strategies as some

from desktop.models import matrix_rows
from desktop.models.matrix_rows import ROLE_CODE, ROLES, MatrixIndex, positions_of, set_cells
from desktop.models.qt.matrix_model import lead_warnings

UNITS = 70  # more than _RUN_MAX (64): a row may hold more cells than a ready-made run


def _index(
    rows: int, cells: list[tuple[int, int, int]], archived: list[bool], units: int = UNITS
) -> MatrixIndex:
    index = MatrixIndex(units=[(f"u{u}", f"单位{u}", "agency") for u in range(units)])
    index.item_rowids = array("q", range(1, rows + 1))
    index.task_rowids = array("q", range(1, rows + 1))
    index.archived = bytearray(archived[:rows] + [False] * (rows - len(archived)))
    set_cells(
        index,
        array("i", (row for row, _unit, _role in cells)),
        array("i", (unit for _row, unit, _role in cells)),
        array("b", (role for _row, _unit, role in cells)),
    )
    return index


def _strongest(cells: list[tuple[int, int, int]]) -> dict[tuple[int, int], int]:
    """(row, unit) → the strongest role code named (the lowest: a unit named twice on a
    row keeps it)."""
    kept: dict[tuple[int, int], int] = {}
    for row, unit, role in cells:
        kept[row, unit] = min(role, kept.get((row, unit), role))
    return kept


@some.composite
def matrices(draw: some.DrawFn) -> tuple[int, list[tuple[int, int, int]], list[bool]]:
    rows = draw(some.integers(1, 40))
    cells = draw(
        some.lists(
            some.tuples(
                some.integers(0, rows - 1),
                some.integers(0, UNITS - 1),
                some.integers(0, len(ROLES) - 1),
            ),
            max_size=300,
        )
    )
    if draw(some.booleans()):  # a row of about as many cells as a ready-made run holds
        wide = draw(some.integers(0, rows - 1))
        width = draw(some.sampled_from([63, 64, 65, UNITS]))
        cells += [(wide, unit, draw(some.integers(0, 2))) for unit in range(width)]
    archived = draw(some.lists(some.booleans(), max_size=rows))
    return rows, cells, archived


@settings(max_examples=150, deadline=None)
@given(matrices(), some.data())
def test_cells_found_by_unit_equal_the_cells_read_one_by_one(
    matrix: tuple[int, list[tuple[int, int, int]], list[bool]], data: some.DataObject
) -> None:
    rows, cells, archived = matrix
    index = _index(rows, cells, archived)
    strongest = _strongest(cells)
    for unit in range(UNITS):
        found_rows, found_roles = index.unit_cells(unit)
        expected = sorted((r, role) for (r, u), role in strongest.items() if u == unit)
        assert list(zip(found_rows, found_roles, strict=True)) == expected
    mask = bytearray(data.draw(some.lists(some.integers(0, 1), min_size=rows, max_size=rows)))
    part_rows = matrix_rows._ROWS_PER_PART
    matrix_rows._ROWS_PER_PART = data.draw(some.sampled_from([1, 3, part_rows]))
    try:  # (read a few rows at a time: the search stops once every unit is found)
        for role in (None, *range(len(ROLES))):
            expected_units = {
                u for (r, u), code in strongest.items() if mask[r] and role in (None, code)
            }
            assert index.units_with_cells(mask, role) == expected_units
    finally:
        matrix_rows._ROWS_PER_PART = part_rows
    leads = [0] * rows
    for (r, _u), code in strongest.items():
        leads[r] += code == ROLE_CODE["lead"]
    assert list(index.lead_counts()) == leads
    warned = {
        r: leads[r]
        for r in range(rows)
        if not index.archived[r]
        and (
            leads[r] > 1
            or not any(
                code in (ROLE_CODE["lead"], ROLE_CODE["responsible"])
                for (row, _u), code in strongest.items()
                if row == r
            )
        )
    }
    assert lead_warnings(index) == warned


def test_a_row_of_hundreds_of_cells_is_read_as_the_others() -> None:
    """A row of 300 cells (more than a byte counts, and than a ready-made run holds): the
    units of the shown rows as read one by one, a part of the rows at a time too."""
    cells = [(1, unit, unit % 3) for unit in range(300)] + [(0, 5, 0), (2, 7, 2)]
    index = _index(3, cells, [], units=300)
    part_rows = matrix_rows._ROWS_PER_PART
    try:
        for matrix_rows._ROWS_PER_PART in (1, part_rows):
            for mask, role in ((b"\x01\x00\x01", None), (b"\x00\x01\x00", 1), (b"\x01\x01\x01", 2)):
                expected = {unit for row, unit, code in cells if mask[row] and role in (None, code)}
                assert index.units_with_cells(mask, role) == expected
            index._derived.clear()
    finally:
        matrix_rows._ROWS_PER_PART = part_rows
    assert list(index.unit_cells(7)) == [array("i", [1, 2]), array("b", [1, 2])]


@settings(max_examples=200, deadline=None)
@given(
    some.sampled_from(["b", "h", "i", "q"]),
    some.lists(some.integers(-300, 300), max_size=60),
    some.integers(-70_000, 70_000) | some.integers(-300, 300),
)
def test_positions_of_finds_every_place_of_a_value(
    typecode: str, values: list[int], wanted: int
) -> None:
    """Every place of a value, and none where its bytes straddle two values (-1 and 255
    in two-byte values hold the bytes of 255 and of -256)."""
    limit = 1 << (8 * array(typecode).itemsize - 1)
    column = array(typecode, [max(-limit, min(limit - 1, value)) for value in values])
    expected = [at for at, value in enumerate(column) if value == wanted]
    assert positions_of(column, wanted) == expected
    assert positions_of(array("h", [-1, 255, 0, -256, 255]), 255) == [1, 4]
    assert positions_of(array("h", [255, -1]), -256) == []
