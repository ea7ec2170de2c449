"""Statuses for every view: load the rows a status pass needs, compute the snapshot.

``compute_status`` loads the rows with a handful of queries and hands them to
``desktop.models.status.compute`` (pure computation), then rolls statuses up to
linked higher-level tasks.
"""

from __future__ import annotations

import json
from collections import Counter, deque
from collections.abc import Collection, Iterable, Mapping
from datetime import date
from functools import partial
from itertools import compress, repeat
from operator import itemgetter, not_
from typing import Any

from sqlite_utils import Database

from desktop.models import status as st
from desktop.models.cancellation import CancelCheck, check, fetched
from desktop.models.coded_column import CodedColumn, narrow_codes
from desktop.models.coordination_queries import plan_prefixes
from desktop.models.round_queries import RoundRows
from desktop.models.status_columns import (
    ABSENT,
    CodedField,
    Column,
    ItemPlaces,
    positions,
)
from desktop.models.status_rows import (
    in_batches,
    in_tasks_clause,
    leave_out_archived,
    one_unit_each,
    read_dependencies,
    read_milestones,
    same_objects,
    shared_rows,
    units_by_place,
    units_of_items,
    with_values,
)
from desktop.models.status_tables import values_of

_FIRST, _SECOND, _THIRD, _FOURTH = (itemgetter(n) for n in range(4))


def load_status_inputs(
    db: Database,
    task_ids: Iterable[str] | None = None,
    *,
    cancelled: CancelCheck | None = None,
    rounds: bool = True,
    compact: bool = False,
    prefixes: Mapping[str, str] | None = None,
    share: bool = True,
    dependency_ids: Collection[str] | None = None,
    unit_names: Mapping[str, str] | None = None,
) -> st.StatusInputs:
    """Every row a status pass needs, in a dozen plain queries (only the rows of
    ``task_ids`` and the dependencies touching them when given: an incremental pass).
    ``cancelled`` is asked between the queries: ``Cancelled`` once it says stop.
    ``rounds``: a full pass keeps its rows for a reporting round (``round_rows``);
    False when the caller drops them (``compute_status``): freed as soon as read.
    ``compact``: the per-task and per-item fields as columns as read
    (``_loaded_compact``), for a snapshot kept long (the status cache's; no reporting
    round's rows, whatever ``rounds`` says); a pass dropped soon after keeps the dicts
    (columns cost ~5 % of a pass). ``prefixes``: ``plan_prefixes(db)`` when the
    caller knows them (the status cache: no plan changed since its full pass).
    ``share``: the rows hold one string object per distinct id and date
    (``shared_rows``: memory saved while they are kept); False for a pass dropped
    soon (``compute_status``), which keeps the strings SQLite gave (the sharing costs
    ~5 % of a pass at the province size). A compact snapshot always shares.
    ``dependency_ids`` (with ``task_ids``): the ids of every dependency that may touch
    these tasks, their items or milestones (the status cache's links), more allowed:
    read by id and kept when an end is among them, not looked for by their ends.
    ``unit_names``: every unit's name when the caller knows them (the status cache: no
    unit changed since its last pass), else read."""
    load = _loaded_compact if compact else partial(_loaded, rounds=rounds, share=share)
    inputs = load(
        db, task_ids, cancelled, prefixes, dependency_ids=dependency_ids, unit_names=unit_names
    )
    check(cancelled)
    return inputs


