"""The tables of a status snapshot: states built from compact rows when first read.

A full status pass at 10k tasks decides 20,000 milestone and 22,000 task/item
statuses, but most readers look at a few of them (a task's panel, the roots of the
blocking ranking, the rows a view shows). ``LazyStates`` is the read-only mapping
``StatusSnapshot.milestones`` / ``items`` / ``tasks`` are: it knows its keys (in the
order of a full pass) and a function that builds one state from what the pass kept
(rows, status codes, risk lists); a state is built on first access and kept, so a
state changed afterwards (the roll-up of higher-level tasks) stays changed, and a
reader that walks every state builds each once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, ValuesView
from typing import Any, Generic, TypeVar

State = TypeVar("State")


class LazyStates(Mapping[str, State], Generic[State]):
    """Read-only ``id -> state``; each state built by ``make(id)`` when first read."""

    __slots__ = ("_complete", "_keys", "_made", "_make")

    def __init__(self, keys: Mapping[str, Any], make: Callable[[str], State]) -> None:
        """``keys``: every id, in the order the mapping iterates (only membership and
        order are read); ``make``: builds the state of one of them."""
        self._keys, self._make = keys, make
        self._made: dict[str, State] = {}
        self._complete = False

    def __getitem__(self, key: str) -> State:
        made = self._made.get(key)
        if made is None:
            if key not in self._keys:
                raise KeyError(key)
            made = self._made[key] = self._make(key)
        return made

    def get(self, key: str, default: Any = None) -> Any:
        made = self._made.get(key)
        if made is None:
            if key not in self._keys:
                return default
            made = self._made[key] = self._make(key)
        return made

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def _all(self) -> dict[str, State]:
        """Every state, built once, in key order (states built before are kept)."""
        if not self._complete:
            made, make = self._made, self._make
            self._made = {key: made.get(key) or make(key) for key in self._keys}
            self._complete = True
        return self._made

    def values(self) -> ValuesView[State]:
        return self._all().values()

    def items(self) -> Any:
        return self._all().items()

    def __repr__(self) -> str:
        return f"LazyStates({len(self._keys)} states, {len(self._made)} built)"
