"""Backups in the GUI: the list with 立即备份 / 恢复, and the choice offered for a damaged file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStringListModel, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.models import backup
from desktop.models.qt.domain_text import error_text
from desktop.views import dialogs
from desktop.views.empty_hint import EmptyHint
from desktop.views.restart import request_restart


class BackupDialog(QDialog):
    """The profile's backups, newest first; restoring restarts the app on the restored file."""

    def __init__(self, db_path: Path, keep: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.keep = keep
        self.setWindowTitle(self.tr("数据库备份"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "每天第一次启动时自动备份，保留最近 {0} 份。恢复时当前数据库会先移到一边保留，"
                "然后联动重新启动。\n备份目录：{1}"
            ).format(keep, backup.backup_dir(self.db_path))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = QStringListModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        EmptyHint(self.view, self.tr("还没有备份：点“立即备份”备份一份"))
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox()
        self.backup_button = QPushButton(self.tr("立即备份"))
        self.restore_button = QPushButton(self.tr("从所选备份恢复…"))
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("关闭"))
        close.clicked.connect(self.reject)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.refresh()

    def refresh(self) -> None:
        self.backups = backup.list_backups(self.db_path)
        self.model.setStringList([b.label for b in self.backups])
        if self.backups:
            self.view.setCurrentIndex(self.model.index(0, 0))
        self.restore_button.setEnabled(bool(self.backups))

    @Slot()
    def backup_now(self) -> None:
        try:
            target = backup.make_backup(self.db_path, self.keep)
        except UserError as err:
            dialogs.show_message(self, dialogs.ERROR, error_text(err), err.detail)
            return
        self.refresh()
        dialogs.show_info(self, self.tr("已备份到：{0}").format(target))

    def selected(self) -> backup.BackupInfo | None:
        row = self.view.currentIndex().row()
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def confirm_restore(self, info: backup.BackupInfo) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("从备份恢复"),
            self.tr(
                "用 {0} 的备份替换当前数据库？\n当前数据库会先移到一边保留，联动随后重新启动。"
            ).format(info.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")),
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def restore_selected(self) -> None:
        info = self.selected()
        if info is None or not self.confirm_restore(info):
            return
        path, source = self.db_path, info.path
        self.accept()
        request_restart(lambda: backup.restore_backup(path, source))


# Choices for a damaged database at start.
RESTORE_LATEST, OTHER_PROFILE, START_EMPTY, QUIT = "restore", "other", "empty", "quit"


class DamagedDialog(QDialog):
    """The database failed its integrity check: restore, open another profile, or start empty."""

    def __init__(self, db_path: Path, problems: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = QUIT
        self.backups = backup.list_backups(db_path)
        self.setWindowTitle(self.tr("联动：数据库已损坏"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "数据库文件 {0} 未通过完整性检查，可能已损坏（例如断电或磁盘故障）。"
                "为免数据进一步受损，请选择如何继续。损坏的文件不会被删除。"
            ).format(db_path)
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        detail = QLabel(self.tr("检查结果：{0}").format("; ".join(problems[:3])[:300]))
        detail.setWordWrap(True)
        layout.addWidget(detail)
        self.restore_button = QPushButton(
            self.tr("恢复最近的备份（{0}）").format(
                self.backups[0].taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
            )
            if self.backups
            else self.tr("恢复最近的备份（没有备份）")
        )
        self.restore_button.setEnabled(bool(self.backups))
        self.other_button = QPushButton(self.tr("打开另一个配置…"))
        self.empty_button = QPushButton(self.tr("把损坏的文件移到一边，从空数据库开始"))
        self.quit_button = QPushButton(self.tr("退出"))
        for button, choice in (
            (self.restore_button, RESTORE_LATEST),
            (self.other_button, OTHER_PROFILE),
            (self.empty_button, START_EMPTY),
            (self.quit_button, QUIT),
        ):
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
            layout.addWidget(button)
        self.setMinimumWidth(520)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept() if choice != QUIT else self.reject()
