"""Op-log compaction: ``server compact`` prunes old changes; a new desktop and one offline
since before the horizon take the snapshot path, and the offline one keeps (and then
sends) its unsent change. On SQLite and on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sync.server import admin
from sync.server.push import apply_push
from tests.helpers.sync_helpers import (
    PASSWORD,
    ROOT,
    ServerProcess,
    fresh_server,
    logged_in,
    new_fingerprint,
)

pytestmark = pytest.mark.both_backends
_ = fresh_server  # the fixture


def _where(server: ServerProcess) -> list[str]:
    if isinstance(server.data_dir, str):
        return ["--database", server.data_dir]
    return ["--data", str(server.data_dir)]


def test_compaction_sends_late_desktops_to_the_snapshot_and_loses_nothing(
    tmp_path: Path, fresh_server: ServerProcess
) -> None:
    server = fresh_server
    a = logged_in(tmp_path, server, "a")
    plan = a.import_plan(new_fingerprint())
    a.sync()
    b = logged_in(tmp_path, server, "b", "coord-b")
    b.sync()
    t1, t2 = a.task_id(plan, 1), a.task_id(plan, 2)
    b.edit("task", t1, {"title": "B 离线时的修改"})  # B goes offline with it
    a.edit("task", t2, {"title": "A 的新标题"})
    a.sync()
    a.edit("task", t2, {"text": "A 的新正文"})
    a.sync()

    newest = server.storage().max_seq()
    done = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "server", "compact", "--below", str(newest),
         *_where(server)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "已清理" in done.stdout
    assert [row[0] for row in server.server_ops()] == [newest]  # the newest op stays
    assert server.storage().min_servable_seq() == newest - 1
    refused = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "server", "compact", *_where(server)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert refused.returncode == 2 and "--below" in refused.stderr

    c = logged_in(tmp_path, server, "c", "coord-c")  # new: snapshot + later ops
    c.sync()
    report = b.sync()  # offline since before the horizon: snapshot, keeps its edit
    assert report.rejected == 0
    a.sync()
    c.sync()
    dumps = [d.dump(plan) for d in (a, b, c)]
    assert dumps[0] == dumps[1] == dumps[2]
    assert a.query("SELECT title FROM task WHERE id = ?", [t1]) == [("B 离线时的修改",)]
    assert c.query("SELECT title, text FROM task WHERE id = ?", [t2]) == [
        ("A 的新标题", "A 的新正文")
    ]
    assert all(d.pending() == 0 for d in (a, b, c))
    # New changes get seqs above everything ever issued (no reuse after pruning).
    assert server.storage().max_seq() > newest


def test_a_retry_after_compaction_is_still_a_duplicate(
    tmp_path: Path, server_location: Any
) -> None:
    """An op accepted as sent keeps no outcome row of its own (its op row is the outcome);
    compaction writes that row before it prunes the op, so a very late retry still gets
    the first outcome and changes nothing."""
    location = server_location(tmp_path / "server")
    admin.init_server(location, "admin", PASSWORD)
    storage = admin.open_storage(location)
    try:
        storage.add_account("coord", "x", "", "coordinator")
        account = storage.account("coord")
        assert account is not None
        storage.add_device(account, "dev-1", "desktop")
        device = storage.device("dev-1")
        assert device is not None

        def unit(n: int) -> dict[str, Any]:
            fields = {"name": f"单位{n}", "kind": "bureau", "aliases": "[]"}
            return {"op": f"op-{n}", "tbl": "unit", "id": f"u-{n}", "kind": "insert",
                    "fields": fields, "base": 0}  # fmt: skip

        first = apply_push(storage, device, [unit(1), unit(2), unit(1)], "127.0.0.1")
        assert [r["status"] for r in first] == ["accepted", "accepted", "accepted"]
        assert first[2] == {**first[0], "duplicate": True}  # a repeat within the batch
        assert storage.compact(first[1]["seq"]) == (first[0]["seq"], 1)
        again = apply_push(storage, device, [unit(1), unit(2)], "127.0.0.1")
        assert again == [{**first[0], "duplicate": True}, {**first[1], "duplicate": True}]
        assert storage.max_seq() == first[1]["seq"]  # nothing new was written
    finally:
        storage.close()
