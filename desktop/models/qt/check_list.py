"""A flat list of (id, label) entries with a check box each (e.g. attending units)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.models.qt.roles import ID_ROLE

Index = QModelIndex | QPersistentModelIndex


class CheckListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[tuple[str, str]] = []
        self._checked: set[str] = set()

    def set_entries(self, entries: list[tuple[str, str]]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._checked &= {entry_id for entry_id, _label in entries}
        self.endResetModel()

    def checked_ids(self) -> list[str]:
        """Checked ids in list order."""
        return [entry_id for entry_id, _label in self._entries if entry_id in self._checked]

    def set_all(self, checked: bool) -> None:
        self._checked = {entry_id for entry_id, _label in self._entries} if checked else set()
        if self._entries:
            self.dataChanged.emit(self.index(0), self.index(len(self._entries) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry_id, label = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = entry_id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == ID_ROLE:
            return entry_id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        entry_id = self._entries[index.row()][0]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked.add(entry_id)
        else:
            self._checked.discard(entry_id)
        self.dataChanged.emit(index, index, [role])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
