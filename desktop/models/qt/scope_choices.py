"""The filter bar's 范围 combo: every plan and its sections, read from the plan tree.

The entries are the tree's plan and section nodes in tree order (each plan, then its
sections by position); the model keeps their node numbers only (an ``array``) and builds
an entry's text ("    一、总体要求") and data ("section:<id>") when the combo reads it. At
100k tasks (2,000 plans, 14,000 sections) a list of entries held ~4 MB and took ~0.15 s
of the GUI thread to build on each load.
"""

from __future__ import annotations

from array import array
from itertools import compress, repeat
from operator import ne

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.models.qt.plan_tree_model import TreeData

Index = QModelIndex | QPersistentModelIndex

#: Indents of a top section and of a deeper one under its plan.
TOP_INDENT = "    "
DEEP_INDENT = "        "


class ScopeChoiceModel(QAbstractListModel):
    """Row 0 is the "all plans" entry; then plans and sections. ``Qt.UserRole`` holds
    "plan:<id>" / "section:<id>" ("" for row 0, never None: see ``UnitChoiceModel``)."""

    def __init__(self, all_label: str = "", parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._all_label = all_label
        self._tree = TreeData()
        self._nodes = array("i")

    def set_tree(self, tree: TreeData) -> None:
        """List the plans and sections of ``tree`` (``plan_tree_model.load_tree``)."""
        self.beginResetModel()
        self._tree = tree
        # every node but the root and the tasks, in node order (C-level loops)
        self._nodes = array(
            "i", compress(range(len(tree.kinds)), map(ne, tree.kinds, repeat("task")))
        )
        del self._nodes[:1]  # the root
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._nodes) + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        row = index.row()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if row == 0:
                return self._all_label
            node = self._nodes[row - 1]
            label = self._tree.labels[node] or ""
            if self._tree.kinds[node] != "section":
                return label
            return (TOP_INDENT if self._tree.levels[node] == 1 else DEEP_INDENT) + label
        if role == Qt.ItemDataRole.UserRole:
            if row == 0:
                return ""
            node = self._nodes[row - 1]
            return f"{self._tree.kinds[node]}:{self._tree.ids[node]}"
        return None
