"""Restart the app after work that needs the database closed (restore a backup, reset the demo).

``request_restart(work)`` closes every window; ``run_gui`` then closes the store,
releases the single-instance lock, runs ``work`` and starts the app again with
the same arguments (``run_pending_work`` then ``start_again``).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


@dataclass
class _Pending:
    work: list[Callable[[], None]] = field(default_factory=list)
    requested: bool = False


_pending = _Pending()


def request_restart(work: Callable[[], None]) -> None:
    """Close the app, run ``work`` with the database closed, start again."""
    _pending.work.append(work)
    _pending.requested = True
    app = QApplication.instance()
    QApplication.closeAllWindows()
    if app is not None:
        app.quit()


def restart_requested() -> bool:
    return _pending.requested


def restart_command() -> tuple[str, list[str]]:
    """The program and arguments that start this app again."""
    if getattr(sys, "frozen", False):
        return sys.executable, sys.argv[1:]
    return sys.executable, list(sys.argv)


def run_pending_work() -> list[BaseException]:
    """Run the work waiting for the closed database; returns its errors (shown by the caller)."""
    errors: list[BaseException] = []
    work, _pending.work = _pending.work, []
    _pending.requested = False
    for job in work:
        try:
            job()
        except Exception as exc:  # noqa: BLE001 - reported by the caller
            errors.append(exc)
    return errors


def command_with(extra: list[str]) -> tuple[str, list[str]]:
    """This app's command line without ``--db``/``--profile``/``--demo``, plus ``extra``
    (another profile, the demo)."""
    program, arguments = restart_command()
    cleaned: list[str] = []
    skip = False
    for arg in arguments:
        if skip:
            skip = False
            continue
        if arg in ("--db", "--profile"):
            skip = True
            continue
        if arg == "--demo" or arg.startswith(("--db=", "--profile=")):
            continue
        cleaned.append(arg)
    return program, [*cleaned, *extra]


def start_detached_with(extra: list[str]) -> bool:
    """Start this app in its own process on another profile (``extra``: its arguments)."""
    program, arguments = command_with(extra)
    return bool(QProcess.startDetached(program, arguments))


def start_again() -> bool:
    """Start the app again with the same arguments (a separate process)."""
    program, arguments = restart_command()
    log.info("restarting: %s %s", program, arguments)
    return bool(QProcess.startDetached(program, arguments))
