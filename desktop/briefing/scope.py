"""What a briefing covers, and the facts of every task in it (one pass, plain dataclasses).

``load_scope`` checks the options against the database (unknown plan, section,
unit or task → ``UserError``), computes the status snapshot once and builds a
``TaskFacts`` per task in scope: units by role, status, the latest progress
report, the 序时进度 and whether the task lags. Every document is built from
these, so the PDF and the .docx say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from desktop.errors import NotFound, UserError
from desktop.models import report_queries, status_queries
from desktop.models import status as st
from desktop.models.archive import active
from desktop.models.status_tables import state_of, values_list
from desktop.models.time_progress import expected_percent, meets_schedule, task_period

# Briefing states of a task, worst first (each shown with its colour AND its text).
OVERDUE = "overdue"  # 逾期未办结
BEHIND = "behind"  # 未达序时进度
DUE_SOON = "due_soon"  # 临近时限
ON_TRACK = "on_track"  # 按序时推进
NOT_SCHEDULED = "not_scheduled"
DONE = "done"
STATE_LABELS = {
    OVERDUE: "逾期",
    BEHIND: "慢于序时",
    DUE_SOON: "临近时限",
    ON_TRACK: "正常推进",
    NOT_SCHEDULED: "未排期",
    DONE: "已办结",
}


@dataclass
class LatestReport:
    unit_name: str
    period: str
    text: str
    percent: float | None


@dataclass(eq=False)  # identity: tasks are compared and looked up by object
class TaskFacts:
    task_id: str
    plan_id: str
    no: int
    label: str  # 任务5 (with the 发文字号 in front when several plans are loaded)
    title: str
    section_id: str | None
    part: str  # the top-level section's title: "主要任务"
    subpart: str  # the second-level section's title: "数字基础设施能力提升行动"
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    reporting_unit_ids: list[str] = field(default_factory=list)  # lead, else responsible
    status: str = st.NOT_SCHEDULED  # desktop.models.status
    deadline: str = ""  # latest effective due of its milestones or targets
    report: LatestReport | None = None
    expected: float = 0.0  # 序时进度, percent
    on_schedule: bool | None = None  # None: no reported percent
    # a task set to roll up: the lowest percent of its lower-level tasks (status pass)
    rolled_percent: float | None = None
    risks: list[st.RiskCause] = field(default_factory=list)

    @property
    def state(self) -> str:
        if self.status == st.DONE:
            return DONE
        if self.status == st.OVERDUE:
            return OVERDUE
        if self.on_schedule is False:
            return BEHIND
        if self.status == st.DUE_SOON:
            return DUE_SOON
        if self.status == st.NOT_SCHEDULED and self.report is None and self.percent is None:
            return NOT_SCHEDULED
        return ON_TRACK

    @property
    def lagging(self) -> bool:
        return self.state in (OVERDUE, BEHIND)

    @property
    def units_text(self) -> str:
        return "、".join(self.lead or self.responsible) or "（未明确）"

    @property
    def percent(self) -> float | None:
        """The percent compared with the 序时进度: rolled up, else the latest report's."""
        if self.rolled_percent is not None:
            return self.rolled_percent
        return self.report.percent if self.report else None

    @property
    def progress_text(self) -> str:
        if self.report is None and self.rolled_percent is None:
            return "尚未报送进展"
        text = (self.report.text or "（无文字说明）") if self.report else "下级任务汇总"
        if self.percent is not None:
            note = "，由下级任务汇总" if self.rolled_percent is not None else ""
            text += f"（完成 {self.percent:g}%{note}，序时 {self.expected:.1f}%）"
        return text

    @property
    def heading(self) -> str:
        return f"{self.label}“{self.title}”"


@dataclass
class Scope:
    db: Database
    today: date
    plan_ids: list[str]
    plan_titles: list[str]
    tasks: list[TaskFacts]  # plan order, then task number
    unit_ids: list[str]  # the attending units chosen (empty: all)
    snapshot: st.StatusSnapshot
    include_done: bool = False

    @property
    def task_ids(self) -> set[str]:
        return {t.task_id for t in self.tasks}

    def by_id(self) -> dict[str, TaskFacts]:
        return {t.task_id: t for t in self.tasks}

    def listed(self) -> list[TaskFacts]:
        """The tasks lists show: done ones only when asked for."""
        return [t for t in self.tasks if self.include_done or t.state != DONE]


