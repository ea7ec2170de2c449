"""Coordination rules of issue 7 at the store level (real SQLite files)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.errors import UserError
from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import messages, progress, status_queries, target_queries
from desktop.models.store import Store
from tests.helpers.coordination import load_demo, task


def days(n: int) -> str:
    return (date.today() + timedelta(days=n)).isoformat()


@pytest.fixture
def demo(store: Store) -> Store:
    return load_demo(store)


# -- 4: a predecessor that finished late still flags its successor -----------------------


def test_late_finished_predecessor_flags_successor(demo: Store) -> None:
    pred = co.add_milestone(demo, task(demo, 4), "前置节点", days(-30))
    co.mark_milestone_done(demo, pred, days(-25))
    co.add_milestone(demo, task(demo, 9), "后续节点", days(3))
    co.add_dependency(demo, ("task", task(demo, 4)), ("task", task(demo, 9)), 30)
    snap = status_queries.compute_status(demo.db, date.today())
    causes = snap.tasks[task(demo, 9)].risks
    assert [(c.root_milestone_id, c.reason) for c in causes] == [(pred, "slip")]
    assert "前置节点" in messages.risk_text(causes[0])


def test_predecessor_finished_in_time_flags_nothing(demo: Store) -> None:
    pred = co.add_milestone(demo, task(demo, 4), "前置节点", days(-30))
    co.mark_milestone_done(demo, pred, days(-25))
    co.add_milestone(demo, task(demo, 9), "后续节点", days(3))
    # done -25 + lag 20 = -5: before the successor's start (+3)
    co.add_dependency(demo, ("task", task(demo, 4)), ("task", task(demo, 9)), 20)
    assert not status_queries.compute_status(demo.db, date.today()).tasks[task(demo, 9)].risks
    assert (
        messages.status_label(
            status_queries.compute_status(demo.db, date.today()).tasks[task(demo, 4)].status
        )
        == "待销号"
    )


# -- 5: target state against the deadline ---------------------------------------------

GOAL = {"comparator": ">=", "value": 100.0, "deadline": "2025-12-31"}


def values(*pairs: tuple[str, float]) -> list[dict]:
    return [{"as_of": d, "value": v} for d, v in pairs]


@pytest.mark.parametrize(
    ("history", "today", "state"),
    [
        ([], date(2025, 6, 1), progress.TARGET_NO_VALUE),
        ([], date(2026, 1, 1), progress.TARGET_MISSED),
        (values(("2025-06-30", 96)), date(2025, 12, 31), progress.TARGET_OPEN),
        (values(("2025-06-30", 96)), date(2026, 1, 1), progress.TARGET_MISSED),
        (values(("2025-12-31", 100)), date(2026, 3, 1), progress.TARGET_MET),
        (values(("2025-06-30", 96), ("2026-01-10", 101)), date(2026, 3, 1), "met_late"),
        # met in time, dipped, met again after the deadline: met late
        (
            values(("2025-06-30", 100), ("2025-09-30", 90), ("2026-02-01", 100)),
            date(2026, 3, 1),
            "met_late",
        ),  # fmt: skip
        # met in time and still met
        (values(("2025-06-30", 100), ("2026-02-01", 120)), date(2026, 3, 1), "met"),
    ],
)
def test_target_state(history, today, state) -> None:
    assert co.target_state(GOAL, history, today) == state


def test_target_state_ceiling_and_no_deadline() -> None:
    ceiling = {"comparator": "<=", "value": 10.0, "deadline": "2025-12-31"}
    assert co.target_state(ceiling, values(("2025-10-01", 12)), date(2026, 1, 1)) == "missed"
    assert co.target_state(ceiling, values(("2025-10-01", 9)), date(2026, 1, 1)) == "met"
    free = {"comparator": ">=", "value": 5.0, "deadline": None}
    assert co.target_state(free, values(("2030-01-01", 1)), date(2031, 1, 1)) == "open"
    text_deadline = {"comparator": ">=", "value": 5.0, "deadline": "2025年底"}
    assert co.target_state(text_deadline, [], date(2031, 1, 1)) == "no_value"
    no_goal = {"comparator": ">=", "value": None, "deadline": "2025-12-31"}
    assert co.target_state(no_goal, values(("2025-01-01", 1)), date(2031, 1, 1)) == "open"


def test_target_states_match_target_state(demo: Store) -> None:
    target = cq.resolve_target(demo.db, task(demo, 1))
    co.add_target_value(demo, target, 12480, "2025-06-30")
    states = co.target_states(demo.db, date(2026, 1, 5))
    p = target_queries.target_progress(demo.db, target)
    assert states[target] == co.target_state(p["target"], p["history"], date(2026, 1, 5))
    assert states[target] == "missed"


def test_target_value_checks_write_nothing(demo: Store) -> None:
    count_target = cq.resolve_target(demo.db, task(demo, 1))  # 个
    percent_target = cq.resolve_target(demo.db, task(demo, 2))  # %
    before = demo.pending_changes()
    with pytest.raises(UserError, match="晚于今天"):
        co.add_target_value(demo, count_target, 1, days(1))
    with pytest.raises(UserError, match="不能为负"):
        co.add_target_value(demo, count_target, -1, days(0), confirm_negative=True)
    with pytest.raises(co.NeedsConfirmation, match="负数"):
        co.add_target_value(demo, percent_target, -1, days(0))
    with pytest.raises(UserError, match="无穷大"):
        co.add_target_value(demo, percent_target, float("nan"), days(0))
    assert demo.pending_changes() == before
    co.add_target_value(demo, percent_target, -1, days(0), confirm_negative=True)
    assert demo.pending_changes() == before + 1


# -- 7: lag bounds -------------------------------------------------------------------


@pytest.mark.parametrize("lag", [-366, 3651, 10**21, 1.5, float("inf"), float("nan"), "x"])
def test_lag_refused(demo: Store, lag) -> None:
    before = demo.pending_changes()
    with pytest.raises(UserError):
        co.add_dependency(demo, ("task", task(demo, 4)), ("task", task(demo, 9)), lag)
    assert demo.pending_changes() == before


@pytest.mark.parametrize("lag", [co.MIN_LAG_DAYS, -5, 0, 2.0, co.MAX_LAG_DAYS])
def test_lag_accepted(demo: Store, lag) -> None:
    dep = co.add_dependency(demo, ("task", task(demo, 4)), ("task", task(demo, 9)), lag)
    stored = demo.db.execute("SELECT lag_days FROM dependency WHERE id = ?", [dep]).fetchone()
    assert stored == (int(lag),)


def test_negative_lag_lead_in_status(demo: Store) -> None:
    # predecessor due +10; successor starts +5; a lead of 7 days: 10 - 7 = 3 <= 5, fine
    co.add_milestone(demo, task(demo, 4), "前置", days(10))
    co.add_milestone(demo, task(demo, 9), "后续", days(5))
    co.add_dependency(demo, ("task", task(demo, 4)), ("task", task(demo, 9)), -7)
    assert not status_queries.compute_status(demo.db, date.today()).tasks[task(demo, 9)].risks


# -- 9 and 10: done dates and extensions ------------------------------------------------


def test_done_date_rules(demo: Store) -> None:
    ms = co.add_milestone(demo, task(demo, 5), "节点", "2024-06-30")
    before = demo.pending_changes()
    with pytest.raises(UserError, match="晚于今天"):
        co.mark_milestone_done(demo, ms, days(1))
    with pytest.raises(
        co.NeedsConfirmation, match="完成日期 2023-04-05 早于计划成文日期 2023-04-06"
    ):
        co.mark_milestone_done(demo, ms, "2023-04-05")
    assert demo.pending_changes() == before
    co.mark_milestone_done(demo, ms, "2023-04-05", confirm_before_plan_date=True)
    assert co.mark_milestone_done(demo, ms, None) == "2023-04-05"  # reopening needs no date


def test_extension_moves_later_only(demo: Store) -> None:
    ms = co.add_milestone(demo, task(demo, 5), "节点", "2024-06-30")
    unscheduled = co.add_milestone(demo, task(demo, 5), "待定", None)
    before = demo.pending_changes()
    for due in ("2024-06-30", "2024-06-29"):
        with pytest.raises(UserError, match="须晚于当前截止日期"):
            co.extend_milestone(demo, ms, due, "原因")
    with pytest.raises(UserError, match="尚未排期"):
        co.extend_milestone(demo, unscheduled, "2024-07-01", "原因")
    assert demo.pending_changes() == before
    co.extend_milestone(demo, ms, "2024-07-01", "原因")


# -- 12: reporting periods ----------------------------------------------------------


def test_period_span(demo: Store) -> None:
    first, last = progress.plan_period_span(demo, task(demo, 1))
    assert first == "2022-04"  # plan written 2023-04-06, less 12 months
    assert last == max("2026-12", f"{date.today().year + 1:04d}-{date.today().month:02d}")
    unit = demo.find_unit("市城管局")
    with pytest.raises(co.NeedsConfirmation, match="2099-01"):
        co.add_report(demo, task(demo, 1), unit, period="2099-01", percent=1)
    co.add_report(demo, task(demo, 1), unit, period=last, percent=1)


def test_report_figures_follow_the_target_value_rules(demo: Store) -> None:
    t1, unit = task(demo, 1), demo.find_unit("市城管局")
    count_target = cq.resolve_target(demo.db, t1)  # 个
    before = demo.pending_changes()
    with pytest.raises(UserError, match="不能为负"):
        co.add_report(demo, t1, unit, period="2024-06", percent=10, figures={count_target: -3})
    assert demo.pending_changes() == before


def test_period_span_with_a_far_milestone_stays_a_period(demo: Store) -> None:
    co.add_milestone(demo, task(demo, 1), "远期", "2100-12-31")
    first, last = progress.plan_period_span(demo, task(demo, 1))
    assert (first, last) == ("2022-04", "2101-12")
    unit = demo.find_unit("市城管局")
    co.add_report(demo, task(demo, 1), unit, period="2024-06", percent=1)
