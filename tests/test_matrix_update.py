"""A stale kept matrix index brought up to date (``matrix_update``, ``matrix_cache.
updated_index``, issue 14): after any write the index a load gives equals a fresh
``load_matrix_index`` — the written plans' rows read and spliced in when that is exactly
known, the tables read whole otherwise — and the splice is what the load uses after the
usual edits (a role, a work item, a task, a section, an import, an undo, plain SQL).

Random write sequences (hypothesis) on a generated database of 12 plans (~700 rows):
roles, cells added and removed, units renamed and reordered by their leads, tasks moved
between plans and renumbered, archived, deleted; items moved and deleted; sections
moved; plans reordered, added and deleted; tasks of no known plan (foreign keys off);
rows replaced and inserted at freed rowids; a load kept or not between the writes.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models import authoring, matrix_cache
from desktop.models.matrix_cache import (
    matrix_index,
    read_cached_index,
    read_matrix_index,
    updated_index,
)
from desktop.models.matrix_rows import load_matrix_index
from desktop.models.store import Store
from desktop.views.main_window import load_window_data
from tests.helpers.generated import generated_db
from tests.helpers.matrix_edits import (
    EDITS,
    first_row_ids,
    kept_and_equal,
    last_assignment,
    other_connection,
)

PLANS = 12
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_db(tmp_path_factory, "update", PLANS, migrated=True)  # not per example


@pytest.fixture
def store(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setattr(matrix_cache, "CACHE_MIN_ITEMS", 0)
    path = tmp_path / "copy.db"
    shutil.copyfile(generated, path)
    store = Store.open(path)
    yield store
    store.close()


#: Edits the kept index cannot be updated after (a row replaced: its delete fires no
#: trigger; a row inserted at a freed rowid below the largest): read whole.
READ_WHOLE = {"edit_replace_the_last_row", "edit_insert_at_a_freed_rowid"}


@pytest.mark.parametrize("edit", list(EDITS))
def test_after_an_edit_the_kept_index_is_updated(store: Store, tmp_path: Path, edit: str) -> None:
    kept_and_equal(store)
    function = EDITS[edit]
    if edit == "edit_import_json":
        function(store, tmp_path)
    else:
        function(store)
    fresh = load_matrix_index(store.db)
    updated = updated_index(store.db)
    if edit in READ_WHOLE:
        assert updated is None
    else:
        assert updated is not None, "the edit's plans were not known"
        assert updated == fresh
    assert matrix_index(store.db) == fresh
    kept_and_equal(store)


def test_the_window_load_updates_the_kept_index(store: Store) -> None:
    """The window's load (one read transaction) splices and keeps: the next load reads
    the kept index back, the same rows as a fresh load."""
    load_window_data(store.db)
    _plan, task, _item = first_row_ids(store)
    authoring.add_item(store, task, "又一项工作。")
    calls: list[bool] = []
    real = matrix_cache.updated_index

    def spy(db, check=None):  # type: ignore[no-untyped-def]
        index = real(db, check)
        calls.append(index is not None)
        return index

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(matrix_cache, "updated_index", spy)
        store.db.execute("BEGIN")
        try:
            data = load_window_data(store.db)
        finally:
            store.db.execute("COMMIT")
    assert calls == [True]
    assert data.matrix == load_matrix_index(store.db)
    assert read_cached_index(store.db) == data.matrix


def test_a_write_rolled_back_leaves_the_index_current(store: Store) -> None:
    """A crash before the write's commit (its process killed mid-transaction): the
    triggers' marks go with it, the kept index stays current."""
    kept_and_equal(store)
    path = store.db.conn.execute("PRAGMA database_list").fetchone()[2]
    _plan, _task, item = first_row_ids(store)
    script = (
        "import os, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute('BEGIN IMMEDIATE')\n"
        "conn.execute('DELETE FROM assignment WHERE item_id = ?', [sys.argv[2]])\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, path, item], check=True, cwd=ROOT)
    assert read_cached_index(store.db) == load_matrix_index(store.db)


def test_a_crash_between_the_write_and_the_keep(store: Store) -> None:
    """A write committed, then the window's load dies before it keeps (its transaction
    rolled back): the next load updates the older kept index, equal to the tables."""
    kept_and_equal(store)
    _plan, _task, item = first_row_ids(store)
    conn = other_connection(store)
    with conn:
        conn.execute("DELETE FROM assignment WHERE item_id = ?", [item])
    conn.close()
    store.db.execute("BEGIN")
    index, keep = read_matrix_index(store.db)
    assert keep is not None
    keep()
    store.db.execute("ROLLBACK")  # the keep never committed
    assert read_cached_index(store.db) is None
    fresh = load_matrix_index(store.db)
    assert index == fresh
    assert updated_index(store.db) == fresh


@pytest.mark.parametrize(
    "damage",
    [
        ("cell_unit", 30_000),  # (narrowed to 2 bytes: ``narrow_index``)
        ("cell_unit", -1),
        ("row_plan", 30_000),  # (narrowed to 2 bytes: ``narrow_index``)
        ("row_section", -2),
        ("row_section", 30_000),  # (narrowed to 2 bytes: ``narrow_index``)
        ("cell_role", 3),
        ("cell_start", 10**6),
    ],
)
def test_an_index_out_of_range_is_never_kept(store: Store, damage: tuple[str, int]) -> None:
    """An index whose numbers do not fit its lists (a unit number past the units, a
    negative row…) is not kept (the range checks run when an index is kept; what is
    read back is what was written, its checksum says): the next load reads the tables."""
    kept_and_equal(store)
    index = load_matrix_index(store.db)
    field, value = damage
    getattr(index, field)[1] = value
    with pytest.raises(ValueError):
        matrix_cache.check_ranges(index)
    store.db.execute("UPDATE rows_state SET dirty = 1, whole = 1")
    store.db.execute("BEGIN")
    assert not matrix_cache._keep(store.db, index)
    store.db.execute("COMMIT")
    assert read_cached_index(store.db) is None
    matrix_cache.check_ranges(load_matrix_index(store.db))  # a real index passes


def test_a_kept_index_changed_in_place_is_not_used(store: Store) -> None:
    """A byte of the kept data changed (same length, in range): the checksum sees it."""
    kept_and_equal(store)
    data = bytearray(store.db.execute("SELECT data FROM rows_cache").fetchone()[0])
    data[7] ^= 1  # the first item rowid, one bit
    store.db.execute("UPDATE rows_cache SET data = ?", [bytes(data)])
    assert read_cached_index(store.db) is None
    assert updated_index(store.db) is None
    assert matrix_index(store.db) == load_matrix_index(store.db)


# -- random writes --------------------------------------------------------------------------


def _pick(db: sqlite3.Connection, sql: str, n: int) -> tuple | None:
    rows = db.execute(sql).fetchall()
    return rows[n % len(rows)] if rows else None


#: the writes to the first row (``n`` picks it) of a table: kind -> (table, statement
#: taking the values, then the row's id; the values from ``n``)
FIRST_ROW_WRITES: dict[str, tuple[str, str, Callable[[int], list]]] = {
    "drop_cell": ("assignment", "DELETE FROM assignment WHERE id = ?", lambda n: []),
    "rename_unit": ("unit", "UPDATE unit SET name = ? WHERE id = ?", lambda n: [f"改名{n}"]),
    "renumber": ("task", "UPDATE task SET no = ? WHERE id = ?", lambda n: [n % 9]),
    "archive": (
        "task",
        "UPDATE task SET archived = CASE WHEN archived IS NULL THEN '2026-01-01' END WHERE id = ?",
        lambda n: [],
    ),
    "delete_task": ("task", "DELETE FROM task WHERE id = ?", lambda n: []),
    "move_item": ("item", "UPDATE item SET position = ? WHERE id = ?", lambda n: [-(n % 5)]),
    "delete_item": ("item", "DELETE FROM item WHERE id = ?", lambda n: []),
    "move_section": (
        "section",
        "UPDATE section SET position = ? WHERE id = ?",
        lambda n: [-(n % 50)],
    ),
    "reorder_plans": ("plan", "UPDATE plan SET imported_at = '0000' WHERE id = ?", lambda n: []),
    # foreign keys are off on this connection
    "orphan_task": ("task", "UPDATE task SET plan_id = 'no-such-plan' WHERE id = ?", lambda n: []),
    # foreign keys off: its tasks stay, of no known plan
    "delete_plan": ("plan", "DELETE FROM plan WHERE id = ?", lambda n: []),
    # off: its cells stay, not shown
    "delete_unit": ("unit", "DELETE FROM unit WHERE id = ?", lambda n: []),
    "delete_unit_fk": ("unit", "DELETE FROM unit WHERE id = ?", lambda n: []),
    # foreign keys on: its sections and tasks go with it
    "delete_plan_fk": ("plan", "DELETE FROM plan WHERE id = ?", lambda n: []),
}


def _write(conn: sqlite3.Connection, kind: str, n: int) -> None:
    """One random write of ``kind`` (``n`` picks the rows) on a plain connection."""
    one = lambda sql: _pick(conn, sql, n)  # noqa: E731
    if kind in FIRST_ROW_WRITES:
        table, statement, values = FIRST_ROW_WRITES[kind]
        row = one(f"SELECT id FROM {table} ORDER BY rowid")
        if row:
            conn.execute(statement, [*values(n), row[0]])
    elif kind == "role":
        row = one("SELECT id, role FROM assignment ORDER BY rowid")
        roles = ("lead", "support", "responsible")
        if row:
            role = roles[(roles.index(row[1]) + 1 + n) % 3]
            conn.execute("UPDATE assignment SET role = ? WHERE id = ?", [role, row[0]])
    elif kind == "add_cell":
        item, unit = one("SELECT i.id, u.id FROM item i, unit u ORDER BY i.rowid, u.rowid") or (
            None,
            None,
        )
        if item:
            conn.execute(
                "INSERT OR IGNORE INTO assignment (id, item_id, unit_id, role)"
                " VALUES (?, ?, ?, 'lead')",
                [f"new-{n}-{item}-{unit}", item, unit],
            )
    elif kind == "new_unit":
        conn.execute(
            "INSERT OR IGNORE INTO unit (id, name, kind) VALUES (?, ?, 'bureau')",
            [f"u-{n}", f"新单位{n}"],
        )
    elif kind == "move_task":
        task, plan = one("SELECT t.id, p.id FROM task t, plan p ORDER BY t.rowid, p.rowid") or (
            None,
            None,
        )
        if task:
            conn.execute("UPDATE task SET plan_id = ? WHERE id = ?", [plan, task])
    elif kind == "new_plan":
        row = one("SELECT id FROM task ORDER BY rowid")
        conn.execute(
            "INSERT OR IGNORE INTO plan (id, title, imported_at) VALUES (?, '新计划', ?)",
            [f"p-{n}", f"{n % 3}"],
        )
        if row:
            conn.execute("UPDATE task SET plan_id = ? WHERE id = ?", [f"p-{n}", row[0]])
    elif kind == "replace_cell":
        row = one("SELECT id, item_id, unit_id FROM assignment ORDER BY rowid")
        if row:
            conn.execute(
                "INSERT OR REPLACE INTO assignment (id, item_id, unit_id, role)"
                " VALUES (?, ?, ?, 'support')",
                list(row),
            )
    elif kind == "insert_at_freed_rowid":
        row = one("SELECT rowid, id, item_id, unit_id FROM assignment ORDER BY rowid")
        if row:
            conn.execute("DELETE FROM assignment WHERE rowid = ?", [row[0]])
            conn.execute(
                "INSERT INTO assignment (rowid, id, item_id, unit_id, role)"
                " VALUES (?, ?, ?, ?, 'responsible')",
                [row[0], row[1] + "-again", row[2], row[3]],
            )
    elif kind == "delete_last_then_insert":  # the new row takes the freed largest rowid
        row = one("SELECT id, item_id, unit_id FROM assignment ORDER BY rowid DESC LIMIT 1")
        if row:
            conn.execute("DELETE FROM assignment WHERE id = ?", [row[0]])
            conn.execute(
                # (OR IGNORE: "-b" is there when the same cell was added and moved before)
                "INSERT OR IGNORE INTO assignment (id, item_id, unit_id, role)"
                " VALUES (?, ?, ?, 'lead')",
                [row[0] + "-b", row[1], row[2]],
            )
    else:
        raise AssertionError(kind)


KINDS = (
    "role",
    "drop_cell",
    "add_cell",
    "rename_unit",
    "new_unit",
    "move_task",
    "renumber",
    "archive",
    "delete_task",
    "move_item",
    "delete_item",
    "move_section",
    "reorder_plans",
    "new_plan",
    "orphan_task",
    "delete_plan",
    "delete_plan_fk",
    "delete_unit",
    "delete_unit_fk",
    "replace_cell",
    "insert_at_freed_rowid",
    "delete_last_then_insert",
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(
            st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 10**6)), max_size=4),
            st.booleans(),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_random_writes_give_the_rows_of_a_fresh_load(
    generated: Path, tmp_path_factory: pytest.TempPathFactory, steps: list
) -> None:
    """After each batch of writes (each committed on another connection, its foreign
    keys off, or on for the ``_fk`` kinds): the updated index, when there is one, and the load's index equal
    a fresh read; a batch is kept (a window's load) or left for the next."""
    path = tmp_path_factory.mktemp("random") / "copy.db"
    shutil.copyfile(generated, path)
    old_min = matrix_cache.CACHE_MIN_ITEMS
    matrix_cache.CACHE_MIN_ITEMS = 0
    store = Store.open(path)
    conn = sqlite3.connect(path)
    with_keys = sqlite3.connect(path)
    with_keys.execute("PRAGMA foreign_keys = ON")
    try:
        kept_and_equal(store)
        for writes, keep in steps:
            for kind, n in writes:
                writer = with_keys if kind.endswith("_fk") else conn
                with writer:
                    _write(writer, kind, n)
            fresh = load_matrix_index(store.db)
            updated = updated_index(store.db)
            assert updated is None or updated == fresh
            if keep:
                assert matrix_index(store.db) == fresh
                assert read_cached_index(store.db) == fresh
            else:
                assert read_cached_index(store.db) in (None, fresh)
    finally:
        conn.close()
        with_keys.close()
        store.close()
        matrix_cache.CACHE_MIN_ITEMS = old_min
        os.unlink(path)


