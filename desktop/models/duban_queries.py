"""Read side of the 督办 workflow: states of applications and requests, 签收,
reporting rounds per cycle (催报 with 迟报 apart from 未报), contacts.

Only reads; the actions are in ``desktop.models.duban``.
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import itemgetter
from typing import Any

from sqlite_utils import Database

from desktop.models.archive import active
from desktop.models.coordination_queries import plan_prefixes
from desktop.models.report_queries import REPORTING_ROLES

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
        "SELECT a.role FROM assignment a JOIN item i ON i.id = a.item_id"
        " WHERE i.task_id = ? AND a.unit_id = ?"
    )
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


def changes_since(db: Database, task_id: str, since: str | None) -> list[dict[str, Any]]:
    """Edits of a task's structure (task, items, milestones, targets, assignments)
    recorded in this copy's change log after ``since`` (all when ``None``)."""
    rows = db.execute(
        f"WITH r(tbl, record_id) AS ({_TASK_RECORDS})"
        " SELECT c.created_at, c.tbl, c.kind, c.fields FROM change_log c"
        " JOIN r ON r.tbl = c.tbl AND r.record_id = c.record_id"
        " WHERE c.created_at > :since ORDER BY c.seq",
        {"t": task_id, "since": since or ""},
    ).fetchall()
    return [
        {
            "at": at,
            "what": f"{CHANGE_KINDS.get(kind, kind)}{CHANGE_NOUNS.get(tbl, tbl)}",
            "fields": fields,
        }
        for at, tbl, kind, fields in rows
    ]


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


def signoff_states(db: Database) -> dict[tuple[str, str | None], str]:
    """``(task_id, item_id)`` → state of its latest application (pending /
    approved / returned). Once approved, a later application changes nothing."""
    states: dict[tuple[str, str | None], str] = {}
    for task_id, item_id, decision in db.execute(
        "SELECT s.task_id, s.item_id, (SELECT d.decision FROM signoff_decision d"
        " WHERE d.signoff_id = s.id ORDER BY d.decided_at LIMIT 1)"
        " FROM signoff s ORDER BY s.applied_at, s.id"
    ):
        key = (task_id, item_id)
        if states.get(key) != "approved":
            states[key] = decision or "pending"
    return states


def signoff_state(db: Database, task_id: str, item_id: str | None = None) -> str | None:
    return signoff_states(db).get((task_id, item_id))


