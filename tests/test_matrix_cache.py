"""The matrix index kept between runs (``matrix_cache``, issue 14): what it gives back
equals a fresh ``load_matrix_index``, and a kept index is never used once a matrix
table was written — by an edit, an undo, a plan import, an ``import-json``, a sync
pull (a real server process) or plain SQL on another connection (an update, an insert,
an ``INSERT OR REPLACE``, an insert at a freed rowid); nor one read while a write
happened.

A generated database of 12 plans (~700 rows, ``bench.generate``); the cache's size
threshold is lowered so it is used at that size.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop import exchange
from desktop.models import authoring, matrix_cache, plan_undo
from desktop.models.matrix_cache import matrix_index, read_cached_index, read_matrix_index
from desktop.models.matrix_rows import load_matrix_index
from desktop.models.schema_rows import ROWS_TRIGGERS
from desktop.models.store import Store
from desktop.views.main_window import load_window_data
from tests.helpers.plans import small_plan
from tests.helpers.sync_helpers import (  # noqa: F401
    ServerProcess,
    drop_unit_from_task,
    logged_in,
    new_fingerprint,
    sync_server,
)

PLANS = 12


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.generate import generate

    path = tmp_path_factory.mktemp("cache") / "generated.db"
    generate(path, plans=PLANS)
    return path


@pytest.fixture
def store(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setattr(matrix_cache, "CACHE_MIN_ITEMS", 0)
    path = tmp_path / "copy.db"
    shutil.copyfile(generated, path)
    store = Store.open(path)
    yield store
    store.close()


def kept_and_equal(store: Store) -> None:
    """A load keeps the index; the kept one equals a fresh read."""
    first = matrix_index(store.db)
    assert first == load_matrix_index(store.db)
    kept = read_cached_index(store.db)
    assert kept is not None, "the index was not kept"
    assert kept == first


def first_row_ids(store: Store) -> tuple[str, str, str]:
    """(plan, task, item) ids of the first task with two work items."""
    return store.db.execute(
        "SELECT t.plan_id, t.id, i.id FROM task t JOIN item i ON i.task_id = t.id"
        " WHERE (SELECT count(*) FROM item c WHERE c.task_id = t.id) > 1"
        " ORDER BY t.rowid, i.position LIMIT 1"
    ).fetchone()


def _units(store: Store) -> list[str]:
    return [r[0] for r in store.db.execute("SELECT id FROM unit ORDER BY name")]


def edit_add_task(store: Store) -> None:
    plan, _task, _item = first_row_ids(store)
    authoring.add_task(store, plan, "新增任务", text="新增任务的正文。", no=1)


def edit_move_task(store: Store) -> None:
    """The first task of a section of three or more becomes its last."""
    task, last = store.db.execute(
        "SELECT min(t.id), max(t.no) FROM task t WHERE t.no = (SELECT min(no) FROM task"
        " WHERE plan_id = t.plan_id AND section_id = t.section_id) OR 1"
        " GROUP BY t.plan_id, t.section_id HAVING count(*) >= 3 LIMIT 1"
    ).fetchone()
    first = store.db.execute(
        "SELECT id FROM task WHERE (plan_id, section_id) = (SELECT plan_id, section_id"
        " FROM task WHERE id = ?) ORDER BY no LIMIT 1",
        [task],
    ).fetchone()[0]
    authoring.move_task(store, first, last)


def edit_delete_then_undo_task(store: Store) -> None:
    _plan, task, _item = first_row_ids(store)
    removal = authoring.delete_task(store, task)
    kept_and_equal(store)
    authoring.restore_task(store, removal)


def edit_add_item(store: Store) -> None:
    _plan, task, _item = first_row_ids(store)
    authoring.add_item(store, task, "新增的工作事项。")


def edit_delete_then_undo_item(store: Store) -> None:
    _plan, _task, item = first_row_ids(store)
    snap = authoring.delete_item(store, item)
    kept_and_equal(store)
    authoring.restore_rows(store, snap)


def edit_unit_roles(store: Store) -> None:
    _plan, _task, item = first_row_ids(store)
    units = _units(store)
    authoring.set_unit_role(store, item, units[0], "lead")
    kept_and_equal(store)
    authoring.set_unit_role(store, item, units[0], "support")
    kept_and_equal(store)
    authoring.set_unit_role(store, item, units[0], None)
    kept_and_equal(store)
    authoring.set_unit_role(store, item, units[0], "responsible")


def edit_replace_unit(store: Store) -> None:
    _plan, _task, item = first_row_ids(store)
    old = store.db.execute("SELECT unit_id FROM assignment WHERE item_id = ?", [item]).fetchone()
    new = authoring.add_unit(store, "新设的单位", "bureau")
    authoring.replace_unit(store, item, old[0], new)


def edit_sections(store: Store) -> None:
    plan, task, _item = first_row_ids(store)
    section = authoring.add_section(store, plan, "新的一节", no="九")
    kept_and_equal(store)
    authoring.edit_task(store, task, section_id=section)


def edit_delete_then_undo_plan(store: Store) -> None:
    plan, _task, _item = first_row_ids(store)
    snap = plan_undo.delete_plan(store, plan)
    kept_and_equal(store)
    plan_undo.restore_plan_snapshot(store, snap)


def edit_import_plan(store: Store) -> None:
    store.import_plan(small_plan("fp-cache", doc_no="测〔缓存〕1号"))


def edit_import_json(store: Store, tmp_path: Path) -> None:
    other = Store.open(tmp_path / "other.db")
    try:
        other.import_plan(small_plan("fp-json", doc_no="测〔交换〕1号"))
        data = exchange.export_data(other.db)
    finally:
        other.close()
    exchange.import_data(store, data)


def edit_plain_sql(store: Store) -> None:
    """Another connection, no store: the triggers still see it."""
    _plan, task, _item = first_row_ids(store)
    conn = sqlite3.connect(store.db.conn.execute("PRAGMA database_list").fetchone()[2])
    with conn:
        conn.execute("UPDATE task SET archived = '2026-01-01' WHERE id = ?", [task])
    conn.close()


def _other_connection(store: Store) -> sqlite3.Connection:
    return sqlite3.connect(store.db.conn.execute("PRAGMA database_list").fetchone()[2])


def edit_plain_sql_insert(store: Store) -> None:
    """A new assignment by plain SQL (inserts have no trigger: the counts see it)."""
    _plan, _task, item = first_row_ids(store)
    unit = store.db.execute(
        "SELECT id FROM unit WHERE id NOT IN (SELECT unit_id FROM assignment WHERE item_id = ?)"
        " LIMIT 1",
        [item],
    ).fetchone()[0]
    conn = _other_connection(store)
    with conn:
        conn.execute(
            "INSERT INTO assignment (id, item_id, unit_id, role) VALUES ('new-a', ?, ?, 'lead')",
            [item, unit],
        )
    conn.close()


def edit_replace_the_last_row(store: Store) -> None:
    """``INSERT OR REPLACE`` of the assignment with the largest rowid, another role: the
    replaced row's delete fires no trigger (recursive triggers are off), the new row's
    rowid is a new one."""
    row = store.db.execute(
        "SELECT id, item_id, unit_id, role FROM assignment ORDER BY rowid DESC LIMIT 1"
    ).fetchone()
    role = "support" if row[3] == "lead" else "lead"
    conn = _other_connection(store)
    with conn:
        conn.execute(
            "INSERT OR REPLACE INTO assignment (id, item_id, unit_id, role) VALUES (?, ?, ?, ?)",
            [row[0], row[1], row[2], role],
        )
    conn.close()


def edit_insert_at_a_freed_rowid(store: Store) -> None:
    """A row deleted (its trigger fires), the index kept again, then a row inserted with
    the freed rowid, below the largest (the count sees it)."""
    rowid, item = store.db.execute(
        "SELECT a.rowid, a.item_id FROM assignment a ORDER BY a.rowid LIMIT 1"
    ).fetchone()
    unit = store.db.execute(
        "SELECT id FROM unit WHERE id NOT IN (SELECT unit_id FROM assignment WHERE item_id = ?)"
        " LIMIT 1",
        [item],
    ).fetchone()[0]
    conn = _other_connection(store)
    with conn:
        conn.execute("DELETE FROM assignment WHERE rowid = ?", [rowid])
    kept_and_equal(store)
    with conn:
        conn.execute(
            "INSERT INTO assignment (rowid, id, item_id, unit_id, role)"
            " VALUES (?, 'again', ?, ?, 'responsible')",
            [rowid, item, unit],
        )
    conn.close()


EDITS: dict[str, Callable[..., None]] = {
    f.__name__: f
    for f in (
        edit_add_task,
        edit_move_task,
        edit_delete_then_undo_task,
        edit_add_item,
        edit_delete_then_undo_item,
        edit_unit_roles,
        edit_replace_unit,
        edit_sections,
        edit_delete_then_undo_plan,
        edit_import_plan,
        edit_import_json,
        edit_plain_sql,
        edit_plain_sql_insert,
        edit_replace_the_last_row,
        edit_insert_at_a_freed_rowid,
    )
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_kept_index_is_not_used_after_a_write(store: Store, tmp_path: Path, edit: str) -> None:
    kept_and_equal(store)
    before = load_matrix_index(store.db)
    function = EDITS[edit]
    if edit == "edit_import_json":
        function(store, tmp_path)
    else:
        function(store)
    after = load_matrix_index(store.db)
    assert after != before, "the edit changed nothing the index holds"
    assert read_cached_index(store.db) is None, "a stale index would be used"
    assert matrix_index(store.db) == after
    kept_and_equal(store)


def test_a_title_edit_keeps_the_index(store: Store) -> None:
    """Columns the index does not hold (titles, texts) leave it current."""
    _plan, task, _item = first_row_ids(store)
    kept_and_equal(store)
    authoring.edit_task(store, task, title="改过的标题")
    assert read_cached_index(store.db) is not None


def test_a_write_during_the_read_is_not_kept(store: Store) -> None:
    """A matrix write that lands while the index is read (another connection) leaves
    nothing kept: the next load reads the tables again."""
    path = store.db.conn.execute("PRAGMA database_list").fetchone()[2]
    _plan, _task, item = first_row_ids(store)
    calls = 0

    def write_once() -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            conn = sqlite3.connect(path)
            with conn:
                conn.execute("DELETE FROM assignment WHERE item_id = ?", [item])
            conn.close()

    matrix_index(store.db, check=write_once)
    assert calls >= 2
    assert read_cached_index(store.db) is None
    kept_and_equal(store)


def test_two_loaders_only_the_first_to_keep_keeps(store: Store) -> None:
    """Two windows load at once (two connections, each in its read transaction): the
    first to keep its index keeps it; the other's snapshot is then older than the
    tables' and it keeps nothing; a load that read before a write keeps nothing."""
    other = Store.open(store.db.conn.execute("PRAGMA database_list").fetchone()[2])
    try:
        store.db.execute("BEGIN")
        other.db.execute("BEGIN")
        first, keep_first = read_matrix_index(store.db)
        second, keep_second = read_matrix_index(other.db)
        assert keep_first is not None and keep_second is not None
        assert keep_first()
        store.db.execute("COMMIT")
        assert not keep_second()
        other.db.execute("COMMIT")
        assert read_cached_index(store.db) == first == second
        # a write after a load began: that load keeps nothing
        store.db.execute("UPDATE rows_state SET dirty = 1")
        store.db.execute("BEGIN")
        index, keep = read_matrix_index(store.db)
        _plan, task, _item = first_row_ids(other)
        authoring.add_item(other, task, "又一项工作。")
        assert keep is not None and not keep()
        store.db.execute("COMMIT")
        assert read_cached_index(store.db) is None
        assert matrix_index(store.db) != index
    finally:
        if store.db.conn.in_transaction:
            store.db.execute("ROLLBACK")
        other.close()