def test_the_last_row_deleted_and_a_row_added_is_updated(store: Store) -> None:
    """A unit's role changed by deleting its cell and adding one (the new row takes the
    freed largest rowid: neither the count nor the largest rowid moves): the plan is
    known (the delete's trigger; the new row is above the lowest largest rowid)."""
    kept_and_equal(store)
    row, role = last_assignment(store)
    conn = other_connection(store)
    with conn:
        conn.execute("DELETE FROM assignment WHERE id = ?", [row[0]])
        conn.execute(
            "INSERT INTO assignment (id, item_id, unit_id, role) VALUES (?, ?, ?, ?)",
            [row[0], row[1], row[2], role],
        )
    conn.close()
    fresh = load_matrix_index(store.db)
    assert updated_index(store.db) == fresh


def _two_units(store: Store) -> tuple[str, str]:
    """The two units with the most cells."""
    rows = store.db.execute(
        "SELECT unit_id FROM assignment GROUP BY unit_id ORDER BY count(*) DESC LIMIT 2"
    ).fetchall()
    return rows[0][0], rows[1][0]


def test_a_unit_merge_and_its_undo_are_updated(store: Store) -> None:
    """Merging units (cells moved, the unit deleted) and undoing it: the plans of the
    moved cells are read, the rest kept."""
    kept_and_equal(store)
    keep, drop = _two_units(store)
    merged = store.merge_units(keep, drop)
    fresh = load_matrix_index(store.db)
    assert updated_index(store.db) == fresh
    kept_and_equal(store)
    store.unmerge_units(merged.undo)
    assert updated_index(store.db) == load_matrix_index(store.db)


