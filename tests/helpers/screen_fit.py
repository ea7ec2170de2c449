"""Checks that a rendered window or dialog fits its screen and shows its columns whole.

Used by the page/dialog layout tests and by ``scripts/page_screenshots.py``.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)

#: Cell texts that must be shown whole: dates, numbers, percentages, short words (状态).
WHOLE_TEXT = re.compile(r"\d{4}-\d{2}(-\d{2})?|[-+]?\d+(\.\d+)?%?|\S{1,4}")
#: Room a cell needs around its text (margins of the style); a header at least HEADER_PADDING.
PADDING = 6
HEADER_PADDING = 4
_CHECKED = (QAbstractButton, QLabel, QLineEdit, QComboBox, QAbstractItemView, QTabBar)


def _scrolled(widget: QWidget, top: QWidget) -> bool:
    """Inside the scrolled viewport of a scroll area (may legitimately lie outside)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return True
        parent = grand
    return False


def outside_widgets(top: QWidget) -> list[str]:
    """Visible controls of ``top`` not wholly inside it (cut off by the window edge)."""
    bounds = top.rect()
    found = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, _CHECKED) or not widget.isVisible() or widget.isWindow():
            continue
        if _scrolled(widget, top):
            continue
        if widget.width() == 0 or widget.height() == 0:
            continue  # a collapsed splitter pane (e.g. the folded plan tree): not on screen
        rect = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
        if not bounds.contains(rect):
            text = getattr(widget, "text", lambda: "")()
            found.append(f"{type(widget).__name__} {text!r} at {rect.getRect()}")
    return found


def _header(view: QAbstractItemView):  # noqa: ANN202
    if isinstance(view, QTableView):
        return view.horizontalHeader()
    if isinstance(view, QTreeView):
        return view.header()
    return None


#: The view property naming columns whose every text must be shown whole (names a
#: person reads, such as the dashboard's section and unit names).
WHOLE_TEXT_COLUMNS = "wholeTextColumns"


def sort_mark_width(header: QHeaderView) -> int:
    """Room the header's sort indicator takes beside a section's title."""
    style = header.style()
    return style.pixelMetric(
        QStyle.PixelMetric.PM_HeaderMarkSize, None, header
    ) + style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)


def narrow_columns(view: QAbstractItemView, rows: int = 25) -> list[str]:
    """Visible columns narrower than their header text, or than a short cell text
    (a date, a number, a status word) they show, or than any text of a column the
    view declares whole (``WHOLE_TEXT_COLUMNS``)."""
    header, model = _header(view), view.model()
    if header is None or model is None:
        return []
    whole = {int(c) for c in (view.property(WHOLE_TEXT_COLUMNS) or [])}
    found = []
    header_metrics, cell_metrics = header.fontMetrics(), view.fontMetrics()
    viewport = view.viewport().width()
    tree = isinstance(view, QTreeView)
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        x, width = header.sectionViewportPosition(column), header.sectionSize(column)
        if width == 0 or x < 0 or x + width > viewport:
            continue  # (partly) scrolled out of sight: scrolling shows it whole
        if header.isVisible():
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            need = max((header_metrics.horizontalAdvance(t) for t in title.split("\n")), default=0)
            if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
                need += sort_mark_width(header)  # (drawn beside the title, or over it)
            if title and width < need + HEADER_PADDING:
                found.append(f"header {title!r}: {width} < {need + HEADER_PADDING}")
        if tree and column == 0:
            continue  # indentation and expanders: long labels elide by design
        for row in range(min(model.rowCount(), rows)):
            text = model.index(row, column).data()
            if not isinstance(text, str):
                continue
            if column not in whole and not WHOLE_TEXT.fullmatch(text.strip()):
                continue
            need = cell_metrics.horizontalAdvance(text.strip()) + PADDING
            if model.index(row, column).data(Qt.ItemDataRole.DecorationRole) is not None:
                need += 16
            if width < need:
                found.append(f"cell {text!r} in {title!r}: {width} < {need}")
                break
    return found


def layout_problems(top: QWidget) -> list[str]:
    """Everything ``outside_widgets`` and ``narrow_columns`` find in ``top``."""
    problems = outside_widgets(top)
    for view in top.findChildren(QAbstractItemView):
        if view.isVisible() and view.objectName() != "frozenColumn":
            name = view.objectName() or type(view).__name__
            problems += [f"{name}: {p}" for p in narrow_columns(view)]
    return problems
