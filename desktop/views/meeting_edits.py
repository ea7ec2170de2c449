"""Editing and deleting meetings in the GUI (issue 12): the 议定事项 edit dialog, the
question what to do with a deleted meeting's 交办 tasks, and the undo commands.

Each edit runs the store action at once (a ``UserError`` reaches the dialog before
anything is pushed), then pushes a ``MeetingCommand`` on the window's undo stack whose
undo and redo are new store actions (``desktop.models.meeting_edits``), never a rollback:
the change log, and so sync, sees every step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from desktop.errors import UserError
from desktop.models import meeting_edits as me
from desktop.models import meetings as mt
from desktop.models.qt.text import join_list
from desktop.views import dialogs


class MeetingCommand(QUndoCommand):
    """An edit already made: the first ``redo()`` (from push) is skipped; undo and redo
    run ``undo`` / ``redo``; ``after`` refreshes whoever shows meetings."""

    def __init__(
        self,
        text: str,
        undo: Callable[[], Any],
        redo: Callable[[], Any],
        after: Callable[[], None],
        failed: Callable[[UserError], None],
    ) -> None:
        super().__init__(text)
        self._undo, self._redo, self._after, self._failed = undo, redo, after, failed
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, fn: Callable[[], Any]) -> None:
        try:
            fn()
        except UserError as exc:  # e.g. the record changed by sync meanwhile
            self.setObsolete(True)
            self._failed(exc)
        self._after()


class ItemEditDialog(QDialog):
    """One 议定事项: title, responsible unit, deadline."""

    def __init__(self, store, item: mt.MeetingItem, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setWindowTitle(self.tr("修改议定事项"))
        self.title = QLineEdit(item.title)
        self.unit = QComboBox()
        for unit_id, name in store.db.execute("SELECT id, name FROM unit ORDER BY name"):
            self.unit.addItem(name, unit_id)
        self.unit.setCurrentIndex(max(0, self.unit.findData(item.unit_id)))
        self.due = QDateEdit(QDate.fromString(item.due, "yyyy-MM-dd"))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout(self)
        form.addRow(self.tr("议定事项："), self.title)
        form.addRow(self.tr("责任单位："), self.unit)
        form.addRow(self.tr("完成时限："), self.due)
        hint = QLabel(self.tr("交办任务随之修改（标题、牵头单位、完成时限和办结节点）。"))
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow(dialogs.ok_cancel(self, self.tr("保存")))
        self.resize(460, 180)

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title.text(),
            "unit_id": self.unit.currentData(),
            "due": self.due.date().toString("yyyy-MM-dd"),
        }


def ask_tasks(parent: QWidget, live: list[me.MeetingTask]) -> str | None:
    """What to do with a deleted meeting's 交办 tasks: ``keep``, ``archive`` or None
    (cancel). Tests monkeypatch this function."""
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("MeetingEdits", "联动：删除会议"))
    kept = QCoreApplication.translate("MeetingEdits", "（仍有{0}，将保留）")
    names = "\n".join(
        task.label + (kept.format(join_list(task.references)) if task.references else "")
        for task in live[:10]
    )
    box.setText(
        QCoreApplication.translate(
            "MeetingEdits", "该会议有 {0} 项议定事项已交办为任务：\n{1}\n\n这些任务如何处理？"
        ).format(len(live), names)
    )
    keep = box.addButton(
        QCoreApplication.translate("MeetingEdits", "保留任务"), QMessageBox.ButtonRole.AcceptRole
    )
    archive = box.addButton(
        QCoreApplication.translate("MeetingEdits", "归档任务（有其他记录的保留）"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return "keep" if clicked is keep else "archive" if clicked is archive else None
