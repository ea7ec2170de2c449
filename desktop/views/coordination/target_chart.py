"""Target progress: percent and gap, with a small history chart (QtCharts)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCharts import (
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QMargins, Qt, QTime
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget


def _ms(day: str) -> float:
    d = date.fromisoformat(day)
    from PySide6.QtCore import QDate

    return float(QDateTime(QDate(d.year, d.month, d.day), QTime(0, 0)).toMSecsSinceEpoch())


class TargetChart(QChartView):
    """History of a target's values with its goal line; ``set_progress(target_progress())``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(110)
        self.values = QLineSeries()
        self.points = QScatterSeries()
        self.goal = QLineSeries()
        self.set_progress(None)

    def set_progress(self, progress: dict[str, Any] | None) -> None:
        chart = QChart()
        chart.legend().hide()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        self.values = QLineSeries()
        self.points = QScatterSeries()
        self.points.setMarkerSize(7)
        self.goal = QLineSeries()
        if not progress or not progress["history"]:
            self.setToolTip("")
            chart.setTitle(self.tr("尚无数值记录"))
            self.setChart(chart)
            return
        target, history = progress["target"], progress["history"]
        for row in history:
            self.values.append(_ms(row["as_of"]), row["value"])
            self.points.append(_ms(row["as_of"]), row["value"])
        self.values.setPen(QPen(QColor("#1c7ed6"), 2))
        self.points.setColor(QColor("#1c7ed6"))
        first = _ms(history[0]["as_of"])
        last = _ms(target["deadline"]) if target.get("deadline") else _ms(history[-1]["as_of"])
        last = max(last, _ms(history[-1]["as_of"]))
        if first == last:
            last = first + 30 * 86_400_000
        goal = target["value"]
        if goal is not None:
            self.goal.append(first, goal)
            self.goal.append(last, goal)
            self.goal.setPen(QPen(QColor("#2f9e44"), 1.5, Qt.PenStyle.DashLine))
        for series in (self.values, self.points, self.goal):
            chart.addSeries(series)
        x_axis = QDateTimeAxis()
        x_axis.setFormat("yyyy-MM")
        x_axis.setTickCount(4)
        x_axis.setRange(
            QDateTime.fromMSecsSinceEpoch(int(first)), QDateTime.fromMSecsSinceEpoch(int(last))
        )
        y_axis = QValueAxis()
        values = [row["value"] for row in history] + ([goal] if goal is not None else [])
        top = max(values) * 1.1 if max(values) > 0 else 1
        y_axis.setRange(min(0, min(values)), top)
        y_axis.setLabelFormat("%g")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (self.values, self.points, self.goal):
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
        percent, gap = progress["percent"], progress["gap"]
        uom = target["uom"]
        state = progress.get("state")
        if state == "met_late":
            title = self.tr("逾期达成（{0:g}%）").format(percent)
        elif progress["met"]:
            title = self.tr("已达标（{0:g}%）").format(percent)
        elif state == "missed":
            title = self.tr("未达标：期限 {0} 已过 · 进度 {1:g}% · 差距 {2:g} {3}").format(
                target["deadline"], percent or 0, gap or 0, uom
            )
        else:
            title = self.tr("进度 {0:g}% · 差距 {1:g} {2}").format(percent or 0, gap or 0, uom)
        chart.setTitle(title)
        self.setToolTip(title)  # the chart elides its title in a narrow dock
        self.setChart(chart)
