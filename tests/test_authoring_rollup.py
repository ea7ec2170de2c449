"""序时进度 rolled up across levels: a higher-level task set to roll up takes the
lowest percent of its lower-level tasks (status pass, `status`, briefing, detail panel)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.briefing.overview_data import overview_data
from desktop.briefing.scope import BEHIND, load_scope
from desktop.cli import main
from desktop.models import authoring as au
from desktop.models import authoring_queries as aq
from desktop.models import coordination as co
from desktop.models import duban, status_queries
from desktop.models.store import Store
from tests.helpers.levels import rolled_up_levels

TODAY = date(2024, 6, 30)  # calendar-year 序时进度: 50.0 %


@pytest.fixture
def levels(store: Store) -> dict[str, str]:
    return rolled_up_levels(store)


def test_rolled_up_percent_is_the_lowest_of_the_lower_tasks(store: Store, levels) -> None:
    upper = levels["upper"]
    node = status_queries.compute_status(store.db, TODAY).tasks[upper]
    # the task without a percent (quiet) is left out; 30 < 50 → 未达序时
    assert (node.percent, node.rolled_from, node.expected, node.behind) == (30, 2, 50.0, True)
    assert node.colour == "yellow"
    # a finished lower task counts as 100 %
    finished = co.add_milestone(store, levels["slow"], "建成", "2024-05-01")
    co.mark_milestone_done(store, finished, "2024-05-01")
    signoff = duban.apply_signoff(store, levels["slow"], levels["unit"], "已建成")
    duban.decide_signoff(store, signoff, True)
    node = status_queries.compute_status(store.db, TODAY).tasks[upper]
    assert (node.percent, node.rolled_from, node.behind) == (80, 2, False)
    # reported directly again: the task's own (absent) percent, nothing rolled up
    au.edit_task(store, upper, rollup=False)
    node = status_queries.compute_status(store.db, TODAY).tasks[upper]
    assert (node.percent, node.rolled_from, node.behind) == (None, 0, False)


def test_detail_facts_and_briefing_use_the_rolled_up_percent(store: Store, levels) -> None:
    from desktop.models import queries

    snapshot = status_queries.compute_status(store.db, TODAY)
    detail = aq.add_status_facts(queries.task_detail(store.db, levels["upper"]), snapshot)
    assert detail["progress"] == {"percent": 30, "expected": 50.0, "behind": True, "rolled_from": 2}
    assert {t["title"]: t["status"] for t in detail["lower"]}["县级节点"] == "not_scheduled"
    scope = load_scope(store.db, TODAY, plan_ids=[levels["province"]])
    (fact,) = scope.tasks
    assert (fact.percent, fact.state, fact.report) == (30, BEHIND, None)
    assert "完成 30%，由下级任务汇总，序时 50.0%" in fact.progress_text
    counts = overview_data(scope).counts
    assert (counts.with_percent, counts.behind_schedule) == (1, 1)


def test_status_cli_shows_the_rolled_up_percent(capsys, db_path: Path, levels) -> None:
    code = main(["status", "--db", str(db_path), "--today", TODAY.isoformat()])
    out = capsys.readouterr().out
    assert code == 0
    assert (
        "省〔2024〕1号 任务1 建设算力网络  进度 30%（下级任务 2 项中最低），序时进度 50.0%" in out
    )
    assert "由下级任务汇总的进度（1）：" in out
    code = main(["status", "--db", str(db_path), "--today", TODAY.isoformat(), "--behind"])
    out = capsys.readouterr().out
    assert "未达序时进度的任务（2）：" in out and "（下级任务 2 项中最低）" in out


def test_the_roll_up_is_skipped_only_when_no_task_is_linked(store: Store, levels) -> None:
    """``apply_rollup`` without links given looks for one link first (``_any_link``):
    the last link taken away, the task set to roll up keeps its own (absent) percent;
    with one link left it rolls up from that task alone."""
    for key in ("slow", "quiet"):
        au.link_task(store, levels[key], None)
    assert aq._any_link(store.db)
    node = status_queries.compute_status(store.db, TODAY).tasks[levels["upper"]]
    assert (node.percent, node.rolled_from, node.behind) == (80, 1, False)
    au.link_task(store, levels["fast"], None)
    assert not aq._any_link(store.db)
    node = status_queries.compute_status(store.db, TODAY).tasks[levels["upper"]]
    assert (node.percent, node.rolled_from, node.behind) == (None, 0, False)
