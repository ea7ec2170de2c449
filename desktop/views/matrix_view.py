"""The matrix table: a frozen first column and unit headers readable in Chinese.

The frozen column is a second ``QTableView`` laid over the left edge that shares
the model and the selection model (Qt's "Frozen Column" example). Unit headers
are abbreviated names on two short horizontal lines (``header_text``); the
tooltip gives the full name and counts. ``MatrixLegend`` explains every colour
and mark the matrix shows.

Speed (province scale, see ``bench/gui.py``): unit cells are painted by
``RoleCellDelegate`` from one ``CELL_ROLE`` lookup each; the main view does not
paint column 0 (the frozen view covers it); headers report a fixed size hint so
Qt never measures 300 vertical unit names; rows and columns have fixed sizes.
The current work item survives model resets (sorting, filtering, reloads).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop.models import status as st
from desktop.models.qt.coordination_models import STATUS_COLORS, status_label
from desktop.models.qt.matrix_model import CELL_ROLE, ITEM_ROLE, LEDGER_ROLE, SHORT_CHARS
from desktop.models.qt.roles import (
    ID_ROLE,
    ROLE_RANK,
    role_background,
    role_color_hex,
    role_foreground,
    role_mark,
)

LABEL_WIDTH = 340
#: Text that sizes each ledger column (the header text sizes it when wider).
LEDGER_SAMPLES = {
    "deadline": "2026-12-31",
    "status": "2026-12",
    "progress": "0" * 12,
    "percent": "100.0%",
    "reported": "2026-12-31",
}
#: Compact ledger layout, when the full-width label and ledger columns would leave room for
#: fewer than ``COMPACT_UNITS`` unit columns (1366 px screens with the side panel): a
#: narrower label column, dates, numbers and status words still whole, 最新进展 elided (its
#: tooltip has the whole text).
COMPACT_UNITS = 10
COMPACT_LABEL_WIDTH = 230
COMPACT_LEDGER_SAMPLES = {
    "deadline": "2026-12-31",
    "status": "",  # sized by the status words (see _place_ledger_columns)
    "progress": "0" * 5,
    "percent": "100%",
    "reported": "2026-12-31",
}
#: A full-width CJK character (国), the width unit of a unit column.
WIDE_CHAR = "\u56fd"
#: Lines of an abbreviated unit header (``header_text``: two lines of two characters).
HEADER_LINES = 2


def unit_width(metrics) -> int:  # noqa: ANN001 - QFontMetrics
    """A unit column: two CJK characters side by side plus padding."""
    return metrics.horizontalAdvance(WIDE_CHAR * (SHORT_CHARS // HEADER_LINES)) + 6


class FixedHeader(QHeaderView):
    """A header whose size hint is its fixed thickness (Qt would measure every section)."""

    def __init__(self, orientation: Qt.Orientation, thickness: int, parent: QWidget) -> None:
        super().__init__(orientation, parent)
        self._thickness = thickness
        self.setFixedHeight(thickness)
        self.setSectionsClickable(True)  # as QTableView's own header (sorting by click)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self.length(), self._thickness)


class RoleCellDelegate(QStyledItemDelegate):
    """Paints a unit cell: the role's colour and mark (牵 / 配 / 责), a tint when selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._background = {r: role_background(r) for r in ROLE_RANK}
        self._foreground = {r: role_foreground(r).color() for r in ROLE_RANK}
        self._mark = {r: role_mark(r) for r in ROLE_RANK}
        #: Selection colour (the view's own highlight is made transparent, see MatrixView).
        self.highlight = QColor("#308cc6")

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        role = index.data(CELL_ROLE)  # "" for an empty unit cell; None: a ledger column
        selected = option.state & QStyle.StateFlag.State_Selected
        if role is None:  # a ledger text: plain text, the selection drawn as on role cells
            plain = QStyleOptionViewItem(option)
            plain.state &= ~QStyle.StateFlag.State_Selected
            super().paint(painter, plain, index)
            if selected:
                rect = option.rect
                painter.fillRect(rect.left(), rect.top(), rect.width(), 2, self.highlight)
                painter.fillRect(rect.left(), rect.bottom() - 1, rect.width(), 2, self.highlight)
            return
        if not role and not selected:
            return
        rect = option.rect
        if role:
            painter.fillRect(rect, self._background[role])
            painter.setPen(self._foreground[role])
            painter.setFont(option.font)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._mark[role])
        if selected:
            # the role colours stay readable: a light tint on empty cells, a frame
            # line above and below on every cell of the selected row
            highlight = self.highlight
            if not role:
                tint = QColor(highlight)
                tint.setAlpha(60)
                painter.fillRect(rect, tint)
            painter.fillRect(rect.left(), rect.top(), rect.width(), 2, highlight)
            painter.fillRect(rect.left(), rect.bottom() - 1, rect.width(), 2, highlight)


