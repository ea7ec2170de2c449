"""Checks before the main window opens: integrity of the profile database and the daily backup."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog

from desktop.errors import UserError
from desktop.models import backup
from desktop.models.qt.domain_text import error_text
from desktop.paths import profile_db_path
from desktop.views import dialogs
from desktop.views.backup_dialog import OTHER_PROFILE, RESTORE_LATEST, START_EMPTY, DamagedDialog

log = logging.getLogger(__name__)

PROFILE_NAME = re.compile(r"^[^\\/:*?\"<>|\x00-\x1f.][^\\/:*?\"<>|\x00-\x1f]{0,49}$")


def valid_profile_name(name: str) -> bool:
    """A profile name usable as one folder name on every platform."""
    return bool(PROFILE_NAME.match(name.strip())) and name.strip() == name


def ask_profile() -> Path | None:
    name, ok = QInputDialog.getText(
        None,
        QCoreApplication.translate("Startup", "打开另一个配置"),
        QCoreApplication.translate("Startup", "配置名称："),
    )
    if not ok:
        return None
    if not valid_profile_name(name):
        dialogs.show_warning(
            None,
            QCoreApplication.translate(
                "Startup", '配置名称不能为空，不能含 \\ / : * ? " < > |，最多 50 个字。'
            ),
        )
        return None
    return profile_db_path(name)


def check_database(
    path: Path, choose: Callable[[Path, list[str]], str] | None = None
) -> Path | None:
    """``PRAGMA quick_check`` the file; a damaged one gets the user's choice.

    Returns the database to open (the same, restored, emptied, or another
    profile's), or None to quit. ``choose`` is the dialog (tests pass their own).
    """
    for _attempt in range(5):
        problems = backup.quick_check(path)
        if not problems:
            return path
        log.error("database %s failed quick_check: %s", path, problems[:5])
        choice = (choose or ask_damaged_action)(path, problems)
        try:
            if choice == RESTORE_LATEST:
                latest = backup.list_backups(path)
                if not latest:
                    continue
                backup.restore_backup(path, latest[0].path)
            elif choice == START_EMPTY:
                backup.set_aside_damaged(path)
            elif choice == OTHER_PROFILE:
                other = ask_profile()
                if other is not None:
                    path = other
            else:
                return None
        except UserError as err:
            dialogs.show_message(None, dialogs.ERROR, error_text(err), err.detail)
    return None


def ask_damaged_action(path: Path, problems: list[str]) -> str:
    """The damaged-database dialog; returns the choice (tests replace this function)."""
    dialog = DamagedDialog(path, problems)
    dialog.exec()
    return dialog.choice


def auto_backup(path: Path, keep: int) -> Path | None:
    """The daily backup at start; a failure is logged, never in the way."""
    try:
        return backup.backup_if_due(path, keep)
    except UserError as err:
        log.warning("automatic backup failed: %s", err.message)
        return None
