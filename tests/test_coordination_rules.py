"""Coordination rules of issue 7 at the store level (real SQLite files)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import status as st
from desktop.models.store import Store
from tests.helpers.coordination import load_demo, task

TODAY = date.today()


def days(n: int) -> str:
    return (TODAY + timedelta(days=n)).isoformat()


@pytest.fixture
def demo(store: Store) -> Store:
    return load_demo(store)


# -- 4: a predecessor that finished late still flags its successor -----------------------


def test_late_finished_predecessor_flags_successor(demo: Store) -> None:
    pred = co.add_milestone(demo, task(demo, 4), "前置节点", days(-30))
    co.mark_milestone_done(demo, pred, days(-25))
    co.add_milestone(demo, task(demo, 9), "后续节点", days(3))
    co.add_dependency(demo, ("task", task(demo, 4)), ("task", task(demo, 9)), 30)
    snap = cq.compute_status(demo.db, TODAY)
    causes = snap.tasks[task(demo, 9)].risks
    assert [(c.root_milestone_id, c.reason) for c in causes] == [(pred, "slip")]
    assert "前置节点" in causes[0].message


def test_predecessor_finished_in_time_flags_nothing(demo: Store) -> None:
    pred = co.add_milestone(demo, task(demo, 4), "前置节点", days(-30))
    co.mark_milestone_done(demo, pred, days(-25))
    co.add_milestone(demo, task(demo, 9), "后续节点", days(3))
    # done -25 + lag 20 = -5: before the successor's start (+3)
    co.add_dependency(demo, ("task", task(demo, 4)), ("task", task(demo, 9)), 20)
    assert cq.compute_status(demo.db, TODAY).tasks[task(demo, 9)].risks == []
    assert (
        st.STATUS_LABELS[cq.compute_status(demo.db, TODAY).tasks[task(demo, 4)].status] == "已完成"
    )
