"""Add or edit a milestone: title, work item, due date, owner unit, note, done date."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QWidget

from desktop.errors import NotFound
from desktop.models import coordination as co
from desktop.models import coordination_views as cv
from desktop.views.coordination.form import (
    FormDialog,
    date_edit,
    fill_combo,
    find_milestone,
    iso,
    note_label,
    to_qdate,
)
from desktop.views.coordination.undo import CoordinationActions


class MilestoneDialog(FormDialog):
    """``MilestoneDialog(actions, task_id)`` adds; ``milestone_id=`` edits."""

    def __init__(
        self,
        actions: CoordinationActions,
        task_id: str | None = None,
        milestone_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(actions, parent)
        db = self.store.db
        self.milestone: dict[str, Any] | None = None
        if milestone_id:
            self.milestone = find_milestone(db, milestone_id)
            if self.milestone is None:
                raise NotFound(self.tr("里程碑不存在。"))
            task_id = self.milestone["task_id"]
        assert task_id, "a task or a milestone is needed"
        self.task_id = task_id
        ms = self.milestone or {}
        self.setWindowTitle(self.tr("编辑里程碑") if ms else self.tr("添加里程碑"))
        self.form.addRow(self.tr("任务："), note_label(cv.task_label(db, task_id)))
        self.title_edit = QLineEdit(ms.get("title", ""))
        self.title_edit.setPlaceholderText(self.tr("如：算力中心一期投入运营"))
        self.form.addRow(self.tr("名称："), self.title_edit)
        self.item_combo = QComboBox()
        items = cv.task_items(db, task_id)
        fill_combo(
            self.item_combo, [(self.tr("整个任务"), None), *[(t, i) for i, t in items]],
            ms.get("item_id"),
        )  # fmt: skip
        if items:
            self.form.addRow(self.tr("工作事项："), self.item_combo)
        self.due_edit = date_edit(ms.get("due") or date.today() + timedelta(days=30))
        self.unscheduled = QCheckBox(self.tr("暂不排期"))
        self.unscheduled.setChecked(bool(ms) and not ms.get("due"))
        self.unscheduled.toggled.connect(self.due_edit.setDisabled)
        self.due_edit.setDisabled(self.unscheduled.isChecked())
        due_row = QHBoxLayout()
        due_row.addWidget(self.due_edit, 1)
        due_row.addWidget(self.unscheduled)
        self.form.addRow(self.tr("截止日期："), due_row)
        self.extended = bool(ms.get("extensions"))
        if self.extended:
            last = ms["extensions"][-1]
            self.due_edit.setEnabled(False)
            self.unscheduled.setEnabled(False)
            self.form.addRow(
                "",
                note_label(
                    self.tr("原定 {0}，已延期至 {1}（修改日期请用“延期”，原定日期保留）。").format(
                        ms["due"], last["new_due"]
                    )
                ),
            )
        self.owner_combo = QComboBox()
        assigned = cv.task_units(db, task_id)
        seen = {u[0] for u in assigned}
        choices = [(self.tr("（按分工：牵头单位）"), None)]
        choices += [(name, uid) for uid, name, _role in assigned]
        choices += [(name, uid) for uid, name in cv.all_units(db) if uid not in seen]
        fill_combo(self.owner_combo, choices, ms.get("owner_unit_id"))
        self.form.addRow(self.tr("责任单位："), self.owner_combo)
        self.note_edit = QPlainTextEdit(ms.get("note", ""))
        self.note_edit.setFixedHeight(64)
        self.form.addRow(self.tr("备注："), self.note_edit)
        self.done_check = QCheckBox(self.tr("已完成，完成日期："))
        self.done_edit = date_edit(ms.get("done_date") or date.today())
        self.done_check.setChecked(bool(ms.get("done_date")))
        self.done_edit.setEnabled(self.done_check.isChecked())
        self.done_check.toggled.connect(self.done_edit.setEnabled)
        done_row = QHBoxLayout()
        done_row.addWidget(self.done_check)
        done_row.addWidget(self.done_edit, 1)
        self.form.addRow(self.tr("完成："), done_row)
        self.title_edit.setFocus()

    def _due(self) -> str | None:
        return None if self.unscheduled.isChecked() else iso(self.due_edit)

    def apply(self, confirmed: bool) -> None:
        title = self.title_edit.text()
        fields = {
            "title": title,
            "item_id": self.item_combo.currentData(),
            "owner_unit_id": self.owner_combo.currentData(),
            "note": self.note_edit.toPlainText().strip(),
        }
        done = iso(self.done_edit) if self.done_check.isChecked() else None
        if done:  # checked before anything is written (the add and the done are one step)
            co.check_done_date(self.store, self.task_id, done, confirmed)
        if self.milestone is None:
            with self.actions.macro(self.tr("添加里程碑")):
                self.result_id = self.actions.add_milestone(
                    self.task_id, title, self._due(),
                    item_id=fields["item_id"], owner_unit_id=fields["owner_unit_id"],
                    note=fields["note"], confirm_before_plan_date=confirmed,
                )  # fmt: skip
                if done:
                    self.actions.mark_done(self.result_id, done, confirm_before_plan_date=confirmed)
            return
        ms = self.milestone
        if not self.extended:
            fields["due"] = self._due()
        changed = {k: v for k, v in fields.items() if (ms.get(k) or None) != (v or None)}
        if "title" in changed:
            changed["title"] = title  # validated (and stripped) by the domain
        with self.actions.macro(self.tr("修改里程碑")):
            if changed:
                self.actions.update_milestone(
                    ms["id"], confirm_before_plan_date=confirmed, **changed
                )
            if (ms.get("done_date") or None) != done:
                self.actions.mark_done(ms["id"], done, confirm_before_plan_date=confirmed)
        self.result_id = ms["id"]


def reference_date(text: str | None) -> Any:
    return to_qdate(text) if text else None