def check_ids(db: Database, table: str, ids: list[str], noun: str) -> list[str]:
    """``ids`` when all exist, else a ``NotFound`` naming the first unknown one."""
    for record_id in ids:
        if db.execute(f"SELECT 1 FROM [{table}] WHERE id = ?", [record_id]).fetchone() is None:
            raise NotFound(f"找不到{noun}（编号 {record_id}）。")
    return list(ids)


def _section_tree(db: Database, plan_ids: list[str]) -> dict[str, tuple]:
    marks = ",".join("?" * len(plan_ids))
    return {
        row[0]: row[1:]
        for row in db.execute(
            f"SELECT id, parent_id, level, no, title FROM section WHERE plan_id IN ({marks})",
            plan_ids,
        )
    }


def _section_names(tree: dict[str, tuple], section_id: str | None) -> tuple[str, str]:
    """(top-level title "主要任务", second-level title "数字基础设施能力提升行动")."""
    chain = []
    while section_id and section_id in tree:
        chain.append(tree[section_id])
        section_id = tree[section_id][0]
    chain.reverse()
    names = [title or no for _parent, _level, no, title in chain]
    return (names[0] if names else "", names[1] if len(names) > 1 else "")


def _in_sections(tree: dict[str, tuple], section_id: str | None, chosen: set[str]) -> bool:
    while section_id:
        if section_id in chosen:
            return True
        section_id = tree.get(section_id, (None,))[0]
    return False


def _latest_reports(db: Database, task_ids: set[str]) -> dict[str, LatestReport]:
    """Per task: its newest current report (latest period, then latest filed)."""
    rows = db.execute(
        "SELECT r.id, r.task_id, u.name, r.period, r.text, r.percent, r.created_at,"
        " r.supersedes_id, r.also_supersedes FROM report r LEFT JOIN unit u ON u.id = r.unit_id"
        " ORDER BY r.period, r.created_at, r.id"
    ).fetchall()
    superseded = report_queries.superseded_ids((row[7], row[8]) for row in rows)
    latest: dict[str, LatestReport] = {}
    for rid, task_id, unit, period, text, percent, _created, _sup, _also in rows:
        if task_id in task_ids and rid not in superseded:
            latest[task_id] = LatestReport(unit or "", period, text or "", percent)
    return latest


def _plan_date(row: tuple) -> date | None:
    for text in row:
        try:
            return date.fromisoformat(text) if text else None
        except ValueError:
            continue
    return None


def load_scope(
    db: Database,
    today: date,
    *,
    plan_ids: list[str] | None = None,
    section_ids: list[str] | None = None,
    unit_ids: list[str] | None = None,
    task_ids: list[str] | None = None,
    include_done: bool = False,
    snapshot: st.StatusSnapshot | None = None,
) -> Scope:
    """Check the options and gather the facts of every task they cover."""
    plans = db.execute(
        "SELECT id, title, doc_no, written_date, published_date FROM plan ORDER BY imported_at, title"
    ).fetchall()
    if not plans:
        raise UserError("尚未导入任何计划，无法生成材料。")
    if plan_ids:
        check_ids(db, "plan", plan_ids, "计划")
        plans = [p for p in plans if p[0] in plan_ids]
    chosen_plans = [p[0] for p in plans]
    tree = _section_tree(db, chosen_plans)
    if section_ids:
        unknown = [s for s in section_ids if s not in tree]
        if unknown:
            raise NotFound(f"所选计划中没有该章节（编号 {unknown[0]}）。")
    check_ids(db, "unit", unit_ids or [], "单位")
    check_ids(db, "task", task_ids or [], "任务")
    snap = snapshot or status_queries.compute_status(db, today)
    plan_dates = {p[0]: _plan_date((p[3], p[4])) for p in plans}
    marks = ",".join("?" * len(chosen_plans))
    rows = db.execute(
        "SELECT t.id, t.plan_id, t.no, t.title, t.section_id FROM task t"
        f" WHERE t.plan_id IN ({marks}) AND {active('t')}",
        chosen_plans,
    ).fetchall()
    order = {plan_id: i for i, plan_id in enumerate(chosen_plans)}
    rows.sort(key=lambda r: (order[r[1]], r[2]))
    wanted_sections = set(section_ids or [])
    facts: dict[str, TaskFacts] = {}
    rolled: dict[str, float] = {}  # a task set to roll up: its lower-level tasks' percent
    names: dict[str | None, tuple[str, str]] = {}
    one: dict[str | None, str | None] = {}  # (one string per plan and section id)
    for task_id, plan_id, no, title, section_id in rows:
        plan_id, section_id = (
            one.setdefault(plan_id, plan_id),
            one.setdefault(section_id, section_id),
        )
        if task_ids and task_id not in task_ids:
            continue
        if wanted_sections and not _in_sections(tree, section_id, wanted_sections):
            continue
        if section_id not in names:
            names[section_id] = _section_names(tree, section_id)
        part, subpart = names[section_id]
        # (read once, not kept in the snapshot: 100,000 task states were ~45 MB at the
        # briefing's peak; a roll-up task's state, built by the roll-up, answers itself)
        node = state_of(snap.tasks, task_id)
        if node is not None and node.rolled_from and node.percent is not None:
            rolled[task_id] = node.percent
        facts[task_id] = TaskFacts(
            task_id, plan_id, no, snap.label(("task", task_id)), title, section_id, part, subpart,
            status=node.status if node else st.NOT_SCHEDULED, risks=list(node.risks) if node else [],
        )  # fmt: skip
    _add_units(db, facts)
    _add_deadlines(db, snap, facts, today, plan_dates)
    for task_id, report in _latest_reports(db, set(facts)).items():
        fact = facts[task_id]
        fact.report = report
        fact.on_schedule = meets_schedule(report.percent, fact.expected)
    for task_id, percent in rolled.items():  # 序时进度 rolled up from lower-level tasks
        fact = facts[task_id]
        fact.rolled_percent = percent
        fact.on_schedule = meets_schedule(percent, fact.expected)
    return Scope(
        db, today, chosen_plans, [p[1] for p in plans], list(facts.values()),
        list(unit_ids or []), snap, include_done,
    )  # fmt: skip


