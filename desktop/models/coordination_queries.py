"""Read-only queries of the coordination feature (plain Python, no Qt).

- Resolving what the user typed: plans, task numbers, items, milestone id
  prefixes, targets, dependency endpoints (``resolve_*``; ``UserError`` in
  Chinese when it does not match).
- ``compute_status``: loads the rows with a handful of queries and hands them
  to ``desktop.models.status.compute``.
- Listings: milestones, extensions, dependencies, report history, target
  progress, the 催报 list; the unit workspace and the dashboard.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlite_utils import Database

from desktop.errors import NotFound, UserError
from desktop.models import status as st

# Roles that must report every period. Support (配合) units contribute to the
# lead's report and are not chased.
REPORTING_ROLES = ("lead", "responsible")

# -- resolving user input --------------------------------------------------------


def resolve_plan(db: Database, text: str | None = None) -> str:
    """The plan named by doc_no or title (exact, then substring); the only plan if None."""
    rows = db.execute("SELECT id, title, doc_no FROM plan ORDER BY imported_at").fetchall()
    if not rows:
        raise NotFound("尚未导入任何计划。")
    if not text:
        if len(rows) == 1:
            return rows[0][0]
        names = "、".join(r[2] or r[1] for r in rows)
        raise UserError(f"已载入多个计划（{names}），请用 --plan 指定发文字号或标题。")
    text = text.strip()
    exact = [r for r in rows if text in (r[1], r[2])]
    found = exact or [r for r in rows if text in r[1] or (r[2] and text in r[2])]
    if not found:
        raise NotFound(f"找不到计划“{text}”（按发文字号或标题）。")
    if len(found) > 1:
        names = "、".join(r[2] or r[1] for r in found)
        raise UserError(f"“{text}”匹配多个计划（{names}），请写得更完整些。")
    return found[0][0]


def resolve_task(db: Database, no: int, plan: str | None = None) -> str:
    plan_id = resolve_plan(db, plan)
    row = db.execute("SELECT id FROM task WHERE plan_id = ? AND no = ?", [plan_id, no]).fetchone()
    if row is None:
        title = db.execute("SELECT title FROM plan WHERE id = ?", [plan_id]).fetchone()[0]
        raise NotFound(f"计划《{title}》中没有任务 {no}。")
    return row[0]


def resolve_item(db: Database, task_id: str, position: int) -> str:
    """The ``position``-th (1-based) work item of a task."""
    rows = db.execute(
        "SELECT id FROM item WHERE task_id = ? ORDER BY position", [task_id]
    ).fetchall()
    if not 1 <= position <= len(rows):
        raise NotFound(f"该任务只有 {len(rows)} 个工作事项，没有第 {position} 项。")
    return rows[position - 1][0]


def short_id(record_id: str) -> str:
    """The 8 characters shown for an id (its random tail: UUIDv7 heads are timestamps)."""
    return record_id[-8:]


def resolve_prefix(db: Database, table: str, prefix: str, noun: str) -> str:
    """A record by its full id, a unique prefix or a unique tail (``short_id``)."""
    prefix = prefix.strip().lower()
    if not prefix or any(c not in "0123456789abcdef-" for c in prefix):
        raise UserError(
            f"“{prefix.encode('utf-8', 'replace').decode('utf-8')}”不是有效的{noun}编号。"
        )
    if len(prefix) < 4:
        raise UserError(f"{noun}编号至少写前 4 位。")
    rows = db.execute(
        f"SELECT id FROM [{table}] WHERE id = ? OR (id >= ? AND id < ?) OR id LIKE ? LIMIT 2",
        [prefix, prefix, prefix + "~", "%" + prefix],
    ).fetchall()
    if not rows:
        raise NotFound(f"找不到编号为 {prefix} 的{noun}。")
    if len(rows) > 1:
        raise UserError(f"编号 {prefix} 对应多个{noun}，请多写几位。")
    return rows[0][0]


def resolve_target(db: Database, task_id: str, position: int | None = None) -> str:
    rows = db.execute(
        "SELECT id FROM target WHERE task_id = ? ORDER BY position", [task_id]
    ).fetchall()
    if not rows:
        raise NotFound("该任务没有量化目标。")
    if position is None:
        if len(rows) > 1:
            raise UserError(f"该任务有 {len(rows)} 个目标，请用 --target 指定第几个。")
        return rows[0][0]
    if not 1 <= position <= len(rows):
        raise NotFound(f"该任务只有 {len(rows)} 个目标，没有第 {position} 个。")
    return rows[position - 1][0]


def resolve_node(db: Database, spec: str, plan: str | None = None) -> tuple[str, str]:
    """``5`` → task 5, ``14-2`` → item 2 of task 14, ``m:ID`` → a milestone."""
    spec = spec.strip()
    if spec.lower().startswith("m:"):
        return "milestone", resolve_prefix(db, "milestone", spec[2:], "里程碑")
    no, _, item = spec.partition("-")
    if not no.isdigit() or (item and not item.isdigit()):
        raise UserError(f"无法识别“{spec}”：请写任务号（如 5）、事项（如 14-2）或 m:里程碑编号。")
    task_id = resolve_task(db, int(no), plan)
    if item:
        return "item", resolve_item(db, task_id, int(item))
    return "task", task_id


def plan_prefixes(db: Database) -> dict[str, str]:
    """plan id → "发文字号 " to put before 任务N, or {} when only one plan is loaded
    (then 任务N is unambiguous)."""
    rows = db.execute("SELECT id, doc_no, title FROM plan").fetchall()
    if len(rows) < 2:
        return {}
    return {plan_id: f"{doc_no or title} " for plan_id, doc_no, title in rows}


def node_labels(db: Database, keys: list[tuple[str, str]]) -> list[str]:
    """Short Chinese labels: 任务5, 任务14-2, 任务5“算力中心投运” (with the plan's
    发文字号 in front when several plans are loaded)."""
    prefixes = plan_prefixes(db)
    out = []
    for kind, rid in keys:
        if kind == "task":
            row = db.execute("SELECT no, plan_id FROM task WHERE id = ?", [rid]).fetchone()
            out.append(f"{prefixes.get(row[1], '')}任务{row[0]}" if row else "（已删除）")
        elif kind == "item":
            row = db.execute(
                "SELECT t.no, i.position, (SELECT count(*) FROM item x WHERE x.task_id = t.id),"
                " t.plan_id FROM item i JOIN task t ON t.id = i.task_id WHERE i.id = ?",
                [rid],
            ).fetchone()
            if not row:
                out.append("（已删除）")
            else:
                no = f"{row[0]}-{row[1] + 1}" if row[2] > 1 else f"{row[0]}"
                out.append(f"{prefixes.get(row[3], '')}任务{no}")
        else:
            row = db.execute(
                "SELECT t.no, m.title, t.plan_id FROM milestone m JOIN task t ON t.id = m.task_id"
                " WHERE m.id = ?",
                [rid],
            ).fetchone()
            out.append(f"{prefixes.get(row[2], '')}任务{row[0]}“{row[1]}”" if row else "（已删除）")
    return out


# -- status ------------------------------------------------------------------------


def load_status_inputs(db: Database, task_ids: Iterable[str] | None = None) -> st.StatusInputs:
    """Every row a status pass needs, in nine plain queries (only the rows of
    ``task_ids`` and the dependencies touching them when given: an incremental pass)."""
    inputs = st.StatusInputs()
    only = json.dumps(sorted(task_ids)) if task_ids is not None else None

    def of(column: str) -> str:
        """ " AND <column> IN (the tasks)" when restricted."""
        return f" AND {column} IN (SELECT value FROM json_each(:only))" if only else ""

    args = {"only": only} if only else {}
    inputs.milestones = db.execute(
        "SELECT id, task_id, item_id, title, due, owner_unit_id, done_date FROM milestone"
        f" WHERE 1{of('task_id')} ORDER BY rowid",
        args,
    ).fetchall()
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
    for task_id, no, plan_id in db.execute(
        f"SELECT id, no, plan_id FROM task WHERE 1{of('id')} ORDER BY rowid", args
    ):
        inputs.tasks[task_id] = no
        if prefixes:
            inputs.task_prefix[task_id] = prefixes.get(
                plan_id, ""
            )  # a plan added by a sync meanwhile
    counts: dict[str, int] = {}
    first_item: dict[str, tuple[int, str]] = {}
    for item_id, task_id, position in db.execute(
        f"SELECT id, task_id, position FROM item WHERE 1{of('task_id')} ORDER BY rowid", args
    ):
        inputs.items[item_id] = (task_id, position)
        counts[task_id] = counts.get(task_id, 0) + 1
        if task_id not in first_item or position < first_item[task_id][0]:
            first_item[task_id] = (position, item_id)
    inputs.item_counts = counts
    best: dict[str, tuple[int, int, str]] = {}
    for item_id, unit_id, role, position in db.execute(
        "SELECT item_id, unit_id, role, position FROM assignment"
        " WHERE role IN ('lead', 'responsible')"
        + (f" AND item_id {in_tasks.format('item')}" if only else ""),
        args,
    ):
        rank = (0 if role == "lead" else 1, position, unit_id)
        if item_id not in best or rank < best[item_id]:
            best[item_id] = rank
    inputs.item_unit = {item_id: rank[2] for item_id, rank in best.items()}
    for task_id, (_pos, item_id) in first_item.items():
        unit = inputs.item_unit.get(item_id)
        if unit:
            inputs.task_unit[task_id] = unit
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
    from desktop.models.workflow_inputs import load_workflow_inputs

    load_workflow_inputs(db, inputs, task_ids)
    return inputs


def compute_status(
    db: Database, today: date | None = None, window_days: int = st.DEFAULT_WINDOW_DAYS
) -> st.StatusSnapshot:
    """Every milestone/item/task status, risk flag and the blocking ranking."""
    snapshot = st.compute(load_status_inputs(db), today or date.today(), window_days)
    from desktop.models.authoring_queries import apply_rollup

    return apply_rollup(db, snapshot)


# -- listings ------------------------------------------------------------------------


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


_COMPARE = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "=": operator.eq,
}


def meets_goal(comparator: str, goal: float, current: float) -> bool:
    """Whether ``current`` meets ``goal`` under ``comparator`` (unknown: ``>=``)."""
    return _COMPARE.get(comparator, operator.ge)(current, goal)


def progress_toward(
    comparator: str, goal: float | None, current: float | None
) -> tuple[float | None, float | None, bool]:
    """(percent, gap, met) of ``current`` toward ``goal`` under ``comparator``.

    ``>=``/``>``/``=``: percent = current / goal; gap = goal - current (0 once
    met). ``<=``/``<`` (a ceiling such as energy use): percent = goal / current
    capped at 100; gap = current - goal (0 once met).
    """
    if goal is None or current is None:
        return None, None, False
    met = meets_goal(comparator, goal, current)
    if comparator in ("<=", "<"):
        percent = 100.0 if current <= 0 else min(100.0, goal / current * 100)
        gap = 0.0 if met else current - goal
    else:
        percent = (current / goal * 100) if goal else (100.0 if met else 0.0)
        gap = 0.0 if met else abs(goal - current)
    return round(percent, 2), gap, met


def target_progress(db: Database, target_id: str) -> dict[str, Any]:
    """A target with its value history (oldest first), latest value, percent, gap."""
    target = next(db.query("SELECT * FROM target WHERE id = ?", [target_id]), None)
    if target is None:
        raise NotFound("目标不存在。")
    history = list(
        db.query(
            "SELECT v.*, u.name AS unit_name FROM target_value v"
            " LEFT JOIN unit u ON u.id = v.unit_id WHERE v.target_id = ?"
            " ORDER BY v.as_of, v.id",
            [target_id],
        )
    )
    # Latest: by as_of, then id (the same on every desktop). Several values on
    # the latest date are shown as contested rather than silently ranked.
    latest = history[-1] if history else None
    same_day = [v for v in history if latest and v["as_of"] == latest["as_of"]]
    percent, gap, met = progress_toward(
        target["comparator"], target["value"], latest["value"] if latest else None
    )
    return {
        "target": target,
        "history": history,
        "latest": latest,
        "latest_contested": same_day if len({v["value"] for v in same_day}) > 1 else [],
        "percent": percent,
        "gap": gap,
        "met": met,
    }


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
        f" WHERE a.role IN ({marks}) AND u.kind != 'group'"
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


# -- unit workspace and dashboard ------------------------------------------------------


def unit_workspace(
    db: Database,
    unit_id: str,
    today: date | None = None,
    snapshot: st.StatusSnapshot | None = None,
    *,
    next_limit: int = 10,
) -> dict[str, Any]:
    """What a unit leads / supports / is responsible for (items with status and
    risks), its next and overdue milestones, what it blocks and who blocks it."""
    from desktop.models.queries import unit_assignments

    snap = snapshot or compute_status(db, today)
    roles: dict[str, list[dict[str, Any]]] = {"lead": [], "support": [], "responsible": []}
    mine_items: set[str] = set()
    for row in unit_assignments(db, unit_id):
        node = snap.items.get(row["item_id"])
        row["status"] = node.status if node else st.NOT_SCHEDULED
        row["risks"] = node.risks if node else []
        row["label"] = snap.label(("item", row["item_id"]))
        roles[row["role"]].append(row)
        if row["role"] in REPORTING_ROLES:
            mine_items.add(row["item_id"])
    own = [
        m
        for m in snap.milestones.values()
        if m.unit_id == unit_id or (m.item_id is not None and m.item_id in mine_items)
    ]
    open_ms = [m for m in own if m.status not in (st.DONE, st.NOT_SCHEDULED)]
    due_next = sorted(
        (m for m in open_ms if m.status != st.OVERDUE), key=lambda m: (m.effective_due, m.id)
    )[:next_limit]
    overdue = sorted((m for m in open_ms if m.status == st.OVERDUE), key=lambda m: m.effective_due)
    blocking: list[tuple[tuple[str, str], st.RiskCause]] = []
    for kind, table in (("task", snap.tasks), ("milestone", snap.milestones)):
        for rid, node in table.items():
            for cause in node.risks:
                if cause.root_unit_id == unit_id:
                    blocking.append(((kind, rid), cause))
    blocked_by: dict[str, st.RiskCause] = {}
    for rows in roles.values():
        for row in rows:
            for cause in row["risks"]:
                blocked_by.setdefault(cause.root_milestone_id, cause)
    return {
        "unit_id": unit_id,
        "roles": roles,
        "due_next": due_next,
        "overdue": overdue,
        "blocking": blocking,
        "blocked_by": list(blocked_by.values()),
        "snapshot": snap,
    }


def late_against_original(snap: st.StatusSnapshot) -> list[st.MilestoneState]:
    """Milestones late against their *original* due date that the overdue list
    does not show: extended ones past the original date (open or done) and ones
    finished after it. An extension does not make lateness disappear."""
    return sorted(
        (m for m in snap.milestones.values() if m.late_vs_original and m.status != st.OVERDUE),
        key=lambda m: (m.original_due or "", m.id),
    )


def dashboard(
    db: Database,
    today: date | None = None,
    window_days: int = st.DEFAULT_WINDOW_DAYS,
    snapshot: st.StatusSnapshot | None = None,
) -> dict[str, Any]:
    """Counts of task statuses per section and of item statuses per lead unit,
    the overdue milestones, the at-risk tasks, the blocking ranking and the
    dependency cycles (``cycles``: labels such as "任务8 → 任务10 → 任务8")."""
    snap = snapshot or compute_status(db, today, window_days)
    empty = dict.fromkeys(st.STATUSES, 0)
    by_section: dict[str | None, dict[str, Any]] = {}
    sections = {
        r[0]: (r[1], r[2], r[3], r[4])
        for r in db.execute("SELECT id, no, title, level, parent_id FROM section")
    }
    for task_id, section_id in db.execute("SELECT id, section_id FROM task"):
        node = snap.tasks.get(task_id)
        if node is None:
            continue
        no, title, level, parent = sections.get(section_id, ("", "（无章节）", 0, None))
        entry = by_section.setdefault(
            section_id,
            {"no": no, "title": title, "level": level, "parent_id": parent, "counts": dict(empty)},
        )
        entry["counts"][node.status] += 1
    by_unit: dict[str, dict[str, Any]] = {}
    names = dict(db.execute("SELECT id, name FROM unit").fetchall())
    for item_id, unit_id in db.execute(
        "SELECT DISTINCT item_id, unit_id FROM assignment WHERE role IN ('lead', 'responsible')"
    ):
        node = snap.items.get(item_id)
        if node is None:
            continue
        entry = by_unit.setdefault(unit_id, {"name": names.get(unit_id, ""), "counts": dict(empty)})
        entry["counts"][node.status] += 1
    overdue = sorted(
        (m for m in snap.milestones.values() if m.status == st.OVERDUE),
        key=lambda m: (m.effective_due, m.id),
    )
    at_risk = [(task_id, snap.tasks[task_id].risks) for task_id in snap.at_risk("task")]
    return {
        "by_section": by_section,
        "by_unit": by_unit,
        "overdue": overdue,
        "late_vs_original": late_against_original(snap),
        "at_risk": at_risk,
        "blocking": snap.blocking,
        "cycles": snap.cycles,
        "snapshot": snap,
    }
