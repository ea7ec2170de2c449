"""Units with their counts, and everything one unit is assigned to."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop.models.qt.base import FlatTable
from desktop.models.qt.roles import (
    ID_ROLE,
    ROLE_RANK,
    SORT_ROLE,
    role_background,
    role_foreground,
    role_label,
)
from desktop.models.qt.text import join_list, with_note
from desktop.models.queries import short_title

Index = QModelIndex | QPersistentModelIndex


class UnitListModel(FlatTable, QAbstractTableModel):
    """Columns: 单位, 牵头, 配合, 责任 (counts of work items)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("单位"), self.tr("牵头"), self.tr("配合"), self.tr("责任"))
        self._rows: list[tuple[str, str, str, int, int, int]] = []

    def set_units(self, summaries: list[dict[str, Any]]) -> None:
        """Rows from ``queries.unit_summaries()``."""
        self.beginResetModel()
        self._rows = [
            (u["id"], u["name"], join_list(u["aliases"]), u["lead"], u["support"], u["responsible"])
            for u in summaries
        ]
        self.endResetModel()

    def unit_id(self, row: int) -> str:
        return self._rows[row][0]

    def column_values(self, column: int) -> list[int]:
        """Every row's count in count ``column`` (1 牵头, 2 配合, 3 责任)."""
        return [row[column + 2] for row in self._rows]

    def row_of(self, unit_id: str) -> int:
        for row, unit in enumerate(self._rows):
            if unit[0] == unit_id:
                return row
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        unit_id, name, aliases, lead, support, responsible = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if column == 0:
                return name
            return (lead, support, responsible)[column - 1]
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return self.tr("别名：{0}").format(aliases) if aliases else name
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return unit_id
        return None


class UnitAssignmentsModel(FlatTable, QAbstractTableModel):
    """Everything one unit leads, supports or is responsible for.

    Columns: 职责, 任务 ("14-2"), 内容, 计划.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("职责"), self.tr("任务"), self.tr("内容"), self.tr("计划"))
        # role, task_id, no, text, plan (发文字号, else title), plan tooltip
        self._rows: list[tuple[str, str, str, str, str, str]] = []

    def set_assignments(self, rows: list[dict[str, Any]]) -> None:
        """Rows from ``queries.unit_assignments()``."""
        self.beginResetModel()
        self._rows = []
        for r in rows:
            no = f"{r['no']}-{r['position'] + 1}" if r["item_count"] > 1 else str(r["no"])
            text = r["text"] if r["item_count"] > 1 else r["title"]
            plan = r.get("doc_no") or r["plan_title"]
            plan_tip = with_note(r["plan_title"], r["doc_no"]) if r.get("doc_no") else plan
            self._rows.append((r["role"], r["task_id"], no, text or r["title"], plan, plan_tip))
        self._rows.sort(key=lambda row: ROLE_RANK.get(row[0], 3))
        self.endResetModel()

    def task_id(self, row: int) -> str:
        return self._rows[row][1]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item_role, task_id, no, text, plan, plan_tip = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (role_label(item_role), no, short_title(text, 40), plan)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if column == 2 else plan_tip if column == 3 else None
        if column == 0 and role == Qt.ItemDataRole.BackgroundRole:
            return role_background(item_role)
        if column == 0 and role == Qt.ItemDataRole.ForegroundRole:
            return role_foreground(item_role)
        if role == ID_ROLE:
            return task_id
        return None


class UnitChoiceModel(QAbstractListModel):
    """Unit names for a combo box and its completer; row 0 is the "all units" entry.
    (The filter bar's 范围 combo lists its plans and sections the same way.)

    ``Qt.UserRole`` holds the unit id ("" for the first row, never None: PySide6
    6.12 leaks a reference to None whenever a QVariant-returning call such as
    ``QComboBox.currentData()`` yields None).
    """

    def __init__(self, all_label: str = "", parent=None) -> None:
        super().__init__(parent)
        self._all_label = all_label
        self._units: list[tuple[str, str]] = []

    def set_units(self, units: list[tuple[str, str]]) -> None:
        """(id, name) pairs, in the order to list them."""
        self.beginResetModel()
        self._units = list(units)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._units) + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = index.row()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._all_label if row == 0 else self._units[row - 1][1]
        if role == Qt.ItemDataRole.UserRole:
            return "" if row == 0 else self._units[row - 1][0]
        return None
