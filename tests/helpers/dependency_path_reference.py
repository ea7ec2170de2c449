"""The cycle check's path search as it was: the whole event graph built, then searched.

``desktop.models.dependencies._find_path`` now reads only the events it reaches; the
tests compare it with this copy (same path, or none) on varied graphs."""

from __future__ import annotations

from collections import deque

from desktop.models.coordination_common import NodeKey
from desktop.models.dependencies import _event
from desktop.models.store import Store


def reference_find_path(store: Store, start: NodeKey, goal: NodeKey) -> list[NodeKey] | None:
    """Nodes on a path from ``start``'s start to ``goal``'s finish, if any.

    The event graph: dependency = finish(pred) → start(succ); a task/item
    starts before it finishes; a task starts before its items and milestones
    and finishes after them.
    """
    edges: dict[tuple, list[tuple]] = {}

    def link(a: tuple, b: tuple) -> None:
        edges.setdefault(a, []).append(b)

    for pk, pid, sk, sid in store.db.execute(
        "SELECT pred_kind, pred_id, succ_kind, succ_id FROM dependency"
    ):
        link(_event((pk, pid), "f"), _event((sk, sid), "s"))
    for item_id, task_id in store.db.execute("SELECT id, task_id FROM item"):
        link(("task", task_id, "s"), ("item", item_id, "s"))
        link(("item", item_id, "f"), ("task", task_id, "f"))
        link(("item", item_id, "s"), ("item", item_id, "f"))
    for (task_id,) in store.db.execute("SELECT id FROM task"):
        link(("task", task_id, "s"), ("task", task_id, "f"))
    for ms_id, task_id, item_id in store.db.execute("SELECT id, task_id, item_id FROM milestone"):
        parent = ("item", item_id) if item_id else ("task", task_id)
        link((*parent, "s"), ("milestone", ms_id, "p"))
        link(("milestone", ms_id, "p"), (*parent, "f"))
    first, last = _event(start, "s"), _event(goal, "f")
    parent_of: dict[tuple, tuple | None] = {first: None}
    queue = deque([first])
    while queue:
        event = queue.popleft()
        if event == last:
            path: list[NodeKey] = []
            cursor: tuple | None = event
            while cursor is not None:
                node = (cursor[0], cursor[1])
                if not path or path[-1] != node:
                    path.append(node)
                cursor = parent_of[cursor]
            return path[::-1]
        for nxt in edges.get(event, ()):
            if nxt not in parent_of:
                parent_of[nxt] = event
                queue.append(nxt)
    return None