def signoffs(db: Database, *, pending: bool = False) -> list[dict[str, Any]]:
    """Applications (newest first) with their state, decision and labels."""
    rows = list(
        db.query(
            "SELECT s.*, u.name AS unit_name, d.decision, d.reason AS decision_reason,"
            " d.decided_at, d.decided_by FROM signoff s LEFT JOIN unit u ON u.id = s.unit_id"
            " LEFT JOIN signoff_decision d ON d.signoff_id = s.id"
            " ORDER BY s.applied_at DESC, s.id"
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


def extension_requests(db: Database, *, pending: bool = False) -> list[dict[str, Any]]:
    rows = list(
        db.query(
            "SELECT r.*, u.name AS unit_name, m.title AS milestone_title, m.task_id,"
            " m.due AS original_due, d.decision, d.reason AS decision_reason, d.decided_at,"
            " d.decided_by FROM extension_request r JOIN milestone m ON m.id = r.milestone_id"
            " LEFT JOIN unit u ON u.id = r.unit_id"
            " LEFT JOIN extension_decision d ON d.request_id = r.id"
            " ORDER BY r.requested_at DESC, r.id"
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


def contacts(db: Database) -> dict[str, tuple[str, str]]:
    """unit_id → (联络员, phone)."""
    return {
        u: (p, ph) for u, p, ph in db.execute("SELECT unit_id, person, phone FROM unit_contact")
    }


def contact_text(contact: tuple[str, str] | None) -> str:
    return f"（联络员 {contact[0]} {contact[1]}）" if contact else ""


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

_ANCHOR = date(2024, 1, 1)  # a Monday: two-week windows are counted from it


@dataclass(frozen=True)
class Window:
    """One reporting period of a cycle: reports made in it count; due by ``due``."""

    start: date
    end: date
    due: date
    label: str


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def cycle_window(every: str, due_day: int | None, due_date: str | None, as_of: date) -> Window:
    """The window of a cycle containing ``as_of``."""
    if every == "once":
        due = date.fromisoformat(due_date) if due_date else _month_end(as_of.year, 12)
        return Window(date(1900, 1, 1), max(due, as_of), due, f"一次性（{due.isoformat()}前）")
    if every in ("week", "2weeks"):
        if every == "week":
            start = as_of - timedelta(days=as_of.weekday())
            length = 7
        else:
            start = _ANCHOR + timedelta(days=(as_of - _ANCHOR).days // 14 * 14)
            length = 14
        end = start + timedelta(days=length - 1)
        due = end if due_day is None else start + timedelta(days=length - 8 + due_day)
        return Window(start, end, due, f"{start.isoformat()}至{end.isoformat()}")
    if every == "quarter":
        first = (as_of.month - 1) // 3 * 3 + 1
        start, end = date(as_of.year, first, 1), _month_end(as_of.year, first + 2)
        label = f"{as_of.year}年第{(first - 1) // 3 + 1}季度"
    else:
        start, end = date(as_of.year, as_of.month, 1), _month_end(as_of.year, as_of.month)
        label = f"{as_of.year}-{as_of.month:02d}"
    due = end if due_day is None else end.replace(day=min(due_day, end.day))
    return Window(start, end, due, label)


def cycles(db: Database) -> dict[str, tuple[str, int | None, str | None]]:
    """task_id → (every, due_day, due_date); tasks without a row report monthly."""
    return {
        t: (e, d, dd) for t, e, d, dd in db.execute(
            "SELECT task_id, every, due_day, due_date FROM report_cycle ORDER BY id")
    }  # fmt: skip


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


ROUND_STATES = ("on_time", "late", "missing", "open")
ROUND_LABELS = {"on_time": "按时报送", "late": "迟报", "missing": "未报", "open": "未到期"}


@dataclass(slots=True)
class RoundEntry:
    task_id: str
    item_id: str
    unit_id: str
    unit_name: str
    window: Window
    state: str
    reported_on: date | None = None
    # for the label, built only when shown: (prefix, task no, title, item position or None)
    parts: tuple[str, int, str, int | None] = ("", 0, "", None)

    @property
    def short_label(self) -> str:
        """``任务3-2`` (with the plan's prefix when several plans are loaded)."""
        prefix, no, _title, pos = self.parts
        return f"{prefix}任务{no}" + (f"-{pos + 1}" if pos is not None else "")

    @property
    def label(self) -> str:
        return f"{self.short_label}“{self.parts[2]}”"


@dataclass
class ReportRound:
    """The 催报 picture as of a date: each reporting unit's current window per its
    task's cycle, 按时 / 迟报 / 未报 (due date passed) / 未到期."""

    as_of: date
    entries: list[RoundEntry] = field(default_factory=list)
    # unit_id → (联络员, phone): shown beside a unit on every 催报 list
    contacts: dict[str, tuple[str, str]] = field(default_factory=dict)

    def count(self, state: str) -> int:
        return sum(1 for e in self.entries if e.state == state)

    def by_unit(self, state: str) -> dict[str, list[RoundEntry]]:
        out: dict[str, list[RoundEntry]] = {}
        for entry in self.entries:
            if entry.state == state:
                out.setdefault(entry.unit_id, []).append(entry)
        return out


def _reporting_rows(
    db: Database, roles: tuple[str, ...], plan_id: str | None, *, ordered: bool
) -> tuple[list[tuple[str, int, str, str, int, str, str, str]], dict[str, int]]:
    """Every assigned (item, unit) in ``roles``, groups excluded, once: ``(task id, task
    no, task title, item id, item position, plan id, unit id, unit name)``, in plan,
    task, item and assignment order when ``ordered``; and each task's number of items.
    Plain lookups joined in Python: faster than the five-table SQL join (with DISTINCT
    and ORDER BY) on a province database."""
    units = {u: name for u, name, kind in db.execute("SELECT id, name, kind FROM unit")
             if kind != "group"}  # fmt: skip
    # the rows themselves are kept (no tuple built per task or item)
    tasks = {
        row[0]: row
        for row in db.execute(f"SELECT id, no, title, plan_id FROM task WHERE {active('task')}")
        if plan_id is None or row[3] == plan_id
    }
    item_rows = db.execute("SELECT id, task_id, position FROM item").fetchall()
    items = {row[0]: row for row in item_rows}
    n_items: dict[str, int] = Counter(map(itemgetter(1), item_rows))
    marks = ",".join("?" * len(roles))
    plans = dict(db.execute("SELECT id, imported_at FROM plan").fetchall()) if ordered else {}
    keyed = []
    out = []
    seen: set[tuple[str, str]] = set()
    get_unit, get_item, get_task = units.get, items.get, tasks.get
    for item_id, unit_id, position in db.execute(
        f"SELECT item_id, unit_id, position FROM assignment WHERE role IN ({marks})",
        list(roles),
    ):
        name = get_unit(unit_id)
        item = get_item(item_id)
        task = get_task(item[1]) if item else None
        if name is None or item is None or task is None:
            continue
        row = (item[1], task[1], task[2], item_id, item[2], task[3], unit_id, name)
        if ordered:
            keyed.append(((plans.get(task[3]) or "", task[1], item[2], position), row))
        elif (item_id, unit_id) not in seen:  # the first of an (item, unit) counts
            seen.add((item_id, unit_id))
            out.append(row)
    if ordered:
        keyed.sort(key=lambda pair: pair[0])
        for _key, row in keyed:
            if (row[3], row[6]) not in seen:
                seen.add((row[3], row[6]))
                out.append(row)
    return out, n_items


def _judged_windows(
    cycle: tuple[str, int | None, str | None] | None, as_of: date
) -> tuple[Window | None, Window | None]:
    """(the latest window whose due date has passed, the current window if not yet due)."""
    every, due_day, due_date = cycle or ("month", None, None)
    current = cycle_window(every, due_day, due_date, as_of)
    if as_of > current.due:
        return current, None
    if every == "once":
        return None, current
    return cycle_window(every, due_day, due_date, current.start - timedelta(days=1)), current


def report_round(
    db: Database,
    as_of: date,
    plan_id: str | None = None,
    roles: tuple[str, ...] = REPORTING_ROLES,
    *,
    ordered: bool = True,
) -> ReportRound:
    """Every reporting (item, unit) against its task's cycle (monthly by default), as of
    ``as_of``: in the latest window whose due date has passed it is 按时, 迟报 (the report
    came after the due date) or 未报 (none came); while the current window is not yet due
    and it has not reported in it, it is also 未到期 (``open``). A report counts for a
    month or quarter by its 填报期, for weekly, two-weekly and one-off cycles by the day
    it was made. A task-level report covers the unit's items. ``ordered=False`` skips
    sorting the entries (for counts). The one 催报 query: CLI ``remind``, the dashboard's
    催报 tab, the unit workspace and the all-units table use it."""
    result = ReportRound(as_of, contacts=contacts(db))
    task_cycles = cycles(db)
    prefixes = {} if plan_id else plan_prefixes(db)
    reports: dict[tuple[str, str | None, str], list[tuple[str, str]]] = {}
    for task_id, item_id, unit_id, period, created in db.execute(
        "SELECT task_id, item_id, unit_id, period, substr(created_at, 1, 10) FROM report"
    ):
        reports.setdefault((task_id, item_id, unit_id), []).append((period, created))
    rows, n_items = _reporting_rows(db, roles, plan_id, ordered=ordered)

    def bounds(window: Window | None, by_period: bool) -> tuple[Window, str, str] | None:
        if window is None:
            return None
        first, last = window.start.isoformat(), window.end.isoformat()
        return (window, first[:7], last[:7]) if by_period else (window, first, last)

    # per cycle (most tasks share the default): (judged, current, counts by 填报期?)
    specs: dict[Any, tuple[Any, Any, bool]] = {}
    days: dict[str, date] = {}  # the days reports were made, parsed once

    def spec_of(cycle: Any) -> tuple[Any, Any, bool]:
        spec = specs.get(cycle)
        if spec is None:
            by_period = cycle is None or cycle[0] in ("month", "quarter")
            judged, current = _judged_windows(cycle, as_of)
            spec = specs[cycle] = (bounds(judged, by_period), bounds(current, by_period), by_period)
        return spec

    def first_report(
        made: list[tuple[str, str]], by_period: bool, first: str, last: str
    ) -> str | None:
        found = None
        for period, day in made:
            if first <= (period if by_period else day) <= last and (found is None or day < found):
                found = day
        return found

    entries = result.entries
    append = entries.append
    get_cycle, get_made, get_prefix = task_cycles.get, reports.get, prefixes.get
    no_reports: list[tuple[str, str]] = []
    for task_id, no, title, item_id, pos, plan, unit_id, name in rows:
        cycle = get_cycle(task_id)
        judged, current, by_period = specs.get(cycle) or spec_of(cycle)
        # the unit's reports on the item, and on the whole task (they cover its items)
        on_item, on_task = get_made((task_id, item_id, unit_id)), get_made((task_id, None, unit_id))
        made = (on_item + on_task if on_task else on_item) if on_item else on_task or no_reports
        parts = (get_prefix(plan, ""), no, title, pos if n_items.get(task_id, 1) > 1 else None)
        if judged is not None:
            reported = first_report(made, by_period, judged[1], judged[2]) if made else None
            if reported is None:
                append(
                    RoundEntry(task_id, item_id, unit_id, name, judged[0], "missing", None, parts)
                )
            else:
                day = days.get(reported) or days.setdefault(reported, date.fromisoformat(reported))
                state = "late" if day > judged[0].due else "on_time"
                append(RoundEntry(task_id, item_id, unit_id, name, judged[0], state, day, parts))
        if current is not None and (
            not made or first_report(made, by_period, current[1], current[2]) is None
        ):
            append(RoundEntry(task_id, item_id, unit_id, name, current[0], "open", None, parts))
    return result


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