def test_a_plan_deleted_is_updated(store: Store) -> None:
    """A plan deleted (its sections, tasks and cells with it): its rows go, the other
    plans' are kept; a unit renamed (their order) too."""
    from desktop.models import plan_undo

    kept_and_equal(store)
    plan, _task, _item = first_row_ids(store)
    plan_undo.delete_plan(store, plan)
    keep, _drop = _two_units(store)
    store.rename_unit(keep, "改过名的单位")
    fresh = load_matrix_index(store.db)
    assert updated_index(store.db) == fresh


def test_a_plan_deleted_after_its_rows_were_written(store: Store) -> None:
    """A task moved to a new plan (its old and new plans recorded), then its old plan
    deleted with the foreign keys on: the triggers fired by the cascade (under its
    abort policy, which overrides ``OR IGNORE``) find those plans recorded already; the
    delete succeeds and the index is updated."""
    kept_and_equal(store)
    plan, task, _item = first_row_ids(store)
    conn = other_connection(store)
    with conn:
        conn.execute("INSERT INTO plan (id, title, imported_at) VALUES ('p-new', '新计划', '0')")
        conn.execute("UPDATE task SET plan_id = 'p-new' WHERE id = ?", [task])
    conn.execute("PRAGMA foreign_keys = ON")
    with conn:
        conn.execute("DELETE FROM plan WHERE id = ?", [plan])
    conn.close()
    assert (
        store.db.execute("SELECT count(*) FROM task WHERE plan_id = ?", [plan]).fetchone()[0] == 0
    )
    assert updated_index(store.db) == load_matrix_index(store.db)


def test_many_plans_written_are_read_whole(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """More plans written than ``UPDATE_MAX_PLANS`` (or than ``UPDATE_MAX_SHARE`` of
    them): the tables are read whole, the same rows."""
    kept_and_equal(store)
    conn = other_connection(store)
    with conn:
        conn.execute("UPDATE task SET no = no + 1 WHERE rowid IN (SELECT min(rowid) FROM task"
                     " GROUP BY plan_id LIMIT 2)")  # fmt: skip
    conn.close()
    fresh = load_matrix_index(store.db)
    assert updated_index(store.db) == fresh
    monkeypatch.setattr(matrix_cache, "UPDATE_MAX_PLANS", 1)
    assert updated_index(store.db) is None
    assert matrix_index(store.db) == fresh
