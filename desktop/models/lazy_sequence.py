"""A read-only sequence whose items are made when read (one way for every such list).

Used where a view or a count needs a list's length and a few of its items, but the
list is long (tens of thousands of 催报 entries or rows at 100k tasks) and each item
costs an object: ``LazySequence`` answers ``len`` from what it holds and builds an item
by index on access (``_item``), with slices, negative indexes and equality as a list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar, overload

Item = TypeVar("Item")


class LazySequence(Sequence[Item]):
    """Subclasses give ``__len__`` and ``_item(index)`` (0 <= index < len)."""

    __slots__ = ()

    def _item(self, index: int) -> Item:
        raise NotImplementedError

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
