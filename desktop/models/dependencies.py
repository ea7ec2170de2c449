"""Store actions: finish-to-start dependencies between tasks, items and milestones.

Adding a dependency that would close a cycle is refused with the cycle named.
"""

from __future__ import annotations

import json

from desktop.errors import NotFound, UserError
from desktop.models import coordination_queries as cq
from desktop.models.coordination_common import (
    NODE_KINDS,
    NodeKey,
    Snapshot,
    _row,
)
from desktop.models.ids import stable_id
from desktop.models.store import Store
from sync.vocabulary import MAX_LAG_DAYS, MIN_LAG_DAYS

# -- dependencies -----------------------------------------------------------------


def _node_exists(store: Store, key: NodeKey) -> bool:
    kind, rid = key
    if kind not in NODE_KINDS:
        raise ValueError(f"bad node kind {kind}")
    return bool(store.db.execute(f"SELECT 1 FROM [{kind}] WHERE id = ?", [rid]).fetchone())


def _containers(store: Store, key: NodeKey) -> list[NodeKey]:
    kind, rid = key
    if kind == "milestone":
        row = store.db.execute(
            "SELECT task_id, item_id FROM milestone WHERE id = ?", [rid]
        ).fetchone()
        return [("task", row[0])] + ([("item", row[1])] if row[1] else [])
    if kind == "item":
        return [
            ("task", store.db.execute("SELECT task_id FROM item WHERE id = ?", [rid]).fetchone()[0])
        ]
    return []


def _event(key: NodeKey, end: str) -> tuple[str, str, str]:
    """A task/item has a start ("s") and a finish ("f"); a milestone is one point."""
    return (*key, "p" if key[0] == "milestone" else end)


def _find_path(store: Store, start: NodeKey, goal: NodeKey) -> list[NodeKey] | None:
    """Nodes on a path from ``start``'s start to ``goal``'s finish, if any.

    The event graph: dependency = finish(pred) → start(succ); a task/item
    starts before it finishes; a task starts before its items and milestones
    and finishes after them.

    A breadth-first search that reads only what it reaches, a layer at a time
    (``_next_events``): at 100,000 tasks building the whole graph took seconds and
    millions of short-lived objects for an edit that reaches a few tasks. The events
    come in the order the whole graph listed them, so the path named is the same."""
    first, last = _event(start, "s"), _event(goal, "f")
    parent_of: dict[tuple, tuple | None] = {first: None}
    layer = [first]
    while layer:
        following = _next_events(store, layer)
        next_layer: list[tuple] = []
        for event in layer:
            if event == last:
                path: list[NodeKey] = []
                cursor: tuple | None = event
                while cursor is not None:
                    node = (cursor[0], cursor[1])
                    if not path or path[-1] != node:
                        path.append(node)
                    cursor = parent_of[cursor]
                return path[::-1]
            for nxt in following.get(event, ()):
                if nxt not in parent_of:
                    parent_of[nxt] = event
                    next_layer.append(nxt)
        layer = next_layer
    return None


