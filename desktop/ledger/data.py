"""What a ledger row shows, loaded in a handful of queries (province scale: ~1 s).

One ``LedgerRow`` per task, or per work item of a task with several items
(任务14-1, 14-2 …): section, number and title, units by role, the next open
milestone and the row's status, the deadline, the latest current report and
the target progress.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlite_utils import Database

from desktop.models import report_queries, status_queries, target_queries
from desktop.models import status as st
from desktop.models.archive import active
from desktop.models.status_tables import state_of
from sync.vocabulary import ROLES

COMPARATORS = {">=": "≥", ">": "＞", "<=": "≤", "<": "＜", "=": "＝"}


def section_label(level: int, no: str, title: str) -> str:
    """一、总体要求 / （一）数字基础设施能力提升行动 / 1. …"""
    if not no:
        return title
    if level <= 1:
        return f"{no}、{title}"
    if level == 2:
        return f"（{no}）{title}"
    return f"{no}. {title}"


def number(value: float | None) -> str:
    """12500.0 → "12500", 0.25 → "0.25" (no float noise)."""
    if value is None:
        return ""
    return f"{value:.10g}"


@dataclass(slots=True)
class LatestReport:
    period: str
    date: str  # YYYY-MM-DD the report was written
    unit: str
    text: str
    percent: float | None


@dataclass
class LedgerRow:
    plan_id: str
    plan_name: str  # 发文字号, else title
    section_id: str | None
    section: str  # 一、… or （一）… (the task's own section)
    task_id: str
    item_id: str | None  # None: a single-item task (reports go to the whole task)
    number: str  # "14" or "14-2"
    title: str  # the task's title; a work item's own text after it
    units: dict[str, list[str]]  # role -> unit names (assignment order)
    unit_roles: dict[str, str]  # unit id -> strongest role on this row
    status: str  # status key (desktop.models.status)
    next_milestone: str  # "标识解析二级节点上线（2025-03-01）"
    overdue: list[str]  # overdue milestone titles with their due dates
    deadline: str
    latest: LatestReport | None
    targets: list[str]  # "主城区5G基站数量 ≥ 13000个：最新 11050个（85%）"
    target_ids: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"任务{self.number}"


@dataclass
class LedgerData:
    today: date
    rows: list[LedgerRow]
    plans: list[dict[str, Any]]
    units: dict[str, tuple[str, str]]  # id -> (name, kind)


def _latest_reports(db: Database) -> dict[tuple[str, str | None], LatestReport]:
    """(task, item) → its latest current report (by period, then time written)."""
    superseded = report_queries.superseded_ids(
        db.execute("SELECT supersedes_id, also_supersedes FROM report")
    )
    best: dict[tuple[str, str | None], tuple] = {}
    for row in db.execute(
        "SELECT r.id, r.task_id, r.item_id, r.period, r.created_at, r.text, r.percent,"
        " u.name FROM report r LEFT JOIN unit u ON u.id = r.unit_id"
    ):
        if row[0] in superseded:
            continue
        key = (row[1], row[2])
        found = best.get(key)
        if found is None or (row[3], row[4], row[0]) > (found[3], found[4], found[0]):
            best[key] = row
    return {
        key: LatestReport(row[3], (row[4] or "")[:10], row[7] or "", row[5] or "", row[6])
        for key, row in best.items()
    }


def _targets(db: Database) -> dict[str, list[dict[str, Any]]]:
    latest: dict[str, float] = {}
    for target_id, value, _as_of, _id in db.execute(
        "SELECT target_id, value, as_of, id FROM target_value ORDER BY target_id, as_of, id"
    ):
        latest[target_id] = value  # the last one by (as_of, id) wins, as in target_progress
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in db.query("SELECT * FROM target ORDER BY task_id, position"):
        row["latest"] = latest.get(row["id"])
        out[row["task_id"]].append(row)
    return out


def target_text(target: dict[str, Any]) -> str:
    """主城区5G基站数量 ≥ 13000个（2025-12-31）：最新 11050个，完成 85%"""
    name = target["metric"] or target["text"]
    goal = ""
    if target["value"] is not None:
        comparator = COMPARATORS.get(target["comparator"], target["comparator"])
        goal = f" {comparator} {number(target['value'])}{target['uom']}"
    when = f"（{target['deadline']}）" if target["deadline"] else ""
    text = f"{name}{goal}{when}"
    current = target.get("latest")
    if current is None:
        return text + "：尚无数值"
    percent, _gap, met = target_queries.progress_toward(
        target["comparator"], target["value"], current
    )
    text += f"：最新 {number(current)}{target['uom']}"
    if percent is not None:
        text += f"，完成 {percent:.0f}%"
    if met:
        text += "，已达成"
    return text


def plan_names(plans: list[dict[str, Any]]) -> dict[str, str]:
    """plan id → the name the ledger gives it: its 发文字号, else its title."""
    return {p["id"]: p["doc_no"] or p["title"] for p in plans}


@dataclass
class LedgerRows:
    """The ledger's rows built one at a time, in ledger order (``ledger_rows``)."""

    today: date
    count: int
    rows: Iterator[LedgerRow]
    plans: list[dict[str, Any]]
    units: dict[str, tuple[str, str]]  # id -> (name, kind)


