"""The all-units light table as it was written first (straightforward, before the speed
work in ``desktop.models.unit_lights``: every round entry and every milestone of the
snapshot walked in Python): tests compare the two. Never used by the application."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from desktop.models import duban_queries as dq
from desktop.models import status as st
from desktop.models.unit_lights import UnitLights, UnitRow
from tests.helpers.report_round_reference import reference_report_round


def reference_unit_lights(db: Database, today: date, snap: st.StatusSnapshot) -> UnitLights:
    rows: dict[str, UnitRow] = {
        unit_id: UnitRow(unit_id, name)
        for unit_id, name in db.execute(
            "SELECT id, name FROM unit WHERE kind != 'group' ORDER BY name"
        )
    }
    round_ = reference_report_round(db, today, ordered=False)
    # a unit's tasks: those it leads or is responsible for (any item) ...
    mine: dict[str, set[str]] = {}
    for unit_id, task_id in db.execute(
        "SELECT a.unit_id, i.task_id FROM assignment a JOIN item i ON i.id = a.item_id"
        " WHERE a.role IN ('lead', 'responsible')"
    ):
        mine.setdefault(unit_id, set()).add(task_id)
    for entry in round_.entries:
        row = rows.get(entry.unit_id)
        if row is not None:
            row.missing += entry.state == "missing"
            row.late += entry.state == "late"
    # ... or owns a milestone of (or is attributed it, as the lead unit)
    for m in snap.milestones.values():
        if m.unit_id:
            mine.setdefault(m.unit_id, set()).add(m.task_id)
    for unit_id, tasks in mine.items():
        row = rows.get(unit_id)
        if row is None:
            continue
        for task_id in tasks:
            node = snap.tasks.get(task_id)
            if node is None:
                continue
            row.tasks += 1
            row.counts[node.status] += 1
            row.at_risk += bool(node.risks) and node.status != st.DONE
            row.behind += node.behind
    for unit_id, (person, phone) in round_.contacts.items():
        if unit_id in rows:
            rows[unit_id].person, rows[unit_id].phone = person, phone
    signoffs, extensions = dq.pending_counts(db)
    for unit_id, row in rows.items():
        row.signoffs_pending = signoffs.get(unit_id, 0)
        row.extensions_pending = extensions.get(unit_id, 0)
    order = {"red": 0, "yellow": 1, "blue": 2, "green": 3}
    listed = [r for r in rows.values() if r.tasks or r.signoffs_pending or r.extensions_pending]
    listed.sort(key=lambda r: (order[r.light], -r.counts[st.OVERDUE], -r.behind, r.name))
    return UnitLights(today, listed)
