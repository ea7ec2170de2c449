"""Gantt-style timeline: tasks and milestones on a date axis (custom painted).

A ``QAbstractScrollArea`` that paints only the rows in view, so 1,000 or
10,000 tasks cost the same per frame. Left: task labels (sticky); top: the
date axis (months, quarters or years by zoom); a bar per task from its first
to its last milestone in the task's light colour; milestones as diamonds in
their own light; an extended milestone also shows its original date (hollow
diamond, dashed line); dependency arrows (red when the successor is at risk);
the today line.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QLineF, QPointF, QRect, QRectF, Qt, Signal, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.models.coordination_views import (
    ArrowIndex,
    TimelineData,
    TimelineMilestone,
    TimelineTask,
    same_rows,
)
from desktop.models.qt.coordination_models import status_color, status_label
from desktop.models.qt.domain_text import domain
from desktop.models.qt.text import with_note
from desktop.models.timeline_arrows import ends_of, in_view

ZOOMS = {"month": 8.0, "quarter": 2.8, "year": 0.8}  # pixels per day
LABEL_WIDTH = 260
HEADER_HEIGHT = 44
MARGIN_DAYS = 20


class TimelineView(QAbstractScrollArea):
    """The painted area; ``TimelineWidget`` adds the zoom bar."""

    #: A task row was clicked (task id).
    task_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = TimelineData()
        # a task's plan (its 发文字号) when several plans are loaded, else ""
        self._plan_of: Callable[[str], str] | None = None
        self._ppd = ZOOMS["quarter"]
        self.row_height = self.fontMetrics().height() + 12
        self.painted_rows = 0  # rows painted by the last paint (tests, bench)
        self.painted_arrows = 0  # arrows drawn by the last paint (tests, bench)
        self._arrow_index: ArrowIndex | None = None  # built at the first paint of the data
        self._loading = False  # the rows are still computed: "正在载入…" meanwhile
        self.viewport().setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    # -- data and geometry ----------------------------------------------------------

    @property
    def data(self) -> TimelineData:
        return self._data

    def set_loading(self, loading: bool) -> None:
        """Say "正在载入…" in the empty area until ``set_data`` brings the rows."""
        self._loading = loading
        self.viewport().update()

    def is_loading(self) -> bool:
        return self._loading

    def set_data(self, data: TimelineData, plan_of: Callable[[str], str] | None = None) -> None:
        """The rows to draw; ``plan_of``: a task's plan (``StatusSnapshot.plan_of``: its
        发文字号 when several plans are loaded), after its label as in the 总览's lists
        (with 2,000 plans, "1 打造城市安全大脑" was on 2,000 rows)."""
        self._plan_of = plan_of
        self._loading = False
        if data.index is not None:  # built by the overview's background job
            self._arrow_index = data.index
        elif not same_rows(data.arrows, self._data.arrows):  # (most edits): the same index
            self._arrow_index = None
        self._data = data
        self._update_scrollbars()
        self.viewport().update()

    def label(self, task: TimelineTask) -> str:
        """A row's label: the task's number and title, its plan after them when several
        plans are loaded."""
        plan = self._plan_of(task.task_id) if self._plan_of is not None else ""
        return with_note(task.label, plan) if plan else task.label

    def set_zoom(self, key: str) -> None:
        today_x = self._x(self._data.today)
        center_day = self._day_at(self.viewport().width() // 2) if self._data.tasks else None
        self._ppd = ZOOMS[key]
        self._update_scrollbars()
        if center_day is not None and today_x is not None:
            self.scroll_to_day(center_day)
        self.viewport().update()

    @property
    def origin(self) -> int:
        return self._data.first_day - MARGIN_DAYS

    def _content_width(self) -> int:
        days = self._data.last_day - self._data.first_day + 2 * MARGIN_DAYS
        return int(days * self._ppd) + LABEL_WIDTH

    def _update_scrollbars(self) -> None:
        view = self.viewport()
        rows = len(self._data.tasks)
        body = view.height() - HEADER_HEIGHT
        self.verticalScrollBar().setRange(0, max(0, rows * self.row_height - body))
        self.verticalScrollBar().setPageStep(max(1, body))
        self.verticalScrollBar().setSingleStep(self.row_height)
        self.horizontalScrollBar().setRange(0, max(0, self._content_width() - view.width()))
        self.horizontalScrollBar().setPageStep(max(1, view.width() - LABEL_WIDTH))
        self.horizontalScrollBar().setSingleStep(40)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._update_scrollbars()

    def _x(self, day: int) -> float:
        return LABEL_WIDTH + (day - self.origin) * self._ppd - self.horizontalScrollBar().value()

    def _day_at(self, x: float) -> int:
        return int((x - LABEL_WIDTH + self.horizontalScrollBar().value()) / self._ppd) + self.origin

    def _y(self, row: int) -> int:
        return HEADER_HEIGHT + row * self.row_height - self.verticalScrollBar().value()

    def row_at(self, y: int) -> int:
        if y < HEADER_HEIGHT:
            return -1
        row = (y - HEADER_HEIGHT + self.verticalScrollBar().value()) // self.row_height
        return row if 0 <= row < len(self._data.tasks) else -1

    def scroll_to_day(self, day: int) -> None:
        target = (day - self.origin) * self._ppd - (self.viewport().width() - LABEL_WIDTH) / 2
        self.horizontalScrollBar().setValue(int(target))

    @Slot()
    def scroll_to_today(self) -> None:
        self.scroll_to_day(self._data.today)

    def visible_rows(self) -> range:
        first = self.verticalScrollBar().value() // self.row_height
        count = (self.viewport().height() - HEADER_HEIGHT) // self.row_height + 2
        return range(first, min(len(self._data.tasks), first + count))

    # -- painting -------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self.viewport())
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, p: QPainter) -> None:
        view = self.viewport().rect()
        p.fillRect(view, QColor("#ffffff"))
        rows = self.visible_rows()
        self.painted_rows = len(rows)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setClipRect(QRect(LABEL_WIDTH, 0, view.width() - LABEL_WIDTH, view.height()))
        self._paint_grid(p, view)
        rh = self.row_height
        for row in rows:
            y = self._y(row)
            if row % 2:
                p.fillRect(QRect(LABEL_WIDTH, y, view.width(), rh), QColor("#f7f8fa"))
        for row in rows:
            self._paint_task(p, row)
        self._paint_arrows(p, rows)
        today = self._x(self._data.today)
        p.setPen(QPen(QColor("#d9372b"), 1.5))
        p.drawLine(QPointF(today, HEADER_HEIGHT - 6), QPointF(today, view.height()))
        p.setClipping(False)
        self._paint_labels(p, view, rows)
        self._paint_header(p, view, today)
        if not self._data.tasks:
            self._paint_empty(p, view)

    def _paint_empty(self, p: QPainter, view: QRect) -> None:
        """The empty body's message, grey and centred: loading, or no milestones yet."""
        text = (
            self.tr("正在载入…") if self._loading
            else self.tr("还没有任务设里程碑：在“协同”面板的“里程碑”页为任务添加节点后，这里按时间排列。")
        )  # fmt: skip
        body = QRect(
            view.left() + 24, HEADER_HEIGHT, view.width() - 48, view.height() - HEADER_HEIGHT
        )
        p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        p.drawText(body, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)

    def _paint_grid(self, p: QPainter, view: QRect) -> None:
        p.setPen(QPen(QColor("#eceef1"), 1))
        for day, _text, major in self._ticks(view):
            if major:
                x = self._x(day)
                p.drawLine(QPointF(x, HEADER_HEIGHT), QPointF(x, view.height()))

    def _ticks(self, view: QRect) -> list[tuple[int, str, bool]]:
        """(day, label, major) for the axis in view."""
        first = date.fromordinal(max(1, self._day_at(LABEL_WIDTH) - 1))
        last = date.fromordinal(self._day_at(view.width()) + 1)
        out: list[tuple[int, str, bool]] = []
        year, month = first.year, first.month
        step = 3 if self._ppd < ZOOMS["quarter"] else 1
        if step == 3:
            month = (month - 1) // 3 * 3 + 1
        while (year, month) <= (last.year, last.month):
            day = date(year, month, 1).toordinal()
            if self._ppd >= ZOOMS["month"]:
                out.append((day, self.tr("{0}年{1}月").format(year, month), True))
            elif self._ppd >= ZOOMS["quarter"]:
                out.append((day, self.tr("{0}月").format(month), month in (1, 4, 7, 10)))
            elif month in (1, 4, 7, 10):
                q = (month - 1) // 3 + 1
                out.append((day, self.tr("{0}季度").format(q), month == 1))
            month += step
            if month > 12:
                year, month = year + 1, month - 12
        return out

    def _paint_header(self, p: QPainter, view: QRect, today: float) -> None:
        p.fillRect(QRect(0, 0, view.width(), HEADER_HEIGHT), QColor("#f1f3f5"))
        p.setPen(QColor("#c9ced6"))
        p.drawLine(0, HEADER_HEIGHT - 1, view.width(), HEADER_HEIGHT - 1)
        fm = self.fontMetrics()
        half = HEADER_HEIGHT // 2
        p.save()
        p.setClipRect(QRect(LABEL_WIDTH, 0, view.width() - LABEL_WIDTH, HEADER_HEIGHT))
        ticks = self._ticks(view)
        xs = [self._x(day) for day, _text, _major in ticks] + [float(view.width() + 1)]
        years: dict[int, float] = {}
        for i, (day, text, major) in enumerate(ticks):
            x = xs[i]
            p.setPen(QColor("#9aa1ab"))
            p.drawLine(QPointF(x, half if not major else 4), QPointF(x, HEADER_HEIGHT))
            p.setPen(QColor("#333"))
            # A period starting left of the axis keeps its label readable at the edge,
            # unless the next label is too close.
            left = max(x, LABEL_WIDTH) + 4
            if left + fm.horizontalAdvance(text) + 4 <= xs[i + 1] or x >= LABEL_WIDTH:
                p.drawText(QPointF(left, HEADER_HEIGHT - 8), text)
            years.setdefault(date.fromordinal(day).year, x)
        if self._ppd < ZOOMS["month"]:
            starts = sorted(years.items()) + [(0, float(view.width() + 1))]
            for (year, x), (_next, next_x) in zip(starts, starts[1:], strict=False):
                text = self.tr("{0}年").format(year)
                left = max(x, LABEL_WIDTH) + 4
                if x >= LABEL_WIDTH or left + fm.horizontalAdvance(text) + 4 <= next_x:
                    p.drawText(QPointF(left, fm.ascent() + 3), text)
        p.setPen(QPen(QColor("#d9372b"), 1.5))
        p.drawText(QPointF(today + 3, fm.ascent() + 3), self.tr("今天"))
        p.restore()
        p.setPen(QColor("#333"))
        p.drawText(
            QRect(8, 0, LABEL_WIDTH - 8, HEADER_HEIGHT),
            Qt.AlignmentFlag.AlignVCenter,
            self.tr("任务（{0} 项有里程碑）").format(len(self._data.tasks)),
        )

    def _paint_labels(self, p: QPainter, view: QRect, rows: range) -> None:
        p.fillRect(QRect(0, HEADER_HEIGHT, LABEL_WIDTH, view.height()), QColor("#fbfbfc"))
        p.setPen(QColor("#c9ced6"))
        p.drawLine(LABEL_WIDTH - 1, 0, LABEL_WIDTH - 1, view.height())
        fm = self.fontMetrics()
        rh = self.row_height
        for row in rows:
            task = self._data.tasks[row]
            y = self._y(row)
            if y + rh < HEADER_HEIGHT:
                continue
            color = status_color(task.status)
            p.setPen(color.darker(130))
            p.setBrush(color)
            p.drawEllipse(QRectF(8, y + rh / 2 - 5, 10, 10))
            p.setPen(QColor("#b42318") if task.risk_text else QColor("#222"))
            # (with a plan after the title, the middle goes: the number, the title's start
            # and the 发文字号's end — what tells two plans' task 1 apart — stay)
            middle = self._plan_of is not None and bool(self._plan_of(task.task_id))
            mode = Qt.TextElideMode.ElideMiddle if middle else Qt.TextElideMode.ElideRight
            text = fm.elidedText(self.label(task), mode, LABEL_WIDTH - 34)
            p.drawText(QRect(24, y, LABEL_WIDTH - 30, rh), Qt.AlignmentFlag.AlignVCenter, text)

    def _paint_task(self, p: QPainter, row: int) -> None:
        task = self._data.tasks[row]
        y = self._y(row)
        rh = self.row_height
        mid = y + rh / 2
        x0, x1 = self._x(task.start), self._x(task.finish)
        color = status_color(task.status)
        if x1 - x0 >= 1:
            bar = QColor(color)
            bar.setAlpha(110)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(bar)
            p.drawRoundedRect(QRectF(x0, mid - rh * 0.22, x1 - x0, rh * 0.44), 3, 3)
        size = rh * 0.3
        for mark in task.milestones:
            if mark.original_day is not None:
                xo = self._x(mark.original_day)
                p.setPen(QPen(QColor("#6c757d"), 1, Qt.PenStyle.DashLine))
                p.drawLine(QPointF(xo, mid), QPointF(self._x(mark.day), mid))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.setPen(QPen(QColor("#6c757d"), 1.2))
                p.drawPolygon(_diamond(xo, mid, size * 0.85))
            mcolor = status_color(mark.status)
            p.setPen(QPen(QColor("#b42318") if mark.at_risk else mcolor.darker(140), 1.2))
            p.setBrush(QBrush(mcolor))
            p.drawPolygon(_diamond(self._x(mark.day), mid, size))

    def arrows_in_view(self, rows: range) -> tuple[list[int], list[int]]:
        """Indexes of the arrows to draw for ``rows`` (from the data's ``ArrowIndex``):
        those with an end near the rows (drawn whole), and those passing over them with
        both ends a row or more away, of which only the successor's vertical shows (one
        per place and colour: each is drawn once)."""
        if not rows:
            return [], []
        if self._arrow_index is None:
            self._arrow_index = ArrowIndex(self._data.arrows)
        first, last = rows.start - 1, rows.stop  # a row's margin: the bends stay out
        touching = self._arrow_index.touching(rows.start, rows.stop - 1)
        return in_view(self._data.arrows, touching, first, last)

    def _paint_arrows(self, p: QPainter, rows: range) -> None:
        ends, passing = self.arrows_in_view(rows)
        self.painted_arrows = len(ends) + len(passing)
        rh = self.row_height
        arrows = self._data.arrows
        view = self.viewport().rect()
        top, bottom = HEADER_HEIGHT - rh, view.height() + rh  # beyond the body: the header
        p.setBrush(Qt.BrushStyle.NoBrush)  # covers the top
        grey, red = QPen(QColor("#5c677d"), 1.3), QPen(QColor("#c92a2a"), 1.3)
        for _pred_row, _succ_row, succ_day, risky in ends_of(arrows, passing):
            x = self._x(succ_day) - 12
            p.setPen(red if risky else grey)
            p.drawLine(QLineF(x, top, x, bottom))
        for i in ends:
            pred_row, pred_day, succ_row, succ_day, risky = arrows[i]
            xa, ya = self._x(pred_day), self._y(pred_row) + rh / 2
            xb, yb = self._x(succ_day), self._y(succ_row) + rh / 2
            color = QColor("#c92a2a") if risky else QColor("#5c677d")
            p.setPen(QPen(color, 1.3))
            p.setBrush(Qt.BrushStyle.NoBrush)
            path = QPainterPath(QPointF(xa + 6, ya))
            bend = ya + (rh / 2 if yb >= ya else -rh / 2)
            path.lineTo(xa + 10, ya)
            path.lineTo(xa + 10, bend)
            path.lineTo(xb - 12, bend)
            path.lineTo(xb - 12, yb)
            path.lineTo(xb - 7, yb)
            p.drawPath(path)
            p.setBrush(color)
            p.drawPolygon(
                QPolygonF([QPointF(xb - 6, yb), QPointF(xb - 12, yb - 4), QPointF(xb - 12, yb + 4)])
            )

    # -- interaction ------------------------------------------------------------------

    def milestone_at(self, x: float, y: int) -> TimelineMilestone | None:
        row = self.row_at(y)
        if row < 0 or x < LABEL_WIDTH:
            return None
        best = None
        for mark in self._data.tasks[row].milestones:
            distance = abs(self._x(mark.day) - x)
            if distance <= 7 and (best is None or distance < best[0]):
                best = (distance, mark)
        return best[1] if best else None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        row = self.row_at(int(event.position().y()))
        if row >= 0:
            self.task_activated.emit(self._data.tasks[row].task_id)
        super().mousePressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()
            mark = self.milestone_at(pos.x(), pos.y())
            row = self.row_at(pos.y())
            if mark is not None:
                text = self.tr("{title}\n{day}  {status}  {unit}").format(
                    title=mark.title,
                    day=date.fromordinal(mark.day).isoformat(),
                    status=status_label(mark.status),
                    unit=mark.unit_name,
                )
                if mark.original_day is not None:
                    text += "\n" + self.tr("原定 {0}").format(
                        date.fromordinal(mark.original_day).isoformat()
                    )
                QToolTip.showText(event.globalPos(), text, self.viewport())
            elif row >= 0:
                task = self._data.tasks[row]
                QToolTip.showText(
                    event.globalPos(),
                    "\n".join(
                        filter(
                            None,
                            (self.label(task), status_label(task.status), domain(task.risk_text)),
                        )
                    ),
                    self.viewport(),
                )
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)


