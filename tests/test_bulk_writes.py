"""Bulk writes run with a larger SQLite page cache (``sync.bulk_writes``), the
connection's own size back afterwards, and stay one transaction (issue 14)."""

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
from sync.bulk_writes import BULK_CACHE_KIB, bulk_cache
from tests.helpers.plans import small_plan


def _cache(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA cache_size").fetchone()[0]


def _dump(conn: sqlite3.Connection) -> list[str]:
    """Every row of every table (the change log included), as SQL text."""
    return list(conn.iterdump())


def test_bulk_cache_is_set_inside_and_restored_after(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "a.db")
    default = _cache(conn)
    with bulk_cache(conn):
        assert _cache(conn) == -BULK_CACHE_KIB
        with bulk_cache(conn):  # nested: already large enough, left alone
            assert _cache(conn) == -BULK_CACHE_KIB
        assert _cache(conn) == -BULK_CACHE_KIB
    assert _cache(conn) == default
    with pytest.raises(RuntimeError), bulk_cache(conn):
        raise RuntimeError("boom")
    assert _cache(conn) == default
    conn.execute("PRAGMA cache_size = 100000")  # pages: 400 MB, larger than the bulk size
    with bulk_cache(conn):
        assert _cache(conn) == 100000
    assert _cache(conn) == 100000
    conn.close()


def test_import_runs_with_the_bulk_cache_and_restores_it(store: Store) -> None:
    default = _cache(store.db.conn)
    seen: list[int] = []
    store.db.conn.set_trace_callback(
        lambda sql: seen.append(_cache(store.db.conn)) if sql.startswith("INSERT") else None
    )
    store.import_plan(small_plan())
    store.db.conn.set_trace_callback(None)
    assert seen and set(seen) == {-BULK_CACHE_KIB}
    assert _cache(store.db.conn) == default
    with store.action("edit") as tx:  # an ordinary action keeps the usual cache
        assert _cache(store.db.conn) == default
        tx.update("task", store.db.execute("SELECT id FROM task").fetchone()[0], {"title": "改"})


def test_an_import_failing_halfway_leaves_the_database_as_it_was(store: Store) -> None:
    store.import_plan(small_plan())
    before = _dump(store.db.conn)
    default = _cache(store.db.conn)
    broken = small_plan("fp-2", "测府发〔2024〕2号")
    # tasks, items and assignments are written before the targets; this one is refused
    broken.tasks[1].targets = [ParsedTarget("到2025年达到", "", ">=", math.inf, "个", None)]
    with pytest.raises(UserError):
        store.import_plan(broken)
    assert _dump(store.db.conn) == before
    assert _cache(store.db.conn) == default


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
    default = _cache(store.db.conn)
    with pytest.raises(UserError):
        exchange.import_file(store, path)
    assert _dump(store.db.conn) == before
    assert _cache(store.db.conn) == default


def test_pull_and_snapshot_pages_restore_the_cache(store: Store) -> None:
    default = _cache(store.db.conn)
    unit = {"tbl": "unit", "id": "0191c0de-0000-7000-8000-000000000001"}
    sync_apply.apply_snapshot_page(
        store.db, [{**unit, "fields": {"name": "市政数局", "kind": "bureau"}}], 1, None
    )
    assert _cache(store.db.conn) == default
    op = {**unit, "seq": 2, "op": "op-1", "kind": "update", "fields": {"name": "市数据局"}}
    assert sync_apply.apply_pull_page(store.db, [op], 2) == 1
    assert _cache(store.db.conn) == default
    name = store.db.execute("SELECT name FROM unit WHERE id = ?", [unit["id"]]).fetchone()[0]
    assert name == "市数据局"
