"""GUI entry point: ``run_gui(args)`` (args from ``desktop.cli``)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QLibraryInfo,
    QLocale,
    QTimer,
    QTranslator,
)
from PySide6.QtWidgets import QApplication

from desktop.commands.support import db_path as profile_db_path
from desktop.errors import UserError
from desktop.logging_setup import report_unexpected
from desktop.models.qt.roles import ID_ROLE
from desktop.models.store import Store
from desktop.paths import assets_dir
from desktop.screenshot import screenshot_format
from desktop.views import dialogs, jobs
from desktop.views.fonts import ensure_cjk_font, install_hint

log = logging.getLogger(__name__)

SCREENSHOT_SIZE = (1600, 1000)

_translators: list[QTranslator] = []


def translations_dir() -> Path:
    return assets_dir() / "translations"


def install_translator(app: QCoreApplication, lang: str | None) -> str:
    """Chinese is the source language; ``en`` loads ``liandong_en.qm``. Returns the language."""
    lang = lang or "zh_CN"
    if lang == "en":
        translator = QTranslator(app)
        if translator.load(str(translations_dir() / "liandong_en.qm")):
            app.installTranslator(translator)
            _translators.append(translator)
        else:
            log.warning("English translation not found in %s", translations_dir())
    else:
        qt = QTranslator(app)  # Qt's own dialogs (buttons, file dialogs) in Chinese
        if qt.load(
            QLocale(QLocale.Language.Chinese, QLocale.Country.China),
            "qtbase",
            "_",
            QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        ):
            app.installTranslator(qt)
            _translators.append(qt)
    return lang


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """Never a raw traceback: known errors show their message, bugs a plain note."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc.__traceback__ is None and tb is not None:
        exc = exc.with_traceback(tb)
    if isinstance(exc, UserError):
        dialogs.show_message(None, dialogs.ERROR, exc.message, exc.detail)
    else:
        dialogs.show_message(None, dialogs.ERROR, report_unexpected(exc))


def import_demo_if_empty(store: Store) -> bool:
    """Load the bundled demo (plan + coordination data) into an empty database."""
    from desktop.demo import load_demo_if_empty

    return load_demo_if_empty(store)


def _settle(app: QCoreApplication, timeout: float = 120.0) -> None:
    """Process events until the background loads have landed (a large database takes a while)."""
    deadline = time.monotonic() + timeout
    for _ in range(5):
        app.processEvents()
    while jobs.active_jobs() and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def take_screenshot(window, path: str) -> int:
    """Lay the window out at ~1600×1000 offscreen, render it to ``path``.

    The image format follows the suffix (see ``screenshot_format``).
    """
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    app = QApplication.instance()
    _settle(app)
    first = window.matrix_proxy.index(0, 0)
    if first.isValid():
        window.show_task(first.data(ID_ROLE))
    _settle(app)
    pixmap = window.grab()
    if pixmap.isNull() or not pixmap.save(path, screenshot_format(path)):
        print(f"错误：无法保存截图到 {path}。", file=sys.stderr)
        return UserError.exit_code
    print(f"截图已保存：{path}")
    return 0


def run_gui(args: argparse.Namespace) -> int:
    """Start the GUI; returns the exit code."""
    screenshot = getattr(args, "screenshot", None)
    if screenshot:
        try:
            screenshot_format(screenshot)  # a fixable problem is said before any work
        except UserError as err:
            print(f"错误：{err.message}", file=sys.stderr)
            return err.exit_code
    if screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("Liandong")
    app.setApplicationName("Liandong")
    install_translator(app, getattr(args, "lang", None))
    app.setApplicationDisplayName(QCoreApplication.translate("App", "联动"))
    family = ensure_cjk_font(app)
    previous_hook = sys.excepthook
    sys.excepthook = _excepthook
    temp_dir: tempfile.TemporaryDirectory | None = None
    store: Store | None = None
    try:
        if screenshot and not getattr(args, "db", None):
            temp_dir = tempfile.TemporaryDirectory(prefix="liandong-shot-")
            path = Path(temp_dir.name) / "liandong.db"
        else:
            path = profile_db_path(args)
        try:
            store = Store.open(path)
            if getattr(args, "demo", False) or screenshot:
                import_demo_if_empty(store)
        except UserError as err:
            if screenshot:
                print(f"错误：{err.message}", file=sys.stderr)
            else:
                dialogs.show_message(None, dialogs.ERROR, err.message, err.detail)
            return err.exit_code

        from desktop.views.main_window import MainWindow

        window = MainWindow(store, remember_layout=not screenshot)
        if family is None:
            message = QCoreApplication.translate(
                "App", "系统中没有找到中文字体，界面文字可能显示为方框。{0}"
            ).format(install_hint())
            if screenshot:
                print(message, file=sys.stderr)
            else:
                QTimer.singleShot(0, lambda: dialogs.show_warning(window, message))
        if screenshot:
            code = take_screenshot(window, screenshot)
            window.close()
            return code
        window.show()
        code = app.exec()
        jobs.wait_for_jobs()
        return int(code)
    finally:
        sys.excepthook = previous_hook
        if store is not None:
            store.close()
        if temp_dir is not None:
            temp_dir.cleanup()
