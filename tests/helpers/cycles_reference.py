"""``status_graph.find_cycles`` without its task-graph shortcut (issue 14, branch
pass17): every task a dependency end belongs to is searched at event level, each
end's task found one dependency at a time. Never used by the application."""

from __future__ import annotations

from collections import defaultdict

from desktop.models.status import StatusInputs
from desktop.models.status_graph import (
    Event,
    NodeKey,
    _event,
    _EventGraph,
    _path_around,
    _strong_components,
)


def reference_find_cycles(inputs: StatusInputs) -> tuple[list[tuple[NodeKey, ...]], set[str]]:
    """(one path around each cycle, ids of dependencies in one), as ``find_cycles``."""
    milestone_task = {row[0]: row[1] for row in inputs.milestones}

    def task_of(kind: str, rid: str) -> str | None:
        if kind == "task":
            return rid
        if kind == "item":
            item = inputs.items.get(rid)
            return item[0] if item else None
        return milestone_task.get(rid)

    dep_edges: dict[tuple[Event, Event], list[str]] = defaultdict(list)
    tasks: set[str] = set()
    for dep_id, pk, pid, sk, sid, _lag in inputs.dependencies:
        pred_task, succ_task = task_of(pk, pid), task_of(sk, sid)
        if pred_task is None or succ_task is None:
            continue
        tasks |= {pred_task, succ_task}
        dep_edges[(_event((pk, pid), "f"), _event((sk, sid), "s"))].append(dep_id)
    edges = _EventGraph(inputs, dep_edges, tasks)
    paths: list[tuple[NodeKey, ...]] = []
    in_cycle: set[str] = set()
    for comp in _strong_components(edges.get, sorted({a for a, _b in dep_edges})):
        inside = [(a, b) for a, b in dep_edges if a in comp and b in comp]
        for pair in inside:
            in_cycle.update(dep_edges[pair])
        paths.append(_path_around(edges, comp, min(a for a, _b in inside)))
    paths.sort()
    return paths, in_cycle
