"""Column widths of the read-only lists: sized to their contents once per new set of rows
(``FitColumns``), or fitted to the view's width (``FitWidth``: a narrow dock at 1366×768
shows every column it keeps without a horizontal scroll bar).

``FitWidth`` sizes the short columns (dates, numbers, states, names) to their contents;
the designated long-text columns (title, note, content) take the room that is left and
elide, the full text in the cell's tooltip. Where even the short columns do not fit,
the optional columns are hidden, in the order given, and their values are added to the
row's tooltip. It refits when the viewport is resized (measuring nothing again) and
measures again when the rows change."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QHelpEvent, QIcon
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView, QToolTip, QTreeView

from desktop.views.empty_hint import EmptyHeader

# A long-text column keeps at least this many line heights (about as many Chinese
# characters) before optional columns are hidden to make room for it.
LONG_MIN_EMS = 4


def header_of(view: QTableView | QTreeView) -> QHeaderView:
    """The view's horizontal header."""
    return view.horizontalHeader() if isinstance(view, QTableView) else view.header()


class FitColumns(QObject):
    """Sizes a view's columns to their contents once per new set of rows, when the view
    is shown: a hidden tab costs nothing until its first visit, and resizing the window
    measures nothing again (``ResizeToContents`` would measure on every resize).
    The ``stretch`` column takes the room that is left; with no rows, the others keep
    some room beside their titles (the views' ``EmptyHeader``)."""

    def __init__(self, view: QTableView | QTreeView, stretch: int | None) -> None:
        super().__init__(view)
        self.view = view
        self.stretch = stretch
        self.stale = True
        # Size the next rows while hidden, in idle time (``fit_before_shown``).
        self._fit_hidden = False
        model = view.model()
        model.modelReset.connect(self._changed)
        model.layoutChanged.connect(self._changed)
        model.rowsInserted.connect(self._inserted)
        view.installEventFilter(self)

    @Slot(QModelIndex, int, int)
    def _inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        """The first rows of an empty model are sized; rows inserted among others (an
        edit updating the rows in place) keep the columns as they are."""
        if not parent.isValid() and self.view.model().rowCount() == last - first + 1:
            self._changed()

    @Slot()
    def _changed(self) -> None:
        self.stale = True
        if self.view.isVisible():
            self.fit()
        elif self._fit_hidden:
            QTimer.singleShot(0, self, self._fit_while_hidden)

    def fit_before_shown(self) -> None:
        """Size the columns in idle time although the view is hidden (a page built in idle
        time: its first visit then only paints), once: for its rows now, or the first ones
        to come; later rows are sized when shown again."""
        self._fit_hidden = True
        if self.stale and self.view.model().rowCount() > 0:
            QTimer.singleShot(0, self, self._fit_while_hidden)

    @Slot()
    def _fit_while_hidden(self) -> None:
        if self._fit_hidden and self.stale and self.view.model().rowCount() > 0:
            self._fit_hidden = False
            self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Show and self.stale:
            self.fit()
        return False

    def fit(self) -> None:
        self.stale = False
        for column in range(self.view.model().columnCount()):
            if column != self.stretch:
                self.view.resizeColumnToContents(column)


