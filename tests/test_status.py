"""Status rules, aggregation and risk propagation on real SQLite files."""

from __future__ import annotations

import re
from datetime import date

import pytest

from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import (
    messages,
    milestone_queries,
    status_queries,
    target_queries,
    workspace_queries,
)
from desktop.models import status as st
from desktop.models.store import Store
from tests.helpers.plans import small_plan

TODAY = date(2024, 6, 1)


@pytest.fixture
def plan(store: Store) -> dict[str, str]:
    store.import_plan(small_plan())
    ids = {f"t{no}": tid for tid, no in store.db.execute("SELECT id, no FROM task")}
    items = store.db.execute(
        "SELECT id FROM item WHERE task_id = ? ORDER BY position", [ids["t2"]]
    ).fetchall()
    ids["i2a"], ids["i2b"] = items[0][0], items[1][0]
    return ids


def status_of(store: Store, ms_id: str, today: date = TODAY, window: int = 14) -> str:
    return status_queries.compute_status(store.db, today, window).milestones[ms_id].status


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        ("2024-05-31", st.OVERDUE),  # yesterday
        ("2024-06-01", st.DUE_SOON),  # due today: due soon, not overdue
        ("2024-06-15", st.DUE_SOON),  # exactly the window (14 days)
        ("2024-06-16", st.ON_TRACK),  # window + 1
    ],
)
def test_milestone_status_boundaries(store: Store, plan, due: str, expected: str) -> None:
    ms = co.add_milestone(store, plan["t1"], "节点", due)
    assert status_of(store, ms) == expected


def test_window_is_configurable(store: Store, plan) -> None:
    ms = co.add_milestone(store, plan["t1"], "节点", "2024-06-08")
    assert status_of(store, ms, window=7) == st.DUE_SOON
    assert status_of(store, ms, window=6) == st.ON_TRACK


def test_not_scheduled_and_no_milestones(store: Store, plan) -> None:
    ms = co.add_milestone(store, plan["t1"], "待定节点", None)
    snap = status_queries.compute_status(store.db, TODAY)
    assert snap.milestones[ms].status == st.NOT_SCHEDULED
    assert snap.tasks[plan["t2"]].status == st.NOT_SCHEDULED  # no milestones at all


def test_extension_moves_effective_due_but_keeps_original(store: Store, plan) -> None:
    ms = co.add_milestone(store, plan["t1"], "节点", "2024-05-20")
    assert status_of(store, ms) == st.OVERDUE
    co.extend_milestone(store, ms, "2024-06-10", "资金未到位")
    co.extend_milestone(store, ms, "2024-07-31", "再次延期")
    state = status_queries.compute_status(store.db, TODAY).milestones[ms]
    assert (state.status, state.original_due, state.effective_due) == (
        st.ON_TRACK,
        "2024-05-20",
        "2024-07-31",
    )
    assert state.extension_count == 2 and state.late_vs_original
    olds = [
        e["old_due"] for e in milestone_queries.milestones(store.db, plan["t1"])[0]["extensions"]
    ]
    assert olds == ["2024-05-20", "2024-06-10"]


def test_done_late_is_done_but_flagged(store: Store, plan) -> None:
    late = co.add_milestone(store, plan["t1"], "晚了", "2024-05-10")
    on_time = co.add_milestone(store, plan["t1"], "按时", "2024-05-10")
    co.mark_milestone_done(store, late, "2024-05-11")
    co.mark_milestone_done(store, on_time, "2024-05-10")
    snap = status_queries.compute_status(store.db, TODAY)
    assert snap.milestones[late].status == st.DONE and snap.milestones[late].done_late
    assert not snap.milestones[on_time].done_late
    # every milestone done: 待销号 until the office approves the 办结 application
    assert snap.tasks[plan["t1"]].status == st.AWAITING_SIGNOFF


