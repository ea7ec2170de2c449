"""Compact per-task and per-item fields of a status pass's inputs.

A full pass at 100k tasks kept one dict per field (task number, plan prefix, plan
date, lead unit, item count, deadline; item place and lead unit), each keyed by the
same 100,000 or 120,000 id strings, and a ``(task id, position)`` tuple per item:
~45 MB a status cache keeps as long as the window lives. Here each kind has one
``id -> position`` index shared by its fields, and each field is a list by position
(the plan's prefix and date: the plan's one string per task). Read through
``Mapping`` views that answer exactly as the dicts did (same keys, values, order);
keys the index does not know (archived tasks, their items) sit in a small dict.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import (
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    Mapping,
    MutableMapping,
)
from itertools import chain, compress, repeat
from operator import is_not, itemgetter, not_
from typing import Any

from desktop.models.coded_column import CodedColumn, narrow_codes

ABSENT: Any = object()  # a position whose field has no value (the key is not in the dict)


def positions(count: int) -> list[int]:
    """``[0 .. count)``: one int object per position, shared by every index built from it."""
    return list(range(count))


def index_of(ids: list[str], shared: list[int] | None = None) -> dict[str, int]:
    """``{id: its position}`` of distinct ``ids`` (the int objects of ``shared`` when given)."""
    if shared is None or len(shared) < len(ids):
        shared = positions(len(ids))
    return dict(zip(ids, shared, strict=False))


class Column(Mapping[str, Any]):
    """``key -> value`` of one field: a list by the index's positions (``ABSENT``
    where the key has none) plus a small dict of keys outside the index. Iterates
    as the dict it replaces did when that dict was built in the index's order."""

    __slots__ = ("_extra", "_index", "_len", "_values")

    def __init__(
        self,
        index: Mapping[str, int],
        values: list[Any],
        extra: dict[str, Any] | None = None,
        count: int | None = None,
    ) -> None:
        """``count``: how many of ``values`` are not ``ABSENT``, when the caller knows."""
        self._index, self._values, self._extra = index, values, extra or {}
        if count is None:
            count = len(values) - values.count(ABSENT)
        self._len = count + len(self._extra)

    @classmethod
    def of(
        cls, index: Mapping[str, int], mapping: Mapping[str, Any], *, shared: bool = False
    ) -> Column:
        """The column holding ``mapping`` (its keys outside ``index`` in the small dict);
        ``shared``: a field of few distinct values, coded (``CodedField``: equal values
        one object, a byte or two per position). In C but for the keys outside the index
        (archived tasks)."""
        values = list(map(mapping.get, index, repeat(ABSENT)))
        count = len(values) - values.count(ABSENT)  # (the keys in the index)
        extra = {}
        if count < len(mapping):  # keys outside the index (in the mapping's order)
            extra = dict(compress(mapping.items(), map(not_, map(index.__contains__, mapping))))
        if shared:
            return CodedField.of_values(index, values, extra)
        return cls(index, values, extra, count)

    @classmethod
    def by_ids(cls, index: Mapping[str, int], ids: list[str], values: list[Any]) -> Column:
        """The column of ``dict(zip(ids, values))`` (less the ``ABSENT`` values) where
        ``ids`` are the index's keys in its order with maybe others among them (archived
        tasks: in the small dict, in ``ids``' order); ``values`` itself when none other."""
        if len(ids) == len(index):
            return cls(index, values)
        return cls.of(
            index,
            {key: value for key, value in zip(ids, values, strict=True) if value is not ABSENT},
        )

    def at_places(self, places: Iterable[int]) -> list[Any]:
        """The value at each of ``places`` (positions of the index; ``ABSENT`` where
        none, and at the place just past the last), in C."""
        values = self._values
        values.append(ABSENT)
        try:
            return list(map(values.__getitem__, places))
        finally:
            values.pop()

    def _value_at(self, at: int) -> Any:
        """The value at a position (``ABSENT``: none)."""
        return self._values[at]

    def _values_at(self, places: Iterable[int]) -> Iterator[Any]:
        """The values at ``places``, in C."""
        return map(self._values.__getitem__, places)

    def _every_value(self) -> Iterable[Any]:
        """The value at every position, in order."""
        return self._values

    def __getitem__(self, key: str) -> Any:
        at = self._index.get(key)
        if at is None:
            return self._extra[key]
        value = self._value_at(at)
        if value is ABSENT:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:  # (a read per task: no exception)
        at = self._index.get(key)
        if at is None:
            return self._extra.get(key, default)
        value = self._value_at(at)
        return default if value is ABSENT else value

    def get_many(self, keys: list[str]) -> list[Any]:
        """``[self.get(key) for key in keys]``, in C when every key is in the index (each
        looked up once: a key outside it stops the read, then made key by key)."""
        if self._extra:
            return [self.get(key) for key in keys]
        try:
            found = list(self._values_at(map(self._index.__getitem__, keys)))
        except KeyError:
            return [self.get(key) for key in keys]
        if ABSENT in found:
            return [None if value is ABSENT else value for value in found]
        return found

    def __contains__(self, key: object) -> bool:
        at = self._index.get(key)  # type: ignore[call-overload]
        if at is None:
            return key in self._extra
        return self._value_at(at) is not ABSENT

    def __iter__(self) -> Iterator[str]:  # (in C: a generator here cost a step per key)
        if not self._extra and self._len == len(self._index):  # (every position, no other)
            return iter(self._index)
        found = compress(self._index, map(is_not, self._every_value(), repeat(ABSENT)))
        return chain(found, self._extra) if self._extra else found

    def __len__(self) -> int:
        return self._len

    def keys(self) -> Any:  # (the index's own view when it holds every key: set ops in C)
        if not self._extra and self._len == len(self._index):
            return self._index.keys()
        return super().keys()


