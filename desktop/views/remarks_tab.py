"""The task panel's 批示与评论 and 附件 tabs (issue 12): the task's 领导批示 and its threaded
comments (on the task, its items and its reports), with a box to comment or reply
and a dialog to record a 批示 (optionally assigning a follow-up 交办 item)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.models import attachments as at
from desktop.models import remarks as rm
from desktop.models.qt.coordination_models import Row, RowsModel
from desktop.models.qt.domain_text import domain
from desktop.views import dialogs
from desktop.views.coordination.dashboard import table
from desktop.views.empty_hint import EmptyHint
from desktop.views.fit_width import fit_width
from desktop.views.jobs import Job


class InstructionDialog(QDialog):
    """Record a leader's 批示: who, when, the text; optionally 交办 a unit by a date."""

    def __init__(self, store, task_label: str, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("登记领导批示"))
        self.leader = QLineEdit()
        self.leader.setPlaceholderText(self.tr("如：王市长"))
        self.given_on = QDateEdit(QDate.currentDate())
        self.given_on.setCalendarPopup(True)
        self.given_on.setDisplayFormat("yyyy-MM-dd")
        self.text = QPlainTextEdit()
        self.text.setMinimumHeight(90)
        self.unit = QComboBox()
        self.unit.addItem(self.tr("（不交办）"), "")
        for unit_id, name in store.db.execute("SELECT id, name FROM unit ORDER BY name"):
            self.unit.addItem(name, unit_id)
        self.due = QDateEdit(QDate.currentDate().addMonths(1))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout(self)
        form.addRow(QLabel(task_label))
        form.addRow(self.tr("批示领导："), self.leader)
        form.addRow(self.tr("批示日期："), self.given_on)
        form.addRow(self.tr("批示内容："), self.text)
        form.addRow(self.tr("交办单位："), self.unit)
        form.addRow(self.tr("落实时限："), self.due)
        form.addRow(dialogs.ok_cancel(self, self.tr("登记")))
        self.resize(520, 380)

    def values(self) -> dict:
        unit = self.unit.currentData() or None
        return {
            "leader": self.leader.text(),
            "text": self.text.toPlainText(),
            "given_on": self.given_on.date().toString("yyyy-MM-dd"),
            "assign_unit": unit,
            "due": self.due.date().toString("yyyy-MM-dd") if unit else None,
        }