def test_worst_of_aggregation(store: Store, plan) -> None:
    a = co.add_milestone(store, plan["t2"], "甲", "2024-07-30", item_id=plan["i2a"])
    co.add_milestone(store, plan["t2"], "乙", "2024-06-05", item_id=plan["i2b"])
    snap = status_queries.compute_status(store.db, TODAY)
    assert snap.items[plan["i2a"]].status == st.ON_TRACK
    assert snap.items[plan["i2b"]].status == st.DUE_SOON
    assert snap.tasks[plan["t2"]].status == st.DUE_SOON
    co.mark_milestone_done(store, a, "2024-05-01")
    co.add_milestone(store, plan["t2"], "丙", "2024-05-01", item_id=plan["i2a"])
    snap = status_queries.compute_status(store.db, TODAY)
    assert snap.items[plan["i2a"]].status == st.OVERDUE
    assert snap.tasks[plan["t2"]].status == st.OVERDUE
    # a task-level milestone counts for every item of the task
    co.add_milestone(store, plan["t1"], "总体", "2024-05-01")
    snap = status_queries.compute_status(store.db, TODAY)
    item_t1 = store.db.execute("SELECT id FROM item WHERE task_id = ?", [plan["t1"]]).fetchone()[0]
    assert snap.items[item_t1].status == st.OVERDUE


def test_worst_order() -> None:
    assert st.worst([st.DONE, st.DONE]) == st.DONE
    assert st.worst([st.DONE, st.NOT_SCHEDULED]) == st.NOT_SCHEDULED
    assert st.worst([st.ON_TRACK, st.NOT_SCHEDULED, st.DONE]) == st.ON_TRACK
    assert st.worst([st.ON_TRACK, st.OVERDUE, st.DUE_SOON]) == st.OVERDUE
    assert st.worst([]) == st.NOT_SCHEDULED


def _three_tasks(store: Store) -> dict[str, str]:
    store.import_plan(small_plan())
    plan2 = small_plan("fp-2", "测府发〔2024〕2号")
    plan2.tasks[0].no, plan2.tasks[1].no = 3, 4
    store.import_plan(plan2)
    return {f"t{no}": tid for tid, no in store.db.execute("SELECT id, no FROM task")}


def test_transitive_blocking_names_root_cause(store: Store) -> None:
    t = _three_tasks(store)
    unit = store.find_unit("市政数局")
    root = co.add_milestone(store, t["t1"], "算力中心投运", "2024-05-20", owner_unit_id=unit)
    co.add_milestone(store, t["t2"], "数智云扩容", "2024-09-01")
    co.add_milestone(store, t["t3"], "应用上线", "2024-12-01")
    co.add_milestone(store, t["t4"], "无关", "2024-12-01")
    co.add_dependency(store, ("task", t["t1"]), ("task", t["t2"]))
    co.add_dependency(store, ("task", t["t2"]), ("task", t["t3"]), 10)
    snap = status_queries.compute_status(store.db, TODAY)
    for key in ("t2", "t3"):
        (cause,) = snap.tasks[t[key]].risks
        assert cause.root_milestone_id == root and cause.reason == "overdue"
        assert messages.risk_text(cause) == "受阻：市政数局 算力中心投运"
    # two plans are loaded: every label carries its plan's 发文字号
    a, b = "测府发〔2024〕1号 ", "测府发〔2024〕2号 "
    assert snap.chain_text(snap.tasks[t["t3"]].risks[0]) == (
        f"{a}任务1“算力中心投运” → {a}任务1 → {a}任务2 → {b}任务3"
    )
    assert not snap.tasks[t["t4"]].risks and not snap.tasks[t["t1"]].risks
    assert [(b.unit_name, len(b.blocked_task_ids)) for b in snap.blocking] == [("市政数局", 2)]
    # once the root is done, nothing is blocked any more
    co.mark_milestone_done(store, root, "2024-05-25")
    snap = status_queries.compute_status(store.db, TODAY)
    assert snap.at_risk("task") == [] and snap.blocking == []


