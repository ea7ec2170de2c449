"""登录同步服务器: server URL, username, password; the login runs in the background.

The refresh token goes to the OS keyring through ``TokenStore``; where none
exists the dialog says so (``TokenStore.warning``) and the token is kept for
this session only. The password is never stored.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.models.qt.domain_text import error_text
from desktop.views import dialogs
from desktop.views.jobs import Job
from sync.client import SyncEngine


def _login(engine: SyncEngine, username: str, password: str, device: str) -> dict[str, Any]:
    return engine.login(username, password, device)


class LoginDialog(QDialog):
    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("syncLoginDialog")
        self.setWindowTitle(self.tr("登录同步服务器"))
        self.setMinimumWidth(460)
        self._job: Job | None = None
        self._engine: SyncEngine | None = None
        self.user_info: dict[str, Any] | None = None

        self.server_edit = QLineEdit(controller.server_url())
        self.server_edit.setPlaceholderText("https://sync.example.gov.cn")
        self.user_edit = QLineEdit(controller.username())
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("服务器地址："), self.server_edit)
        form.addRow(self.tr("用户名："), self.user_edit)
        form.addRow(self.tr("密码："), self.password_edit)

        self.keyring_label = QLabel()
        self.keyring_label.setObjectName("keyringWarning")
        self.keyring_label.setWordWrap(True)
        self.keyring_label.setStyleSheet("color: #a35200;")
        tokens = controller.tokens
        # the view's own (translated) words: ``tokens.warning`` is the CLI's Chinese text
        self.keyring_label.setText(
            self.tr("本机没有可用的系统钥匙串：登录凭据只在本次运行中保留，不会写入磁盘。")
        )
        self.keyring_label.setVisible(not tokens.available)
        self.error_label = QLabel()
        self.error_label.setObjectName("loginError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c92a2a;")
        self.error_label.hide()
        self.note_label = QLabel(
            self.tr("密码不会保存；登录凭据保存在系统钥匙串中，不写入数据库或设置文件。")
        )
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #666;")
        self.note_label.setVisible(tokens.available)

        self.buttons = dialogs.ok_cancel(self, self.tr("登录"), self.start_login)
        self.ok_button = dialogs.ok_button(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.keyring_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        (self.password_edit if self.user_edit.text() else self.user_edit).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    @Slot()
    def start_login(self) -> None:
        """Check the fields, then log in on a background thread."""
        if self._job is not None:
            return
        url = self.server_edit.text().strip().rstrip("/")
        user = self.user_edit.text().strip()
        password = self.password_edit.text()
        if not url.startswith(("http://", "https://")):
            self._show_error(self.tr("请填写以 https:// 开头的服务器地址。"))
            return
        if not user or not password:
            self._show_error(self.tr("请填写用户名和密码。"))
            return
        self.error_label.hide()
        try:
            self._engine = self.controller.make_engine(url, user)
        except UserError as exc:
            self._show_error(error_text(exc))
            return
        self._set_busy(True)
        job = Job(
            self.controller.window, _login, self._engine, user, password,
            self.controller.device_name(), label=self.tr("正在登录…"),
            quiet=True, show_errors=False, cancellable=False,
        )  # fmt: skip
        job.succeeded.connect(self._logged_in)
        job.failed.connect(self._login_failed)
        job.finished.connect(self._job_finished)
        self._job = job
        job.start()

    def _set_busy(self, busy: bool) -> None:
        self.ok_button.setEnabled(not busy)
        self.ok_button.setText(self.tr("正在登录…") if busy else self.tr("登录"))
        for edit in (self.server_edit, self.user_edit, self.password_edit):
            edit.setEnabled(not busy)

    @Slot()
    def _job_finished(self) -> None:
        self._job = None

    @Slot(object)
    def _logged_in(self, user: object) -> None:
        self.password_edit.clear()
        self.user_info = user if isinstance(user, dict) else None
        if self.result() == QDialog.DialogCode.Rejected and not self.isVisible():
            return  # cancelled meanwhile: the token is stored, but nothing else changes
        assert self._engine is not None
        self.controller.logged_in_with(self._engine)
        self.accept()

    @Slot(object)
    def _login_failed(self, exc: object) -> None:
        self._set_busy(False)
        assert isinstance(exc, BaseException)
        self._show_error(error_text(exc))
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