def _loaded(
    db: Database,
    task_ids: Iterable[str] | None,
    cancelled: CancelCheck | None,
    prefixes: Mapping[str, str] | None = None,
    *,
    rounds: bool,
    share: bool = True,
    dependency_ids: Collection[str] | None = None,
    unit_names: Mapping[str, str] | None = None,
) -> st.StatusInputs:
    inputs = st.StatusInputs()
    only = json.dumps(sorted(task_ids)) if task_ids is not None else None

    def of(column: str) -> str:
        return in_tasks_clause(column, only)

    args = {"only": only} if only else {}
    keep = only is None and rounds  # the rows of a reporting round kept (``round_rows``)
    in_tasks = f"IN (SELECT id FROM {{}} WHERE 1{of('task_id')})"  # ids of their rows
    prefixes = plan_prefixes(db) if prefixes is None else prefixes
    # (id, no, title, plan id) of every task (archived too): a full pass keeps them for
    # a reporting round (``round_rows``); without one (id, no, plan id): no title, and
    # no column of NULLs read (freed after this block)
    title = "title, " if keep else ""
    task_query = db.execute(
        f"SELECT id, no, {title}plan_id FROM task WHERE 1{of('id')} ORDER BY rowid", args
    )
    # (shared: one string per plan, each batch's fetched ones freed before the next)
    plans: dict[Any, Any] = {}
    task_rows = (
        shared_rows(
            task_query, (None, None, *((None,) if keep else ()), plans.setdefault), cancelled
        )
        if share
        else fetched(task_query, cancelled)
    )
    every_task = list(map(_FIRST, task_rows))
    inputs.tasks = dict(zip(every_task, map(_SECOND, task_rows), strict=True))
    # every task's plan (archived too), for the plan dates: a list beside ``every_task``
    # (no dict of 100,000 task ids made for two passes over its values)
    plan_ids = list(map(_FOURTH if keep else _THIRD, task_rows))
    if prefixes:  # (a plan added by a sync meanwhile has none)
        # (a copy of the tasks' dict, its values replaced: the same keys in the same
        # order, the table copied whole and each key found by identity, not 100,000
        # inserts into a table grown step by step)
        inputs.task_prefix = with_values(
            inputs.tasks, every_task, map(prefixes.get, plan_ids, repeat(""))
        )
    if not keep:  # (each row's id, number and plan id live on in the dicts)
        task_rows = []
    archived = leave_out_archived(db, inputs)
    check(cancelled)
    tasks = inputs.tasks
    # (without ``share``: empty, each ``get(value, value)`` gives the value itself)
    task_key = same_objects(tasks) if share else {}
    item_query = db.execute(
        f"SELECT id, task_id, position FROM item WHERE 1{of('task_id')} ORDER BY rowid", args
    )
    # (shared: each item's task the tasks' own id string, read a batch at a time)
    item_rows = (
        shared_rows(item_query, (None, task_key.get, None), cancelled)
        if share
        else fetched(item_query, cancelled)
    )
    item_tasks = list(map(_SECOND, item_rows))
    counts = dict(Counter(item_tasks))
    if not all(map(tasks.__contains__, counts)):  # archived tasks' items (each task once)
        item_rows = [row for row in item_rows if row[1] in tasks]
        item_tasks = [task_id for task_id in item_tasks if task_id in tasks]
        counts = {task_id: count for task_id, count in counts.items() if task_id in tasks}
    items = dict(
        zip(
            map(_FIRST, item_rows),
            zip(item_tasks, map(_THIRD, item_rows), strict=False),
            strict=True,
        )
    )
    del item_tasks
    # each task's first item: the lowest position, then the first read (a dict keeps the
    # last pair: pairs by falling position, the first read last among equals)
    by_position = sorted(reversed(item_rows), key=_THIRD, reverse=True)
    first_item = dict(zip(map(_SECOND, by_position), map(_FIRST, by_position), strict=True))
    inputs.items, inputs.item_counts = items, counts
    del item_rows, by_position  # (freed before the next query)
    check(cancelled)
    inputs.unit_names = (
        dict(db.execute("SELECT id, name FROM unit").fetchall())
        if unit_names is None
        else dict(unit_names)
    )
    # one string object per distinct id and date in the rows the pass keeps: each
    # milestone's task, item, owner and dates are the tasks', items', units' own keys
    # and one string per day (200,000 milestone rows at 100k tasks: ~60 MB less); the
    # units of the items folded as read (``one_unit_each``) the units' own strings
    # whatever ``share`` says (a few hundred, their dict at hand: 120,000 fresh strings
    # at 100k tasks not kept, ~10 MB of fresh pages fewer, ~15 ms)
    unit_key = same_objects(inputs.unit_names)
    item_key = same_objects(items) if share else {}
    read_milestones(
        db, inputs, only, archived, (task_key, item_key, unit_key), cancelled, share=share
    )
    # an item's unit: its first lead unit (by position, then id), else its first
    # responsible one
    assigned = " FROM assignment WHERE role IN ('lead', 'responsible')" + (
        f" AND item_id {in_tasks.format('item')}" if only else " ORDER BY rowid"
    )
    assignments: list[tuple] = []
    item_unit: dict[Any, Any] | None = None
    if not keep:  # folded while read, the ids shared (120,000 rows held at 100k: ~50 MB)
        # (the item and unit alone: with one row per item its role and position tell
        # nothing, and two columns are read a quarter faster than four)
        item_unit = one_unit_each(
            db.execute("SELECT item_id, unit_id" + assigned, args), cancelled,
            item_key.get if share else None, unit_key.get,
        )  # fmt: skip
    assignments_query = "SELECT item_id, unit_id, role, position" + assigned
    if item_unit is None:
        assignments = fetched(db.execute(assignments_query, args), cancelled)
        item_unit = units_of_items(assignments)
        if not keep:  # (freed before the next query)
            assignments = []
        if share:  # (kept: the items' and units' own id strings)
            item_unit = dict(
                zip(
                    map(item_key.get, item_unit, item_unit),
                    map(unit_key.get, item_unit.values(), item_unit.values()),
                    strict=True,
                )
            )
    inputs.item_unit = item_unit
    units: list[Any] = list(map(item_unit.get, first_item.values()))
    first_tasks: Iterable[Any] = map(task_key.get, first_item, first_item) if share else first_item
    inputs.task_unit = dict(compress(zip(first_tasks, units, strict=True), units))
    del unit_key, first_item, units
    check(cancelled)
    read_dependencies(
        db, inputs, only, (task_key, item_key), cancelled, share=share,
        dependency_ids=dependency_ids,
    )  # fmt: skip
    from desktop.models.workflow_inputs import load_workflow_inputs

    del item_key  # (120,000 ids at 100k tasks: the workflow's rows need none)
    check(cancelled)
    reports = load_workflow_inputs(
        db, inputs, task_ids, task_plans=(every_task, plan_ids), keep_reports=keep,
        task_key=task_key,  # (the percents' task ids: the tasks' own strings)
    )  # fmt: skip
    del plan_ids, task_key
    if keep:
        if len(every_task) == len(inputs.tasks):  # none archived (the usual case)
            active_rows = with_values(inputs.tasks, every_task, task_rows)
        else:
            archived = set(every_task).difference(inputs.tasks)
            active_rows = {row[0]: row for row in task_rows if row[0] not in archived}
        inputs.round_rows = RoundRows(
            assignments,
            items,
            reports,
            active_rows,
            set(compress(counts, map((1).__lt__, counts.values()))),  # several items
        )
    return inputs


