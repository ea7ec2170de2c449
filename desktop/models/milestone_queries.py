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
    extensions = extensions_by_milestone(db, [row["id"] for row in rows] if task_id else None)
    for row in rows:
        row["extensions"] = extensions.get(row["id"], [])
    return rows


def extensions_by_milestone(
    db: Database, milestone_ids: list[str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Each milestone's extensions (oldest first): of every milestone, or of
    ``milestone_ids`` only (through the index on ``milestone_id``: the task panel
    reads one task's at each task it shows)."""
    where, params = (
        ("WHERE milestone_id IN (SELECT value FROM json_each(?))", [json.dumps(milestone_ids)])
        if milestone_ids is not None
        else ("", [])
    )
    out: dict[str, list[dict[str, Any]]] = {}
    for row in db.query(
        f"SELECT * FROM milestone_extension {where} ORDER BY recorded_at, id", params
    ):
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
    # (each end by its kind, through the indexes on (pred_kind, pred_id) and (succ_kind,
    # succ_id): an OR over both ids read every dependency)
    by_end = " UNION ".join(
        f"SELECT d.id FROM json_each(:ends) e JOIN dependency d ON d.{side}_kind ="
        f" json_extract(e.value, '$[0]') AND d.{side}_id = json_extract(e.value, '$[1]')"
        for side in ("pred", "succ")
    )
    rows = db.query(
        f"SELECT * FROM dependency WHERE id IN ({by_end}) ORDER BY id",
        {"ends": json.dumps(ends)},
    )
    return list(rows)