def _next_events(store: Store, layer: list[tuple]) -> dict[tuple, list[tuple]]:
    """Each event's successors in the event graph, in the order a scan of the whole
    graph lists them: a finish's (or milestone's) dependencies by rowid, then its
    parent's finish; a task's start: its items' starts, its finish, its own
    milestones; an item's start: its finish, its milestones."""
    ids: dict[tuple[str, str], list[str]] = {}
    for kind, rid, end in layer:
        ids.setdefault((kind, end), []).append(rid)
    db = store.db

    def rows(sql: str, values: list[str]) -> list[tuple]:
        return db.execute(sql, [json.dumps(values)]).fetchall() if values else []

    def grouped(sql: str, values: list[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for child, parent in rows(sql, values):
            out.setdefault(parent, []).append(child)
        return out

    among = "IN (SELECT value FROM json_each(?))"
    dependents: dict[tuple, list[tuple]] = {}
    for kind, end in (("task", "f"), ("item", "f"), ("milestone", "p")):
        if (kind, end) in ids:
            for pid, succ_kind, succ_id in db.execute(
                f"SELECT pred_id, succ_kind, succ_id FROM dependency WHERE pred_kind = ?"
                f" AND pred_id {among} ORDER BY rowid",
                [kind, json.dumps(ids[kind, end])],
            ):
                dependents.setdefault((kind, pid, end), []).append(
                    _event((succ_kind, succ_id), "s")
                )
    items = ids.get(("item", "s"), []) + ids.get(("item", "f"), [])
    task_of_item = dict(rows(f"SELECT id, task_id FROM item WHERE id {among}", items))
    task_starts = ids.get(("task", "s"), [])
    tasks = {row[0] for row in rows(f"SELECT id FROM task WHERE id {among}", task_starts)}
    items_of_task = grouped(
        f"SELECT id, task_id FROM item WHERE task_id {among} ORDER BY rowid", task_starts
    )
    own_milestones = grouped(
        f"SELECT id, task_id FROM milestone WHERE task_id {among}"
        " AND coalesce(item_id, '') = '' ORDER BY rowid",
        task_starts,
    )
    item_milestones = grouped(
        f"SELECT id, item_id FROM milestone WHERE item_id {among} ORDER BY rowid",
        ids.get(("item", "s"), []),
    )
    milestone_parent = {
        mid: ("item", item_id, "f") if item_id else ("task", task_id, "f")
        for mid, task_id, item_id in rows(
            f"SELECT id, task_id, item_id FROM milestone WHERE id {among}",
            ids.get(("milestone", "p"), []),
        )
    }
    following: dict[tuple, list[tuple]] = {}
    for event in layer:
        kind, rid, end = event
        nxt = list(dependents.get(event, ()))
        if kind == "task" and end == "s":
            nxt += [("item", item_id, "s") for item_id in items_of_task.get(rid, ())]
            nxt += [("task", rid, "f")] if rid in tasks else []
            nxt += [("milestone", mid, "p") for mid in own_milestones.get(rid, ())]
        elif kind == "item" and end == "s":
            nxt += [("item", rid, "f")] if rid in task_of_item else []
            nxt += [("milestone", mid, "p") for mid in item_milestones.get(rid, ())]
        elif kind == "item" and rid in task_of_item:
            nxt.append(("task", task_of_item[rid], "f"))
        elif kind == "milestone" and rid in milestone_parent:
            nxt.append(milestone_parent[rid])
        following[event] = nxt
    return following


def add_dependency(store: Store, pred: NodeKey, succ: NodeKey, lag_days: int = 0) -> str:
    """Finish-to-start: ``succ`` starts after ``pred`` finishes plus ``lag_days``.

    A dependency that would close a cycle is refused, naming the cycle.
    """
    for key in (pred, succ):
        if not _node_exists(store, key):
            raise NotFound("依赖的前置或后续事项不存在。")
    try:
        lag = int(lag_days or 0)
        if isinstance(lag_days, float) and lag != lag_days:
            raise ValueError  # 1.5 days
    except (TypeError, ValueError, OverflowError):
        raise UserError("间隔天数“{}”不是整数。", lag_days) from None
    if not MIN_LAG_DAYS <= lag <= MAX_LAG_DAYS:
        raise UserError(
            f"间隔天数 {lag} 超出范围：应在 {MIN_LAG_DAYS}（提前一年）到 {MAX_LAG_DAYS} 天之间。"
        )
    if pred == succ:
        raise UserError("不能让一项工作依赖它自己。")
    if pred in _containers(store, succ) or succ in _containers(store, pred):
        raise UserError("任务与它自己的事项或里程碑之间不能建立依赖。")
    dep_id = stable_id("dependency", *pred, *succ)
    if store.db.execute("SELECT 1 FROM dependency WHERE id = ?", [dep_id]).fetchone():
        raise UserError("该依赖已存在。")
    path = _find_path(store, succ, pred)
    if path is not None:
        names = cq.node_labels(store.db, [*path, succ])
        raise UserError("依赖形成循环：" + " → ".join(names))
    with store.action("add_dependency") as tx:
        return tx.insert(
            "dependency",
            {
                "id": dep_id,
                "pred_kind": pred[0],
                "pred_id": pred[1],
                "succ_kind": succ[0],
                "succ_id": succ[1],
                "lag_days": lag,
            },
        )


def remove_dependency(store: Store, dependency_id: str) -> Snapshot:
    row = _row(store, "dependency", dependency_id, "依赖")
    with store.action("remove_dependency") as tx:
        tx.delete("dependency", dependency_id)
    return {"dependency": [row]}
