"""A progress report (进度填报): unit, period (this month by default), text, percent,
figures for the task's targets. A correction is a new report that supersedes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from desktop.errors import NotFound
from desktop.models import coordination_views as cv
from desktop.models.qt.text import with_note
from desktop.views.coordination.form import FormDialog, fill_combo, find_report, note_label
from desktop.views.coordination.target_value_dialog import goal_text
from desktop.views.coordination.undo import CoordinationActions


def period_edit(period: str | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("yyyy-MM")
    edit.setCalendarPopup(True)
    if period:
        edit.setDate(QDate.fromString(period + "-01", "yyyy-MM-dd"))
    else:
        today = QDate.currentDate()
        edit.setDate(QDate(today.year(), today.month(), 1))
    return edit


class ReportDialog(FormDialog):
    """``ReportDialog(actions, task_id)`` adds; ``correcting=report_id`` corrects."""

    def __init__(
        self,
        actions: CoordinationActions,
        task_id: str | None = None,
        unit_id: str | None = None,
        correcting: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(actions, parent)
        db = self.store.db
        self.correcting: dict[str, Any] | None = None
        if correcting:
            self.correcting = find_report(db, correcting)
            if self.correcting is None:
                raise NotFound(self.tr("填报记录不存在。"))
            task_id = self.correcting["task_id"]
            unit_id = self.correcting["unit_id"]
        assert task_id, "a task or a report is needed"
        self.task_id = task_id
        old = self.correcting or {}
        self.setWindowTitle(self.tr("更正填报") if old else self.tr("进度填报"))
        self.form.addRow(self.tr("任务："), note_label(cv.task_label(db, task_id)))
        self.unit_combo = QComboBox()
        fill_combo(
            self.unit_combo,
            [
                (with_note(name, self._role(role)), uid)
                for uid, name, role in cv.task_units(db, task_id)
            ],
            unit_id,
        )
        self.form.addRow(self.tr("填报单位："), self.unit_combo)
        self.item_combo = QComboBox()
        items = cv.task_items(db, task_id)
        fill_combo(
            self.item_combo, [(self.tr("整个任务"), None), *[(t, i) for i, t in items]],
            old.get("item_id"),
        )  # fmt: skip
        if items:
            self.form.addRow(self.tr("工作事项："), self.item_combo)
        self.period = period_edit(old.get("period"))
        self.form.addRow(self.tr("填报期（月）："), self.period)
        for widget in (self.unit_combo, self.item_combo, self.period):
            widget.setEnabled(not old)
        self.percent = QSpinBox()
        self.percent.setRange(-1, 100)
        self.percent.setSpecialValueText(self.tr("未填"))
        self.percent.setSuffix(" %")
        percent = old.get("percent")
        self.percent.setValue(-1 if percent is None else int(round(percent)))
        self.form.addRow(self.tr("完成百分比："), self.percent)
        self.text_edit = QPlainTextEdit(old.get("text", ""))
        self.text_edit.setPlaceholderText(self.tr("本期进展、存在问题、下步计划"))
        self.text_edit.setFixedHeight(96)
        self.form.addRow(self.tr("进展说明："), self.text_edit)
        self.figure_edits: dict[str, QLineEdit] = {}
        figures = old.get("figures") or {}
        for target in db.query(
            "SELECT * FROM target WHERE task_id = ? ORDER BY position", [task_id]
        ):
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr("目标 {0}（可不填）").format(goal_text(target)))
            if target["id"] in figures:
                edit.setText(f"{figures[target['id']]:g}")
            edit.setToolTip(target["text"])
            self.figure_edits[target["id"]] = edit
            label = target["metric"] or target["text"][:12]
            self.form.addRow(self.tr("{0}：").format(label), edit)
        if old:
            self.form.addRow(
                "", note_label(self.tr("更正将作为新的填报记录保存，原记录保留在历史中。"))
            )
        else:
            # a new report starts from the unit's last one: only what changed is typed
            self.prefill_note = note_label("")
            self.form.addRow("", self.prefill_note)
            self.unit_combo.currentIndexChanged.connect(self._prefill)
            self.item_combo.currentIndexChanged.connect(self._prefill)
            self._prefill()

    def _prefill(self) -> None:
        from desktop.models.duban_queries import last_report

        unit_id = self.unit_combo.currentData()
        last = (
            last_report(self.store.db, self.task_id, unit_id, self.item_combo.currentData())
            if unit_id
            else None
        )
        if last is None:
            self.prefill_note.setText("")
            return
        percent = last["percent"]
        self.percent.setValue(-1 if percent is None else int(round(percent)))
        self.text_edit.setPlainText(last["text"])
        import json

        figures = json.loads(last["figures"] or "{}")
        for target_id, edit in self.figure_edits.items():
            edit.setText(f"{figures[target_id]:g}" if target_id in figures else "")
        self.prefill_note.setText(
            self.tr("已按该单位上次填报（{0}）预填，只需修改有变化的内容。").format(last["period"])
        )

    def _role(self, role: str) -> str:
        from desktop.models.qt.roles import role_label

        return role_label(role)

    def _figures(self) -> dict[str, str]:
        return {tid: e.text().strip() for tid, e in self.figure_edits.items() if e.text().strip()}

    def apply(self, confirmed: bool) -> None:
        percent = None if self.percent.value() < 0 else self.percent.value()
        text = self.text_edit.toPlainText()
        if self.correcting:
            self.result_id = self.actions.correct_report(
                self.correcting["id"], text=text, percent=percent, figures=self._figures()
            )
            return
        unit_id = self.unit_combo.currentData()
        if not unit_id:
            from desktop.errors import UserError

            raise UserError(self.tr("该任务没有可填报的单位。"))
        self.result_id = self.actions.add_report(
            self.task_id,
            unit_id,
            period=self.period.date().toString("yyyy-MM"),
            text=text,
            percent=percent,
            figures=self._figures(),
            item_id=self.item_combo.currentData(),
            confirm_period=confirmed,
        )
