"""The data of the 督查通报 (meeting overview), built from a ``Scope``."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.briefing.scope import DONE, OVERDUE, Scope, TaskFacts
from desktop.models import progress, report_queries, target_queries
from desktop.models import status as st
from desktop.models.status_tables import values_list

# Target states as printed: the coordination feature's labels (desktop.models.progress).
TARGET_MISSED = progress.TARGET_STATE_LABELS[progress.TARGET_MISSED]  # 未达标
TARGET_MET = progress.TARGET_STATE_LABELS[progress.TARGET_MET]  # 已达成
TARGET_MET_LATE = progress.TARGET_STATE_LABELS[progress.TARGET_MET_LATE]  # 逾期达成


# How much of each list the overview prints. A 通报 is read at a meeting: at
# province scale (10,000 tasks) the body names the worst cases and says how many
# more there are; the complete registers are the ledgers' job (台账 export).
LIMITS = {
    "attachment": 300,  # rows per attachment (most urgent first)
    "targets": 40,  # rows of the targets table (未达标 first)
    "overdue": 30,  # rows of the overdue-milestone table (most overdue first)
    "due_soon": 20,
    "blocks": 20,
    "unreported_units": 50,
    "part_units": 15,  # units named per section
    "unit_tasks": 5,  # tasks named per unit
}


def capped(items: list, key: str) -> tuple[list, int]:
    """The first ``LIMITS[key]`` items and how many were left out."""
    limit = LIMITS[key]
    return items[:limit], max(0, len(items) - limit)


@dataclass
class Counts:
    total: int = 0
    done: int = 0
    in_progress: int = 0
    overdue: int = 0
    blocked: int = 0
    with_percent: int = 0
    on_schedule: int = 0
    behind_schedule: int = 0

    @property
    def done_share(self) -> str:
        return f"{self.done / self.total * 100:.1f}%" if self.total else "0%"


@dataclass
class TargetLine:
    task: TaskFacts
    text: str
    goal: str  # "≥13000个"
    latest: str  # "11050个（2026-11-14）" or "—"
    percent: str
    gap: str
    deadline: str
    state: str


@dataclass
class MilestoneLine:
    task: TaskFacts
    title: str
    due: str  # effective due; "原定 …" when extended
    unit: str
    days: int  # overdue days (positive) or days left
    status: str


@dataclass
class BlockLine:
    task: TaskFacts  # the blocked task
    unit: str  # the root cause's unit
    cause: str  # the root milestone ("任务5“算力中心一期投运”")
    reason: str  # 逾期 / 工期衔接不上


@dataclass
class SectionPart:
    title: str
    # lead unit → its lagging tasks
    units: dict[str, list[TaskFacts]] = field(default_factory=dict)


@dataclass
class OverviewData:
    scope: Scope
    counts: Counts
    targets: list[TargetLine]
    parts: list[SectionPart]
    overdue: list[MilestoneLine]
    due_soon: list[MilestoneLine]
    blocks: list[BlockLine]
    unreported: dict[str, list[TaskFacts]]  # unit name → tasks without this period's report
    period: str
    lagging: list[TaskFacts]  # 附件1
    on_track: list[TaskFacts]  # 附件2
    attending: list[str]  # unit names (when chosen)
    instructions: list = field(default_factory=list)  # recent 领导批示 (issue 12)
    more_instructions: int = 0


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def target_lines(scope: Scope) -> list[TargetLine]:
    tasks = scope.by_id()
    db = scope.db
    latest: dict[str, tuple[float, str]] = {}
    for target_id, value, as_of in db.execute(
        "SELECT target_id, value, as_of FROM target_value ORDER BY as_of, id"
    ):
        latest[target_id] = (value, as_of)
    states = progress.target_states(db, scope.today)
    out = []
    for target_id, task_id, text, metric, comparator, goal, uom, deadline in db.execute(
        "SELECT id, task_id, text, metric, comparator, value, uom, deadline FROM target"
        " ORDER BY task_id, position"
    ):
        task = tasks.get(task_id)
        if task is None:
            continue
        value, as_of = latest.get(target_id, (None, ""))
        percent, gap, met = target_queries.progress_toward(comparator, goal, value)
        sign = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}.get(comparator, "≥")
        state = progress.TARGET_STATE_LABELS[states[target_id]]
        out.append(
            TargetLine(
                task,
                metric or text,
                f"{sign}{_number(goal)}{uom}",
                f"{_number(value)}{uom}（{as_of}）" if value is not None else "—",
                f"{percent:.1f}%" if percent is not None else "—",
                f"{_number(gap)}{uom}" if gap else ("0" if met else "—"),
                deadline or "—",
                state,
            )  # fmt: skip
        )
    order = {t.task_id: i for i, t in enumerate(scope.tasks)}
    out.sort(key=lambda line: order[line.task.task_id])
    return out


def milestone_lines(scope: Scope, status: str) -> list[MilestoneLine]:
    tasks = scope.by_id()
    snap = scope.snapshot
    names = snap.inputs.unit_names
    out = []
    # (only the milestones of that status built: their statuses read as a column)
    milestones = snap.milestones
    for ms_id, ms_status in zip(milestones, values_list(milestones, "status"), strict=True):
        if ms_status != status:
            continue
        ms = milestones[ms_id]
        task = tasks.get(ms.task_id)
        if task is None:
            continue
        due = ms.effective_due or ""
        if ms.extended and ms.original_due and ms.original_due != ms.effective_due:
            due += f"（原定 {ms.original_due}）"
        days = -(ms.days_left or 0) if status == st.OVERDUE else (ms.days_left or 0)
        out.append(
            MilestoneLine(task, ms.title, due, names.get(ms.unit_id or "", ""), days, status)
        )
    out.sort(key=lambda m: (m.due, m.task.no, m.title))
    return out


def block_lines(scope: Scope) -> list[BlockLine]:
    snap = scope.snapshot
    out = []
    for task in scope.tasks:
        if task.state == DONE:
            continue
        seen = set()
        for cause in task.risks:
            if cause.root_milestone_id in seen:
                continue
            seen.add(cause.root_milestone_id)
            root = snap.label(("milestone", cause.root_milestone_id))
            reason = "逾期未完成" if cause.reason == "overdue" else "完成时间晚于下游开工"
            out.append(BlockLine(task, cause.root_unit_name or "未指定单位", root, reason))
    return out


def unreported(scope: Scope, period: str) -> dict[str, list[TaskFacts]]:
    tasks = scope.by_id()
    plan = scope.plan_ids[0] if len(scope.plan_ids) == 1 else None
    missing = report_queries.missing_reports(scope.db, period, plan_id=plan)
    out: dict[str, list[TaskFacts]] = {}
    for unit_id, entry in missing.by_unit.items():
        if scope.unit_ids and unit_id not in scope.unit_ids:
            continue
        listed, seen = [], set()
        for task_id, _label in entry["tasks"]:
            task = tasks.get(task_id)
            if task is not None and task.state != DONE and task_id not in seen:
                seen.add(task_id)
                listed.append(task)
        if listed:
            out[entry["unit_name"]] = listed
    return out


def overview_data(scope: Scope, attending: list[str] | None = None) -> OverviewData:
    counts = Counts(total=len(scope.tasks))
    for task in scope.tasks:
        if task.state == DONE:
            counts.done += 1
        elif task.state == OVERDUE:
            counts.overdue += 1
        else:
            counts.in_progress += 1
        if task.risks and task.state != DONE:
            counts.blocked += 1
        if task.on_schedule is not None and task.state != DONE:
            counts.with_percent += 1
            counts.on_schedule += task.on_schedule
            counts.behind_schedule += not task.on_schedule
    parts: dict[str, SectionPart] = {}
    for task in scope.tasks:
        if task.lagging:
            name = task.subpart or task.part or "其他事项"
            part = parts.setdefault(name, SectionPart(name))
            part.units.setdefault(task.units_text, []).append(task)
    listed = scope.listed()
    period = f"{scope.today.year:04d}-{scope.today.month:02d}"
    lagging = sorted((t for t in listed if t.lagging), key=_urgency)
    targets = sorted(target_lines(scope), key=lambda line: line.state != TARGET_MISSED)
    overdue = sorted(milestone_lines(scope, st.OVERDUE), key=lambda m: -m.days)
    from desktop.briefing.instruction_data import recent_instructions

    instructions, more_instructions = recent_instructions(scope)
    return OverviewData(
        scope, counts, targets, list(parts.values()),
        overdue, milestone_lines(scope, st.DUE_SOON),
        block_lines(scope), unreported(scope, period), period,
        lagging, [t for t in listed if not t.lagging],
        attending or [], instructions, more_instructions,
    )  # fmt: skip


def _urgency(task: TaskFacts) -> tuple:
    """Overdue first (earliest deadline first), then furthest behind its 序时进度."""
    if task.state == OVERDUE:
        return (0, task.deadline or "9999", task.no)
    gap = task.expected - (task.percent or 0)
    return (1, -gap, task.no)
