"""Statuses for every view: load the rows a status pass needs, compute the snapshot.

``compute_status`` loads the rows with a handful of queries and hands them to
``desktop.models.status.compute`` (pure computation), then rolls statuses up to
linked higher-level tasks.
"""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from desktop.models import status as st
from desktop.models.coordination_queries import plan_prefixes


def load_status_inputs(db: Database) -> st.StatusInputs:
    """Every row a status pass needs, in nine plain queries."""
    inputs = st.StatusInputs()
    inputs.milestones = db.execute(
        "SELECT id, task_id, item_id, title, due, owner_unit_id, done_date FROM milestone"
    ).fetchall()
    inputs.current_due = dict(
        db.execute("SELECT id, current_due FROM milestone WHERE current_due IS NOT NULL")
    )
    inputs.extensions = db.execute(
        "SELECT milestone_id, old_due, new_due, recorded_at, id FROM milestone_extension"
    ).fetchall()
    inputs.tasks = dict(db.execute("SELECT id, no FROM task").fetchall())
    prefixes = plan_prefixes(db)
    if prefixes:
        inputs.task_prefix = {
            task_id: prefixes.get(plan_id, "")  # a plan added by a sync meanwhile
            for task_id, plan_id in db.execute("SELECT id, plan_id FROM task")
        }
    counts: dict[str, int] = {}
    first_item: dict[str, tuple[int, str]] = {}
    for item_id, task_id, position in db.execute("SELECT id, task_id, position FROM item"):
        inputs.items[item_id] = (task_id, position)
        counts[task_id] = counts.get(task_id, 0) + 1
        if task_id not in first_item or position < first_item[task_id][0]:
            first_item[task_id] = (position, item_id)
    inputs.item_counts = counts
    best: dict[str, tuple[int, int, str]] = {}
    for item_id, unit_id, role, position in db.execute(
        "SELECT item_id, unit_id, role, position FROM assignment"
        " WHERE role IN ('lead', 'responsible')"
    ):
        rank = (0 if role == "lead" else 1, position, unit_id)
        if item_id not in best or rank < best[item_id]:
            best[item_id] = rank
    inputs.item_unit = {item_id: rank[2] for item_id, rank in best.items()}
    for task_id, (_pos, item_id) in first_item.items():
        unit = inputs.item_unit.get(item_id)
        if unit:
            inputs.task_unit[task_id] = unit
    inputs.unit_names = dict(db.execute("SELECT id, name FROM unit").fetchall())
    inputs.dependencies = db.execute(
        "SELECT id, pred_kind, pred_id, succ_kind, succ_id, lag_days FROM dependency"
    ).fetchall()
    from desktop.models.workflow_inputs import load_workflow_inputs

    load_workflow_inputs(db, inputs)
    return inputs


def compute_status(
    db: Database, today: date | None = None, window_days: int = st.DEFAULT_WINDOW_DAYS
) -> st.StatusSnapshot:
    """Every milestone/item/task status, risk flag and the blocking ranking."""
    snapshot = st.compute(load_status_inputs(db), today or date.today(), window_days)
    from desktop.models.authoring_queries import apply_rollup

    return apply_rollup(db, snapshot)


def late_against_original(snap: st.StatusSnapshot) -> list[st.MilestoneState]:
    """Milestones late against their *original* due date that the overdue list
    does not show: extended ones past the original date (open or done) and ones
    finished after it. An extension does not make lateness disappear."""
    return sorted(
        (m for m in snap.milestones.values() if m.late_vs_original and m.status != st.OVERDUE),
        key=lambda m: (m.original_due or "", m.id),
    )
