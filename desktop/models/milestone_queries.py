"""Milestone, extension and dependency lists (the task panel, the dialogs, the CLI)."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database


def milestones(db: Database, task_id: str | None = None) -> list[dict[str, Any]]:
    """Milestone rows with their task number, plan and extensions (oldest first)."""
    where, params = ("WHERE m.task_id = ?", [task_id]) if task_id else ("", [])
    rows = list(
        db.query(
            "SELECT m.*, t.no AS task_no, t.plan_id, i.position AS item_position,"
            " u.name AS owner_name FROM milestone m JOIN task t ON t.id = m.task_id"
            " LEFT JOIN item i ON i.id = m.item_id LEFT JOIN unit u ON u.id = m.owner_unit_id"
            f" {where} ORDER BY t.plan_id, t.no, m.position, m.due, m.id",
            params,
        )
    )
    extensions = extensions_by_milestone(db)
    for row in rows:
        row["extensions"] = extensions.get(row["id"], [])
    return rows


def extensions_by_milestone(db: Database) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for row in db.query("SELECT * FROM milestone_extension ORDER BY recorded_at, id"):
        out.setdefault(row["milestone_id"], []).append(row)
    return out


def dependencies(db: Database, task_id: str | None = None) -> list[dict[str, Any]]:
    """Every dependency, or those with an end on ``task_id`` (the task itself,
    one of its items or milestones)."""
    if task_id is None:
        return list(db.query("SELECT * FROM dependency ORDER BY id"))
    ends = [("task", task_id)]
    ends += [("item", r[0]) for r in db.execute("SELECT id FROM item WHERE task_id = ?", [task_id])]
    ends += [
        ("milestone", r[0])
        for r in db.execute("SELECT id FROM milestone WHERE task_id = ?", [task_id])
    ]
    ids = {e[1] for e in ends}
    rows = db.query(
        "SELECT * FROM dependency WHERE pred_id IN (SELECT value FROM json_each(?))"
        " OR succ_id IN (SELECT value FROM json_each(?)) ORDER BY id",
        [json.dumps(sorted(ids))] * 2,
    )
    return list(rows)