class HiddenCellDelegate(QStyledItemDelegate):
    """Paints nothing: column 0 of the main view lies under the frozen column."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        return


class MatrixView(QTableView):
    """Matrix table with a frozen label column; emits ``task_selected(task_id)``."""

    #: The task (id) of the current row changed.
    task_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen = QTableView(self)
        self.frozen.setObjectName("frozenColumn")
        self._keep_item: str | None = None
        #: Set while a row is made current again (``keeping_selection``): no ``task_selected``.
        self._restoring = False
        self._compact = False  # the compact ledger layout is applied (see ledger_compact)
        header_height = self.fontMetrics().lineSpacing() * HEADER_LINES + 12
        self.unit_width = unit_width(self.fontMetrics())
        for view in (self, self.frozen):
            view.setHorizontalHeader(FixedHeader(Qt.Orientation.Horizontal, header_height, view))
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
            horizontal.setDefaultSectionSize(self.unit_width)
            horizontal.setMinimumSectionSize(self.unit_width)
            horizontal.setHighlightSections(False)
            horizontal.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
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
        self._cell_delegate = RoleCellDelegate(self)
        self._hidden_delegate = HiddenCellDelegate(self)
        self.setItemDelegate(self._cell_delegate)
        # The style would fill the selected row before the delegate paints: the unit
        # cells draw their own selection, which keeps the role colours readable.
        palette = self.palette()
        self.frozen.setPalette(QPalette(palette))  # the label column keeps the highlight
        self._cell_delegate.highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
        palette.setColor(QPalette.ColorRole.Highlight, QColor(0, 0, 0, 0))
        self.setPalette(palette)
        self.setItemDelegateForColumn(0, self._hidden_delegate)

    def setModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 - Qt API
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        self.selectionModel().currentRowChanged.connect(self._current_row_changed)
        model.modelAboutToBeReset.connect(self._remember_current)
        model.modelReset.connect(self._relayout)
        model.layoutChanged.connect(self._relayout)
        self._relayout()

    @Slot()
    def _remember_current(self) -> None:
        current = self.currentIndex()
        self._keep_item = current.siblingAtColumn(0).data(ITEM_ROLE) if current.isValid() else None

    def ledger_compact(self) -> bool:
        """Whether ledger columns are shown in their compact layout (a narrow matrix)."""
        columns = self._ledger_columns()
        if not columns:
            return False
        full = LABEL_WIDTH + sum(self._ledger_width(c, k, LEDGER_SAMPLES) for c, k in columns)
        return self.viewport().width() - full < COMPACT_UNITS * self.unit_width

    def _ledger_columns(self) -> list[tuple[int, str]]:
        """(model column, key) of the ledger columns (the model's last ones)."""
        model = self.model()
        columns: list[tuple[int, str]] = []
        if model is None:
            return columns
        column = model.columnCount() - 1
        while column > 0:
            key = model.headerData(column, Qt.Orientation.Horizontal, LEDGER_ROLE)
            if not key:
                break
            columns.insert(0, (column, key))
            column -= 1
        return columns

    def _ledger_width(self, column: int, key: str, samples: dict[str, str]) -> int:
        metrics = self.fontMetrics()
        title = str(self.model().headerData(column, Qt.Orientation.Horizontal))
        sample = samples.get(key, "")
        width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title)) + 16
        if key == "status":  # every status word whole, in the UI's language
            words = (metrics.horizontalAdvance(status_label(s)) for s in st.STATUSES)
            width = max(width, max(words) + 12)
        return width

    @Slot()
    def _relayout(self) -> None:
        self._compact = self.ledger_compact()
        label = COMPACT_LABEL_WIDTH if self._compact else LABEL_WIDTH
        self.setColumnWidth(0, label)
        self.frozen.setColumnWidth(0, label)
        self._place_ledger_columns()
        self._update_frozen_geometry()
        item_id, self._keep_item = self._keep_item, None
        if item_id:
            with self.keeping_selection():  # the same row again: nothing to announce
                self.select_item(item_id)

    @contextmanager
    def keeping_selection(self) -> Iterator[None]:
        """Make the row of the task already shown current again (after a sort, a filter or a
        reload) without emitting ``task_selected``: the detail and the task panel show it
        already (at 100k rows their refresh was most of a sort's time)."""
        restoring, self._restoring = self._restoring, True
        try:
            yield
        finally:
            self._restoring = restoring

    def _place_ledger_columns(self) -> None:
        """Ledger columns (the model's last ones) shown right after the label column."""
        header = self.horizontalHeader()
        samples = COMPACT_LEDGER_SAMPLES if self._compact else LEDGER_SAMPLES
        for place, (column, key) in enumerate(self._ledger_columns(), start=1):
            header.moveSection(header.visualIndex(column), place)
            self.setColumnWidth(column, self._ledger_width(column, key, samples))

    def select_item(self, item_id: str) -> bool:
        """Make a work item's row current and scroll it into the middle; False if not shown."""
        model = self.model()
        index_of_item = getattr(model, "index_of_item", None)
        index = index_of_item(item_id) if index_of_item else QModelIndex()
        if not index.isValid():
            return False
        # Scroll bar ranges are only updated by the delayed layout: do it now.
        self.executeDelayedItemsLayout()
        self.frozen.executeDelayedItemsLayout()
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

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
        if self.ledger_compact() != getattr(self, "_compact", False):
            self._relayout()  # the room for unit columns crossed COMPACT_UNITS
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
        if current.isValid() and not self._restoring:
            task_id = current.siblingAtColumn(0).data(ID_ROLE)
            if task_id:
                self.task_selected.emit(task_id)