def test_slip_past_successor_start_with_lag(store: Store) -> None:
    t = _three_tasks(store)
    pred = co.add_milestone(store, t["t1"], "前置", "2024-07-01")
    co.add_milestone(store, t["t2"], "后续", "2024-07-10")
    co.add_dependency(store, ("milestone", pred), ("task", t["t2"]), 9)
    assert (
        not status_queries.compute_status(store.db, TODAY).tasks[t["t2"]].risks
    )  # 07-01+9 = 07-10
    co.extend_milestone(store, pred, "2024-07-02", "推迟一天")
    (cause,) = status_queries.compute_status(store.db, TODAY).tasks[t["t2"]].risks
    assert (cause.root_milestone_id, cause.reason) == (pred, "slip")
    # the unit falls back to the lead unit of the task's item
    assert cause.root_unit_name == "市政数局"


def test_cycle_is_refused_naming_the_cycle(store: Store) -> None:
    t = _three_tasks(store)
    co.add_dependency(store, ("task", t["t1"]), ("task", t["t2"]))
    co.add_dependency(store, ("task", t["t2"]), ("task", t["t3"]))
    before = store.db.execute("SELECT count(*) FROM change_log").fetchone()[0]
    a, b = "测府发〔2024〕1号 ", "测府发〔2024〕2号 "  # two plans: labels name the plan
    cycle = f"依赖形成循环：{a}任务1 → {a}任务2 → {b}任务3 → {a}任务1"
    with pytest.raises(co.UserError, match=re.escape(cycle)):
        co.add_dependency(store, ("task", t["t3"]), ("task", t["t1"]))
    ms = co.add_milestone(store, t["t3"], "节点", "2024-07-01")
    with pytest.raises(co.UserError, match="循环"):  # through the milestone's task
        co.add_dependency(store, ("milestone", ms), ("task", t["t1"]))
    with pytest.raises(co.UserError, match="自己"):
        co.add_dependency(store, ("task", t["t3"]), ("milestone", ms))
    assert store.db.execute("SELECT count(*) FROM change_log").fetchone()[0] == before + 1
    assert store.db.execute("SELECT count(*) FROM dependency").fetchone()[0] == 2


def test_late_against_original_survives_extension(store: Store, plan) -> None:
    extended = co.add_milestone(store, plan["t1"], "延期节点", "2024-05-20")
    co.extend_milestone(store, extended, "2024-07-31", "设备延迟")
    finished_late = co.add_milestone(store, plan["t1"], "晚完成", "2024-05-10")
    co.mark_milestone_done(store, finished_late, "2024-05-12")
    on_time = co.add_milestone(store, plan["t1"], "按时", "2024-05-10")
    co.mark_milestone_done(store, on_time, "2024-05-10")
    co.add_milestone(store, plan["t1"], "逾期", "2024-05-30")  # in the overdue list already
    snap = status_queries.compute_status(store.db, TODAY)
    assert snap.milestones[extended].status == st.ON_TRACK
    late = status_queries.late_against_original(snap)
    assert [m.id for m in late] == [finished_late, extended]  # by original date
    assert workspace_queries.dashboard(store.db, snapshot=snap)["late_vs_original"] == late


# -- design §4: no desktop clock picks a winner ------------------------------------


def test_effective_due_is_current_due_not_the_latest_recorded_at(store: Store, plan) -> None:
    ms = co.add_milestone(store, plan["t1"], "节点", "2024-05-20")
    first = co.extend_milestone(store, ms, "2024-06-10", "资金未到位")
    co.extend_milestone(store, ms, "2024-07-31", "再次延期")
    # A skewed clock on the second desktop: the later extension looks older.
    store.db.execute(
        "UPDATE milestone_extension SET recorded_at = '2099-01-01T00:00:00.000+00:00' WHERE id = ?",
        [first],
    )
    row = store.db.execute("SELECT due, current_due FROM milestone WHERE id = ?", [ms]).fetchone()
    assert row == ("2024-05-20", "2024-07-31")
    assert (
        status_queries.compute_status(store.db, TODAY).milestones[ms].effective_due == "2024-07-31"
    )
    assert co.effective_due(store, ms) == "2024-07-31"


