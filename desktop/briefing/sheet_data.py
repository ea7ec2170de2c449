"""The data of the 单位工作单, the 任务督办单 and the 督办/催报通知单, from a ``Scope``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.briefing.overview_data import (
    MilestoneLine,
    TargetLine,
    target_lines,
    unreported,
)
from desktop.briefing.scope import BEHIND, DONE, OVERDUE, Scope, TaskFacts
from desktop.errors import NotFound
from desktop.models import (
    messages,
    milestone_queries,
    queries,
    report_queries,
    target_queries,
    workspace_queries,
)
from desktop.models import status as st
from desktop.models.progress import TARGET_STATE_LABELS, target_state

# -- 单位工作单 ----------------------------------------------------------------------


@dataclass
class UnitSheet:
    unit_id: str
    name: str
    roles: dict[str, list[TaskFacts]]  # lead / support / responsible
    overdue: list[MilestoneLine]
    upcoming: list[MilestoneLine]
    blocking: list[str]  # what this unit holds up
    blocked_by: list[str]  # what holds this unit up

    @property
    def empty(self) -> bool:
        return not any(self.roles.values())


def _milestone_line(scope: Scope, ms: st.MilestoneState, tasks: dict[str, TaskFacts]) -> Any:
    task = tasks.get(ms.task_id)
    if task is None:
        return None
    due = ms.effective_due or ""
    if ms.extended and ms.original_due and ms.original_due != ms.effective_due:
        due += f"（原定 {ms.original_due}）"
    days = -(ms.days_left or 0) if ms.status == st.OVERDUE else (ms.days_left or 0)
    unit = scope.snapshot.inputs.unit_names.get(ms.unit_id or "", "")
    return MilestoneLine(task, ms.title, due, unit, days, ms.status)


def attending_units(scope: Scope) -> list[tuple[str, str]]:
    """(id, name) of the chosen units, else of every unit (not a group such as
    各县（市）区政府) with work in scope: most lead tasks first."""
    db = scope.db
    if scope.unit_ids:
        names = dict(db.execute("SELECT id, name FROM unit").fetchall())
        return [(unit_id, names[unit_id]) for unit_id in scope.unit_ids]
    in_scope = scope.task_ids
    counts: dict[str, list[int]] = {}
    names = {}
    for unit_id, name, task_id, role in db.execute(
        "SELECT u.id, u.name, i.task_id, a.role FROM assignment a JOIN item i ON i.id = a.item_id"
        " JOIN unit u ON u.id = a.unit_id WHERE u.kind != 'group'"
    ):
        if task_id in in_scope:
            names[unit_id] = name
            entry = counts.setdefault(unit_id, [0, 0])
            entry[0 if role in report_queries.REPORTING_ROLES else 1] += 1
    order = sorted(counts, key=lambda u: (-counts[u][0], -counts[u][1], names[u]))
    return [(u, names[u]) for u in order]


def unit_sheet(scope: Scope, unit_id: str, name: str) -> UnitSheet:
    tasks = scope.by_id()
    snap = scope.snapshot
    work = workspace_queries.unit_workspace(scope.db, unit_id, snapshot=snap, next_limit=8)
    roles: dict[str, list[TaskFacts]] = {"lead": [], "support": [], "responsible": []}
    for role, rows in work["roles"].items():
        for row in rows:
            task = tasks.get(row["task_id"])
            if task is None or task in roles[role]:
                continue
            if task.state == DONE and not scope.include_done:
                continue
            roles[role].append(task)
    overdue = [_milestone_line(scope, m, tasks) for m in work["overdue"]]
    upcoming = [_milestone_line(scope, m, tasks) for m in work["due_next"]]
    blocking = []
    for (kind, rid), cause in work["blocking"]:
        blocked = tasks.get(rid) if kind == "task" else None
        if blocked is not None:
            root = snap.label(("milestone", cause.root_milestone_id))
            blocking.append(f"{root}未按期完成，影响{blocked.heading}（{blocked.units_text}）")
    blocked_by = []
    for cause in work["blocked_by"]:
        root = snap.label(("milestone", cause.root_milestone_id))
        reason = "逾期未完成" if cause.reason == "overdue" else "完成时间晚于本单位事项开工"
        blocked_by.append(f"{cause.root_unit_name or '未指定单位'}{root}{reason}")
    return UnitSheet(
        unit_id, name, roles,
        [m for m in overdue if m is not None], [m for m in upcoming if m is not None],
        blocking, blocked_by,
    )  # fmt: skip


# -- 任务督办单 ----------------------------------------------------------------------


@dataclass
class MilestoneRow:
    title: str
    original_due: str
    current_due: str
    extensions: list[str]  # "2026-10-30 → 2026-12-24：设备到货延迟（2026-11-01 登记）"
    unit: str
    status: str  # 已完成（2026-09-28）/ 逾期 / …


@dataclass
class TargetHistory:
    line: TargetLine
    values: list[tuple[str, str, str, str]]  # (as_of, value, unit, note)


@dataclass
class ReportRow:
    period: str
    unit: str
    text: str
    percent: str
    author: str
    note: str  # 现行 / 已被更正 / 并行更正


@dataclass
class TaskSheet:
    task: TaskFacts
    plan_title: str
    doc_no: str
    text: str
    items: list[tuple[str, dict[str, list[str]]]]  # (item text, role → unit names)
    milestones: list[MilestoneRow] = field(default_factory=list)
    targets: list[TargetHistory] = field(default_factory=list)
    reports: list[ReportRow] = field(default_factory=list)
    instructions: list = field(default_factory=list)  # 领导批示 (issue 12)


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:,.2f}".rstrip("0").rstrip(".")


def task_sheet(scope: Scope, task_id: str) -> TaskSheet:
    tasks = scope.by_id()
    task = tasks.get(task_id)
    if task is None:
        raise NotFound("该任务不在所选计划或章节中。")
    db = scope.db
    detail = queries.task_detail(db, task_id)
    items = [(item["text"], item["units"]) for item in detail["items"]]
    sheet = TaskSheet(task, detail["plan_title"], detail["doc_no"] or "", detail["text"], items)
    snap = scope.snapshot
    for row in milestone_queries.milestones(db, task_id):
        state = snap.milestones.get(row["id"])
        status = messages.status_label(state.status) if state else ""
        if row["done_date"]:
            status = f"已完成（{row['done_date']}）"
            if state and state.done_late:
                status += "，逾期完成"
        elif state and state.status == st.OVERDUE:
            status = f"逾期{-(state.days_left or 0)}天"
        extensions = [
            f"{e['old_due'] or '未定'} → {e['new_due']}：{e['reason'] or '未说明'}"
            f"（{e['recorded_at'][:10]} 登记）"
            for e in row["extensions"]
        ]
        sheet.milestones.append(
            MilestoneRow(
                row["title"],
                row["due"] or "未定",
                row["current_due"] or row["due"] or "未定",
                extensions,
                row["owner_name"]
                or (snap.inputs.unit_names.get(state.unit_id or "", "") if state else ""),
                status,
            )  # fmt: skip
        )
    lines = {line.text: line for line in target_lines(scope) if line.task.task_id == task_id}
    for target in detail["targets"]:
        progress = target_queries.target_progress(db, target["id"])
        line = lines.get(target["metric"] or target["text"])
        if line is None:
            state = TARGET_STATE_LABELS[target_state(target, progress["history"], scope.today)]
            line = TargetLine(task, target["text"], "", "—", "—", "—", target["deadline"], state)
        values = [
            (v["as_of"], f"{_number(v['value'])}{target['uom']}", v["unit_name"] or "", v["note"])
            for v in progress["history"]
        ]
        sheet.targets.append(TargetHistory(line, values))
    from desktop.briefing.instruction_data import task_instructions

    sheet.instructions = task_instructions(db, task_id, task.heading)
    for row in report_queries.report_history(db, task_id):
        note = "现行" if row["current"] else "已被更正"
        if row["contested"]:
            note = report_queries.contested_note(row)
        sheet.reports.append(
            ReportRow(
                row["period"],
                row["unit_name"] or "",
                row["text"] or "",
                "—" if row["percent"] is None else f"{row['percent']:g}%",
                row["author"] or "",
                note,
            )  # fmt: skip
        )
    return sheet


# -- 督办/催报通知单 --------------------------------------------------------------------

RED, YELLOW, BLUE = "red", "yellow", "blue"
LEVEL_NAMES = {RED: "红色督办", YELLOW: "黄色督办", BLUE: "蓝色提醒"}
LEVEL_MEANINGS = {RED: "逾期未办结", YELLOW: "未达序时进度", BLUE: "临近时限"}
LEVEL_COLOURS = {RED: "#C00000", YELLOW: "#B8860B", BLUE: "#1F4E9E"}
REPORT = "report"  # 催报: this period's progress not reported


@dataclass
class NoticeItem:
    level: str  # red / yellow / blue / report
    task: TaskFacts
    what: str  # the situation
    needed: str  # what the unit must send

    @property
    def category(self) -> str:
        return "催报" if self.level == REPORT else LEVEL_MEANINGS[self.level]


@dataclass
class Notice:
    unit_id: str
    unit: str
    items: list[NoticeItem]
    reply_by: date
    contact: str = ""  # the unit's 联络员 and phone (issue 12), when recorded

    @property
    def level(self) -> str:
        levels = {item.level for item in self.items}
        for level in (RED, YELLOW, BLUE):
            if level in levels:
                return level
        return YELLOW  # only reports missing: a 催报 is a yellow notice

    @property
    def meaning(self) -> str:
        """What the colour stands for here (a yellow notice may only chase reports)."""
        if self.level == YELLOW and not self.count(YELLOW):
            return "未按期报送进展"
        return LEVEL_MEANINGS[self.level]

    def count(self, level: str) -> int:
        return sum(1 for item in self.items if item.level == level)


def notices(scope: Scope, reply_by: date, period: str) -> list[Notice]:
    """One notice per unit with something overdue, behind schedule, due soon or
    unreported (attending units only when chosen)."""
    tasks = scope.by_id()
    snap = scope.snapshot
    found: dict[str, list[NoticeItem]] = {}
    names = snap.inputs.unit_names
    wanted = set(scope.unit_ids)

    def add(unit_id: str | None, item: NoticeItem) -> None:
        if unit_id and (not wanted or unit_id in wanted):
            found.setdefault(unit_id, []).append(item)

    for ms in sorted(snap.milestones.values(), key=lambda m: (m.effective_due or "", m.id)):
        task = tasks.get(ms.task_id)
        if task is None or ms.status not in (st.OVERDUE, st.DUE_SOON):
            continue
        if ms.status == st.OVERDUE:
            item = NoticeItem(
                RED, task, f"节点“{ms.title}”时限{ms.effective_due}，已逾期{-(ms.days_left or 0)}天",
                "说明逾期原因、整改措施和完成时间",
            )  # fmt: skip
        else:
            item = NoticeItem(
                BLUE, task, f"节点“{ms.title}”将于{ms.effective_due}到期（还有{ms.days_left}天）",
                "确保按期完成，并报送完成情况",
            )  # fmt: skip
        add(ms.unit_id, item)
    for task in scope.tasks:
        if task.state == BEHIND and task.percent is not None:
            what = f"完成{task.percent:g}%，低于序时进度{task.expected:.1f}%"
            for unit_id in task.reporting_unit_ids[:1]:
                add(unit_id, NoticeItem(YELLOW, task, what, "说明滞后原因和赶进度措施"))
        elif task.state == OVERDUE and not any(
            i.task is task for items in found.values() for i in items
        ):
            for unit_id in task.reporting_unit_ids[:1]:
                add(unit_id, NoticeItem(RED, task, "任务逾期未办结", "说明逾期原因和完成时间"))
    month = f"{period[:4]}年{int(period[5:7])}月"
    ids_by_name = {name: unit_id for unit_id, name in names.items()}
    for unit_name, missing in unreported(scope, period).items():
        for task in missing:
            add(
                ids_by_name.get(unit_name),
                NoticeItem(REPORT, task, f"未报送{month}进展", f"报送{month}进展情况"),
            )
    order = {t.task_id: i for i, t in enumerate(scope.tasks)}
    result = []
    for unit_id, items in found.items():
        items.sort(
            key=lambda i: ((RED, YELLOW, BLUE, REPORT).index(i.level), order[i.task.task_id])
        )
        result.append(Notice(unit_id, names.get(unit_id, ""), items, reply_by))
    contacts = dict(
        (u, f"{p} {ph}")
        for u, p, ph in scope.db.execute("SELECT unit_id, person, phone FROM unit_contact")
    )
    for notice in result:
        notice.contact = contacts.get(notice.unit_id, "")
    result.sort(key=lambda n: ((RED, YELLOW, BLUE).index(n.level), -len(n.items), n.unit))
    return result
