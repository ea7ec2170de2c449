"""The table the conflicts and rejected-changes views share."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.views.empty_hint import EmptyHeader

#: Long text columns (records, values, reasons) stop growing at this width.
MAX_COLUMN_WIDTH = 260


def record_table(model: QAbstractItemModel, *, single: bool = False) -> QTableView:
    """Whole-row selection, one line per row, interactive columns, last one stretched."""
    table = QTableView()
    EmptyHeader.install(table)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def fit_columns(table: QTableView, long_columns: tuple[int, ...]) -> None:
    """Size columns to their contents, the long text ones capped."""
    table.resizeColumnsToContents()
    for column in long_columns:
        table.setColumnWidth(column, min(table.columnWidth(column), MAX_COLUMN_WIDTH))
