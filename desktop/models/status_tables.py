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

from collections.abc import Callable, Iterable, Iterator, Mapping, ValuesView
from itertools import repeat
from typing import Any, Generic, TypeVar

from desktop.models.status_columns import index_of_keys

State = TypeVar("State")
#: What a ``peek`` function answers for a field it cannot give without the state.
NOT_PEEKED = object()


class LazyStates(Mapping[str, State], Generic[State]):
    """Read-only ``id -> state``; each state built by ``make(id)`` when first read."""

    __slots__ = ("_columns", "_complete", "_keys", "_made", "_make", "_peek")

    def __init__(
        self,
        keys: Mapping[str, Any],
        make: Callable[[str], State],
        peek: Callable[[str, str], Any] | None = None,
        columns: Callable[[str], dict[str, Any] | list[Any] | None] | None = None,
    ) -> None:
        """``keys``: every id, in the order the mapping iterates (only membership and
        order are read); ``make``: builds the state of one of them; ``peek(id, name)``:
        the field ``name`` that state would have, without building it, or ``NOT_PEEKED``;
        ``columns(name)``: ``{id: that field}`` of every key in key order, as the states
        would have it when built, read in bulk from the pass's columns (no call per
        key; or a list of the values in key order), or None for a field it cannot give
        so."""
        self._keys, self._make, self._peek, self._columns = keys, make, peek, columns
        self._made: dict[str, State] = {}
        self._complete = False

    @property
    def maker(self) -> Callable[[str], State]:
        """The function building a state (``status_kept.PassTables``' method)."""
        return self._make

    def value_of(self, key: str, name: str) -> Any:
        """The field ``name`` of the state of ``key``, built only when it has to be: a
        state built before answers itself (it may have changed since: the roll-up)."""
        made = self._made.get(key)
        if made is None:
            if key not in self._keys:
                raise KeyError(key)
            if self._peek is not None:
                value = self._peek(key, name)
                if value is not NOT_PEEKED:
                    return value
            made = self[key]
        return getattr(made, name)

    def values_of(self, name: str) -> dict[str, Any]:
        """``{id: value_of(id, name)}`` for every state, in key order."""
        peek, made = self._peek, self._made
        if self._complete or peek is None:
            return {key: getattr(state, name) for key, state in self._all().items()}
        column = self._column(name)
        if column is not None:  # (a built state answers itself: it may have changed)
            for key, built in made.items():
                column[key] = getattr(built, name)
            return column
        out: dict[str, Any] = {}
        for key in self._keys:
            state = made.get(key)
            if state is None:
                value = peek(key, name)
                out[key] = getattr(self[key], name) if value is NOT_PEEKED else value
            else:
                out[key] = getattr(state, name)
        return out

    def _column(self, name: str) -> dict[str, Any] | None:
        """``columns(name)`` as a dict (a list of values zipped with the keys)."""
        column = None if self._columns is None else self._columns(name)
        if isinstance(column, list):
            return dict(zip(self._keys, column, strict=True))
        return column

    def values_list(self, name: str) -> list[Any]:
        """``list(values_of(name).values())``: without a dict when the columns give a
        list and no state is built (a built state answers itself)."""
        if not self._made and self._columns is not None and self._peek is not None:
            column = self._columns(name)
            if isinstance(column, list):
                return column
        return list(self.values_of(name).values())

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

    def unkept(self, key: str, default: Any = None) -> Any:
        """``get(key, default)`` without keeping a state it builds (a state built before
        answers itself: it may have changed since, the roll-up); the state equals the
        one ``get`` would keep. For a reader passing once over many states."""
        made = self._made.get(key)
        if made is not None:
            return made
        if key not in self._keys:
            return default
        return self._make(key)

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


def value_of(states: Mapping[str, Any], key: str, name: str, default: Any = None) -> Any:
    """The field ``name`` of ``states[key]`` (``default`` for an unknown key), without
    building the state when ``states`` is a full pass's ``LazyStates`` that can say it."""
    if isinstance(states, LazyStates):
        return states.value_of(key, name) if key in states else default
    state = states.get(key)
    return default if state is None else getattr(state, name)


def state_of(states: Mapping[str, Any], key: str, default: Any = None) -> Any:
    """``states.get(key, default)``, without keeping the state it builds when ``states``
    is a full pass's ``LazyStates`` (or an incremental snapshot's layers over one:
    their ``unkept``): the timeline's rows read every milestone's and most tasks'
    states once; kept, those states were ~96 MB at 100k tasks and 200,000 milestones."""
    unkept = getattr(states, "unkept", None)
    if unkept is not None:
        return unkept(key, default)
    return states.get(key, default)


def values_of(states: Mapping[str, Any], name: str) -> dict[str, Any]:
    """``{key: state.name}`` for every state of ``states``, without building them when
    ``states`` is a full pass's ``LazyStates`` that can say it."""
    if isinstance(states, LazyStates):
        return states.values_of(name)
    return {key: getattr(state, name) for key, state in states.items()}


def values_list(states: Mapping[str, Any], name: str) -> list[Any]:
    """``list(values_of(states, name).values())``, in key order (``LazyStates.
    values_list``: no dict made when the pass's columns give a list)."""
    if isinstance(states, LazyStates):
        return states.values_list(name)
    return [getattr(state, name) for state in states.values()]


def status_of(states: Mapping[str, Any], key: str) -> str | None:
    """The status of ``states[key]`` (None for an unknown key): ``value_of``."""
    return value_of(states, key, "status")


def values_for(
    states: Mapping[str, Any], name: str, keys: Iterable[str], default: Any = None
) -> list[Any]:
    """``[value_of(states, key, name, default) for key in keys]``: for a full pass's
    ``LazyStates`` keyed by a column's index (the status cache's tasks and items), read
    by each key's place in ``values_list`` (no dict of every state's field: 100,000
    tasks' statuses were ~3.7 MB of the dashboard's peak), else through ``values_of``."""
    index = index_of_keys(states._keys) if isinstance(states, LazyStates) else {}
    if index:
        values = [*values_list(states, name), default]  # (the last: a key not known)
        return list(map(values.__getitem__, map(index.get, keys, repeat(len(index)))))
    found = values_of(states, name)
    return list(map(found.get, keys, repeat(default)))