class FitWidth(FitColumns):
    """Fits a view's columns to its viewport's width (see the module): ``long`` the
    long-text columns (one or two), ``optional`` the columns hidden first when the rest
    do not fit. Measures when the rows change and the view is shown (``FitColumns``);
    refits when the viewport is resized. ``fit()`` measures again at once (a tree
    after ``expandAll``: its rows under groups are measured only once expanded).
    ``long_min_ems``: the room a long column keeps before optional columns give way
    (``LONG_MIN_EMS`` line heights, or more for a list whose titles are read first)."""

    def __init__(
        self,
        view: QTableView | QTreeView,
        long: Sequence[int],
        optional: Sequence[int] = (),
        long_min_ems: int = LONG_MIN_EMS,
    ) -> None:
        super().__init__(view, None)
        self.long = tuple(long)
        self.optional = tuple(optional)
        self.long_min_ems = long_min_ems
        # Per column: (the width it needs, the width its contents want), when measured.
        self._widths: list[tuple[int, int]] = []
        # The optional columns no row has a value in (given way first when short of room).
        self._blank: set[int] = set()
        header = header_of(view)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)
        if isinstance(view, QTreeView):
            view.expanded.connect(self._expanded)

    @Slot(QModelIndex)
    def _expanded(self, _index: QModelIndex) -> None:
        if self.view.isVisible():
            self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # (compared without the view: the viewport has events while the view is deleted)
        if watched is self._viewport:
            kind = event.type()
            if kind == QEvent.Type.Resize and self._widths and not self.stale:
                self.distribute()
            elif kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
                index = self.view.indexAt(event.pos())
                text = self.tooltip(index) if index.isValid() else ""
                if text:
                    QToolTip.showText(event.globalPos(), text, self.view.viewport())
                else:
                    QToolTip.hideText()
                    event.ignore()
                return True
            return False
        return super().eventFilter(watched, event)

    # -- measuring -----------------------------------------------------------------------

    def fit(self) -> None:
        """Measure every column (shown ones and hidden ones) and distribute the width."""
        self.stale = False
        view, header = self.view, header_of(self.view)
        model = view.model()
        columns = model.columnCount()
        for column in range(columns):
            if view.isColumnHidden(column):
                view.setColumnHidden(column, False)
        room = header.empty_room() if isinstance(header, EmptyHeader) else 0
        long_min = self.long_min_ems * view.fontMetrics().height()
        # the first column also holds the status icons (a tree's: the expanders and one
        # level's indentation too)
        first = (view.iconSize().width() if view.iconSize().isValid() else 16) + 4
        if isinstance(view, QTreeView):
            first += 2 * view.indentation()
        widths = []
        for column in range(columns):
            title = header.sectionSizeHint(column)
            want = max(view.sizeHintForColumn(column), title, 0)
            if column in self.long:
                least = long_min + (first if column == 0 else 0)
                need = min(max(least, title - room), want)
            else:
                need = want - room if room else want
            widths.append((max(need, 0), want))
        self._widths = widths
        rows = model.rowCount() > 0  # (an empty list keeps its columns' titles)
        self._blank = {c for c in self.optional if rows and _blank(model, c)}
        self.distribute()

    def distribute(self) -> None:
        """Give the measured widths out within the viewport's width: hide optional
        columns while the needed widths do not fit (the blank ones as soon as the wanted
        widths do not), grow the short columns, then the
        long ones, to what their contents want; the rest to the last long column."""
        view, widths = self.view, self._widths
        if not widths or len(widths) != view.model().columnCount():
            return
        available = view.viewport().width()
        shown = list(range(len(widths)))
        if sum(w[1] for w in widths) > available:  # an empty optional column is no use
            shown = [c for c in shown if c not in self._blank]
        for column in self.optional:
            if sum(widths[c][0] for c in shown) <= available:
                break
            if column in shown:
                shown.remove(column)
        sizes = {c: widths[c][0] for c in shown}
        left = available - sum(sizes.values())
        short = [c for c in shown if c not in self.long]
        left = _grow(sizes, {c: widths[c][1] for c in short}, left)
        left = _grow(sizes, {c: widths[c][1] for c in shown if c in self.long}, left)
        if left < 0:  # even the needs do not fit: the long columns give up to half theirs
            left = _shrink(sizes, [c for c in shown if c in self.long], -left)
        if left > 0 and shown:
            last_long = [c for c in shown if c in self.long]
            sizes[(last_long or shown)[-1]] += left
        header = header_of(view)
        for column in range(len(widths)):
            hidden = column not in sizes
            if view.isColumnHidden(column) != hidden:
                view.setColumnHidden(column, hidden)
            if not hidden and header.sectionSize(column) != sizes[column]:
                header.resizeSection(column, sizes[column])

    # -- tooltips ------------------------------------------------------------------------

    def hidden_columns(self) -> list[int]:
        return [c for c in range(self.view.model().columnCount()) if self.view.isColumnHidden(c)]

    def elided(self, index: QModelIndex) -> bool:
        """Whether the cell's text is wider than the room its column gives it."""
        text = index.data()
        if not isinstance(text, str) or not text:
            return False
        # the style's text margins (as QCommonStyle lays an item out)
        margin = self.view.style().pixelMetric(
            QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view
        )
        room = self.view.visualRect(index).width() - 2 * (margin + 1)
        decoration = index.data(Qt.ItemDataRole.DecorationRole)
        if decoration is not None:
            size = self.view.iconSize() if self.view.iconSize().isValid() else QSize(16, 16)
            if isinstance(decoration, QIcon):  # drawn at its own size where smaller (a light)
                size = decoration.actualSize(size)
            room -= size.width() + 4
        metrics = self.view.fontMetrics()
        return any(metrics.horizontalAdvance(line) > room for line in text.split("\n"))

    def tooltip(self, index: QModelIndex) -> str:
        """The cell's tooltip: its full text when elided, the row's own tooltip, and the
        values of the hidden optional columns (one "title：value" a line). A row's tooltip
        that holds the cell's text whole (a value the model cut short: "…") stands for it."""
        parts: list[str] = []
        own = index.data(Qt.ItemDataRole.ToolTipRole)
        own = own if isinstance(own, str) else ""
        if self.elided(index) and not own.startswith(str(index.data()).removesuffix("…")):
            parts.append(str(index.data()))
        if own:
            parts.append(own)
        model = self.view.model()
        for column in self.hidden_columns():
            value = index.siblingAtColumn(column).data()
            if value not in (None, ""):
                title = model.headerData(column, Qt.Orientation.Horizontal)
                parts.append(self.tr("{0}：{1}").format(title, value))
        unique = [p for i, p in enumerate(parts) if p not in parts[:i]]
        return "\n".join(unique)


