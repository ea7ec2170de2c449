"""The plan tree as ``plan_tree_model.load_tree`` built it node by node before it added
each plan's tasks as runs, into its node table as it was before its columns were packed
(``ReferenceTreeData``; kept as the reference the equality tests compare against)."""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby, repeat

from sqlite_utils import Database

from desktop.models import queries
from desktop.models.qt.plan_tree_model import ROOT
from desktop.models.qt.text import section_prefix

_LEAF: tuple[int, ...] = ()


@dataclass
class ReferenceTreeData:
    """``plan_tree_model.TreeData`` as it was: a list per field, an entry per node (a
    Python int per task's rowid)."""

    kinds: list[str] = field(default_factory=lambda: ["root"])
    ids: list[str | int] = field(default_factory=lambda: [""])
    labels: list[str | None] = field(default_factory=lambda: [""])
    tooltips: list[str | None] = field(default_factory=lambda: [""])  # None: the label
    parents: array = field(default_factory=lambda: array("i", [-1]))
    rows: array = field(default_factory=lambda: array("i", [0]))  # position under the parent
    #: A section node's level (1: a top section; 0 for other nodes), for the 范围 combo.
    levels: bytearray = field(default_factory=lambda: bytearray(1))
    #: Child nodes per node, as ``array("i")`` (no int object per node); ``_LEAF`` for a task.
    children: list[array | tuple[int, ...]] = field(default_factory=lambda: [array("i")])

    def add(
        self,
        kind: str,
        record_id: str | int,
        label: str | None,
        parent: int,
        tooltip: str = "",
        level: int = 0,
    ) -> int:
        node = len(self.kinds)
        self.levels.append(min(max(level, 0), 255))
        self.kinds.append(kind)
        self.ids.append(record_id)
        self.labels.append(label)
        self.tooltips.append(tooltip or None)
        self.parents.append(parent)
        siblings = self.children[parent]
        assert isinstance(siblings, array)
        self.rows.append(len(siblings))
        self.children.append(_LEAF if kind == "task" else array("i"))
        siblings.append(node)
        return node

    def add_tasks(self, task_rowids: list[int], parents: list[int]) -> None:
        """Add task nodes (as ``add("task", rowid, None, parent)`` one by one would), a
        run of siblings at a time: no Python call per task (~0.5 s less at 100k tasks)."""
        count = len(task_rowids)
        node = len(self.kinds)
        self.levels.extend(bytes(count))
        self.kinds.extend(repeat("task", count))
        self.ids.extend(task_rowids)
        self.labels.extend(repeat(None, count))
        self.tooltips.extend(repeat(None, count))
        self.parents.extend(parents)
        self.children.extend(repeat(_LEAF, count))
        for parent, run in groupby(parents):
            length = sum(1 for _ in run)
            siblings = self.children[parent]
            assert isinstance(siblings, array)
            self.rows.extend(range(len(siblings), len(siblings) + length))
            siblings.extend(range(node, node + length))
            node += length


def load_tree_reference(
    db: Database,
    tasks: Iterable[tuple[int, str, str | None]] | None = None,
) -> tuple[ReferenceTreeData, dict[str, str | None]]:
    """``load_tree`` as it was: one ``TreeData.add`` per node."""
    tree = ReferenceTreeData()
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
