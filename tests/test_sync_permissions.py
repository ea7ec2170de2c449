"""Per-op permissions on the server: rejected ops are reported, the rest proceed."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.errors import UserError
from desktop.models.ids import new_id
from sync import apply as sync_apply
from tests.helpers.sync_helpers import (  # noqa: F401
    Client,
    ServerProcess,
    coordinator_with_plan,
    drop_unit_from_task,
    logged_in,
    new_fingerprint,
    raw,
    sync_server,
)

pytestmark = pytest.mark.both_backends


def test_member_writes_only_where_its_unit_is_assigned(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    sync_server.user("gongxin", "member", "市工信局")
    a, plan = coordinator_with_plan(tmp_path, sync_server)
    t1, t2 = a.task_id(plan, 1), a.task_id(plan, 2)
    # 市工信局 keeps only task 2 (lead of its first item).
    unit = drop_unit_from_task(a, t1, "市工信局")
    a.sync()

    m = Client(tmp_path / "m.db", sync_server, "gongxin")
    assert m.login()["role"] == "member"
    m.sync()
    ok_milestone, bad_milestone, report_id = new_id(), new_id(), new_id()
    with m.opened() as store, store.action("member_edits") as tx:
        tx.update("task", t2, {"title": "成员改标题"})
        tx.insert(
            "milestone",
            {
                "id": bad_milestone,
                "task_id": t1,
                "title": "不该有的节点",
                "note": "",
                "position": 0,
            },
        )
        tx.insert(
            "milestone",
            {
                "id": ok_milestone,
                "task_id": t2,
                "title": "六月完成招标",
                "note": "",
                "position": 0,
            },
        )
        tx.insert(
            "report",
            {
                "id": report_id,
                "task_id": t2,
                "unit_id": unit,
                "period": "2024-06",
                "text": "已完成招标",
                "percent": 40,
                "figures": "{}",
                "author": "工信",
                "created_at": "2024-06-30",
            },
        )
    report = m.sync()
    assert report.rejected == 2 and report.pushed == 2
    assert any("协调员" in r for r in report.rejected_reasons)
    assert any("未承担该任务" in r for r in report.rejected_reasons)
    rejected = sync_apply.rejected_changes(m.store().db)
    assert {(r["tbl"], r["record_id"]) for r in rejected} == {
        ("task", t2),
        ("milestone", bad_milestone),
    }
    # The member's copy converges on the server's state; the attempt stays listed.
    assert m.query("SELECT title FROM task WHERE id = ?", [t2]) == [("任务二",)]
    assert m.query("SELECT id FROM milestone WHERE task_id IN (?, ?)", [t1, t2]) == [
        (ok_milestone,)
    ]
    assert m.pending() == 0
    a.sync()
    assert a.query("SELECT title FROM milestone WHERE task_id IN (?, ?)", [t1, t2]) == [
        ("六月完成招标",)
    ]
    assert a.query("SELECT text FROM report WHERE id = ?", [report_id]) == [("已完成招标",)]
    # Reports are append-only, even for coordinators.
    # (this desktop refuses the edit itself; an older or tampered client sends the op)
    with pytest.raises(UserError, match="只能追加"):
        a.edit("report", report_id, {"text": "改写历史"})
    with a.opened() as store:
        store.db.execute(
            "INSERT INTO change_log (op_id, action, tbl, record_id, kind, fields, base_seq,"
            " created_at) VALUES (?, 'test_edit', 'report', ?, 'update', ?, 0, '')",
            [new_id(), report_id, '{"text":"改写历史"}'],
        )
    assert a.sync().rejected == 1
    assert a.query("SELECT text FROM report WHERE id = ?", [report_id]) == [("已完成招标",)]
    # Every op is audited with who and which device.
    audit = (
        sync_server.storage()
        .conn()
        .execute("SELECT username, status, reason FROM audit WHERE record_id = ?", [bad_milestone])
        .fetchall()
    )
    assert audit == [("gongxin", "rejected", "本单位（市工信局）未承担该任务，无权修改。")]


def test_malformed_ops_are_rejected_individually(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    a = logged_in(tmp_path, sync_server, "a")
    good = {
        "op": new_id(),
        "tbl": "unit",
        "id": new_id(),
        "kind": "insert",
        "fields": {"name": "测试单位" + new_id()[:8], "kind": "bureau", "aliases": "[]"},
        "base": 0,
    }
    bad = [
        {"op": new_id(), "tbl": "unit; DROP TABLE op", "id": "x", "kind": "insert", "fields": {}},
        {"op": new_id(), "tbl": "unit", "id": "x", "kind": "upsert", "fields": {}},
        {"op": new_id(), "tbl": "unit", "id": "x", "kind": "update", "fields": {"name": [1]}},
        "not an op",
        {"op": new_id(), "tbl": "unit", "id": "x", "kind": "insert", "fields": {"n": 2**64}},
    ]
    reply = raw(sync_server, "POST", "/v1/push", a.engine._access, json={"ops": [*bad, good]})
    results = reply.json()["results"]
    assert [r["status"] for r in results] == ["rejected"] * 5 + ["accepted"]
    assert all(r["reason"] for r in results[:5])
    infinite = '{"ops":[{"op":"inf1","tbl":"unit","id":"x","kind":"insert","fields":{"n":1e999}}]}'
    reply = raw(
        sync_server,
        "POST",
        "/v1/push",
        a.engine._access,
        data=infinite,
        headers={"Content-Type": "application/json"},
    )
    assert reply.json()["results"][0]["status"] == "rejected"
    # Numbers beyond SQLite's range in queries: a clear reply, never a 500.
    huge = 10**20
    token = a.engine._access
    assert raw(sync_server, "GET", "/v1/pull", token, params={"since": huge}).status_code == 200
    for path, body in (("notices", {"after": huge, "open": [huge]}), ("resolve", {"ids": [huge]})):
        reply = raw(sync_server, "POST", f"/v1/conflicts/{path}", token, json=body)
        assert reply.status_code == 200, reply.text
    unauth = raw(sync_server, "POST", "/v1/push", "forged-token", json={"ops": [good]})
    assert unauth.status_code == 401


def test_member_report_added_and_undone_offline_never_reaches_the_server(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    sync_server.user("shangwu", "member", "市工信局")
    a, plan = coordinator_with_plan(tmp_path, sync_server)
    t2 = a.task_id(plan, 2)
    unit = a.query("SELECT id FROM unit WHERE name = '市工信局'")[0][0]
    a.sync()
    m = logged_in(tmp_path, sync_server, "m", "shangwu")
    m.sync()

    def add_report(text: str) -> str:
        report_id = new_id()
        with m.opened() as store, store.action("add_report") as tx:
            tx.insert(
                "report",
                {"id": report_id, "task_id": t2, "unit_id": unit, "period": "2024-07",
                 "text": text, "percent": 10, "figures": "{}", "author": "工信",
                 "created_at": "2024-07-01"},
            )  # fmt: skip
        return report_id

    retracted = add_report("填错了")
    m.delete("report", retracted)  # undo before any sync
    kept = add_report("正式填报")
    report = m.sync()
    assert report.rejected == 0 and report.pushed == 1
    assert m.pending() == 0
    assert m.query("SELECT id FROM report WHERE task_id = ?", [t2]) == [(kept,)]
    server_ids = {row[3] for row in sync_server.server_ops()}
    assert kept in server_ids and retracted not in server_ids
    # Once sent (the reply was lost), a delete is a real delete: refused for a member,
    # the report comes back and the refusal is shown.
    sent = add_report("已发出")
    with m.opened() as store:
        ops = sync_apply.pending_ops(store.db, 10)
        sync_apply.mark_sent(store.db, ops)
    assert raw(sync_server, "POST", "/v1/push", m.engine._access, json={"ops": ops}).ok
    m.delete("report", sent)
    report = m.sync()
    assert report.rejected == 1 and "管理员" in report.rejected_reasons[0]
    assert m.query("SELECT text FROM report WHERE id = ?", [sent]) == [("已发出",)]
