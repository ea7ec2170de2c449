"""上级任务 link suggestions in the import preview: tasks of the plan being imported
whose text closely matches a task of another (higher-level) plan
(``authoring_queries.suggest_links_for_parsed``). Nothing is linked unless ticked;
the ticked links are written in the import's own transaction."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt

from desktop.models.qt.base import FlatTable, Index


class LinkSuggestionsModel(FlatTable, QAbstractTableModel):
    """One row per suggestion; the first column carries its check box."""

    TASK, PLAN, PARENT, SCORE = range(4)

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - QObject
        super().__init__(parent)
        self._headers = (
            self.tr("本计划任务（勾选即关联）"),
            self.tr("上级计划"),
            self.tr("上级任务"),
            self.tr("相似度"),
        )
        self._rows: list[dict[str, Any]] = []
        self._checked: set[int] = set()

    def set_suggestions(self, rows: list[dict[str, Any]]) -> None:
        """Show new suggestions (none ticked)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._checked = set()
        self.endResetModel()

    def suggestion(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def chosen(self) -> dict[int, str]:
        """Parsed task index → higher-level task id, for the ticked rows."""
        return {self._rows[r]["index"]: self._rows[r]["parent_id"] for r in sorted(self._checked)}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == self.TASK:
            checked = index.row() in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.TASK:
                return f"{s['no']}. {s['title']}"
            if column == self.PLAN:
                return s["parent_plan"]
            if column == self.PARENT:
                return f"{s['parent_no']}. {s['parent_title']}"
            return f"{s['score']:.0%}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SCORE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.TASK:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != self.TASK:
            return False
        if role != Qt.ItemDataRole.CheckStateRole:
            return False
        state = value.value if isinstance(value, Qt.CheckState) else value
        if state == Qt.CheckState.Checked.value:
            self._checked.add(index.row())
        else:
            self._checked.discard(index.row())
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
