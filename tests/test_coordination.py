"""Coordination store actions: validation, undo, reports, targets, 催报, JSON round trip."""

from __future__ import annotations

import json

import pytest

from desktop.errors import UserError
from desktop.exchange_coordination import export_coordination, import_coordination
from desktop.importer import parse_file
from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import milestone_queries, report_queries, target_queries
from desktop.models.store import Store
from tests.helpers.plans import small_plan


def log_count(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM change_log").fetchone()[0]


@pytest.fixture
def demo(store: Store, seed_path) -> Store:
    store.import_plan(parse_file(seed_path))
    return store


def task(store: Store, no: int) -> str:
    return cq.resolve_task(store.db, no)


def test_milestone_validation_writes_nothing(demo: Store) -> None:
    before = log_count(demo)
    with pytest.raises(UserError, match="不能为空"):
        co.add_milestone(demo, task(demo, 5), "  ", "2024-06-30")
    with pytest.raises(UserError, match="不是有效日期"):
        co.add_milestone(demo, task(demo, 5), "节点", "2024-02-30")
    with pytest.raises(co.NeedsConfirmation, match="2023-04-06"):
        co.add_milestone(demo, task(demo, 5), "节点", "2023-01-01")
    assert log_count(demo) == before
    ms = co.add_milestone(
        demo, task(demo, 5), "节点", "2023年1月1日", confirm_before_plan_date=True
    )
    assert demo.db.execute("SELECT due FROM milestone WHERE id = ?", [ms]).fetchone()[0] == (
        "2023-01-01"
    )


def test_update_returns_inverse_and_delete_restores_same_ids(demo: Store) -> None:
    t5, t27 = task(demo, 5), task(demo, 27)
    ms = co.add_milestone(demo, t5, "算力中心投运", "2024-06-30")
    co.add_dependency(demo, ("milestone", ms), ("task", t27), 5)
    old = co.update_milestone(demo, ms, title="算力中心一期投运", note="一期")
    assert old == {"title": "算力中心投运", "note": ""}
    co.update_milestone(demo, ms, **old)  # undo
    assert milestone_queries.milestones(demo.db, t5)[0]["title"] == "算力中心投运"
    assert co.mark_milestone_done(demo, ms, "2024-06-29") is None
    assert co.mark_milestone_done(demo, ms, None) == "2024-06-29"  # undo: reopen
    co.extend_milestone(demo, ms, "2024-08-31", "设备延迟")
    with pytest.raises(UserError, match="延期"):
        co.update_milestone(demo, ms, due="2024-09-30")
    before = export_coordination(demo.db)
    snapshot = co.delete_milestone(demo, ms)
    assert demo.db.execute("SELECT count(*) FROM dependency").fetchone()[0] == 0
    assert demo.db.execute("SELECT count(*) FROM milestone_extension").fetchone()[0] == 0
    co.restore(demo, snapshot)
    assert export_coordination(demo.db) == before


def test_reports_are_append_only(demo: Store) -> None:
    t1 = task(demo, 1)
    unit = demo.find_unit("市城管局")
    target = cq.resolve_target(demo.db, t1)
    first = co.add_report(demo, t1, unit, period="2024-06", text="推进中", percent=40,
                          figures={target: 9000})  # fmt: skip
    second = co.correct_report(demo, first, percent=45)
    with pytest.raises(UserError, match="更正过"):
        co.correct_report(demo, first, percent=50)
    history = report_queries.report_history(demo.db, t1)
    assert [(r["id"], r["percent"], r["current"]) for r in history] == [
        (first, 40.0, False),
        (second, 45.0, True),
    ]
    assert history[0]["superseded_by"] == second
    assert history[1]["figures"] == {target: 9000.0} and history[1]["text"] == "推进中"
    kinds = demo.db.execute("SELECT DISTINCT kind FROM change_log WHERE tbl = 'report'").fetchall()
    assert kinds == [("insert",)]  # never updated or deleted
    with pytest.raises(UserError, match="分工"):
        co.add_report(demo, t1, demo.find_unit("市卫健委"), period="2024-06", text="x")
    with pytest.raises(UserError, match="0 到 100"):
        co.add_report(demo, t1, unit, period="2024-06", percent=120)
    with pytest.raises(UserError, match="填报期"):
        co.add_report(demo, t1, unit, period="2024-13", percent=10)


def test_retract_only_before_sync(demo: Store) -> None:
    t1, unit = task(demo, 1), demo.find_unit("市城管局")
    report = co.add_report(demo, t1, unit, period="2024-06", text="误报")
    co.retract_report(demo, report)
    assert report_queries.report_history(demo.db, t1) == []
    report = co.add_report(demo, t1, unit, period="2024-06", text="已同步")
    demo.db.execute("UPDATE change_log SET acked_seq = 1 WHERE record_id = ?", [report])
    with pytest.raises(UserError, match="已同步"):
        co.retract_report(demo, report)


def test_target_progress_with_comparators(demo: Store) -> None:
    t1 = task(demo, 1)
    target = cq.resolve_target(demo.db, t1)  # 5G基站 >= 13000
    co.add_target_value(demo, target, 9000, "2024-03-31", unit_id=demo.find_unit("市通信办"))
    co.add_target_value(demo, target, 11700, "2024-06-30")
    p = target_queries.target_progress(demo.db, target)
    assert [v["value"] for v in p["history"]] == [9000.0, 11700.0]
    assert (p["latest"]["as_of"], p["percent"], p["gap"], p["met"]) == (
        "2024-06-30", 90.0, 1300.0, False,
    )  # fmt: skip
    assert p["history"][0]["unit_name"] == "市通信办"
    assert target_queries.progress_toward(">=", 13000, 13000) == (100.0, 0.0, True)
    assert target_queries.progress_toward(">", 1.0, 1.0) == (100.0, 0.0, False)
    assert target_queries.progress_toward(">", 1.0, 1.5) == (150.0, 0.0, True)
    assert target_queries.progress_toward("<=", 0.5, 0.8) == (62.5, pytest.approx(0.3), False)
    assert target_queries.progress_toward("<=", 0.5, 0.4) == (100.0, 0.0, True)
    with pytest.raises(UserError, match="不是数字"):
        co.add_target_value(demo, target, "许多", "2024-06-30")


def test_missing_reports(store: Store) -> None:
    store.import_plan(small_plan())
    t1, t2 = cq.resolve_task(store.db, 1), cq.resolve_task(store.db, 2)
    zsj, gxj = store.find_unit("市政数局"), store.find_unit("市工信局")
    # expected: t1 lead 市政数局, t2-1 lead 市工信局, t2-2 responsible 市政数局
    # (市工信局 only supports task 1: support units are not chased)
    missing = report_queries.missing_reports(store.db, "2024-06")
    assert (missing.expected, missing.reported) == (3, 0)
    assert [label for _id, label in missing.by_unit[zsj]["tasks"]] == ["任务1", "任务2-2"]
    co.add_report(store, t1, zsj, period="2024-06", percent=50)
    co.add_report(store, t2, gxj, period="2024-06", percent=50)  # task level: covers 2-1
    co.add_report(store, t2, zsj, period="2024-05", percent=50)  # other period
    missing = report_queries.missing_reports(store.db, "2024-06")
    assert (missing.expected, missing.reported) == (3, 2)
    assert list(missing.by_unit) == [zsj]
    assert [label for _id, label in missing.by_unit[zsj]["tasks"]] == ["任务2-2"]
    assert [(e["label"], e["units"]) for e in missing.by_task.values()] == [
        ("任务2", [(zsj, "市政数局")])
    ]


def _fill(store: Store) -> None:
    t1, t5, t27 = task(store, 1), task(store, 5), task(store, 27)
    unit = store.find_unit("市政数局")
    ms = co.add_milestone(store, t5, "算力中心投运", "2024-06-30", owner_unit_id=unit, note="注")
    co.extend_milestone(store, ms, "2024-08-31", "设备延迟", recorded_by="张三")
    co.add_milestone(store, t27, "扩容", None)
    co.mark_milestone_done(store, ms, "2024-09-01")
    co.add_dependency(store, ("milestone", ms), ("task", t27), 10)
    target = cq.resolve_target(store.db, t1)
    co.add_target_value(store, target, 11700.5, "2024-06-30", note="季报")
    lead = store.find_unit("市城管局")
    r = co.add_report(store, t1, lead, period="2024-06", text="甲", percent=40, figures={target: 1})
    co.correct_report(store, r, percent=41)


def test_json_round_trip(demo: Store, tmp_path, seed_path) -> None:
    _fill(demo)
    first = export_coordination(demo.db)
    assert {k: len(v) for k, v in first.items()} == {
        "milestone": 2, "milestone_extension": 1, "target_value": 2, "report": 2, "dependency": 1,
        "meeting": 0, "meeting_item": 0, "instruction": 0, "comment": 0, "attachment": 0,
        # the 督办 workflow tables (issue 12) travel too; none filled here
        "report_cycle": 0, "unit_contact": 0, "signin": 0, "signoff": 0, "signoff_decision": 0,
        "extension_request": 0, "extension_decision": 0,
    }  # fmt: skip
    text = json.dumps(first, ensure_ascii=False)
    other = Store.open(tmp_path / "empty.db")
    other.import_plan(parse_file(seed_path))
    with other.action("import_json") as tx:
        counts = import_coordination(tx, json.loads(text))
    assert counts["report"] == 2
    assert export_coordination(other.db) == first
    with other.action("import_json") as tx:  # importing again adds nothing
        assert set(import_coordination(tx, json.loads(text)).values()) == {0}
    with pytest.raises(UserError, match="格式"), other.action("import_json") as tx:
        import_coordination(tx, {"milestone": "坏"})
    other.close()


def test_delete_plan_logs_coordination_deletes(demo: Store) -> None:
    _fill(demo)
    plan_id = cq.resolve_plan(demo.db)
    demo.delete_plan(plan_id)
    assert all(rows == [] for rows in export_coordination(demo.db).values())
    deleted = demo.db.execute(
        "SELECT tbl, count(*) FROM change_log WHERE action = 'delete_plan' AND tbl IN"
        " ('milestone', 'report', 'dependency') GROUP BY tbl ORDER BY tbl"
    ).fetchall()
    assert deleted == [("dependency", 1), ("milestone", 2), ("report", 2)]


def test_author_defaults_to_the_sync_account_then_the_login_name(demo: Store) -> None:
    import getpass

    from sync import apply as sync_apply

    t1, unit = task(demo, 1), demo.find_unit("市城管局")
    first = co.add_report(demo, t1, unit, period="2024-06", text="推进中", percent=40)
    author = demo.db.execute("SELECT author FROM report WHERE id = ?", [first]).fetchone()[0]
    assert author == getpass.getuser()
    with demo.db.atomic():
        sync_apply.set_state(demo.db, "username", "lisi")
    second = co.correct_report(demo, first, percent=45)
    author = demo.db.execute("SELECT author FROM report WHERE id = ?", [second]).fetchone()[0]
    assert author == "lisi"
    ms = co.add_milestone(demo, t1, "新建基站", "2026-12-31")
    ext = co.extend_milestone(demo, ms, "2027-03-31", "设备到货延迟")
    by = demo.db.execute(
        "SELECT recorded_by FROM milestone_extension WHERE id = ?", [ext]
    ).fetchone()[0]
    assert by == "lisi"


def _synced_correction(store: Store, of: str, percent: float, created_at: str) -> str:
    """A correction as it arrives from another desktop (its own clock, no local check)."""
    old = store.db.execute("SELECT * FROM report WHERE id = ?", [of]).fetchone()
    cols = [d[0] for d in store.db.execute("SELECT * FROM report LIMIT 0").description]
    row = dict(zip(cols, old, strict=True))
    row.pop("id")
    row.update(percent=percent, created_at=created_at, supersedes_id=of, also_supersedes="[]")
    with store.action("test_synced_report") as tx:
        return tx.insert("report", row)


def test_concurrent_corrections_are_a_visible_fork(demo: Store) -> None:
    t1, unit = task(demo, 1), demo.find_unit("市城管局")
    first = co.add_report(demo, t1, unit, period="2024-06", text="推进中", percent=40)
    mine = co.correct_report(demo, first, percent=60)
    # the other desktop's clock is far behind: it must not matter
    theirs = _synced_correction(demo, first, 70, "2000-01-01T00:00:00.000+00:00")
    history = {r["id"]: r for r in report_queries.report_history(demo.db, t1)}
    assert [history[i]["current"] for i in (first, mine, theirs)] == [False, True, True]
    assert history[mine]["contested_with"] == [theirs]
    assert history[theirs]["contested_with"] == [mine]
    assert report_queries.contested_note(history[mine]) == "有 2 份并行更正，请确认"
    assert not history[first]["contested"]
    assert {r["id"] for r in report_queries.current_reports(demo.db, "2024-06")} == {mine, theirs}
    missing = report_queries.missing_reports(demo.db, "2024-06")
    assert all(t1 not in [tid for tid, _ in e["tasks"]] for e in missing.by_unit.values())
    # correcting the superseded original is refused and names the current ones
    before = log_count(demo)
    with pytest.raises(UserError, match="已被更正过，现行的是") as info:
        co.correct_report(demo, first, percent=80)
    assert cq.short_id(mine) in str(info.value) and cq.short_id(theirs) in str(info.value)
    assert log_count(demo) == before
    # a correction of one fork member supersedes both: the fork is closed
    final = co.correct_report(demo, theirs, percent=65)
    history = {r["id"]: r for r in report_queries.report_history(demo.db, t1)}
    assert [r["id"] for r in history.values() if r["current"]] == [final]
    assert history[mine]["superseded_by"] == final and history[theirs]["superseded_by"] == final
    assert history[final]["also_supersedes"] == [mine] and not history[final]["contested"]
    with pytest.raises(UserError, match="已同步或已被更正"):
        co.retract_report(demo, mine)


def test_two_separate_reports_for_one_period_are_both_current(demo: Store) -> None:
    t1, unit = task(demo, 1), demo.find_unit("市城管局")
    a = co.add_report(demo, t1, unit, period="2024-06", percent=40)
    # a second one here is refused (correct the first); another desktop's arrives by sync
    with pytest.raises(co.AlreadyReported, match="已有填报"):
        co.add_report(demo, t1, unit, period="2024-06", percent=50)
    row = next(demo.db.query("SELECT * FROM report WHERE id = ?", [a]))
    with demo.action("sync_stand_in") as tx:
        b = tx.insert("report", {**row, "id": a + "-other", "percent": 50.0})
    history = report_queries.report_history(demo.db, t1)
    # Same millisecond: their order is not the point; both are current and contested.
    assert {(r["id"], r["current"], r["contested"]) for r in history} == {
        (a, True, True),
        (b, True, True),
    }
    assert report_queries.contested_note(history[0]) == "有 2 份同期填报，请更正其中一条"
    c = co.correct_report(demo, a, percent=45)
    assert [r["id"] for r in report_queries.current_reports(demo.db, "2024-06")] == [c]


def test_report_figures_must_be_finite(demo: Store) -> None:
    t1, unit = task(demo, 1), demo.find_unit("市城管局")
    target = cq.resolve_target(demo.db, t1)
    before = demo.pending_changes()
    for bad in (float("nan"), float("inf")):
        with pytest.raises(UserError, match="无穷大或非数字"):
            co.add_report(demo, t1, unit, period="2024-06", percent=10, figures={target: bad})
    assert demo.pending_changes() == before
