"""The 督办 workflow part of the status pass's inputs as it was first read (one joined
query for the targets' latest values, one grouped query for their deadlines): tests
compare ``desktop.models.workflow_inputs`` with it. Never used by the application."""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import compress
from operator import itemgetter

from sqlite_utils import Database

from desktop.models import status as st


def reference_load_workflow_inputs(
    db: Database,
    inputs: st.StatusInputs,
    task_ids: Iterable[str] | None = None,
    *,
    task_plans: dict[str, str] | None = None,
) -> list[tuple]:
    """``workflow_inputs.load_workflow_inputs`` as it was. The workflow rows of every task (or of ``task_ids`` only); ``inputs.milestones``
    are loaded already. ``task_plans``: task id → plan id of the same tasks (archived
    too), when the caller has read them (the plan dates are then read per plan).
    Returns the report rows of a full pass (every task), for a reporting round."""
    reports: list[tuple] = []
    args = {"only": json.dumps(sorted(task_ids))} if task_ids is not None else {}

    def of(column: str) -> str:
        """ " AND <column> IN (the tasks)" when restricted."""
        return f" AND {column} IN (SELECT value FROM json_each(:only))" if args else ""

    for task_id, item_id in db.execute(
        "SELECT s.task_id, s.item_id FROM signoff s JOIN signoff_decision d"
        f" ON d.signoff_id = s.id WHERE d.decision = 'approved'{of('s.task_id')}",
        args,
    ):
        if item_id:
            inputs.closed_items.add(item_id)
        else:
            inputs.closed_tasks.add(task_id)
    # Reported percent: the latest 填报期 with a percent among current reports
    # (not superseded); several units in it → the lowest.
    latest: dict[str, tuple[str, float]] = {}
    current = " AND NOT EXISTS (SELECT 1 FROM report s WHERE s.supersedes_id = r.id)"
    if args:
        percents: Iterable[tuple] = db.execute(
            "SELECT r.task_id, r.period, r.percent FROM report r WHERE r.percent IS NOT NULL"
            + current
            + of("r.task_id"),
            args,
        )
    else:  # every report, kept for a reporting round (``RoundRows.reports``)
        reports = db.execute(
            "SELECT r.task_id, r.item_id, r.unit_id, r.period, substr(r.created_at, 1, 10),"
            f" r.percent IS NOT NULL{current}, r.percent FROM report r"
        ).fetchall()
        percents = map(_PERCENT, compress(reports, map(_COUNTED, reports)))
    for task_id, period, percent in percents:
        seen = latest.get(task_id)
        if seen is None or period > seen[0] or (period == seen[0] and percent < seen[1]):
            latest[task_id] = (period, percent)
    inputs.task_percent = {t: p for t, (_period, p) in latest.items()}
    # Target percent: each target's latest value toward its goal; the task's lowest.
    from desktop.models.target_queries import progress_toward

    # (a full pass: the latest dates by one scan of the covering index, no list of ids)
    of_targets = (
        f" WHERE target_id IN (SELECT id FROM target WHERE 1{of('task_id')})" if args else ""
    )
    for task_id, comparator, goal, value in db.execute(
        "SELECT t.task_id, t.comparator, t.value, v.value FROM target t"
        f" JOIN (SELECT target_id, max(as_of) AS as_of FROM target_value{of_targets}"
        " GROUP BY target_id) m"
        " ON m.target_id = t.id JOIN target_value v ON v.target_id = t.id AND v.as_of = m.as_of"
        " WHERE t.value IS NOT NULL" + of("t.task_id"),
        args,
    ):
        percent, _gap, _met = progress_toward(comparator, goal, value)
        if percent is not None:
            known = inputs.target_percent.get(task_id)
            inputs.target_percent[task_id] = percent if known is None else min(known, percent)
    # The task's deadline: the latest due date of its milestones (loaded already) and
    # targets, as planned.
    deadline: dict[str, str] = {}
    latest_due = deadline.get
    for row in inputs.milestones:
        due = row[4]
        if due and due > latest_due(row[1], ""):
            deadline[row[1]] = due
    for task_id, due in db.execute(
        f"SELECT task_id, max(deadline) FROM target WHERE deadline IS NOT NULL{of('task_id')}"
        " GROUP BY task_id",
        args,
    ):
        if due > deadline.get(task_id, ""):
            deadline[task_id] = due
    inputs.task_deadline = deadline
    if task_plans is not None:
        plan_dates = dict(
            db.execute(
                "SELECT id, coalesce(written_date, published_date) FROM plan"
                " WHERE coalesce(written_date, published_date) IS NOT NULL"
            ).fetchall()
        )
        inputs.plan_date = {
            task_id: plan_dates[plan_id]
            for task_id, plan_id in task_plans.items()
            if plan_id in plan_dates
        }
        return reports
    inputs.plan_date = {
        task_id: plan_date
        for task_id, plan_date in db.execute(
            "SELECT t.id, coalesce(p.written_date, p.published_date) FROM task t"
            " JOIN plan p ON p.id = t.plan_id"
            " WHERE coalesce(p.written_date, p.published_date) IS NOT NULL" + of("t.id"),
            args,
        )
    }
    return reports


_COUNTED = itemgetter(5)  # a current report with a percent
_PERCENT = itemgetter(0, 3, 6)  # (task id, 填报期, percent)
