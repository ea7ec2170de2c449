"""Unexpected errors in the GUI: logged, a dialog with 复制详情 and the log path, app keeps running.

``install_error_handling()`` sets ``sys.excepthook`` (Python exceptions raised
in slots and event handlers reach it) and a Qt message handler (Qt's own
warnings go to the log file instead of stderr). A known error (``UserError``)
shows its plain message; anything else is a bug: the traceback goes to the log
and to the clipboard on request, never onto the screen.
"""

from __future__ import annotations

import logging
import platform
import sqlite3
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

import PySide6
from PySide6.QtCore import Qt, QtMsgType, Slot, qInstallMessageHandler, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.errors import UserError
from desktop.logging_setup import log_file
from desktop.models.qt.domain_text import error_text
from desktop.views import dialogs

log = logging.getLogger("liandong")
qt_log = logging.getLogger("liandong.qt")


def version_info() -> list[tuple[str, str]]:
    """(name, version) of Liandong and what it runs on (About and error details)."""
    return [
        ("Liandong", __version__),
        ("Python", platform.python_version()),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("SQLite", sqlite3.sqlite_version),
        ("OS", platform.platform()),
    ]


def error_details(exc: BaseException) -> str:
    """The traceback and versions, as copied by 复制详情."""
    lines = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    versions = "\n".join(f"{name}: {value}" for name, value in version_info())
    return f"{lines}\n{versions}\n"


class ErrorDialog(QDialog):
    """A plain note for a bug: what happened, where the log is, 复制详情."""

    def __init__(self, exc: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = error_details(exc)
        self.setWindowTitle(self.tr("联动：出错了"))
        layout = QVBoxLayout(self)
        message = QLabel(
            self.tr(
                "发生了意外错误，刚才的操作没有完成；已保存的数据未受影响，可以继续使用。\n"
                "如果问题反复出现，请点“复制详情”，把内容发给技术支持。"
            )
        )
        message.setWordWrap(True)
        layout.addWidget(message)
        self.log_label = QLabel(self.tr("日志文件：{0}").format(log_file()))
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.log_label)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("复制详情"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        close.clicked.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_details)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("已复制"))


_open_dialogs: list[ErrorDialog] = []
MAX_OPEN_DIALOGS = 3


def show_unexpected(exc: BaseException, parent: QWidget | None = None) -> ErrorDialog | None:
    """Log ``exc`` and show the error dialog (non-blocking; at most a few at once)."""
    log.error("unexpected error", exc_info=exc)
    if len(_open_dialogs) >= MAX_OPEN_DIALOGS:
        return None  # an error in a loop: the log has every one, the screen a few
    parent = parent or QGuiApplication.instance().activeWindow()  # type: ignore[union-attr]
    dialog = ErrorDialog(exc, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_dialogs.append(dialog)
    dialog.finished.connect(lambda _result: _open_dialogs.remove(dialog))
    dialog.open()
    return dialog


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """``sys.excepthook`` of the GUI: never a raw traceback, the app keeps running."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc.__traceback__ is None and tb is not None:
        exc = exc.with_traceback(tb)
    if isinstance(exc, UserError):
        dialogs.show_message(None, dialogs.ERROR, error_text(exc), exc.detail)
    else:
        show_unexpected(exc)


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_handler(mode: QtMsgType, context: object, message: str) -> None:
    """Qt's own messages go to the log file."""
    qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)


def install_error_handling() -> Callable[[], None]:
    """Install the hook and the Qt message handler; returns a function undoing both."""
    previous_hook = sys.excepthook
    sys.excepthook = excepthook
    previous_handler = qInstallMessageHandler(qt_message_handler)

    def uninstall() -> None:
        sys.excepthook = previous_hook
        qInstallMessageHandler(previous_handler)

    return uninstall
