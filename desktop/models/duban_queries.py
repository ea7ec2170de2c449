"""Read side of the 督办 workflow: states of applications and requests, 签收,
reporting rounds per cycle (催报 with 迟报 apart from 未报), contacts.

Only reads; the actions are in ``desktop.models.duban``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from desktop.models.archive import active
from desktop.models.coordination_queries import plan_prefixes
from desktop.models.round_queries import (  # noqa: F401 (the round is read through here)
    ROUND_LABELS,
    ROUND_STATES,
    ReportRound,
    RoundEntry,
    Window,
    _judged_windows,
    contacts,
    cycle_of,
    cycle_window,
    cycles,
    report_round,
    round_tally,
)

# -- small lookups ---------------------------------------------------------------------


def unit_name(db: Database, unit_id: str) -> str:
    row = db.execute("SELECT name FROM unit WHERE id = ?", [unit_id]).fetchone()
    return row[0] if row else "（已删除的单位）"


def work_label(db: Database, task_id: str, item_id: str | None = None) -> str:
    """任务5“标题” / 任务14-2“标题” (with the plan's 发文字号 when several plans are loaded)."""
    row = db.execute(
        "SELECT t.no, t.title, t.plan_id, (SELECT count(*) FROM item x WHERE x.task_id = t.id)"
        " FROM task t WHERE t.id = ?",
        [task_id],
    ).fetchone()
    if row is None:
        return "（已删除的任务）"
    no, title, plan_id, n_items = row
    prefix = plan_prefixes(db).get(plan_id, "")
    label = f"{prefix}任务{no}"
    if item_id and n_items > 1:
        pos = db.execute("SELECT position FROM item WHERE id = ?", [item_id]).fetchone()
        label += f"-{pos[0] + 1}" if pos else ""
    short = title if len(title) <= 30 else title[:29] + "…"
    return f"{label}“{short}”"


def unit_roles(db: Database, task_id: str, unit_id: str, item_id: str | None = None) -> set[str]:
    """The roles a unit holds on a task (on one item when given)."""
    sql = (
        "SELECT a.role FROM item i CROSS JOIN assignment a ON a.item_id = i.id"
        " WHERE i.task_id = ? AND +a.unit_id = ?"
    )  # the task's items first: by unit it read all of a unit's assignments (thousands)
    params = [task_id, unit_id]
    if item_id:
        sql += " AND i.id = ?"
        params.append(item_id)
    return {r[0] for r in db.execute(sql, params)}


def closing_units(db: Database, task_id: str, item_id: str | None = None) -> set[str]:
    """Units that may apply to close: the lead units (the responsible ones where
    an item has no lead)."""
    sql = (
        "SELECT i.id, a.unit_id, a.role FROM assignment a JOIN item i ON i.id = a.item_id"
        " WHERE i.task_id = ? AND a.role IN ('lead', 'responsible')"
    )
    params = [task_id]
    if item_id:
        sql += " AND i.id = ?"
        params.append(item_id)
    by_item: dict[str, dict[str, set[str]]] = {}
    for item, unit, role in db.execute(sql, params):
        by_item.setdefault(item, {}).setdefault(role, set()).add(unit)
    units: set[str] = set()
    for roles in by_item.values():
        units |= roles.get("lead") or roles.get("responsible") or set()
    return units


def last_signin(
    db: Database, task_id: str, item_id: str | None, unit_id: str
) -> dict[str, Any] | None:
    return next(
        db.query(
            "SELECT * FROM signin WHERE task_id = ? AND item_id IS ? AND unit_id = ?"
            " ORDER BY signed_at DESC, id DESC LIMIT 1",
            [task_id, item_id, unit_id],
        ),
        None,
    )


_TASK_RECORDS = (
    "SELECT 'task', id FROM task WHERE id = :t"
    " UNION ALL SELECT 'item', id FROM item WHERE task_id = :t"
    " UNION ALL SELECT 'milestone', id FROM milestone WHERE task_id = :t"
    " UNION ALL SELECT 'target', id FROM target WHERE task_id = :t"
    " UNION ALL SELECT 'assignment', a.id FROM assignment a JOIN item i ON i.id = a.item_id"
    " WHERE i.task_id = :t"
)
CHANGE_NOUNS = {
    "task": "任务",
    "item": "工作事项",
    "milestone": "里程碑",
    "target": "量化目标",
    "assignment": "分工",
}
CHANGE_KINDS = {"insert": "新增", "update": "修改", "delete": "删除"}
#: The field linking each of ``_TASK_RECORDS`` to the task (or its item): written when the
#: record is added (a record received in a snapshot has no versions of its fields yet).
_PARENT_FIELDS = {
    "task": "plan_id",
    "item": "task_id",
    "milestone": "task_id",
    "target": "task_id",
    "assignment": "item_id",
}


def changes_since(
    db: Database, task_id: str, signin: Mapping[str, Any] | None
) -> list[dict[str, Any]]:
    """Edits of a task's structure (task, items, milestones, targets, assignments) since
    a unit's sign-in ``signin`` (its row; every edit this copy knows of when ``None``),
    each ``{"at", "what", "fields", "remote"}`` (``fields``: JSON of the values written,
    for a pulled edit the fields' values now):

    - this copy's own edits, from its change log, stamped at or after the sign-in (an
      edit in the sign-in's millisecond is counted, never missed);
    - edits made on other desktops and pulled here (``remote``, without a time: the ops
      carry none) that the server ordered after the sign-in. The sign-in's place in
      that order is known once it has been pushed (or pulled, when signed elsewhere);
      until then only this copy's own edits count.

    Signing again is allowed when there is one (``duban.sign_in``)."""
    since = signin["signed_at"] if signin else ""
    rows = db.execute(
        f"WITH r(tbl, record_id) AS ({_TASK_RECORDS})"
        " SELECT c.created_at, c.tbl, c.kind, c.fields FROM change_log c"
        " JOIN r ON r.tbl = c.tbl AND r.record_id = c.record_id"
        " WHERE c.created_at >= :since ORDER BY c.seq",
        {"t": task_id, "since": since},
    ).fetchall()
    changes = [
        {
            "at": at,
            "what": f"{CHANGE_KINDS.get(kind, kind)}{CHANGE_NOUNS.get(tbl, tbl)}",
            "fields": fields,
            "remote": False,
        }
        for at, tbl, kind, fields in rows
    ]
    after = 0 if signin is None else _server_seq(db, "signin", signin["id"])
    if after is not None:
        changes.extend(_pulled_changes(db, task_id, after))
    return changes


def _server_seq(db: Database, tbl: str, record_id: str) -> int | None:
    """The server's seq of a record this copy pushed (acknowledged) or pulled; None
    while it waits to be pushed."""
    row = db.execute(
        "SELECT max(seq) FROM (SELECT seq FROM sync_version WHERE tbl = :tbl AND"
        " record_id = :id UNION ALL SELECT acked_seq FROM change_log WHERE tbl = :tbl"
        " AND record_id = :id AND acked_seq > 0)",
        {"tbl": tbl, "id": record_id},
    ).fetchone()
    return row[0] if row else None


def _pulled_changes(db: Database, task_id: str, after: int) -> list[dict[str, Any]]:
    """The task's records changed on other desktops at server seqs above ``after``
    (their fields' versions, ``sync_version``): a record whose link to the task (or
    its item) was written since was added to it, else changed. A record received in a
    snapshot has one version for every field (``ANY_FIELD``: its last change, whatever
    it was): changed when that is recent, never taken for added."""
    from sync.apply import ANY_FIELD, get_state  # (the sync modules: only when asked)
    from sync.records import wire_columns

    device = get_state(db, "device_id") or ""
    rows = db.execute(
        f"WITH r(tbl, record_id) AS ({_TASK_RECORDS})"
        " SELECT v.tbl, v.record_id, v.versions FROM sync_version v"
        " JOIN r ON r.tbl = v.tbl AND r.record_id = v.record_id"
        " WHERE v.seq > :after ORDER BY v.seq",
        {"t": task_id, "after": after},
    ).fetchall()
    changes = []
    for tbl, record_id, versions in rows:
        stored = json.loads(versions)
        every = stored.get(ANY_FIELD)
        known = {name: stored.get(name) or every for name in wire_columns(tbl)}
        fields = [
            name
            for name, version in known.items()
            if version and version[0] > after and version[1] != device
        ]
        if not fields:  # (only this desktop's own edits, already listed from its log)
            continue
        values = db.execute(
            f"SELECT {', '.join(f'[{name}]' for name in fields)} FROM [{tbl}] WHERE id = ?",
            [record_id],
        ).fetchone()
        parent = _PARENT_FIELDS[tbl]
        kind = "insert" if parent in fields and parent in stored else "update"
        changes.append(
            {
                "at": "",
                "what": f"{CHANGE_KINDS[kind]}{CHANGE_NOUNS[tbl]}",
                "fields": json.dumps(dict(zip(fields, values, strict=True)), ensure_ascii=False),
                "remote": True,
            }
        )
    return changes


def pending_extension(db: Database, milestone_id: str) -> str | None:
    row = db.execute(
        "SELECT r.id FROM extension_request r WHERE r.milestone_id = ?"
        " AND NOT EXISTS (SELECT 1 FROM extension_decision d WHERE d.request_id = r.id)",
        [milestone_id],
    ).fetchone()
    return row[0] if row else None


def extension_decision(db: Database, request_id: str) -> dict[str, Any] | None:
    return next(
        db.query(
            "SELECT * FROM extension_decision WHERE request_id = ? ORDER BY decided_at LIMIT 1",
            [request_id],
        ),
        None,
    )


def signoff_decision(db: Database, signoff_id: str) -> dict[str, Any] | None:
    return next(
        db.query(
            "SELECT * FROM signoff_decision WHERE signoff_id = ? ORDER BY decided_at LIMIT 1",
            [signoff_id],
        ),
        None,
    )


def work_labels(
    db: Database, keys: set[tuple[str, str | None]]
) -> dict[tuple[str, str | None], str]:
    """``work_label`` of many (task, item) pairs with one plan-prefix lookup."""
    prefixes = plan_prefixes(db)
    info = {
        task_id: db.execute(
            "SELECT t.no, t.title, t.plan_id, (SELECT count(*) FROM item x WHERE x.task_id = t.id)"
            " FROM task t WHERE t.id = ?",
            [task_id],
        ).fetchone()
        for task_id in {t for t, _i in keys}
    }
    out: dict[tuple[str, str | None], str] = {}
    for task_id, item_id in keys:
        row = info.get(task_id)
        if row is None:
            out[(task_id, item_id)] = "（已删除的任务）"
            continue
        no, title, plan_id, n_items = row
        label = f"{prefixes.get(plan_id, '')}任务{no}"
        if item_id and n_items > 1:
            pos = db.execute("SELECT position FROM item WHERE id = ?", [item_id]).fetchone()
            label += f"-{pos[0] + 1}" if pos else ""
        short = title if len(title) <= 30 else title[:29] + "…"
        out[(task_id, item_id)] = f"{label}“{short}”"
    return out


def pending_counts(db: Database) -> tuple[dict[str, int], dict[str, int]]:
    """Per unit: pending 办结 applications and pending 延期 requests (no labels)."""
    signoffs = dict(
        db.execute(
            "SELECT s.unit_id, count(*) FROM signoff s WHERE NOT EXISTS"
            " (SELECT 1 FROM signoff_decision d WHERE d.signoff_id = s.id) GROUP BY s.unit_id"
        ).fetchall()
    )
    extensions = dict(
        db.execute(
            "SELECT r.unit_id, count(*) FROM extension_request r WHERE NOT EXISTS"
            " (SELECT 1 FROM extension_decision d WHERE d.request_id = r.id) GROUP BY r.unit_id"
        ).fetchall()
    )
    return signoffs, extensions


SIGNOFF_STATE_LABELS = {"pending": "待审核", "approved": "已销号", "returned": "已退回"}
EXTENSION_STATE_LABELS = {"pending": "待审批", "approved": "已批准", "refused": "不予批准"}


def signoff_states(db: Database, task_id: str | None = None) -> dict[tuple[str, str | None], str]:
    """``(task_id, item_id)`` → state of its latest application (pending /
    approved / returned). Once approved, a later application changes nothing.
    ``task_id``: that task's only (through the index on ``signoff.task_id``)."""
    states: dict[tuple[str, str | None], str] = {}
    for task, item_id, decision in db.execute(
        "SELECT s.task_id, s.item_id, (SELECT d.decision FROM signoff_decision d"
        " WHERE d.signoff_id = s.id ORDER BY d.decided_at LIMIT 1)"
        " FROM signoff s"
        + (" WHERE s.task_id = ?" if task_id else "")
        + " ORDER BY s.applied_at, s.id",
        [task_id] if task_id else [],
    ):
        key = (task, item_id)
        if states.get(key) != "approved":
            states[key] = decision or "pending"
    return states


def signoff_state(db: Database, task_id: str, item_id: str | None = None) -> str | None:
    return signoff_states(db, task_id).get((task_id, item_id))


def signoffs(
    db: Database, *, pending: bool = False, task_id: str | None = None
) -> list[dict[str, Any]]:
    """Applications (newest first) with their state, decision and labels (``task_id``:
    that task's only: the task panel's 督办 tab, read on each task it shows)."""
    rows = list(
        db.query(
            "SELECT s.*, u.name AS unit_name, d.decision, d.reason AS decision_reason,"
            " d.decided_at, d.decided_by FROM signoff s LEFT JOIN unit u ON u.id = s.unit_id"
            " LEFT JOIN signoff_decision d ON d.signoff_id = s.id"
            + (" WHERE s.task_id = ?" if task_id else "")
            + " ORDER BY s.applied_at DESC, s.id",
            [task_id] if task_id else [],
        )
    )
    out = []
    for row in rows:
        row["state"] = row["decision"] or "pending"
        if pending and row["state"] != "pending":
            continue
        out.append(row)
    labels = work_labels(db, {(r["task_id"], r["item_id"]) for r in out})
    for row in out:
        row["label"] = labels[(row["task_id"], row["item_id"])]
    return out


def extension_requests(
    db: Database, *, pending: bool = False, task_id: str | None = None
) -> list[dict[str, Any]]:
    """延期 requests (newest first) with their state, decision and labels (``task_id``:
    those of that task's milestones only)."""
    rows = list(
        db.query(
            "SELECT r.*, u.name AS unit_name, m.title AS milestone_title, m.task_id,"
            " m.due AS original_due, d.decision, d.reason AS decision_reason, d.decided_at,"
            " d.decided_by FROM extension_request r JOIN milestone m ON m.id = r.milestone_id"
            " LEFT JOIN unit u ON u.id = r.unit_id"
            " LEFT JOIN extension_decision d ON d.request_id = r.id"
            + (" WHERE m.task_id = ?" if task_id else "")
            + " ORDER BY r.requested_at DESC, r.id",
            [task_id] if task_id else [],
        )
    )
    out = []
    for row in rows:
        row["state"] = row["decision"] or "pending"
        if pending and row["state"] != "pending":
            continue
        out.append(row)
    labels = work_labels(db, {(r["task_id"], None) for r in out})
    for row in out:
        row["label"] = labels[(row["task_id"], None)]
    return out


def approved_extensions(db: Database) -> set[str]:
    """Ids of ``milestone_extension`` rows written by an approval (others were direct)."""
    return {
        r[0]
        for r in db.execute(
            "SELECT extension_id FROM extension_decision WHERE extension_id IS NOT NULL"
        )
    }


# -- 签收 --------------------------------------------------------------------------------


def unsigned(db: Database, plan_id: str | None = None) -> list[dict[str, Any]]:
    """Assigned (unit, task/item) pairs (groups excluded) with no 签收: a task-level
    签收 covers the unit's items of the task."""
    signed = {(t, i, u) for t, i, u in db.execute("SELECT task_id, item_id, unit_id FROM signin")}
    prefixes = {} if plan_id else plan_prefixes(db)
    rows = db.execute(
        "SELECT DISTINCT t.id, t.no, t.title, i.id, i.position, p.id, u.id, u.name,"
        " (SELECT count(*) FROM item x WHERE x.task_id = t.id)"
        " FROM assignment a JOIN item i ON i.id = a.item_id JOIN task t ON t.id = i.task_id"
        " JOIN plan p ON p.id = t.plan_id JOIN unit u ON u.id = a.unit_id"
        f" WHERE u.kind != 'group' AND {active('t')}"
        + (" AND p.id = ?" if plan_id else "")
        + " ORDER BY p.imported_at, t.no, i.position, a.position",
        [plan_id] if plan_id else [],
    ).fetchall()
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for task_id, no, title, item_id, pos, plan, unit_id, name, n_items in rows:
        if (item_id, unit_id) in seen:
            continue
        seen.add((item_id, unit_id))
        if (task_id, None, unit_id) in signed or (task_id, item_id, unit_id) in signed:
            continue
        label = f"{prefixes.get(plan, '')}任务{no}" + (f"-{pos + 1}" if n_items > 1 else "")
        out.append({"task_id": task_id, "item_id": item_id, "unit_id": unit_id,
                    "unit_name": name, "label": f"{label}“{title}”"})  # fmt: skip
    return out


# -- reporting cycles ------------------------------------------------------------------


def cycle_text(every: str, due_day: int | None, due_date: str | None) -> str:
    from desktop.models.duban import CYCLE_LABELS, WEEKDAYS

    if every == "once":
        return f"一次性，{due_date}前"
    if due_day is None:
        return f"{CYCLE_LABELS[every]}，期末前"
    if every in ("week", "2weeks"):
        return f"{CYCLE_LABELS[every]}，周{WEEKDAYS[due_day - 1]}前"
    return f"{CYCLE_LABELS[every]}，{due_day}日前" if every == "month" else (
        f"{CYCLE_LABELS[every]}，季末月{due_day}日前")  # fmt: skip


def last_report(
    db: Database, task_id: str, unit_id: str, item_id: str | None = None
) -> dict[str, Any] | None:
    """The unit's latest current report on a task (or item): a new report starts from it."""
    return next(
        db.query(
            "SELECT * FROM report r WHERE r.task_id = ? AND r.unit_id = ? AND r.item_id IS ?"
            " AND NOT EXISTS (SELECT 1 FROM report s WHERE s.supersedes_id = r.id)"
            " ORDER BY r.period DESC, r.created_at DESC, r.id DESC LIMIT 1",
            [task_id, unit_id, item_id],
        ),
        None,
    )
