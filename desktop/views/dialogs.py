"""Every message box of the GUI goes through ``show_message`` (one place to observe in tests).

Known errors (``UserError``) show their plain message (Chinese, or its English from
the domain message catalog under the English translator); anything else is
a bug: logged with its traceback and shown in the crash dialog with 复制详情 and the
log path (``error_dialog.show_unexpected``; qutebrowser's split between known
errors and crashes).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QPushButton, QWidget

from desktop.errors import UserError
from desktop.models.qt.domain_text import domain, error_text

INFO, WARNING, ERROR = "info", "warning", "error"


def show_message(parent: QWidget | None, kind: str, text: str, detail: str = "") -> None:
    """Show a modal message box (tests monkeypatch this function)."""
    icon = {
        INFO: QMessageBox.Icon.Information,
        WARNING: QMessageBox.Icon.Warning,
        ERROR: QMessageBox.Icon.Critical,
    }[kind]
    title = {
        INFO: QCoreApplication.translate("Dialogs", "联动"),
        WARNING: QCoreApplication.translate("Dialogs", "联动：提示"),
        ERROR: QCoreApplication.translate("Dialogs", "联动：出错了"),
    }[kind]
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    if detail:
        box.setDetailedText(detail)
    box.exec()


def ok_cancel(dialog: QDialog, ok_text: str = "", on_ok=None) -> QDialogButtonBox:  # noqa: ANN001
    """确定 (or ``ok_text``) / 取消 for ``dialog``: OK calls ``on_ok`` (default
    ``dialog.accept``), 取消 ``dialog.reject``; the OK button is ``ok_button(box)``."""
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok_button(box).setText(ok_text or QCoreApplication.translate("Dialogs", "确定"))
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(
        QCoreApplication.translate("Dialogs", "取消")
    )
    box.accepted.connect(on_ok or dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def ok_button(box: QDialogButtonBox) -> QPushButton:
    return box.button(QDialogButtonBox.StandardButton.Ok)


def show_info(parent: QWidget | None, text: str) -> None:
    show_message(parent, INFO, domain(text))


def show_warning(parent: QWidget | None, text: str) -> None:
    show_message(parent, WARNING, domain(text))


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A known error's plain message (in the user's language); a bug gets the crash
    dialog (what happened, the log path, 复制详情) from ``error_dialog.show_unexpected``,
    which also logs it."""
    if isinstance(exc, UserError):
        show_message(parent, ERROR, error_text(exc), exc.detail)
    else:
        from desktop.views import error_dialog  # imports this module

        error_dialog.show_unexpected(exc, parent)
