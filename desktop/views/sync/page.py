"""The 同步 page of the main window: where this computer stands with the city's server,
and every sync action (登录, 立即同步, 冲突, 被拒绝的更改, 同步设置) as a button."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QToolButton, QVBoxLayout, QWidget


class SyncPage(QWidget):
    """Mirrors the status bar's sync item in full sentences; buttons run the hub's actions."""

    def __init__(self, hub: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncPage")
        self.hub = hub
        title = QLabel(self.tr("与市服务器同步"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setStyleSheet("font-size: 12pt;")
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        offline = QLabel(
            self.tr(
                "不连接服务器也能完整使用：所有数据保存在本机，"
                "连接后再把本机的更改上传、并接收其他单位的更新。"
            )
        )
        offline.setWordWrap(True)
        offline.setStyleSheet("color: #555;")
        buttons = QGridLayout()
        actions = (
            hub.login_action,
            hub.sync_action,
            hub.conflicts_action,
            hub.rejected_action,
            hub.settings_action,
        )
        self.buttons: list[QToolButton] = []
        for n, action in enumerate(actions):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setMinimumWidth(160)
            buttons.addWidget(button, n // 3, n % 3)
            self.buttons.append(button)
        box = QWidget()
        box.setFixedWidth(600)
        layout = QVBoxLayout(box)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(self.state_label)
        layout.addWidget(self.counts_label)
        layout.addLayout(buttons)
        layout.addWidget(offline)
        outer = QVBoxLayout(self)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        status = self.hub.controller.status
        self.state_label.setText(
            self.tr("状态：{0}").format(status.state_text()) + "\n" + status.state_label.toolTip()
        )
        self.counts_label.setText(status.info_label.text())

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        self.refresh()
        super().showEvent(event)
