"""The blocking ranking of a status pass: which units hold up the most other tasks.

Each root-cause milestone is attributed to its owner unit (else the first lead,
else responsible unit of its item or task); units are ranked by the number of
distinct tasks (other than the root's own) they hold up transitively.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass
from itertools import chain, islice, repeat
from typing import TYPE_CHECKING, Any

from desktop.models.status_columns import IndexedRows
from desktop.models.status_tables import value_of

if TYPE_CHECKING:
    from desktop.models.status import MilestoneState, NodeState

NodeKey = tuple[str, str]


class HeldUp:
    """Each root that holds up a task (in the pass's order), its unit and those tasks,
    as ``rank_blocking`` found them, for the status cache's ``Tally``: flat columns, as
    they are kept while the pass and ``keep_compact`` are at their peak memory (~0.5
    MiB at 18,000 roots, where a dict of (unit, tasks) tuples is ~2 MiB)."""

    __slots__ = ("counts", "roots", "tasks", "units")

    def __init__(self) -> None:
        self.roots: list[str] = []
        self.units: list[str | None] = []
        self.counts = array("I")  # how many tasks each root holds up
        self.tasks: list[str] = []  # root after root, each root's in its set's order

    def per_root(self) -> Iterator[tuple[str, tuple[Any, ...]]]:
        """(root id, (its unit, then the tasks it holds up)) of each root, in order."""
        runs = map(islice, repeat(iter(self.tasks)), self.counts)
        return zip(self.roots, map(tuple, map(chain, zip(self.units), runs)), strict=True)


class Reach(IndexedRows):
    """A pass's ``roots`` (root id -> the nodes it flags) without a set per root: each
    root's nodes in a tuple, a root's one node as itself (18,000 roots at 100k tasks,
    half with one node: a small set is 216 bytes, a node kept anyway). Reads each root's
    nodes as ``Nodes`` (equal to a set of them, iterated in the order found)."""

    __slots__ = ()

    def __init__(self, roots: Mapping[str, Iterable[NodeKey]]) -> None:
        """``roots``: each root's nodes (distinct), in the roots' order."""
        # (the keys' dict: its values each root's packed nodes, not positions)
        self._index = {root: _packed(tuple(nodes)) for root, nodes in roots.items()}

    def __getitem__(self, root_id: str) -> Nodes:
        nodes = self._index[root_id]
        return Nodes((nodes,) if nodes and type(nodes[0]) is str else nodes)


class Nodes(Set[NodeKey]):
    """A root's reached nodes as ``Reach`` reads them: a read-only set over a tuple,
    iterated in the order the pass found them (the order ``rank_blocking`` read them in,
    which the tasks a root holds up are listed in: a set rebuilt from them may iterate
    in another)."""

    __slots__ = ("_nodes",)

    def __init__(self, nodes: tuple[NodeKey, ...]) -> None:
        self._nodes = nodes

    def __contains__(self, node: object) -> bool:
        return node in self._nodes

    def __iter__(self) -> Iterator[NodeKey]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)

    def __repr__(self) -> str:
        return f"Nodes({set(self._nodes)!r})"


def _packed(nodes: tuple[NodeKey, ...]) -> NodeKey | tuple[NodeKey, ...]:
    """A root's one node as itself, else its nodes' tuple."""
    return nodes[0] if len(nodes) == 1 else nodes


@dataclass
class BlockingUnit:
    unit_id: str | None
    unit_name: str
    blocked_task_ids: list[str]
    root_milestone_ids: list[str]


def blocked_tasks(
    root_id: str,
    nodes: Iterable[NodeKey],
    milestones: Mapping[str, MilestoneState],
    items: Mapping[str, NodeState],
) -> set[str]:
    """The tasks (other than its own) a root-cause milestone holds up (read without
    building the states a full pass's ``LazyStates`` can tell it from)."""
    blocked = set()
    for kind, rid in nodes:
        if kind == "task":
            blocked.add(rid)
        elif kind == "item" and rid in items:
            blocked.add(value_of(items, rid, "task_id"))
        elif kind == "milestone" and rid in milestones:
            blocked.add(value_of(milestones, rid, "task_id"))
    if root_id not in milestones:
        raise KeyError(root_id)
    blocked.discard(value_of(milestones, root_id, "task_id"))
    return blocked


def blocking_unit(
    unit: str | None, tasks: Iterable[str], roots: Iterable[str], unit_names: Mapping[str, str]
) -> BlockingUnit:
    return BlockingUnit(
        unit, unit_names.get(unit or "", "未指定单位"), sorted(tasks), sorted(roots)
    )


def rank_order(ranking: list[BlockingUnit]) -> None:
    """Most tasks held up first, then by unit name."""
    ranking.sort(key=lambda b: (-len(b.blocked_task_ids), b.unit_name))


def rank_blocking(
    reached: Mapping[str, Iterable[NodeKey]],
    milestones: Mapping[str, MilestoneState],
    items: Mapping[str, NodeState],
    unit_names: Mapping[str, str],
    *,
    milestone_rows: Mapping[str, tuple] | None = None,
    item_places: Mapping[str, tuple[str, int]] | None = None,
    unit_of: Callable[[str], str | None] | None = None,
    held_up: HeldUp | None = None,
) -> list[BlockingUnit]:
    """``milestone_rows``: each milestone's row (its task second) and ``item_places``:
    each item's (task, position), and ``unit_of``: the unit of a root milestone, when
    the caller knows them without the states (else read from the states): each node's
    task read inline, a call fewer per node. ``held_up``: filled, when given, with each
    root that holds up a task (in ``reached``'s order), its unit and those tasks: the
    status cache's ``Tally`` takes them over."""
    per_unit_tasks: dict[str | None, set[str]] = defaultdict(set)
    per_unit_roots: dict[str | None, list[str]] = defaultdict(list)
    rows_get = None if milestone_rows is None else milestone_rows.get
    if held_up is not None:
        held_roots, held_units = held_up.roots.append, held_up.units.append
        held_counts, held_tasks = held_up.counts.append, held_up.tasks.extend
    places_get = None if item_places is None else item_places.get
    for root_id, nodes in reached.items():
        if rows_get is None or places_get is None:
            blocked = blocked_tasks(root_id, nodes, milestones, items)
        else:
            blocked = set()
            add = blocked.add
            for kind, rid in nodes:
                if kind == "task":
                    add(rid)
                elif kind == "milestone":
                    row = rows_get(rid)
                    if row is not None:
                        add(row[1])
                else:
                    place = places_get(rid)
                    if place is not None:
                        add(place[0])
            root_row = rows_get(root_id)
            if root_row is not None:
                blocked.discard(root_row[1])
        if blocked:
            unit = milestones[root_id].unit_id if unit_of is None else unit_of(root_id)
            per_unit_tasks[unit] |= blocked
            per_unit_roots[unit].append(root_id)
            if held_up is not None:
                held_roots(root_id)
                held_units(unit)
                held_counts(len(blocked))
                held_tasks(blocked)
    ranking = [
        blocking_unit(unit, tasks, per_unit_roots[unit], unit_names)
        for unit, tasks in per_unit_tasks.items()
    ]
    rank_order(ranking)
    return ranking