def _add_units(db: Database, facts: dict[str, TaskFacts]) -> None:
    rows = db.execute(
        "SELECT i.task_id, u.id, u.name, u.kind, a.role FROM assignment a"
        " JOIN item i ON i.id = a.item_id JOIN unit u ON u.id = a.unit_id"
        " ORDER BY i.task_id, i.position, a.position"
    )
    # (one string per unit name and id: 400,000 assignments at 100k tasks each gave a
    # fresh one, ~45 MB held by the facts' lists)
    one: dict[str, str] = {}
    for task_id, unit_id, name, kind, role in rows:
        fact = facts.get(task_id)
        if fact is None:
            continue
        name, unit_id = one.setdefault(name, name), one.setdefault(unit_id, unit_id)
        names = getattr(fact, role)
        if name not in names:
            names.append(name)
        if (
            role in report_queries.REPORTING_ROLES
            and kind != "group"
            and unit_id not in fact.reporting_unit_ids
        ):
            fact.reporting_unit_ids.append(unit_id)


def _add_deadlines(
    db: Database,
    snap: st.StatusSnapshot,
    facts: dict[str, TaskFacts],
    today: date,
    plan_dates: dict[str, date | None],
) -> None:
    """完成时限 (latest effective due) and 序时进度 (over the planned period)."""
    planned: dict[str, str] = {}
    shown: dict[str, str] = {}
    # (the milestones' fields read as columns: no state built for each of them, 200,000
    # at 100k tasks)
    milestones = snap.milestones
    for task_id, original_due, effective_due in zip(
        values_list(milestones, "task_id"),
        values_list(milestones, "original_due"),
        values_list(milestones, "effective_due"),
        strict=True,
    ):
        if task_id in facts:
            if original_due:
                planned[task_id] = max(planned.get(task_id, ""), original_due)
            if effective_due:
                shown[task_id] = max(shown.get(task_id, ""), effective_due)
    for task_id, deadline in db.execute(
        "SELECT task_id, max(deadline) FROM target WHERE deadline IS NOT NULL GROUP BY task_id"
    ):
        if task_id in facts:
            planned[task_id] = max(planned.get(task_id, ""), deadline)
            shown[task_id] = max(shown.get(task_id, ""), deadline)
    for task_id, fact in facts.items():
        fact.deadline = shown.get(task_id, "")
        end = planned.get(task_id)
        try:
            end_day = date.fromisoformat(end) if end else None
        except ValueError:
            end_day = None
        period = task_period(today, end_day, plan_dates.get(fact.plan_id))
        fact.expected = expected_percent(today, period)
