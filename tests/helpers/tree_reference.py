"""The plan tree as ``plan_tree_model.load_tree`` built it node by node before it added
each plan's tasks as runs (kept as the reference the equality tests compare against)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from desktop.models import queries
from desktop.models.qt.plan_tree_model import ROOT, TreeData
from desktop.models.qt.text import section_prefix


def load_tree_reference(
    db: Database,
    tasks: Iterable[tuple[int, str, str | None]] | None = None,
) -> tuple[TreeData, dict[str, str | None]]:
    """``load_tree`` as it was: one ``TreeData.add`` per node."""
    tree = TreeData()
    section_parents: dict[str, str | None] = {}
    sections_by_plan: dict[str, list[tuple[str, str | None, int, str, str]]] = {}
    tasks_by_plan: dict[str, list[tuple[int, str | None]]] = {}
    if tasks is None:
        tasks = db.execute(
            "SELECT rowid, plan_id, section_id FROM task"
            f" ORDER BY plan_id, {queries.TASK_DOCUMENT_ORDER}"
        )
    for task_rowid, plan_id, section_id in tasks:
        tasks_by_plan.setdefault(plan_id, []).append((task_rowid, section_id))
    for section_id, plan_id, parent_id, level, no, title in db.execute(
        "SELECT id, plan_id, parent_id, level, no, title FROM section ORDER BY plan_id, position"
    ):
        sections_by_plan.setdefault(plan_id, []).append((section_id, parent_id, level, no, title))
    for plan in queries.plans(db):
        label = plan["title"]
        tip = f"{plan['title']}\n{plan['doc_no']}" if plan["doc_no"] else plan["title"]
        plan_node = tree.add("plan", plan["id"], label, ROOT, tip)
        section_node: dict[str, int] = {}
        for section_id, parent_id, level, no, title in sections_by_plan.get(plan["id"], []):
            section_parents[section_id] = parent_id
            parent = section_node.get(parent_id or "", plan_node)
            prefix = section_prefix(no, level)
            section_node[section_id] = tree.add(
                "section", section_id, prefix + title, parent, level=level
            )
        for task_rowid, section_id in tasks_by_plan.get(plan["id"], []):
            parent = section_node.get(section_id or "", plan_node)
            tree.add("task", task_rowid, None, parent)
    return tree, section_parents
