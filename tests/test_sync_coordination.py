"""Coordination edits from two desktops through a real server (design §4: no
desktop clock picks a winner)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import status_queries, workspace_queries
from sync import apply as sync_apply
from tests.helpers.sync_helpers import (  # noqa: F401
    Client,
    ServerProcess,
    logged_in,
    new_fingerprint,
    sync_server,
)

TODAY = date(2024, 6, 1)


@pytest.fixture
def pair(tmp_path: Path, sync_server: ServerProcess):  # noqa: F811
    a = logged_in(tmp_path, sync_server, "a")
    b = logged_in(tmp_path, sync_server, "b", "coord2")
    plan = a.import_plan(new_fingerprint())
    a.sync()
    b.sync()
    return a, b, plan


def _do(client: Client, fn, *args, **kw):  # type: ignore[no-untyped-def]
    with client.opened() as store:
        return fn(store, *args, **kw)


def _effective(client: Client, ms: str) -> str | None:
    with client.opened() as store:
        return status_queries.compute_status(store.db, TODAY).milestones[ms].effective_due


def test_concurrent_extensions_are_a_conflict_and_resolution_converges(pair) -> None:
    a, b, plan = pair
    ms = _do(a, co.add_milestone, a.task_id(plan, 1), "标准制定", "2024-06-30")
    a.sync()
    b.sync()
    # Offline, each desktop extends the same milestone; b's clock says "later".
    _do(a, co.extend_milestone, ms, "2024-09-30", "甲：资金未到位")
    _do(b, co.extend_milestone, ms, "2024-10-31", "乙：设备延迟")
    assert a.sync().conflicts == 0
    assert b.sync().conflicts == 1
    conflict = sync_apply.open_conflicts(b.store().db)
    assert [(c["tbl"], c["field"], c["mine"], c["theirs"]) for c in conflict] == [
        ("milestone", "current_due", "2024-10-31", "2024-09-30")
    ]
    assert a.sync().notices == 1
    notice = sync_apply.open_conflicts(a.store().db)
    assert [(c["field"], c["mine"], c["theirs"]) for c in notice] == [
        ("current_due", "2024-09-30", "2024-10-31")
    ]
    # Both extension rows are history on both sides; the original date stays.
    for client in (a, b):
        rows = client.query(
            "SELECT new_due FROM milestone_extension WHERE milestone_id = ? ORDER BY new_due",
            [ms],
        )
        assert rows == [("2024-09-30",), ("2024-10-31",)]
        assert client.query("SELECT due FROM milestone WHERE id = ?", [ms]) == [("2024-06-30",)]
    # b keeps its own date: a new op that reaches a; both converge, nothing open.
    _do(b, sync_apply.resolve_conflict, conflict[0]["id"], "mine")
    assert b.sync().conflicts == 0
    a.sync()
    assert _effective(a, ms) == _effective(b, ms) == "2024-10-31"
    assert sync_apply.open_conflicts(a.store().db) == []
    assert sync_apply.open_conflicts(b.store().db) == []


def test_cycle_arriving_by_sync_is_reported_without_self_blocking(pair) -> None:
    a, b, plan = pair
    t1, t2 = a.task_id(plan, 1), a.task_id(plan, 2)
    _do(a, co.add_milestone, t1, "标准", "2024-05-01")  # overdue on TODAY
    _do(a, co.add_milestone, t2, "上线", "2024-09-01")
    a.sync()
    b.sync()
    # Each half is fine locally; together they are a cycle.
    _do(a, co.add_dependency, ("task", t1), ("task", t2))
    _do(b, co.add_dependency, ("task", t2), ("task", t1))
    for client in (a, b, a):
        report = client.sync()
        assert report.conflicts == 0 and report.rejected == 0
    for client in (a, b):
        with client.opened() as store:
            snap = status_queries.compute_status(store.db, TODAY)
            label = f"{cq.plan_prefixes(store.db).get(plan, '')}"
            assert snap.cycles == [f"{label}任务1 → {label}任务2 → {label}任务1"]
            assert all(not node.risks for node in snap.tasks.values())
            assert workspace_queries.dashboard(store.db, TODAY)["cycles"] == snap.cycles
