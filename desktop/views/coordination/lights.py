"""Status lights in the main window's matrix, plan tree and unit view.

A delegate adds a coloured dot (the decoration) to column 0 from the latest
``StatusSnapshot`` — no change to the other models is needed, and the lights
follow every reset, sort and filter of those models. The matrix passes one
``state`` lookup (``matrix_lights.MatrixLightStates.at``: light, 【受阻】 and mark of
a row in one list lookup); the tree and unit view pass a status ``lookup``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from desktop.models.qt.coordination_models import status_icon
from desktop.views.coordination.matrix_lights import LightState

Lookup = Callable[[QModelIndex | QPersistentModelIndex], str | None]
#: Whether the row's work waits for an unfinished dependency (shows 【受阻】).
BlockedLookup = Callable[[QModelIndex | QPersistentModelIndex], bool]
#: A row's whole state (status, blocked, mark) in one call.
StateLookup = Callable[[QModelIndex | QPersistentModelIndex], LightState]


class LightDelegate(QStyledItemDelegate):
    """Draws ``lookup(index)``'s status light before the text."""

    def __init__(
        self,
        lookup: Lookup | None = None,
        parent=None,
        *,
        blocked: BlockedLookup | None = None,
        mark: Lookup | None = None,
        state: StateLookup | None = None,
    ) -> None:
        super().__init__(parent)
        self._lookup = lookup
        self._blocked = blocked
        self._blocked_mark = self.tr("【受阻】")
        self._mark = mark  # an optional text mark appended to the cell (督办分色)
        self._state = state  # all three at once (the matrix: one lookup per painted row)

    def status(self, index: QModelIndex | QPersistentModelIndex) -> str | None:
        if self._state is not None:
            return self._state(index).status
        try:
            return self._lookup(index) if self._lookup is not None else None
        except (IndexError, KeyError, AttributeError):
            return None

    def initStyleOption(  # noqa: N802 - Qt API
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if self._state is not None:
            status, blocked, mark = self._state(index)
            self._decorate(option, status, blocked, mark)
            return
        status = self.status(index)
        mark = None
        if self._mark is not None:
            try:
                mark = self._mark(index)
            except (IndexError, KeyError, AttributeError):
                mark = None
        blocked = False
        if self._blocked is not None:
            try:
                blocked = self._blocked(index)
            except (IndexError, KeyError, AttributeError):
                blocked = False
        self._decorate(option, status, blocked, mark)

    def _decorate(
        self, option: QStyleOptionViewItem, status: str | None, blocked: bool, mark: str | None
    ) -> None:
        if mark:
            option.text = f"{option.text} · {mark}"
        if status:
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
            option.icon = status_icon(status)
            option.decorationSize = _DECORATION
        if blocked:
            option.text = self._blocked_mark + option.text
            option.palette.setColor(QPalette.ColorRole.Text, _BLOCKED_COLOUR)


_DECORATION = QSize(12, 12)
_BLOCKED_COLOUR = QColor("#a61e1e")
