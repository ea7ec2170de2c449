"""Undo of whole-plan steps: a plan created (by hand, or as a template copy) and a plan
deleted. Every step is a new store action (logged, synced, in the change history),
never a rollback.

``plan_snapshot`` captures every row deleting a plan removes — the rows reached through
the same ``ON DELETE CASCADE`` foreign keys ``Tx.delete`` follows, the references from
outside that ``ON DELETE SET NULL`` clears (another plan's task linked to one of its
tasks as 上级任务, a meeting), and the dependencies touching its tasks, items and
milestones. ``restore_plan_snapshot`` puts all of it back with the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from desktop.errors import Message, UserError
from desktop.models.authoring_common import (
    check_structure_permission,
    dependencies_touching,
    row,
    structure_action,
)
from desktop.models.store import Store
from desktop.models.transactions import _dependents

# What authoring itself writes: a plan made of only these rows can be taken back.
AUTHORED_TABLES = ("plan", "section", "task", "item", "assignment", "target")
_CHUNK = 500
_RECORD_NAMES = {
    "milestone": "里程碑", "report": "填报", "target_value": "目标数值", "signin": "签收",
    "signoff": "办结申请", "extension_request": "延期申请", "attachment": "附件",
    "report_cycle": "填报周期", "plan_warning": "导入提示", "plan_goal": "发展目标",
    "dependency": "依赖关系", "meeting": "调度会议", "task": "下级任务关联",
}  # fmt: skip


@dataclass
class PlanSnapshot:
    """Every row of a plan, parents first, and what pointed at it from outside."""

    plan_id: str
    title: str
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # (table, id, column, value) references from outside that deleting the plan clears
    references: list[tuple[str, str, str, str]] = field(default_factory=list)
    dependencies: list[dict[str, Any]] = field(default_factory=list)

    def count(self, table: str) -> int:
        return len(self.rows.get(table, []))

    @property
    def tasks_note(self) -> str:
        """（任务 3 项）, or nothing for a plan without tasks."""
        n = self.count("task")
        return f"（任务 {n} 项）" if n else ""


def plan_snapshot(db: Database, plan_id: str) -> PlanSnapshot:
    """Everything deleting ``plan_id`` removes or clears (see the module doc)."""
    plan = row(db, "plan", plan_id, "计划")
    found: dict[str, dict[str, dict[str, Any]]] = {}
    cleared: list[tuple[str, str, str, str]] = []

    def visit(table: str, ids: list[str]) -> None:
        seen = found.setdefault(table, {})
        new = [i for i in dict.fromkeys(ids) if i not in seen]
        for start in range(0, len(new), _CHUNK):
            chunk = new[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for r in db.query(f"SELECT * FROM [{table}] WHERE id IN ({marks})", chunk):
                seen[r["id"]] = r
        for child, column, on_delete in _dependents(db, table):
            for start in range(0, len(new), _CHUNK):
                chunk = new[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT id, [{column}] FROM [{child}] WHERE [{column}] IN ({marks})", chunk
                ).fetchall()
                if on_delete == "CASCADE":
                    visit(child, [r[0] for r in rows])
                else:
                    cleared.extend((child, r[0], column, r[1]) for r in rows)

    visit("plan", [plan_id])
    snap = PlanSnapshot(plan_id, plan["title"])
    snap.references = [c for c in cleared if c[1] not in found.get(c[0], {})]
    for table in _parents_first(db, [t for t, rows in found.items() if rows]):
        snap.rows[table] = _rows_in_order(db, table, list(found[table].values()))
    nodes = [
        (kind, rid)
        for kind in ("task", "item", "milestone")
        for rid in found.get(kind, {})
    ]  # fmt: skip
    snap.dependencies = dependencies_touching(db, nodes)
    return snap


def _foreign_keys(db: Database, table: str) -> list[tuple[str, str]]:
    """(column, referenced table) of ``table``."""
    return [(fk[3], fk[2]) for fk in db.execute(f"PRAGMA foreign_key_list([{table}])")]


def _parents_first(db: Database, tables: list[str]) -> list[str]:
    """``tables`` ordered so every referenced table comes before the tables referencing it."""
    wanted, ordered = set(tables), []

    def place(table: str, path: frozenset[str]) -> None:
        if table in ordered or table in path:
            return
        for _column, parent in _foreign_keys(db, table):
            if parent in wanted and parent != table:
                place(parent, path | {table})
        ordered.append(table)

    for table in sorted(tables):
        place(table, frozenset())
    return ordered


def _rows_in_order(db: Database, table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows referencing another row of the same table (a subsection, a correction)
    after the row they reference."""
    columns = [c for c, parent in _foreign_keys(db, table) if parent == table]
    if not columns:
        return rows
    ids = {r["id"] for r in rows}
    placed: set[str] = set()
    ordered: list[dict[str, Any]] = []
    pending = rows
    while pending:
        ready = [
            r for r in pending
            if all(r.get(c) not in ids or r.get(c) in placed for c in columns)
        ]  # fmt: skip
        ready = ready or pending  # a cycle cannot be stored; keep going regardless
        ordered.extend(ready)
        placed.update(r["id"] for r in ready)
        pending = [r for r in pending if r["id"] not in placed]
    return ordered