def load_ledger(
    db: Database,
    today: date | None = None,
    plan_ids: list[str] | None = None,
    snapshot: st.StatusSnapshot | None = None,
    unit_id: str | None = None,
) -> LedgerData:
    """Every ledger row of the plans (all plans when ``plan_ids`` is None);
    with ``unit_id`` only the rows that unit is assigned to."""
    found = ledger_rows(db, today, plan_ids, snapshot, unit_id)
    return LedgerData(found.today, list(found.rows), found.plans, found.units)


def _assignments(db: Database) -> dict[str, tuple[tuple[str, str], ...]]:
    """item id → its (unit id, role) pairs in assignment order; equal pairs are one
    object (100k tasks have ~400,000 assignments of a few hundred units)."""
    pairs: dict[tuple[str, str], tuple[str, str]] = {}
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    rows = db.execute("SELECT item_id, unit_id, role FROM assignment ORDER BY item_id, position")
    for item_id, group in groupby(rows, itemgetter(0)):
        out[item_id] = tuple(pairs.setdefault((u, role), (u, role)) for _i, u, role in group)
    return out


def ledger_rows(
    db: Database,
    today: date | None = None,
    plan_ids: list[str] | None = None,
    snapshot: st.StatusSnapshot | None = None,
    unit_id: str | None = None,
) -> LedgerRows:
    """``load_ledger``'s rows, each built when the iterator reaches it: a reader that
    keeps only what it needs of each row (the export: its cells) holds no row of
    dicts and lists per task. What a row needs of the status pass is read first (its
    states not kept), so the pass is not held while the rows are built."""
    snap = snapshot or status_queries.compute_status(db, today)
    plans = [
        dict(zip(("id", "title", "doc_no"), r, strict=True))
        for r in db.execute("SELECT id, title, doc_no FROM plan ORDER BY imported_at, title")
        if plan_ids is None or r[0] in plan_ids
    ]
    plan_order = {p["id"]: i for i, p in enumerate(plans)}
    by_item = _assignments(db)

    def wanted(plan_id: str, item_id: str) -> bool:
        return plan_id in plan_order and (
            unit_id is None or any(u == unit_id for u, _role in by_item.get(item_id, ()))
        )

    tasks_items = f"FROM task t JOIN item i ON i.task_id = t.id WHERE {active('t')}"
    status = {
        item_id: _status_part(snap, item_id)
        for item_id, plan_id in db.execute(f"SELECT i.id, t.plan_id {tasks_items}")
        if wanted(plan_id, item_id)
    }
    today = snap.today
    del snap  # (the rows are built without the pass: freed here unless the caller holds it)
    section_pos = dict(db.execute("SELECT id, position FROM section").fetchall())
    raw = [
        r
        for r in db.execute(
            "SELECT t.id, t.plan_id, t.section_id, t.no, t.title, i.id, i.position, i.text,"
            f" (SELECT count(*) FROM item x WHERE x.task_id = t.id) {tasks_items}"
        )
        if r[5] in status
    ]
    # by plan, section position, then task number and item (ties in the query's order)
    raw.sort(key=lambda r: (plan_order[r[1]], section_pos.get(r[2], 10**9), r[3], r[6]))
    # one object per plan and section id (sqlite3 makes a string per row and column)
    plan_key = {p: p for p in plan_order}
    section_key = {s: s for s in section_pos}
    for n, (task_id, plan_id, section_id, *rest) in enumerate(raw):
        part = status.pop(rest[2])
        raw[n] = (task_id, plan_key[plan_id], section_key.get(section_id, section_id), *rest, *part)
    units = {r[0]: (r[1], r[2]) for r in db.execute("SELECT id, name, kind FROM unit")}
    rows = _build_rows(db, raw, by_item, plans, units)
    return LedgerRows(today, len(raw), rows, plans, units)


