"""Issue 7 item 2: a real server refuses structurally invalid ops, with a reason.

Run the way the defect was found: a ``liandong serve`` process on 127.0.0.1,
ops pushed over HTTP with a real token, a second desktop pulling, and a
desktop's own ``export`` re-imported into an empty database.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.models.ids import new_id
from tests.helpers.sync_helpers import (
    PASSWORD,
    ROOT,
    Client,
    ServerProcess,
    fresh_server,  # noqa: F401 - fixture
    logged_in,
    new_fingerprint,
    raw,
)

CJK = re.compile(r"[\u4e00-\u9fff]")

pytestmark = pytest.mark.both_backends


def _op(tbl: str, kind: str, fields: dict[str, Any], record_id: str | None = None) -> dict:
    return {
        "op": new_id(),
        "tbl": tbl,
        "id": record_id or new_id(),
        "kind": kind,
        "fields": fields,
        "base": 0,
    }


def _push(server: ServerProcess, client: Client, ops: list[dict]) -> list[dict]:
    reply = raw(server, "POST", "/v1/push", client.engine._access, json={"ops": ops})
    assert reply.status_code == 200, reply.text
    return reply.json()["results"]


def test_invalid_ops_are_refused_with_a_reason_and_never_relayed(
    tmp_path: Path,
    fresh_server: ServerProcess,  # noqa: F811
    capsys,
) -> None:
    a = logged_in(tmp_path, fresh_server, "a")
    plan = a.import_plan(new_fingerprint())
    a.sync()
    task = a.task_id(plan, 1)
    unit = a.query("SELECT id FROM unit ORDER BY name LIMIT 1")[0][0]
    ms = new_id()
    today = "2026-06-30"
    ops = [
        _op("no_such_table", "insert", {"x": 1}),
        _op("unit", "update", {"no_such_column": 1}, unit),
        _op("milestone", "insert", {"task_id": "no-such-task", "title": "幽灵", "due": today}),
        _op("milestone", "insert", {"task_id": task, "title": "名" * 30_000, "due": today}),
        _op("milestone", "insert", {"task_id": task, "title": "第一行\n第二行", "due": today}),
        _op("milestone", "insert", {"task_id": task, "title": "响铃\x07", "due": today}),
        _op("milestone", "insert", {"task_id": task, "title": "二月", "due": "2025-02-30"}),
        _op("milestone", "insert", {"task_id": task, "due": today}),  # no title
        _op("target_value", "insert", {"target_id": new_id(), "value": 1, "as_of": today}),
        _op("unit", "update", {"aliases": "不是 JSON"}, unit),
        _op("unit", "update", {"kind": "galaxy"}, unit),
        _op("plan", "update", {"imported_at": "2026-01-01T00:00:00+00:00"}, plan),  # local
        _op("task", "update", {"no": "一"}, task),
        # Valid: a milestone, then an extension naming it in the same push.
        _op("milestone", "insert", {"task_id": task, "title": "有效的", "due": today}, ms),
        _op(
            "milestone_extension",
            "insert",
            {
                "milestone_id": ms,
                "old_due": today,
                "new_due": "2026-07-31",
                "recorded_at": "2026-06-01T08:00:00.000+00:00",
            },
        ),
        _op(
            "dependency",
            "insert",
            {"pred_kind": "milestone", "pred_id": "nope", "succ_kind": "task", "succ_id": task},
        ),  # fmt: skip
    ]
    before = fresh_server.storage().max_seq()
    results = _push(fresh_server, a, ops)
    statuses = [r["status"] for r in results]
    assert statuses == ["rejected"] * 13 + ["accepted", "accepted", "rejected"]
    reasons = [r.get("reason", "") for r in results]
    assert all(CJK.search(reason) for reason in reasons[:13] + reasons[15:])
    assert "未知的数据表“no_such_table”" in reasons[0]
    assert "没有字段“no_such_column”" in reasons[1]
    assert "所属任务" in reasons[2] and "no-such-task" in reasons[2] and "不存在" in reasons[2]
    assert "名称" in reasons[3] and "过长：30000 个字符，最多 200 个" in reasons[3]
    assert "不能换行" in reasons[4]
    assert "U+0007" in reasons[5]
    assert "2025-02-30" in reasons[6] and "不是有效日期" in reasons[6]
    assert "名称”不能为空" in reasons[7]
    assert "量化目标" in reasons[8] and "不存在" in reasons[8]
    assert "JSON" in reasons[9]
    assert "galaxy" in reasons[10]
    assert "imported_at" in reasons[11] and "只保存在本机" in reasons[11]
    assert "应为整数" in reasons[12]
    assert "前置事项" in reasons[15]
    # Only the two valid ops got a sequence number; the rest left no trace but the audit.
    assert fresh_server.storage().max_seq() == before + 2
    audit = fresh_server.storage().audit_rows(limit=50)
    assert sum(1 for row in audit if "rejected" in row) >= 14

    # A second desktop pulls nothing invalid.
    b = logged_in(tmp_path, fresh_server, "b", "coord-b")
    report = b.sync()
    assert report.pulled > 0
    assert b.query("SELECT count(*) FROM sync_deferred") == [(0,)]
    assert b.query("SELECT title FROM milestone") == [("有效的",)]
    assert b.query("SELECT count(*) FROM milestone_extension") == [(1,)]
    assert b.query("SELECT aliases, kind FROM unit WHERE id = ?", [unit]) == a.query(
        "SELECT aliases, kind FROM unit WHERE id = ?", [unit]
    )
    # Every record of the plan arrived.
    for table in ("section", "task", "item", "assignment", "target", "plan_warning"):
        assert b.query(f"SELECT count(*) FROM {table}") == a.query(
            f"SELECT count(*) FROM {table}"
        ), table

    # B's own export re-imports into an empty database.
    exported = tmp_path / "b.json"
    assert main(["--db", str(b.path), "export", "-o", str(exported)]) == 0
    capsys.readouterr()
    assert main(["--db", str(tmp_path / "empty.db"), "import-json", str(exported)]) == 0
    again = tmp_path / "again.json"
    assert main(["--db", str(tmp_path / "empty.db"), "export", "-o", str(again)]) == 0
    first, second = json.loads(exported.read_text()), json.loads(again.read_text())
    assert first["coordination"] == second["coordination"]
    assert [p["id"] for p in first["plans"]] == [p["id"] for p in second["plans"]]


def test_invalid_records_stored_before_validation_are_not_applied(
    tmp_path: Path,
    fresh_server: ServerProcess,  # noqa: F811
    capsys,
) -> None:
    """A server filled by an older version may hold invalid records: desktops keep them out."""
    from sync.server.storage import SqliteStorage

    a = logged_in(tmp_path, fresh_server, "a")
    plan = a.import_plan(new_fingerprint())
    a.sync()
    task = a.task_id(plan, 1)
    b = logged_in(tmp_path, fresh_server, "b", "coord-b")
    b.sync()  # b has the plan: the legacy records reach it as pulled ops
    legacy = {
        "long": {"task_id": task, "title": "长" * 30_000, "due": "2026-06-30"},
        "feb30": {"task_id": task, "title": "二月三十日", "due": "2025-02-30"},
        "nul": {"task_id": task, "title": "空\x00字符", "due": "2026-06-30"},
        "good": {"task_id": task, "title": "正常的", "due": "2026-06-30"},
    }
    with fresh_server.storage().write() as conn:
        for record_id, fields in legacy.items():
            seq = SqliteStorage.next_seq(conn, new_id(), "milestone", record_id, "insert",
                                         fields, "old-device")  # fmt: skip
            rec = {"fields": fields, "versions": {}, "deleted_seq": None, "seq": seq}
            SqliteStorage.put_record(conn, "milestone", record_id, rec)
    c = logged_in(tmp_path, fresh_server, "c", "coord-c")  # new: c gets a snapshot
    for client in (b, c):
        report = client.sync()
        assert report.pulled >= 1
        assert client.query("SELECT id FROM milestone") == [("good",)]
        reasons = [r[0] for r in client.query("SELECT reason FROM sync_deferred ORDER BY id")]
        assert len(reasons) == 3, reasons
        assert any("过长" in r for r in reasons) and any("2025-02-30" in r for r in reasons)
        assert any("空字符" in r for r in reasons)
        db = str(client.path)
        assert main(["--db", db, "status"]) == 0
        assert main(["--db", db, "milestone", "list"]) == 0
        capsys.readouterr()
    # The CLI says what it kept out (a one-shot sync, password on stdin, a real process).
    user = fresh_server.user("coord-d", "coordinator", "")
    done = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "sync", "--db", str(tmp_path / "d.db"),
         "--server", fresh_server.url, "--user", user, "--password-stdin"],
        input=PASSWORD + "\n", capture_output=True, text=True, timeout=60, cwd=ROOT,
        env={**os.environ, "LIANDONG_DATA_DIR": str(tmp_path / "data-d")},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "有 3 条来自服务器的记录不符合数据规则，未写入本机" in done.stdout
    assert done.stdout.count("未写入：") == 3 and "2025-02-30" in done.stdout
