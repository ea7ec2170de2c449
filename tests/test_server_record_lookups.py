"""The server finds records by a reference through an index (the 办结 rule: a task's items
and their assignments; attachment content: the records naming a hash), deletes attachment
content that no live record names any more (on delete and in compaction), and migrates an
older server's ``record`` table without losing anything — on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from sync.server import admin, blobs, storage_pg
from sync.server import storage as storage_module
from sync.server.batch import OP_COLUMNS, RECORD_COLUMNS
from sync.server.push import apply_push
from sync.server.storage import Device, Storage, open_storage

pytestmark = pytest.mark.both_backends

_count = iter(range(1, 1_000_000))
NOW = "2026-11-29T10:00:00+00:00"


def _op(tbl: str, record_id: str, fields: dict[str, Any], kind: str = "insert") -> dict[str, Any]:
    return {"op": f"look-{next(_count)}", "tbl": tbl, "id": record_id, "kind": kind,
            "fields": fields, "base": 0}  # fmt: skip


def _server(location: Any) -> tuple[Storage, Device]:
    admin.init_server(location, "admin", "correct-horse-1")
    storage = open_storage(location)
    storage.add_account("coord", "-", "", "coordinator")
    account = storage.account("coord")
    assert account is not None
    storage.add_device(account, "dev-coord", "coord")
    device = storage.device("dev-coord")
    assert device is not None
    return storage, device


def _push(storage: Storage, device: Device, *ops: dict[str, Any]) -> list[dict[str, Any]]:
    return apply_push(storage, device, list(ops), "127.0.0.1")


def _accepted(results: list[dict[str, Any]]) -> None:
    assert [r["status"] for r in results] == ["accepted"] * len(results), results


PLAN = [
    _op("plan", "p1", {"title": "行动计划"}),
    _op("unit", "u1", {"name": "市政数局"}),
    _op("unit", "u2", {"name": "市工信局"}),
    _op("task", "t1", {"plan_id": "p1", "no": 1, "title": "建设城市大脑"}),
    _op("task", "t2", {"plan_id": "p1", "no": 2, "title": "保障资金"}),
    _op("item", "i1", {"task_id": "t1", "position": 0, "text": "牵头建设"}),
    _op("item", "i2", {"task_id": "t1", "position": 1, "text": "配合建设"}),
    _op("item", "i3", {"task_id": "t2", "position": 0, "text": "筹集资金"}),
    _op("assignment", "a1", {"item_id": "i1", "unit_id": "u1", "role": "lead"}),
    _op("assignment", "a2", {"item_id": "i2", "unit_id": "u2", "role": "lead"}),
    _op("assignment", "a3", {"item_id": "i3", "unit_id": "u2", "role": "lead"}),
]


def _plan_text(storage: Storage, tbl: str, column: str) -> str:
    """The database's plan for ``records_where`` (sequential scans discouraged, so a
    PostgreSQL plan of a tiny table shows whether the index can serve the statement)."""
    sql = storage.lookup_sql(tbl, column, 1)
    with storage.write() as conn:
        if storage.backend == "postgresql":
            conn.execute("SET LOCAL enable_seqscan = off")
            rows = conn.execute("EXPLAIN " + sql, ["x"]).fetchall()
        else:
            rows = conn.execute("EXPLAIN QUERY PLAN " + sql, ["x"]).fetchall()
    return " ".join(str(part) for row in rows for part in row)


def test_records_are_found_by_reference_through_an_index(
    tmp_path: Path, server_location: Any
) -> None:
    storage, coord = _server(server_location(tmp_path / "server"))
    try:
        _accepted(_push(storage, coord, *PLAN))
        _accepted(_push(storage, coord, _op("item", "i2", {}, "delete")))
        conn = storage.conn()
        items = storage.records_where(conn, "item", "task_id", ["t1"])
        assert sorted(i for i, _ in items) == ["i1"]  # i2 is deleted, i3 is t2's
        found = storage.records_where(conn, "assignment", "item_id", ["i1", "i3"])
        assert sorted(a for a, _ in found) == ["a1", "a3"]
        assert storage.records_where(conn, "item", "task_id", []) == []
        for tbl, column in (
            ("item", "task_id"),
            ("assignment", "item_id"),
            ("attachment", "sha256"),
        ):
            assert "record_lookup" in _plan_text(storage, tbl, column)
        _accepted(_push(storage, coord, _op("item", "i3", {"task_id": "t1"}, "update")))
        items = storage.records_where(storage.conn(), "item", "task_id", ["t1", "t2"])
        assert sorted(i for i, _ in items) == ["i1", "i3"]  # the update moved i3 to t1
        _assert_lookups_match_fields(storage)
        with pytest.raises(ValueError):
            storage.lookup_sql("task", "plan_id", 1)  # no index: never a full scan
    finally:
        storage.close()


def _assert_lookups_match_fields(storage: Storage) -> None:
    """``record.lookup`` holds the lookup field of every record (and nothing for others)."""
    rows = storage.conn().execute("SELECT tbl, fields, lookup FROM record").fetchall()
    assert rows
    for tbl, fields, lookup in rows:
        expected = {"item": "task_id", "assignment": "item_id", "attachment": "sha256"}.get(tbl)
        assert lookup == (json.loads(fields).get(expected) if expected else None), (tbl, fields)


def test_signoff_rule_sees_the_batch_it_is_pushed_in(tmp_path: Path, server_location: Any) -> None:
    """The 办结 rule reads a task's items and assignments by index: what earlier ops of
    the same push wrote (or deleted) counts."""
    storage, coord = _server(server_location(tmp_path / "server"))
    signoff = {"task_id": "t9", "unit_id": "u1", "evidence": "已完成", "applied_at": NOW}
    try:
        _accepted(_push(storage, coord, *PLAN[:3]))
        results = _push(
            storage,
            coord,
            _op("task", "t9", {"plan_id": "p1", "no": 9, "title": "新任务"}),
            _op("item", "i9", {"task_id": "t9", "position": 0, "text": "新事项"}),
            _op("assignment", "a9", {"item_id": "i9", "unit_id": "u1", "role": "lead"}),
            _op("signoff", "s1", signoff),
            _op("assignment", "a9", {}, "delete"),
            _op("assignment", "a10", {"item_id": "i9", "unit_id": "u2", "role": "lead"}),
            _op("signoff", "s2", signoff),
        )
        assert [r["status"] for r in results] == ["accepted"] * 6 + ["rejected"]
        assert "牵头单位" in results[-1]["reason"]
    finally:
        storage.close()


def _attachment(name: str, content: bytes) -> dict[str, Any]:
    return {"task_id": "t1", "name": name, "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(), "added_at": NOW}  # fmt: skip


def _held(storage: Storage) -> set[bytes]:
    return {bytes(row[0]) for row in storage.conn().execute("SELECT content FROM blob")}


def test_content_is_deleted_when_no_live_record_names_it(
    tmp_path: Path, server_location: Any
) -> None:
    storage, coord = _server(server_location(tmp_path / "server"))
    shared, own, other = b"shared evidence", b"own evidence", b"replacement"
    try:
        _accepted(
            _push(
                storage,
                coord,
                *PLAN,
                _op("attachment", "f1", _attachment("a.pdf", shared)),
                _op("attachment", "f2", _attachment("b.pdf", shared)),
                _op("attachment", "f3", _attachment("c.pdf", own)),
            )
        )
        for content in (shared, own):
            assert blobs.put(storage, hashlib.sha256(content).hexdigest(), content)["stored"]
        assert blobs.expected_size(storage, hashlib.sha256(own).hexdigest()) == len(own)
        assert _held(storage) == {shared, own}

        _accepted(_push(storage, coord, _op("attachment", "f1", {}, "delete")))
        assert _held(storage) == {shared, own}  # f2 still names it
        _accepted(_push(storage, coord, _op("attachment", "f2", {}, "delete")))
        assert _held(storage) == {own}
        assert blobs.expected_size(storage, hashlib.sha256(shared).hexdigest()) is None
        # f3 now names other content: its old content goes, the new one can be uploaded
        new_hash = hashlib.sha256(other).hexdigest()
        _accepted(
            _push(
                storage,
                coord,
                _op("attachment", "f3", {"sha256": new_hash, "size": len(other)}, "update"),
            )
        )
        assert _held(storage) == set()
        assert blobs.put(storage, new_hash, other)["stored"]

        # Content stored while its record was being deleted (the upload checked the
        # record before the delete committed): compaction deletes it.
        with storage.write() as conn:
            conn.execute(
                "INSERT INTO blob (sha256, size, content, stored_at) VALUES (?, ?, ?, ?)",
                [hashlib.sha256(shared).hexdigest(), len(shared), shared, NOW],
            )
        assert _held(storage) == {shared, other}
        storage.compact(storage.max_seq())
        assert _held(storage) == {other}
    finally:
        storage.close()


def test_an_older_server_is_migrated_without_losing_records(
    tmp_path: Path, server_location: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server created before the record table became a rowid table with lookup indexes
    keeps every record (and tombstone) through the migration."""
    # The records and ops come from a push to a current server (today's push writes a
    # newer audit log than the old schema has), copied into the older server's tables.
    source, source_coord = _server(server_location(tmp_path / "source"))
    _accepted(_push(source, source_coord, *PLAN, _op("item", "i2", {}, "delete")))
    copied = {
        table: source.conn().execute(f"SELECT {', '.join(c for c, _ in columns)} FROM {table}")
        for table, columns in (("op", OP_COLUMNS), ("record", RECORD_COLUMNS))
    }
    source.close()

    location = server_location(tmp_path / "server")
    before = storage_module.MIGRATIONS[:4]
    monkeypatch.setattr(storage_module, "MIGRATIONS", before)
    monkeypatch.setattr(storage_pg, "MIGRATIONS", before)
    storage, coord = _server(location)
    with storage.write() as conn:
        for table, columns in (("op", OP_COLUMNS), ("record", RECORD_COLUMNS)):
            storage.insert_rows(conn, table, columns, [tuple(r) for r in copied[table]])
    stored = storage.conn().execute(
        "SELECT tbl, id, fields, versions, deleted_seq, seq FROM record"
    )
    rows = sorted(stored.fetchall())
    assert len(rows) == len(PLAN)
    assert storage.schema_version() == 4
    storage.close()
    monkeypatch.undo()

    storage = open_storage(location)
    try:
        storage.migrate()
        assert storage.schema_version() == len(storage_module.MIGRATIONS)
        migrated = storage.conn().execute(
            "SELECT tbl, id, fields, versions, deleted_seq, seq FROM record"
        )
        assert sorted(migrated.fetchall()) == rows
        assert [i for i, _ in storage.records_where(storage.conn(), "item", "task_id", ["t1"])] == [
            "i1"
        ]
        _assert_lookups_match_fields(storage)
        # pushes go on: an update of a migrated record, an insert, a duplicate
        _accepted(_push(storage, coord, _op("task", "t1", {"title": "改名"}, "update")))
        assert [r.get("duplicate") for r in _push(storage, coord, PLAN[0])] == [True]
    finally:
        storage.close()


def test_a_database_migrated_by_a_newer_server_is_refused(
    tmp_path: Path, server_location: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compact version stamps (and whatever comes later) would be misread by an older
    server: a server refuses a schema newer than it knows, in a plain message."""
    location = server_location(tmp_path / "server")
    storage, _coord = _server(location)
    storage.close()
    newer = [*storage_module.MIGRATIONS, "CREATE TABLE from_the_future (x INTEGER)"]
    monkeypatch.setattr(storage_module, "MIGRATIONS", newer)
    monkeypatch.setattr(storage_pg, "MIGRATIONS", newer)
    assert admin.migrate(location)[1] == len(newer)  # the newer server upgraded it
    monkeypatch.undo()

    with pytest.raises(admin.AdminError) as refused:
        admin.migrate(location)
    assert f"结构版本为 {len(newer)}" in str(refused.value)
    assert "较新版本" in str(refused.value)
    storage = open_storage(location)
    try:
        with pytest.raises(storage_module.StorageUnavailable):
            storage.migrate()
        assert storage.meta("version_stamps") == "compact"
    finally:
        storage.close()