def _status_part(snap: st.StatusSnapshot, item_id: str) -> tuple[str, str, tuple[str, ...], str]:
    """An item's status, next open milestone, overdue milestones and its milestones'
    latest due date ("" without one)."""
    node = state_of(snap.items, item_id)
    milestones = [state_of(snap.milestones, m) for m in (node.milestone_ids if node else [])]
    open_ms = sorted(
        (m for m in milestones if m.status not in (st.DONE, st.NOT_SCHEDULED)),
        key=lambda m: (m.effective_due or "", m.id),
    )
    upcoming = [m for m in open_ms if m.status != st.OVERDUE]
    next_ms = f"{upcoming[0].title}（{upcoming[0].effective_due}）" if upcoming else ""
    overdue = tuple(f"{m.title}（{m.effective_due}）" for m in open_ms if m.status == st.OVERDUE)
    due = max((m.effective_due for m in milestones if m.effective_due), default="")
    return node.status if node else st.NOT_SCHEDULED, next_ms, overdue, due


def _build_rows(
    db: Database,
    raw: list[tuple],
    by_item: dict[str, tuple[tuple[str, str], ...]],
    plans: list[dict[str, Any]],
    units: dict[str, tuple[str, str]],
) -> Iterator[LedgerRow]:
    """One ``LedgerRow`` per row of ``raw`` (task × item with its ``_status_part``, in
    ledger order)."""
    names_of_plans = plan_names(plans)
    sections = {
        r[0]: section_label(r[1], r[2], r[3])
        for r in db.execute("SELECT id, level, no, title FROM section")
    }
    reports = _latest_reports(db)
    targets = _targets(db)
    for row in raw:
        task_id, plan_id, section_id, no, title, item_id, position, text, n_items = row[:9]
        status, next_ms, overdue, ms_due = row[9:]
        many = n_items > 1
        names: dict[str, list[str]] = {role: [] for role in ROLES}
        roles: dict[str, str] = {}
        for assigned, role in by_item.get(item_id, ()):
            name = units.get(assigned, ("", ""))[0]
            if name and name not in names[role]:
                names[role].append(name)
            if roles.get(assigned) not in ("lead", "responsible") or role == "lead":
                roles[assigned] = role
        own_targets = [
            t for t in targets.get(task_id, []) if t["item_id"] in (None, item_id) or not many
        ]
        deadline = max((t["deadline"] for t in own_targets if t["deadline"]), default="")
        latest = reports.get((task_id, item_id)) or reports.get((task_id, None))
        if many and reports.get((task_id, None)) and latest:
            whole = reports[(task_id, None)]
            if (whole.period, whole.date) > (latest.period, latest.date):
                latest = whole
        yield LedgerRow(
            plan_id=plan_id,
            plan_name=names_of_plans[plan_id],
            section_id=section_id,
            section=sections.get(section_id, "（无章节）"),
            task_id=task_id,
            item_id=item_id if many else None,
            number=f"{no}-{position + 1}" if many else str(no),
            title=f"{title}：{text}" if many and text and text != title else title,
            units=names,
            unit_roles=roles,
            status=status,
            next_milestone=next_ms,
            overdue=list(overdue),
            deadline=max(deadline, ms_due),
            latest=latest,
            targets=[target_text(t) for t in own_targets],
            target_ids=[t["id"] for t in own_targets],
        )
