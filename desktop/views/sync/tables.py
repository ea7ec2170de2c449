"""The table the conflicts and rejected-changes views share."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView

from desktop.views.empty_hint import EmptyHeader
from desktop.views.fit_width import FitWidth


def record_table(
    model: QAbstractItemModel,
    long: Sequence[int],
    optional: Sequence[int] = (),
    *,
    single: bool = False,
) -> QTableView:
    """Whole-row selection, one line per row; the columns fitted to the table's width
    (``FitWidth``: ``long`` the record's label and the values, elided with their text in
    the tooltip; ``optional`` hidden in that order where even the short ones do not fit)."""
    table = QTableView()
    EmptyHeader.install(table)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    FitWidth(table, long, optional)
    return table
