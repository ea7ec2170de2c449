"""Workflow rules of a status pass (issue 12), applied after the milestone rules.

- 办结: a task or item is *done* only when its 办结 application is approved
  (销号) — then whatever its milestones say; with every milestone done but no
  approval it is *awaiting_signoff* (待销号).
- 序时进度: an open task with a reported or target percent gets the expected
  percent of its period (``desktop.models.time_progress``) and is *behind*
  (未达序时) when the percent falls short (compared at one decimal).
"""

from __future__ import annotations

from collections.abc import Container
from datetime import date

from desktop.models.status import AWAITING_SIGNOFF, DONE, NodeState, StatusInputs


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
    from desktop.models.time_progress import expected_percent, task_period

    cache = {} if cache is None else cache
    deadline = inputs.task_deadline.get(task_id)
    plan_date = inputs.plan_date.get(task_id) if deadline else None
    expected = cache.get((deadline, plan_date))
    if expected is None:
        period = None
        if deadline:
            period = task_period(
                today,
                date.fromisoformat(deadline),
                date.fromisoformat(plan_date) if plan_date else None,
            )
        expected = cache[(deadline, plan_date)] = expected_percent(today, period)
    return expected


def schedule_of(
    inputs: StatusInputs, finished: Container[str], today: date
) -> dict[str, tuple[float, float, bool]]:
    """序时进度 of every open task with a reported or target percent: task id →
    (expected percent, the percent compared with it, behind). ``finished``: the tasks
    done or awaiting sign-off (their status after the 办结 rule)."""
    reported, targets = inputs.task_percent, inputs.target_percent
    found: dict[str, tuple[float, float, bool]] = {}
    if not reported and not targets:
        return found
    # few distinct (deadline, plan date) pairs: each expectation is computed once
    cache: dict[tuple[str | None, str | None], float] = {}
    rounded: dict[float, float] = {}
    deadlines, plan_dates, tasks = inputs.task_deadline, inputs.plan_date, inputs.tasks
    reported_get, target_get, deadline_get = reported.get, targets.get, deadlines.get
    for task_id in reported.keys() | targets.keys():
        if task_id not in tasks or task_id in finished:
            continue
        mine, target = reported_get(task_id), target_get(task_id)
        percent = target if mine is None else mine if target is None else min(mine, target)
        if percent is None:
            continue
        deadline = deadline_get(task_id)
        key = (deadline, plan_dates.get(task_id)) if deadline else (None, None)
        expected = cache.get(key)
        if expected is None:
            expected = expected_for(inputs, task_id, today, cache)
        bar = rounded.get(expected)
        if bar is None:
            bar = rounded[expected] = round(expected, 1)
        # compared at one decimal, as time_progress.meets_schedule
        found[task_id] = (expected, percent, round(percent, 1) < bar)
    return found