def _diamond(x: float, y: float, r: float) -> QPolygonF:
    return QPolygonF([QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r), QPointF(x - r, y)])


class TimelineWidget(QWidget):
    """Zoom bar (月 / 季 / 年, 今天) over the ``TimelineView``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = TimelineView()
        self.task_activated = self.view.task_activated
        self.zoom = QComboBox()
        for key, text in (
            ("month", self.tr("按月")),
            ("quarter", self.tr("按季度")),
            ("year", self.tr("按年")),
        ):
            self.zoom.addItem(text, key)
        self.zoom.setCurrentIndex(1)
        self.zoom.currentIndexChanged.connect(self._zoom_changed)
        today = QPushButton(self.tr("今天"))
        today.clicked.connect(self.view.scroll_to_today)
        legend = QLabel(self.tr("◆ 里程碑　◇ 原定日期（已延期）　→ 依赖（红色：受阻）　红线：今天"))
        legend.setStyleSheet("color: #555;")
        legend.setToolTip(legend.text())
        # clipped rather than widening the dock when space is short
        legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(QLabel(self.tr("缩放：")))
        bar.addWidget(self.zoom)
        bar.addWidget(today)
        bar.addSpacing(12)
        bar.addWidget(legend, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def set_data(self, data: TimelineData, plan_of: Callable[[str], str] | None = None) -> None:
        first_load = not self.view.data.tasks
        self.view.set_data(data, plan_of)
        if first_load:
            self.view.scroll_to_today()

    @Slot(int)
    def _zoom_changed(self, _index: int) -> None:
        self.view.set_zoom(self.zoom.currentData())
