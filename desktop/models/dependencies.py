"""Store actions: finish-to-start dependencies between tasks, items and milestones.

Adding a dependency that would close a cycle is refused with the cycle named.
"""

from __future__ import annotations

from collections import deque

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

# -- dependencies -----------------------------------------------------------------

# The lag is days after the predecessor's finish; a negative lag (提前) lets the
# successor start that many days before it. Beyond these bounds it is a typo.
MIN_LAG_DAYS = -365
MAX_LAG_DAYS = 3650


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
        raise UserError(f"间隔天数“{lag_days}”不是整数。") from None
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
