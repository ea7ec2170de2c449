"""The rows a status pass reads, a batch at a time, with one string object per distinct
id and date (``shared_rows``): the milestones, the dependencies, each item's unit, and the
clause that restricts a read to some tasks. Both of ``status_queries``' loaders use them
(the dicts' for ``compute_status`` and incremental passes, the columns' for the status
cache's full pass)."""

from __future__ import annotations

import json
from array import array
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from itertools import chain, compress, islice, repeat
from operator import call, itemgetter, not_
from typing import Any

from sqlite_utils import Database

from desktop.models import status as st
from desktop.models.cancellation import CHECK_EVERY, CancelCheck, check, fetched
from desktop.models.coded_column import CodedColumn, narrow_codes
from desktop.models.status_columns import ABSENT, CodedField

_FIRST, _SECOND, _THIRD, _FOURTH = (itemgetter(n) for n in range(4))
_NODE_KINDS_ORDER = ("task", "item", "milestone")  # a dependency's ends
_NODE_KINDS = frozenset(_NODE_KINDS_ORDER)
_LAG = itemgetter(5)
_SEPARATOR = "\x1f"  # (no id holds it: one that does is read row by row)


def in_tasks_clause(column: str, only: str | None) -> str:
    """ " AND <column> IN (the tasks)" when restricted to the tasks of ``only`` (JSON)."""
    return f" AND {column} IN (SELECT value FROM json_each(:only))" if only else ""


def read_milestones(
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
    tasks', items', units' ``same_objects``) when ``share``. Returns the milestones."""
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
            f"SELECT id, {fields} FROM milestone WHERE 1{in_tasks_clause('task_id', only)} ORDER BY rowid",
            args,
        )
        milestones = (
            shared_rows(cursor, (None, *gets), cancelled) if share else fetched(cursor, cancelled)
        )
    inputs.milestones = milestones
    check(cancelled)
    extended = db.execute(
        "SELECT id, current_due FROM milestone WHERE current_due IS NOT NULL"
        + in_tasks_clause("task_id", only),
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


def read_dependencies(
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
    each end the one string of its kind (``keys``: the tasks' and items' ``same_objects``)
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
            inputs.dependencies = shared_ends(
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
            shared_ends(cursor, inputs.milestones, task_key, item_key, cancelled)
            if share
            else cursor.fetchall()
        )


def shared_ends(
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
    batches = in_batches(deps, CHECK_EVERY)
    first = next(batches, None)
    if first is None:  # (no milestone id looked up)
        return []
    ms_get, task_get, item_get = (
        same_objects(map(_FIRST, milestones)).get,
        task_key.get,
        item_key.get,
    )
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


def with_values(keyed: dict[str, Any], keys: list[str], values: Iterable[Any]) -> dict[str, Any]:
    """``dict(zip(keys, values))`` when ``keys`` are the keys of ``keyed`` in its order
    (each once): ``keyed``'s table copied whole, then each value set by its key (found by
    identity), faster than inserting each key into a table grown step by step."""
    copied = keyed.copy()
    copied.update(zip(keys, values, strict=True))
    return copied


def same_objects(values: Iterable[Any]) -> dict[Any, Any]:
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
    ``same_objects`` giving the one string object of that value (the value itself when the
    dict does not know it), or a ``dict.setdefault`` gathering them as met (the first
    string of each value); columns whose ``shared[n]`` is None are kept as they are.
    One ``map`` per column, in C, a batch at a time: each batch's fetched rows and
    their fresh strings are freed before the next is read, whose strings reuse that
    memory (the fetched rows never all held: 200,000 milestone rows at 100k tasks are
    ~85 MB, and freed after the kept ones were made they left pymalloc's pools half
    empty, the process ~13 MB larger)."""
    columns = [itemgetter(n) for n in range(len(shared))]
    result: list[tuple] = []
    for batch in in_batches(rows):
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


def in_batches(rows: Iterable[tuple], size: int = CHECK_EVERY) -> Iterator[list[tuple]]:
    """The rows of ``rows`` (an executed cursor, or any iterable of tuples) ``size`` at
    a time (a cursor's fetched in C)."""
    fetch_many = getattr(rows, "fetchmany", None)
    if fetch_many is None:
        found = iter(rows)

        def fetch_many(size: int) -> list[tuple]:
            return list(islice(found, size))

    while batch := fetch_many(size):
        yield batch


def one_unit_each(
    cursor: Any,
    cancelled: CancelCheck | None,
    item_key: Callable[[Any, Any], Any] | None = None,
    unit_key: Callable[[Any, Any], Any] | None = None,
) -> dict[str, str] | None:
    """``units_of_items`` of the (item id, unit id, ...) rows of ``cursor`` when each item
    has one row (the usual case), a batch of rows held at a time, each id
    ``item_key(id, id)`` / ``unit_key(id, id)`` when given (the one string of the
    loader's ``same_objects``), else as read; None when an item has several (the caller reads
    them all)."""
    units: dict[str, str] = {}
    rows = 0
    while batch := cursor.fetchmany(CHECK_EVERY):
        items: Iterable[Any] = map(_FIRST, batch)
        unit_ids: Iterable[Any] = map(_SECOND, batch)
        if item_key is not None:
            items = list(items)
            items = map(item_key, items, items)
        if unit_key is not None:
            unit_ids = list(unit_ids)
            unit_ids = map(unit_key, unit_ids, unit_ids)
        units.update(zip(items, unit_ids, strict=True))
        rows += len(batch)
        check(cancelled)
    return units if rows == len(units) else None


def units_by_place(
    cursor: Any, cancelled: CancelCheck | None, index: Mapping[str, int], units: list[str]
) -> CodedField | None:
    """``one_unit_each`` by the items' places: each item's unit as a field coded by
    ``units`` (the unit ids, each once; one read and not among them added), the items
    outside ``index`` in its small dict (as read); None when an item has several rows
    (the caller reads them all)."""
    coder = CodedColumn.of_codes([*units, ABSENT], array("B"))  # (a unit read: its code)
    absent = len(units)
    codes = [absent] * len(index)
    extra: dict[str, Any] = {}
    rows = 0
    while batch := cursor.fetchmany(CHECK_EVERY):
        check(cancelled)
        ids, unit_ids = list(map(_FIRST, batch)), list(map(_SECOND, batch))
        at: list[Any] = list(map(index.get, ids))
        found = coder.codes_of(unit_ids)
        if None in at:  # (items of tasks left out, unknown ones: few)
            for item_id, place, unit_code in zip(ids, at, found, strict=True):
                if place is None:
                    extra[item_id] = coder.values[unit_code]  # (the unit's own string)
                else:
                    codes[place] = unit_code
        else:
            deque(map(codes.__setitem__, at, found), maxlen=0)  # (set in C)
        rows += len(batch)
    count = len(codes) - codes.count(absent)
    if rows != count + len(extra):
        return None
    return CodedField(index, coder.values, narrow_codes(codes, len(coder.values)), extra)


def units_of_items(assignments: list[tuple]) -> dict[str, str]:
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


def leave_out_archived(db: Database, inputs: st.StatusInputs) -> set[str]:
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
