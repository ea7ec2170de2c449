"""Milestone / item / task status, risk flags and the blocking ranking.

Split by concern: the rules and the snapshot's types are here; the pass itself
(status codes in bulk, risk propagation over the rows) is ``status_pass``, the
snapshot's tables (states built when first read) ``status_tables``, why a node is
at risk (``RiskCause``, kept compact) ``status_cause``, the dependency graph (cycles)
``status_graph``, the blocking ranking
``status_ranking`` and the 督办 workflow rules (办结 → done, 序时进度)
``status_rules``. Import everything through this module.

Pure computation over rows already loaded (see
``desktop.models.status_queries.load_status_inputs``); nothing here
touches the database, so the rules are easy to test and fast (one pass).

Rules (statuses are computed, never stored):

- Milestone, with ``effective_due`` = ``milestone.current_due`` (set by the
  extension actions; concurrent extensions are a sync conflict, never decided
  by a desktop clock), else ``due``: *done* when ``done_date`` is set; else *not_scheduled* without a due
  date; else *overdue* when today > effective due; else *due_soon* when the
  effective due is within ``window_days`` (due today and due in exactly
  ``window_days`` days are due soon); else *on_track*. A done milestone is
  ``done_late`` when ``done_date`` > effective due. ``late_vs_original`` is true
  when it is (or was finished) later than the *original* due date: an
  extension does not make lateness disappear from reports.
- Item: worst of its own milestones and its task's task-level milestones;
  task: worst of all its milestones. Order: overdue > due_soon > on_track >
  not_scheduled > done; *done* only when every milestone is done; no
  milestones → not_scheduled.
- Dependencies are finish-to-start with a lag. A node's *finish* is the latest
  of its milestones' dates: the done date of a done milestone (a predecessor
  that finished late still pushes its successor), else the effective due;
  its *start* is the earliest effective due of its open milestones (for a
  milestone: its own effective due). A successor that is not done is
  *at risk* when the predecessor is overdue, or when predecessor finish + lag
  falls after the successor's start. The flag carries the root cause (a
  milestone and its unit) and travels on transitively along dependencies and
  from a milestone/item up to its item/task.
- Dependency cycles (possible after sync: two desktops each add one half)
  are found on the event graph (a task/item starts, then finishes; a
  milestone is one point inside its item/task). Dependencies inside a cycle
  carry no risk (nothing blocks itself); the cycles are listed in
  ``StatusSnapshot.cycles`` for the user to fix.
- Blocking units: each root-cause milestone is attributed to its owner unit
  (else the first lead, else responsible unit of its item or task); units are
  ranked by the number of distinct tasks (other than the root's own) they
  hold up transitively.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterator, Mapping, Sequence, Set
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from desktop.models.cancellation import CancelCheck, Cancelled
from desktop.models.status_cause import RiskCause
from desktop.models.status_ranking import BlockingUnit, HeldUp
from desktop.models.status_tables import LazyStates, values_of
from sync import collector as sync_collector

if TYPE_CHECKING:
    from desktop.models.round_queries import RoundRows

DONE = "done"
OVERDUE = "overdue"
DUE_SOON = "due_soon"
ON_TRACK = "on_track"
NOT_SCHEDULED = "not_scheduled"
# every milestone done, but the office has not approved the 办结 application (销号)
AWAITING_SIGNOFF = "awaiting_signoff"
STATUSES = (OVERDUE, DUE_SOON, ON_TRACK, NOT_SCHEDULED, AWAITING_SIGNOFF, DONE)
# Labels are built where statuses are shown (CLI, views), through desktop.models.messages.
# Traffic light per status (the views map these to colours).
STATUS_LIGHTS = {DONE: "done", OVERDUE: "red", DUE_SOON: "yellow", ON_TRACK: "green"}
STATUS_LIGHTS[NOT_SCHEDULED] = "grey"
STATUS_LIGHTS[AWAITING_SIGNOFF] = "grey"
_SEVERITY = {DONE: 0, AWAITING_SIGNOFF: 0.5, NOT_SCHEDULED: 1, ON_TRACK: 2, DUE_SOON: 3, OVERDUE: 4}
# The three-colour scheme of 督办 offices (views map these to configurable colours and
# always show the text mark too): 蓝 临近时限 · 黄 未达序时 · 红 逾期未办结.
COLOURS = ("red", "yellow", "blue")
DEFAULT_WINDOW_DAYS = 14
MAX_WINDOW_DAYS = 3650  # a due-soon window of ten years or more is a typo

NodeKey = tuple[str, str]  # ("task" | "item" | "milestone", id)


def worst(statuses: list[str]) -> str:
    """Aggregate child statuses; no children → not scheduled."""
    if not statuses:
        return NOT_SCHEDULED
    return max(statuses, key=_SEVERITY.__getitem__)


def milestone_status(
    effective_due: str | None, done_date: str | None, today: date, window_days: int
) -> str:
    if done_date:
        return DONE
    if not effective_due:
        return NOT_SCHEDULED
    days = (date.fromisoformat(effective_due) - today).days
    if days < 0:
        return OVERDUE
    if days <= window_days:
        return DUE_SOON
    return ON_TRACK


@dataclass
class StatusInputs:
    """Rows needed for a status pass (plain tuples / dicts, and compact columns)."""

    # (id, task_id, item_id, title, due, owner_unit_id, done_date)
    milestones: list[tuple] = field(default_factory=list)
    # (milestone_id, old_due, new_due, recorded_at, id)
    extensions: list[tuple] = field(default_factory=list)
    # the per-task and per-item fields: columns over one index per kind in a status
    # cache's snapshot (``desktop.models.status_columns``), else plain dicts
    tasks: Mapping[str, int] = field(default_factory=dict)  # task_id -> no
    # task_id -> its plan's 发文字号 + " ", only when several plans are loaded
    task_prefix: Mapping[str, str] = field(default_factory=dict)
    items: Mapping[str, tuple[str, int]] = field(default_factory=dict)  # id -> (task_id, pos)
    item_counts: Mapping[str, int] = field(default_factory=dict)  # task_id -> n items
    item_unit: Mapping[str, str] = field(default_factory=dict)  # item_id -> lead unit id
    task_unit: Mapping[str, str] = field(default_factory=dict)  # task_id -> lead unit id
    unit_names: dict[str, str] = field(default_factory=dict)
    # (id, pred_kind, pred_id, succ_kind, succ_id, lag_days): a list, after the status
    # cache's full pass its columns (``dependency_table.DependencyRows``)
    dependencies: Sequence[tuple] = field(default_factory=list)
    # milestone_id -> current (extended) due date; absent/None: not extended
    current_due: dict[str, str | None] = field(default_factory=dict)
    # 办结 approved by the office (销号): task ids, item ids
    closed_tasks: set[str] = field(default_factory=set)
    closed_items: set[str] = field(default_factory=set)
    # 序时进度: task_id -> latest reported percent / lowest target percent
    task_percent: dict[str, float] = field(default_factory=dict)
    target_percent: dict[str, float] = field(default_factory=dict)
    # task_id -> its own deadline as planned (latest milestone due / target deadline)
    task_deadline: Mapping[str, str] = field(default_factory=dict)
    plan_date: Mapping[str, str] = field(default_factory=dict)  # task_id -> plan's date
    # a full pass's rows for a reporting round of the same database state (None: an
    # incremental pass, or kept by the status cache, whose snapshot outlives edits)
    round_rows: RoundRows | None = None


@dataclass(slots=True)
class MilestoneState:
    id: str
    task_id: str
    item_id: str | None
    title: str
    status: str
    original_due: str | None
    effective_due: str | None
    done_date: str | None
    done_late: bool
    late_vs_original: bool
    extension_count: int
    unit_id: str | None  # owner, else attributed lead unit
    days_left: int | None  # effective due - today (negative when overdue)
    # why it is at risk, in the order found; most records have no cause: they share the
    # empty tuple (tens of thousands of empty lists only slowed the garbage collector)
    risks: Sequence[RiskCause] = ()

    @property
    def extended(self) -> bool:
        return self.extension_count > 0


@dataclass(slots=True)
class NodeState:
    """Status of a task or item."""

    kind: str
    id: str
    task_id: str
    status: str
    milestone_ids: list[str] = field(default_factory=list)
    risks: Sequence[RiskCause] = ()  # as MilestoneState.risks
    # 序时进度 (tasks only): expected percent, the percent compared with it, and
    # whether it falls short (未达序时)
    expected: float | None = None
    percent: float | None = None
    behind: bool = False
    # tasks set to roll up: how many lower-level tasks ``percent`` was taken from
    rolled_from: int = 0

    @property
    def colour(self) -> str | None:
        """red / yellow / blue of the three-colour scheme, or None."""
        if self.status == OVERDUE:
            return "red"
        if self.behind:
            return "yellow"
        if self.status == DUE_SOON:
            return "blue"
        return None


@dataclass
class StatusSnapshot:
    today: date
    window_days: int
    # read-only mappings (``status_tables.LazyStates``: a state is built when first read)
    milestones: Mapping[str, MilestoneState]
    items: Mapping[str, NodeState]
    tasks: Mapping[str, NodeState]
    blocking: list[BlockingUnit]
    inputs: StatusInputs  # for labels
    # dependency cycles (arrived by sync), each as the nodes around it with the
    # first repeated at the end; ``cycles`` has their labels (任务8 → 任务10 → 任务8)
    cycle_paths: list[tuple[NodeKey, ...]] = field(default_factory=list)
    cycle_dependency_ids: set[str] = field(default_factory=set)
    # root-cause milestone id -> the nodes it flags (the blocking ranking's input; a
    # pass's are a ``status_ranking.Reach``; ``status_cache`` replaces the entries of
    # the roots it recomputes)
    roots: Mapping[str, Set[NodeKey]] = field(default_factory=dict)
    # each root holding up a task, its unit and those tasks as the pass's ranking found
    # them (``status_ranking.HeldUp``): kept only when asked (``compute(held_up=True)``:
    # the status cache's full pass), until its ``Tally`` takes them over
    held_up: HeldUp | None = None
    # each dependency's predecessor's task and its successor's (``inputs.dependencies``'
    # order) as the pass's cycle search found them (``status_graph.find_cycles``): kept
    # with ``held_up``, until the status cache's links take them over
    dependency_tasks: tuple[list[str | None], list[str | None]] | None = None

    @property
    def cycles(self) -> list[str]:
        """Each cycle's labels, starting from its lowest task number."""
        texts = []
        for path in self.cycle_paths:
            # a node depending on itself (possible by sync) is a path of one node
            ring = list(path[:-1]) or list(path)
            start = min(range(len(ring)), key=lambda i: self._order(ring[i]))
            ring = ring[start:] + ring[:start] + [ring[start]]
            texts.append(" → ".join(self.label(k) for k in ring))
        return sorted(texts)

    def _order(self, key: NodeKey) -> tuple:
        kind, rid = key
        rank: tuple[int, int | str]
        if kind == "milestone":
            ms = self.milestones.get(rid)
            task_id, rank = (ms.task_id if ms else ""), (2, ms.title if ms else "")
        elif kind == "item":
            task_id, pos = self.inputs.items.get(rid, ("", 0))
            rank = (1, pos)
        else:
            task_id, rank = rid, (0, 0)
        prefix = self.inputs.task_prefix.get(task_id, "")
        return (prefix, self.inputs.tasks.get(task_id, 0), rank, rid)

    def _table(self, kind: str) -> Mapping[str, MilestoneState | NodeState]:
        tables: dict[str, Mapping[str, MilestoneState | NodeState]] = {
            "milestone": self.milestones, "item": self.items, "task": self.tasks
        }  # fmt: skip
        return tables[kind]

    def node(self, key: NodeKey) -> MilestoneState | NodeState | None:
        return self._table(key[0]).get(key[1])

    def risks_of(self, kind: str, record_id: str) -> Sequence[RiskCause]:
        """The node's risks (none for an unknown node), without keeping a state built
        for them (the timeline asks every dependency's successor)."""
        table = self._table(kind)
        if isinstance(table, LazyStates):
            return table.value_of(record_id, "risks") if record_id in table else ()
        peek = getattr(table, "value_of", None)  # an incremental snapshot's layers
        if peek is not None:
            return peek(record_id, "risks", ())
        node = table.get(record_id)
        return node.risks if node else ()

    def at_risk(self, kind: str = "task") -> list[str]:
        # risks read without building every state
        return [key for key, risks in values_of(self._table(kind), "risks").items() if risks]

    def label(self, key: NodeKey, *, plan: bool = True) -> str:
        """任务5 / 任务14-2 / 任务5“算力中心投运” (prefixed with the plan's 发文字号
        when several plans are loaded: 长府办发〔2023〕17号 任务5; not with ``plan``
        False: a caller naming the plan elsewhere, ``plan_of``)."""
        kind, rid = key
        if kind == "task":
            prefix = self.inputs.task_prefix.get(rid, "") if plan else ""
            return f"{prefix}任务{self.inputs.tasks.get(rid, '?')}"
        if kind == "item":
            task_id, pos = self.inputs.items.get(rid, ("", 0))
            many = self.inputs.item_counts.get(task_id, 1) > 1
            no = self.inputs.tasks.get(task_id, "?")
            prefix = self.inputs.task_prefix.get(task_id, "") if plan else ""
            return f"{prefix}任务{no}-{pos + 1}" if many else f"{prefix}任务{no}"
        ms = self.milestones.get(rid)
        if ms is None:
            return "（已删除）"
        return f"{self.label(('task', ms.task_id), plan=plan)}“{ms.title}”"

    def plan_of(self, task_id: str) -> str:
        """The 发文字号 of the task's plan when several plans are loaded, else ""."""
        return self.inputs.task_prefix.get(task_id, "").strip()

    def chain_text(self, cause: RiskCause) -> str:
        return " → ".join(self.label(k) for k in cause.via)