class CodedField(Column):
    """A ``Column`` of few distinct values (a unit, a plan's prefix or date, a count, a
    task's number): each distinct value once and each position's place among them in an
    array as narrow as their count allows (a byte each up to 256 values), not an
    eight-byte pointer per position: ~0.8 MB a field at 100k tasks, 0.1 so. ``ABSENT``
    among the values marks the positions without one. Answers exactly as the
    ``Column`` of the same values; equal values are one object (the first given), so
    only fields whose equal values are interchangeable (strings, ints) are coded."""

    __slots__ = ("_codes", "_distinct")

    def __init__(
        self,
        index: Mapping[str, int],
        distinct: list[Any],
        codes: array | Iterable[int],
        extra: dict[str, Any] | None = None,
    ) -> None:
        """``codes[n]``: the place in ``distinct`` of position n's value. ``ABSENT`` is
        added to ``distinct`` when not among them (read at the place just past the
        last, ``at_places``)."""
        absent = 0  # (the codes of ABSENT counted: none when it is added here)
        if ABSENT not in distinct:
            distinct = [*distinct, ABSENT]
        else:
            absent = -1
        if type(codes) is not array or len(distinct) > 1 << (8 * codes.itemsize):
            codes = narrow_codes(codes, len(distinct))  # (an array: only ever widened)
        if len(codes) != len(index):
            raise ValueError("one code per position of the index")
        self._index, self._distinct, self._codes, self._extra = index, distinct, codes, extra or {}
        self._values = None  # type: ignore[assignment]  # (``Column``'s list: none kept)
        if absent < 0:
            absent = _count_codes(codes, distinct, ABSENT)
        self._len = len(codes) - absent + len(self._extra)

    @classmethod
    def of_values(
        cls, index: Mapping[str, int], values: list[Any], extra: dict[str, Any] | None = None
    ) -> CodedField:
        """The coded ``Column(index, values, extra)`` (in C)."""
        coded = CodedColumn(values)
        return cls(index, coded.values, coded.codes, extra)

    @classmethod
    def of_mapping(cls, index: Mapping[str, int], mapping: Mapping[str, Any]) -> CodedField:
        """``Column.of(index, mapping)`` coded."""
        coded = Column.of(index, mapping, shared=True)
        assert isinstance(coded, CodedField)
        return coded

    @classmethod
    def of_numbers(cls, index: Mapping[str, int], numbers: list[Any]) -> CodedField:
        """``of_values`` of SQLite's integers (a task's number): each its own code when
        all are from 0 to 255 (one ``bytes`` in C), else coded as any values (a
        ``bytes`` of ints: no bool, never read from SQLite, is among them)."""
        try:
            codes = bytes(numbers)
        except (TypeError, ValueError):  # (a None, a float or a text, one over 255)
            return cls.of_values(index, numbers)
        return cls(index, list(range(max(codes, default=-1) + 1)), array("B", codes))

    @classmethod
    def of_ids(
        cls, index: Mapping[str, int], ids: list[str], distinct: list[Any], codes: array
    ) -> CodedField:
        """``Column.by_ids(index, ids, values)`` of the values ``distinct[code]`` of
        ``codes`` (one per id): the ids of archived tasks among the index's keys and
        their values (but ``ABSENT``) in the small dict."""
        if len(ids) == len(index):
            return cls(index, distinct, codes)
        known = list(map(index.__contains__, ids))
        extra = {
            key: value
            for key, value in zip(
                compress(ids, map(not_, known)),
                map(distinct.__getitem__, compress(codes, map(not_, known))),
                strict=True,
            )
            if value is not ABSENT
        }
        return cls(index, distinct, array(codes.typecode, compress(codes, known)), extra)

    def codes_at(self, places: Iterable[int]) -> array:
        """The codes at ``places`` (``ABSENT``'s just past the last), for a field of
        the same values by other positions (a task's unit: its first item's)."""
        codes = self._codes
        codes.append(self._distinct.index(ABSENT))
        try:
            return narrow_codes(map(codes.__getitem__, places), len(self._distinct))
        finally:
            codes.pop()

    @property
    def distinct(self) -> list[Any]:
        """Each value once (``ABSENT`` among them), in the codes' order."""
        return self._distinct

    def at_places(self, places: Iterable[int]) -> list[Any]:
        return list(map(self._distinct.__getitem__, self.codes_at(places)))

    def _value_at(self, at: int) -> Any:
        return self._distinct[self._codes[at]]

    def _values_at(self, places: Iterable[int]) -> Iterator[Any]:
        return map(self._distinct.__getitem__, map(self._codes.__getitem__, places))

    def _every_value(self) -> Iterable[Any]:
        return map(self._distinct.__getitem__, self._codes)