def test_a_missing_trigger_disables_the_cache(store: Store) -> None:
    kept_and_equal(store)
    store.db.execute(f"DROP TRIGGER {next(iter(ROWS_TRIGGERS))}")
    assert read_cached_index(store.db) is None


def test_every_trigger_is_created(store: Store) -> None:
    names = {
        r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    assert set(ROWS_TRIGGERS) <= names


def test_a_damaged_cache_is_read_from_the_tables(store: Store) -> None:
    kept_and_equal(store)
    store.db.execute("UPDATE rows_cache SET data = substr(data, 1, length(data) - 4)")
    assert read_cached_index(store.db) is None
    assert matrix_index(store.db) == load_matrix_index(store.db)


def test_a_read_only_database_loads_without_keeping(store: Store, tmp_path: Path) -> None:
    path = store.db.conn.execute("PRAGMA database_list").fetchone()[2]
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    from sqlite_utils import Database

    db = Database(conn)
    assert matrix_index(db) == load_matrix_index(store.db)
    conn.close()


def test_small_databases_write_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Below the threshold a load reads the tables and writes nothing (no generation
    bumped: a window's load leaves the file as it was)."""
    monkeypatch.setattr(matrix_cache, "CACHE_MIN_ITEMS", 10**9)
    state = store.db.execute("SELECT * FROM rows_state").fetchall()
    assert matrix_index(store.db) == load_matrix_index(store.db)
    assert store.db.execute("SELECT * FROM rows_state").fetchall() == state
    assert store.db.execute("SELECT count(*) FROM rows_cache").fetchone()[0] == 0


def test_the_window_data_use_the_kept_index(store: Store) -> None:
    fresh = load_window_data(store.db)
    again = load_window_data(store.db)
    assert read_cached_index(store.db) == fresh.matrix == again.matrix
    assert again.prepared == fresh.prepared


def test_a_sync_pull_makes_the_kept_index_stale(
    tmp_path: Path, sync_server: ServerProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real server on 127.0.0.1: desktop b keeps its index, a changes a unit's role and
    a task's number and syncs, b pulls: b's kept index is not used, and b's new one is
    the pulled tables'."""
    monkeypatch.setattr(matrix_cache, "CACHE_MIN_ITEMS", 0)
    a, b = logged_in(tmp_path, sync_server, "a"), logged_in(tmp_path, sync_server, "b")
    plan = a.import_plan(new_fingerprint())
    a.sync()
    b.sync()
    with b.opened() as store:
        kept_and_equal(store)
        before = load_matrix_index(store.db)
    drop_unit_from_task(a, a.task_id(plan, 1), "市工信局")
    a.sync()
    b.sync()
    with b.opened() as store:
        after = load_matrix_index(store.db)
        assert after != before
        assert read_cached_index(store.db) is None
        assert matrix_index(store.db) == after
        kept_and_equal(store)
