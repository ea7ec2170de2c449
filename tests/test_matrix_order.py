"""The matrix model's row order kept without an array of every row when it is the
data order or its reverse (issue 14: ~0.5 MB at 100k tasks): a ``range``, answering
rows, lookups, filters and sorts as the array did."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.models.matrix_rows import load_matrix_index
from desktop.models.qt.matrix_model import MatrixFilter, MatrixModel
from desktop.models.store import Store
from tests.helpers.generated import generated_db, store_copy


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_db(tmp_path_factory, "order", 3, migrated=True)


@pytest.fixture
def store(generated: Path, tmp_path: Path) -> Iterator[Store]:
    with store_copy(generated, tmp_path) as store:
        yield store


def _shown(model: MatrixModel) -> list[int]:
    return [model.data_row(row) for row in range(model.rowCount())]


def test_the_data_order_and_its_reverse_are_kept_as_ranges(store: Store, qapp) -> None:  # noqa: ANN001
    index = load_matrix_index(store.db)
    rows = len(index)
    model = MatrixModel()
    model.set_data(index, db=store.db)
    assert isinstance(model._order, range) and _shown(model) == list(range(rows))
    item_id, task_id = store.db.execute(
        "SELECT i.id, t.id FROM item i JOIN task t ON t.id = i.task_id"
        " WHERE i.rowid = ?", [index.item_rowids[rows // 2]]
    ).fetchone()  # fmt: skip
    assert model.row_of_item(item_id) == rows // 2
    assert rows // 2 in model.rows_of_task(task_id)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert isinstance(model._order, range) and _shown(model) == list(range(rows))[::-1]
    assert model.row_of_item(item_id) == rows - 1 - rows // 2
    unit = index.units[0][0]
    model.set_filter(MatrixFilter(unit_id=unit))
    filtered = _shown(model)
    marked = set(index.unit_cells(0)[0])
    assert filtered == sorted(marked, reverse=True)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert _shown(model) == sorted(marked)
    model.sort(1, Qt.SortOrder.AscendingOrder)  # a unit column: its marked rows first
    assert set(_shown(model)) == marked
    model.set_filter(MatrixFilter())
    assert set(_shown(model)) == set(range(rows)) and not isinstance(model._order, range)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert isinstance(model._order, range) and _shown(model) == list(range(rows))
    assert model.data(model.index(rows - 1, 0)) is not None  # the last row's label read