def _blank(model: QAbstractItemModel, column: int, rows: int = 200) -> bool:
    """No top-level row (of the first ``rows``; a tree's: none under them either) has a
    text in ``column``."""
    for row in range(min(model.rowCount(), rows)):
        index = model.index(row, column)
        if index.data() not in (None, ""):
            return False
        parent = model.index(row, 0)
        for child in range(min(model.rowCount(parent), rows)):
            if model.index(child, column, parent).data() not in (None, ""):
                return False
    return True


def _grow(sizes: dict[int, int], wants: dict[int, int], left: int) -> int:
    """Grow ``sizes`` toward ``wants`` within ``left`` pixels, the smallest wishes met
    first (each column gets an equal share of what is left, or less if it wants less);
    returns the pixels still left."""
    waiting = sorted((c for c in wants if wants[c] > sizes[c]), key=lambda c: wants[c] - sizes[c])
    while waiting and left > 0:
        share = left // len(waiting)
        column = waiting.pop(0)
        grow = min(wants[column] - sizes[column], share)
        if (
            grow < wants[column] - sizes[column]
        ):  # the rest want at least as much: all get the share
            for other in [column, *waiting]:
                sizes[other] += share
            return left - share * (len(waiting) + 1)
        sizes[column] += grow
        left -= grow
    return left


def _shrink(sizes: dict[int, int], columns: list[int], excess: int) -> int:
    """Take ``excess`` pixels from ``columns`` (each gives at most half its size, in
    proportion to its size); returns the pixels left over (negative: still too wide)."""
    total = sum(sizes[c] for c in columns)
    if total <= 0:
        return -excess
    take = min(excess, total // 2)
    for c in columns:
        cut = sizes[c] * take // total
        sizes[c] -= cut
        excess -= cut
    return -excess


def fit_width(
    view: QTableView | QTreeView,
    long: Sequence[int],
    optional: Sequence[int] = (),
    long_min_ems: int = LONG_MIN_EMS,
) -> FitWidth:
    """Fit ``view``'s columns to its width (``FitWidth``)."""
    return FitWidth(view, long, optional, long_min_ems)
