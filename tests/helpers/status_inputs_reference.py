"""The status pass's inputs read as they were first read (row by row, before the
compact loader of ``desktop.models.status_queries``): tests compare the two on a
populated database. Never used by the application."""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlite_utils import Database

from desktop.models import status as st
from desktop.models.cancellation import CancelCheck, check, fetched, streamed
from desktop.models.coordination_queries import plan_prefixes
from desktop.models.round_queries import RoundRows
from tests.helpers.workflow_inputs_reference import reference_load_workflow_inputs


def reference_load_inputs(
    db: Database, task_ids: Iterable[str] | None = None, *, cancelled: CancelCheck | None = None
) -> st.StatusInputs:
    """``status_queries.load_status_inputs`` as it was: every row a status pass needs, in a dozen plain queries (only the rows of
    ``task_ids`` and the dependencies touching them when given: an incremental pass).
    ``cancelled`` is asked between the queries: ``Cancelled`` once it says stop."""
    inputs = st.StatusInputs()
    only = json.dumps(sorted(task_ids)) if task_ids is not None else None

    def of(column: str) -> str:
        """ " AND <column> IN (the tasks)" when restricted."""
        return f" AND {column} IN (SELECT value FROM json_each(:only))" if only else ""

    args = {"only": only} if only else {}
    inputs.milestones = fetched(
        db.execute(
            "SELECT id, task_id, item_id, title, due, owner_unit_id, done_date FROM milestone"
            f" WHERE 1{of('task_id')} ORDER BY rowid",
            args,
        ),
        cancelled,
    )
    check(cancelled)
    inputs.current_due = dict(
        db.execute(
            f"SELECT id, current_due FROM milestone WHERE current_due IS NOT NULL{of('task_id')}",
            args,
        )
    )
    in_tasks = f"IN (SELECT id FROM {{}} WHERE 1{of('task_id')})"  # ids of their rows
    inputs.extensions = db.execute(
        "SELECT milestone_id, old_due, new_due, recorded_at, id FROM milestone_extension"
        + (f" WHERE milestone_id {in_tasks.format('milestone')}" if only else ""),
        args,
    ).fetchall()
    prefixes = plan_prefixes(db)
    task_plans: dict[str, str] = {}  # every task's plan (archived too), for the plan dates
    tasks = inputs.tasks
    # a full pass keeps the rows a reporting round reads too (``round_rows``)
    task_rows: list[tuple[str, int, str, str]] = []
    keep = task_rows.append if only is None else None
    for row in streamed(
        db.execute(
            f"SELECT id, no, title, plan_id FROM task WHERE 1{of('id')} ORDER BY rowid", args
        ),
        cancelled,
    ):
        task_id, no, _title, plan_id = row
        tasks[task_id] = no
        task_plans[task_id] = plan_id
        if keep is not None:
            keep(row)
    if prefixes:  # (a plan added by a sync meanwhile has none)
        inputs.task_prefix = {
            task_id: prefixes.get(plan, "") for task_id, plan in task_plans.items()
        }
    _leave_out_archived(db, inputs)
    check(cancelled)
    tasks = inputs.tasks
    items: dict[str, tuple[str, int]] = {}
    counts: dict[str, int] = {}
    first_item: dict[str, tuple[int, str]] = {}  # task -> (position, id) of its first item
    for item_id, task_id, position in streamed(
        db.execute(
            f"SELECT id, task_id, position FROM item WHERE 1{of('task_id')} ORDER BY rowid", args
        ),
        cancelled,
    ):
        if task_id not in tasks:  # archived
            continue
        items[item_id] = (task_id, position)
        if task_id in counts:
            counts[task_id] += 1
            if position < first_item[task_id][0]:
                first_item[task_id] = (position, item_id)
        else:
            counts[task_id] = 1
            first_item[task_id] = (position, item_id)
    inputs.items, inputs.item_counts = items, counts
    check(cancelled)
    # an item's unit: its first lead unit (by position, then id), else its first
    # responsible one
    best: dict[str, tuple[bool, int, str]] = {}
    query = db.execute(
        "SELECT item_id, unit_id, role, position FROM assignment"
        " WHERE role IN ('lead', 'responsible')"
        + (f" AND item_id {in_tasks.format('item')}" if only else " ORDER BY rowid"),
        args,
    )
    # a full pass keeps the rows (a reporting round reads them: ``round_rows``)
    assignments = fetched(query, cancelled) if only is None else []
    for item_id, unit_id, role, position in (
        assignments if only is None else streamed(query, cancelled)
    ):
        rank = (role != "lead", position, unit_id)
        known = best.get(item_id)
        if known is None or rank < known:
            best[item_id] = rank
    inputs.item_unit = item_unit = {item_id: rank[2] for item_id, rank in best.items()}
    for task_id, (_pos, item_id) in first_item.items():
        unit = item_unit.get(item_id)
        if unit:
            inputs.task_unit[task_id] = unit
    check(cancelled)
    inputs.unit_names = dict(db.execute("SELECT id, name FROM unit").fetchall())
    dependencies = "SELECT id, pred_kind, pred_id, succ_kind, succ_id, lag_days FROM dependency"
    if only:  # the dependencies with an end among these tasks, their items and milestones
        nodes = json.dumps([*json.loads(only), *inputs.items, *(m[0] for m in inputs.milestones)])
        ends = "_kind IN ('task', 'item', 'milestone') AND {0}_id IN (SELECT value FROM json_each(:nodes))"
        dependencies += (  # through the indexes on (pred_kind, pred_id) and (succ_kind, succ_id)
            f" WHERE id IN (SELECT id FROM dependency WHERE pred{ends.format('pred')}"
            f" UNION ALL SELECT id FROM dependency WHERE succ{ends.format('succ')})"
        )
        args = {**args, "nodes": nodes}
    inputs.dependencies = db.execute(dependencies + " ORDER BY rowid", args).fetchall()
    check(cancelled)
    reports = reference_load_workflow_inputs(db, inputs, task_ids, task_plans=task_plans)
    if only is None:
        archived = set(task_plans).difference(inputs.tasks)
        inputs.round_rows = RoundRows(
            assignments,
            items,
            reports,
            {row[0]: row for row in task_rows if row[0] not in archived},
            {task_id for task_id, n in counts.items() if n > 1},
        )
    check(cancelled)
    return inputs


def _leave_out_archived(db: Database, inputs: st.StatusInputs) -> None:
    """Archived tasks and their milestones take no part in a status pass (so in no
    count built on it); see ``desktop.models.archive``."""
    from desktop.models.archive import archived_task_ids

    archived = archived_task_ids(db)
    if archived:
        inputs.tasks = {t: no for t, no in inputs.tasks.items() if t not in archived}
        inputs.milestones = [m for m in inputs.milestones if m[1] not in archived]
