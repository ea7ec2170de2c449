"""Plan authoring store actions: structure edits, change history, ids, permissions."""

from __future__ import annotations

import sqlite3
import uuid

import pytest

from desktop import exchange
from desktop.errors import UserError
from desktop.models import authoring as au
from desktop.models import authoring_queries as aq
from desktop.models import coordination as co
from desktop.models.store import Store
from tests.helpers.plans import small_plan


def _unit(store: Store, name: str) -> str:
    with store.action("add_unit") as tx:
        return store._create_unit(tx, name, "bureau")


def test_author_a_plan_by_hand_with_history(store: Store) -> None:
    plan = au.create_plan(
        store, "第5次调度会议定事项", doc_no="调度〔2027〕5号", written_date="2027-03-02"
    )
    first = au.add_task(store, plan, "推进算力中心建设", text="年底前投运。", deadline="2027-12-31")
    second = au.add_task(store, plan, "完善5G覆盖", basis="第5次调度会")
    lead, support = _unit(store, "市工信局"), _unit(store, "市政数局")
    item = au.item_of(store, first)
    assert au.set_unit_role(store, item, lead, "牵头", basis="第5次调度会") is None
    assert au.set_unit_role(store, item, support, "配合") is None
    # assigning again changes the role
    assert au.set_unit_role(store, item, support, "lead") == "support"
    assert au.unit_role(store.db, item, support) == "lead"
    assert aq.lead_warnings(store.db, plan)[0]["problem"] == "有 2 个牵头单位"
    au.set_unit_role(store, item, lead, None, basis="市政府常务会议")
    assert [w["no"] for w in aq.lead_warnings(store.db, plan)] == [2]  # task 2: no unit yet
    au.add_target(store, first, metric="算力规模", value="300", uom="PFlops", deadline="2027-12-31")
    # ids of hand-made records are UUIDv7, never the importer's name-based v5
    assert uuid.UUID(first).version == 7 and uuid.UUID(plan).version == 7
    history = aq.task_history(store.db, first)
    lines = [h["line"] for h in history]
    assert any("新增牵头单位 市工信局，依据：第5次调度会" in line for line in lines)
    assert any("市政数局 配合单位 → 牵头单位" in line for line in lines)
    assert any("取消牵头单位 市工信局，依据：市政府常务会议" in line for line in lines)
    assert any("新增量化目标 算力规模 ≥ 300PFlops（2027-12-31）" in line for line in lines)
    assert aq.task_history(store.db, second)[0]["basis"] == "第5次调度会"
    # every write was logged for sync, history included
    logged = {r[0] for r in store.db.execute("SELECT DISTINCT tbl FROM change_log")}
    assert {"plan", "task", "item", "assignment", "target", "task_change"} <= logged


def test_history_is_append_only(store: Store) -> None:
    plan = au.create_plan(store, "手工计划")
    task = au.add_task(store, plan, "任务")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("UPDATE task_change SET summary = 'x' WHERE task_id = ?", [task])
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.db.execute("DELETE FROM task_change")
    # deleting the task keeps its history
    au.delete_task(store, task, basis="会议决定取消")
    kinds = [h["kind"] for h in aq.task_history(store.db, task)]
    assert kinds == ["task_add", "task_delete"]


def test_replace_lead_reads_like_the_paper_record(store: Store) -> None:
    plan_id = store.import_plan(small_plan()).plan_id
    task = store.db.execute(
        "SELECT id FROM task WHERE plan_id = ? AND no = 1", [plan_id]
    ).fetchone()[0]
    old, new = store.find_unit("市政数局"), _unit(store, "市发改委")
    au.replace_unit(store, au.item_of(store, task), old, new, basis="第5次调度会")
    line = aq.task_history(store.db, task)[-1]["line"]
    assert "牵头单位 市政数局 → 市发改委，依据：第5次调度会" in line


