"""The 督办 workflow's part of a status pass: approved 办结 (销号) and the
percents and deadlines 序时进度 compares (a few grouped queries)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from itertools import compress, repeat
from operator import is_not, itemgetter
from typing import Any

from sqlite_utils import Database

from desktop.models import status as st
from desktop.models.cancellation import CHECK_EVERY
from desktop.models.coded_column import CodedColumn
from desktop.models.status_columns import ABSENT, CodedField, Column


def load_workflow_inputs(
    db: Database,
    inputs: st.StatusInputs,
    task_ids: Iterable[str] | None = None,
    *,
    task_plans: tuple[list[str], list[str | None] | CodedColumn] | None = None,
    keep_reports: bool = True,
    task_key: Mapping[str, str] | None = None,
    task_index: Mapping[str, int] | None = None,
) -> list[tuple]:
    """The workflow rows of every task (or of ``task_ids`` only); ``inputs.milestones``
    are loaded already. ``task_plans``: (task ids, their plan ids) of the same tasks
    (archived too; each id once), when the caller has read them (the plan dates are then
    read per plan).
    Returns the report rows of a full pass (every task), for a reporting round; none
    when ``keep_reports`` is False (the percents then read alone, as they come).
    ``task_key``: ``{task id: the one string of that id}`` (the loader's shared ids):
    the percents' keys are those strings (each set when the task is first met).
    ``task_index`` (with ``task_plans``, whose tasks are its keys in its order with
    maybe others among them): the plan dates as a column of it (``Column.by_ids``; coded
    by plan when the plans are a ``CodedColumn``)."""
    own = task_key.get if task_key else None
    reports: list[tuple] = []
    args = {"only": json.dumps(sorted(task_ids))} if task_ids is not None else {}

    def of(column: str) -> str:
        """ " AND <column> IN (the tasks)" when restricted."""
        return f" AND {column} IN (SELECT value FROM json_each(:only))" if args else ""

    for task_id, item_id in db.execute(
        "SELECT s.task_id, s.item_id FROM signoff s JOIN signoff_decision d"
        f" ON d.signoff_id = s.id WHERE d.decision = 'approved'{of('s.task_id')}",
        args,
    ):
        if item_id:
            inputs.closed_items.add(item_id)
        else:
            inputs.closed_tasks.add(task_id)
    # Reported percent: the latest 填报期 with a percent among current reports
    # (not superseded); several units in it → the lowest.
    current = " AND NOT EXISTS (SELECT 1 FROM report s WHERE s.supersedes_id = r.id)"
    corrected = db.execute("SELECT 1 FROM report WHERE supersedes_id IS NOT NULL LIMIT 1")
    if corrected.fetchone() is None:
        current = ""  # no report corrected (its index says so): each one is current
    if args or not keep_reports:  # the percents alone (some tasks', or no round kept)
        percents: Iterable[tuple] = db.execute(
            "SELECT r.task_id, r.period, r.percent FROM report r WHERE r.percent IS NOT NULL"
            + current
            + of("r.task_id"),
            args,
        )
    else:  # every report, kept for a reporting round (``RoundRows.reports``)
        reports = db.execute(
            "SELECT r.task_id, r.item_id, r.unit_id, r.period, substr(r.created_at, 1, 10),"
            f" r.percent IS NOT NULL{current}, r.percent FROM report r"
        ).fetchall()
        percents = map(_PERCENT, compress(reports, map(_COUNTED, reports)))
    # each task's latest period and its percent (two dicts: no pair made per report)
    latest: dict[str, str] = {}
    latest_period = latest.get
    task_percent = inputs.task_percent = {}
    for task_id, period, percent in percents:
        seen = latest_period(task_id)
        if seen is None:  # (a task first met: its key the tasks' own string)
            latest[task_id] = period
            task_percent[task_id if own is None else own(task_id, task_id)] = percent
        elif period > seen or (period == seen and percent < task_percent[task_id]):
            latest[task_id] = period
            task_percent[task_id] = percent
    # (``latest``'s keys are the rows' own task id strings, one per task with a percent:
    # freed before the targets are read, not held to the loader's end, its peak)
    del latest, latest_period
    # Target percent: each target's latest value toward its goal; the task's lowest.
    from desktop.models.target_queries import CEILINGS, progress_toward

    # each target's latest values (every value at its latest date) from the index
    # ``target_value_target`` alone (it covers the value): the first one's place in
    # ``values`` by target, any other of that date in ``more`` (rare)
    of_targets = (
        f" WHERE target_id IN (SELECT id FROM target WHERE 1{of('task_id')})" if args else ""
    )
    place: dict[str, int] = {}
    values: list[Any] = []
    more: dict[str, list[Any]] = {}
    for target_id, value in db.execute(
        "SELECT v.target_id, v.value FROM (SELECT target_id, max(as_of) AS as_of"
        f" FROM target_value{of_targets} GROUP BY target_id) m"
        " JOIN target_value v ON v.target_id = m.target_id AND v.as_of = m.as_of",
        args,
    ):
        if target_id in place:
            more.setdefault(target_id, []).append(value)
        else:
            place[target_id] = len(values)
            values.append(value)
    # The task's deadline: the latest due date of its milestones (loaded already) and
    # targets, as planned.
    deadline: dict[str, str] = {}
    latest_due = deadline.get
    for row in inputs.milestones:
        due = row[4]
        if due and due > latest_due(row[1], ""):
            deadline[row[1]] = due
    # then each target's row once (id, task id, comparator, goal, deadline), a batch at
    # a time (none held: 30,000 at 100k tasks were ~8 MB at the pass's peak): its
    # deadline, and the percent of its latest values toward its goal (the task's
    # lowest); a value of a target that is gone is never met
    lowest: dict[str, float] = {}
    counted: list[Any] = [None] * len(values)  # by place: the task of a target counted
    known_percent, place_of = lowest.get, place.get
    cursor = db.execute(
        f"SELECT id, task_id, comparator, value, deadline FROM target WHERE 1{of('task_id')}",
        args,
    )
    while batch := cursor.fetchmany(CHECK_EVERY):
        for target_id, task_id, comparator, goal, due in batch:
            if due is not None and due > latest_due(task_id, ""):
                deadline[task_id] = due
            at = place_of(target_id)
            if at is None or goal is None:  # (no percent without a value and a goal)
                continue
            for value in (values[at], *more.get(target_id, ())) if more else (values[at],):
                # ``progress_toward``'s percent, inline for a floor goal (the usual)
                if goal and comparator not in CEILINGS and value is not None:
                    percent = round(value / goal * 100, 2)
                else:
                    percent = progress_toward(comparator, goal, value)[0]
                    if percent is None:
                        continue
                known = known_percent(task_id)
                if known is None or percent < known:  # (the task's lowest: ``min``'s)
                    lowest[task_id] = percent
                counted[at] = task_id
    del place, values, more
    # the tasks in the order their first counted target's values were read (the values'
    # query's), each key the tasks' own string
    order = list(dict.fromkeys(compress(counted, map(is_not, counted, repeat(None)))))
    del counted
    inputs.target_percent = dict(
        zip(
            order if own is None else map(own, order, order),
            map(lowest.__getitem__, order),
            strict=True,
        )
    )
    del order, lowest
    inputs.task_deadline = deadline
    if task_plans is not None:
        plan_tasks, plan_ids = task_plans
        read = plan_ids.values if isinstance(plan_ids, CodedColumn) else set(plan_ids)
        # (restricted: only the tasks' plans, not every plan's row per incremental pass)
        plans = {"plans": json.dumps(sorted(set(read) - {None}))} if args else {}
        plan_dates = dict(
            db.execute(
                "SELECT id, coalesce(written_date, published_date) FROM plan"
                " WHERE coalesce(written_date, published_date) IS NOT NULL"
                + (" AND id IN (SELECT value FROM json_each(:plans))" if plans else ""),
                plans,
            ).fetchall()
        )
        if isinstance(plan_ids, CodedColumn) and task_index is not None:  # (coded by plan)
            inputs.plan_date = CodedField.of_ids(
                task_index,
                plan_tasks,
                [plan_dates.get(plan_id, ABSENT) for plan_id in plan_ids.values],
                plan_ids.codes,
            )
            return reports
        assert not isinstance(plan_ids, CodedColumn)  # (only with the task index)
        if task_index is not None:  # (a column: no dict of every task made first)
            inputs.plan_date = Column.by_ids(
                task_index, plan_tasks, list(map(plan_dates.get, plan_ids, repeat(ABSENT)))
            )
            return reports
        days = map(plan_dates.get, plan_ids)
        tasks = inputs.tasks
        dates: dict[str, Any]
        if type(tasks) is dict and len(tasks) == len(plan_tasks):  # (none archived, read)
            # a copy of the tasks' dict, each value set by its key (found by identity):
            # the table copied whole, not 100,000 inserts into a table grown step by
            # step; the same keys when no task added one (``plan_tasks``: each id once)
            dates = tasks.copy()
            dates.update(zip(plan_tasks, days, strict=True))
            if len(dates) != len(plan_tasks):  # (other tasks than the loaded ones)
                dates = dict(zip(plan_tasks, map(plan_dates.get, plan_ids), strict=True))
        else:
            dates = dict(zip(plan_tasks, days, strict=True))
        if None in dates.values():  # tasks of a plan without a date (rare): none for them
            dates = {task_id: day for task_id, day in dates.items() if day is not None}
        inputs.plan_date = dates
        return reports
    inputs.plan_date = {
        task_id: plan_date
        for task_id, plan_date in db.execute(
            "SELECT t.id, coalesce(p.written_date, p.published_date) FROM task t"
            " JOIN plan p ON p.id = t.plan_id"
            " WHERE coalesce(p.written_date, p.published_date) IS NOT NULL" + of("t.id"),
            args,
        )
    }
    return reports


_COUNTED = itemgetter(5)  # a current report with a percent
_PERCENT = itemgetter(0, 3, 6)  # (task id, 填报期, percent)
