"""Record a deadline extension (延期) with a reason; the original date stays visible."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from desktop.errors import NotFound
from desktop.views.coordination.form import FormDialog, date_edit, find_milestone, iso, note_label
from desktop.views.coordination.undo import CoordinationActions


class ExtensionDialog(FormDialog):
    def __init__(
        self, actions: CoordinationActions, milestone_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(actions, parent)
        ms = find_milestone(self.store.db, milestone_id)
        if ms is None:
            raise NotFound(self.tr("里程碑不存在。"))
        self.milestone_id = milestone_id
        self.setWindowTitle(self.tr("延期"))
        extensions = ms["extensions"]
        current = extensions[-1]["new_due"] if extensions else ms["due"]
        self.form.addRow(
            self.tr("里程碑："),
            note_label(self.tr("任务{0}“{1}”").format(ms["task_no"], ms["title"])),
        )
        self.original_label = note_label(ms["due"] or self.tr("（未排期）"))
        self.form.addRow(self.tr("原定日期："), self.original_label)
        if extensions:
            history = "\n".join(
                self.tr("{old} → {new}：{reason}").format(
                    old=e["old_due"] or "—", new=e["new_due"], reason=e["reason"]
                )
                for e in extensions
            )
            self.form.addRow(self.tr("已延期："), note_label(history))
        start = date.fromisoformat(current) if current else date.today()
        self.new_due = date_edit(start + timedelta(days=30))
        self.form.addRow(self.tr("新的截止日期："), self.new_due)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(self.tr("延期原因（必填），如：设备到货延迟"))
        self.reason_edit.setFixedHeight(72)
        self.form.addRow(self.tr("原因："), self.reason_edit)
        self.form.addRow(
            "",
            note_label(self.tr("原定日期保留；按原定日期统计时，延期完成仍计为逾期。")),
        )

    def apply(self, confirmed: bool) -> None:
        self.result_id = self.actions.extend(
            self.milestone_id, iso(self.new_due), self.reason_edit.toPlainText()
        )
