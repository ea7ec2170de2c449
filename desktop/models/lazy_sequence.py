"""A read-only sequence whose items are made when read (one way for every such list).

Used where a view or a count needs a list's length and a few of its items, but the
list is long (tens of thousands of 催报 entries or rows at 100k tasks) and each item
costs an object: ``LazySequence`` answers ``len`` from what it holds and builds an item
by index on access (``_item``), with slices, negative indexes and equality as a list.
``KeptSequence`` keeps the items last read for the next reads (a view paints its
visible rows many times), at most ``KEPT`` of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar, overload

Item = TypeVar("Item")


class LazySequence(Sequence[Item]):
    """Subclasses give ``__len__`` and ``_item(index)`` (0 <= index < len)."""

    __slots__ = ()

    def _item(self, index: int) -> Item:
        raise NotImplementedError

    def item_at(self, index: int) -> Item:
        """The item at ``index`` (0 <= index < len), without the checks of ``[]``: for a
        hot path that knows its index is in range."""
        return self._item(index)

    @overload
    def __getitem__(self, index: int) -> Item: ...
    @overload
    def __getitem__(self, index: slice) -> list[Item]: ...
    def __getitem__(self, index: int | slice) -> Item | list[Item]:
        if isinstance(index, slice):
            return [self._item(n) for n in range(*index.indices(len(self)))]
        size = len(self)
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError(index)  # also ends an iteration
        return self._item(index)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class KeptSequence(LazySequence[Item]):
    """A ``LazySequence`` whose items are made by ``_make(index)`` when read, the last
    ones read kept (at most ``KEPT``; all forgotten when full, and by a subclass whose
    items change): the one bounded cache of every built-when-read list of rows."""

    __slots__ = ("_built",)

    KEPT = 512

    def __init__(self) -> None:
        self._built: dict[int, Item] = {}

    def _make(self, index: int) -> Item:
        raise NotImplementedError

    def _item(self, index: int) -> Item:
        item = self._built.get(index)
        if item is None:
            if len(self._built) >= self.KEPT:
                self._built.clear()
            item = self._built[index] = self._make(index)
        return item


class SortedStates(LazySequence[Item]):
    """The states of a sorted list of keys, each key a tuple ending with the state's id
    (the dashboard's overdue and late milestones: ``(due, id)``): a state read from
    ``states`` (``snapshot.milestones``) when an item is read, the list holding its keys
    only (45,000 built milestone states were ~16.6 MB at 100k tasks). ``keys`` is not
    changed (a new list per edit: ``dashboard_delta``)."""

    __slots__ = ("keys", "states")

    def __init__(self, keys: list[tuple[Any, ...]], states: Mapping[str, Item]) -> None:
        self.keys, self.states = keys, states

    def __len__(self) -> int:
        return len(self.keys)

    def _item(self, index: int) -> Item:
        return self.states[self.keys[index][-1]]
