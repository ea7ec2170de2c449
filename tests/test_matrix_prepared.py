"""The matrix model's lead warnings and section rows computed with the rows on the
window's worker (``load_window_data``: ``PreparedRows``) equal what ``set_data``
computes itself, and a model shows the same rows either way (issue 14: the GUI
thread's share when every row lands at 100k)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as some
from PySide6.QtCore import Qt

from desktop.models.qt.matrix_model import (
    MatrixFilter,
    MatrixModel,
    prepare_rows,
    section_ancestors,
    sections_under,
)
from desktop.models.store import Store
from tests.helpers.generated import generated_db
from tests.helpers.matrix_sections_reference import section_rows_reference


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_db(tmp_path_factory, "prepared", 6)


def _shown(model: MatrixModel) -> list[tuple[object, ...]]:
    return [
        (
            model.data_row(r),
            model.index(r, 0).data(),
            model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole),
            model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole),
        )
        for r in range(model.rowCount())
    ]


def test_rows_prepared_on_the_worker_equal_the_models_own(
    qapp, generated: Path, tmp_path: Path
) -> None:
    from desktop.views.main_window import load_window_data

    path = tmp_path / "copy.db"
    path.write_bytes(generated.read_bytes())
    store = Store.open(path)
    try:
        with store.db.conn:  # warnings to show: an item without a lead, an archived task
            store.db.execute(
                "DELETE FROM assignment WHERE role IN ('lead', 'responsible') AND item_id IN"
                " (SELECT id FROM item WHERE rowid % 7 = 0)"
            )
            store.db.execute("UPDATE task SET archived = '2024-07-01' WHERE rowid % 5 = 0")
        data = load_window_data(store.db)
        assert data.prepared is not None and data.prepared.index is data.matrix
        own = prepare_rows(data.matrix, data.section_parents)
        assert data.prepared.warned == own.warned and len(own.warned) > 10
        assert data.prepared.section_ancestors == own.section_ancestors
        reference = section_rows_reference(data.matrix.section_ids, data.section_parents)
        for section in range(-1, len(data.matrix.section_ids) + 1):
            below = sections_under(own.section_ancestors, section)
            assert below == set(reference.get(section, [])), section
        assert any(len(rows) > 1 for rows in reference.values())  # subsections
        given, computed = MatrixModel(), MatrixModel()
        given.set_data(
            data.matrix, data.section_parents, data.plans, db=store.db, prepared=data.prepared
        )
        computed.set_data(data.matrix, data.section_parents, data.plans, db=store.db)
        assert _shown(given) == _shown(computed)
        assert given.warning_count() == computed.warning_count() == len(own.warned)
        section = data.matrix.section_ids[next(s for s, r in reference.items() if len(r) > 1)]
        for model in (given, computed):
            model.set_filter(MatrixFilter(section_id=section))
        assert _shown(given) == _shown(computed) and given.rowCount() > 0
        # prepared rows of another index are not used
        other = load_window_data(store.db)
        assert other.prepared is not None
        stale = MatrixModel()
        stale.set_data(
            data.matrix, data.section_parents, data.plans, db=store.db, prepared=other.prepared
        )
        assert stale._warned == own.warned and stale._warned is not other.prepared.warned
    finally:
        store.close()


@settings(max_examples=400, deadline=None)
@given(
    some.lists(some.sampled_from("abcdefgh"), unique=True, max_size=8),
    some.dictionaries(
        some.sampled_from("abcdefghxyz"), some.none() | some.sampled_from("abcdefghxyz")
    ),
)
def test_sections_under_equal_the_lists_kept_before(ids: list[str], parents: dict) -> None:
    """Random section trees with parents outside the index (x, y, z), cycles through
    and outside it, self parents and none: each section's sections below it equal the
    list the model kept for it (and none for an index outside)."""
    data = SimpleNamespace(section_ids=ids)
    nearest = section_ancestors(data, parents)  # type: ignore[arg-type]
    reference = section_rows_reference(ids, parents)
    for section in range(-2, len(ids) + 1):
        assert sections_under(nearest, section) == set(reference.get(section, [])), section
