"""The matrix index's and the plan tree's integer columns kept narrow (issue 14): the
rowids, plan, section and unit numbers in the narrowest of ``"h"``, ``"i"``, ``"q"``
that holds them (``matrix_rows.narrowed``), the same values as the wide arrays the
loads made before; a column holding a large rowid stays wide, and a splice of a narrow
kept index with a wide fresh one (``matrix_update``) widens what it extends."""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from desktop.models import matrix_cache
from desktop.models.matrix_cache import read_cached_index
from desktop.models.matrix_rows import NARROWED_FIELDS, load_matrix_index, narrowed
from desktop.models.matrix_update import splice
from desktop.models.qt.plan_tree_model import load_tree
from desktop.models.store import Store
from tests.helpers.generated import generated_db, store_copy
from tests.helpers.matrix_edits import kept_and_equal
from tests.helpers.tree_reference import load_tree_reference

#: A rowid past 4 bytes (SQLite's rowids are 8).
LARGE = 2**33

INT64 = st.integers(-(2**63), 2**63 - 1)


def fits(code: str, values: list[int]) -> bool:
    try:
        array(code, values)
    except OverflowError:
        return False
    return True


@given(
    st.lists(
        st.one_of(
            st.integers(-(2**15) - 2, 2**15 + 1),
            st.integers(-(2**31) - 2, 2**31 + 1),
            INT64,
        ),
        max_size=20,
    ),
    st.sampled_from("hiq"),
)
@example([2**15 - 1, -(2**15)], "q")
@example([2**15], "q")
@example([-(2**15) - 1], "i")
@example([2**31 - 1, -(2**31)], "q")
@example([2**31], "q")
@example([], "q")
def test_narrowed_keeps_the_values_in_the_narrowest_typecode(values: list[int], code: str) -> None:
    if not fits(code, values):
        return
    wide = array(code, values)
    narrow = narrowed(wide)
    assert narrow.tolist() == values
    assert narrow == wide
    narrower = [c for c in "hiq" if array(c).itemsize < narrow.itemsize]
    assert narrow.itemsize <= wide.itemsize
    assert not any(fits(c, values) for c in narrower)  # none narrower holds them
    if narrow.itemsize == wide.itemsize:
        assert narrow is wide  # (no copy made)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_db(tmp_path_factory, "narrow", 6, migrated=True)


@pytest.fixture
def store(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setattr(matrix_cache, "CACHE_MIN_ITEMS", 0)
    with store_copy(generated, tmp_path) as store:
        yield store


def _move_last(store: Store, table: str) -> str:
    """The last row of ``table`` (task or item) moved to rowid ``LARGE``; its plan's id."""
    row = store.db.execute(f"SELECT rowid FROM {table} ORDER BY rowid DESC LIMIT 1").fetchone()
    with store.db.conn:
        store.db.execute(f"UPDATE {table} SET rowid = ? WHERE rowid = ?", [LARGE, row[0]])
    task = "t.rowid = ?" if table == "task" else "t.id = (SELECT task_id FROM item WHERE rowid = ?)"
    return store.db.execute(f"SELECT t.plan_id FROM task t WHERE {task}", [LARGE]).fetchone()[0]


def test_a_load_narrows_and_the_kept_index_reads_back_narrow(store: Store) -> None:
    kept_and_equal(store)
    index = load_matrix_index(store.db)
    assert {getattr(index, name).typecode for name in NARROWED_FIELDS} == {"h"}
    kept = read_cached_index(store.db)
    assert kept is not None
    for name in NARROWED_FIELDS:
        assert getattr(kept, name).typecode == "h"
        assert getattr(kept, name).tolist() == getattr(index, name).tolist()
    assert load_matrix_index(store.db, fold_lower=True).item_rowids.typecode == "h"
    # an index of the format before (version 2: kept wide) is not read: the tables are
    header = store.db.execute("SELECT header FROM rows_cache").fetchone()[0]
    older = header.replace(f'"version": {matrix_cache.CACHE_VERSION}', '"version": 2')
    assert older != header
    with store.db.conn:
        store.db.execute("UPDATE rows_cache SET header = ?", [older])
    assert read_cached_index(store.db) is None


@pytest.mark.parametrize("table", ["item", "task"])
def test_a_large_rowid_stays_wide_and_a_splice_widens(store: Store, table: str) -> None:
    """A narrow kept index spliced with a fresh read of the plan now holding a rowid past
    4 bytes: the same rows as a whole load, the rowid column wide again."""
    kept = load_matrix_index(store.db)
    assert kept.item_rowids.typecode == "h"
    plan = _move_last(store, table)
    whole = load_matrix_index(store.db)
    column = whole.item_rowids if table == "item" else whole.task_rowids
    assert column.typecode == "q" and LARGE in column
    assert whole.row_plan.typecode == "h"
    fresh = load_matrix_index(store.db, plans=[plan])
    spliced = splice(kept, fresh, {plan})
    assert spliced == whole
    for name in NARROWED_FIELDS:
        assert getattr(spliced, name).typecode == getattr(whole, name).typecode
    assert kept_and_equal(store) is None  # kept and read back wide


def test_the_tree_keeps_task_rowids_narrow_unless_large(store: Store) -> None:
    tree, parents = load_tree(store.db)
    reference, reference_parents = load_tree_reference(store.db)
    assert tree.rowids.typecode == "h"
    assert list(tree.ids) == list(reference.ids) and parents == reference_parents
    narrow = load_tree(store.db)[0]
    narrow.add_tasks([LARGE + 1], [0])  # after ``compact``: widened, not overflowed
    assert list(narrow.ids) == [*reference.ids, LARGE + 1]
    _move_last(store, "task")
    tree, _parents = load_tree(store.db)
    reference, _parents = load_tree_reference(store.db)
    assert tree.rowids.typecode == "q" and LARGE in list(tree.ids)
    assert list(tree.ids) == list(reference.ids)
    tree.add_tasks([LARGE + 1], [0])  # after ``compact``: widened, not overflowed
    assert list(tree.ids)[-1] == LARGE + 1


def test_an_empty_database_loads_empty_narrow_columns(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "empty.db")
    try:
        index = load_matrix_index(store.db)
        assert len(index) == 0
        assert all(len(getattr(index, name)) == 0 for name in NARROWED_FIELDS)
        tree, _parents = load_tree(store.db)
        assert len(tree.codes) == 1 and tree.rowids.tolist() == [0]
    finally:
        store.close()


def test_low_bytes_are_each_value_or_its_low_bits() -> None:
    """``low_bytes``: a value that fits the narrower type is itself (its sign kept), a
    larger one its low bits (the round's places past 65,536, ``AscendingPlaces``)."""
    from array import array

    from desktop.models.matrix_rows import low_bytes

    values = array("q", [0, -1, 32767, -32768, 70_000, 1 << 40 | 5])
    assert list(low_bytes(values, "h")) == [0, -1, 32767, -32768, 70_000 - 65_536, 5]
    assert list(low_bytes(values, "H")) == [v & 0xFFFF for v in values]
    assert list(low_bytes(array("i", [1, -2]), "i")) == [1, -2] and not low_bytes(values[:0], "h")
