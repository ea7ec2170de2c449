"""The 督办 workflow's part of a status pass: approved 办结 (销号) and the
percents and deadlines 序时进度 compares (a few grouped queries)."""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models import status as st


def load_workflow_inputs(db: Database, inputs: st.StatusInputs) -> None:
    for task_id, item_id in db.execute(
        "SELECT s.task_id, s.item_id FROM signoff s JOIN signoff_decision d"
        " ON d.signoff_id = s.id WHERE d.decision = 'approved'"
    ):
        if item_id:
            inputs.closed_items.add(item_id)
        else:
            inputs.closed_tasks.add(task_id)
    # Reported percent: the latest 填报期 with a percent among current reports
    # (not superseded); several units in it → the lowest.
    latest: dict[str, tuple[str, float]] = {}
    for task_id, period, percent in db.execute(
        "SELECT r.task_id, r.period, r.percent FROM report r WHERE r.percent IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM report s WHERE s.supersedes_id = r.id)"
    ):
        seen = latest.get(task_id)
        if seen is None or period > seen[0] or (period == seen[0] and percent < seen[1]):
            latest[task_id] = (period, percent)
    inputs.task_percent = {t: p for t, (_period, p) in latest.items()}
    # Target percent: each target's latest value toward its goal; the task's lowest.
    from desktop.models.target_queries import progress_toward

    for task_id, comparator, goal, value in db.execute(
        "SELECT t.task_id, t.comparator, t.value, v.value FROM target t"
        " JOIN (SELECT target_id, max(as_of) AS as_of FROM target_value GROUP BY target_id) m"
        " ON m.target_id = t.id JOIN target_value v ON v.target_id = t.id AND v.as_of = m.as_of"
        " WHERE t.value IS NOT NULL"
    ):
        percent, _gap, _met = progress_toward(comparator, goal, value)
        if percent is not None:
            known = inputs.target_percent.get(task_id)
            inputs.target_percent[task_id] = percent if known is None else min(known, percent)
    inputs.task_deadline = {
        task_id: deadline
        for task_id, deadline in db.execute(
            "SELECT task_id, max(d) FROM (SELECT task_id, due AS d FROM milestone"
            " WHERE due IS NOT NULL UNION ALL SELECT task_id, deadline FROM target"
            " WHERE deadline IS NOT NULL) GROUP BY task_id"
        )
    }
    inputs.plan_date = {
        task_id: plan_date
        for task_id, plan_date in db.execute(
            "SELECT t.id, coalesce(p.written_date, p.published_date) FROM task t"
            " JOIN plan p ON p.id = t.plan_id"
            " WHERE coalesce(p.written_date, p.published_date) IS NOT NULL"
        )
    }
