"""The dependency graph of a status pass: cycles on the event graph.

Dependency cycles (possible after sync: two desktops each add one half) are
found on the event graph (a task/item starts, then finishes; a milestone is one
point inside its item/task). ``desktop.models.status`` ignores dependencies
inside a cycle when it propagates risk and lists the cycles for the user.
Pure computation over ``StatusInputs``; no database.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping
from itertools import compress, repeat
from operator import and_, eq, is_not, itemgetter, not_
from typing import TYPE_CHECKING, TypeVar

from desktop.models.status_columns import ItemPlaces

if TYPE_CHECKING:
    from desktop.models.status import StatusInputs

NodeKey = tuple[str, str]  # ("task" | "item" | "milestone", id)

Event = tuple[str, str, str]  # (kind, id, "s" start | "f" finish | "p" milestone point)
Node = TypeVar("Node")
_NO_ROW = (None, None)  # (the task of an unknown milestone: None)
_TASK_OF_PLACE = itemgetter(0)  # (an item's (task id, position))


def _event(key: NodeKey, end: str) -> Event:
    return (*key, "p" if key[0] == "milestone" else end)


def find_cycles(
    inputs: StatusInputs,
    milestone_task: Callable[[str], str | None] | None = None,
    task_milestones: Callable[[str], Iterable[tuple[str, str | None]]] | None = None,
    *,
    milestone_rows: Mapping[str, tuple] | None = None,
    end_tasks: list[list[str | None]] | None = None,
) -> tuple[list[tuple[NodeKey, ...]], set[str]]:
    """Dependency cycles: (one path around each cycle, ids of dependencies in one).

    Without dependencies the event graph is acyclic, so every strongly
    connected component with more than one event is a cycle made of
    dependencies (plus containment). Deterministic: no clock, sorted starts.
    ``milestone_task``: the task of a milestone id, and ``task_milestones``: a task's
    milestones as (id, item id), when the caller knows them (else looked up in
    ``inputs.milestones``). ``milestone_rows``: milestone id → its row (the task id
    second), when the caller has them: each milestone end's task read inline.
    ``end_tasks``: given (empty), each dependency's predecessor's task and its
    successor's (two lists in the dependencies' order, None where an end has none) are
    put in it, for a caller that keeps them (the status cache's links), not read again;
    none when an end is of another kind (the search reads a milestone's task for it,
    the links none).
    """
    if not inputs.dependencies:
        return [], set()
    (heads, tails), candidates, odd = _cyclic_tasks(inputs, milestone_task, milestone_rows)
    if end_tasks is not None and not odd:
        end_tasks += (heads, tails)
    if not candidates:
        return [], set()
    dep_edges: dict[tuple[Event, Event], list[str]] = defaultdict(list)
    # (the dependencies between two candidate tasks picked in C: often a few)
    between = map(and_, map(candidates.__contains__, heads), map(candidates.__contains__, tails))
    for dep_id, pk, pid, sk, sid, _lag in compress(inputs.dependencies, between):
        a, b = _event((pk, pid), "f"), _event((sk, sid), "s")
        dep_edges[(a, b)].append(dep_id)
    edges = _EventGraph(inputs, dep_edges, candidates, task_milestones)
    starts = sorted({a for a, _b in dep_edges})
    paths: list[tuple[NodeKey, ...]] = []
    in_cycle: set[str] = set()
    for comp in _strong_components(edges.get, starts):
        for (a, b), ids in dep_edges.items():
            if a in comp and b in comp:
                in_cycle.update(ids)
        first = min(a for a, b in dep_edges if a in comp and b in comp)
        paths.append(_path_around(edges, comp, first))
    paths.sort()
    return paths, in_cycle


class _EventGraph:
    """Successors of an event, computed on demand: dependency edges plus the
    containment edges (task start → its items and milestones → task finish).
    Only events reachable from a dependency are ever visited."""

    def __init__(
        self,
        inputs: StatusInputs,
        dep_edges: dict[tuple[Event, Event], list[str]],
        tasks: set[str] | None = None,
        task_milestones: Callable[[str], Iterable[tuple[str, str | None]]] | None = None,
    ) -> None:
        """``tasks``: only the events of these tasks are ever reached (the rest is not
        indexed); ``task_milestones``: their milestones as (id, item id), when known."""
        self.deps: dict[Event, list[Event]] = defaultdict(list)
        for a, b in dep_edges:
            self.deps[a].append(b)
        self.items_of: dict[str, list[str]] = defaultdict(list)
        self.task_of_item: dict[str, str] = {}
        items = inputs.items
        found_items: Iterable[tuple[str, tuple[str, int]]] = items.items()
        if tasks is not None:  # (the items of these tasks picked in C: often a few)
            owners = (
                items.task_ids()
                if isinstance(items, ItemPlaces)
                else map(_TASK_OF_PLACE, items.values())
            )
            found_items = compress(found_items, map(tasks.__contains__, owners))
        for item_id, (task_id, _pos) in found_items:
            self.items_of[task_id].append(item_id)
            self.task_of_item[item_id] = task_id
        self.ms_of: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.parent_of: dict[str, tuple[str, str]] = {}
        if tasks is not None and task_milestones is not None:
            found: Iterable = (
                (ms_id, task_id, item_id)
                for task_id in sorted(tasks)
                for ms_id, item_id in task_milestones(task_id)
            )
        else:
            found = (row[:3] for row in inputs.milestones if tasks is None or row[1] in tasks)
        for ms_id, task_id, item_id in found:
            parent = ("item", item_id) if item_id else ("task", task_id)
            self.ms_of[parent].append(ms_id)
            self.parent_of[ms_id] = parent

    def get(self, event: Event, default: object = ()) -> list[Event]:
        kind, rid, end = event
        out = list(self.deps.get(event, ()))
        if kind == "task" and end == "s":
            out.append(("task", rid, "f"))
            out += [("item", i, "s") for i in self.items_of.get(rid, ())]
            out += [("milestone", m, "p") for m in self.ms_of.get(("task", rid), ())]
        elif kind == "item" and end == "s":
            out.append(("item", rid, "f"))
            out += [("milestone", m, "p") for m in self.ms_of.get(("item", rid), ())]
        elif kind == "item" and end == "f" and rid in self.task_of_item:
            out.append(("task", self.task_of_item[rid], "f"))
        elif kind == "milestone" and rid in self.parent_of:
            out.append((*self.parent_of[rid], "f"))
        return out


def _cyclic_tasks(
    inputs: StatusInputs,
    milestone_task: Callable[[str], str | None] | None = None,
    milestone_rows: Mapping[str, tuple] | None = None,
) -> tuple[tuple[list[str | None], list[str | None]], set[str], bool]:
    """((each dependency's predecessor's task, its successor's: None when unknown),
    the tasks an event cycle can pass through, whether an end is of another kind than
    a task, an item or a milestone: read as a milestone's).

    Every event cycle projects onto a cycle (or a self-loop) of the task graph,
    because containment edges stay inside a task: its events all belong to the tasks
    of one strongly connected component of the task graph with 2+ tasks, or to one
    task with a dependency inside it. Only those tasks are searched at event level;
    an acyclic task graph (the usual case) skips the search. ``milestone_task``: the
    task of a milestone id, when the caller knows it; ``milestone_rows``: a milestone
    id's row (its task second), read inline (a call fewer per milestone end)."""
    inline = milestone_rows is not None
    rows: Mapping[str, tuple] = {} if milestone_rows is None else milestone_rows
    rows_get = rows.get
    if milestone_task is None:
        milestone_task = (
            (lambda ms_id: rows_get(ms_id, _NO_ROW)[1])
            if inline
            else {ms_id: task_id for ms_id, task_id, *_rest in inputs.milestones}.get
        )

    heads: list[str | None] = []
    tails: list[str | None] = []
    add_head, add_tail = heads.append, tails.append
    odd = False  # (an end of another kind met)
    items_get = inputs.items.get
    for _dep_id, pk, pid, sk, sid, _lag in inputs.dependencies:
        # (each end's task inline: a call fewer per end)
        if pk == "milestone":
            a = rows_get(pid, _NO_ROW)[1] if inline else milestone_task(pid)
        elif pk == "task":
            a = pid
        elif pk == "item":
            item = items_get(pid)
            a = item[0] if item else None
        else:
            a, odd = milestone_task(pid), True
        if sk == "milestone":
            b = rows_get(sid, _NO_ROW)[1] if inline else milestone_task(sid)
        elif sk == "task":
            b = sid
        elif sk == "item":
            item = items_get(sid)
            b = item[0] if item else None
        else:
            b, odd = milestone_task(sid), True
        add_head(a)
        add_tail(b)
    return (heads, tails), _on_cycles(heads, tails), odd


def _on_cycles(heads: list[str | None], tails: list[str | None]) -> set[str]:
    """The tasks on a cycle of the task graph whose edges are ``heads[n]`` →
    ``tails[n]`` (an end None: no edge), a task with an edge to itself among them.
    The edges on no cycle are trimmed away first, a round at a time over the edge
    lists in C: an edge is kept while each of its ends is the head of an edge left and
    the tail of one (the usual acyclic task graph: none left, no search; a dict of
    sets per task, then rounds over it, were ~40 ms at 100k tasks). The strongly
    connected components of what is left are then searched."""
    known = list(map(and_, map(is_not, heads, repeat(None)), map(is_not, tails, repeat(None))))
    same = list(map(eq, heads, tails))
    candidates: set[str] = set(compress(heads, map(and_, known, same)))  # type: ignore[arg-type]
    kept = list(map(and_, known, map(not_, same)))  # (no None left after the first round)
    while True:
        heads, tails = list(compress(heads, kept)), list(compress(tails, kept))
        both = set(heads).intersection(tails)
        kept = list(map(and_, map(both.__contains__, heads), map(both.__contains__, tails)))
        if all(kept):
            break
    succ: dict[str, set[str]] = {}
    for a, b in zip(heads, tails, strict=True):
        succ.setdefault(a, set()).add(b)  # type: ignore[arg-type]
    # (a component is the same set whatever order it is searched in: nothing sorted)
    for comp in _strong_components(succ.__getitem__, list(succ)):
        candidates |= comp
    return candidates


def _strong_components(
    successors: Callable[[Node], Iterable[Node]], starts: list[Node]
) -> list[set[Node]]:
    """Tarjan (iterative) from ``starts``; only components of 2+ nodes (events, or the
    tasks of the task graph)."""
    index: dict[Node, int] = {}
    low: dict[Node, int] = {}
    stack: list[Node] = []
    on_stack: set[Node] = set()
    found: list[set[Node]] = []
    for root in starts:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(successors(root)))]
        while work:
            v, pending = work[-1]
            for w in pending:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(successors(w))))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    u = work[-1][0]
                    low[u] = min(low[u], low[v])
                if low[v] == index[v]:
                    comp: set[Node] = set()
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.add(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        found.append(comp)
    return found


def _path_around(edges: _EventGraph, comp: set[Event], first: Event) -> tuple:
    """The nodes of a shortest way from ``first`` back to itself inside ``comp``."""
    parent: dict[Event, Event] = {}
    queue = deque([first])
    end: Event | None = None
    while queue and end is None:
        event = queue.popleft()
        for nxt in sorted(edges.get(event, ())):
            if nxt not in comp:
                continue
            if nxt == first:
                end = event
                break
            if nxt not in parent:
                parent[nxt] = event
                queue.append(nxt)
    events = [first]
    cursor = end
    while cursor is not None and cursor != first:
        events.append(cursor)
        cursor = parent.get(cursor)
    events.append(first)
    events = [events[0], *reversed(events[1:-1]), events[-1]]
    nodes: list[NodeKey] = []
    for kind, rid, _end in events:
        if not nodes or nodes[-1] != (kind, rid):
            nodes.append((kind, rid))
    return tuple(nodes)