def test_insert_move_and_renumber(store: Store) -> None:
    plan = au.create_plan(store, "手工计划")
    ids = [au.add_task(store, plan, f"任务{n}") for n in range(1, 4)]
    inserted = au.add_task(store, plan, "插入的任务", no=2)
    numbers = dict(store.db.execute("SELECT title, no FROM task").fetchall())
    assert numbers == {"任务1": 1, "插入的任务": 2, "任务2": 3, "任务3": 4}
    assert au.move_task(store, ids[2], 1) == 4
    numbers = dict(store.db.execute("SELECT title, no FROM task").fetchall())
    assert numbers == {"任务3": 1, "任务1": 2, "插入的任务": 3, "任务2": 4}
    assert "序号 4 → 1" in aq.task_history(store.db, ids[2])[-1]["summary"]
    assert inserted


def test_delete_with_records_archives_and_undo(store: Store) -> None:
    plan = au.create_plan(store, "手工计划")
    kept = au.add_task(store, plan, "有记录的任务")
    gone = au.add_task(store, plan, "空任务")
    unit = _unit(store, "市政数局")
    au.set_unit_role(store, au.item_of(store, kept), unit, "lead")
    co.add_milestone(store, kept, "节点", "2030-01-01")
    co.add_report(store, kept, unit, period="2030-01", text="推进中", percent=10)
    removal = au.delete_task(store, kept)
    assert removal.archived and removal.counts["milestones"] == 1
    assert store.db.execute("SELECT archived FROM task WHERE id = ?", [kept]).fetchone()[0]
    assert store.db.execute("SELECT count(*) FROM report WHERE task_id = ?", [kept]).fetchone() == (
        1,
    )
    au.restore_task(store, removal)
    assert store.db.execute("SELECT archived FROM task WHERE id = ?", [kept]).fetchone() == (None,)
    removal = au.delete_task(store, gone)
    assert not removal.archived
    assert not store.db.execute("SELECT 1 FROM task WHERE id = ?", [gone]).fetchone()
    au.restore_task(store, removal)
    assert store.db.execute("SELECT title FROM task WHERE id = ?", [gone]).fetchone() == ("空任务",)


def test_validation(store: Store) -> None:
    plan = au.create_plan(store, "手工计划", doc_no="手〔2027〕1号")
    with pytest.raises(UserError, match="不能为空"):
        au.add_task(store, plan, "  ")
    with pytest.raises(UserError, match="过长"):
        au.add_task(store, plan, "长" * 400)
    with pytest.raises(UserError, match="不是有效日期"):
        au.add_task(store, plan, "任务", deadline="2027-02-30")
    with pytest.raises(UserError, match="不能包含换行"):
        au.add_task(store, plan, "两行\n标题")
    with pytest.raises(UserError, match="章节序号过长"):
        au.add_section(store, plan, "章节", no="一" * 30)
    task = au.add_task(store, plan, "任务", text="第一段\n第二段")
    with pytest.raises(UserError, match="有限"):
        au.add_target(store, task, metric="指标", value="inf")
    with pytest.raises(UserError, match="已有发文字号"):
        au.create_plan(store, "另一个", doc_no="手〔2027〕1号")
    with pytest.raises(UserError, match="未知的职责"):
        au.set_unit_role(store, au.item_of(store, task), _unit(store, "市政数局"), "主办")
    before = store.db.execute("SELECT count(*) FROM change_log").fetchone()
    with pytest.raises(UserError):
        au.edit_task(store, task, title="")
    assert store.db.execute("SELECT count(*) FROM change_log").fetchone() == before


def test_member_is_refused_before_anything_is_queued(store: Store) -> None:
    plan = au.create_plan(store, "手工计划")
    before = store.pending_changes()
    with store.db.atomic():
        for key, value in (("username", "gongxin"), ("role", "member"), ("unit", "市工信局")):
            store.db.execute("INSERT INTO sync_state (key, value) VALUES (?, ?)", [key, value])
    with pytest.raises(UserError, match="只有协调员可以修改计划结构"):
        au.add_task(store, plan, "成员加的任务")
    assert store.pending_changes() == before
    assert not store.db.execute("SELECT 1 FROM task").fetchone()


