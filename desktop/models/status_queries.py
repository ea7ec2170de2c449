"""Statuses for every view: load the rows a status pass needs, compute the snapshot.

``compute_status`` loads the rows with a handful of queries and hands them to
``desktop.models.status.compute`` (pure computation), then rolls statuses up to
linked higher-level tasks.
"""

from __future__ import annotations

import json
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from datetime import date
from functools import partial
from itertools import chain, compress, islice, repeat
from operator import call, itemgetter, not_
from typing import Any

from sqlite_utils import Database

from desktop.models import status as st
from desktop.models.cancellation import CHECK_EVERY, CancelCheck, check, fetched
from desktop.models.coordination_queries import plan_prefixes
from desktop.models.round_queries import RoundRows
from desktop.models.status_columns import ABSENT, Column, ItemPlaces, positions
from desktop.models.status_tables import values_of

_FIRST, _SECOND, _THIRD, _FOURTH = (itemgetter(n) for n in range(4))
_NODE_KINDS_ORDER = ("task", "item", "milestone")  # a dependency's ends
_NODE_KINDS = frozenset(_NODE_KINDS_ORDER)
_LAG = itemgetter(5)
_SEPARATOR = "\x1f"  # (no id holds it: one that does is read row by row)


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
        return _only(column, only)

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
        inputs.task_prefix = _with_values(
            inputs.tasks, every_task, map(prefixes.get, plan_ids, repeat(""))
        )
    if not keep:  # (each row's id, number and plan id live on in the dicts)
        task_rows = []
    archived = _leave_out_archived(db, inputs)
    check(cancelled)
    tasks = inputs.tasks
    # (without ``share``: empty, each ``get(value, value)`` gives the value itself)
    task_key = _keys(tasks) if share else {}
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
    # and one string per day (200,000 milestone rows at 100k tasks: ~60 MB less)
    unit_key, item_key = (_keys(inputs.unit_names), _keys(items)) if share else ({}, {})
    _milestone_rows(
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
        item_unit = _one_unit_each(
            db.execute("SELECT item_id, unit_id" + assigned, args), cancelled,
            *((item_key.get, unit_key.get) if share else ()),
        )  # fmt: skip
    assignments_query = "SELECT item_id, unit_id, role, position" + assigned
    if item_unit is None:
        assignments = fetched(db.execute(assignments_query, args), cancelled)
        item_unit = _item_units(assignments)
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
    _dependency_rows(
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
            active_rows = _with_values(inputs.tasks, every_task, task_rows)
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
    plan_ids: list[Any] = []
    plans: dict[Any, Any] = {}
    for batch in _batches(
        db.execute(
            f"SELECT id, no, plan_id FROM task WHERE 1{_only('id', only)} ORDER BY rowid", args
        )
    ):
        check(cancelled)
        every_task += map(_FIRST, batch)
        numbers += map(_SECOND, batch)
        plan_ids += map(plans.setdefault, map(_THIRD, batch), map(_THIRD, batch))
    active = every_task
    archived = archived_task_ids(db)
    if archived and not archived.isdisjoint(every_task):  # (few: looked up one by one)
        kept = list(map(not_, map(archived.__contains__, every_task)))
        active, numbers = list(compress(every_task, kept)), list(compress(numbers, kept))
    shared = positions(len(active))
    task_index = dict(zip(active, shared, strict=True))
    inputs.tasks = Column(task_index, numbers)
    del numbers, plans
    inputs.task_prefix = (  # (archived tasks too, as the dicts had them)
        Column.by_ids(task_index, every_task, list(map(prefixes.get, plan_ids, repeat(""))))
        if prefixes
        else Column.of(task_index, {})
    )
    check(cancelled)
    # each item's (id, its task's place, position), read a batch at a time (the items
    # of tasks left out dropped; the rows freed before the milestones are read, below):
    # the items kept as columns, no (task id, position) tuple per item
    item_rows: list[tuple] = []
    for batch in _batches(
        db.execute(
            f"SELECT id, task_id, position FROM item WHERE 1{_only('task_id', only)}"
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
    inputs.item_counts = Column(
        task_index, list(map(counted.get, range(len(active)), repeat(ABSENT)))
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
    unit_key = _keys(inputs.unit_names)
    # an item's unit: its first lead unit (by position, then id), else its first
    # responsible one; a task's: its first item's
    assigned = " FROM assignment WHERE role IN ('lead', 'responsible')" + (
        f" AND item_id IN (SELECT id FROM item WHERE 1{_only('task_id', only)})"
        if only
        else " ORDER BY rowid"
    )
    units = _units_by_place(
        db.execute("SELECT item_id, unit_id" + assigned, args), cancelled, item_index, unit_key.get
    )
    if units is None:  # (an item of several: every row read)
        ranked = _item_units(
            fetched(
                db.execute("SELECT item_id, unit_id, role, position" + assigned, args), cancelled
            )
        )
        inputs.item_unit = Column.of(
            item_index,
            dict(zip(ranked, map(unit_key.get, ranked.values(), ranked.values()), strict=True)),
        )
        del ranked
    else:
        inputs.item_unit = Column(item_index, *units)
    of_tasks = inputs.item_unit.at_places(first)
    del first
    if not all(of_tasks):  # (an empty unit id: none, as the dicts had it)
        of_tasks = [unit if unit else ABSENT for unit in of_tasks]
    inputs.task_unit = Column(task_index, of_tasks)
    del of_tasks
    check(cancelled)
    # each milestone's task, item, owner and dates, each dependency's ends: the tasks',
    # items', units' own strings (made here: not held while the items were read)
    task_key, item_key = _keys(active), _keys(item_ids)
    # (the item rows freed here, just before the milestones are read, as the dicts'
    # loader did: the milestone pass's survivors then fill their pools; freed before
    # the units, ssu-100k's window kept 8-11 more pymalloc arenas (MiB) after the pass)
    del item_ids, item_rows
    _milestone_rows(
        db, inputs, only, archived, (task_key, item_key, unit_key), cancelled, share=True
    )
    del unit_key
    check(cancelled)
    _dependency_rows(
        db, inputs, only, (task_key, item_key), cancelled, share=True,
        dependency_ids=dependency_ids,
    )  # fmt: skip
    del item_key
    check(cancelled)
    load_workflow_inputs(
        db, inputs, task_ids, task_plans=(every_task, plan_ids), keep_reports=False,
        task_key=task_key, task_index=task_index,
    )  # fmt: skip
    del task_key, plan_ids, every_task
    # (the targets' deadlines: one string per day, as the milestones' dates)
    inputs.task_deadline = Column.of(task_index, inputs.task_deadline, shared=True)
    return inputs


def _only(column: str, only: str | None) -> str:
    """ " AND <column> IN (the tasks)" when restricted to the tasks of ``only`` (JSON)."""
    return f" AND {column} IN (SELECT value FROM json_each(:only))" if only else ""


def _milestone_rows(
    db: Database,
    inputs: st.StatusInputs,
    only: str | None,
    archived: set[str],
    keys: tuple[dict[Any, Any], dict[Any, Any], dict[Any, Any]],
    cancelled: CancelCheck | None,
    *,
    share: bool,
) -> list[tuple]:
    """``inputs``' milestones (the archived tasks' left out), their current dues and
    extensions; each milestone's task, item and owner the one string of ``keys`` (the
    tasks', items', units' ``_keys``) when ``share``. Returns the milestones."""
    args = {"only": only} if only else {}
    task_key, item_key, unit_key = keys
    # (read after the tasks, items and units, their ids shared a batch at a time; the
    # days gathered as met: ``setdefault`` keeps the first string of each day)
    days: dict[Any, Any] = {}
    fields = "task_id, item_id, title, due, owner_unit_id, done_date"
    gets = (task_key.get, item_key.get, None, days.setdefault, unit_key.get, days.setdefault)
    if share and only is None:  # (every milestone: their ids read on their own first)
        milestones = _every_milestone(db, fields, gets, cancelled)
    else:
        cursor = db.execute(
            f"SELECT id, {fields} FROM milestone WHERE 1{_only('task_id', only)} ORDER BY rowid",
            args,
        )
        milestones = (
            shared_rows(cursor, (None, *gets), cancelled) if share else fetched(cursor, cancelled)
        )
    inputs.milestones = milestones
    check(cancelled)
    extended = db.execute(
        "SELECT id, current_due FROM milestone WHERE current_due IS NOT NULL"
        + _only("task_id", only),
        args,
    ).fetchall()
    # (shared: each current due the milestones' one string of that day, not a fresh
    # string per row made after the milestones' rows, among them: one kept the pool of
    # rows freed by ``keep_compact`` and its arena, ~10 MiB of them in the window)
    dues = list(map(_SECOND, extended))
    inputs.current_due = dict(
        zip(map(_FIRST, extended), map(days.setdefault, dues, dues) if share else dues, strict=True)
    )
    del extended, dues
    # (restricted: by the ids of the milestones just read, every one of these tasks'
    # milestones: not their rows looked up again for their ids)
    inputs.extensions = db.execute(
        "SELECT milestone_id, old_due, new_due, recorded_at, id FROM milestone_extension"
        + (" WHERE milestone_id IN (SELECT value FROM json_each(:milestones))" if only else ""),
        {"milestones": json.dumps([m[0] for m in milestones])} if only else {},
    ).fetchall()
    if archived:  # (few: looked up one by one; the milestones filtered in C, after their
        # extensions were read by their ids, as every milestone of these tasks)
        milestones = list(
            compress(milestones, map(not_, map(archived.__contains__, map(_SECOND, milestones))))
        )
    inputs.milestones = milestones
    return milestones


def _dependency_rows(
    db: Database,
    inputs: st.StatusInputs,
    only: str | None,
    keys: tuple[dict[Any, Any], dict[Any, Any]],
    cancelled: CancelCheck | None,
    *,
    share: bool,
    dependency_ids: Collection[str] | None,
) -> None:
    """``inputs.dependencies``: every one, or (``only``) those with an end among these
    tasks, their items or milestones (read by id from ``dependency_ids`` when given);
    each end the one string of its kind (``keys``: the tasks' and items' ``_keys``)
    when ``share``."""
    task_key, item_key = keys
    args: dict[str, Any] = {"only": only} if only else {}
    dependencies = "SELECT id, pred_kind, pred_id, succ_kind, succ_id, lag_days FROM dependency"
    if only and dependency_ids is not None:  # a superset known to the caller: by id
        found = db.execute(
            dependencies + " WHERE id IN (SELECT value FROM json_each(:ids)) ORDER BY rowid",
            {"ids": json.dumps(sorted(dependency_ids))},
        ).fetchall()
        # kept when an end is one of these tasks, their items or milestones
        nodes = {*json.loads(only), *inputs.items, *(m[0] for m in inputs.milestones)}
        inputs.dependencies = [
            row for row in found
            if (row[1] in _NODE_KINDS and row[2] in nodes)
            or (row[3] in _NODE_KINDS and row[4] in nodes)
        ]  # fmt: skip
        if share:
            inputs.dependencies = _shared_ends(
                inputs.dependencies, inputs.milestones, task_key, item_key, cancelled
            )
    else:
        if only:  # the dependencies with an end among these tasks, their items, milestones
            # through the indexes on (pred_kind, pred_id) and (succ_kind, succ_id), each
            # kind with its own ids (a task's, item's and milestone's ids never meet: every
            # end is checked against its kind's table), not every id with each of the three
            # kinds (three times the index look-ups: a fifth of a 150-task component's load)
            ends = " UNION ALL ".join(
                f"SELECT id FROM dependency WHERE {{0}}_kind = '{kind}'"
                f" AND {{0}}_id IN (SELECT value FROM json_each(:{kind}))"
                for kind in _NODE_KINDS_ORDER
            )
            dependencies += f" WHERE id IN ({ends.format('pred')} UNION ALL {ends.format('succ')})"
            args = {
                **args, "task": only, "item": json.dumps(list(inputs.items)),
                "milestone": json.dumps([m[0] for m in inputs.milestones]),
            }  # fmt: skip
        cursor = db.execute(dependencies + " ORDER BY rowid", args)
        # (shared a batch at a time as read: each batch's fetched rows and end ids freed
        # before the next is read, not 30,000 rows of fresh ids at 100k tasks held first)
        inputs.dependencies = (
            _shared_ends(cursor, inputs.milestones, task_key, item_key, cancelled)
            if share
            else cursor.fetchall()
        )


def _shared_ends(
    deps: Iterable[tuple],
    milestones: list[tuple],
    task_key: dict[Any, Any],
    item_key: dict[Any, Any],
    cancelled: CancelCheck | None = None,
) -> list[tuple]:
    """The dependency rows of ``deps`` (an executed cursor, or any iterable of rows)
    with each end's id the milestone's, task's or item's own string (a kind: one
    string), read a batch at a time as ``shared_rows`` does: each batch's fetched rows
    and fresh ids are freed before the next is read, whose fresh ids reuse that memory
    (30,000 rows at 100k tasks held first, then shared, left ~8 MB of 96-byte holes
    among the kept ids). Each end is looked up in its kind's ids; an end of an unknown
    kind in any of the three."""
    batches = _batches(deps, CHECK_EVERY)
    first = next(batches, None)
    if first is None:  # (no milestone id looked up)
        return []
    ms_get, task_get, item_get = _keys(map(_FIRST, milestones)).get, task_key.get, item_key.get
    kinds: dict[Any, Any] = {}  # (one string per kind, the first met)
    of_kind = {"milestone": ms_get, "task": task_get, "item": item_get}

    def any_kind(end: Any, default: Any) -> Any:  # (an unknown kind: any of the three)
        return ms_get(end, task_get(end, item_get(end, default)))

    def end_ids(batch: list[tuple], kind: Callable[[tuple], Any], column: int) -> Iterable[Any]:
        ids = list(map(itemgetter(column), batch))
        return map(call, map(of_kind.get, map(kind, batch), repeat(any_kind)), ids, ids)

    def shared(batch: list[tuple]) -> Iterable[tuple]:
        pred_kinds, succ_kinds = map(_SECOND, batch), map(_FOURTH, batch)
        return zip(
            map(_FIRST, batch), map(kinds.setdefault, pred_kinds, map(_SECOND, batch)),
            end_ids(batch, _SECOND, 2), map(kinds.setdefault, succ_kinds, map(_FOURTH, batch)),
            end_ids(batch, _FOURTH, 4), map(_LAG, batch),
            strict=True,
        )  # fmt: skip

    result: list[tuple] = []
    for batch in chain((first,), batches):
        check(cancelled)
        result += shared(batch)
    return result


def _with_values(keyed: dict[str, Any], keys: list[str], values: Iterable[Any]) -> dict[str, Any]:
    """``dict(zip(keys, values))`` when ``keys`` are the keys of ``keyed`` in its order
    (each once): ``keyed``'s table copied whole, then each value set by its key (found by
    identity), faster than inserting each key into a table grown step by step."""
    copied = keyed.copy()
    copied.update(zip(keys, values, strict=True))
    return copied


def _keys(values: Iterable[Any]) -> dict[Any, Any]:
    """``{value: one object equal to it}`` of ``values`` (a dict's keys: ``{key: key}``,
    the dict's own key objects), for ``shared_rows``."""
    if not isinstance(values, (list, dict)):
        values = list(values)
    return dict(zip(values, values, strict=True))


def shared_rows(
    rows: Iterable[tuple],
    shared: tuple[Callable[[Any, Any], Any] | None, ...],
    cancelled: CancelCheck | None = None,
    lead: Iterator[Any] | None = None,
) -> list[tuple]:
    """The rows of ``rows`` (an executed cursor, or any iterable of tuples), each as an
    equal tuple whose column ``n`` is ``shared[n](value, value)`` (led by the next value
    of ``lead`` when given: a column read before): a ``dict.get`` of
    ``_keys`` giving the one string object of that value (the value itself when the
    dict does not know it), or a ``dict.setdefault`` gathering them as met (the first
    string of each value); columns whose ``shared[n]`` is None are kept as they are.
    One ``map`` per column, in C, a batch at a time: each batch's fetched rows and
    their fresh strings are freed before the next is read, whose strings reuse that
    memory (the fetched rows never all held: 200,000 milestone rows at 100k tasks are
    ~85 MB, and freed after the kept ones were made they left pymalloc's pools half
    empty, the process ~13 MB larger)."""
    columns = [itemgetter(n) for n in range(len(shared))]
    result: list[tuple] = []
    for batch in _batches(rows):
        check(cancelled)
        result += zip(
            *(() if lead is None else (islice(lead, len(batch)),)),
            *(
                map(column, batch)
                if get is None
                else map(get, map(column, batch), map(column, batch))
                for column, get in zip(columns, shared, strict=True)
            ),
            strict=True,
        )
    return result


def _every_milestone(
    db: Database,
    fields: str,
    shared: tuple[Callable[[Any, Any], Any] | None, ...],
    cancelled: CancelCheck | None,
) -> list[tuple]:
    """Every milestone's row (id, *``fields``) in the table's order, each column but the
    id shared by ``shared`` (as ``shared_rows``). The ids are read first on their own:
    the kept id strings fill pymalloc's pools of their own, not pools shared with the
    fetched rows and the kept ones, whose blocks are freed with the rows when the status
    cache keeps them as columns (read together, the 200,000 ids at 100k tasks held
    those pools ~30 % full; with the roots' titles, ``status_pass._apart``, the process
    was ~27 MB larger after that pass). Both statements read one snapshot:
    the rows' is executed first and read last, the connection's read transaction open
    meanwhile (had its first step found none, it reads none, whatever ids were read)."""
    rows = db.execute(f"SELECT {fields} FROM milestone ORDER BY rowid")
    # (in one row: the ids joined by SQLite in the table's order, a full scan of it, not
    # the primary key's covering index in id order (``NOT INDEXED``), and split in C; a
    # row fetched per id costs ~2,000 instructions of steps, GIL and locks)
    count, joined = db.execute(
        f"SELECT count(*), group_concat(id, char({ord(_SEPARATOR)})) FROM milestone NOT INDEXED"
    ).fetchone()
    ids = joined.split(_SEPARATOR) if joined is not None else []
    if len(ids) != count:  # (an id holding the separator, or NULL: read row by row)
        ids = [row[0] for row in db.execute("SELECT id FROM milestone ORDER BY rowid")]
    check(cancelled)
    return shared_rows(rows, shared, cancelled, iter(ids))


def _batches(rows: Iterable[tuple], size: int = CHECK_EVERY) -> Iterator[list[tuple]]:
    """The rows of ``rows`` (an executed cursor, or any iterable of tuples) ``size`` at
    a time (a cursor's fetched in C)."""
    fetch_many = getattr(rows, "fetchmany", None)
    if fetch_many is None:
        found = iter(rows)

        def fetch_many(size: int) -> list[tuple]:
            return list(islice(found, size))

    while batch := fetch_many(size):
        yield batch


def _one_unit_each(
    cursor: Any,
    cancelled: CancelCheck | None,
    item_key: Callable[[Any, Any], Any] | None = None,
    unit_key: Callable[[Any, Any], Any] | None = None,
) -> dict[str, str] | None:
    """``_item_units`` of the (item id, unit id, ...) rows of ``cursor`` when each item
    has one row (the usual case), a batch of rows held at a time, each id
    ``item_key(id, id)`` / ``unit_key(id, id)`` when given (the one string of the
    loader's ``_keys``), else as read; None when an item has several (the caller reads
    them all)."""
    units: dict[str, str] = {}
    rows = 0
    while batch := cursor.fetchmany(CHECK_EVERY):
        if item_key is None or unit_key is None:
            units.update(zip(map(_FIRST, batch), map(_SECOND, batch), strict=True))
        else:
            items, unit_ids = list(map(_FIRST, batch)), list(map(_SECOND, batch))
            units.update(
                zip(map(item_key, items, items), map(unit_key, unit_ids, unit_ids), strict=True)
            )
        rows += len(batch)
        check(cancelled)
    return units if rows == len(units) else None


def _units_by_place(
    cursor: Any,
    cancelled: CancelCheck | None,
    index: Mapping[str, int],
    unit_key: Callable[[Any, Any], Any],
) -> tuple[list[Any], dict[str, Any], int] | None:
    """``_one_unit_each`` by the items' places: each item's unit (``unit_key(id, id)``)
    in a list by ``index``'s positions (``ABSENT``: none), the items outside it in a
    dict (as read), and how many are in the list, for a ``Column``; None when an item
    has several rows (the caller reads them all)."""
    units = [ABSENT] * len(index)
    extra: dict[str, Any] = {}
    rows = 0
    while batch := cursor.fetchmany(CHECK_EVERY):
        check(cancelled)
        ids, unit_ids = list(map(_FIRST, batch)), list(map(_SECOND, batch))
        at: list[Any] = list(map(index.get, ids))
        unit_ids = list(map(unit_key, unit_ids, unit_ids))
        if None in at:  # (items of tasks left out, unknown ones: few)
            for item_id, place, unit_id in zip(ids, at, unit_ids, strict=True):
                if place is None:
                    extra[item_id] = unit_id
                else:
                    units[place] = unit_id
        else:
            deque(map(units.__setitem__, at, unit_ids), maxlen=0)  # (set in C)
        rows += len(batch)
    count = len(units) - units.count(ABSENT)
    return (units, extra, count) if rows == count + len(extra) else None


def _item_units(assignments: list[tuple]) -> dict[str, str]:
    """Item id → its unit: the first lead unit (by position, then unit id), else the
    first responsible one, of (item id, unit id, role, position) rows."""
    units = dict(zip(map(_FIRST, assignments), map(_SECOND, assignments), strict=True))
    if len(units) == len(assignments):  # one unit per item (the usual case)
        return units
    best: dict[str, tuple[bool, int, str]] = {}
    for item_id, unit_id, role, position in assignments:
        rank = (role != "lead", position, unit_id)
        known = best.get(item_id)
        if known is None or rank < known:
            best[item_id] = rank
    return {item_id: rank[2] for item_id, rank in best.items()}


def _leave_out_archived(db: Database, inputs: st.StatusInputs) -> set[str]:
    """Archived tasks and their milestones take no part in a status pass (so in no
    count built on it); see ``desktop.models.archive``. Leaves the archived tasks out
    of ``inputs.tasks`` and returns their ids (their milestones, read later, are left
    out by the caller)."""
    from desktop.models.archive import archived_task_ids

    archived = archived_task_ids(db)
    if archived:  # (few: looked up one by one)
        tasks = inputs.tasks
        inputs.tasks = {t: no for t, no in tasks.items() if t not in archived}
    return archived


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
