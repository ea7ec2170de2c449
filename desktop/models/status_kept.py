"""What a status pass keeps for its states, and how its ``LazyStates`` read it.

A pass's ``milestones`` / ``items`` / ``tasks`` (``status_tables.LazyStates``) build a
state from what the pass kept: the milestone rows, each task's milestones, each node's
worst status code, each task's 序时进度. As the pass computes them they are dicts keyed by
id: 200,000 row tuples and an ``id -> row`` dict, 66,666 lists of milestone ids, three
dicts of codes and a dict of 60,000 ``(expected, percent, behind)`` tuples at 100k tasks
and 200,000 milestones, ~55 MB a status cache keeps as long as the window lives. For a
snapshot kept long (its inputs compact: one index per kind, ``status_queries._loaded_compact``)
``keep_compact`` keeps them as columns by position instead (``MilestoneRows``, ``Codes``,
``Schedule``: ~20 MB); a pass dropped soon keeps the dicts (the columns cost ~2 % of a
pass). Either way the states and every field read without them are the same.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import accumulate, chain, compress, repeat
from operator import eq, getitem, gt, itemgetter, not_
from typing import Any

from desktop.models import status as st
from desktop.models.coded_column import CodedColumn, extend_ints
from desktop.models.packed_strings import PackedStrings
from desktop.models.status_columns import (
    UNPLANNED,
    IndexedRows,
    ItemPlaces,
    Schedule,
    index_behind,
)
from desktop.models.status_tables import NOT_PEEKED, LazyStates

NodeKey = st.NodeKey
# milestone statuses by code: the code is the severity (a task takes its worst)
BY_CODE = (st.DONE, st.NOT_SCHEDULED, st.ON_TRACK, st.DUE_SOON, st.OVERDUE)
# the fields a milestone state takes straight from its row: their columns
_MILESTONE_COLUMNS = {
    "id": 0, "task_id": 1, "item_id": 2, "title": 3, "original_due": 4, "done_date": 6
}  # fmt: skip
# a task's 序时进度 fields: their place in the schedule's (expected, percent, behind)
# (their values without a schedule: ``status_columns.UNPLANNED``)
_PLANNED = {"expected": 0, "percent": 1, "behind": 2}
_AFTER_EVERY_DAY = "\uffff"  # (sorts after every ISO date)
_NONE = 255  # a ``Codes`` position without a code
_ID = itemgetter(0)
_TASK, _ITEM, _TITLE = itemgetter(1), itemgetter(2), itemgetter(3)
_FEW = (itemgetter(4), itemgetter(5), itemgetter(6))  # due, owner, done date
_ROWS_AT_ONCE = 8192  # milestone rows made columns at a time (``MilestoneRows``)

# a task's / an item's status by its worst code (before the 办结 rule): None / -1 without
# milestones, 0 every one done (待销号)
TASK_STATUS: dict[int | None, str] = {
    None: st.NOT_SCHEDULED, 0: st.AWAITING_SIGNOFF, 1: BY_CODE[1], 2: BY_CODE[2],
    3: BY_CODE[3], 4: BY_CODE[4],
}  # fmt: skip
ITEM_STATUS = {-1 if code is None else code: status for code, status in TASK_STATUS.items()}
# ``[own][level]``: ``ITEM_STATUS[max(own, level)]`` of an item's own worst code and its
# task's task-level one, each -1 … 4 (-1, none, is the last place of each tuple)
ITEM_STATUS_BY_CODES = tuple(
    tuple(ITEM_STATUS[max(own, level)] for level in (0, 1, 2, 3, 4, -1))
    for own in (0, 1, 2, 3, 4, -1)
)


class MilestoneRows(IndexedRows):
    """``id -> row`` (id, task id, item id, title, due, owner, done date) of a pass's
    milestones without a tuple kept per row: one column per field by row position (the
    id: the index's key, no list of them), an ``id -> position`` index, each row's
    status code (bytes) and the ids grouped by task
    (``of_task``: a task's milestones in row order, each task's a run)."""

    __slots__ = ("_by_task", "_codes", "_fields", "_few", "_other_tasks", "_starts", "_tasks")

    def __init__(
        self,
        rows: list[Any],
        row_of: dict[str, Any],
        codes: list[int],
        task_ms: dict[Any, tuple[str, ...]],
        task_index: Mapping[str, int],
        shared: list[int],
        *,
        release: bool = False,
    ) -> None:
        """``row_of``: the rows by id (in row order), made the index (its values
        replaced by the positions: no second dict of every id); ``codes``: each row's
        status code; ``task_ms``: each task's milestone ids in row order (every row
        once); ``shared``: int objects ``0 …`` to reuse. ``release``: ``rows`` emptied
        as they become columns, a part at a time (the caller drops them: the status
        cache's pass, whose 200,000 rows at 100k tasks were all held until the columns
        were made, ~12 MiB on the window's peak)."""
        ids = list(row_of)
        if len(shared) < len(ids):
            shared = [*shared, *range(len(shared), len(ids))]
        self._tasks = task_index
        row_of.update(zip(ids, shared, strict=False))
        self._index = row_of
        # task, item, title: a value per row; due, owner, done date: a few distinct ones,
        # each row's place among them (``CodedColumn``: a byte or two a row, not an
        # eight-byte pointer)
        # (the titles packed: 200,000 milestones' at 100k tasks were ~18 MB of objects)
        tasks: list[Any] = []
        items: list[Any] = []
        titles = PackedStrings()
        coded = (CodedColumn(), CodedColumn(), CodedColumn())
        for start in range(0, len(rows), _ROWS_AT_ONCE):
            part = rows[start : start + _ROWS_AT_ONCE]
            tasks += map(_TASK, part)
            items += map(_ITEM, part)
            titles.extend(map(_TITLE, part))
            for column, getter in zip(coded, _FEW, strict=True):
                column.extend(list(map(getter, part)))
            if release:  # (each part's rows and titles freed as soon as they are columns)
                rows[start : start + len(part)] = repeat(None, len(part))
            del part
        if release:
            rows.clear()
        self._fields = (tasks, items, titles)
        self._few = tuple((column.values, column.codes) for column in coded)
        self._codes = bytes(codes)
        # each task's run of ids, in the task index's order; the runs of a task outside
        # the index (none, "", unknown) after them
        listed = list(map(task_ms.get, task_index, repeat(())))
        self._starts = array("I")
        extend_ints(self._starts, accumulate(map(len, listed), initial=0))
        by_task = list(chain.from_iterable(listed))
        del listed
        self._other_tasks: dict[Any, tuple[int, int]] = {}
        if len(by_task) < len(ids):
            for task_id in compress(task_ms, map(not_, map(task_index.__contains__, task_ms))):
                found = task_ms[task_id]
                self._other_tasks[task_id] = (len(by_task), len(by_task) + len(found))
                by_task.extend(found)
        self._by_task = by_task

    def __getitem__(self, ms_id: str) -> tuple:
        at = self._index[ms_id]
        task, item, title = self._fields
        (dues, due), (owners, owner), (dones, done) = self._few
        return (
            ms_id, task[at], item[at], title[at], dues[due[at]], owners[owner[at]],
            dones[done[at]],
        )  # fmt: skip

    def get(self, ms_id: str, default: Any = None) -> Any:
        return self[ms_id] if ms_id in self._index else default

    def field(self, ms_id: str, column: int) -> Any:
        """``self[ms_id][column]`` without the tuple."""
        at = self._index[ms_id]
        if column < 4:
            return ms_id if column == 0 else self._fields[column - 1][at]
        values, places = self._few[column - 4]
        return values[places[at]]

    def column(self, column: int) -> list[Any]:
        """The field ``column`` of every row, in row order."""
        if column < 4:
            return list(self._index if column == 0 else self._fields[column - 1])
        values, places = self._few[column - 4]
        return list(map(values.__getitem__, places))

    row = __getitem__  # (``RowDicts.row``)

    def item_milestones(self, task_id: str, item_id: str) -> list[str]:
        """The item's own milestones, then its task's task-level ones (``PassTables``)."""
        found = self.of_task(task_id)
        if not found:
            return []
        index, item = self._index, self._fields[1]
        own = [m for m in found if item[index[m]] == item_id]
        return own + [m for m in found if not item[index[m]]]

    def code(self, ms_id: str) -> int:
        return self._codes[self._index[ms_id]]

    def codes(self) -> list[int]:
        """Every row's code, in row order."""
        return list(self._codes)

    def fields_of(self, ms_ids: list[str], column: int) -> list[Any]:
        """``[self.field(ms_id, column) for ms_id in ms_ids]``, in C."""
        at = list(map(self._index.__getitem__, ms_ids))
        if column == 0:
            return list(ms_ids)
        if column < 4:
            return list(map(self._fields[column - 1].__getitem__, at))
        values, places = self._few[column - 4]
        return list(map(values.__getitem__, map(places.__getitem__, at)))

    def of_task(self, task_id: str) -> list[str] | None:
        """The task's milestone ids in row order (a new list), None without any."""
        at = self._tasks.get(task_id)
        if at is None:
            start, end = self._other_tasks.get(task_id, (0, 0))
        else:
            start, end = self._starts[at], self._starts[at + 1]
        return self._by_task[start:end] if end > start else None


class RowDicts:
    """The milestone rows as the pass holds them (``row_of``: id -> row, ``task_ms``,
    each row's code in row order), read as ``MilestoneRows`` reads its columns."""

    __slots__ = ("_codes", "_day_info", "_extended", "_row_of", "row", "task_ms")

    def __init__(
        self,
        row_of: dict[str, tuple],
        codes: list[int],
        task_ms: dict[Any, tuple[str, ...]],
        extended: dict[str, str],
        day_info: dict[str, tuple[int, int]],
    ) -> None:
        self._row_of, self._codes, self.task_ms = row_of, codes, task_ms
        self._extended, self._day_info = extended, day_info
        #: ``row(id)``: the row; ``of_task(task id)``: its milestone ids, None without any
        self.row: Callable[[str], tuple] = row_of.__getitem__

    def of_task(self, task_id: str) -> list[str] | None:
        """The task's milestone ids in row order (a new list), None without any."""
        found = self.task_ms.get(task_id)
        return None if found is None else list(found)

    def field(self, ms_id: str, column: int) -> Any:
        return self._row_of[ms_id][column]

    def item_milestones(self, task_id: str, item_id: str) -> list[str]:
        found = self.task_ms.get(task_id)
        if not found:
            return []
        row_of = self._row_of
        own = [m for m in found if row_of[m][2] == item_id]
        return own + [m for m in found if not row_of[m][2]]

    def column(self, column: int) -> list[Any]:
        return list(map(itemgetter(column), self._row_of.values()))

    def code(self, ms_id: str) -> int:
        _id, _task_id, _item_id, _title, due, _owner, done_date = self._row_of[ms_id]
        if done_date:
            return 0
        effective = self._extended.get(ms_id) or due
        return self._day_info[effective][1] if effective else 1

    def codes(self) -> list[int]:
        return self._codes

    def fields_of(self, ms_ids: list[str], column: int) -> list[Any]:
        return list(map(itemgetter(column), map(self._row_of.__getitem__, ms_ids)))


class Codes(Mapping[str, int]):
    """``id -> status code`` (0 … 4) as bytes by an index's positions (255 where a key
    has none), keys outside the index in a small dict."""

    __slots__ = ("_codes", "_extra", "_index", "_len")

    def __init__(self, index: Mapping[str, int], codes: Mapping[Any, int]) -> None:
        self._index = index
        self._codes = bytes(map(codes.get, index, repeat(_NONE)))
        known = len(self._codes) - self._codes.count(_NONE)
        self._extra: dict[Any, int] = {}
        if known < len(codes):
            self._extra = dict(compress(codes.items(), map(not_, map(index.__contains__, codes))))
        self._len = known + len(self._extra)

    def get(self, key: Any, default: Any = None) -> Any:
        at = self._index.get(key)
        if at is None:
            return self._extra.get(key, default)
        code = self._codes[at]
        return default if code == _NONE else code

    def __getitem__(self, key: Any) -> int:
        code = self.get(key)
        if code is None:
            raise KeyError(key)
        return int(code)

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        found = compress(self._index, map(_NONE.__ne__, self._codes))
        return chain(found, self._extra) if self._extra else found

    def __len__(self) -> int:
        return self._len

    def get_many(self, keys: list[Any], default: Any) -> list[Any]:
        """``[self.get(key, default) for key in keys]``, in C when every key is in the
        index (each looked up once: a key outside it stops the read, then made key by
        key)."""
        decoded = (*range(_NONE), default)
        try:
            return list(
                map(
                    decoded.__getitem__,
                    map(self._codes.__getitem__, map(self._index.__getitem__, keys)),
                )
            )
        except KeyError:
            return [self.get(key, default) for key in keys]


def _codes_of(codes: Mapping[Any, int], keys: list[Any], default: Any) -> list[Any]:
    """``[codes.get(key, default) for key in keys]`` (``Codes.get_many``: in C)."""
    if isinstance(codes, Codes):
        return codes.get_many(keys, default)
    return list(map(codes.get, keys, repeat(default)))


class PassTables:
    """What a pass keeps for its states (``of``), and its ``LazyStates`` (``states``)."""

    __slots__ = (
        "closed_items", "closed_tasks", "day_info", "ext_count", "extended", "item_task",
        "item_unit", "items", "keys", "level_code", "own_code", "risks", "rows", "schedule",
        "task_code", "task_unit", "tasks", "today_iso",
    )  # fmt: skip
    # the milestone rows: the pass's dicts (``RowDicts``) or columns (``MilestoneRows``);
    # their ids (the pass's ``id -> row`` dict, or the columns' index made of it)
    rows: RowDicts | MilestoneRows
    keys: dict[str, Any]
    # each task's worst code, each item's of its own milestones, each task's of its
    # task-level ones (dicts, or ``Codes``); each open task's 序时进度 (or ``Schedule``)
    task_code: Mapping[Any, int]
    own_code: Mapping[Any, int]
    level_code: Mapping[Any, int]
    schedule: Mapping[str, tuple] | Schedule
    extended: dict[str, str]
    day_info: dict[str, tuple[int, int]]
    today_iso: str
    ext_count: dict[str, int]
    item_unit: Mapping[str, str]
    task_unit: Mapping[str, str]
    risks: dict[NodeKey, list[st.RiskCause]]
    tasks: Mapping[str, Any]
    items: Mapping[str, tuple[str, int]]
    item_task: Callable[[str], str]
    closed_tasks: set[str]
    closed_items: set[str]

    @classmethod
    def of(
        cls,
        inputs: st.StatusInputs,
        today_iso: str,
        row_of: dict[str, tuple],
        ms_codes: list[int],
        extended: dict[str, str],
        day_info: dict[str, tuple[int, int]],
        task_ms: dict[Any, tuple[str, ...]],
        codes: tuple[dict[Any, int], dict[str, int], dict[Any, int]],
        schedule: Mapping[str, tuple] | Schedule,
        risks: dict[NodeKey, list[st.RiskCause]],
    ) -> PassTables:
        """The pass's own dicts: ``row_of`` (its rows by id), ``ms_codes`` (each row's
        code), ``task_ms`` (each task's milestone ids); ``codes``: each task's worst code,
        each item's of its own milestones, each task's of its task-level ones."""
        kept = cls()
        kept.rows = RowDicts(row_of, ms_codes, task_ms, extended, day_info)
        kept.keys = row_of
        kept.task_code, kept.own_code, kept.level_code = codes
        kept.schedule = schedule
        kept.extended, kept.day_info, kept.today_iso = extended, day_info, today_iso
        kept.ext_count = dict(Counter(map(_ID, inputs.extensions)))  # (each milestone's, in C)
        kept.item_unit, kept.task_unit, kept.risks = inputs.item_unit, inputs.task_unit, risks
        kept.tasks, kept.items = inputs.tasks, inputs.items
        kept.closed_tasks, kept.closed_items = inputs.closed_tasks, inputs.closed_items
        items = inputs.items
        kept.item_task = (
            items.task_of if isinstance(items, ItemPlaces) else lambda item_id: items[item_id][0]
        )
        return kept

    def compact(self, rows: list[tuple], *, release: bool = False) -> bool:
        """Keeps the milestone rows (``rows``: the pass's, in order), the codes and the
        序时进度 as columns over the tasks' and items' indexes (when the inputs have them:
        ``status_queries._loaded_compact``), each where it takes less than its dict; whether
        the rows became columns (``MilestoneRows``; ``release``: ``rows`` emptied as
        they do)."""
        task_index, item_index = index_behind(self.tasks), index_behind(self.items)
        if not task_index or not item_index:
            return False
        # (a column costs a byte, or eight, per task or item; a dict entry ~60 bytes)
        for name, index in (("task_code", task_index), ("own_code", item_index),
                            ("level_code", task_index)):  # fmt: skip
            codes = getattr(self, name)
            if isinstance(codes, dict) and len(codes) * 32 >= len(index):
                setattr(self, name, Codes(index, codes))
        if isinstance(self.schedule, dict) and len(self.schedule) * 4 >= len(task_index):
            self.schedule = Schedule(task_index, self.schedule)
        held = self.rows
        if not isinstance(held, RowDicts) or not rows:
            return False
        longer = task_index if len(task_index) >= len(item_index) else item_index
        # (the pass's ``id -> row`` dict becomes the index: still the states' keys)
        self.rows = MilestoneRows(
            rows, self.keys, held.codes(), held.task_ms, task_index, list(longer.values()),
            release=release,
        )  # fmt: skip
        return True

    def states(self) -> tuple[LazyStates, LazyStates, LazyStates]:
        """The pass's milestones, items and tasks."""
        return (
            LazyStates(self.keys, self.make_milestone, self.peek_milestone, self.milestone_columns),
            LazyStates(self.items, self.make_item, self.peek_item, self.item_columns),
            LazyStates(self.tasks, self.make_task, self.peek_task, self.task_columns),
        )

    # -- milestones ----------------------------------------------------------------------

    def make_milestone(self, ms_id: str) -> st.MilestoneState:
        """A milestone's state from its row; its unit: its owner, else its item's lead
        unit, else its task's (``compute_pass``'s ``unit_of``)."""
        _id, task_id, item_id, title, due, owner, done_date = self.rows.row(ms_id)
        effective = self.extended.get(ms_id) or due
        if effective:
            days_left, code = self.day_info[effective]
            if done_date:
                code, done_late = 0, done_date > effective  # ISO dates compare as strings
            else:
                done_late = False
        else:
            days_left, code, done_late = None, (0 if done_date else 1), False
        return st.MilestoneState(
            ms_id, task_id, item_id, title, BY_CODE[code], due, effective, done_date, done_late,
            (done_date or self.today_iso) > due if due else False, self.ext_count.get(ms_id, 0),
            self._unit(owner, item_id, task_id), days_left,
            self.risks.get(("milestone", ms_id), ()),
        )  # fmt: skip

    def _unit(self, owner: str | None, item_id: str | None, task_id: str) -> str | None:
        """A milestone's unit: its owner, else its item's lead unit, else its task's."""
        return (
            owner
            or (self.item_unit.get(item_id) if item_id else None)
            or self.task_unit.get(task_id)
        )

    def milestone_unit(self, ms_id: str) -> str | None:
        """The milestone state's ``unit_id`` (``make_milestone``'s), without the state."""
        rows = self.rows
        owner = rows.field(ms_id, 5)
        return owner or self._unit(None, rows.field(ms_id, 2), rows.field(ms_id, 1))

    def node_tasks(self, kinds: list[str], ids: list[Any], unknown: Any) -> list[Any]:
        """The task of each node ``(kinds[n], ids[n])``: a task's own id, an item's or a
        milestone's task (as their states have it: it never changes), ``unknown`` for an
        item or milestone the pass does not know and for a node of another kind. Read
        kind by kind, then merged back in the nodes' order (in C)."""
        numbered = {kind: n for n, kind in enumerate(dict.fromkeys(kinds))}
        found: list[Iterator[Any]] = []
        for kind in numbered:
            of_kind = (
                ids if len(numbered) == 1 else list(compress(ids, map(eq, kinds, repeat(kind))))
            )
            found.append(iter(self._tasks_of(kind, of_kind, unknown)))
        if len(found) == 1:
            return list(found[0])
        return list(map(next, map(found.__getitem__, map(numbered.__getitem__, kinds))))

    def _tasks_of(self, kind: str, ids: list[Any], unknown: Any) -> list[Any]:
        """``node_tasks`` of nodes of one kind."""
        if kind == "task":
            return ids
        if kind == "milestone":
            ms_index, rows = self.keys, self.rows
            if all(map(ms_index.__contains__, ids)):
                return rows.fields_of(ids, 1)
            return [rows.field(m, 1) if m in ms_index else unknown for m in ids]
        if kind == "item":
            known, item_task = self.items.keys().__contains__, self.item_task
            return [item_task(i) if known(i) else unknown for i in ids]
        return [unknown] * len(ids)

    def peek_milestone(self, ms_id: str, name: str) -> Any:
        if name == "status":
            return BY_CODE[self.rows.code(ms_id)]
        column = _MILESTONE_COLUMNS.get(name)
        if column is not None:  # (id, task_id, item_id, title, original_due, done_date)
            return self.rows.field(ms_id, column)
        if name == "effective_due":  # (``make_milestone``'s)
            return self.extended.get(ms_id) or self.rows.field(ms_id, 4)
        if name == "late_vs_original":
            due, done_date = self.rows.field(ms_id, 4), self.rows.field(ms_id, 6)
            return (done_date or self.today_iso) > due if due else False
        if name == "risks":
            return self.risks.get(("milestone", ms_id), ())
        if name == "unit_id":
            return self.milestone_unit(ms_id)
        return NOT_PEEKED

    def milestone_columns(self, name: str) -> dict[str, Any] | list[Any] | None:
        """``peek_milestone``'s answers for every milestone at once, from the columns
        (a list in row order, the keys' order, for the fields of every row)."""
        rows = self.rows
        if name == "status":
            return list(map(BY_CODE.__getitem__, rows.codes()))
        column = _MILESTONE_COLUMNS.get(name)
        if column is not None:
            return rows.column(column)
        if name == "effective_due":  # (the keys are in row order)
            extended = list(map(self.extended.get, self.keys))
            return [e or due for e, due in zip(extended, rows.column(4), strict=True)]
        if name == "late_vs_original":
            return list(late_vs_original(rows.column(4), rows.column(6), self.today_iso))
        if name == "risks":
            return _risk_column(self.keys, "milestone", self.risks)  # (the ids, in row order)
        return None

    # -- tasks ---------------------------------------------------------------------------

    def task_status(self, task_id: str) -> str:
        """After the 办结 rule: approved → done; every milestone done → 待销号."""
        if task_id in self.closed_tasks:
            return st.DONE
        return TASK_STATUS[self.task_code.get(task_id)]

    def make_task(self, task_id: str) -> st.NodeState:
        found = self.rows.of_task(task_id)
        status = (
            st.DONE if task_id in self.closed_tasks else TASK_STATUS[self.task_code.get(task_id)]
        )  # (``task_status`` inline)
        node = st.NodeState(
            "task", task_id, task_id, status, [] if found is None else found,
            self.risks.get(("task", task_id), ()),
        )  # fmt: skip
        planned = self.schedule.get(task_id)
        if planned is not None:
            node.expected, node.percent, node.behind = planned
        return node

    def peek_task(self, task_id: str, name: str) -> Any:
        if name == "status":
            return self.task_status(task_id)
        if name == "risks":
            return self.risks.get(("task", task_id), ())
        if name == "task_id":
            return task_id
        planned_field = _PLANNED.get(name)
        if planned_field is not None:  # 序时进度: as ``make_task`` sets it
            planned = self.schedule.get(task_id)
            return UNPLANNED[planned_field] if planned is None else planned[planned_field]
        return NOT_PEEKED

    def task_columns(self, name: str) -> dict[str, Any] | list[Any] | None:
        """The task peeker's answers for every task at once, from the columns (the
        statuses a list in key order: no dict of every task's)."""
        tasks = self.tasks
        if name == "status":
            ids = list(tasks)
            statuses = list(map(TASK_STATUS.__getitem__, _codes_of(self.task_code, ids, None)))
            return _done_where(statuses, map(self.closed_tasks.__contains__, ids))
        if name == "risks":
            return _risk_column(tasks, "task", self.risks)
        if name == "task_id":
            return dict(zip(tasks, tasks, strict=True))
        planned_field = _PLANNED.get(name)
        if planned_field is None:
            return None
        schedule = self.schedule
        if isinstance(schedule, Schedule):  # (by the task index: the tasks' own order)
            return dict(zip(tasks, schedule.column(planned_field), strict=True))
        found: dict[str, Any] = dict.fromkeys(tasks, UNPLANNED[planned_field])
        for task_id, planned in schedule.items():
            if task_id in found:
                found[task_id] = planned[planned_field]
        return found

    # -- items ---------------------------------------------------------------------------

    def item_status(self, item_id: str, task_id: str) -> str:
        if item_id in self.closed_items or task_id in self.closed_tasks:
            return st.DONE
        own, level = self.own_code.get(item_id, -1), self.level_code.get(task_id, -1)
        return ITEM_STATUS[own if own > level else level]

    def make_item(self, item_id: str) -> st.NodeState:
        task_id = self.item_task(item_id)
        return st.NodeState(
            "item", item_id, task_id, self.item_status(item_id, task_id),
            self.rows.item_milestones(task_id, item_id), self.risks.get(("item", item_id), ()),
        )  # fmt: skip

    def peek_item(self, item_id: str, name: str) -> Any:
        if name == "status":
            return self.item_status(item_id, self.item_task(item_id))
        if name == "risks":
            return self.risks.get(("item", item_id), ())
        if name == "task_id":
            return self.item_task(item_id)
        return NOT_PEEKED

    def item_columns(self, name: str) -> dict[str, Any] | list[Any] | None:
        """The item peeker's answers for every item at once, from the columns (the
        statuses a list in key order: no dict of every item's)."""
        items = self.items
        if name == "risks":
            return _risk_column(items, "item", self.risks)
        if name not in ("status", "task_id"):
            return None
        ids_of_items = list(items)
        tasks_of_items = (
            items.task_ids() if isinstance(items, ItemPlaces) else list(map(_ID, items.values()))
        )
        if name == "task_id":
            return dict(zip(ids_of_items, tasks_of_items, strict=True))
        # (``ITEM_STATUS[max(own, level)]`` as two look-ups in C, no ``max`` call)
        statuses: list[str] = list(
            map(
                getitem,
                map(ITEM_STATUS_BY_CODES.__getitem__, _codes_of(self.own_code, ids_of_items, -1)),
                _codes_of(self.level_code, tasks_of_items, -1),
            )
        )
        # (a list in key order: no dict of every item's; an item of a closed task, or
        # closed itself, is done)
        statuses = _done_where(statuses, map(self.closed_items.__contains__, ids_of_items))
        if self.closed_tasks:
            statuses = _done_where(statuses, map(self.closed_tasks.__contains__, tasks_of_items))
        return statuses


def _done_where(statuses: list[str], chosen: Iterable[bool]) -> list[str]:
    """``statuses`` with those at the ``chosen`` places set to done (办结 approved)."""
    for at in compress(range(len(statuses)), chosen):
        statuses[at] = st.DONE
    return statuses


def pass_tables(states: Mapping[str, Any]) -> PassTables | None:
    """The ``PassTables`` a full pass's ``LazyStates`` build their states from (None for
    other states: an incremental snapshot's layers, plain dicts)."""
    tables = getattr(getattr(states, "maker", None), "__self__", None)
    return tables if isinstance(tables, PassTables) else None


def keep_compact(snap: st.StatusSnapshot, *, release: bool = False) -> None:
    """A full pass's kept tables as columns (``PassTables.compact``), for a snapshot kept
    long whose inputs are compact (the status cache's); after the pass, so that its
    other dicts are gone meanwhile. Every state and field reads the same. ``release``:
    the inputs' milestone rows emptied as they become columns (the caller drops them;
    left as they are when they do not become columns)."""
    tables = pass_tables(snap.milestones)
    if tables is not None:
        tables.compact(snap.inputs.milestones, release=release)


def late_vs_original(due: list[Any], finished: list[Any], today_iso: str) -> Iterable[bool]:
    """Each milestone state's ``late_vs_original`` from its due and done dates,
    ``(done_date or today) > due if due else False``, in C: an empty done date is
    today, and an empty due one no ISO date is later than (so never late)."""
    as_today: dict[Any, str] = {None: today_iso, "": today_iso}
    never: dict[Any, str] = {None: _AFTER_EVERY_DAY, "": _AFTER_EVERY_DAY}
    ended: Iterable[str] = map(as_today.get, finished, finished)
    against: Iterable[str] = map(never.get, due, due)
    return map(gt, ended, against)


def _risk_column(
    keys: Iterable[str], kind: str, risks: dict[NodeKey, list[st.RiskCause]]
) -> dict[str, Any]:
    """``{key: its risk list, () without}`` of ``keys`` (in their order)."""
    found: dict[str, Any] = dict.fromkeys(keys, ())
    for (node_kind, rid), causes in risks.items():
        if node_kind == kind and rid in found:
            found[rid] = causes
    return found
