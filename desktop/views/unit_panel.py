"""The unit view: units with their counts; pick one to list everything it is assigned to."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.qt.roles import ID_ROLE, SORT_ROLE
from desktop.models.qt.unit_models import UnitAssignmentsModel, UnitListModel
from desktop.views.empty_hint import EmptyHeader, EmptyHint


def _table(model, stretch_column: int) -> QTableView:
    view = QTableView()
    EmptyHeader.install(view)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setResizeContentsPrecision(40)  # measure the first rows (speed)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return view


class UnitPanel(QWidget):
    """Units (sortable, filterable by name) and the chosen unit's items."""

    #: A unit was picked (its id).
    unit_chosen = Signal(str)
    #: A row of the chosen unit's list was activated (task id).
    task_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units = UnitListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.units)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.assignments = UnitAssignmentsModel(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("筛选单位名称"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.unit_table = _table(self.proxy, 0)
        self.unit_table.setSortingEnabled(True)
        # narrow count columns so the name keeps the room in a narrow dock
        header = self.unit_table.horizontalHeader()
        header.setMinimumSectionSize(24)
        for column in range(1, self.units.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self._fit_counts()
        header.sortIndicatorChanged.connect(self._fit_counts)
        self.unit_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.unit_table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.unit_table.selectionModel().currentRowChanged.connect(self._unit_row_changed)
        self.summary = QLabel(self.tr("选择一个单位，查看其牵头、配合和责任的全部工作。"))
        self.summary.setWordWrap(True)
        self.item_table = _table(self.assignments, 2)
        self.item_table.activated.connect(self._item_activated)
        self.item_table.clicked.connect(self._item_activated)
        self.unit_hint = EmptyHint(self.unit_table, self.tr("没有单位"))
        EmptyHint(self.item_table, self.tr("选择一个单位，这里列出它的工作"))
        self.search.textChanged.connect(self._filtered)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.summary)
        lower_layout.addWidget(self.item_table)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.search)
        upper_layout.addWidget(self.unit_table)
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(splitter)
        self.current_unit = ""

    @Slot(str)
    def _filtered(self, text: str) -> None:
        self.unit_hint.set_text(
            self.tr("没有名称含“{0}”的单位").format(text) if text else self.tr("没有单位")
        )

    def set_wide(self) -> None:
        """Units on the left, the chosen unit's work on the right (a full page, not a dock)."""
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

    def set_units(self, summaries: list[dict[str, Any]]) -> None:
        self.units.set_units(summaries)
        self._fit_counts()

    @Slot()
    def _fit_counts(self) -> None:
        """Each count column as wide as its own header (the sorted one's with the sort
        mark beside it) or its widest count, not the widest column's: narrow, so the
        names keep the room in a narrow dock."""
        header = self.unit_table.horizontalHeader()
        metrics, style = header.fontMetrics(), header.style()
        mark = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
        mark += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        sorted_column = header.sortIndicatorSection() if header.isSortIndicatorShown() else -1
        cells = self.unit_table.fontMetrics()
        for column in range(1, self.units.columnCount()):
            title = str(self.units.headerData(column, Qt.Orientation.Horizontal))
            widest = max(self.units.column_values(column), default=0)
            width = max(
                cells.horizontalAdvance(str(max(widest, 999))),
                metrics.horizontalAdvance(title) + (mark if column == sorted_column else 0),
            )
            header.resizeSection(column, width + 9)

    def show_unit(self, unit: dict[str, Any], rows: list[dict[str, Any]]) -> None:
        """Show one unit (a row of ``unit_summaries``) and its ``unit_assignments``."""
        self.current_unit = unit["id"]
        self.summary.setText(
            self.tr("{name}：牵头 {lead} 项，配合 {support} 项，责任 {responsible} 项").format(
                **unit
            )
        )
        self.assignments.set_assignments(rows)

    def select_unit(self, unit_id: str) -> None:
        row = self.units.row_of(unit_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.units.index(row, 0))
            self.unit_table.setCurrentIndex(index)

    @Slot(QModelIndex, QModelIndex)
    def _unit_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.unit_chosen.emit(current.siblingAtColumn(0).data(ID_ROLE))

    @Slot(QModelIndex)
    def _item_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.task_activated.emit(index.data(ID_ROLE))
