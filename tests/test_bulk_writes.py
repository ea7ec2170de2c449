"""Bulk writes run with a larger SQLite page cache and fewer checkpoints
(``sync.bulk_writes``), the connection's own settings back afterwards, and stay one
transaction (issue 14)."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pytest

from desktop import exchange
from desktop.errors import UserError
from desktop.importer.model import ParsedTarget
from desktop.models.store import Store
from sync import apply as sync_apply
from sync.bulk_writes import BULK_CACHE_KIB, BULK_CHECKPOINT_PAGES, bulk_writes
from tests.helpers.plans import small_plan


def _settings(conn: sqlite3.Connection) -> tuple[int, int]:
    """(cache size, pages between automatic checkpoints)."""
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    return cache, conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]


def _dump(conn: sqlite3.Connection) -> list[str]:
    """Every row of every table (the change log included), as SQL text."""
    return list(conn.iterdump())


BULK = (-BULK_CACHE_KIB, BULK_CHECKPOINT_PAGES)


def test_bulk_settings_are_set_inside_and_restored_after(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "a.db")
    conn.execute("PRAGMA journal_mode = WAL")
    default = _settings(conn)
    with bulk_writes(conn):
        assert _settings(conn) == BULK
        with bulk_writes(conn):  # nested: already large enough, left alone
            assert _settings(conn) == BULK
        assert _settings(conn) == BULK
    assert _settings(conn) == default
    with pytest.raises(RuntimeError), bulk_writes(conn):
        raise RuntimeError("boom")
    assert _settings(conn) == default
    conn.execute("PRAGMA cache_size = 100000")  # pages: 400 MB, larger than the bulk size
    conn.execute("PRAGMA wal_autocheckpoint = 0")  # none: not turned on
    with bulk_writes(conn):
        assert _settings(conn) == (100000, 0)
    assert _settings(conn) == (100000, 0)
    conn.close()


def test_import_runs_with_the_bulk_settings_and_restores_them(store: Store) -> None:
    conn = store.db.conn
    default = _settings(conn)
    assert default != BULK
    seen: set[tuple[int, int]] = set()
    conn.set_trace_callback(lambda sql: seen.add(_settings(conn)) if "INSERT" in sql else None)
    store.import_plan(small_plan())
    conn.set_trace_callback(None)
    assert seen == {BULK}
    assert _settings(conn) == default
    with store.action("edit") as tx:  # an ordinary action keeps the usual settings
        assert _settings(conn) == default
        tx.update("task", store.db.execute("SELECT id FROM task").fetchone()[0], {"title": "改"})


def test_an_import_failing_halfway_leaves_the_database_as_it_was(store: Store) -> None:
    store.import_plan(small_plan())
    before = _dump(store.db.conn)
    default = _settings(store.db.conn)
    broken = small_plan("fp-2", "测府发〔2024〕2号")
    # tasks, items and assignments are written before the targets; this one is refused
    broken.tasks[1].targets = [ParsedTarget("到2025年达到", "", ">=", math.inf, "个", None)]
    with pytest.raises(UserError):
        store.import_plan(broken)
    assert _dump(store.db.conn) == before
    assert _settings(store.db.conn) == default


def test_import_json_failing_halfway_leaves_the_database_as_it_was(
    store: Store, tmp_path: Path
) -> None:
    source = Store.open(tmp_path / "source.db")
    source.import_plan(small_plan())
    source.import_plan(small_plan("fp-2", "测府发〔2024〕2号"))
    data = exchange.export_data(source.db)
    source.close()
    data["plans"][1]["tasks"][0]["title"] = "x" * 100_000  # refused: too long
    path = tmp_path / "export.json"
    path.write_text(exchange.dumps(data), encoding="utf-8")
    before = _dump(store.db.conn)
    default = _settings(store.db.conn)
    with pytest.raises(UserError):
        exchange.import_file(store, path)
    assert _dump(store.db.conn) == before
    assert _settings(store.db.conn) == default


def test_pull_and_snapshot_pages_restore_the_settings(store: Store) -> None:
    default = _settings(store.db.conn)
    unit = {"tbl": "unit", "id": "0191c0de-0000-7000-8000-000000000001"}
    sync_apply.apply_snapshot_page(
        store.db, [{**unit, "fields": {"name": "市政数局", "kind": "bureau"}}], 1, None
    )
    assert _settings(store.db.conn) == default
    op = {**unit, "seq": 2, "op": "op-1", "kind": "update", "fields": {"name": "市数据局"}}
    assert sync_apply.apply_pull_page(store.db, [op], 2) == 1
    assert _settings(store.db.conn) == default
    name = store.db.execute("SELECT name FROM unit WHERE id = ?", [unit["id"]]).fetchone()[0]
    assert name == "市数据局"
