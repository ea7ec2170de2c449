"""How an incremental status pass merges its part into the previous snapshot.

``Layered``: a read-only mapping over a shared dict (copy-on-write without the copy);
``Tally``: the blocking ranking kept per unit; ``merged_inputs``: the inputs of the
whole database after a component was reloaded. Used by ``desktop.models.status_cache``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Set
from dataclasses import fields
from itertools import islice
from typing import Any

from desktop.models import status as st
from desktop.models.status_ranking import BlockingUnit, blocked_tasks, blocking_unit, rank_order
from desktop.models.status_tables import state_of, value_of


def replaced(old: Mapping, gone: Iterable, new: Mapping) -> Mapping:
    """``old`` without the keys ``gone``, with ``new`` added; ``old`` is not changed."""
    return Layered.over(old, gone, new)


def field_of(states: Mapping, key: object, name: str, default: Any = None) -> Any:
    """``status_tables.value_of`` through the layers of an incremental snapshot's
    ``Layered`` states too: the field ``name`` of ``states[key]``, its state built only
    when it has to be."""
    if isinstance(states, Layered):
        return states.value_of(key, name, default)
    return value_of(states, key, name, default)  # type: ignore[arg-type]


class Layered(Mapping):
    """A read-only mapping: a shared base dict, minus some keys, plus a small top.

    An incremental pass changes a few hundred of 200,000 entries: copying the
    dict would cost more than the pass. Layers are flattened into a new dict when
    their changes exceed ``FLATTEN`` of the base (amortised: one copy per many
    passes)."""

    FLATTEN = 0.05
    MIN_CHANGES = 64  # small databases keep layers too (and the tests see them)
    __slots__ = ("_base", "_gone", "_len", "_top")

    def __init__(self, base: dict, gone: frozenset, top: dict, length: int | None = None) -> None:
        self._base, self._gone, self._top = base, gone, top
        self._len = (
            len(base) - sum(1 for k in gone if k in base) + sum(1 for k in top if k not in base)
            if length is None
            else length
        )

    @classmethod
    def over(cls, old: Mapping, gone: Iterable, new: Mapping) -> Mapping:
        # what is known of the keys before is not asked again: only the keys of this
        # change are looked up (in ``old``, whose base may be a full pass's columns with
        # a membership test in Python; asking every key of the layers on every pass grew
        # with the edits since the last flattening)
        if isinstance(old, Layered):
            base, gone_before, top, length = old._base, old._gone, dict(old._top), old._len
        else:
            base, gone_before, top, length = old, frozenset(), {}, len(old)  # type: ignore[assignment]
        in_base = base.__contains__

        def present(keys: set) -> int:
            """How many of ``keys`` ``old`` holds (set operations in C: those in its top
            layer, then the base's own test on those neither there nor gone)."""
            below = keys.difference(top).difference(gone_before)
            in_top = len(keys) - len(below) - len(keys.intersection(gone_before))
            return in_top + sum(map(in_base, below))

        added = set(new)
        removed = set(gone).difference(added)  # a key kept keeps its place
        length += len(added) - present(added) - present(removed)
        for key in removed:
            top.pop(key, None)
        top.update(new)
        all_gone = gone_before.difference(new) | frozenset(filter(in_base, removed))
        layered = cls(base, all_gone, top, length)
        if len(top) + len(all_gone) > cls.FLATTEN * len(base) + cls.MIN_CHANGES:
            return layered.flattened()
        return layered

    def flattened(self) -> dict:
        """A dict equal to ``dict(self.items())``, in the same order, copied in C (a
        changed key keeps its place, the added ones follow): ~5 ms at 200,000 entries
        where iterating ``items`` took ~250 ms."""
        flat = dict(self._base)
        for key in self._gone:
            del flat[key]
        flat.update(self._top)
        return flat

    def __getitem__(self, key: object) -> Any:
        top = self._top
        if key in top:
            return top[key]
        if key in self._gone:
            raise KeyError(key)
        return self._base[key]

    def get(self, key: object, default: Any = None) -> Any:
        top = self._top
        if key in top:
            return top[key]
        if key in self._gone:
            return default
        return self._base.get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._top or (key not in self._gone and key in self._base)

    def unkept(self, key: object, default: Any = None) -> Any:
        """``get``, without keeping a base state it builds (``status_tables.state_of``)."""
        top = self._top
        if key in top:
            return top[key]
        if key in self._gone:
            return default
        return state_of(self._base, key, default)  # type: ignore[arg-type]

    def value_of(self, key: object, name: str, default: Any = None) -> Any:
        """The field ``name`` of the state of ``key`` (``default`` for an unknown key),
        without building a base state that its ``LazyStates`` can tell."""
        top = self._top
        if key in top:
            return getattr(top[key], name)
        if key in self._gone:
            return default
        return field_of(self._base, key, name, default)

    def __iter__(self) -> Iterator:
        for key, _value in self.items():
            yield key

    def __len__(self) -> int:
        return self._len

    def items(self) -> Iterator[tuple[Any, Any]]:  # type: ignore[override]
        """In the base's order (a changed entry keeps its place, as in a full
        pass), then the added entries."""
        top, gone, base = self._top, self._gone, self._base
        for key, value in base.items():
            if key in top:
                yield key, top[key]
            elif key not in gone:
                yield key, value
        for key, value in top.items():
            if key not in base:
                yield key, value

    def values(self) -> Iterator[Any]:  # type: ignore[override]
        for _key, value in self.items():
            yield value


class Tally:
    """The blocking ranking kept per unit: which roots hold up which tasks."""

    def __init__(self, snap: st.StatusSnapshot | None = None) -> None:
        """Empty, or the tally of ``snap``'s roots: taken over from its ``held_up`` when
        the pass kept it (the status cache's full pass: each root's unit and tasks as its
        ranking found them; each unit's counts updated once), else root by root
        (``add``)."""
        # root id -> (its unit, then the tasks it holds up): one tuple, not a set nor a
        # pair (18,000 roots at 100k tasks, most holding up one task: ~3 MB of sets)
        self.of_root: dict[str, tuple[Any, ...]] = {}
        self.per_unit: dict[str | None, Counter[str]] = defaultdict(Counter)
        self.roots: dict[str | None, set[str]] = defaultdict(set)
        if snap is None:
            return
        held, snap.held_up = snap.held_up, None  # (taken over: its columns freed)
        if held is None:
            for root_id, nodes in snap.roots.items():
                self.add(root_id, nodes, snap)
            return
        self.of_root = of_root = dict(held.per_root())
        del held
        found_of: dict[str | None, list[str]] = {}
        roots = self.roots
        for root_id, held_by in of_root.items():
            unit = held_by[0]
            found = found_of.get(unit)
            if found is None:
                found_of[unit] = found = []
            found.extend(islice(held_by, 1, None))
            roots[unit].add(root_id)
        for unit, found in found_of.items():
            self.per_unit[unit].update(found)

    def add(self, root_id: str, nodes: Set, snap: st.StatusSnapshot) -> str | None:
        unit = field_of(snap.milestones, root_id, "unit_id")  # (no state built)
        blocked = blocked_tasks(root_id, nodes, snap.milestones, snap.items)
        if blocked:
            self.of_root[root_id] = (unit, *blocked)
            self.per_unit[unit].update(blocked)
            self.roots[unit].add(root_id)
        return unit

    def remove(self, root_id: str) -> str | None:
        unit, *blocked = self.of_root.pop(root_id, (None,))
        if blocked:
            counts = self.per_unit[unit]
            counts.subtract(blocked)
            for task in blocked:
                if counts[task] <= 0:
                    del counts[task]
            self.roots[unit].discard(root_id)
        return unit

    def ranking(
        self, before: list[BlockingUnit], changed: set[str | None], names: Mapping[str, str]
    ) -> list[BlockingUnit]:
        ranking = [b for b in before if b.unit_id not in changed]
        # a changed unit holding up the same tasks by the same roots as before keeps its
        # entry (its tasks not sorted again: thousands for a large unit)
        kept = {b.unit_id: b for b in before if b.unit_id in changed}
        for unit in changed:
            tasks = self.per_unit.get(unit)
            if not tasks:
                continue
            roots = self.roots[unit]
            old = kept.get(unit)
            if old is None or not (
                _same(old.blocked_task_ids, tasks) and _same(old.root_milestone_ids, roots)
            ):
                old = blocking_unit(unit, tasks, roots, names)
            ranking.append(old)
        rank_order(ranking)
        return ranking


def _same(listed: list[str], found: Collection[str]) -> bool:
    """Whether ``listed`` (distinct) holds the same ids as ``found`` (in C)."""
    return len(listed) == len(found) and all(map(found.__contains__, listed))


# StatusInputs fields by what their keys are (the rest are lists or shared)
_BY_TASK = ("tasks", "task_prefix", "item_counts", "task_unit", "task_percent",
            "target_percent", "task_deadline", "plan_date")  # fmt: skip
_BY_ITEM = ("items", "item_unit")


def merged_inputs(
    old: st.StatusInputs,
    part: st.StatusInputs,
    component: set[str],
    old_items: set[str],
    old_ms: set[str],
) -> st.StatusInputs:
    """The inputs of the whole database after the component was reloaded: the
    per-task, per-item and per-milestone rows; the row lists (milestones,
    extensions) and the unit names of the new part."""
    merged = st.StatusInputs()
    for f in fields(st.StatusInputs):
        setattr(merged, f.name, getattr(part, f.name))
    for name in _BY_TASK:
        setattr(merged, name, replaced(getattr(old, name), component, getattr(part, name)))
    for name in _BY_ITEM:
        setattr(merged, name, replaced(getattr(old, name), old_items, getattr(part, name)))
    merged.current_due = replaced(old.current_due, old_ms, part.current_due)  # type: ignore[assignment]
    merged.closed_tasks = (old.closed_tasks - component) | part.closed_tasks
    merged.closed_items = (old.closed_items - old_items) | part.closed_items
    return merged
