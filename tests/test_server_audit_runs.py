"""The audit log keeps its answers while ops accepted as sent are audited by reference (a
run of seqs per request, spelled out from the op rows): ``audit_rows`` (``server audit``),
the ``audit`` view, ``seq_before`` — before and after compaction prunes the op rows, and
for a database migrated from the per-op audit table — on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sync.server import admin, storage_pg
from sync.server import storage as storage_module
from sync.server.push import apply_push
from sync.server.storage import Device, Storage, now_iso, open_storage

pytestmark = pytest.mark.both_backends

_count = iter(range(1, 1_000_000))


def _op(
    tbl: str, record_id: str, fields: dict[str, Any], kind: str = "insert", base: int = 0
) -> dict[str, Any]:
    return {"op": f"audit-{next(_count)}", "tbl": tbl, "id": record_id, "kind": kind,
            "fields": fields, "base": base}  # fmt: skip


def _server(location: Any) -> tuple[Storage, Device, Device]:
    admin.init_server(location, "admin", "correct-horse-1")
    storage = open_storage(location)
    storage.add_account("coord", "-", "", "coordinator")
    account = storage.account("coord")
    assert account is not None
    devices = []
    for device_id in ("dev-a", "dev-b"):
        storage.add_device(account, device_id, device_id)
        device = storage.device(device_id)
        assert device is not None
        devices.append(device)
    return storage, devices[0], devices[1]


def _entries(storage: Storage, limit: int = 1000) -> list[tuple[Any, ...]]:
    """What ``server audit`` shows of each entry (the time left out)."""
    return [row[1:] for row in storage.audit_rows(limit=limit)]


def _view(storage: Storage) -> list[tuple[Any, ...]]:
    rows = storage.conn().execute(
        "SELECT username, device_id, ip, op_id, tbl, record_id, kind, status, seq, reason,"
        " fields FROM audit ORDER BY id, seq"
    )
    return [tuple(row) for row in rows.fetchall()]


def _expected(
    device: Device, ops: list[dict[str, Any]], results: list[dict[str, Any]]
) -> list[tuple[Any, ...]]:
    """The entries of one push: one per op that is not a duplicate, in order."""
    return [
        (
            "coord",
            device.id,
            "127.0.0.1",
            op["op"],
            op["tbl"],
            op["id"],
            op["kind"],
            result["status"],
            result["seq"],
            result.get("reason", ""),
            json.dumps(op["fields"], ensure_ascii=False, separators=(",", ":")),
        )
        for op, result in zip(ops, results, strict=True)
        if not result.get("duplicate")
    ]


def test_audit_entries_are_the_same_with_runs_before_and_after_compaction(
    tmp_path: Path, server_location: Any
) -> None:
    storage, dev_a, dev_b = _server(server_location(tmp_path / "server"))
    try:
        expected: list[tuple[Any, ...]] = []

        def push(device: Device, *ops: dict[str, Any]) -> list[dict[str, Any]]:
            results = apply_push(storage, device, list(ops), "127.0.0.1")
            expected.extend(_expected(device, list(ops), results))
            return results

        first = [
            _op("plan", "p1", {"title": "行动计划"}),
            _op("unit", "u1", {"name": "市政数局"}),
            _op("task", "t1", {"plan_id": "p1", "no": 1, "title": "建设城市大脑"}),
            _op("task", "t9", {"plan_id": "missing", "no": 9, "title": "无计划"}),  # refused
            _op("task", "t2", {"plan_id": "p1", "no": 2, "title": "保障资金"}),
            _op("task", "t2", {"title": "保障资金"}, "update"),  # nothing changes: no seq
            _op("task", "t3", {"plan_id": "p1", "no": 3, "title": "第三项"}),
        ]
        results = push(dev_a, *first)
        statuses = [r["status"] for r in results]
        assert statuses == ["accepted"] * 3 + ["rejected"] + ["accepted"] * 3
        push(dev_b, _op("task", "t1", {"title": "改名"}, "update", results[2]["seq"]))
        # dev-a has not seen dev-b's change: a conflict; its other field is applied
        conflicted = push(
            dev_a, _op("task", "t1", {"title": "再改名", "no": 5}, "update", results[2]["seq"])
        )
        assert conflicted[0]["status"] == "conflict" and conflicted[0]["seq"] is not None
        push(dev_a, _op("task", "t3", {}, "delete"), _op("task", "t2", {"no": 7}, "update"))
        push(dev_a, *first)  # every op a duplicate: no entries

        assert _entries(storage) == expected
        assert _view(storage) == expected
        assert _entries(storage, limit=3) == expected[-3:]
        assert [row[1:] for row in storage.audit_rows(username="nobody")] == []
        assert [row[1:] for row in storage.audit_rows(since="2000-01-01")] == expected
        # runs: fewer log rows than entries (consecutive accepted ops share one)
        log_rows = storage.conn().execute("SELECT count(*) FROM audit_log").fetchone()[0]
        assert log_rows < len(expected)
        newest = storage.max_seq()
        assert storage.seq_before("9999-12-31") == newest
        assert storage.seq_before("2000-01-01") == 0

        floor, deleted = storage.compact(newest)
        assert deleted == newest - 1 and floor == newest - 1
        assert _entries(storage) == expected
        assert _view(storage) == expected
        assert storage.seq_before("9999-12-31") == newest
        # a later push, after compaction, adds its entries
        push(dev_a, _op("task", "t4", {"plan_id": "p1", "no": 4, "title": "第四项"}))
        assert _entries(storage) == expected
    finally:
        storage.close()


def test_an_older_servers_audit_log_is_migrated(
    tmp_path: Path, server_location: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database whose audit log has a row per op keeps every entry through the
    migration, and pushes afterwards are audited with runs."""
    location = server_location(tmp_path / "server")
    before = storage_module.MIGRATIONS[:6]
    monkeypatch.setattr(storage_module, "MIGRATIONS", before)
    monkeypatch.setattr(storage_pg, "MIGRATIONS", before)
    storage, dev_a, _dev_b = _server(location)
    old = [
        (now_iso(), "coord", "dev-a", "10.0.0.1", "old-1", "plan", "p0", "insert", "accepted",
         1, "", '{"title":"旧计划"}'),
        (now_iso(), "coord", "dev-a", "10.0.0.1", "old-2", "task", "t0", "insert", "rejected",
         None, "无权修改。", '{"no":1}'),
    ]  # fmt: skip
    with storage.write() as conn:
        conn.executemany(
            "INSERT INTO audit (at, username, device_id, ip, op_id, tbl, record_id, kind,"
            " status, seq, reason, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            old,
        )
    assert storage.schema_version() == 6
    storage.close()
    monkeypatch.undo()

    storage = open_storage(location)
    try:
        storage.migrate()
        assert storage.schema_version() == len(storage_module.MIGRATIONS)
        assert _entries(storage) == [row[1:] for row in old]
        ops = [_op("plan", "p1", {"title": "行动计划"}), _op("unit", "u1", {"name": "市政数局"})]
        results = apply_push(storage, dev_a, ops, "127.0.0.1")
        assert _entries(storage) == [row[1:] for row in old] + _expected(dev_a, ops, results)
        assert _view(storage) == _entries(storage)
    finally:
        storage.close()
