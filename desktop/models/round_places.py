"""The 催报 round's places: every reporting (item, unit) pair of the active tasks, read
from the assignments (or taken from a full status pass's ``RoundRows``), each task's
number, title and plan in a column by place (``PlacedColumn``: places in the window's
titles where given). ``round_queries`` builds the round on them.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, compress, count, islice, repeat
from operator import add, is_not, itemgetter, ne, sub
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from desktop.models.coded_column import CodedColumn, extend_ints
from desktop.models.lazy_sequence import LazySequence
from desktop.models.matrix_rows import low_bytes, rowid_bounds
from desktop.models.packed_strings import PackedIds, PackedStrings
from desktop.models.task_titles import TaskTitles, same_ids

if TYPE_CHECKING:
    from desktop.models.round_queries import RoundRows


_NOT_OWN: Any = object()  # (a ``PlacedColumn`` place whose value is the source's)


class PlacedColumn(LazySequence[Any]):
    """A column of values at places in another sequence (``source[at[n]]``), a value
    not there kept apart (``own``): the 催报 round's tasks' ids, numbers and titles as
    places in the window's titles (``TaskTitles.ids``, ``nos``, ``titles``: what it
    keeps, not a copy: at 100k tasks a list of the ids was ~0.8 MB, the numbers and a
    packed copy of the titles ~0.4 and ~2.5 MB; the three share one array of places, a
    value that differs from the one there, or of a task not there, kept apart), and the
    targets' packed ids and texts in the table's order (``progress.target_table``).
    ``replaced`` as ``PackedStrings.replaced``."""

    __slots__ = ("_source", "_at", "_own")

    def __init__(self, source: Sequence[Any], at: Sequence[int], own: dict[int, Any]) -> None:
        self._source = source
        self._at = at  # per value: its place in ``source`` (any: its value in ``_own``)
        self._own = own

    def __len__(self) -> int:
        return len(self._at)

    def _item(self, index: int) -> Any:
        own = self._own.get(index, _NOT_OWN)  # (a value kept apart may be None)
        return own if own is not _NOT_OWN else self._source[self._at[index]]

    def __iter__(self) -> Iterator[Any]:
        if self._own:
            return map(self._item, range(len(self._at)))
        return map(self._source.__getitem__, self._at)  # (in C for a list or an array)

    def replaced(self, strings: Mapping[int, Any]) -> PlacedColumn:
        """These values with those at the places of ``strings`` replaced (a new column
        sharing the places; this one is unchanged)."""
        if any(not 0 <= place < len(self) for place in strings):
            raise IndexError("a place outside the column")
        return PlacedColumn(self._source, self._at, {**self._own, **strings})


class NearPlaces(LazySequence[int]):
    """Ints near their places kept as how far each is from its place, in a signed array
    as narrow as that allows: the round's task by place (tasks numbered as they first
    come, a task's places together: at 100k tasks 120,000 places of 100,000 tasks are at
    most 20,000 behind) and each task's place in the window's titles (in about the
    same order: at most a few hundred apart), two bytes each instead of four."""

    __slots__ = ("_shift",)

    def __init__(self, shift: array[int]) -> None:
        self._shift = shift

    @classmethod
    def of(cls, ints: array[int]) -> Sequence[int]:
        """``ints`` so kept when that is narrower (else ``ints`` itself)."""
        for code in ("b", "h"):
            narrow = array(code)
            if narrow.itemsize >= ints.itemsize:
                break
            try:  # (one pass in C, given up at the first value too far)
                extend_ints(narrow, map(sub, ints, count()))
            except OverflowError:
                continue
            return cls(narrow)
        return ints

    def __len__(self) -> int:
        return len(self._shift)

    def _item(self, index: int) -> int:
        return index + self._shift[index]

    def __iter__(self) -> Iterator[int]:
        return map(add, count(), self._shift)  # (in C)


class RunCodes(LazySequence[int]):
    """Ints that come in runs of one value (the round's tasks' plans: a plan's tasks
    come together, by plan time and number) kept as where each run starts and its
    value: 2,000 runs instead of 100,000 codes at 100k tasks."""

    __slots__ = ("_starts", "_values", "_count")

    def __init__(self, starts: array[int], values: array[int], count: int) -> None:
        self._starts, self._values, self._count = starts, values, count

    @classmethod
    def of(cls, ints: array[int]) -> Sequence[int]:
        """``ints`` so kept when that is smaller (else ``ints`` itself)."""
        starts = array("i", compress(count(), map(ne, ints, chain((None,), ints))))
        if (starts.itemsize + ints.itemsize) * len(starts) >= ints.itemsize * len(ints):
            return ints
        return cls(starts, array(ints.typecode, map(ints.__getitem__, starts)), len(ints))

    def __len__(self) -> int:
        return self._count

    def _item(self, index: int) -> int:
        return self._values[bisect_right(self._starts, index) - 1]

    def __iter__(self) -> Iterator[int]:
        lengths = map(sub, chain(islice(self._starts, 1, None), (self._count,)), self._starts)
        return chain.from_iterable(map(repeat, self._values, lengths))  # (in C)


class AscendingPlaces(LazySequence[int]):
    """Rising places (one unit's in a state of the round: ``UnitEntries``) as their low
    16 bits (two bytes each, not four) and where each next 65,536 places start: the
    window keeps a place per 未报 and 迟报 entry, ~120,000 at 100k tasks."""

    __slots__ = ("_low", "_starts")

    def __init__(self, places: array[int]) -> None:
        self._low = low_bytes(places, "H")  # (sliced out in C)
        high = places[-1] >> 16 if places else 0
        self._starts = [bisect_left(places, block << 16) for block in range(1, high + 1)]

    def __len__(self) -> int:
        return len(self._low)

    def _item(self, index: int) -> int:
        return bisect_right(self._starts, index) << 16 | self._low[index]

    def __iter__(self) -> Iterator[int]:
        if not self._starts:
            return iter(self._low)
        return map(self._item, range(len(self._low)))


def read_task_rows(
    db: Database, plan_id: str | None, titles: Mapping[str, tuple[int, str]] | None
) -> dict[str, tuple[str, int, str, str]]:
    """Active task id → (id, no, title, plan id): one string per plan id and, given
    ``titles`` (``coordination_views.task_titles``: the window keeps both), their id
    strings (the fetched ones are let go at once; the titles are packed when kept)."""
    plans: dict[str, str] = {}
    one_plan = plans.setdefault
    known: Mapping[str, tuple[int, str]] = titles or {}
    # the titles' ids, found by one dict made for this read (the overview's
    # ``TaskTitles`` finds an id by bisection: slower per look-up)
    same_id = {task_id: task_id for task_id in known}.get
    rows: dict[str, tuple[str, int, str, str]] = {}
    for task_id, no, title, plan in db.execute(
        "SELECT id, no, title, plan_id FROM task WHERE archived IS NULL"
        + (" AND plan_id = ?" if plan_id else ""),
        [plan_id] if plan_id else [],
    ):
        task_id = same_id(task_id, task_id)
        rows[task_id] = (task_id, no, title, one_plan(plan, plan))
    return rows


@dataclass
class _Places:
    """The round's (item, unit) places as kept: see ``_Table``."""

    task_ids: Sequence[str]  # (a list, or a ``PlacedColumn`` of the window's ids)
    task_at: array[int]
    item_ids: Sequence[str]
    unit_ids: list[str]
    unit_at: array[int]
    positions: array[int]


def read_places(
    pairs: list[tuple[Any, ...]],
    units: dict[str, str],
    rows_of: dict[str, tuple[str, int, str, str]] | None,
) -> _Places:
    """``read_pairs``' rows as columns, with one string per task and unit id (the task
    rows' when ``rows_of`` is given, the units'): the window keeps the round, ~85 bytes
    an id, 120,000 places at 100k tasks."""
    task_ids = list(dict.fromkeys(map(itemgetter(0), pairs)))
    unit_ids = list(dict.fromkeys(map(itemgetter(2), pairs)))
    task_number = {task_id: n for n, task_id in enumerate(task_ids)}
    unit_number = {unit_id: n for n, unit_id in enumerate(unit_ids)}
    places = _Places(
        task_ids,
        array("i", map(task_number.__getitem__, map(itemgetter(0), pairs))),
        list(map(itemgetter(1), pairs)),
        unit_ids,
        array("i", map(unit_number.__getitem__, map(itemgetter(2), pairs))),
        array("i", map(itemgetter(3), pairs) if rows_of is not None else ()),
    )
    one_unit = {unit_id: unit_id for unit_id in units}
    places.unit_ids = list(map(one_unit.get, unit_ids, unit_ids))
    if rows_of is not None:
        places.task_ids = list(map(itemgetter(0), map(rows_of.__getitem__, task_ids)))
    return places


def read_places_in_order(
    db: Database,
    roles: tuple[str, ...],
    plan_id: str | None,
    units: dict[str, str],
    titles: Mapping[str, tuple[int, str]] | None,
) -> tuple[_Places, tuple[Sequence[int], PackedStrings | PlacedColumn, CodedColumn, bytearray]]:
    """``read_places(read_pairs(...))`` in order with labels for the active tasks (of
    ``plan_id`` when given), and the places' tasks' numbers, titles (packed) and plan
    ids (one string per plan id), each row of ``_rows_in_order``'s query put into the
    columns as it is read: the unit ids become the units' strings (as ``read_places`` gives
    them), the task ids the ``titles``' strings when given (else the first fetched
    ones); the item ids are packed as they come (``PackedIds``), a task's labels taken
    from its first row. No fetched tuple, id or title string is kept, and no dict of
    every task: a task's rows all come in the block of its (plan time, number), so the
    tasks are told apart within the current block only (the list of every pair's row
    was ~40 MB of the round's peak at 100k tasks; the item and task ids ~18 MB; a dict
    of every task's number, its titles read again and a dict of the titles' ids ~20 MB).
    With the window's ``TaskTitles`` the tasks' ids, numbers and titles are one array
    of places in them (``PlacedColumn``). Whether each task has several items is read by
    task rowid (``multi_item_rowids``): no set of task id strings (~2.3 MB at 100k
    tasks, 20,000 of them with several items)."""
    task_ids: list[str] = []
    unit_ids: list[str] = []
    unit_number: dict[str, int] = {}
    items = PackedIds()
    places = _Places(task_ids, array("i"), [], unit_ids, array("i"), array("i"))
    nos, plans, multi = array("i"), CodedColumn(), bytearray()
    several = multi_item_rowids(db)
    # the tasks: places in the window's titles when given (``PlacedColumn``: each value
    # not there kept apart), else the ids (the titles' strings), numbers and titles
    # (packed) as they come
    window = titles if isinstance(titles, TaskTitles) else None
    at: array[int] = array("i")
    own_ids: dict[int, str] = {}
    own_nos: dict[int, int] = {}
    own_titles: dict[int, str] = {}
    if window is not None:
        place_of, title_at, window_nos = window.places(), window.title_at, window.nos()
    else:
        canonical, names = same_ids(titles or ()), PackedStrings()
    # the first row of an (item, unit) counts: the rows of an item (one task, one
    # position) are among those of one (plan time, task number, item position), which
    # come together: the pairs seen are those of the current such group only, the
    # tasks those of the current (plan time, task number)
    seen: set[tuple[str, int]] = set()
    block_tasks: dict[str, int] = {}
    group: tuple[Any, Any, Any] = (None, None, None)
    tasks = 0
    rows = _rows_in_order(db, roles, plan_id, labels=True)
    for task_id, item_id, unit_id, position, plan_time, no, title, plan, rowid in rows:
        if unit_id not in units:
            continue
        unit = unit_number.get(unit_id)
        if unit is None:
            unit = unit_number[unit_id] = len(unit_ids)
            unit_ids.append(unit_id)
        if position != group[2] or no != group[1] or plan_time != group[0]:
            if no != group[1] or plan_time != group[0]:
                block_tasks.clear()
            group = (plan_time, no, position)
            seen.clear()
        pair = (item_id, unit)
        if pair in seen:
            continue
        seen.add(pair)
        task = block_tasks.get(task_id)
        if task is None:
            task = block_tasks[task_id] = tasks
            tasks += 1
            plans.append(plan)
            multi.append(several(rowid))
            if window is None:
                task_ids.append(canonical(task_id))
                nos.append(no)
                names.append(title)
            else:
                found = place_of(task_id)
                at.append(found)
                if found < 0:
                    own_ids[task], own_nos[task], own_titles[task] = task_id, no, title
                else:
                    if window_nos[found] != no:
                        own_nos[task] = no
                    if title_at(found) != title:
                        own_titles[task] = title
        places.task_at.append(task)
        items.append(item_id)
        places.unit_at.append(unit)
        places.positions.append(position)
    places.item_ids = items.column()
    one_unit = {unit_id: unit_id for unit_id in units}
    places.unit_ids = list(map(one_unit.get, unit_ids, unit_ids))
    if window is not None:
        for task in own_ids:  # (any place: a value kept apart is read from ``own``)
            at[task] = task
        # (the round's tasks come in about the titles' order: places near their own)
        at = NearPlaces.of(at)  # type: ignore[assignment]
        places.task_ids = PlacedColumn(window.ids(), at, own_ids)
        shown = PlacedColumn(window.titles(), at, own_titles)
        return places, (PlacedColumn(window_nos, at, own_nos), shown, plans, multi)
    return places, (nos, names, plans, multi)


#: the tasks with more than one item (``_Labels.multi_item``: an item's number in labels)
MULTI_ITEM_TASKS = "SELECT task_id FROM item GROUP BY task_id HAVING count(*) > 1"


def multi_item_rowids(db: Database) -> Callable[[int], int]:
    """Whether the task of a rowid has more than one item: a byte per rowid when the
    rowids are dense (100 KB at 100k tasks), else a set of the rowids (not their ids:
    strings of ~85 bytes each)."""
    low, high, count = rowid_bounds(db, "task")
    rows = db.execute(f"SELECT rowid FROM task WHERE id IN ({MULTI_ITEM_TASKS})")
    if count and low >= 0 and high < 8 * count + 4096:
        flags = bytearray(high + 1)
        for (rowid,) in rows:
            flags[rowid] = 1
        return flags.__getitem__
    return {rowid for (rowid,) in rows}.__contains__


def _rows_in_order(
    db: Database, roles: tuple[str, ...], plan_id: str | None = None, *, labels: bool = False
) -> Iterable[tuple[Any, ...]]:
    """Every assignment in ``roles`` of an active task (of ``plan_id`` when given) as
    (task id, item id, unit id, item position, plan time, task number), with the task's
    title, plan id and rowid after them when ``labels``, by plan time, task number, item
    position, assignment position and the assignments' order (tasks sharing a plan time
    and number interleave by item and assignment position, as ``_pairs_interleaved``),
    read row by row."""
    marks = ",".join("?" * len(roles))
    return db.execute(
        "SELECT i.task_id, a.item_id, a.unit_id, i.position, coalesce(p.imported_at, ''),"
        " t.no" + (", t.title, t.plan_id, t.rowid" if labels else "") + " FROM assignment a"
        " JOIN item i ON i.id = a.item_id JOIN task t ON t.id = i.task_id"
        f" LEFT JOIN plan p ON p.id = t.plan_id WHERE a.role IN ({marks})"
        " AND t.archived IS NULL"
        + (" AND t.plan_id = ?" if plan_id else "")
        + " ORDER BY coalesce(p.imported_at, ''), t.no, i.position, a.position, a.rowid",
        [*roles, plan_id] if plan_id else list(roles),
    )


def read_pairs(
    db: Database,
    roles: tuple[str, ...],
    ordered: bool,
    labels: bool,
    tasks: Container[str],
    units: dict[str, str],
    shared: RoundRows | None = None,
) -> list[tuple[Any, ...]]:
    """Every assigned (item, unit) in ``roles`` of ``tasks`` and ``units``, once:
    ``(task id, item id, unit id, item position)`` (without the position when not
    ``labels``); in plan (by import), task, item and assignment order when ``ordered``,
    else in the assignments' order."""
    rows: list[tuple[Any, ...]]
    if ordered and shared is None:
        return _pairs_in_order(db, roles, tasks, units)
    if shared is not None:  # joined to the items here (only the active tasks' items)
        item_of = shared.items.get
        if labels:
            rows = [
                (found[0], item_id, unit_id, found[1], position)
                for item_id, unit_id, _role, position in shared.assignments
                if (found := item_of(item_id)) is not None
            ]
        else:
            rows = [
                (found[0], item_id, unit_id)
                for item_id, unit_id, _role, _position in shared.assignments
                if (found := item_of(item_id)) is not None
            ]
    else:
        marks = ",".join("?" * len(roles))
        positions = ", i.position, a.position" if labels else ""
        rows = db.execute(
            f"SELECT i.task_id, a.item_id, a.unit_id{positions}"
            " FROM assignment a JOIN item i ON i.id = a.item_id"
            f" WHERE a.role IN ({marks}) ORDER BY a.rowid",
            list(roles),
        ).fetchall()
    if not ordered:
        rows = list(compress(rows, map(tasks.__contains__, map(itemgetter(0), rows))))
    else:
        assert isinstance(tasks, dict)  # the task rows, for the labels
        plans = dict(db.execute("SELECT id, imported_at FROM plan").fetchall())
        keys = {t: (plans.get(row[3]) or "", row[1]) for t, row in tasks.items()}
        if len(set(keys.values())) < len(keys):  # two tasks share a plan time and number
            return _pairs_interleaved(rows, keys, units)
        rank = {t: n for n, t in enumerate(sorted(tasks, key=keys.__getitem__))}
        # by (plan time, task number) as a rank, item position, assignment position and
        # the assignments' order (a stable sort on the whole key)
        ranks = list(map(rank.get, map(itemgetter(0), rows)))  # None: a task left out
        decorated = sorted(
            compress(
                zip(ranks, map(itemgetter(3), rows), map(itemgetter(4), rows), count(), rows),
                map(is_not, ranks, repeat(None)),
            )
        )
        rows = list(map(itemgetter(4), decorated))
    rows = list(compress(rows, map(units.__contains__, map(itemgetter(2), rows))))
    # the first of an (item, unit) counts (an item has one task and one position)
    return list(dict.fromkeys(map(_PAIR, rows) if labels else rows))


def _pairs_in_order(
    db: Database, roles: tuple[str, ...], tasks: Container[str], units: dict[str, str]
) -> list[tuple[str, str, str, int]]:
    """``read_pairs`` in order, sorted by SQLite and read row by row (``_rows_in_order``;
    ~150,000 rows at 100k tasks: fetched whole and sorted in Python they were ~80 MB of
    the round's peak)."""
    rows = map(_PAIR, _rows_in_order(db, roles))
    # the first of an (item, unit) counts (an item has one task and one position)
    return list(dict.fromkeys(row for row in rows if row[0] in tasks and row[2] in units))


def _pairs_interleaved(
    rows: list[tuple[str, str, str, int, int]],
    keys: dict[str, tuple[str, int]],
    units: dict[str, str],
) -> list[tuple[str, str, str, int]]:
    """``read_pairs`` in order when tasks share a plan time and number: their rows are
    interleaved by item and assignment position (then by the assignments' order)."""
    rows = [row for row in rows if row[0] in keys and row[2] in units]
    rows.sort(key=lambda row: (*keys[row[0]], row[3], row[4]))
    return list(dict.fromkeys(map(_PAIR, rows)))


_PAIR = itemgetter(0, 1, 2, 3)  # (task id, item id, unit id, item position)
