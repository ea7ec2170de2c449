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
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.models import authoring, matrix_cache
from desktop.models.matrix_cache import matrix_index, read_cached_index, read_matrix_index
from desktop.models.matrix_rows import load_matrix_index
from desktop.models.schema_rows import ROWS_TRIGGERS
from desktop.models.store import Store
from desktop.views.main_window import load_window_data
from tests.helpers.generated import generated_db
from tests.helpers.matrix_edits import EDITS, first_row_ids, kept_and_equal
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
    return generated_db(tmp_path_factory, "cache", PLANS)


@pytest.fixture
def store(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setattr(matrix_cache, "CACHE_MIN_ITEMS", 0)
    path = tmp_path / "copy.db"
    shutil.copyfile(generated, path)
    store = Store.open(path)
    yield store
    store.close()


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
    a task's number and syncs, b pulls: b's kept index is not used as it is, it is
    updated (the pulled plan's rows read), and b's new one is the pulled tables'."""
    monkeypatch.setattr(matrix_cache, "CACHE_MIN_ITEMS", 0)
    monkeypatch.setattr(matrix_cache, "UPDATE_MAX_SHARE", 1.0)  # its one plan written
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
        assert matrix_cache.updated_index(store.db) == after  # the pulled plan's rows read
        assert matrix_index(store.db) == after
        kept_and_equal(store)
