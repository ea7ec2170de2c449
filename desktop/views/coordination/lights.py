"""Status lights in the main window's matrix, plan tree and unit view.

A delegate adds a coloured dot (the decoration) to column 0 from the latest
``StatusSnapshot`` — no change to the other models is needed, and the lights
follow every reset, sort and filter of those models.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from desktop.models.qt.coordination_models import status_icon

Lookup = Callable[[QModelIndex | QPersistentModelIndex], str | None]
#: Whether the row's work waits for an unfinished dependency (shows 【受阻】).
BlockedLookup = Callable[[QModelIndex | QPersistentModelIndex], bool]


class LightDelegate(QStyledItemDelegate):
    """Draws ``lookup(index)``'s status light before the text."""

    def __init__(
        self,
        lookup: Lookup,
        parent=None,
        *,
        blocked: BlockedLookup | None = None,
        mark: Lookup | None = None,
    ) -> None:
        super().__init__(parent)
        self._lookup = lookup
        self._blocked = blocked
        self._blocked_mark = self.tr("【受阻】")
        self._mark = mark  # an optional text mark appended to the cell (督办分色)

    def status(self, index: QModelIndex | QPersistentModelIndex) -> str | None:
        try:
            return self._lookup(index)
        except (IndexError, KeyError, AttributeError):
            return None

    def initStyleOption(  # noqa: N802 - Qt API
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        status = self.status(index)
        if self._mark is not None:
            try:
                mark = self._mark(index)
            except (IndexError, KeyError, AttributeError):
                mark = None
            if mark:
                option.text = f"{option.text} · {mark}"
        if status:
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
            option.icon = status_icon(status)
            option.decorationSize = QSize(12, 12)
        if self._blocked is not None:
            try:
                blocked = self._blocked(index)
            except (IndexError, KeyError, AttributeError):
                blocked = False
            if blocked:
                option.text = self._blocked_mark + option.text
                option.palette.setColor(QPalette.ColorRole.Text, QColor("#a61e1e"))
