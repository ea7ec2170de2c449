"""Workflow rules of a status pass (issue 12), applied after the milestone rules.

- 办结: a task or item is *done* only when its 办结 application is approved
  (销号) — then whatever its milestones say; with every milestone done but no
  approval it is *awaiting_signoff* (待销号).
- 序时进度: an open task with a reported or target percent gets the expected
  percent of its period (``desktop.models.time_progress``) and is *behind*
  (未达序时) when the percent falls short (compared at one decimal).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Container, Mapping
from datetime import date
from itertools import compress, filterfalse, repeat
from operator import and_, getitem, gt, lt, not_, sub
from typing import Any

from desktop.models.status import AWAITING_SIGNOFF, DONE, NodeState, StatusInputs
from desktop.models.status_columns import Column, Schedule, index_behind
from desktop.models.time_progress import expected_percent, task_period


def apply_signoff(
    inputs: StatusInputs, tasks: dict[str, NodeState], items: dict[str, NodeState]
) -> None:
    """A task or item is done only when its 办结 is approved (销号): approved → done
    whatever its milestones say; every milestone done but not approved → 待销号."""
    for table, closed in ((tasks, inputs.closed_tasks), (items, inputs.closed_items)):
        for key, node in table.items():
            if key in closed or (node.kind == "item" and node.task_id in inputs.closed_tasks):
                node.status = DONE
            elif node.status == DONE:
                node.status = AWAITING_SIGNOFF


def expected_for(
    inputs: StatusInputs,
    task_id: str,
    today: date,
    cache: dict[tuple[str | None, str | None], float] | None = None,
) -> float:
    """序时进度 of a task at ``today``: over its own period (deadline and plan date),
    else the calendar year. ``cache`` keeps one value per (deadline, plan date)."""
    cache = {} if cache is None else cache
    deadline = inputs.task_deadline.get(task_id)
    plan_date = inputs.plan_date.get(task_id) if deadline else None
    expected = cache.get((deadline, plan_date))
    if expected is None:
        expected = cache[(deadline, plan_date)] = _expected(today, deadline, plan_date)
    return expected


def _expected(today: date, deadline: str | None, plan_date: str | None) -> float:
    """序时进度 at ``today`` of a task with this deadline and plan date (the plan date
    counts only with a deadline)."""
    period = None
    if deadline:
        period = task_period(
            today,
            date.fromisoformat(deadline),
            date.fromisoformat(plan_date) if plan_date else None,
        )
    return expected_percent(today, period)


def schedule_of(
    inputs: StatusInputs, finished: Container[str], today: date
) -> dict[str, tuple[float, float, bool]] | Schedule:
    """序时进度 of every open task with a reported or target percent: task id →
    (expected percent, the percent compared with it, behind). ``finished``: the tasks
    done or awaiting sign-off (their status after the 办结 rule). For a compact pass (the
    tasks a column of their index: the status cache's) a ``Schedule`` by that index.

    Column at a time (``map`` in C over the tasks, a Python step only per task with
    both percents and per distinct (deadline, plan date) pair): at 100k tasks a loop
    per task spent most of its time waiting on memory for a handful of dict look-ups."""
    reported, targets = inputs.task_percent, inputs.target_percent
    if not reported and not targets:
        return {}
    # each task's percent: the lower of its reported and its target percent
    percents = {**targets, **reported}
    for task_id in reported.keys() & targets.keys():
        mine, target = reported[task_id], targets[task_id]
        if mine is not None and target is not None:
            percents[task_id] = min(mine, target)
        else:
            percents[task_id] = target if mine is None else mine
    # the open tasks in the percents' order (no set of them made: read in C)
    ids = list(compress(percents, map(inputs.tasks.keys().__contains__, percents)))
    ids = list(filterfalse(finished.__contains__, ids))
    if None in percents.values():  # (never read so: a percent is a number)
        ids = [task_id for task_id in ids if percents[task_id] is not None]
    percent = list(map(percents.__getitem__, ids))
    # each task's deadline and plan date (``_expected`` reads the plan date only with a
    # deadline), and each distinct pair's expected percent in a dict per deadline, read
    # in C, found when a pair is first met: no tuple made per task (a set of the pairs
    # first, 60,000 at 100k tasks for ~700 distinct: ~10 ms more)
    deadlines = _values(inputs.task_deadline, ids)
    plan_dates = _values(inputs.plan_date, ids)
    of_deadline = _ByDeadline(today)
    expected = list(map(getitem, map(of_deadline.__getitem__, deadlines), plan_dates))
    del deadlines, plan_dates
    behind = _behind(percent, expected)
    # a compact pass's (the status cache's: the tasks a column of their index) as
    # columns by that index at once, where they take less than the dict would
    index = index_behind(inputs.tasks)
    if index and len(ids) * 4 >= len(index) and all(map(index.__contains__, ids)):
        return Schedule.of_columns(index, ids, (expected, percent, behind))
    return dict(zip(ids, zip(expected, percent, behind, strict=True), strict=True))


class _ByDeadline(dict[Any, "_ByPlanDate"]):
    """Deadline → its plan dates' expected percents (``_ByPlanDate``, made when the
    deadline is first asked)."""

    __slots__ = ("today",)

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    def __missing__(self, deadline: Any) -> _ByPlanDate:
        found = self[deadline] = _ByPlanDate(self.today, deadline)
        return found


class _ByPlanDate(dict[Any, float]):
    """Plan date → 序时进度 at ``today`` of a task with this deadline and plan date
    (``_expected``, found when the plan date is first asked)."""

    __slots__ = ("deadline", "today")

    def __init__(self, today: date, deadline: Any) -> None:
        super().__init__()
        self.today, self.deadline = today, deadline

    def __missing__(self, plan_date: Any) -> float:
        found = self[plan_date] = _expected(self.today, self.deadline, plan_date)
        return found


# (``round(value, 1)`` is within 0.05 of the value, plus far less than this for any
# value a percent or an expected percent can be)
_ROUNDING_GAP = 0.1 + 1e-6


def _behind(percent: list[Any], expected: list[float]) -> list[bool]:
    """Each ``round(percent, 1) < round(expected, 1)``, compared at one decimal as
    ``time_progress.meets_schedule``. ``round`` never lowers a larger value, so a
    percent at or above its expected one is not behind, and one below it by more than
    ``_ROUNDING_GAP`` is; only the others are rounded (in C, each distinct value once:
    a NaN object, never equal, is its own key, found by identity)."""
    gaps = list(map(sub, expected, percent))
    behind = list(map(gt, gaps, repeat(_ROUNDING_GAP)))
    # (a NaN gap: neither sure nor near, and a NaN rounded is never less)
    near = list(map(and_, map(gt, gaps, repeat(0.0)), map(not_, behind)))
    if any(near):
        mine, theirs = list(compress(percent, near)), list(compress(expected, near))
        rounded = map(
            lt, map(_rounded(mine).__getitem__, mine), map(_rounded(theirs).__getitem__, theirs)
        )
        deque(map(behind.__setitem__, compress(range(len(near)), near), rounded), maxlen=0)
    return behind


def _rounded(values: list[float]) -> dict[float, float]:
    """``{value: round(value, 1)}`` of each distinct value."""
    distinct = set(values)
    return dict(zip(distinct, map(round, distinct, repeat(1)), strict=True))


def _values(mapping: Mapping[str, Any], keys: list[str]) -> list[Any]:
    """``mapping.get`` of each key (by position for a column of the inputs)."""
    if isinstance(mapping, Column):
        return mapping.get_many(keys)
    return list(map(mapping.get, keys))
