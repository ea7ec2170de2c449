"""``status_rules.schedule_of`` as it was before issue 14's dash300c branch (every
percent and expected percent rounded one by one): the reference the bulk version is
compared with."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import repeat
from operator import lt

from desktop.models.status import StatusInputs
from desktop.models.status_rules import _expected, _values


def reference_schedule_of(
    inputs: StatusInputs, finished: Iterable[str], today: date
) -> dict[str, tuple[float, float, bool]]:
    """序时进度 of every open task with a reported or target percent: task id →
    (expected percent, the percent compared with it, behind). ``finished``: the tasks
    done or awaiting sign-off (their status after the 办结 rule).

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
    open_tasks = percents.keys() & inputs.tasks.keys()
    open_tasks.difference_update(finished)
    ids = list(open_tasks)
    if None in percents.values():  # (never read so: a percent is a number)
        ids = [task_id for task_id in ids if percents[task_id] is not None]
    percent = list(map(percents.__getitem__, ids))
    # (deadline, plan date) of each (``_expected`` reads the plan date only with a deadline)
    pairs = list(
        zip(_values(inputs.task_deadline, ids), _values(inputs.plan_date, ids), strict=True)
    )
    expected_of = {pair: _expected(today, *pair) for pair in set(pairs)}
    expected = list(map(expected_of.__getitem__, pairs))
    # compared at one decimal, as time_progress.meets_schedule
    behind = map(lt, map(round, percent, repeat(1)), map(round, expected, repeat(1)))
    return dict(zip(ids, zip(expected, percent, behind, strict=True), strict=True))
