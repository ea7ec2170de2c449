"""Archived tasks (removed from a revised plan, kept with their records) count nowhere —
status totals, dashboard, 催报 / 未签收 lists, the all-units lights, briefings, ledger,
targets — but stay visible in the plan view (matrix rows), `milestone list` and history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.briefing.overview_data import overview_data
from desktop.briefing.scope import load_scope
from desktop.cli import main
from desktop.ledger.data import load_ledger
from desktop.models import authoring as au
from desktop.models import authoring_queries as aq
from desktop.models import coordination as co
from desktop.models import coordination_views as cv
from desktop.models import duban_queries as dq
from desktop.models import queries, report_queries, status_queries
from desktop.models import status as st
from desktop.models.store import Store
from desktop.models.unit_lights import unit_lights

TODAY = date(2024, 6, 30)


@pytest.fixture
def plan(store: Store) -> dict[str, str]:
    """Two tasks led by 市政数局; task 2 overdue, reported, with a missed target."""
    plan_id = au.create_plan(store, "重点工作台账", doc_no="台账〔2024〕1号")
    with store.action("add_unit") as tx:
        unit = store._create_unit(tx, "市政数局", "bureau")
    kept = au.add_task(store, plan_id, "建设政务云")
    removed = au.add_task(store, plan_id, "建设算力中心")
    for task in (kept, removed):
        au.set_unit_role(store, au.item_of(store, task), unit, "lead")
    co.add_milestone(store, removed, "主体完工", "2024-05-01")
    co.add_report(store, removed, unit, period="2024-06", percent=10, text="滞后")
    target = au.add_target(store, removed, metric="算力规模", value=300, deadline="2024-06-01")
    co.add_target_value(store, target, 100, "2024-06-01")
    return {"plan": plan_id, "unit": unit, "kept": kept, "removed": removed}


def _archive(store: Store, task_id: str) -> None:
    removal = au.delete_task(store, task_id, basis="修订版")
    assert removal.archived  # records were kept: archived, not deleted


def test_status_dashboard_and_targets_leave_archived_tasks_out(store: Store, plan) -> None:
    before = status_queries.compute_status(store.db, TODAY)
    assert before.tasks[plan["removed"]].status == st.OVERDUE  # counted while active
    assert cv.target_overview(store.db, TODAY)
    _archive(store, plan["removed"])
    snap = status_queries.compute_status(store.db, TODAY)
    assert set(snap.tasks) == {plan["kept"]}
    assert not [m for m in snap.milestones.values() if m.status == st.OVERDUE]
    result = cv.overview(store.db, TODAY, period="2024-06")
    dash = result["dashboard"]
    assert sum(sum(e["counts"].values()) for e in dash["by_section"].values()) == 1
    assert dash["overdue"] == [] and result["targets"] == []
    assert cv.target_overview(store.db, TODAY) == []


def test_status_cli_counts_and_milestone_list_shows_it_archived(
    capsys, db_path: Path, store: Store, plan
) -> None:
    _archive(store, plan["removed"])
    assert main(["status", "--db", str(db_path), "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "逾期 0" in out and "未排期 1" in out and "逾期里程碑（0）" in out
    assert "量化目标" not in out  # the archived task's missed target is not counted
    code = main(["milestone", "list", "--db", str(db_path), "--task", "2"])
    assert code == 0
    assert "[已归档] 任务2 主体完工  时限 2024-05-01" in capsys.readouterr().out


def test_reminder_lists_leave_archived_tasks_out(store: Store, plan) -> None:
    def reminded() -> set[str]:
        missing = report_queries.missing_reports(store.db, "2024-07")
        due = dq.report_round(store.db, date(2024, 7, 31)).entries
        unsigned = dq.unsigned(store.db)
        return (
            set(missing.by_task) | {e.task_id for e in due} | {row["task_id"] for row in unsigned}
        )

    assert reminded() == {plan["kept"], plan["removed"]}
    _archive(store, plan["removed"])
    assert reminded() == {plan["kept"]}
    assert report_queries.missing_reports(store.db, "2024-07").expected == 1


def test_unit_lights_briefing_and_ledger_leave_archived_tasks_out(store: Store, plan) -> None:
    (row,) = unit_lights(store.db, TODAY).rows
    assert (row.tasks, row.light) == (2, "red")
    _archive(store, plan["removed"])
    (row,) = unit_lights(store.db, TODAY).rows
    assert (row.tasks, row.counts[st.OVERDUE], row.light) == (1, 0, "green")
    scope = load_scope(store.db, TODAY, plan_ids=[plan["plan"]])
    assert [t.task_id for t in scope.tasks] == [plan["kept"]]
    counts = overview_data(scope).counts
    assert (counts.total, counts.overdue, counts.with_percent) == (1, 0, 0)
    ledger = load_ledger(store.db, TODAY)
    assert [r.task_id for r in ledger.rows] == [plan["kept"]]
    summary = next(u for u in queries.unit_summaries(store.db) if u["name"] == "市政数局")
    assert summary["lead"] == 1


def test_archived_task_stays_visible_in_plan_view_and_history(store: Store, plan) -> None:
    _archive(store, plan["removed"])
    rows = queries.matrix(store.db).rows
    assert [(r.task_id, r.archived) for r in rows] == [
        (plan["kept"], False),
        (plan["removed"], True),
    ]
    assert any("已归档" in h["summary"] for h in aq.task_history(store.db, plan["removed"]))
    assert queries.task_detail(store.db, plan["removed"])["archived"] == date.today().isoformat()


def test_dashboard_tiles_leave_archived_tasks_out(qtbot, store: Store, plan) -> None:
    from desktop.views.coordination.dashboard import Dashboard

    _archive(store, plan["removed"])
    dashboard = Dashboard()
    qtbot.addWidget(dashboard)
    dashboard.set_overview(cv.overview(store.db, TODAY, period="2024-07"))
    assert sum(dashboard.status_totals().values()) == 1
    assert dashboard.status_totals()[st.OVERDUE] == 0
    assert dashboard.tiles["missing"].value.text() == "1"  # 市政数局, for the kept task only
