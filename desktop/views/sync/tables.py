"""The table the conflicts and rejected-changes views share."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView

#: Long text columns (records, values, reasons) stop growing at this width.
MAX_COLUMN_WIDTH = 260


def record_table(model: QAbstractItemModel, *, single: bool = False) -> QTableView:
    """Whole-row selection, one line per row, interactive columns, last one stretched."""
    table = QTableView()
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


def empty_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label
