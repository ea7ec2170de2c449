"""同步设置: server URL, a custom CA bundle for intranet certificates, auto-sync interval."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.views import dialogs


class SyncSettingsDialog(QDialog):
    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("syncSettingsDialog")
        self.setWindowTitle(self.tr("同步设置"))
        self.setMinimumWidth(520)
        self.server_edit = QLineEdit(controller.server_url())
        self.server_edit.setPlaceholderText("https://sync.example.gov.cn")
        self.ca_edit = QLineEdit(controller.ca_bundle())
        self.ca_edit.setPlaceholderText(self.tr("留空则使用系统信任的证书"))
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(self._browse)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(browse)
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(1, 240)
        self.interval_spin.setSuffix(self.tr(" 分钟"))
        self.interval_spin.setValue(controller.interval_minutes())
        form = QFormLayout()
        form.addRow(self.tr("服务器地址："), self.server_edit)
        form.addRow(self.tr("CA 证书文件："), ca_row)
        form.addRow(self.tr("自动同步间隔："), self.interval_spin)
        note = QLabel(
            self.tr(
                "单位内网使用自签名证书时，请选择信息中心提供的 CA 证书文件（PEM 格式）。"
                "代理服务器按系统环境变量（HTTPS_PROXY）设置。更改服务器地址后需要重新登录。"
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c92a2a;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = dialogs.ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    @Slot()
    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择 CA 证书文件"), "", self.tr("证书 (*.pem *.crt *.cer);;所有文件 (*)")
        )
        if path:
            self.ca_edit.setText(path)

    def accept(self) -> None:
        url = self.server_edit.text().strip()
        ca = self.ca_edit.text().strip()
        if url and not url.startswith(("http://", "https://")):
            self.error_label.setText(self.tr("服务器地址应以 https:// 开头。"))
            self.error_label.show()
            return
        if ca and not Path(ca).is_file():
            self.error_label.setText(self.tr("找不到 CA 证书文件：{0}").format(ca))
            self.error_label.show()
            return
        self.controller.apply_settings(url, ca, self.interval_spin.value())
        super().accept()