def _count_codes(codes: array, distinct: list[Any], value: Any) -> int:
    """How many of ``codes`` stand for ``value`` (by identity; a byte array's counted
    as bytes, in C without an int per code)."""
    found = [code for code, known in enumerate(distinct) if known is value]
    if codes.typecode == "B":
        as_bytes = codes.tobytes()
        return sum(map(as_bytes.count, found))
    return sum(map(codes.count, found))


#: A task's 序时进度 (expected, percent, behind) without a schedule: ``NodeState``'s defaults.
UNPLANNED = (None, None, False)


class Schedule:
    """``status_rules.schedule_of``'s ``task id -> (expected, percent, behind)`` as three
    lists by the task index's positions; a task without one reads as ``UNPLANNED``,
    which sets a task state's 序时进度 fields to what they are without it."""

    __slots__ = ("_fields", "_index")

    def __init__(self, index: Mapping[str, int], schedule: Mapping[str, tuple]) -> None:
        planned = list(map(schedule.get, index, repeat(UNPLANNED)))
        self._fields = tuple(list(map(itemgetter(n), planned)) for n in range(3))
        self._index = index

    @classmethod
    def of_columns(
        cls, index: Mapping[str, int], ids: list[str], fields: tuple[list[Any], ...]
    ) -> Schedule:
        """``Schedule(index, dict(zip(ids, zip(*fields))))`` without a tuple or a dict
        entry per task (60,000 tuples and their dict were ~5.5 MB of a full pass's peak at
        100k tasks): every one of ``ids`` in ``index``, each once."""
        schedule = cls.__new__(cls)
        places = list(map(index.__getitem__, ids))
        columns = []
        for default, values in zip(UNPLANNED, fields, strict=True):
            column = [default] * len(index)
            if len(values) != len(places):
                raise ValueError("a field's values are not one per id")
            deque(map(column.__setitem__, places, values), maxlen=0)  # (set in C)
            columns.append(column)
        schedule._fields, schedule._index = tuple(columns), index
        return schedule

    def get(self, task_id: str) -> tuple | None:
        at = self._index.get(task_id)
        if at is None:
            return None
        expected, percent, behind = self._fields
        return expected[at], percent[at], behind[at]

    def column(self, field: int) -> list[Any]:
        """The field of every task, in the index's order."""
        return list(self._fields[field])


