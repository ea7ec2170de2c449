"""Every task's number and title, as the window keeps them (``coordination_views.
task_titles``): a read-only mapping task id → (no, title) in plan order.

At 100k tasks a dict of ``(no, title)`` tuples held 17.7 MB (a tuple, an int and a dict
slot per task besides the title). ``TaskTitles`` keeps the ids (the snapshot's strings;
the target rows share them), the numbers in an array and the titles packed
(``PackedStrings``: an object per title was ~11.8 MB at 100k tasks, packed ~4.5 MB),
finds an id by bisection in a sorted copy of the ids, and makes the ``(no, title)`` pair
when read (the title a new string equal to the one given). ``Positions`` (id → place)
is the same look-up for the timeline's rows.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import deque
from collections.abc import (
    Callable,
    ItemsView,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
    ValuesView,
)
from itertools import compress, islice, repeat
from operator import is_not, itemgetter, le
from typing import Any

from sqlite_utils import Database

from desktop.models.matrix_rows import narrowed
from desktop.models.packed_strings import PackedStrings

Title = tuple[int, str]
_FIRST, _SECOND, _THIRD, _FOURTH = (itemgetter(n) for n in range(4))
_SLICE = 4096  # rows read into a list at a time
_AHEAD = 6  # ids compared from the one found before (``same_ids``) before a bisection


class Positions(Mapping[str, int]):
    """id → its place in ``ids`` (distinct strings, kept as given: the caller's list,
    not copied), found by bisection in a sorted copy: ~12 bytes an id instead of a dict
    slot and an int object each (tens of thousands of task ids at 100k tasks)."""

    __slots__ = ("_ids", "_sorted", "_order")

    def __init__(self, ids: list[str]) -> None:
        self._ids = ids
        order = sorted(range(len(ids)), key=ids.__getitem__)
        self._sorted = list(map(ids.__getitem__, order))
        self._order = array("i", order)

    def narrowed(self, ids: list[str], gone: Iterable[int]) -> Positions:
        """The positions of ``ids``: these ids but those at the places ``gone``, in
        their order, then a few others (each not here), without sorting every id again
        (the timeline's arrows after a dependency added or removed: ~30,000 at 100k)."""
        out = object.__new__(Positions)
        out._ids, out._sorted, out._order = ids, list(self._sorted), array("i", self._order)
        places = sorted(set(gone))
        if places:
            # each place's new one (a place gone: -1, then cut), in ranges between them
            step: list[int] = []
            start = 0
            for n, place in enumerate(places):
                step.extend(range(start - n, place - n))
                step.append(-1)
                start = place + 1
            step.extend(range(start - len(places), len(self._ids) - len(places)))
            for place in places:
                at = bisect_left(out._sorted, self._ids[place])
                del out._sorted[at], out._order[at]
            out._order = array("i", map(step.__getitem__, out._order))
        for place in range(len(out._sorted), len(ids)):
            at = bisect_left(out._sorted, ids[place])
            if at < len(out._sorted) and out._sorted[at] == ids[place]:
                raise ValueError("the ids are distinct")
            out._sorted.insert(at, ids[place])
            out._order.insert(at, place)
        return out

    def position(self, key: object) -> int:
        """``key``'s place; -1 when not here."""
        if not isinstance(key, str):
            return -1
        at = bisect_left(self._sorted, key)
        if at < len(self._sorted) and self._sorted[at] == key:
            return self._order[at]
        return -1

    def __getitem__(self, key: str) -> int:
        n = self.position(key)
        if n < 0:
            raise KeyError(key)
        return n

    def get(self, key: str, default: int | None = None) -> int | None:  # type: ignore[override]
        n = self.position(key)
        return default if n < 0 else n

    def __contains__(self, key: object) -> bool:
        return self.position(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        return f"Positions({len(self)} ids)"


class IndexedPlaces:
    """id → its place in ``ids`` through a shared ``id -> position`` index (the status
    snapshot's task index, kept by the window anyway): the places in an array by the
    index's positions (4 bytes a task) and the ids outside the index (archived tasks)
    in a small dict, instead of ``Positions``' sorted copy of the ids (12 bytes a task)."""

    __slots__ = ("_index", "_others", "_places")

    def __init__(self, index: Mapping[str, int], ids: Sequence[str]) -> None:
        """``index``'s positions from 0 to its length (``status_columns.index_of``)."""
        self._index = index
        found: list[Any] = list(map(index.get, ids))
        self._others: dict[str, int] = {}
        if None in found:  # (ids outside the index: few)
            self._others = {
                key: place
                for place, (key, at) in enumerate(zip(ids, found, strict=True))
                if at is None
            }
            kept = list(map(is_not, found, repeat(None)))
            found = list(compress(found, kept))
            places: Iterable[int] = list(compress(range(len(ids)), kept))
        else:
            places = range(len(ids))
        self._places = array("i", [-1]) * len(index)
        deque(map(self._places.__setitem__, found, places), maxlen=0)  # (set in C)

    def position(self, key: object) -> int:
        """``key``'s place; -1 when not here."""
        if not isinstance(key, str):
            return -1
        at = self._index.get(key)
        return self._others.get(key, -1) if at is None else self._places[at]


class TaskTitles(Mapping[str, Title]):
    """task id → (no, title), iterated in plan order (the order given)."""

    __slots__ = ("_ids", "_nos", "_titles", "_at")

    def __init__(
        self, rows: Iterable[tuple[str, int, str]] = (), index: Mapping[str, int] | None = None
    ) -> None:
        """``index``: the snapshot's task index (``status_columns.index_behind``), the ids
        then found through it (``IndexedPlaces``)."""
        self._ids: list[str] = []
        self._nos = array("i")
        self._titles = PackedStrings()
        # a slice of rows at a time, each column extended in C (not every row held)
        found = iter(rows)
        while part := list(islice(found, _SLICE)):
            self._ids.extend(map(_FIRST, part))
            self._nos.extend(map(_SECOND, part))
            self._titles.extend(map(_THIRD, part))
        self._nos = narrowed(self._nos)
        self._at: Positions | IndexedPlaces = _places_of(self._ids, index)

    @classmethod
    def of_columns(
        cls,
        ids: list[str],
        nos: Iterable[int],
        titles: Iterable[str],
        index: Mapping[str, int] | None = None,
    ) -> TaskTitles:
        """The titles of ``ids`` (kept as given, not copied), ``nos`` and ``titles`` (packed),
        in that order (no tuple per row); ``index`` as ``TaskTitles``'."""
        out = cls()
        out._ids, out._titles = ids, PackedStrings(titles)
        out._nos = narrowed(array("i", nos))
        if not len(ids) == len(out._nos) == len(out._titles):
            raise ValueError("columns of different lengths")
        out._at = _places_of(ids, index)
        return out

    def _position(self, task_id: object) -> int:
        """The task's place in plan order; -1 when not here."""
        return self._at.position(task_id)

    def __getitem__(self, task_id: str) -> Title:
        n = self._position(task_id)
        if n < 0:
            raise KeyError(task_id)
        return self._nos[n], self._titles[n]

    def get(self, task_id: str, default: Title | None = None) -> Title | None:  # type: ignore[override]
        n = self._position(task_id)
        return default if n < 0 else (self._nos[n], self._titles[n])

    def __contains__(self, task_id: object) -> bool:
        return self._position(task_id) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def places(self) -> Callable[[str], int]:
        """A function: task id → its place in plan order (-1 when not here), for ids
        asked for mostly in plan order (the 催报 round's tasks, the targets' within a
        plan): each is first compared with the one found before and the few after it,
        then found by bisection (no dict of every id made)."""
        ids, position, size = self._ids, self._position, len(self._ids)
        last = -1

        def place(task_id: str) -> int:
            nonlocal last
            n = last + 1
            if n < size and ids[n] == task_id:  # (the next one: the usual case)
                last = n
                return n
            for n in range(max(last, 0), min(last + _AHEAD, size)):
                if ids[n] == task_id:
                    last = n
                    return n
            n = position(task_id)
            if n >= 0:
                last = n
            return n

        return place

    def same_ids(self) -> Callable[[str], str]:
        """A function: task id → this mapping's own string of it (the id given when not
        here), found as ``places`` finds it."""
        ids, place = self._ids, self.places()

        def same_id(task_id: str) -> str:
            n = place(task_id)
            return ids[n] if n >= 0 else task_id

        return same_id

    def id_at(self, place: int) -> str:
        return self._ids[place]

    def ids(self) -> Sequence[str]:
        """The task ids in plan order (read only: shared, never changed once handed out)."""
        return self._ids

    def nos(self) -> Sequence[int]:
        """The task numbers in plan order (read only, as ``ids``)."""
        return self._nos

    def titles(self) -> Sequence[str]:
        """The titles in plan order (read only: shared, never changed once handed out)."""
        return self._titles

    def title_at(self, place: int) -> str:
        """The title at ``place`` (0 <= place < len) in plan order."""
        return self._titles.item_at(place)

    def items(self) -> ItemsView[str, Title]:
        return _Items(self)

    def values(self) -> ValuesView[Title]:
        return _Values(self)

    def pairs(self) -> Iterator[tuple[str, Title]]:
        """(task id, (no, title)) in plan order, without a look-up per task."""
        return zip(self._ids, zip(self._nos, self._titles, strict=True), strict=True)

    def with_titles(self, titles: Mapping[str, str]) -> TaskTitles:
        """These titles with the tasks of ``titles`` (all here) retitled: a new mapping
        sharing the ids, numbers and order (this one is unchanged)."""
        places = {}
        for task_id, title in titles.items():
            n = self._position(task_id)
            if n < 0:
                raise KeyError(task_id)
            places[n] = title
        out = TaskTitles()
        out._ids, out._nos, out._at = self._ids, self._nos, self._at
        out._titles = self._titles.replaced(places)  # (the runs shared)
        return out

    def __repr__(self) -> str:
        return f"TaskTitles({len(self)} tasks)"


def _places_of(ids: list[str], index: Mapping[str, int] | None) -> Positions | IndexedPlaces:
    """The look-up of ``ids``' places: through ``index`` when given and its positions
    run from 0 to its length (else by bisection, ``Positions``)."""
    if index:
        try:
            return IndexedPlaces(index, ids)
        except IndexError:  # (a position past the index's length: not such an index)
            pass
    return Positions(ids)


class _Items(ItemsView[str, Title]):
    _mapping: TaskTitles

    def __iter__(self) -> Iterator[tuple[str, Title]]:
        return self._mapping.pairs()


class _Values(ValuesView[Title]):
    _mapping: TaskTitles

    def __iter__(self) -> Iterator[Title]:
        return zip(self._mapping._nos, self._mapping._titles, strict=True)


def titles_from_pass(
    db: Database,
    active: Mapping[str, tuple[str, int, str, str]],
    index: Mapping[str, int] | None = None,
) -> TaskTitles | None:
    """``coordination_views.task_titles`` (every task of a plan, archived ones too, by
    the plan's ``imported_at`` then the task's number) from the rows a full status pass
    read (``RoundRows.tasks``: each active task's (id, no, title, plan id), in rowid
    order): the task table is not read again but for its archived tasks (few). The ids
    are the rows' own strings (the snapshot's). None when the rows cannot stand for
    the table (a count differs, a NULL number): the caller reads it.

    Ties of (imported_at, no) keep the rows' order (SQL leaves their order open)."""
    rows: list[tuple] = list(active.values())
    total = db.execute("SELECT count(*) FROM task").fetchone()[0]
    if total != len(rows):  # archived tasks (left out of a pass): their rows read here
        rows += db.execute(
            "SELECT id, no, title, plan_id FROM task WHERE archived IS NOT NULL ORDER BY rowid"
        ).fetchall()
        if total != len(rows):
            return None
    # a plan's place: NULL first (as SQLite sorts), then by its imported_at
    imported = {
        plan_id: (at is not None, at or "")
        for plan_id, at in db.execute("SELECT id, imported_at FROM plan")
    }
    plans = list(map(imported.get, map(_FOURTH, rows)))
    nos = list(map(_SECOND, rows))
    if None in plans:  # a task of no plan (the join leaves it out)
        kept = list(map(is_not, plans, repeat(None)))
        rows, plans, nos = (list(compress(column, kept)) for column in (rows, plans, nos))
    if None in nos:
        return None
    keys = list(zip(plans, nos, strict=True))
    if not all(map(le, keys, islice(keys, 1, None))):  # (usually read in that order)
        order = sorted(range(len(keys)), key=keys.__getitem__)
        rows = list(map(rows.__getitem__, order))
    return TaskTitles.of_columns(
        list(map(_FIRST, rows)), map(_SECOND, rows), map(_THIRD, rows), index
    )


def same_ids(known: Iterable[str]) -> Callable[[str], str]:
    """A function: id → the ``known`` string equal to it (the id given when none is):
    ``TaskTitles.same_ids`` for the window's titles, else a dict of them made here."""
    if isinstance(known, TaskTitles):
        return known.same_ids()
    same = {task_id: task_id for task_id in known}.get
    return lambda task_id: same(task_id, task_id)
