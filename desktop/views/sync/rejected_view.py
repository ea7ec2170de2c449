"""Changes the server refused (permissions, append-only reports…), with its reason."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.qt.sync_models import RejectedModel, load_rejected
from desktop.models.store import Store
from desktop.views.empty_hint import EmptyHint
from desktop.views.sync.tables import record_table
from sync import apply as sync_apply


class RejectedView(QWidget):
    """The list of rejected changes; 已阅 hides the selected ones on this computer."""

    #: Rows were dismissed (how many).
    dismissed = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("rejectedView")
        self.model = RejectedModel(self)
        # 记录, 更改内容 and 原因 elide; 时间, then 类别, give way first
        self.table = record_table(self.model, long=(1, 3, 4), optional=(5, 0))
        self.empty_hint = EmptyHint(self.table, self.tr("没有被拒绝的更改。"))
        self.note_label = QLabel(
            self.tr(
                "以下更改未被服务器接受，本机已恢复为服务器上的内容。"
                "如确需修改，请联系有权限的单位或协调员。"
            )
        )
        self.note_label.setWordWrap(True)
        self.dismiss_button = QPushButton(self.tr("已阅，不再显示"))
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.note_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self.model.set_rows(load_rejected(self.store.db))
        empty = self.model.rowCount() == 0
        self.dismiss_button.setEnabled(not empty)

    @Slot()
    def dismiss_selected(self) -> int:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = [self.model.row_data(r)["id"] for r in rows]
        if ids:
            sync_apply.dismiss_rejected(self.store.db, ids)
            self.refresh()
            self.dismissed.emit(len(ids))
        return len(ids)
