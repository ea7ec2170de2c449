"""A list's empty state: a grey message in the view while its model has no rows
(``EmptyHint``: "没有受阻任务", or "正在载入…" while the rows are still computed), and
columns that keep some room beside their titles meanwhile (``EmptyHeader``: an empty
table's columns were squeezed to their bare titles, "任务" and "原因" two characters
wide beside a blank area)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QSize, Qt, Slot
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTreeView

#: An empty list's column is this many line heights (about as many Chinese characters)
#: wider than its title: its header reads as a column, not a squeezed label.
EMPTY_ROOM_EMS = 3


def _empty(model: QAbstractItemModel | None) -> bool:
    """The model has no rows (no top-level rows, for a tree)."""
    return model is None or model.rowCount(QModelIndex()) == 0


class EmptyHeader(QHeaderView):
    """A horizontal header whose sections, while the model has no rows, ask for
    ``EMPTY_ROOM_EMS`` more than their titles: both a ``ResizeToContents`` column and one
    sized by ``resizeColumnToContents`` (``fit_width.FitColumns``) keep that room, and
    shrink to their contents once rows arrive. ``install`` puts one on a view."""

    def sectionSizeFromContents(self, logical_index: int) -> QSize:  # noqa: N802 - Qt API
        size = super().sectionSizeFromContents(logical_index)
        size.setWidth(size.width() + self.empty_room())
        return size

    def empty_room(self) -> int:
        """The room each section asks for beside its title now (none once there are rows)."""
        return EMPTY_ROOM_EMS * self.fontMetrics().height() if _empty(self.model()) else 0

    @classmethod
    def install(cls, view: QTableView | QTreeView) -> EmptyHeader:
        """Replace ``view``'s horizontal header by one of these, keeping what the view set
        on its own header (call it before configuring the header: sections' resize modes
        and sizes are not carried over; the view deletes its old header)."""
        old = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
        header = cls(Qt.Orientation.Horizontal, view)
        header.setSectionsClickable(old.sectionsClickable())
        header.setHighlightSections(old.highlightSections())
        header.setSectionsMovable(old.sectionsMovable())
        header.setStretchLastSection(old.stretchLastSection())
        header.setDefaultAlignment(old.defaultAlignment())
        if isinstance(view, QTableView):
            view.setHorizontalHeader(header)
        else:
            view.setHeader(header)
        return header


class EmptyHint(QObject):
    """Paints ``text`` centred, grey and word-wrapped in ``view``'s viewport while its model
    (the one the view has now) has no rows — no top-level rows, for a tree — or, with
    ``set_loading(True)``, "正在载入…" until the rows come. Kept up to date from the
    model's resets, inserted and removed rows and layout changes; with rows, the view
    paints as ever and its events do not reach the hint (its filter is on the viewport
    only while the model is empty)."""

    def __init__(self, view: QAbstractItemView, text: str, *, loading: bool = False) -> None:
        super().__init__(view)
        self.view = view
        self._text = text
        self._loading = loading
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted,
                       model.rowsRemoved):  # fmt: skip
            signal.connect(self._changed)
        self._empty = False
        self._changed()

    def message(self) -> str:
        """What the view shows while it is empty."""
        return self.tr("正在载入…") if self._loading else self._text

    def is_shown(self) -> bool:
        """The message is painted (the view is empty and has one to say)."""
        return self._empty and bool(self.message())

    def set_text(self, text: str) -> None:
        """The message for an empty list (shown once not loading)."""
        if text != self._text:
            self._text = text
            self._repaint()

    def set_loading(self, loading: bool) -> None:
        """Say "正在载入…" rather than the message while the rows are being computed."""
        if loading != self._loading:
            self._loading = loading
            self._repaint()

    @Slot()
    def _changed(self) -> None:
        empty = _empty(self.view.model())
        if empty == self._empty:
            return
        self._empty = empty
        viewport = self.view.viewport()
        if empty:
            viewport.installEventFilter(self)
        else:
            viewport.removeEventFilter(self)
        viewport.update()

    def _repaint(self) -> None:
        if self._empty:
            self.view.viewport().update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.Paint:
            return False
        text = self.message()
        if not text:
            return False
        viewport = self.view.viewport()
        painter = QPainter(viewport)
        painter.setFont(self.view.font())
        painter.setPen(self.view.palette().color(QPalette.ColorRole.PlaceholderText))
        margin = self.view.fontMetrics().height()
        area = viewport.rect().adjusted(margin, margin // 2, -margin, -margin // 2)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(area, int(flags), text)
        painter.end()
        return True  # an empty view has nothing of its own to paint