def small_ints(values: list[Any]) -> list[Any] | bytes | array:
    """``values`` in a byte or two each when they are all ints from 0 to 65,535 (an
    item's place in its task: 120,000 eight-byte pointers at 100k tasks), else as they
    are. In C (``bytes`` of ints: no per-item parsing, as an array's has)."""
    if list(map(type, values)).count(int) != len(values):  # (a bool is not kept as 1)
        return values
    try:
        return bytes(values)
    except ValueError:  # (one outside 0 … 255)
        pass
    return array("H", values) if min(values) >= 0 and max(values) < 1 << 16 else values


class IndexedRows(Mapping[str, Any]):
    """A mapping whose keys are exactly a dict's, its ``_index`` (every key in it, none
    besides; an ``id -> position`` index, or ``status_ranking.Reach``'s own values):
    membership, iteration, length and ``keys`` are the dict's own (in C); a subclass
    reads its values by position (or from the dict's)."""

    __slots__ = ("_index",)

    _index: dict[str, Any]

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def keys(self) -> Any:
        return self._index.keys()


class ItemPlaces(IndexedRows):
    """``item id -> (task id, position)`` without a tuple kept per item: the item
    index, each item's task (the task's own id string) and position by item position."""

    __slots__ = ("_positions", "_tasks")

    def __init__(self, index: dict[str, int], tasks: list[str], places: list[int]) -> None:
        self._index, self._tasks, self._positions = index, tasks, small_ints(places)

    def __getitem__(self, key: str) -> tuple[str, int]:
        at = self._index[key]
        return self._tasks[at], self._positions[at]

    def get(self, key: str, default: Any = None) -> Any:
        at = self._index.get(key)
        return default if at is None else (self._tasks[at], self._positions[at])

    def task_ids(self) -> list[str]:
        """Each item's task id, in the items' order."""
        return self._tasks

    def task_of(self, key: str) -> str:
        """The item's task id (``self[key][0]`` without the tuple)."""
        return self._tasks[self._index[key]]

    def items(self) -> ItemsView[str, tuple[str, int]]:
        return _Places(self)


class _Places(ItemsView[str, tuple[str, int]]):
    """``ItemPlaces.items()``: iterated in C (a full pass reads every item's task)."""

    _mapping: ItemPlaces

    def __iter__(self) -> Iterator[tuple[str, tuple[str, int]]]:
        places = self._mapping
        return zip(places._index, zip(places._tasks, places._positions, strict=True), strict=True)


def index_behind(mapping: Mapping[str, Any]) -> Mapping[str, int]:
    """The ``id -> position`` index of a full pass's column (``Column``, ``ItemPlaces``),
    also under an incremental snapshot's layers (their base); else an empty one."""
    base = getattr(mapping, "_base", mapping)  # (``status_merge.Layered``)
    if isinstance(base, (Column, ItemPlaces)):
        return base._index
    return {}


def index_of_keys(mapping: Mapping[str, Any]) -> Mapping[str, int]:
    """The ``id -> position`` index of a full pass's column whose keys are exactly the
    index's, in its order (a key's position is its place among the keys); else an empty
    one (a column with keys outside its index or positions without a value, layers)."""
    if isinstance(mapping, ItemPlaces):
        return mapping._index
    if isinstance(mapping, Column) and not mapping._extra and mapping._len == len(mapping._index):
        return mapping._index
    return {}


