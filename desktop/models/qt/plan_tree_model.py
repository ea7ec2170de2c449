"""Plan → section → (sub)section → task tree (a lazy QAbstractItemModel).

Nodes are plain tuples in flat lists; a QModelIndex carries the node number as
its internal id, so the model never keeps Python objects alive in indexes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from sqlite_utils import Database

from desktop.models import queries
from desktop.models.qt.roles import ID_ROLE
from desktop.models.qt.text import section_prefix

Index = QModelIndex | QPersistentModelIndex

KIND_ROLE = Qt.ItemDataRole.UserRole + 3

ROOT = 0


@dataclass
class TreeData:
    """Flat node table: node 0 is the invisible root."""

    kinds: list[str] = field(default_factory=lambda: ["root"])
    ids: list[str] = field(default_factory=lambda: [""])
    labels: list[str] = field(default_factory=lambda: [""])
    tooltips: list[str] = field(default_factory=lambda: [""])
    parents: list[int] = field(default_factory=lambda: [-1])
    rows: list[int] = field(default_factory=lambda: [0])  # position under the parent
    children: list[list[int]] = field(default_factory=lambda: [[]])

    def add(self, kind: str, record_id: str, label: str, parent: int, tooltip: str = "") -> int:
        node = len(self.kinds)
        self.kinds.append(kind)
        self.ids.append(record_id)
        self.labels.append(label)
        self.tooltips.append(tooltip or label)
        self.parents.append(parent)
        self.rows.append(len(self.children[parent]))
        self.children.append([])
        self.children[parent].append(node)
        return node


def load_tree(
    db: Database,
) -> tuple[TreeData, dict[str, str | None], dict[str, list[dict[str, Any]]]]:
    """Read plans, sections and tasks.

    Returns the tree, section id → parent section id, and plan id → its sections.
    """
    tree = TreeData()
    section_parents: dict[str, str | None] = {}
    sections_by_plan: dict[str, list[dict[str, Any]]] = {}
    tasks_by_plan: dict[str, list[dict[str, Any]]] = {}
    for task in queries.tasks(db):
        tasks_by_plan.setdefault(task["plan_id"], []).append(task)
    for plan in queries.plans(db):
        label = plan["title"]
        tip = f"{plan['title']}\n{plan['doc_no']}" if plan["doc_no"] else plan["title"]
        plan_node = tree.add("plan", plan["id"], label, ROOT, tip)
        section_node: dict[str, int] = {}
        sections_by_plan[plan["id"]] = queries.sections(db, plan["id"])
        for section in sections_by_plan[plan["id"]]:
            section_parents[section["id"]] = section["parent_id"]
            parent = section_node.get(section["parent_id"] or "", plan_node)
            prefix = section_prefix(section["no"], section["level"])
            section_node[section["id"]] = tree.add(
                "section", section["id"], prefix + section["title"], parent
            )
        for task in tasks_by_plan.get(plan["id"], []):
            parent = section_node.get(task["section_id"] or "", plan_node)
            tree.add("task", task["id"], f"{task['no']}. {task['title']}", parent)
    return tree, section_parents, sections_by_plan


class PlanTreeModel(QAbstractItemModel):
    """One column: plans, their sections and tasks."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._tree = TreeData()
        self._node_of_id: dict[str, int] = {}

    def set_tree(self, tree: TreeData) -> None:
        self.beginResetModel()
        self._tree = tree
        self._node_of_id = {record_id: node for node, record_id in enumerate(tree.ids) if node}
        self.endResetModel()

    def index_of(self, record_id: str) -> QModelIndex:
        node = self._node_of_id.get(record_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(self._tree.rows[node], 0, node)

    def node_kind(self, index: Index) -> str:
        return self._tree.kinds[index.internalId()] if index.isValid() else "root"

    def node_id(self, index: Index) -> str:
        return self._tree.ids[index.internalId()] if index.isValid() else ""

    # -- Qt model interface -------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = parent.internalId() if parent.isValid() else ROOT
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self._tree.children[node]
        if column != 0 or row < 0 or row >= len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self._tree.parents[index.internalId()]
        if parent <= ROOT:
            return QModelIndex()
        return self.createIndex(self._tree.rows[parent], 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        node = parent.internalId() if parent.isValid() else ROOT
        return len(self._tree.children[node])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return self.rowCount(parent) > 0

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node = index.internalId()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._tree.labels[node]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tree.tooltips[node]
        if role == ID_ROLE:
            return self._tree.ids[node]
        if role == KIND_ROLE:
            return self._tree.kinds[node]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        horizontal = orientation == Qt.Orientation.Horizontal
        if section == 0 and horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("计划 / 章节 / 任务")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
