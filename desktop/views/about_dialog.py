"""关于联动 (versions, data/log folders, profile) and the safety menu actions of the main window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.paths import is_demo_db, log_dir, user_data_dir
from desktop.views import settings as settings_schema
from desktop.views.error_dialog import version_info


class AboutDialog(QDialog):
    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("关于联动"))
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(QGuiApplication.windowIcon().pixmap(64, 64))
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        title = QLabel(
            self.tr("<b>联动</b><br>政府行动计划任务分工与协同。<br>离线可用，数据保存在本机。")
        )
        title.setWordWrap(True)
        head.addWidget(title, 1)
        layout.addLayout(head)
        form = QFormLayout()
        for name, value in version_info():
            form.addRow(f"{name}:", self._selectable(value))
        form.addRow(self.tr("数据文件夹："), self._selectable(str(user_data_dir())))
        form.addRow(self.tr("日志文件夹："), self._selectable(str(log_dir())))
        profile = str(db_path) + (self.tr("（演示配置）") if is_demo_db(db_path) else "")
        form.addRow(self.tr("当前数据库："), self._selectable(profile))
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    @staticmethod
    def _selectable(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label


def install_safety_actions(window: Any) -> None:
    """文件 → 数据库备份…, 帮助 → 关于联动 (dialog), 重置演示数据 (demo profile only)."""
    from desktop.views.app import reset_demo

    db_path = Path(window.db_path)

    def show_backups() -> None:
        from desktop.views.backup_dialog import BackupDialog  # when asked (not at start)

        BackupDialog(db_path, settings_schema.get("backup/keep"), window).open()

    def show_about() -> None:
        AboutDialog(db_path, window).open()

    backups = QAction(QCoreApplication.translate("SafetyActions", "数据库备份…"), window)
    backups.triggered.connect(show_backups)
    file_menu = window.menu("file")
    first = file_menu.actions()[-1] if file_menu.actions() else None
    file_menu.insertAction(first, backups)  # before 退出
    window.backup_action = backups
    about = getattr(window, "about_action", None)
    if about is not None:
        about.triggered.disconnect()
        about.triggered.connect(show_about)
    if is_demo_db(db_path):
        reset = QAction(QCoreApplication.translate("SafetyActions", "重置演示数据…"), window)

        def confirm_reset() -> None:
            answer = QMessageBox.question(
                window,
                QCoreApplication.translate("SafetyActions", "重置演示数据"),
                QCoreApplication.translate(
                    "SafetyActions",
                    "清空演示配置中的所有修改并重新载入示例计划？联动随后重新启动。",
                ),
            )
            if answer == QMessageBox.StandardButton.Yes:
                reset_demo()

        reset.triggered.connect(confirm_reset)
        window.menu("help").addAction(reset)
        window.reset_demo_action = reset
