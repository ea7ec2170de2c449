"""The sync item of the status bar: 在线/离线, last sync, pending changes, conflicts, 同步."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.models.qt.sync_models import short_time

ONLINE, OFFLINE, SYNCING, LOGGED_OUT = "online", "offline", "syncing", "logged_out"
_COLOURS = {ONLINE: "#2b8a3e", OFFLINE: "#c92a2a", SYNCING: "#1c7ed6", LOGGED_OUT: "#868e96"}


class SyncStatusWidget(QWidget):
    """Shows the sync state; ``sync_requested`` when 同步 is clicked."""

    sync_requested = Signal()
    conflicts_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.state = LOGGED_OUT
        self.reason = ""
        self.state_label = QLabel()
        self.state_label.setObjectName("syncState")
        self.info_label = QLabel()
        self.info_label.setObjectName("syncInfo")
        self.conflicts_button = QToolButton()
        self.conflicts_button.setObjectName("syncConflicts")
        self.conflicts_button.setAutoRaise(True)
        self.conflicts_button.setStyleSheet("color: #c92a2a; font-weight: bold;")
        self.conflicts_button.clicked.connect(self.conflicts_requested)
        self.conflicts_button.hide()
        self.sync_button = QToolButton()
        self.sync_button.setObjectName("syncButton")
        self.sync_button.setText(self.tr("同步"))
        self.sync_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.sync_button.clicked.connect(self.sync_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 2, 0)
        layout.setSpacing(6)
        layout.addWidget(self.state_label)
        layout.addWidget(self.info_label)
        layout.addWidget(self.conflicts_button)
        layout.addWidget(self.sync_button)
        self.pending = self.conflicts = self.rejected = 0
        self.last_sync: str | None = None
        self.progress_text = ""
        self._render()

    # -- updates ---------------------------------------------------------------------------

    def set_state(self, state: str, reason: str = "") -> None:
        self.state = state
        self.reason = reason
        if state != SYNCING:
            self.progress_text = ""
        self._render()

    def set_progress(self, text: str) -> None:
        self.progress_text = text
        self._render()

    def set_counts(
        self, pending: int, conflicts: int, rejected: int, last_sync: str | None
    ) -> None:
        self.pending, self.conflicts, self.rejected = pending, conflicts, rejected
        self.last_sync = last_sync
        self._render()

    def state_text(self) -> str:
        return {
            ONLINE: self.tr("在线"),
            OFFLINE: self.tr("离线"),
            SYNCING: self.tr("同步中"),
            LOGGED_OUT: self.tr("未登录"),
        }[self.state]

    def _render(self) -> None:
        colour = _COLOURS[self.state]
        self.state_label.setText(f'<span style="color:{colour};">●</span> {self.state_text()}')
        parts = []
        if self.progress_text:
            parts.append(self.progress_text)
        if self.last_sync:
            parts.append(self.tr("上次同步 {0}").format(_local_time(self.last_sync)))
        parts.append(self.tr("待上传 {0}").format(f"{self.pending:,}"))
        if self.rejected:
            parts.append(self.tr("被拒绝 {0}").format(f"{self.rejected:,}"))
        self.info_label.setText(" · ".join(parts))
        self.conflicts_button.setText(self.tr("冲突 {0}").format(f"{self.conflicts:,}"))
        self.conflicts_button.setVisible(self.conflicts > 0)
        self.conflicts_button.setToolTip(self.tr("查看并处理同步冲突"))
        self.sync_button.setEnabled(self.state != SYNCING)
        tips = {
            ONLINE: self.tr("已连接同步服务器。"),
            OFFLINE: self.tr("无法与同步服务器同步，本机数据不受影响，可继续离线工作。"),
            SYNCING: self.tr("正在与同步服务器同步…"),
            LOGGED_OUT: self.tr("尚未登录同步服务器（同步 → 登录…）。"),
        }
        tip = tips[self.state]
        if self.reason:
            tip = f"{tip}\n{self.reason}"
        for widget in (self.state_label, self.info_label):
            widget.setToolTip(tip)
        self.sync_button.setToolTip(self.tr("立即同步 (F9)"))


def _local_time(stamp: str) -> str:
    """A UTC ISO stamp as local ``MM-DD HH:MM`` (today: ``HH:MM``)."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return short_time(stamp)
    if moment.date() == datetime.now().astimezone().date():
        return moment.strftime("%H:%M")
    return moment.strftime("%m-%d %H:%M")
