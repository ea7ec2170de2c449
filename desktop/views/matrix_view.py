"""The matrix table: a frozen first column and unit headers readable in Chinese.

The frozen column is a second ``QTableView`` laid over the left edge that shares
the model and the selection model (Qt's "Frozen Column" example). Unit names are
stacked one character per line in a tall header, which is how Chinese reads in
a narrow column; the tooltip gives the full name and counts.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.models.qt.matrix_model import HEADER_CHARS
from desktop.models.qt.roles import ID_ROLE

LABEL_WIDTH = 340
UNIT_WIDTH = 30


class MatrixView(QTableView):
    """Matrix table with a frozen label column; emits ``task_selected(task_id)``."""

    #: The task (id) of the current row changed.
    task_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen = QTableView(self)
        self.frozen.setObjectName("frozenColumn")
        for view in (self, self.frozen):
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setWordWrap(False)
            view.setShowGrid(True)
            view.setCornerButtonEnabled(False)
            vertical = view.verticalHeader()
            vertical.hide()
            vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
            horizontal = view.horizontalHeader()
            horizontal.setDefaultSectionSize(UNIT_WIDTH)
            horizontal.setMinimumSectionSize(UNIT_WIDTH)
            horizontal.setHighlightSections(False)
            horizontal.setFixedHeight(self.fontMetrics().lineSpacing() * HEADER_CHARS + 16)
            horizontal.setDefaultAlignment(
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            )
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setStyleSheet("QTableView#frozenColumn { border: none; }")
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.horizontalHeader().sectionClicked.connect(self._frozen_header_clicked)
        self.viewport().stackUnder(self.frozen)
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.clicked.connect(self.setCurrentIndex)

    def setModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 - Qt API
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        self.selectionModel().currentRowChanged.connect(self._current_row_changed)
        model.modelReset.connect(self._relayout)
        model.layoutChanged.connect(self._relayout)
        self._relayout()

    @Slot()
    def _relayout(self) -> None:
        self.setColumnWidth(0, LABEL_WIDTH)
        self.frozen.setColumnWidth(0, LABEL_WIDTH)
        self._update_frozen_geometry()

    @Slot(int, int, int)
    def _section_resized(self, logical: int, _old: int, new: int) -> None:
        if logical == 0:
            self.frozen.setColumnWidth(0, new)
            self._update_frozen_geometry()

    @Slot(int)
    def _frozen_header_clicked(self, section: int) -> None:
        header = self.horizontalHeader()
        order = Qt.SortOrder.AscendingOrder
        if header.sortIndicatorSection() == section:
            ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
            order = Qt.SortOrder.DescendingOrder if ascending else Qt.SortOrder.AscendingOrder
        self.sortByColumn(section, order)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._update_frozen_geometry()

    def _update_frozen_geometry(self) -> None:
        frame = self.frameWidth()
        self.frozen.setGeometry(
            frame,
            frame,
            self.columnWidth(0),
            self.viewport().height() + self.horizontalHeader().height(),
        )

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802
        if index.column() > 0:
            super().scrollTo(index, hint)
        elif index.isValid():  # only scroll vertically for the frozen column
            horizontal = self.horizontalScrollBar().value()
            super().scrollTo(index, hint)
            self.horizontalScrollBar().setValue(horizontal)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            task_id = current.siblingAtColumn(0).data(ID_ROLE)
            if task_id:
                self.task_selected.emit(task_id)
