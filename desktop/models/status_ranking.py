"""The blocking ranking of a status pass: which units hold up the most other tasks.

Each root-cause milestone is attributed to its owner unit (else the first lead,
else responsible unit of its item or task); units are ranked by the number of
distinct tasks (other than the root's own) they hold up transitively.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.models.status_tables import value_of

if TYPE_CHECKING:
    from desktop.models.status import MilestoneState, NodeState

NodeKey = tuple[str, str]


@dataclass
class BlockingUnit:
    unit_id: str | None
    unit_name: str
    blocked_task_ids: list[str]
    root_milestone_ids: list[str]


def blocked_tasks(
    root_id: str,
    nodes: set[NodeKey],
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
    reached: Mapping[str, set[NodeKey]],
    milestones: Mapping[str, MilestoneState],
    items: Mapping[str, NodeState],
    unit_names: Mapping[str, str],
    *,
    milestone_rows: Mapping[str, tuple] | None = None,
    item_places: Mapping[str, tuple[str, int]] | None = None,
    unit_of: Callable[[str], str | None] | None = None,
) -> list[BlockingUnit]:
    """``milestone_rows``: each milestone's row (its task second) and ``item_places``:
    each item's (task, position), and ``unit_of``: the unit of a root milestone, when
    the caller knows them without the states (else read from the states): each node's
    task read inline, a call fewer per node."""
    per_unit_tasks: dict[str | None, set[str]] = defaultdict(set)
    per_unit_roots: dict[str | None, list[str]] = defaultdict(list)
    rows_get = None if milestone_rows is None else milestone_rows.get
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
    ranking = [
        blocking_unit(unit, tasks, per_unit_roots[unit], unit_names)
        for unit, tasks in per_unit_tasks.items()
    ]
    rank_order(ranking)
    return ranking