def test_copy_plan_as_template_and_export_round_trip(store: Store, tmp_path) -> None:
    source = store.import_plan(small_plan()).plan_id
    copy = au.copy_plan(store, source, title="测试行动计划（2025年）", doc_no="测府发〔2025〕1号")
    rows = store.db.execute(
        "SELECT t.no, t.title, count(a.id) FROM task t JOIN item i ON i.task_id = t.id"
        " LEFT JOIN assignment a ON a.item_id = i.id WHERE t.plan_id = ? GROUP BY t.id ORDER BY t.no",
        [copy],
    ).fetchall()
    assert rows == [(1, "任务一", 2), (2, "任务二", 2)]
    task = store.db.execute("SELECT id FROM task WHERE plan_id = ? AND no = 1", [copy]).fetchone()[
        0
    ]
    au.edit_task(store, task, deadline="2025-12-31", basis="年度安排")
    data = exchange.export_data(store.db)
    exported = next(p for p in data["plans"] if p["id"] == copy)
    assert exported["tasks"][0]["deadline"] == "2025-12-31"
    assert any(c["basis"] == "年度安排" for c in exported["changes"])
    other = Store.open(tmp_path / "other.db")
    try:
        exchange.import_data(other, data)
        assert exchange.export_data(other.db) | {"coordination": None} == data | {
            "coordination": None
        }
        assert aq.task_history(other.db, task) == aq.task_history(store.db, task)
    finally:
        other.close()


def test_links_across_levels_and_rollup(store: Store) -> None:
    from datetime import date

    from desktop.models import duban, status_queries
    from desktop.models import status as st

    province = au.create_plan(store, "省级行动计划", doc_no="省〔2024〕1号")
    upper = au.add_task(store, province, "建设算力网络")
    city = au.create_plan(store, "市级分解方案", doc_no="市〔2024〕2号")
    done_task = au.add_task(store, city, "市级算力中心")
    late_task = au.add_task(store, city, "县级节点")
    unit = _unit(store, "市政数局")
    for task in (done_task, late_task):
        au.set_unit_role(store, au.item_of(store, task), unit, "lead")
        au.link_task(store, task, upper, basis="对照省级计划")
    with pytest.raises(UserError, match="另一份"):
        au.link_task(store, late_task, done_task)
    with pytest.raises(UserError, match="循环"):
        au.link_task(store, upper, late_task)
    finished = co.add_milestone(store, done_task, "投运", "2024-03-01")
    co.mark_milestone_done(store, finished, "2024-02-28")
    # 已完成 once the office approves the lead unit's 办结 application (the 督办 rule)
    duban.decide_signoff(store, duban.apply_signoff(store, done_task, unit, "已投运"), True)
    co.add_milestone(store, late_task, "建成", "2024-05-01")
    lower = aq.lower_tasks(store.db, upper)
    assert [(t["title"], t["units"]) for t in lower] == [
        ("市级算力中心", [{"name": "市政数局", "role": "lead"}]),
        ("县级节点", [{"name": "市政数局", "role": "lead"}]),
    ]
    today = date(2024, 6, 1)
    assert status_queries.compute_status(store.db, today).tasks[upper].status == st.NOT_SCHEDULED
    au.edit_task(store, upper, rollup=True, basis="由市级汇总")
    snapshot = status_queries.compute_status(store.db, today)
    assert snapshot.tasks[upper].status == st.OVERDUE  # the worst lower-level task
    assert aq.lower_task_statuses(store.db, upper, snapshot)[done_task] == st.DONE
    lines = [h["summary"] for h in aq.task_history(store.db, late_task)]
    assert "关联上级任务 《省〔2024〕1号》任务1“建设算力网络”" in lines
    assert any("进度方式 直接填报 → 由下级任务汇总" in h["summary"]
               for h in aq.task_history(store.db, upper))  # fmt: skip
    # deleting the higher-level task unlinks (logged), the link history stays
    au.delete_task(store, upper)
    assert store.db.execute(
        "SELECT parent_task_id FROM task WHERE id = ?", [late_task]
    ).fetchone() == (None,)
