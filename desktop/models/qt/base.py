"""Behaviour shared by the Qt item models."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class ReadOnlyHeaders:
    """Mixin (before the Qt base class): horizontal headers from ``self._headers``
    and selectable items, read-only except the columns in ``EDITABLE_COLUMNS``."""

    _headers: list[str] | tuple[str, ...]
    EDITABLE_COLUMNS: frozenset[int] = frozenset()

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() in self.EDITABLE_COLUMNS:
            return _EDITABLE
        return _READ_ONLY


_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # built once: asked per cell
_EDITABLE = _READ_ONLY | Qt.ItemFlag.ItemIsEditable


class FlatTable(ReadOnlyHeaders):
    """Mixin (before ``QAbstractTableModel``) for a flat table: one row per entry
    of ``self._rows``, one column per header."""

    _rows: Sequence[Any]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._headers)