def _loaded_compact(
    db: Database,
    task_ids: Iterable[str] | None,
    cancelled: CancelCheck | None,
    prefixes: Mapping[str, str] | None = None,
    *,
    dependency_ids: Collection[str] | None = None,
    unit_names: Mapping[str, str] | None = None,
) -> st.StatusInputs:
    """``_loaded``'s rows (shared, no reporting round's) with the per-task and per-item
    fields as columns over one index per kind (``desktop.models.status_columns``) as
    they are read: the same keys and values as its dicts, ~45 MB less kept at 100k
    tasks, and no dict of 100,000 ids per field made first (nine of them alive at once
    were the status cache's peak, ~12 MiB higher). The indexes' positions are one int
    object each, shared by the two kinds."""
    from desktop.models.archive import archived_task_ids
    from desktop.models.workflow_inputs import load_workflow_inputs

    inputs = st.StatusInputs()
    only = json.dumps(sorted(task_ids)) if task_ids is not None else None
    args = {"only": only} if only else {}
    prefixes = plan_prefixes(db) if prefixes is None else prefixes
    # each task's id, number and plan (archived too; one string per plan), read a batch
    # at a time: no row kept per task
    every_task: list[Any] = []
    numbers: list[Any] = []
    plan_codes = CodedColumn()  # each task's plan, coded as read (no list of plan ids)
    for batch in in_batches(
        db.execute(
            f"SELECT id, no, plan_id FROM task WHERE 1{in_tasks_clause('id', only)} ORDER BY rowid",
            args,
        )
    ):
        check(cancelled)
        every_task += map(_FIRST, batch)
        numbers += map(_SECOND, batch)
        plan_codes.extend(list(map(_THIRD, batch)))
    active = every_task
    archived = archived_task_ids(db)
    if archived and not archived.isdisjoint(every_task):  # (few: looked up one by one)
        kept = list(map(not_, map(archived.__contains__, every_task)))
        active, numbers = list(compress(every_task, kept)), list(compress(numbers, kept))
    shared = positions(len(active))
    task_index = dict(zip(active, shared, strict=True))
    inputs.tasks = CodedField.of_numbers(task_index, numbers)
    del numbers
    inputs.task_prefix = (  # (archived tasks too, as the dicts had them)
        CodedField.of_ids(
            task_index,
            every_task,
            [prefixes.get(plan_id, "") for plan_id in plan_codes.values],
            plan_codes.codes,
        )
        if prefixes
        else Column.of(task_index, {})
    )
    check(cancelled)
    # each item's (id, its task's place, position), read a batch at a time (the items
    # of tasks left out dropped; the rows freed before the milestones are read, below):
    # the items kept as columns, no (task id, position) tuple per item
    item_rows: list[tuple] = []
    for batch in in_batches(
        db.execute(
            f"SELECT id, task_id, position FROM item WHERE 1{in_tasks_clause('task_id', only)}"
            " ORDER BY rowid",
            args,
        )
    ):
        check(cancelled)
        item_rows += zip(
            map(_FIRST, batch),
            map(task_index.get, map(_SECOND, batch)),
            map(_THIRD, batch),
            strict=True,
        )
    item_tasks: list[Any] = list(map(_SECOND, item_rows))
    if None in item_tasks:  # (the items of tasks left out: few)
        item_rows = [row for row in item_rows if row[1] is not None]
        item_tasks = list(map(_SECOND, item_rows))
    item_ids, places = list(map(_FIRST, item_rows)), list(map(_THIRD, item_rows))
    shared += range(len(shared), len(item_ids))
    item_index = dict(zip(item_ids, shared, strict=False))
    counted = Counter(item_tasks)
    most = max(counted.values(), default=0)  # (a count its own code: none, 0)
    inputs.item_counts = CodedField(
        task_index,
        [ABSENT, *range(1, most + 1)],
        narrow_codes(list(map(counted.get, range(len(active)), repeat(0))), most + 1),
    )
    del counted
    # each task's first item: the lowest position, then the first read (set by place
    # by falling position, the first read last among equals); none: the items' count
    by_position = sorted(reversed(shared[: len(item_ids)]), key=places.__getitem__, reverse=True)
    first = [len(item_ids)] * len(active)
    deque(map(first.__setitem__, map(item_tasks.__getitem__, by_position), by_position), maxlen=0)
    del by_position
    inputs.items = ItemPlaces(item_index, list(map(active.__getitem__, item_tasks)), places)
    del item_tasks, places
    check(cancelled)
    inputs.unit_names = (
        dict(db.execute("SELECT id, name FROM unit").fetchall())
        if unit_names is None
        else dict(unit_names)
    )
    unit_key = same_objects(inputs.unit_names)
    # an item's unit: its first lead unit (by position, then id), else its first
    # responsible one; a task's: its first item's
    assigned = " FROM assignment WHERE role IN ('lead', 'responsible')" + (
        f" AND item_id IN (SELECT id FROM item WHERE 1{in_tasks_clause('task_id', only)})"
        if only
        else " ORDER BY rowid"
    )
    item_unit = units_by_place(
        db.execute("SELECT item_id, unit_id" + assigned, args),
        cancelled,
        item_index,
        list(inputs.unit_names),
    )
    if item_unit is None:  # (an item of several: every row read)
        ranked = units_of_items(
            fetched(
                db.execute("SELECT item_id, unit_id, role, position" + assigned, args), cancelled
            )
        )
        item_unit = CodedField.of_mapping(  # (the units' own strings)
            item_index,
            dict(zip(ranked, map(unit_key.get, ranked.values(), ranked.values()), strict=True)),
        )
        del ranked
    inputs.item_unit = item_unit
    # a task's unit: its first item's (an empty unit id: none, as the dicts had it)
    inputs.task_unit = CodedField(
        task_index,
        [unit if unit else ABSENT for unit in item_unit.distinct],
        item_unit.codes_at(first),
    )
    del first
    check(cancelled)
    # each milestone's task, item, owner and dates, each dependency's ends: the tasks',
    # items', units' own strings (made here: not held while the items were read)
    task_key, item_key = same_objects(active), same_objects(item_ids)
    # (the item rows freed here, just before the milestones are read, as the dicts'
    # loader did: the milestone pass's survivors then fill their pools; freed before
    # the units, ssu-100k's window kept 8-11 more pymalloc arenas (MiB) after the pass)
    del item_ids, item_rows
    read_milestones(
        db, inputs, only, archived, (task_key, item_key, unit_key), cancelled, share=True
    )
    del unit_key
    check(cancelled)
    read_dependencies(
        db, inputs, only, (task_key, item_key), cancelled, share=True,
        dependency_ids=dependency_ids,
    )  # fmt: skip
    del item_key
    check(cancelled)
    load_workflow_inputs(
        db, inputs, task_ids, task_plans=(every_task, plan_codes), keep_reports=False,
        task_key=task_key, task_index=task_index,
    )  # fmt: skip
    del task_key, plan_codes, every_task
    # (the targets' deadlines: one string per day, as the milestones' dates)
    inputs.task_deadline = Column.of(task_index, inputs.task_deadline, shared=True)
    return inputs


