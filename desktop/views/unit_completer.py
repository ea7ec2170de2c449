"""A unit completer that matches what people type: substrings and abbreviations (城管局 → 市城市管理局)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)
from PySide6.QtWidgets import QComboBox, QCompleter

from desktop.models.unit_names import is_abbreviation


class UnitMatchModel(QSortFilterProxyModel):
    """The unit names that contain the typed text or abbreviate to it."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001 - any QObject
        super().__init__(parent)
        self._typed = ""

    def set_typed(self, text: str) -> None:
        self.beginFilterChange()
        self._typed = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(  # noqa: N802 - Qt API
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._typed:
            return True
        name = str(self.sourceModel().index(source_row, 0, source_parent).data() or "").lower()
        return self._typed in name or is_abbreviation(self._typed, name)


def install_unit_completer(combo: QComboBox, model: QAbstractItemModel) -> QCompleter:
    """Give the editable ``combo`` a popup of the matching unit names; returns the completer."""
    matches = UnitMatchModel(combo)
    matches.setSourceModel(model)
    completer = QCompleter(matches, combo)
    completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
    completer.setMaxVisibleItems(12)
    combo.setCompleter(completer)
    completer.matches = matches  # type: ignore[attr-defined] - tests read it

    def typed(text: str) -> None:
        matches.set_typed(text)
        if text.strip():
            completer.complete()

    combo.lineEdit().textEdited.connect(typed)
    return completer
