"""Open sync conflicts and the resolution dialog (本机 / 对方 / 编辑).

A resolution is a new logged op (``sync_apply.resolve_conflict``) that reaches
the server on the next sync; both values stay visible until then.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.models.qt.domain_text import error_text
from desktop.models.qt.sync_models import (
    ConflictsModel,
    conflict_kind,
    conflict_value,
    field_name,
    format_value,
    in_force_text,
    load_conflicts,
    other_side,
    table_name,
)
from desktop.models.store import Store
from desktop.views import dialogs
from desktop.views.empty_hint import EmptyHint
from desktop.views.sync.tables import record_table
from sync import apply as sync_apply


def parse_edited(text: str, mine: Any, theirs: Any) -> Any:
    """The typed value for a field whose two versions are ``mine`` / ``theirs``."""
    numeric = [v for v in (mine, theirs) if v is not None]
    if numeric and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in numeric):
        stripped = text.strip()
        if not stripped:
            return None
        try:
            number = float(stripped)
        except ValueError:
            raise UserError(
                QCoreApplication.translate("ConflictsView", "请输入数字：{0}").format(stripped)
            ) from None
        return (
            int(number)
            if number.is_integer() and all(isinstance(v, int) for v in numeric)
            else number
        )
    if text == "" and mine is None and theirs is None:
        return None
    return text


class ResolveDialog(QDialog):
    """Choose which value stands: mine, theirs, or an edited one."""

    def __init__(self, store: Store, conflict: dict[str, Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.conflict = conflict
        self.setObjectName("resolveConflictDialog")
        self.setWindowTitle(self.tr("处理同步冲突"))
        self.setMinimumWidth(520)
        heading = QLabel(
            self.tr("{table}“{label}”的{field}：{kind}").format(
                table=table_name(conflict["tbl"]),
                label=conflict["label"],
                field=field_name(conflict["field"]),
                kind=conflict_kind(conflict["kind"]),
            )
        )
        heading.setWordWrap(True)
        standing = self.tr("（现行）")
        mine_in_force = conflict.get("in_force") == "mine"
        self.mine_radio = QRadioButton(
            self.tr("保留本机的值：{0}").format(conflict_value(conflict["mine"], conflict["kind"]))
            + (standing if mine_in_force else "")
        )
        self.theirs_radio = QRadioButton(
            self.tr("采用{0}的值：{1}").format(
                other_side(conflict), conflict_value(conflict["theirs"], conflict["kind"])
            )
            + ("" if mine_in_force else standing)
        )
        self.in_force_label = QLabel(
            self.tr("现行值：{0}。处理之前，服务器和各台电脑都以此为准。").format(
                in_force_text(conflict)
            )
        )
        self.in_force_label.setWordWrap(True)
        self.edit_radio = QRadioButton(self.tr("改为："))
        for radio in (self.mine_radio, self.theirs_radio):
            radio.setToolTip(radio.text())
        self.group = QButtonGroup(self)
        for radio in (self.mine_radio, self.theirs_radio, self.edit_radio):
            self.group.addButton(radio)
        # The value in force is preselected: OK alone never changes anything.
        (self.mine_radio if mine_in_force else self.theirs_radio).setChecked(True)
        self.editor = QPlainTextEdit()
        self.editor.setMaximumHeight(90)
        is_field = conflict["kind"] == "field"
        mine = conflict["mine"]
        self.editor.setPlainText("" if mine is None or not is_field else format_value(mine))
        self.edit_radio.setVisible(is_field)
        self.editor.setVisible(is_field)
        self.editor.setEnabled(False)
        self.edit_radio.toggled.connect(self.editor.setEnabled)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c92a2a;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        note = QLabel(self.tr("处理结果作为一次新的修改，在下次同步时发送给服务器和其他用户。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        buttons = dialogs.ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.in_force_label)
        layout.addWidget(self.mine_radio)
        layout.addWidget(self.theirs_radio)
        layout.addWidget(self.edit_radio)
        layout.addWidget(self.editor)
        layout.addWidget(note)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def choice(self) -> str:
        if self.mine_radio.isChecked():
            return "mine"
        return "edit" if self.edit_radio.isChecked() else "theirs"

    def accept(self) -> None:
        choice = self.choice()
        try:
            value = None
            if choice == "edit":
                value = parse_edited(
                    self.editor.toPlainText(), self.conflict["mine"], self.conflict["theirs"]
                )
            sync_apply.resolve_conflict(self.store, self.conflict["id"], choice, value)
        except UserError as exc:
            self.error_label.setText(error_text(exc))
            self.error_label.show()
            return
        super().accept()


class ConflictsView(QWidget):
    """The table of open conflicts with 处理… / 保留我的 / 采用对方的."""

    #: A conflict was resolved (its id).
    resolved = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("conflictsView")
        self.model = ConflictsModel(self)
        model = self.model  # the record, the conflict (long in English), both values and
        # the other side elide; 时间, 类别, then 对方 (in the tooltip) give way first
        long = (1, model.KIND, model.MINE, model.THEIRS, model.OTHER)
        optional = (model.TIME, 0, model.OTHER)
        self.table = record_table(model, long, optional, single=True)
        self.table.doubleClicked.connect(self._double_clicked)
        self.empty_hint = EmptyHint(self.table, self.tr("没有未处理的冲突。"))
        self.resolve_button = QPushButton(self.tr("处理…"))
        self.mine_button = QPushButton(self.tr("保留本机的值"))
        self.theirs_button = QPushButton(self.tr("采用对方的值"))
        self.resolve_button.clicked.connect(self.open_resolve_dialog)
        self.mine_button.clicked.connect(lambda: self.resolve_selected("mine"))
        self.theirs_button.clicked.connect(lambda: self.resolve_selected("theirs"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.resolve_button)
        buttons.addWidget(self.mine_button)
        buttons.addWidget(self.theirs_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        selected = self.selected()
        self.model.set_rows(load_conflicts(self.store.db))
        empty = self.model.rowCount() == 0
        if not empty:
            rows = [
                r for r, c in enumerate(self.model.rows) if selected and c["id"] == selected["id"]
            ]
            self.table.selectRow(rows[0] if rows else 0)
        self._update_buttons()

    def selected(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_data(index.row())

    @Slot()
    def _update_buttons(self) -> None:
        has = self.selected() is not None
        for button in (self.resolve_button, self.mine_button, self.theirs_button):
            button.setEnabled(has)

    @Slot(QModelIndex)
    def _double_clicked(self, _index: QModelIndex) -> None:
        self.open_resolve_dialog()

    @Slot()
    def open_resolve_dialog(self) -> ResolveDialog | None:
        conflict = self.selected()
        if conflict is None:
            return None
        dialog = ResolveDialog(self.store, conflict, self)
        dialog.accepted.connect(lambda: self._after_resolve(conflict["id"]))
        dialog.open()
        return dialog

    def resolve_selected(self, choice: str) -> bool:
        conflict = self.selected()
        if conflict is None:
            return False
        try:
            sync_apply.resolve_conflict(self.store, conflict["id"], choice)
        except UserError as exc:
            dialogs.show_error(self, exc)
            return False
        self._after_resolve(conflict["id"])
        return True

    def _after_resolve(self, conflict_id: int) -> None:
        self.refresh()
        self.resolved.emit(conflict_id)