def test_remove_extension_and_its_undo_keep_current_due(store: Store, plan) -> None:
    ms = co.add_milestone(store, plan["t1"], "节点", "2024-05-20")
    co.extend_milestone(store, ms, "2024-06-10", "一")
    second = co.extend_milestone(store, ms, "2024-07-31", "二")
    logged = store.db.execute(
        "SELECT count(*) FROM change_log WHERE tbl = 'milestone' AND record_id = ?", [ms]
    ).fetchone()[0]
    assert logged == 3  # insert + two current_due updates: they travel with the extension
    snapshot = co.remove_extension(store, second)
    assert co.effective_due(store, ms) == "2024-06-10"
    co.restore(store, snapshot)
    assert co.effective_due(store, ms) == "2024-07-31"
    for ext in [
        e["id"] for e in milestone_queries.milestones(store.db, plan["t1"])[0]["extensions"]
    ][::-1]:
        co.remove_extension(store, ext)
    row = store.db.execute("SELECT due, current_due FROM milestone WHERE id = ?", [ms]).fetchone()
    assert row == ("2024-05-20", None)
    assert status_of(store, ms) == st.OVERDUE


def test_migration_fills_current_due_from_the_latest_extension(db_path) -> None:
    store = Store.open(db_path)
    store.import_plan(small_plan())
    t1 = cq.resolve_task(store.db, 1)
    ms = co.add_milestone(store, t1, "节点", "2024-05-20")
    co.extend_milestone(store, ms, "2024-06-10", "一")
    co.extend_milestone(store, ms, "2024-07-31", "二")
    # Back to a database from before 0101: no current_due column.
    with store.db.conn:
        # (and from before coord_0001, whose trigger names every report column)
        store.db.execute("DROP TRIGGER report_append_only")
        store.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'coord_0001_append_only'")
        # (and from before indexes_0003, whose index is on current_due)
        store.db.execute("DROP INDEX milestone_current_due")
        store.db.execute(
            "DELETE FROM _sqlite_migrations WHERE name = 'indexes_0003_milestone_current_due'"
        )
        store.db.execute("ALTER TABLE milestone DROP COLUMN current_due")
        store.db.execute("ALTER TABLE report DROP COLUMN also_supersedes")
        store.db.execute(
            "DELETE FROM _sqlite_migrations WHERE name = '0101_coordination_clock_free'"
        )
    store.close()
    store = Store.open(db_path)
    try:
        row = store.db.execute("SELECT current_due FROM milestone WHERE id = ?", [ms]).fetchone()
        assert row == ("2024-07-31",)
        assert store.db.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'milestone_current_due'"
        ).fetchone()
        assert (
            status_queries.compute_status(store.db, TODAY).milestones[ms].effective_due
            == "2024-07-31"
        )
    finally:
        store.close()


def _raw_dependency(store: Store, pred: tuple[str, str], succ: tuple[str, str]) -> str:
    """A dependency as it arrives by sync: no local cycle check."""
    with store.action("test_sync_dependency") as tx:
        return tx.insert(
            "dependency",
            {"pred_kind": pred[0], "pred_id": pred[1], "succ_kind": succ[0],
             "succ_id": succ[1], "lag_days": 0},
        )  # fmt: skip


