"""The task panel's milestone and dependency lists read for one task give what the whole
database's give for that task (extensions of its milestones, dependencies with an end
on the task, one of its items or milestones)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import milestone_queries as mq
from desktop.models.dependencies import add_dependency
from desktop.models.store import Store
from tests.helpers.gui_coordination_data import seed_worked_task


def test_one_tasks_lists_equal_the_whole_databases_of_that_task(
    store: Store, seed_path: Path, tmp_path: Path
) -> None:
    seed_worked_task(store, seed_path, tmp_path)
    db = store.db
    day = (date.today() + timedelta(days=30)).isoformat()
    later = (date.today() + timedelta(days=60)).isoformat()
    first = co.add_milestone(store, cq.resolve_task(db, 4), "平台上线", day)
    co.extend_milestone(store, first, later, "设备到货延迟")
    # an end of each kind: a task, an item and a milestone
    item = db.execute("SELECT id FROM item WHERE task_id = ?", [cq.resolve_task(db, 6)]).fetchone()[
        0
    ]
    add_dependency(store, ("milestone", first), ("item", item))
    add_dependency(store, ("task", cq.resolve_task(db, 7)), ("milestone", first))
    every_extension = mq.extensions_by_milestone(db)
    every_dependency = mq.dependencies(db)
    assert every_extension and len(every_dependency) >= 2
    for (task_id,) in db.execute("SELECT id FROM task").fetchall():
        rows = mq.milestones(db, task_id)
        for row in rows:
            assert row["extensions"] == every_extension.get(row["id"], [])
        ends = {task_id, *(r[0] for r in db.execute("SELECT id FROM item WHERE task_id = ?",
                                                    [task_id]))}  # fmt: skip
        ends |= {row["id"] for row in rows}
        assert mq.dependencies(db, task_id) == [
            d for d in every_dependency if d["pred_id"] in ends or d["succ_id"] in ends
        ]
