"""Structure edits between two desktops through a real server; members refused locally."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.errors import UserError
from desktop.models import authoring as au
from sync import apply as sync_apply
from tests.helpers.sync_helpers import Client, ServerProcess, logged_in, sync_server  # noqa: F401


def _history(client: Client) -> list[tuple[str, str]]:
    return client.query("SELECT id, summary FROM task_change ORDER BY id")


def _authored_plan(a: Client, b: Client) -> tuple[str, str]:
    with a.opened() as store:
        plan = au.create_plan(store, "调度会议定事项", doc_no=f"调度〔{a.path.parent.name}〕")
        task = au.add_task(store, plan, "推进算力中心建设", basis="第5次调度会")
        with store.action("add_unit") as tx:
            unit = store._create_unit(tx, "市工信局", "bureau")
        au.set_unit_role(store, au.item_of(store, task), unit, "lead")
    a.sync()
    b.sync()
    return plan, task


def test_structure_edit_vs_edit_and_edit_vs_delete(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    a = logged_in(tmp_path, sync_server, "a")
    b = logged_in(tmp_path, sync_server, "b", "coord2")
    plan, task = _authored_plan(a, b)
    assert b.query("SELECT title FROM task WHERE id = ?", [task]) == [("推进算力中心建设",)]
    # edit vs edit: the same title changed on both desktops, offline
    with a.opened() as store:
        au.edit_task(store, task, title="甲的标题", basis="甲的依据")
    with b.opened() as store:
        au.edit_task(store, task, title="乙的标题", basis="乙的依据")
    assert a.sync().conflicts == 0
    assert b.sync().conflicts == 1
    (conflict,) = sync_apply.open_conflicts(b.store().db)
    assert (conflict["field"], conflict["mine"], conflict["theirs"]) == (
        "title",
        "乙的标题",
        "甲的标题",
    )
    a.sync()
    # both change records are kept everywhere (append-only, never in conflict)
    assert _history(a) == _history(b)
    summaries = [s for _id, s in _history(a)]
    assert "标题 “推进算力中心建设” → “甲的标题”" in summaries
    assert "标题 “推进算力中心建设” → “乙的标题”" in summaries

    # edit vs delete: a deletes a task b is editing
    with a.opened() as store:
        second = au.add_task(store, plan, "完善5G覆盖")
    a.sync()
    b.sync()
    with a.opened() as store:
        assert not au.delete_task(store, second, basis="会议决定取消").archived
    with b.opened() as store:
        au.edit_task(store, second, deadline="2027-12-31")
    a.sync()
    assert b.sync().conflicts == 1
    kinds = {c["kind"] for c in sync_apply.open_conflicts(b.store().db)}
    assert "edit_delete" in kinds
    assert b.query("SELECT count(*) FROM task WHERE id = ?", [second]) == [(0,)]
    a.sync()
    assert _history(a) == _history(b)
    assert any("删除任务 2“完善5G覆盖”" in s for _i, s in _history(b))
    assert any("完成时限 未定 → 2027-12-31" in s for _i, s in _history(a))

    # a 上级任务 link and the roll-up setting travel like every other field
    with a.opened() as store:
        county = au.create_plan(store, "县级分解方案", doc_no=f"县〔{a.path.parent.name}〕")
        lower = au.add_task(store, county, "县级任务")
        au.link_task(store, lower, task, basis="对照市级方案")
        au.edit_task(store, task, rollup=True)
    a.sync()
    b.sync()
    assert b.query("SELECT parent_task_id FROM task WHERE id = ?", [lower]) == [(task,)]
    assert b.query("SELECT rollup FROM task WHERE id = ?", [task]) == [(1,)]


def test_member_structural_edit_refused_before_it_is_queued(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    a = logged_in(tmp_path, sync_server, "a")
    m = logged_in(tmp_path, sync_server, "m", "gongxin2", "member", "市工信局")
    plan, task = _authored_plan(a, m)
    assert m.query("SELECT value FROM sync_state WHERE key = 'role'") == [("member",)]
    with m.opened() as store:
        before = store.pending_changes()
        for attempt in (
            lambda: au.add_task(store, plan, "成员加的任务"),
            lambda: au.edit_task(store, task, title="成员改的标题"),
            lambda: au.delete_task(store, task),
        ):
            with pytest.raises(UserError, match="只有协调员可以修改计划结构"):
                attempt()
        assert store.pending_changes() == before
    from desktop.cli import main

    code = main(["task", "add", "--title", "x", "--db", str(m.path)])
    assert code == 2
    assert m.query("SELECT title FROM task WHERE id = ?", [task]) == [("推进算力中心建设",)]