def test_cycle_from_sync_is_reported_and_blocks_nothing(store: Store, plan) -> None:
    late = co.add_milestone(store, plan["t1"], "标准", "2024-05-01")  # overdue
    co.add_milestone(store, plan["t2"], "上线", "2024-09-01")
    co.add_dependency(store, ("task", plan["t1"]), ("task", plan["t2"]))
    snap = status_queries.compute_status(store.db, TODAY)
    assert snap.cycles == [] and snap.tasks[plan["t2"]].risks  # t1 overdue blocks t2
    back = _raw_dependency(store, ("task", plan["t2"]), ("task", plan["t1"]))
    snap = status_queries.compute_status(store.db, TODAY)
    assert snap.cycles == ["任务1 → 任务2 → 任务1"]
    assert len(snap.cycle_dependency_ids) == 2 and back in snap.cycle_dependency_ids
    for node in (*snap.tasks.values(), *snap.items.values(), *snap.milestones.values()):
        assert not node.risks, node
    assert snap.blocking == []
    assert workspace_queries.dashboard(store.db, TODAY)["cycles"] == ["任务1 → 任务2 → 任务1"]
    assert snap.milestones[late].status == st.OVERDUE  # the dates still count


def test_a_task_depending_on_itself_by_sync_is_a_cycle_of_one(store: Store, plan) -> None:
    """``add_dependency`` refuses it, but a sync can bring one in: reported, not a crash."""
    co.add_milestone(store, plan["t1"], "标准", "2024-05-01")
    own = _raw_dependency(store, ("task", plan["t1"]), ("task", plan["t1"]))
    snap = status_queries.compute_status(store.db, TODAY)
    assert snap.cycles == ["任务1 → 任务1"]
    assert own in snap.cycle_dependency_ids
    assert workspace_queries.dashboard(store.db, TODAY)["cycles"] == ["任务1 → 任务1"]


def test_cycle_through_a_milestone_and_outside_edges_still_propagate(store: Store, plan) -> None:
    std = co.add_milestone(store, plan["t1"], "标准", "2024-05-01")  # overdue
    co.add_milestone(store, plan["t2"], "上线", "2024-09-01")
    # t1's milestone → item 2-1 (fine) and item 2-1 → t1 (closes a loop via t1's milestone)
    co.add_dependency(store, ("milestone", std), ("item", plan["i2a"]))
    _raw_dependency(store, ("item", plan["i2a"]), ("task", plan["t1"]))
    snap = status_queries.compute_status(store.db, TODAY)
    assert snap.cycles == ["任务1 → 任务1“标准” → 任务2-1 → 任务1"]
    assert not snap.tasks[plan["t1"]].risks  # never blocked by itself
    # an edge outside the cycle still carries risk
    co.add_milestone(store, plan["t2"], "验收", "2024-10-01")
    _raw_dependency(store, ("milestone", std), ("item", plan["i2b"]))
    snap = status_queries.compute_status(store.db, TODAY)
    assert [c.root_milestone_id for c in snap.items[plan["i2b"]].risks] == [std]
    assert not snap.tasks[plan["t1"]].risks


def test_same_day_target_values_are_flagged_and_ordered_by_id(store: Store, plan) -> None:
    with store.action("test_target") as tx:
        tx.insert(
            "target",
            {"id": "g1", "task_id": plan["t1"], "text": "基站", "metric": "基站",
             "comparator": ">=", "value": 100, "uom": "个"},
        )  # fmt: skip
    a = co.add_target_value(store, "g1", 60, "2024-06-30")
    b = co.add_target_value(store, "g1", 70, "2024-06-30")
    p = target_queries.target_progress(store.db, "g1")
    assert [v["id"] for v in p["history"]] == sorted([a, b])
    assert p["latest"]["id"] == max(a, b)
    assert sorted(v["value"] for v in p["latest_contested"]) == [60.0, 70.0]
    co.add_target_value(store, "g1", 80, "2024-07-31")
    p = target_queries.target_progress(store.db, "g1")
    assert p["latest"]["value"] == 80.0 and p["latest_contested"] == []
