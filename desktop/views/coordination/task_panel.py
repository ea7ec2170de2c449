"""The selected task's coordination: milestones, targets (with chart), progress
reports and the dependencies touching it."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.models import coordination_queries as cq
from desktop.models import milestone_queries, report_queries, target_queries
from desktop.models import status as st
from desktop.models.coordination_views import task_label
from desktop.models.progress import target_state
from desktop.models.qt.coordination_models import (
    PAYLOAD_ROLE,
    TARGET_LIGHTS,
    Row,
    RowsModel,
    status_label,
    target_state_label,
)
from desktop.models.qt.domain_text import node_label, risk_text
from desktop.views.button_row import ButtonRow
from desktop.views.coordination.dashboard import table
from desktop.views.coordination.target_value_dialog import goal_text
from desktop.views.empty_hint import EmptyHint
from desktop.views.fit_width import fit_width
from desktop.views.flow_tabs import FlowTabs
from desktop.views.remarks_tab import AttachmentsTab, RemarksTab


class TaskPanel(QWidget):
    """Shows one task; the buttons emit ``requested(action)`` for the integration."""

    #: A button was pressed: "add_milestone", "edit_milestone", "done", "extend",
    #: "delete_milestone", "dependency", "remove_dependency", "target_value", "report",
    #: "correct_report".
    requested = Signal(str)

    def __init__(self, store, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.store = store
        self.task_id = ""
        self._snapshot: st.StatusSnapshot | None = None
        self.header = QLabel(self.tr("在矩阵或计划树中选择一项任务。"))
        self.header.setWordWrap(True)
        self.milestones = RowsModel(
            [self.tr("里程碑"), self.tr("截止"), self.tr("原定"), self.tr("状态"), self.tr("单位")],
            self,
        )
        self.targets = RowsModel(
            [
                self.tr("目标"),
                self.tr("目标值"),
                self.tr("期限"),
                self.tr("当前"),
                self.tr("进度"),
                self.tr("差距"),
                self.tr("状态"),
            ],  # fmt: skip
            self,
        )
        self.reports = RowsModel(
            [
                self.tr("填报期"),
                self.tr("事项"),
                self.tr("单位"),
                self.tr("完成"),
                self.tr("说明"),
                self.tr("状态"),
            ],  # fmt: skip
            self,
        )
        self.dependencies = RowsModel(
            [self.tr("前置"), self.tr("后续"), self.tr("间隔（天）")], self
        )
        self.milestone_view = table(self.milestones)
        self.dependency_view = table(self.dependencies, 1)
        self.target_view = table(self.targets)
        self.report_view = table(self.reports, 4)
        # the dock's width: titles and notes elide, 原定/单位, 差距/当前/期限 and 事项 go first
        fit_width(self.milestone_view, long=(0,), optional=(2, 4))
        fit_width(self.dependency_view, long=(0, 1))
        # the target's deadline in its own column (the goal's stays short), which gives
        # way, as 当前 and 差距 do, before the title is cut to fewer than ~8 characters
        fit_width(self.target_view, long=(0,), optional=(5, 3, 2), long_min_ems=8)
        fit_width(self.report_view, long=(4,), optional=(1,))
        EmptyHint(self.milestone_view, self.tr("没有里程碑"))
        EmptyHint(self.dependency_view, self.tr("没有依赖关系"))
        EmptyHint(self.target_view, self.tr("没有量化目标"))
        EmptyHint(self.report_view, self.tr("没有进度填报"))
        self.chart = ChartSlot()
        self.target_view.selectionModel().currentRowChanged.connect(self._target_changed)

        def button(text: str, action: str) -> QAction:
            a = QAction(text, self)
            a.triggered.connect(lambda _checked=False, name=action: self.requested.emit(name))
            return a

        def tab(*parts: tuple[QWidget, int], actions: list[QAction]) -> QWidget:
            page = QWidget()
            page_layout = QVBoxLayout(page)
            for widget, stretch in parts:
                page_layout.addWidget(widget, stretch)
            page_layout.addWidget(ButtonRow(*actions))
            return page

        ms_tab = tab(
            (self.milestone_view, 1),
            actions=[
                button(self.tr("添加…"), "add_milestone"),
                button(self.tr("编辑…"), "edit_milestone"),
                button(self.tr("完成"), "done"),
                button(self.tr("延期…"), "extend"),
                button(self.tr("删除"), "delete_milestone"),
                button(self.tr("依赖…"), "dependency"),
            ],
        )
        tg_tab = tab(
            (self.target_view, 1),
            (self.chart, 2),
            actions=[button(self.tr("录入数值…"), "target_value")],
        )
        rp_tab = tab(
            (self.report_view, 1),
            actions=[
                button(self.tr("填报…"), "report"),
                button(self.tr("更正…"), "correct_report"),
            ],
        )
        dp_tab = tab(
            (self.dependency_view, 1),
            actions=[
                button(self.tr("添加…"), "dependency"),
                button(self.tr("删除"), "remove_dependency"),
            ],
        )
        self.remarks = RemarksTab(store, self)  # issue 12: 领导批示 and comments
        self.attachments = AttachmentsTab(store, self)
        from desktop.views.coordination.workflow_panel import WorkflowPanel

        self.workflow = WorkflowPanel(store, self)
        self.workflow.requested.connect(self.requested)
        # Short tab titles (the English ones say one word), the full name in the tab's
        # tooltip; in a dock about 350 px wide at 1366×768 they wrap onto a second line.
        self.tabs = FlowTabs()
        for page, title, tip in (
            (ms_tab, self.tr("里程碑", "tab"), self.tr("里程碑")),
            (tg_tab, self.tr("目标进度", "tab"), self.tr("量化目标的进度")),
            (rp_tab, self.tr("进度填报", "tab"), self.tr("各单位的进度填报")),
            (dp_tab, self.tr("依赖", "tab"), self.tr("依赖关系")),
            (self.remarks, self.tr("批示与评论", "tab"), self.tr("领导批示与评论")),
            (self.attachments, self.tr("附件", "tab"), self.tr("附件（佐证材料）")),
            (self.workflow, self.tr("督办", "tab"), self.tr("签收、办结、延期与报送")),
        ):
            self.tabs.setTabToolTip(self.tabs.addTab(page, title), tip)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)

    def set_snapshot(self, snapshot: st.StatusSnapshot) -> None:
        self._snapshot = snapshot
        self.refresh()

    def show_task(self, task_id: str) -> None:
        self.task_id = task_id
        self.refresh()

    # -- selection ---------------------------------------------------------------------

    def _selected(self, view, model: RowsModel) -> Row | None:  # noqa: ANN001
        index = view.currentIndex()
        if not index.isValid():
            return None
        return model.row(index.row())

    def selected_milestone(self) -> str | None:
        row = self._selected(self.milestone_view, self.milestones)
        if row is None:
            open_rows = [r for r in self.milestones.rows if r.status != st.DONE]
            row = open_rows[0] if len(open_rows) == 1 else None
        return row.record_id if row else None

    def selected_target(self) -> str | None:
        row = self._selected(self.target_view, self.targets)
        if row is None and self.targets.rowCount() == 1:
            row = self.targets.row(0)
        return row.record_id if row else None

    def selected_dependency(self) -> str | None:
        row = self._selected(self.dependency_view, self.dependencies)
        return row.record_id if row else None

    def selected_report(self) -> str | None:
        row = self._selected(self.report_view, self.reports)
        return row.record_id if row else None

    def select_milestone(self, milestone_id: str) -> None:
        row = self.milestones.row_of(milestone_id)
        if row >= 0:
            self.milestone_view.setCurrentIndex(self.milestones.index(row, 0))

    # -- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.store.db
        if (
            not self.task_id
            or not db.execute("SELECT 1 FROM task WHERE id = ?", [self.task_id]).fetchone()
        ):
            self.task_id = ""
            for model in (self.milestones, self.targets, self.reports, self.dependencies):
                model.set_rows([])
            self.chart.set_progress(None)
            self.remarks.show_task("")
            self.attachments.show_task("")
            self.workflow.show_task("", None)
            return
        self.workflow.show_task(self.task_id, self._snapshot)
        selected = self.selected_milestone()
        snap = self._snapshot
        node = snap.tasks.get(self.task_id) if snap else None
        text = task_label(db, self.task_id)
        if node is not None:
            text = f"{text} · {status_label(node.status)}"
            if node.colour:
                from desktop.models.qt.unit_lights_model import colour_mark

                text += f" · {colour_mark(node.colour)}"
            if node.risks:
                text += " · " + risk_text(node.risks[0])
        self.header.setText(text)
        self.remarks.show_task(self.task_id, task_label(db, self.task_id))
        self.attachments.show_task(self.task_id)
        rows = []
        for ms in milestone_queries.milestones(db, self.task_id):
            state = snap.milestones.get(ms["id"]) if snap else None
            status = state.status if state else None
            effective = ms["extensions"][-1]["new_due"] if ms["extensions"] else ms["due"]
            original = ms["due"] if ms["extensions"] else ""
            label = status_label(status)
            # the risk in the tooltip: the state column stays one word wide in a narrow dock
            risk = risk_text(state.risks[0]) if state and state.risks else ""
            if ms["done_date"]:
                label = self.tr("{0} 完成").format(ms["done_date"])
            owner, muted = ms["owner_name"] or "", frozenset()
            if not owner and state is not None and state.unit_id:
                # default owner (按分工：牵头单位): the attributed lead unit, in grey italic
                owner = snap.inputs.unit_names.get(state.unit_id, "")
                muted = frozenset({4})
            rows.append(
                Row(
                    (ms["title"], effective or "", original, label, owner),
                    status,
                    ms["id"],
                    tooltip="\n".join(t for t in (ms["note"] or ms["title"], risk) if t),
                    muted=muted,
                )  # fmt: skip
            )
        self.milestones.set_rows(rows)
        if selected:
            self.select_milestone(selected)
        targets = []
        for (target_id,) in db.execute(
            "SELECT id FROM target WHERE task_id = ? ORDER BY position", [self.task_id]
        ).fetchall():
            p = target_queries.target_progress(db, target_id)
            t, latest = p["target"], p["latest"]
            p["state"] = target_state(t, p["history"])
            targets.append(
                Row(
                    (
                        t["metric"] or t["text"],
                        goal_text(t, deadline=False),
                        t.get("deadline") or "",
                        f"{latest['value']:g}" if latest else "",
                        f"{p['percent']:g}%" if p["percent"] is not None else "",
                        f"{p['gap']:g}" if p["gap"] is not None else "",
                        target_state_label(p["state"]),
                    ),
                    TARGET_LIGHTS[p["state"]],
                    target_id,
                    tooltip=t["text"],
                    payload=p,
                )  # fmt: skip
            )
        self.targets.set_rows(targets)
        if targets:
            self.target_view.setCurrentIndex(self.targets.index(0, 0))
        else:
            self.chart.set_progress(None)
        reports = []
        for r in reversed(report_queries.report_history(db, self.task_id)):
            state = self.tr("当前") if r["current"] else self.tr("已更正")
            if not r["current"] and not r["superseded_by"]:
                state = self.tr("较早")
            percent = "" if r["percent"] is None else f"{r['percent']:g}%"
            reports.append(
                Row(
                    (
                        r["period"],
                        node_label(r["work_label"]),
                        r["unit_name"] or "",
                        percent,
                        r["text"],
                        state,
                    ),
                    None,
                    r["id"],
                    tooltip=r["text"],
                )  # fmt: skip
            )
        self.reports.set_rows(reports)
        deps = []
        for d in milestone_queries.dependencies(db, self.task_id):
            pred, succ = map(
                node_label,
                cq.node_labels(
                    db, [(d["pred_kind"], d["pred_id"]), (d["succ_kind"], d["succ_id"])]
                ),
            )
            deps.append(Row((pred, succ, d["lag_days"]), None, d["id"], tooltip=f"{pred} → {succ}"))
        self.dependencies.set_rows(deps)

    @Slot(QModelIndex, QModelIndex)
    def _target_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.chart.set_progress(
            current.siblingAtColumn(0).data(PAYLOAD_ROLE) if current.isValid() else None
        )


class ChartSlot(QWidget):
    """Where the target chart goes; the chart (QtCharts, ~50 ms to load) is made when
    its tab is first shown, with the last progress given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setMinimumHeight(110)
        self._progress: dict[str, Any] | None = None
        self.chart_view: Any = None  # TargetChart once shown

    def set_progress(self, progress: dict[str, Any] | None) -> None:
        self._progress = progress
        if self.chart_view is not None:
            self.chart_view.set_progress(progress)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        if self.chart_view is None:
            from desktop.views.coordination.target_chart import TargetChart

            self.chart_view = TargetChart()
            self._layout.addWidget(self.chart_view)
            self.chart_view.set_progress(self._progress)
        super().showEvent(event)


def today_iso() -> str:
    return date.today().isoformat()
