"""The reviewed changes of a revised plan: one row per change, a check box to accept it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QObject, Qt

from desktop.models.qt.base import FlatTable, Index
from desktop.models.qt.domain_text import domain
from desktop.models.revision import Change

KIND_ROLE = int(Qt.ItemDataRole.UserRole) + 60


class RevisionModel(FlatTable, QAbstractTableModel):
    """Columns: 采用 (checkable), 任务 (number and title), 变化."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("采用"), self.tr("任务"), self.tr("变化"))
        self._rows: list[Change] = []
        self._accepted: set[str] = set()

    def set_changes(self, changes: list[Change]) -> None:
        self.beginResetModel()
        self._rows = list(changes)
        self._accepted = {c.key for c in changes}
        self.endResetModel()

    def accepted(self) -> set[str]:
        return set(self._accepted)

    def set_all(self, accepted: bool) -> None:
        self._accepted = {c.key for c in self._rows} if accepted else set()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        change = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            on = change.key in self._accepted
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 1:
                no = "" if change.task_no is None else str(change.task_no)
                return f"{no} {change.title}".strip() or self.tr("（计划）")
            if column == 2:  # titles and unit names whole in English (the values)
                return domain(change.message)
        if role == KIND_ROLE:
            return change.kind
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        key = self._rows[index.row()].key
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        if checked:
            self._accepted.add(key)
        else:
            self._accepted.discard(key)
        self.dataChanged.emit(index, index, [role])
        return True
