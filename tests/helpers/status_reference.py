"""The status pass as it was written first (straightforward, before the speed work of
``desktop.models.status._compute``): tests compare the two on random and
province-like inputs. Never used by the application."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable
from datetime import date
from typing import Any

from desktop.models.status import (
    AWAITING_SIGNOFF,
    DONE,
    DUE_SOON,
    NOT_SCHEDULED,
    ON_TRACK,
    OVERDUE,
    MilestoneState,
    NodeKey,
    NodeState,
    RiskCause,
    StatusInputs,
    StatusSnapshot,
    _Dates,
    worst,
)
from desktop.models.status_graph import find_cycles
from desktop.models.status_ranking import rank_blocking
from desktop.models.status_rules import apply_signoff, expected_for


def reference_compute(
    inputs: StatusInputs, today: date, window_days: int, cause_type: Callable[..., Any] = RiskCause
) -> StatusSnapshot:
    """``cause_type``: what each node's risks are made of (``RiskCause``, or the former
    dataclass of ``tests/helpers/risk_cause_reference.py``)."""
    ordinal = _Dates()
    today_ord = today.toordinal()
    today_iso = today.isoformat()
    ext_count: dict[str, int] = defaultdict(int)
    for row in inputs.extensions:
        ext_count[row[0]] += 1

    milestones: dict[str, MilestoneState] = {}
    # per node: open milestones' (effective due ordinal, id) for start/finish
    task_ms: dict[str, list[str]] = defaultdict(list)
    item_ms: dict[str, list[str]] = defaultdict(list)
    task_level: dict[str, list[str]] = defaultdict(list)
    for ms_id, task_id, item_id, title, due, owner, done_date in inputs.milestones:
        effective = inputs.current_due.get(ms_id) or due
        original = due  # extensions never move milestone.due
        days_left = ordinal(effective) - today_ord if effective else None
        if done_date:
            status = DONE
        elif effective is None or days_left is None:
            status = NOT_SCHEDULED
        elif days_left < 0:
            status = OVERDUE
        elif days_left <= window_days:
            status = DUE_SOON
        else:
            status = ON_TRACK
        # ISO dates compare as strings
        done_late = bool(done_date and effective and done_date > effective)
        late_orig = bool(original) and (done_date or today_iso) > original
        unit = owner or (inputs.item_unit.get(item_id) if item_id else None)
        unit = unit or inputs.task_unit.get(task_id)
        milestones[ms_id] = MilestoneState(
            ms_id, task_id, item_id, title, status, original, effective, done_date,
            done_late, late_orig, ext_count.get(ms_id, 0), unit, days_left,
        )  # fmt: skip
        task_ms[task_id].append(ms_id)
        if item_id:
            item_ms[item_id].append(ms_id)
        else:
            task_level[task_id].append(ms_id)

    tasks = {
        task_id: NodeState(
            "task", task_id, task_id, worst([milestones[m].status for m in ids]), ids
        )
        for task_id in inputs.tasks
        for ids in [task_ms.get(task_id, [])]
    }
    items = {}
    for item_id, (task_id, _pos) in inputs.items.items():
        ids = item_ms.get(item_id, []) + task_level.get(task_id, [])
        items[item_id] = NodeState(
            "item", item_id, task_id, worst([milestones[m].status for m in ids]), ids
        )
    apply_signoff(inputs, tasks, items)
    _apply_schedule(inputs, tasks, today)

    def node_ms(key: NodeKey) -> list[MilestoneState]:
        kind, rid = key
        if kind == "milestone":
            return [milestones[rid]] if rid in milestones else []
        node = (tasks if kind == "task" else items).get(rid)
        return [milestones[m] for m in node.milestone_ids] if node else []

    def is_done(key: NodeKey) -> bool:
        ms = node_ms(key)
        return bool(ms) and all(m.status == DONE for m in ms)

    def open_dated(key: NodeKey) -> list[MilestoneState]:
        return [m for m in node_ms(key) if m.status != DONE and m.effective_due]

    def milestone_task(ms_id: str) -> str | None:
        ms = milestones.get(ms_id)
        return ms.task_id if ms else None

    cycle_paths, in_cycle = find_cycles(inputs, milestone_task)
    # Direct causes on each dependency edge (none on an edge inside a cycle).
    out_edges: dict[NodeKey, list[NodeKey]] = defaultdict(list)
    queue: deque[tuple[NodeKey, Any]] = deque()
    for dep_id, pk, pid, sk, sid, lag in inputs.dependencies:
        if dep_id in in_cycle:
            continue
        pred, succ = (pk, pid), (sk, sid)
        out_edges[pred].append(succ)
        if is_done(succ) or not node_ms(pred):
            continue
        overdue = [m for m in node_ms(pred) if m.status == OVERDUE]
        root, reason = None, ""
        if overdue:
            root = min(overdue, key=lambda m: (m.effective_due, m.id))
            reason = "overdue"
        else:
            # the predecessor finishes at its last milestone: the actual date of
            # a done one (a late finish still pushes the successor), else its due
            preds = [(d, m.id, m) for m in node_ms(pred) if (d := m.done_date or m.effective_due)]
            succs = open_dated(succ)
            if preds and succs:
                finish, _id, last = max(preds)
                start = min(ordinal(m.effective_due) for m in succs if m.effective_due)
                if ordinal(finish) + (lag or 0) > start:
                    root, reason = last, "slip"
        if root is not None:
            unit = root.unit_id
            cause = cause_type(
                root.id, root.title, unit, inputs.unit_names.get(unit or "", ""), reason,
                (("milestone", root.id), *((pred,) if pred[0] != "milestone" else ()), succ),
            )  # fmt: skip
            queue.append((succ, cause))

    # Containment: a troubled milestone/item troubles its item/task too.
    def parents(key: NodeKey) -> list[NodeKey]:
        kind, rid = key
        if kind == "milestone" and rid in milestones:
            ms = milestones[rid]
            up = [("task", ms.task_id)]
            return ([("item", ms.item_id)] + up) if ms.item_id else up
        if kind == "item" and rid in items:
            return [("task", items[rid].task_id)]
        return []

    reached: dict[str, set[NodeKey]] = defaultdict(set)  # root id -> nodes flagged
    while queue:
        key, cause = queue.popleft()
        node: MilestoneState | NodeState | None
        node = milestones.get(key[1]) if key[0] == "milestone" else None
        node = node or (tasks if key[0] == "task" else items).get(key[1])
        if node is None or node.status == DONE or key in reached[cause.root_milestone_id]:
            continue
        reached[cause.root_milestone_id].add(key)
        node.risks = [*node.risks, cause]
        for parent in parents(key):
            queue.append((parent, cause.onto(parent)))
        for succ in out_edges.get(key, ()):
            if not is_done(succ):
                queue.append((succ, cause.onto(succ)))

    blocking = rank_blocking(reached, milestones, items, inputs.unit_names)
    return StatusSnapshot(
        today, window_days, milestones, items, tasks, blocking, inputs, cycle_paths, in_cycle,
        {root: nodes for root, nodes in reached.items() if nodes},
    )  # fmt: skip


def _apply_schedule(inputs: StatusInputs, tasks: dict[str, NodeState], today: date) -> None:
    """序时进度 of every open task with a reported or target percent."""
    if not inputs.task_percent and not inputs.target_percent:
        return
    # few distinct (deadline, plan date) pairs: each expectation is computed once
    cache: dict[tuple[str | None, str | None], float] = {}
    for task_id in inputs.task_percent.keys() | inputs.target_percent.keys():
        node = tasks.get(task_id)
        if node is None or node.status in (DONE, AWAITING_SIGNOFF):
            continue
        percents = [
            p
            for p in (inputs.task_percent.get(task_id), inputs.target_percent.get(task_id))
            if p is not None
        ]
        if not percents:
            continue
        node.expected = expected = expected_for(inputs, task_id, today, cache)
        node.percent = percent = min(percents)
        node.behind = round(percent, 1) < round(expected, 1)  # as time_progress.meets_schedule
