"""A generated database for status-pass equality tests (issue 14): ``bench.generate``'s
plans, ``bench.coordination.populate``'s milestones and dependencies, the 督办 workflow
(``bench.duban.populate_workflow``: reports, percents, 办结), a dependency cycle,
milestones extended past their original date and done after it, an archived task."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from desktop.models import coordination as co
from desktop.models.store import Store


def generate_status_db(
    path: Path, plans: int = 6, *, workflow: bool = True, late: int = 20
) -> Path:
    """Write the database at ``path`` (50 tasks a plan); returns ``path``. ``workflow``:
    with the 督办 workflow; ``late``: how many overdue milestones are extended past
    their original date or done after it (half each)."""
    from bench.coordination import populate
    from bench.duban import populate_workflow
    from bench.generate import generate

    generate(path, plans=plans)
    store = Store.open(path)
    try:
        populate(store)
        if workflow:
            populate_workflow(store)
        pred_kind, pred, succ_kind, succ = store.db.execute(
            "SELECT pred_kind, pred_id, succ_kind, succ_id FROM dependency ORDER BY id LIMIT 1"
        ).fetchone()
        with store.action("test_cycle") as tx:
            tx.insert_many("dependency", [{
                "id": "cycle-back", "pred_kind": succ_kind, "pred_id": succ,
                "succ_kind": pred_kind, "succ_id": pred, "lag_days": 0,
            }])  # fmt: skip
        late = store.db.execute(
            "SELECT id FROM milestone WHERE done_date IS NULL AND current_due IS NULL"
            " AND due < ? ORDER BY id LIMIT ?",
            [date.today().isoformat(), late],
        ).fetchall()
        for n, (ms_id,) in enumerate(late):
            if n % 2:
                co.extend_milestone(store, ms_id, date.today() + timedelta(days=20 + n), "延期")
            else:
                co.mark_milestone_done(store, ms_id, date.today(), confirm_before_plan_date=True)
        # (not a task of the cycle: an archived task takes no part in a pass, so the
        # cycle through it would be gone, as the random ids chose about once in 40 runs)
        on_cycle = [_task_of(store, pred_kind, pred), _task_of(store, succ_kind, succ)]
        archived = store.db.execute(
            "SELECT id FROM task WHERE section_id IS NOT NULL AND id NOT IN (?, ?)"
            " ORDER BY rowid LIMIT 1 OFFSET 7",
            on_cycle,
        ).fetchone()[0]
        with store.action("test_archive") as tx:
            tx.update("task", archived, {"archived": date.today().isoformat()})
    finally:
        store.close()
    return path


def _task_of(store: Store, kind: str, record_id: str) -> str:
    """The task a dependency end (a task, item or milestone) belongs to."""
    if kind == "task":
        return record_id
    table = "item" if kind == "item" else "milestone"
    return store.db.execute(f"SELECT task_id FROM {table} WHERE id = ?", [record_id]).fetchone()[0]