def _exists(db: Database, table: str, record_id: str) -> bool:
    return db.execute(f"SELECT 1 FROM [{table}] WHERE id = ?", [record_id]).fetchone() is not None


def restore_plan_snapshot(store: Store, snap: PlanSnapshot, *, basis: str = "") -> None:
    """Put a deleted plan back with everything it had (same ids), re-link what pointed
    at it and restore its dependencies; recorded in the plan's change history."""
    db = store.db
    if _exists(db, "plan", snap.plan_id):
        raise UserError("计划《{}》已存在，无需恢复。", snap.title)
    with structure_action(store, "restore_plan", basis) as history:
        tx = history.tx
        for table, rows in snap.rows.items():
            tx.insert_many(table, [dict(r) for r in rows])
        for table, record_id, column, value in snap.references:
            current = db.execute(
                f"SELECT [{column}] FROM [{table}] WHERE id = ?", [record_id]
            ).fetchone()
            if current is not None and current[0] is None:
                tx.update(table, record_id, {column: value})
        kinds = {"task": "task", "item": "item", "milestone": "milestone"}
        deps = [
            dict(d)
            for d in snap.dependencies
            if not _exists(db, "dependency", d["id"])
            and _exists(db, kinds[d["pred_kind"]], d["pred_id"])
            and _exists(db, kinds[d["succ_kind"]], d["succ_id"])
        ]
        tx.insert_many("dependency", deps)
        history.plan(snap.plan_id, "plan_restore", f"恢复计划《{snap.title}》{snap.tasks_note}")


def delete_plan(store: Store, plan_id: str) -> PlanSnapshot:
    """Delete a plan with everything in it (coordinators only); returns what it had,
    for ``restore_plan_snapshot``."""
    check_structure_permission(store.db)
    snap = plan_snapshot(store.db, plan_id)
    store.delete_plan(plan_id)
    return snap


def remove_authored_plan(store: Store, plan_id: str, *, basis: str = "") -> PlanSnapshot:
    """Undo of creating (or copying) a plan: remove what was authored in it — sections,
    tasks, work items, units, targets — as long as nothing else was recorded against
    it or points at it; otherwise a ``UserError`` saying what is in the way."""
    snap = plan_snapshot(store.db, plan_id)
    blocking = {t: len(rows) for t, rows in snap.rows.items() if t not in AUTHORED_TABLES and rows}
    for table, *_rest in snap.references:
        blocking[table] = blocking.get(table, 0) + 1
    if snap.dependencies:
        blocking["dependency"] = len(snap.dependencies)
    if blocking:
        what = "、".join(f"{_RECORD_NAMES.get(t, t)} {n} 条" for t, n in blocking.items())
        raise UserError(
            "计划《{}》已有{}，不能撤销新建；如确需删除，请用“删除计划”。",
            snap.title,
            Message(what),
        )
    with structure_action(store, "remove_new_plan", basis) as history:
        from desktop.models.plan_actions import delete_dependencies_of_plan

        delete_dependencies_of_plan(history.tx, plan_id)
        history.tx.delete("plan", plan_id)
        history.plan(plan_id, "plan_delete", f"撤销新建计划《{snap.title}》{snap.tasks_note}")
    return snap