class RemarksTab(QWidget):
    """领导批示 (latest first) and comments (threads) of one task."""

    def __init__(self, store, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.store = store
        self.task_id = ""
        self.task_label = ""
        self.instructions = RowsModel([self.tr("批示"), self.tr("交办落实")], self)
        self.comments = RowsModel(
            [self.tr("评论"), self.tr("作者"), self.tr("时间"), self.tr("对象")], self
        )
        self.instruction_view = table(self.instructions, 0)
        self.comment_view = table(self.comments, 0)
        EmptyHint(self.instruction_view, self.tr("没有领导批示"))
        EmptyHint(self.comment_view, self.tr("没有评论"))
        fit_width(self.instruction_view, long=(0, 1))
        fit_width(self.comment_view, long=(0,), optional=(3,))
        for view in (self.instruction_view, self.comment_view):  # a task has few: wrap them
            view.setWordWrap(True)
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(self.tr("写评论（选中一条评论再发送即为回复）"))
        self.entry.returnPressed.connect(self.send)
        self.about = QComboBox()  # what a new comment is about: the task, an item, a report
        self.about.setToolTip(self.tr("评论对象"))
        self.about.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        # (shrinks in a narrow dock: with the tab's margins the row still fits the dock of
        # a 1024×640 window; it grows with the row's room)
        self.about.setMinimumContentsLength(4)
        send = QPushButton(self.tr("发送"))
        send.clicked.connect(self.send)
        record = QPushButton(self.tr("登记批示…"))
        record.clicked.connect(self.record_instruction)
        row = QHBoxLayout()  # the entry gets a line of its own (narrow docks)
        row.addWidget(self.about, 1)
        row.addWidget(send)
        row.addWidget(record)
        layout = QVBoxLayout(self)  # (the style's margins, as the panel's other tabs)
        layout.addWidget(QLabel(self.tr("领导批示")))
        layout.addWidget(self.instruction_view, 1)
        layout.addWidget(QLabel(self.tr("评论")))
        layout.addWidget(self.comment_view, 2)
        layout.addWidget(self.entry)
        layout.addLayout(row)

    def show_task(self, task_id: str, label: str = "") -> None:
        self.task_id = task_id
        self.task_label = label
        self.refresh()

    def refresh(self) -> None:
        db = self.store.db
        if not self.task_id:
            self.instructions.set_rows([])
            self.comments.set_rows([])
            return
        rows = []
        for s in rm.instructions(db, self.task_id):
            follow = ""
            if s["item_id"]:
                follow = self.tr("{0}，{1}前").format(s["assigned_unit"] or "", s["due"] or "")
            said = self.tr("{0}（{1}）：{2}").format(s["leader"], s["given_on"], s["text"])
            rows.append(Row((said, follow), None, s["id"], tooltip=said))
        self.instructions.set_rows(rows)
        comments = []
        for c in rm.task_comments(db, self.task_id):
            text = ("    " * c.depth) + ("↳ " if c.depth else "") + c.text
            when = c.created_at[5:16].replace("T", " ")  # 11-29 17:04 (full in the tooltip)
            stamp = c.created_at[:16].replace("T", " ")
            tip = self.tr("{0} {1}：{2}").format(stamp, c.author, c.text)
            comments.append(Row((text, c.author, when, domain(c.about)), None, c.id, tooltip=tip,
                                payload=(c.node_kind, c.node_id)))  # fmt: skip
        self.comments.set_rows(comments)
        self._fill_about(db)

    def _fill_about(self, db) -> None:  # noqa: ANN001
        self.about.clear()
        self.about.addItem(self.tr("任务"), ("task", self.task_id))
        items = db.execute(
            "SELECT id FROM item WHERE task_id = ? ORDER BY position", [self.task_id]
        ).fetchall()
        if len(items) > 1:
            for position, (item_id,) in enumerate(items):
                self.about.addItem(self.tr("事项 {0}").format(position + 1), ("item", item_id))
        for report_id, period, unit in db.execute(
            "SELECT r.id, r.period, coalesce(u.name, '') FROM report r"
            " LEFT JOIN unit u ON u.id = r.unit_id WHERE r.task_id = ?"
            " ORDER BY r.period DESC, r.created_at DESC LIMIT 24",
            [self.task_id],
        ).fetchall():
            self.about.addItem(
                self.tr("{0} 期报告（{1}）").format(period, unit), ("report", report_id)
            )

    @Slot()
    def send(self) -> None:
        if not self.task_id:
            return
        index = self.comment_view.currentIndex()
        kind, node = self.about.currentData() or ("task", self.task_id)
        reply = None
        if index.isValid():
            selected = self.comments.row(index.row())
            kind, node = selected.payload
            reply = selected.record_id
        try:
            rm.add_comment(self.store, kind, node, self.entry.text(), reply_to=reply)
        except UserError as exc:
            dialogs.show_error(self, exc)
            return
        self.entry.clear()
        self.comment_view.clearSelection()
        self.comment_view.setCurrentIndex(self.comments.index(-1, -1))
        self.refresh()

    @Slot()
    def record_instruction(self) -> None:
        if not self.task_id:
            return
        dialog = InstructionDialog(self.store, self.task_label, self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                rm.add_instruction(self.store, self.task_id, **dialog.values())
            except UserError as exc:
                dialogs.show_error(dialog, exc)
                continue  # the dialog keeps what was typed
            break
        self.refresh()


class AttachmentsTab(QWidget):
    """The task's attachments (evidence files): add one, save one elsewhere."""

    def __init__(self, store, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.store = store
        self.task_id = ""
        #: Gives a function downloading one attachment's content (``attachment_sync.fetch_one``)
        #: when this desktop is logged in to a sync server, else None (set by the window).
        self.fetcher: Callable[[], Callable[[dict[str, Any]], None] | None] | None = None
        self._job: Job | None = None
        self.files = RowsModel(
            [self.tr("文件名"), self.tr("大小"), self.tr("添加人"), self.tr("时间"),
             self.tr("说明")], self,
        )  # fmt: skip
        self.view = table(self.files, 0)
        fit_width(self.view, long=(0, 4), optional=(2, 1))
        EmptyHint(self.view, self.tr("没有附件"))
        add = QPushButton(self.tr("添加附件…"))
        add.clicked.connect(self.add_file)
        save = QPushButton(self.tr("另存为…"))
        save.clicked.connect(self.save_file)
        row = QHBoxLayout()
        limit = at.ATTACHMENT_MAX_BYTES // (1024 * 1024)
        hint = self.tr("附件只作佐证，单个不超过 {0} MB；文件内容在同步时上传、下载。").format(
            limit
        )
        label = QLabel(hint)  # (a line of its own: beside the buttons it took five)
        label.setWordWrap(True)
        label.setStyleSheet("color: #555;")
        row.addStretch(1)
        row.addWidget(add)
        row.addWidget(save)
        layout = QVBoxLayout(self)  # (the style's margins, as the panel's other tabs)
        layout.addWidget(self.view, 1)
        layout.addWidget(label)
        layout.addLayout(row)

    def show_task(self, task_id: str) -> None:
        self.task_id = task_id
        self.refresh()

    def refresh(self) -> None:
        rows = []
        for a in at.attachments(self.store.db, self.task_id) if self.task_id else []:
            size = f"{a['size'] / 1024:,.0f} KB"
            note = a["note"] if at.has_content(self.store, a) else self.tr("（本机无文件内容）")
            rows.append(Row((a["name"], size, a["added_by"], a["added_at"][:10], note), None,
                            a["id"], tooltip=a["name"]))  # fmt: skip
        self.files.set_rows(rows)

    def add_file(self, path: str = "") -> None:
        if not self.task_id:
            return
        if not path:
            path, _filter = QFileDialog.getOpenFileName(self, self.tr("添加附件"))
        if not path:
            return
        try:
            at.add_attachment(self.store, self.task_id, path)
        except UserError as exc:
            dialogs.show_error(self, exc)
            return
        self.refresh()

    def save_file(self, path: str = "") -> None:
        """Save the chosen attachment; content this desktop lacks is downloaded first
        (in the background) when ``fetcher`` gives a way to the sync server."""
        index = self.view.currentIndex()
        if not index.isValid():
            return
        record = self.files.row(index.row())
        if not path:
            path, _filter = QFileDialog.getSaveFileName(self, self.tr("另存为"), record.cells[0])
        if not path:
            return
        stored = self.store.db["attachment"].get(record.record_id)
        fetch = self.fetcher() if self.fetcher and not at.has_content(self.store, stored) else None
        if fetch is None:
            self._write(record.record_id, path)
            return
        job = Job(self, fetch, stored, label=self.tr("正在从服务器下载附件…"))
        job.succeeded.connect(lambda _result: self._write(record.record_id, path))
        self._job = job.start()

    def _write(self, attachment_id: str, path: str) -> None:
        try:
            at.read_attachment(self.store, attachment_id, path)
        except UserError as exc:
            dialogs.show_error(self, exc)
            return
        self.refresh()