class Slots(Column, MutableMapping[str, Any]):
    """A dict kept as long as the window whose keys are mostly those of a shared index
    (``index_behind``): a ``Column`` that can be written (its values in a list by
    position, other keys in a small dict). A list slot is 8 bytes where a dict entry of
    100,000 took ~38. Answers as the dict would, except for the order of iteration (the
    index's, then the other keys')."""

    __slots__ = ()

    def __init__(
        self,
        index: Mapping[str, int],
        values: list[Any] | None = None,
        extra: dict[str, Any] | None = None,
        count: int | None = None,
    ) -> None:
        """Empty, or (``Column.of``) holding ``values`` by the index's positions."""
        if values is None:
            values, count = [ABSENT] * len(index), 0
        super().__init__(index, values, extra, count)

    def keys(self) -> Any:  # (not the index's own view: a key written away leaves it)
        return KeysView(self)

    def _set_value(self, at: int, value: Any) -> None:
        """The value at a position (``ABSENT``: none)."""
        self._values[at] = value

    def __setitem__(self, key: str, value: Any) -> None:
        at = self._index.get(key)
        if at is None:
            if key not in self._extra:
                self._len += 1
            self._extra[key] = value
            return
        if self._value_at(at) is ABSENT:
            self._len += 1
        self._set_value(at, value)

    def __delitem__(self, key: str) -> None:
        at = self._index.get(key)
        if at is None:
            del self._extra[key]
        elif self._value_at(at) is ABSENT:
            raise KeyError(key)
        else:
            self._set_value(at, ABSENT)
        self._len -= 1

    def pop(self, key: str, *default: Any) -> Any:
        at = self._index.get(key)
        if at is None:
            if key in self._extra:
                self._len -= 1
            return self._extra.pop(key, *default)
        value = self._value_at(at)
        if value is ABSENT:
            if default:
                return default[0]
            raise KeyError(key)
        self._set_value(at, ABSENT)
        self._len -= 1
        return value

    def group(self, pairs: Iterable[tuple[str, str]]) -> None:
        """For each ``(key, member)`` in order: the key's value becomes the member when
        it has none, else the members in a tuple (a key's one member kept as itself)."""
        index, values = self._index, self._values
        for key, member in pairs:
            at = index.get(key)
            if at is None:
                known = self._extra.get(key)
                self._extra[key] = (
                    member if known is None else (known, member) if isinstance(known, str)
                    else (*known, member)
                )  # fmt: skip
                self._len += known is None
                continue
            known = values[at]
            if known is ABSENT:
                values[at] = member
                self._len += 1
            elif type(known) is str:
                values[at] = (known, member)
            else:
                values[at] = (*known, member)


class CodedSlots(CodedField, Slots):
    """``Slots`` of few distinct values (a task's section, an item's set of units: one
    tuple per distinct set), coded as ``CodedField``: a byte or two per position
    instead of a pointer. A value written the first time takes the next code (the codes
    widened when the values outgrow them); a value no position holds any more keeps its
    code. Answers as the ``Slots`` of the same values (but for ``group``: not coded)."""

    __slots__ = ("_writes",)

    @classmethod
    def of_slots(cls, slots: Slots) -> CodedSlots:
        """``slots`` coded (their list and small dict as they are)."""
        return cls.of_values(slots._index, slots._values, dict(slots._extra))  # type: ignore[return-value]

    def _set_value(self, at: int, value: Any) -> None:
        if not hasattr(self, "_writes"):  # (the first write: values and codes its own)
            self._writes = CodedColumn.of_codes(list(self._distinct), self._codes)
            self._distinct = self._writes.values
        self._writes.set(at, value)
        self._codes = self._writes.codes  # (a new array when widened)

    def group(self, pairs: Iterable[tuple[str, str]]) -> None:
        raise NotImplementedError("coded slots hold few distinct values, not groups")