# U+2060 WORD JOINER: no line break on either side (Chinese may break between any two
# characters: a narrow matrix's legend wrapped the chip "任务" over two lines)
_WORD_JOINER = "\u2060"


def unbroken(text: str) -> str:
    """``text`` (escaped for rich text) that a label never breaks across lines: its
    characters joined by word joiners, its spaces non-breaking."""
    return _WORD_JOINER.join(html.escape(char) for char in text.replace(" ", "\u00a0"))


class MatrixLegend(QLabel):
    """One line under the matrix explaining every colour and mark it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matrixLegend")
        self.setWordWrap(True)
        # wraps to the matrix's width instead of widening the window
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(1)
        self.setTextFormat(Qt.TextFormat.RichText)
        roles = [
            (role_mark(r), *role_color_hex(r), label)
            for r, label in (
                ("lead", self.tr("牵头")),
                ("responsible", self.tr("责任")),
                ("support", self.tr("配合")),
            )
        ]
        parts = [
            f'<span style="background:{bg};color:{fg};">&nbsp;{unbroken(mark)}&nbsp;</span>'
            f"&nbsp;{unbroken(label)}"
            for mark, bg, fg, label in roles
        ]
        for status in st.STATUSES:
            color = STATUS_COLORS[status]
            parts.append(
                f'<span style="color:{color};">●</span>&nbsp;{unbroken(status_label(status))}'
            )
        parts.append(
            '<span style="color:#a61e1e;">{}</span>&nbsp;{}'.format(
                unbroken(self.tr("【受阻】")), unbroken(self.tr("依赖的前置事项未完成"))
            )
        )
        parts.append(
            '<span style="background:#fff3bf;">&nbsp;{}&nbsp;</span>&nbsp;{}'.format(
                unbroken(self.tr("任务")), unbroken(self.tr("无牵头或多个牵头（悬停查看）"))
            )
        )
        # (a line breaks between entries only: at the space after each "&nbsp;&nbsp;")
        self.setText(self.tr("图例：") + "&nbsp;&nbsp; ".join(parts))
