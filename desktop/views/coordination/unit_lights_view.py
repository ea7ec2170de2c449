"""All units at a glance (红黄绿灯表): one row per unit, computed in the background,
exportable as CSV or .xlsx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.models import duban_queries as dq
from desktop.models import status as st
from desktop.models import unit_lights as ul
from desktop.models.qt.roles import SORT_ROLE
from desktop.models.qt.unit_lights_model import UnitLightsModel
from desktop.views import dialogs
from desktop.views.empty_hint import EmptyHeader, EmptyHint
from desktop.views.fit_width import FitColumns
from desktop.views.ops import QueryOp


def unit_lights_of(
    store,  # noqa: ANN001
    window_days: int,
    snapshot: st.StatusSnapshot | None,
    round_: dq.ReportRound | None = None,
) -> ul.UnitLights:
    """Query op body: the table on the worker's own store; a ``snapshot`` just computed
    (read only) saves a second status pass, the overview's whole-database round of
    the same day (``round_``, with the snapshot) the table's own tally."""
    day = snapshot.today if snapshot is not None else date.today()
    if round_ is not None and (snapshot is None or round_.as_of != day):
        round_ = None  # another day's round: the table counts its own
    return ul.unit_lights(store.db, day, window_days, snapshot=snapshot, round_=round_)


class UnitLightsView(QWidget):
    """``load(path, window_days)`` computes the table off the GUI thread."""

    #: The table was (re)loaded.
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = UnitLightsModel(self)
        self.table: ul.UnitLights | None = None
        self._job: QueryOp | None = None
        self._pending: tuple | None = None
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SORT_ROLE)
        self.proxy = proxy
        self.view = QTableView()
        EmptyHeader.install(self.view)
        self.view.setModel(proxy)
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        # columns sized from the first rows only: every unit (300 in a province) made each
        # visit to the page cost a second; and once per new table, when shown (sizing on
        # every resize cost ~90 ms per visit)
        header.setResizeContentsPrecision(40)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # the unit column sized to its longest name when a table arrives (``_fit_names``),
        # the others to their contents: the names are read whole, the table scrolls
        # sideways on a narrow page (stretched, the names were cut: "吉林市场监…")
        FitColumns(self.view, 0)
        self.hint = EmptyHint(self.view, self.tr("没有单位"), loading=True)
        self.caption = QLabel(self.tr("正在统计各单位情况…"))
        self.caption.setWordWrap(True)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.setToolTip(self.tr("导出为 CSV 或 Excel（.xlsx）"))
        self.export_button.clicked.connect(self._export)
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

    def load(
        self,
        path: str,
        window_days: int = st.DEFAULT_WINDOW_DAYS,
        snapshot: st.StatusSnapshot | None = None,
        round_: dq.ReportRound | None = None,
    ) -> None:
        """Compute in the background; ``snapshot`` (the statuses just computed,
        read only) saves a second status pass, and the overview's whole-database
        ``report_round`` computed with it (read only) the table's own tally."""
        if self._job is not None:
            self._pending = (path, window_days, snapshot, round_)  # once this one lands
            return
        self._pending: tuple | None = None
        # parentless: the job outlives nothing it needs (the table arrives by signal)
        self._job = QueryOp(None, unit_lights_of, window_days, snapshot, round_, db_path=Path(path),
                            label=self.tr("正在统计各单位情况…"), quiet=True)  # fmt: skip
        self._job.succeeded.connect(self._loaded)
        self._job.start()

    @Slot(object)
    def _loaded(self, table: object) -> None:
        self._job = None
        assert isinstance(table, ul.UnitLights)
        self.set_table(table)
        pending, self._pending = self._pending, None
        if pending is not None:
            self.load(*pending)

    def set_table(self, table: ul.UnitLights) -> None:
        self.table = table
        self.model.set_table(table)
        self.hint.set_loading(False)
        lights = [r.light for r in table.rows]
        self.caption.setText(
            self.tr("截至 {0}：{1} 个单位 · 红 {2} · 黄 {3} · 蓝 {4} · 绿 {5}").format(
                table.today.isoformat(),
                len(table.rows),
                lights.count("red"),
                lights.count("yellow"),
                lights.count("blue"),
                lights.count("green"),
            )  # fmt: skip
        )
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the table order
        self._fit_names(table)
        self.loaded.emit()

    def _fit_names(self, table: ul.UnitLights) -> None:
        """The unit column as wide as its longest name (every unit's: a few hundred
        measured, not their cells), or its title."""
        metrics = self.view.fontMetrics()
        title = self.model.headerData(0, Qt.Orientation.Horizontal) or ""
        widest = max(map(metrics.horizontalAdvance, [title, *(r.name for r in table.rows)]))
        self.view.setColumnWidth(0, widest + 3 * metrics.horizontalAdvance(" ") + 12)

    @Slot()
    def _export(self) -> None:
        if self.table is None:
            return
        name = self.tr("各单位督办情况-{0}.xlsx").format(self.table.today.isoformat())
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出各单位红黄绿灯表"), str(Path.home() / name),
            self.tr("Excel 工作簿 (*.xlsx);;CSV (*.csv)"),
        )  # fmt: skip
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> bool:
        assert self.table is not None
        try:
            ul.export(self.table, path)
        except UserError as exc:
            dialogs.show_error(self, exc)
            return False
        return True
