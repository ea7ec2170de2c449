"""我的任务: one unit's workspace — what it leads, supports and is responsible for,
what is due next and overdue, whom it blocks and who blocks it, and its 催报 gaps."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLabel, QVBoxLayout, QWidget
from sqlite_utils import Database

from desktop.models import status as st
from desktop.models import workspace_queries
from desktop.models.qt.coordination_models import Group, GroupTreeModel, Row
from desktop.models.qt.domain_text import node_label, window_label
from desktop.models.qt.roles import ID_ROLE
from desktop.views.coordination import rows as R
from desktop.views.coordination.dashboard import tree
from desktop.views.empty_hint import EmptyHint


class Workspace(QWidget):
    """Pick a unit; ``set_snapshot`` gives the latest statuses (computed off the GUI thread)."""

    #: A row naming a task was activated (task id).
    task_activated = Signal(str)
    #: The chosen unit changed (unit id).
    unit_changed = Signal(str)
    #: A 未填报 line was activated: report for this task (task id) as the chosen unit.
    report_requested = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._snapshot: st.StatusSnapshot | None = None
        self._missing = None
        self._titles: dict[str, tuple[int, str]] = {}
        self.unit_combo = QComboBox()
        self.unit_combo.setEditable(True)
        self.unit_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit_combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.unit_combo.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.unit_combo.setMinimumContentsLength(8)
        self.unit_combo.currentIndexChanged.connect(self._unit_index_changed)
        self.summary = QLabel(
            self.tr("选择本单位，查看牵头、配合、责任的工作和到期、逾期、受阻情况。")
        )
        self.summary.setWordWrap(True)
        self.model = GroupTreeModel(
            [self.tr("事项"), self.tr("日期 / 状态"), self.tr("说明")], self
        )
        self.view = tree(self.model)
        self.view.activated.connect(self._activated)
        # no unit chosen, else "正在载入…" until the statuses come
        self.hint = EmptyHint(self.view, self.tr("选择本单位后，这里列出它的工作"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("本单位：")))
        top.addWidget(self.unit_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.reload_units()

    @property
    def unit_id(self) -> str | None:
        return self.unit_combo.currentData()

    def reload_units(self) -> None:
        current = self.unit_id
        units = self._db.execute(
            "SELECT u.id, u.name FROM unit u WHERE u.kind != 'group' AND EXISTS"
            " (SELECT 1 FROM assignment a WHERE a.unit_id = u.id) ORDER BY u.name"
        ).fetchall()
        self.unit_combo.blockSignals(True)
        self.unit_combo.clear()
        self.unit_combo.addItem(self.tr("（请选择单位）"), None)
        for unit_id, name in units:
            self.unit_combo.addItem(name, unit_id)
        index = self.unit_combo.findData(current) if current else 0
        self.unit_combo.setCurrentIndex(max(index, 0))
        self.unit_combo.blockSignals(False)

    def set_unit(self, unit_id: str) -> None:
        index = self.unit_combo.findData(unit_id)
        if index >= 0:
            self.unit_combo.setCurrentIndex(index)

    def set_snapshot(
        self,
        snapshot: st.StatusSnapshot,
        missing=None,  # noqa: ANN001
        titles: dict[str, tuple[int, str]] | None = None,
    ) -> None:
        """The latest statuses, 催报 list and task titles (task id → (no, title))."""
        self._snapshot = snapshot
        self._missing = missing
        if titles is not None:
            self._titles = titles
        self.refresh()

    def set_missing(self, missing) -> None:  # noqa: ANN001 - a report_round() result
        """The 催报 list arrived (computed after the statuses)."""
        self._missing = missing
        self.refresh()

    @Slot(int)
    def _unit_index_changed(self, _index: int) -> None:
        self.refresh()
        if self.unit_id:
            self.unit_changed.emit(self.unit_id)

    def refresh(self) -> None:
        unit_id = self.unit_id
        self.hint.set_loading(bool(unit_id) and self._snapshot is None)
        if not unit_id or self._snapshot is None:
            self.model.set_groups([])
            return
        snap = self._snapshot
        ws = workspace_queries.unit_workspace(self._db, unit_id, snapshot=snap)
        groups = R.workspace_groups(ws, self._titles)
        if self._missing is not None:
            states = {"missing": self.tr("未报"), "late": self.tr("迟报")}
            rows = [
                Row(
                    (
                        node_label(e.short_label),
                        f"{states[state]} · {window_label(e.window.label)}",
                        self._task_title(e.task_id),
                    ),
                    None,
                    e.task_id,
                    tooltip=node_label(e.label),
                )  # fmt: skip
                for state in states
                for e in self._missing.by_unit(state).get(unit_id, [])
            ]
            groups.insert(4, Group("missing", self.tr("催报（按报送周期）"), rows))
        for group in groups:
            if group.key in ("overdue", "due_next"):
                # a milestone line names its task's title too (任务号 and 标题)
                group.rows = [self._with_task_title(row) for row in group.rows]
        self.model.set_groups(groups)
        for key in ("overdue", "due_next", "blocked_by", "blocking", "missing"):
            index = self.model.group_index(key)
            if index.isValid():
                self.view.expand(index)
        counts = {g.key: len(g.rows) for g in groups}
        # 临期 as on the dashboard: due within the window, not just "next"
        counts["due_soon"] = sum(1 for m in ws["due_next"] if m.status == st.DUE_SOON)
        self.summary.setText(
            self.tr(
                "{name}（{today}）：牵头 {lead} 项、责任 {responsible} 项、配合 {support} 项；"
                "逾期 {overdue}，临期 {due_soon}；阻碍他人 {blocking} 项，受阻于 {blocked_by} 项。"
            ).format(
                name=self.unit_combo.currentText(),
                today=(snap.today or date.today()).isoformat(),
                **counts,
            )
        )

    def _task_title(self, task_id: str) -> str:
        entry = self._titles.get(task_id)
        return entry[1] if entry else ""

    def _with_task_title(self, row: Row) -> Row:
        title = self._task_title(row.record_id)
        if not title or len(row.cells) < 3:
            return row
        note = row.cells[2]
        cells = (*row.cells[:2], f"{note} · {title}" if note else title, *row.cells[3:])
        tooltip = row.tooltip or f"{row.cells[0]}\n{title}"
        return replace(row, cells=cells, tooltip=tooltip)

    def counts(self) -> dict[str, int]:
        """Group key → number of rows (tests, status line)."""
        return {
            self.model.index(r, 0).data(ID_ROLE): self.model.rowCount(self.model.index(r, 0))
            for r in range(self.model.rowCount())
        }

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        if index.parent().isValid():
            task_id = index.siblingAtColumn(0).data(ID_ROLE)
            if task_id:
                self.task_activated.emit(task_id)
                if index.parent().data(ID_ROLE) == "missing":
                    self.report_requested.emit(task_id)
