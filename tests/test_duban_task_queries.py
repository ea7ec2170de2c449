"""The 督办 queries read for one task (the task panel's 督办 tab, on each task it shows)
give exactly what the whole database's read gives for that task."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import duban
from desktop.models import duban_queries as dq
from desktop.models.store import Store
from tests.helpers.gui_coordination_data import seed_worked_task


def test_one_tasks_records_equal_the_whole_databases_of_that_task(
    store: Store, seed_path: Path, tmp_path: Path
) -> None:
    seed_worked_task(store, seed_path, tmp_path)
    other = cq.resolve_task(store.db, 4)  # 市政数局 leads it too: records of two tasks
    lead = store.find_unit("市政数局")
    due = (date.today() + timedelta(days=20)).isoformat()
    milestone = co.add_milestone(store, other, "平台上线", due, owner_unit_id=lead)
    duban.request_extension(store, milestone, lead, (date.today() + timedelta(days=80)).isoformat(),
                            "等待设备到货")  # fmt: skip
    duban.apply_signoff(store, other, lead, "平台已上线运行，附验收材料")
    duban.set_cycle(store, other, "week")
    db = store.db
    every_signoff, every_request = dq.signoffs(db), dq.extension_requests(db)
    every_state, every_cycle = dq.signoff_states(db), dq.cycles(db)
    tasks = [row[0] for row in db.execute("SELECT id FROM task")]
    assert {r["task_id"] for r in every_signoff} >= {other}
    assert len({r["task_id"] for r in every_request}) >= 2
    for task_id in tasks:
        assert dq.signoffs(db, task_id=task_id) == [
            r for r in every_signoff if r["task_id"] == task_id
        ]
        assert dq.extension_requests(db, task_id=task_id) == [
            r for r in every_request if r["task_id"] == task_id
        ]
        assert dq.signoff_states(db, task_id) == {
            key: state for key, state in every_state.items() if key[0] == task_id
        }
        assert dq.cycle_of(db, task_id) == every_cycle.get(task_id, ("month", None, None))
    assert dq.cycle_of(db, other) == ("week", None, None)
