"""The 会议 dialog (issue 12): meetings (调度会), their attendance, their 议定事项 (each made
a 交办 task), the previous meeting's items with their progress, and the printing of the
会议纪要 and the 工作提醒函 through the briefing api (a background job).

``install_meetings(window)`` adds 工具 → 调度会议… to the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.models import meeting_edits as me
from desktop.models import meetings as mt
from desktop.models import status as st
from desktop.models.qt.coordination_models import Row, RowsModel
from desktop.models.qt.domain_text import node_label
from desktop.views import dialogs
from desktop.views.coordination.dashboard import table
from desktop.views.empty_hint import EmptyHint
from desktop.views.jobs import Job
from desktop.views.meeting_edits import ItemEditDialog, MeetingCommand, ask_tasks

OVERDUE_STATE = st.OVERDUE
DONE_STATE = st.DONE


def _date_edit(day: QDate) -> QDateEdit:
    edit = QDateEdit(day)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def confirm(parent: QWidget, text: str) -> bool:
    """Ask 是 / 否 (tests monkeypatch this function)."""
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("MeetingsDialog", "联动：请确认"), text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )  # fmt: skip
    return answer == QMessageBox.StandardButton.Yes


class NewMeetingDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建会议"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("如：第十次调度会"))
        self.day = _date_edit(QDate.currentDate())
        self.chair = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("会议名称："), self.title)
        form.addRow(self.tr("会议日期："), self.day)
        form.addRow(self.tr("主持人："), self.chair)
        form.addRow(dialogs.ok_cancel(self, self.tr("新建")))
        self.resize(420, 160)


class MeetingsDialog(QDialog):
    """Meetings on the left; the chosen one's attendance, items and documents on the right."""

    def __init__(
        self,
        store,  # noqa: ANN001
        parent: QWidget | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.meeting_id = ""
        #: The window's undo stack (Ctrl+Z undoes meeting edits with every other edit).
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.setWindowTitle(self.tr("调度会议"))
        self.meetings = RowsModel([self.tr("日期"), self.tr("会议"), self.tr("事项")], self)
        self.items = RowsModel(
            [self.tr("序号"), self.tr("议定事项"), self.tr("责任单位"), self.tr("时限"),
             self.tr("交办任务"), self.tr("办理情况")], self,
        )  # fmt: skip
        self.previous = RowsModel(
            [self.tr("议定事项"), self.tr("责任单位"), self.tr("时限"), self.tr("办理情况"),
             self.tr("最新进展")], self,
        )  # fmt: skip
        self.meeting_view = table(self.meetings, 1)
        EmptyHint(self.meeting_view, self.tr("还没有会议：点“新建会议…”开始"))
        self.meeting_view.selectionModel().currentRowChanged.connect(self._meeting_changed)
        new_button = QPushButton(self.tr("新建会议…"))
        new_button.clicked.connect(self.new_meeting)
        delete_button = QPushButton(self.tr("删除会议…"))
        delete_button.clicked.connect(self.delete_meeting)
        left_buttons = QHBoxLayout()
        left_buttons.addWidget(new_button)
        left_buttons.addWidget(delete_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.meeting_view, 1)
        left_layout.addLayout(left_buttons)

        self.heading = QLabel(self.tr("选择或新建一次会议。"))
        self.heading.setWordWrap(True)
        self.meeting_title = QLineEdit()
        self.meeting_day = _date_edit(QDate.currentDate())
        self.chair = QLineEdit()
        self.present = QLineEdit()
        self.absent = QLineEdit()
        self.attending = QLineEdit()
        for edit in (self.present, self.absent, self.attending):
            edit.setPlaceholderText(self.tr("姓名（单位），用顿号分隔"))
        save_meeting = QPushButton(self.tr("保存会议信息"))
        save_meeting.clicked.connect(self.save_meeting)
        attendance = QGroupBox(self.tr("会议信息和出席情况"))
        grid = QGridLayout(attendance)
        title_row = QHBoxLayout()
        title_row.addWidget(self.meeting_title, 1)
        title_row.addWidget(self.meeting_day)
        grid.addWidget(QLabel(self.tr("会议：")), 0, 0)
        grid.addLayout(title_row, 0, 1)
        for row, (label, edit) in enumerate(
            ((self.tr("主持："), self.chair), (self.tr("出席："), self.present),
             (self.tr("请假："), self.absent), (self.tr("列席："), self.attending)), start=1,
        ):  # fmt: skip
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(edit, row, 1)
        grid.addWidget(save_meeting, 4, 2)

        self.item_title = QLineEdit()
        self.item_title.setPlaceholderText(self.tr("议定事项"))
        self.item_unit = QComboBox()
        self.item_due = _date_edit(QDate.currentDate().addMonths(1))
        add_item = QPushButton(self.tr("添加并交办"))
        add_item.clicked.connect(self.add_item)
        edit_item = QPushButton(self.tr("修改所选…"))
        edit_item.clicked.connect(self.edit_item)
        withdraw = QPushButton(self.tr("撤回所选"))
        withdraw.clicked.connect(self.withdraw_item)
        add_row = QHBoxLayout()
        add_row.addWidget(self.item_title, 3)
        add_row.addWidget(self.item_unit, 2)
        add_row.addWidget(self.item_due)
        add_row.addWidget(add_item)
        add_row.addWidget(edit_item)
        add_row.addWidget(withdraw)
        items_box = QGroupBox(self.tr("本次会议议定事项（交办）"))
        items_layout = QVBoxLayout(items_box)
        self.item_view = table(self.items, 1)
        EmptyHint(self.item_view, self.tr("没有议定事项"))
        items_layout.addWidget(self.item_view, 1)
        items_layout.addLayout(add_row)
        self.previous_box = QGroupBox(self.tr("上次会议议定事项落实情况"))
        previous_layout = QVBoxLayout(self.previous_box)
        previous_view = table(self.previous, 4)
        EmptyHint(previous_view, self.tr("没有议定事项"))
        previous_layout.addWidget(previous_view, 1)

        self.minutes_button = QPushButton(self.tr("打印会议纪要…"))
        self.minutes_button.clicked.connect(lambda: self.print_document("minutes"))
        self.reminder_button = QPushButton(self.tr("打印工作提醒函…"))
        self.reminder_button.clicked.connect(lambda: self.print_document("reminder"))
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        self.undo_button = QPushButton(self.tr("撤销"))
        self.undo_button.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button = QPushButton(self.tr("重做"))
        self.redo_button.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(self.undo_stack.canUndo())
        self.redo_button.setEnabled(self.undo_stack.canRedo())
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.redo_button)
        buttons.addStretch(1)
        for button in (self.minutes_button, self.reminder_button, close):
            buttons.addWidget(button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.previous_box, 2)
        right_layout.addWidget(items_box, 3)
        right_layout.addWidget(attendance)
        right_layout.addLayout(buttons)
        self.detail = right
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.resize(1100, 660)
        self.reload()

    # -- loading --------------------------------------------------------------------------

    def reload(self, select: str = "") -> None:
        select = select or self.meeting_id
        rows = [
            Row((m["date"], m["title"], m["items"]), None, m["id"], tooltip=m["title"])
            for m in mt.meetings(self.store.db)
        ]
        self.meetings.set_rows(rows)
        self.item_unit.clear()
        for unit_id, name in self.store.db.execute("SELECT id, name FROM unit ORDER BY name"):
            self.item_unit.addItem(name, unit_id)
        row = self.meetings.row_of(select) if select else (0 if rows else -1)
        if row >= 0:
            self.meeting_view.setCurrentIndex(self.meetings.index(row, 0))
        self.show_meeting(self.meetings.row(row).record_id if row >= 0 else "")

    @Slot(QModelIndex, QModelIndex)
    def _meeting_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            meeting_id = self.meetings.row(current.row()).record_id
            if meeting_id != self.meeting_id:
                self.show_meeting(meeting_id)

    def show_meeting(self, meeting_id: str) -> None:
        self.meeting_id = meeting_id
        self.detail.setEnabled(bool(meeting_id))
        if not meeting_id:
            self.items.set_rows([])
            self.previous.set_rows([])
            return
        db = self.store.db
        meeting = mt.meeting(db, meeting_id)
        self.heading.setText(f"{meeting['date']} {meeting['title']}")
        self.meeting_title.setText(meeting["title"])
        self.meeting_day.setDate(QDate.fromString(meeting["date"], "yyyy-MM-dd"))
        self.chair.setText(meeting["chair"])
        self.present.setText(mt.join_names(meeting["present"]))
        self.absent.setText(mt.join_names(meeting["absent"]))
        self.attending.setText(mt.join_names(meeting["attending"]))
        today = QDate.currentDate().toPython()
        self.items.set_rows([
            Row((str(i + 1), item.title, item.unit, item.due, node_label(item.label),
                 self._state(item, today)), self._light(item, today), item.id, tooltip=item.title)
            for i, item in enumerate(mt.meeting_items(db, meeting_id))
        ])  # fmt: skip
        previous, before = mt.previous_items(db, meeting_id)
        if previous is None:
            self.previous_box.setTitle(self.tr("上次会议议定事项落实情况（没有更早的会议）"))
        else:
            self.previous_box.setTitle(
                self.tr("上次会议议定事项落实情况：{0} {1}").format(
                    previous["date"], previous["title"]
                )
            )
        self.previous.set_rows([
            Row((node_label(f"{item.label} {item.title}"), item.unit, item.due, self._state(item, today),
                 item.report or self.tr("尚未报送进展")), self._light(item, today), item.id,
                tooltip=item.report or item.title)
            for item in before
        ])  # fmt: skip

    def _state(self, item: mt.MeetingItem, today) -> str:  # noqa: ANN001
        labels = {"done": self.tr("已办结"), "overdue": self.tr("逾期未办结"),
                  "open": self.tr("办理中"), "gone": self.tr("交办任务已删除")}  # fmt: skip
        return labels[item.state_key(today)]

    @staticmethod
    def _light(item: mt.MeetingItem, today) -> str | None:  # noqa: ANN001
        if item.done_date:
            return DONE_STATE
        return OVERDUE_STATE if item.state_key(today) == "overdue" else None

    # -- actions --------------------------------------------------------------------------

    @Slot()
    def new_meeting(self) -> None:
        dialog = NewMeetingDialog(self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                meeting_id = mt.new_meeting(
                    self.store, dialog.day.date().toString("yyyy-MM-dd"), dialog.title.text(),
                    chair=dialog.chair.text(),
                )  # fmt: skip
            except UserError as exc:
                dialogs.show_error(dialog, exc)
                continue
            self.reload(meeting_id)
            return

    # -- undoable edits --------------------------------------------------------------------

    def _push(self, text: str, undo: Callable[[], Any], redo: Callable[[], Any]) -> None:
        """An edit just made: push its undo step on the window's stack."""
        dialog = self

        def after() -> None:
            if shiboken6.isValid(dialog):  # deleted once closed (WA_DeleteOnClose)
                dialog.reload(dialog.meeting_id)

        def failed(exc: UserError) -> None:
            dialogs.show_error(dialog if shiboken6.isValid(dialog) else None, exc)

        self.undo_stack.push(MeetingCommand(text, undo, redo, after, failed))

    @Slot()
    def save_meeting(self) -> None:
        """The meeting's title, date, chair and attendance as edited (one undo step)."""
        if not self.meeting_id:
            return
        meeting_id, store = self.meeting_id, self.store
        new = {
            "meeting_date": self.meeting_day.date().toString("yyyy-MM-dd"),
            "title": self.meeting_title.text(),
            "chair": self.chair.text(),
            "present": mt.split_names(self.present.text()),
            "absent": mt.split_names(self.absent.text()),
            "attending": mt.split_names(self.attending.text()),
        }
        try:
            old = me.edit_meeting(store, meeting_id, **new)
        except UserError as exc:
            dialogs.show_error(self, exc)
            return
        if old:
            self._push(self.tr("修改会议"),
                       lambda: me.edit_meeting(store, meeting_id, **old),
                       lambda: me.edit_meeting(store, meeting_id, **new))  # fmt: skip
        self.reload(meeting_id)

    def _current_item(self) -> mt.MeetingItem | None:
        index = self.item_view.currentIndex()
        if not index.isValid():
            return None
        record_id = self.items.row(index.row()).record_id
        return next((i for i in mt.meeting_items(self.store.db, self.meeting_id)
                     if i.id == record_id), None)  # fmt: skip

    @Slot()
    def edit_item(self) -> None:
        item = self._current_item()
        if item is None:
            return
        store = self.store
        dialog = ItemEditDialog(store, item, self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            new = dialog.values()
            try:
                old = me.edit_meeting_item(store, item.id, **new)
            except UserError as exc:
                dialogs.show_error(dialog, exc)
                continue
            if old:
                self._push_item_edit(item.id, old, new)
            self.reload(self.meeting_id)
            return

    def _push_item_edit(self, item_id: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        store = self.store
        self._push(self.tr("修改议定事项"),
                   lambda: me.edit_meeting_item(store, item_id, **old),
                   lambda: me.edit_meeting_item(store, item_id, **new))  # fmt: skip

    @Slot()
    def delete_meeting(self) -> None:
        if not self.meeting_id:
            return
        store, meeting_id = self.store, self.meeting_id
        live = me.meeting_tasks(store.db, meeting_id)
        meeting = mt.meeting(store.db, meeting_id)
        if live:
            choice = ask_tasks(self, live)
            if choice is None:
                return
        else:
            question = self.tr("删除会议“{0} {1}”及其议定事项？").format(
                meeting["date"], meeting["title"]
            )
            if not confirm(self, question):
                return
            choice = None
        try:
            removal = me.delete_meeting(store, meeting_id, tasks=choice)
        except UserError as exc:
            dialogs.show_error(self, exc)
            return
        state = {"removal": removal}

        def undo() -> None:
            me.restore_meeting(store, state["removal"])

        def redo() -> None:
            state["removal"] = me.delete_meeting(store, meeting_id, tasks=choice)

        self._push(self.tr("删除会议"), undo, redo)
        self.meeting_id = ""
        self.reload()

    @Slot()
    def add_item(self) -> None:
        if not self.meeting_id:
            return
        unit_id = self.item_unit.currentData()
        if not unit_id:
            dialogs.show_error(self, UserError(self.tr("请选择责任单位。")))
            return
        try:
            mt.add_meeting_item(
                self.store, self.meeting_id, self.item_title.text(), unit_id,
                self.item_due.date().toString("yyyy-MM-dd"),
            )  # fmt: skip
        except UserError as exc:
            dialogs.show_error(self, exc)
            return
        self.item_title.clear()
        self.reload(self.meeting_id)

    @Slot()
    def withdraw_item(self) -> None:
        item = self._current_item()
        if item is None:
            return
        question = self.tr("撤回议定事项“{0}”？交办的任务将撤销（归档保留）。").format(item.title)
        if not confirm(self, question):
            return
        store = self.store
        try:
            removal = me.remove_meeting_item(store, item.id)
        except UserError as exc:
            dialogs.show_error(self, exc)
            return
        state = {"removal": removal}

        def redo() -> None:
            state["removal"] = me.remove_meeting_item(store, item.id)

        self._push(self.tr("撤回议定事项"),
                   lambda: me.restore_meeting_item(store, state["removal"]), redo)  # fmt: skip
        self.reload(self.meeting_id)

    def print_document(self, kind: str) -> None:
        if not self.meeting_id or self.store.path is None:
            return
        name = self.tr("会议纪要") if kind == "minutes" else self.tr("工作提醒函")
        path, _filter = QFileDialog.getSaveFileName(
            self, name, f"{name}.pdf", self.tr("PDF 文件 (*.pdf);;Word 文档 (*.docx)")
        )
        if path:
            self.start_print(kind, Path(path))

    def start_print(self, kind: str, out: Path) -> Job:
        """Write the document in the background (the job opens its own connection)."""
        from desktop.briefing.api import BriefingOptions, generate  # reportlab: on first use

        fmt = "docx" if out.suffix.lower() == ".docx" else "pdf"
        options = BriefingOptions(meeting_id=self.meeting_id)
        job = Job(self, generate, self.store.path, kind, options, out, fmt,
                  label=self.tr("正在生成…"))  # fmt: skip
        job.succeeded.connect(self._printed)
        job.start()
        self._job = job
        return job

    @Slot(object)
    def _printed(self, result) -> None:  # noqa: ANN001 - GeneratedDocument
        dialogs.show_info(self, self.tr("已生成：{0}").format(str(result.path)))


def install_meetings(window) -> QAction:  # noqa: ANN001 - MainWindow
    """工具 → 调度会议… opens the meetings dialog."""
    action = QAction(QCoreApplication.translate("MeetingsDialog", "调度会议…"), window)

    def open_dialog() -> None:
        dialog = MeetingsDialog(window.store, window, window.undo_stack)
        # deleted when closed: its undo steps (on the window's stack) then skip the refresh
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exec()

    action.triggered.connect(open_dialog)
    window.menu("tools").addAction(action)
    return action
