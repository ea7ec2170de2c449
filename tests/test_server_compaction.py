"""Op-log compaction: ``server compact`` prunes old changes; a new desktop and one offline
since before the horizon take the snapshot path, and the offline one keeps (and then
sends) its unsent change. On SQLite and on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.sync_helpers import ROOT, ServerProcess, fresh_server, logged_in, new_fingerprint

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