def compute_status(
    db: Database,
    today: date | None = None,
    window_days: int = st.DEFAULT_WINDOW_DAYS,
    *,
    cancelled: CancelCheck | None = None,
    rounds: bool = False,
) -> st.StatusSnapshot:
    """Every milestone/item/task status, risk flag and the blocking ranking.

    ``cancelled`` (e.g. ``lambda: progress.cancelled`` in a background job) is asked
    every few thousand rows while loading and computing; once it says stop the pass
    raises ``desktop.models.cancellation.Cancelled`` and returns nothing.
    ``rounds``: the snapshot keeps the rows of a reporting round as read
    (``StatusInputs.round_rows``: the titles, reports and assignments, ~5 % of a pass)
    for a caller that builds the round, the titles or the unit lights from it next;
    without them those read their own rows."""
    from desktop.models.authoring_queries import apply_rollup

    with st.collector_paused(promote=True):  # (inputs: no local, cleared if cancelled)
        snapshot = st.compute(
            load_status_inputs(db, cancelled=cancelled, rounds=rounds, share=False),
            today or date.today(),
            window_days,
            cancelled=cancelled,
        )
        return apply_rollup(db, snapshot)


def late_against_original(snap: st.StatusSnapshot) -> list[st.MilestoneState]:
    """Milestones late against their *original* due date that the overdue list
    does not show: extended ones past the original date (open or done) and ones
    finished after it. An extension does not make lateness disappear."""
    milestones = snap.milestones  # read without building every state
    statuses = values_of(milestones, "status")
    return sorted(
        (
            milestones[key]
            for key, late in values_of(milestones, "late_vs_original").items()
            if late and statuses[key] != st.OVERDUE
        ),
        key=lambda m: (m.original_due or "", m.id),
    )
