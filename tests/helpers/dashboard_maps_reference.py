"""The maps the window's dashboard keeps between passes (``dashboard_delta._fresh``) as
they were built before each item's units and each task's items were made as kept: a
list per item and per task first, every task's rowid in a dict (a reference for the
equality tests)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from desktop.models import status as st


def dashboard_maps_reference(db: Database, snap: st.StatusSnapshot) -> dict[str, dict[str, Any]]:
    """task → section, item → its lead and responsible units (each once, in the
    assignments' order), task → its items (the id itself when one, else a tuple), the
    at-risk tasks' rowids (in the at-risk list's order)."""
    task_section: dict[str, Any] = {}
    rowid_of: dict[str, int] = {}
    for task_id, section_id, rowid in db.execute("SELECT id, section_id, rowid FROM task"):
        task_section[task_id] = section_id
        rowid_of[task_id] = rowid
    units_of: dict[str, list[str]] = {}
    grouped: dict[str, list[str]] = {}
    task_of_item = dict(db.execute("SELECT id, task_id FROM item").fetchall())
    for item_id, unit_id in db.execute(
        "SELECT item_id, unit_id FROM assignment WHERE role IN ('lead', 'responsible')"
    ):
        task_id = task_of_item.get(item_id)
        if task_id is None:
            continue
        units = units_of.get(item_id)
        if units is None:
            units_of[item_id] = units = []
            grouped.setdefault(task_id, []).append(item_id)
        if unit_id not in units:
            units.append(unit_id)
    risks = {task_id: state.risks for task_id, state in snap.tasks.items()}
    return {
        "task_section": task_section,
        "item_units": {item: tuple(units) for item, units in units_of.items()},
        "task_items": {
            t: items[0] if len(items) == 1 else tuple(items) for t, items in grouped.items()
        },
        "at_risk_rowid": {t: rowid_of[t] for t, found in risks.items() if found},
    }
