"""Progress reports: history with corrections, current reports, the 催报 list.

A report is current when no report supersedes it; several current reports of one
unit, task, item and period are *contested* (shown, not resolved by time).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from desktop.errors import NotFound
from desktop.models.archive import active
from desktop.models.coordination_queries import plan_prefixes

# Roles that must report every period. Support (配合) units contribute to the
# lead's report and are not chased.
REPORTING_ROLES = ("lead", "responsible")


def report_history(
    db: Database,
    task_id: str | None = None,
    *,
    unit_id: str | None = None,
    period: str | None = None,
) -> list[dict[str, Any]]:
    """Every report (oldest first) with ``superseded_by``, ``current``,
    ``contested`` and ``contested_with`` set.

    A report is current when no report supersedes it (by ``supersedes_id`` or
    ``also_supersedes``). When a unit has several current reports for one task,
    item and period they are all current and ``contested`` (ids of the others
    in ``contested_with``): a fork from concurrent corrections is shown, not
    resolved by ``created_at``.
    """
    clauses, params = [], []
    for column, value in (("task_id", task_id), ("unit_id", unit_id), ("period", period)):
        if value:
            clauses.append(f"r.{column} = ?")
            params.append(value)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = list(
        db.query(
            "SELECT r.*, u.name AS unit_name, t.no AS task_no, t.title AS task_title,"
            " t.plan_id, i.position AS item_position,"
            " (SELECT count(*) FROM item x WHERE x.task_id = r.task_id) AS item_count"
            " FROM report r LEFT JOIN unit u ON u.id = r.unit_id JOIN task t ON t.id = r.task_id"
            f" LEFT JOIN item i ON i.id = r.item_id {where} ORDER BY r.created_at, r.id",
            params,
        )
    )
    superseded_by = superseders(rows)
    members: dict[tuple, list[str]] = {}
    prefixes = plan_prefixes(db)
    for row in rows:
        # 任务14-1 for a report on one work item of a multi-item task, else 任务14
        no = str(row["task_no"])
        if row["item_id"] and row["item_position"] is not None and row["item_count"] > 1:
            no += f"-{row['item_position'] + 1}"
        row["work_label"] = f"{prefixes.get(row['plan_id'], '')}任务{no}"
        row["figures"] = json.loads(row["figures"] or "{}")
        row["also_supersedes"] = json.loads(row.get("also_supersedes") or "[]")
        row["superseded_by"] = superseded_by.get(row["id"])
        row["current"] = row["superseded_by"] is None
        if row["current"]:
            key = (row["task_id"], row["item_id"], row["unit_id"], row["period"])
            members.setdefault(key, []).append(row["id"])
    for row in rows:
        key = (row["task_id"], row["item_id"], row["unit_id"], row["period"])
        group = members.get(key, []) if row["current"] else []
        # Several current reports of one unit and period (concurrent corrections
        # of the same report, or two reports filed separately): all stay current
        # until a correction supersedes them; no clock picks one.
        row["contested_with"] = [rid for rid in group if rid != row["id"]]
        row["contested"] = bool(row["contested_with"])
    return rows


def superseded_ids(links: Iterable[tuple[str | None, str | None]]) -> set[str]:
    """Ids of the reports some report supersedes, from (supersedes_id, also_supersedes)."""
    out: set[str] = set()
    for supersedes_id, also in links:
        if supersedes_id:
            out.add(supersedes_id)
        out.update(json.loads(also or "[]"))
    return out


def superseders(rows: list[dict[str, Any]]) -> dict[str, str]:
    """report id → the (first, by created_at then id) report superseding it."""
    out: dict[str, str] = {}
    for row in rows:
        also = row.get("also_supersedes") or "[]"
        older = json.loads(also) if isinstance(also, str) else also
        for old in (row["supersedes_id"], *older):
            if old:
                out.setdefault(old, row["id"])
    return out


def contested_note(row: dict[str, Any]) -> str:
    """The note of a contested current report, else "": "有 2 份并行更正，请确认"
    when it is a correction (concurrent corrections), else "有 2 份同期填报，请更正其一"
    (two reports filed separately, e.g. on two desktops before a sync)."""
    if not row.get("contested"):
        return ""
    n = len(row["contested_with"]) + 1
    if row.get("supersedes_id"):
        return f"有 {n} 份并行更正，请确认"
    return f"有 {n} 份同期填报，请更正其中一条"


def current_of(db: Database, report_id: str) -> list[dict[str, Any]]:
    """The current report(s) of the unit, task, item and period of ``report_id``."""
    row = db.execute(
        "SELECT task_id, item_id, unit_id, period FROM report WHERE id = ?", [report_id]
    ).fetchone()
    if row is None:
        raise NotFound("填报记录不存在。")
    task_id, item_id, unit_id, period = row
    history = report_history(db, task_id, unit_id=unit_id, period=period)
    return [r for r in history if r["current"] and r["item_id"] == item_id]


def current_reports(db: Database, period: str) -> list[dict[str, Any]]:
    """The current report per (task, item, unit) for a period."""
    return [r for r in report_history(db, period=period) if r["current"]]


@dataclass
class MissingReports:
    """The 催报 list of one period."""

    period: str
    expected: int = 0  # (item, unit) pairs that must report
    reported: int = 0
    # unit_id -> {"unit_name", "tasks": [(task_id, label)]}
    by_unit: dict[str, dict[str, Any]] = field(default_factory=dict)
    # task_id -> {"label", "units": [(unit_id, name)]}
    by_task: dict[str, dict[str, Any]] = field(default_factory=dict)


def missing_reports(
    db: Database,
    period: str,
    roles: tuple[str, ...] = REPORTING_ROLES,
    plan_id: str | None = None,
) -> MissingReports:
    """Assigned units (lead and responsible by default; never groups such as
    各县（市）区政府) without a report for ``period`` on an item. A task-level
    report (no item) covers all of that unit's items in the task. ``plan_id``
    limits the list to one plan."""
    result = MissingReports(period)
    prefixes = {} if plan_id else plan_prefixes(db)
    reported: set[tuple[str, str | None, str]] = {
        (t, i, u)
        for t, i, u in db.execute(
            "SELECT task_id, item_id, unit_id FROM report WHERE period = ?", [period]
        )
    }
    marks = ",".join("?" * len(roles))
    rows = db.execute(
        "SELECT DISTINCT t.id, t.no, i.id, i.position, p.id, u.id, u.name,"
        " (SELECT count(*) FROM item x WHERE x.task_id = t.id)"
        " FROM assignment a JOIN item i ON i.id = a.item_id JOIN task t ON t.id = i.task_id"
        " JOIN plan p ON p.id = t.plan_id JOIN unit u ON u.id = a.unit_id"
        f" WHERE a.role IN ({marks}) AND u.kind != 'group' AND {active('t')}"
        + (" AND p.id = ?" if plan_id else "")
        + " ORDER BY p.imported_at, t.no, i.position, a.position",
        [*roles, *([plan_id] if plan_id else [])],
    ).fetchall()
    seen: set[tuple[str, str]] = set()
    for task_id, no, item_id, position, plan, unit_id, unit_name, n_items in rows:
        if (item_id, unit_id) in seen:
            continue
        seen.add((item_id, unit_id))
        result.expected += 1
        if (task_id, item_id, unit_id) in reported or (task_id, None, unit_id) in reported:
            result.reported += 1
            continue
        prefix = prefixes.get(plan, "")
        label = f"{prefix}任务{no}-{position + 1}" if n_items > 1 else f"{prefix}任务{no}"
        entry = result.by_unit.setdefault(unit_id, {"unit_name": unit_name, "tasks": []})
        entry["tasks"].append((task_id, label))
        task = result.by_task.setdefault(task_id, {"label": f"{prefix}任务{no}", "units": []})
        if (unit_id, unit_name) not in task["units"]:
            task["units"].append((unit_id, unit_name))
    return result
