"""The profile database's safety: integrity checks and daily backups.

Before the main window opens, ``check_database`` runs a cheap check (header and
schema, milliseconds; ``backup.cheap_check``). Once the window shows,
``Safekeeping`` runs the full ``PRAGMA quick_check`` in a background job and then
the daily backup (SQLite's backup API), and again every ``CHECK_INTERVAL_MS`` while
the app runs (offices leave it open for days): a backup whenever the newest one is
a day old. A damaged file found in the background is never backed up over the good
backups; the user gets the same choices as at start (restore the latest backup,
start empty, another profile, quit), applied with the database closed (restart).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QInputDialog, QWidget

from desktop.errors import UserError
from desktop.models import backup
from desktop.models.qt.domain_text import error_text
from desktop.paths import profile_db_path
from desktop.views import dialogs, restart
from desktop.views.jobs import Job

#: How often a running app checks the file and takes the daily backup when due.
CHECK_INTERVAL_MS = 60 * 60 * 1000

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
    path: Path,
    choose: Callable[[Path, list[str]], str] | None = None,
    check: Callable[[Path], list[str]] = backup.quick_check,
) -> Path | None:
    """``check`` the file (at start the cheap check; the full ``quick_check`` then
    runs in the background, see ``Safekeeping``); a damaged one gets the user's choice.

    Returns the database to open (the same, restored, emptied, or another
    profile's), or None to quit. ``choose`` is the dialog (tests pass their own).
    """
    for _attempt in range(5):
        problems = check(path)
        if not problems:
            return path
        log.error("database %s failed quick_check: %s", path, problems[:5])
        # the dialog's module only when a file is damaged (not on every start)
        from desktop.views.backup_dialog import OTHER_PROFILE, RESTORE_LATEST, START_EMPTY

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
    from desktop.views.backup_dialog import DamagedDialog

    dialog = DamagedDialog(path, problems)
    dialog.exec()
    return dialog.choice


def auto_backup(path: Path, keep: int, max_age: timedelta = backup.DEFAULT_MAX_AGE) -> Path | None:
    """The daily backup (when the newest is ``max_age`` old); a failure is logged, never
    in the way."""
    try:
        return backup.backup_if_due(path, keep, max_age)
    except UserError as err:
        log.warning("automatic backup failed: %s", err.message)
        return None


def check_then_backup(path: Path, keep: int, max_age: timedelta) -> list[str]:
    """Background job: ``quick_check`` the file, then back it up when due. Returns the
    problems found ([] when sound); a damaged file is not backed up."""
    problems = backup.quick_check(path)
    if problems:
        log.error("database %s failed quick_check: %s", path, problems[:5])
        return problems
    auto_backup(path, keep, max_age)
    return []


class Safekeeping(QObject):
    """The running app's integrity check and daily backup (see the module docstring)."""

    #: The background check found the file damaged (its problems).
    damaged = Signal(object)
    #: One round (check, backup when due) ended.
    checked = Signal()

    def __init__(
        self,
        window: QWidget,
        path: Path,
        keep: int,
        *,
        interval_ms: int = CHECK_INTERVAL_MS,
        max_age: timedelta = backup.DEFAULT_MAX_AGE,
        choose: Callable[[Path, list[str]], str] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.path = Path(path)
        self.keep = keep
        self.max_age = max_age
        self._choose = choose
        self._job: Job | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.run_now)

    def start(self) -> None:
        """A round now (the check after the window shows), then every interval."""
        self.run_now()
        self._timer.start()

    @Slot()
    def run_now(self) -> None:
        if self._job is not None:
            return  # the previous round still runs
        self._job = Job(
            self.window,
            check_then_backup,
            self.path,
            self.keep,
            self.max_age,
            quiet=True,
            cancellable=False,
            show_errors=False,  # never in the way: logged
        )
        self._job.succeeded.connect(self._round_done)
        self._job.failed.connect(self._round_failed)
        self._job.finished.connect(self._job_finished)
        self._job.start_after_first_paint(self.window)  # the first round after the first frame

    @Slot()
    def _job_finished(self) -> None:
        self._job = None
        self.checked.emit()

    @Slot(object)
    def _round_failed(self, exc: object) -> None:
        log.error("integrity check or backup failed", exc_info=exc)  # type: ignore[arg-type]

    @Slot(object)
    def _round_done(self, problems: object) -> None:
        if problems:
            self._timer.stop()  # one answer is enough; nothing more is backed up
            self.damaged.emit(problems)
            handle_damage_while_running(self.window, self.path, list(problems), self._choose)


def handle_damage_while_running(
    window: QWidget,
    path: Path,
    problems: list[str],
    choose: Callable[[Path, list[str]], str] | None = None,
) -> str:
    """The choices of the start-up check for a file found damaged while it is open:
    restore or set aside happen with the database closed (the app restarts)."""
    from desktop.views.backup_dialog import OTHER_PROFILE, RESTORE_LATEST, START_EMPTY

    choice = (choose or ask_damaged_action)(path, problems)
    if choice == RESTORE_LATEST:
        latest = backup.list_backups(path)
        if latest:
            restart.request_restart(lambda: backup.restore_backup(path, latest[0].path))
    elif choice == START_EMPTY:
        restart.request_restart(lambda: backup.set_aside_damaged(path))
    elif choice == OTHER_PROFILE:
        other = ask_profile()
        if other is not None:
            restart.start_detached_with(["--profile", other.parent.name])
            window.close()
    else:
        window.close()
    return choice
