"""The dashboard after an edit, from the previous one: only the tasks the edit reached.

``workspace_queries.dashboard`` counts every task per section and every work
item per lead unit, and sorts every overdue milestone: O(database) per pass. With
the window's ``StatusCache`` the overview keeps the last dashboard, the task →
section and work item → reporting units maps and the snapshot it was computed
from (in ``StatusCache.memo``); after an incremental pass the counts of the
recomputed tasks (``changed``) move from their old status to the new one, and
their milestones and at-risk entries are replaced in the sorted lists. The
result equals a fresh ``dashboard()`` (tested with the incremental status pass).
A task moved to another section, or a first pass, computes the dashboard afresh.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from desktop.models import status as st

_REPORTING = "role IN ('lead', 'responsible')"


def dashboard(
    db: Database, snap: st.StatusSnapshot, memo: dict[str, Any], changed: set[str]
) -> dict[str, Any]:
    """``workspace_queries.dashboard(db, snapshot=snap)``, from ``memo`` when it
    holds the dashboard of the pass before (and keeps this one there)."""
    kept = memo.get("dashboard")
    dash = _after(db, snap, kept, changed) if kept is not None else None
    if dash is None:
        dash, kept = _fresh(db, snap)
    else:
        kept = {**(kept or {}), "dashboard": dash}
    memo["dashboard"] = {**kept, "snapshot": snap, "order": _order(snap, kept)}
    return dash


def _fresh(db: Database, snap: st.StatusSnapshot) -> tuple[dict[str, Any], dict[str, Any]]:
    from desktop.models import workspace_queries

    # The maps are kept as long as the window: one string per id (the snapshot's own
    # task ids, one per section and unit; each fetched row brings new string objects,
    # ~85 bytes an id: at 100k tasks 100,000 section and 120,000 unit copies) and tuples
    # rather than lists.
    same = {task_id: task_id for task_id in snap.tasks}
    one = same.setdefault
    task_section = {one(t, t): one(s, s) if s else s for t, s in db.execute(
        "SELECT id, section_id FROM task")}  # fmt: skip
    units_of: dict[str, tuple[str, list[str]]] = {}
    for item_id, unit_id, task_id in db.execute(
        "SELECT DISTINCT a.item_id, a.unit_id, i.task_id FROM assignment a"
        f" JOIN item i ON i.id = a.item_id WHERE a.{_REPORTING}"
    ):
        units_of.setdefault(item_id, (one(task_id, task_id), []))[1].append(one(unit_id, unit_id))
    del same
    item_units = {item: (task, tuple(units)) for item, (task, units) in units_of.items()}
    del units_of
    grouped: dict[str, list[str]] = {}
    for item_id, (task_id, _units) in item_units.items():
        grouped.setdefault(task_id, []).append(item_id)
    task_items = {task: tuple(items) for task, items in grouped.items()}
    del grouped
    dash = workspace_queries.dashboard(db, snapshot=snap)
    return dash, {
        "dashboard": dash,
        "task_section": task_section,
        "item_units": item_units,
        "task_items": task_items,
    }


def _order(snap: st.StatusSnapshot, kept: dict[str, Any]) -> dict[str, int]:
    """Task id → its place in ``snap.tasks`` (the order of the at-risk list): new
    tasks come last, as an incremental snapshot lists them."""
    order = kept.get("order")
    if order is None:
        return {task_id: n for n, task_id in enumerate(snap.tasks)}
    return order


def _after(
    db: Database, snap: st.StatusSnapshot, kept: dict[str, Any], changed: set[str]
) -> dict[str, Any] | None:
    before: st.StatusSnapshot = kept["snapshot"]
    old: dict[str, Any] = kept["dashboard"]
    if not changed:
        return {**old, "snapshot": snap, "blocking": snap.blocking, "cycles": snap.cycles}
    only = [json.dumps(sorted(changed))]
    task_section: dict[str, str | None] = kept["task_section"]
    now = db.execute(
        "SELECT id, section_id FROM task WHERE id IN (SELECT value FROM json_each(?))"
        " ORDER BY rowid",
        only,
    ).fetchall()
    if any(t in task_section and task_section[t] != s for t, s in now):
        return None  # a task moved: the sections' order may change
    task_section.update(now)
    order: dict[str, int] = kept["order"]
    for task_id, _section in now:  # new tasks last, in the order a full pass has them
        order.setdefault(task_id, len(order))

    by_section = {k: {**e, "counts": dict(e["counts"])} for k, e in old["by_section"].items()}
    for task_id in changed:
        node = before.tasks.get(task_id)
        if node is not None:
            _count(by_section, task_section.get(task_id), node.status, -1)
        node = snap.tasks.get(task_id)
        if node is not None:
            section = task_section.get(task_id)
            if section not in by_section:
                by_section[section] = _section_entry(db, section)
            _count(by_section, section, node.status, 1)

    by_unit = {k: {**e, "counts": dict(e["counts"])} for k, e in old["by_unit"].items()}
    item_units: dict[str, tuple[str, tuple[str, ...]]] = kept["item_units"]
    task_items: dict[str, tuple[str, ...]] = kept["task_items"]
    for task_id in changed:
        for item_id in task_items.pop(task_id, ()):
            _task, units = item_units.pop(item_id)
            node = before.items.get(item_id)
            if node is None:
                continue
            for unit_id in units:
                _count(by_unit, unit_id, node.status, -1)
    names = snap.inputs.unit_names
    for item_id, unit_id, task_id in db.execute(
        "SELECT DISTINCT a.item_id, a.unit_id, i.task_id FROM assignment a"
        f" JOIN item i ON i.id = a.item_id WHERE a.{_REPORTING}"
        " AND i.task_id IN (SELECT value FROM json_each(?))",
        only,
    ):
        entry = item_units.get(item_id)
        if entry is None:
            entry = (task_id, ())
            task_items[task_id] = (*task_items.get(task_id, ()), item_id)
        item_units[item_id] = (entry[0], (*entry[1], unit_id))
        node = snap.items.get(item_id)
        if node is not None:
            if unit_id not in by_unit:
                by_unit[unit_id] = {"name": names.get(unit_id, ""), "counts": _empty()}
            _count(by_unit, unit_id, node.status, 1)
    for table in (by_section, by_unit):  # an entry left with no count goes
        for key in [k for k, e in table.items() if not any(e["counts"].values())]:
            del table[key]

    fresh = [snap.milestones[m] for t in changed if t in snap.tasks
             for m in snap.tasks[t].milestone_ids]  # fmt: skip
    overdue = [m for m in old["overdue"] if m.task_id not in changed]
    overdue += [m for m in fresh if m.status == st.OVERDUE]
    overdue.sort(key=lambda m: (m.effective_due, m.id))
    late = [m for m in old["late_vs_original"] if m.task_id not in changed]
    late += [m for m in fresh if m.late_vs_original and m.status != st.OVERDUE]
    late.sort(key=lambda m: (m.original_due or "", m.id))
    at_risk = [(t, risks) for t, risks in old["at_risk"] if t not in changed]
    at_risk += [
        (t, snap.tasks[t].risks) for t in changed if t in snap.tasks and snap.tasks[t].risks
    ]
    at_risk.sort(key=lambda entry: order[entry[0]])
    return {
        "by_section": by_section,
        "by_unit": by_unit,
        "overdue": overdue,
        "late_vs_original": late,
        "at_risk": at_risk,
        "blocking": snap.blocking,
        "cycles": snap.cycles,
        "snapshot": snap,
    }


def _empty() -> dict[str, int]:
    return dict.fromkeys(st.STATUSES, 0)


def _count(table: dict[Any, dict[str, Any]], key: Any, status: str, step: int) -> None:
    entry = table.get(key)
    if entry is not None:
        entry["counts"][status] += step


def _section_entry(db: Database, section_id: str | None) -> dict[str, Any]:
    row = db.execute(
        "SELECT no, title, level, parent_id FROM section WHERE id = ?", [section_id]
    ).fetchone()
    no, title, level, parent = row if row else ("", "（无章节）", 0, None)
    return {"no": no, "title": title, "level": level, "parent_id": parent, "counts": _empty()}