class _Dates:
    """ISO date → ordinal, cached (a province has few distinct dates)."""

    def __init__(self, cache: dict[str, int] | None = None) -> None:
        self._cache: dict[str, int] = {} if cache is None else cache

    def __call__(self, text: str) -> int:
        value = self._cache.get(text)
        if value is None:
            value = self._cache[text] = date.fromisoformat(text).toordinal()
        return value


def compute(
    inputs: StatusInputs,
    today: date,
    window_days: int = DEFAULT_WINDOW_DAYS,
    *,
    cancelled: CancelCheck | None = None,
    held_up: bool = False,
) -> StatusSnapshot:
    """Every status, risk flag and the blocking ranking in one pass.

    ``cancelled``: asked every few thousand rows; once it says stop the pass raises
    ``desktop.models.cancellation.Cancelled`` (nothing is changed). ``held_up``: keep
    each root's unit and held-up tasks on the snapshot (``StatusSnapshot.held_up``),
    and each dependency's ends' tasks (``StatusSnapshot.dependency_tasks``)."""
    with collector_paused():
        return _compute(inputs, today, window_days, cancelled, held_up)


@contextmanager
def collector_paused(*, promote: bool = False) -> Iterator[None]:
    """``sync.collector.collector_paused`` for status work, which may be cancelled: a
    cancelled pass's frames are cleared before the collector runs again (the traceback
    would keep the half-built pass alive for the collector to walk — seconds at 100k —
    just after the user asked to stop)."""
    with sync_collector.collector_paused(promote=promote):
        try:
            yield
        except Cancelled as error:
            if error.__traceback__ is not None:
                traceback.clear_frames(error.__traceback__)
            raise


def _day_info(iso: str, today_ord: int, window_days: int) -> tuple[int, int]:
    """(days left, the status code of an open milestone due then) of an ISO date."""
    days_left = date.fromisoformat(iso).toordinal() - today_ord
    if days_left < 0:
        return days_left, 4
    return days_left, (3 if days_left <= window_days else 2)


def _compute(
    inputs: StatusInputs,
    today: date,
    window_days: int,
    cancelled: CancelCheck | None,
    held_up: bool = False,
) -> StatusSnapshot:
    from desktop.models.status_pass import compute_pass

    return compute_pass(inputs, today, window_days, cancelled, held_up)
