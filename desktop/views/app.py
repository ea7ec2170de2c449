"""GUI entry point: ``run_gui(args)`` (args from ``desktop.cli``)."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QLibraryInfo,
    QLocale,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop.errors import UserError
from desktop.heap import return_large_blocks
from desktop.models import backup
from desktop.models.messages import error_prefix, localize
from desktop.models.qt.domain_text import error_text
from desktop.models.qt.roles import ID_ROLE
from desktop.models.store import Store
from desktop.paths import DEFAULT_PROFILE, DEMO_EXCLUSIVE, assets_dir, is_demo_db, profile_db_path
from desktop.screenshot import screenshot_format
from desktop.views import dialogs, jobs, restart
from desktop.views import settings as settings_schema
from desktop.views.error_dialog import install_error_handling
from desktop.views.fonts import ensure_cjk_font, install_hint
from desktop.views.single_instance import SingleInstance, bring_to_front
from desktop.views.startup import Safekeeping, check_database
from sync.errors import Message

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


def take_screenshot(window, path: str, lang: str | None = None) -> int:
    """Lay the window out at ~1600×1000 offscreen, render it to ``path``; what it says
    in ``lang`` (``--lang``).

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
        print(
            error_prefix(lang) + localize(Message("无法保存截图到 {}。", path), lang),
            file=sys.stderr,
        )
        return UserError.exit_code
    print(localize(Message("截图已保存：{}", path), lang))
    return 0


def app_icon() -> QIcon:
    """The Liandong icon (SVG plus the PNG sizes) for every window."""
    icon = QIcon()
    folder = assets_dir() / "icons"
    for size in (16, 24, 32, 48, 64, 128, 256):
        png = folder / f"liandong-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    svg = folder / "liandong.svg"
    if svg.exists():
        icon.addFile(str(svg))
    return icon


def gui_profile_path(args: argparse.Namespace) -> Path:
    """The database of ``--db`` / ``--profile`` (default profile otherwise)."""
    if getattr(args, "db", None):
        return Path(args.db)
    return profile_db_path(getattr(args, "profile", None) or DEFAULT_PROFILE)


def demo_title(window) -> None:  # noqa: ANN001 - the main window
    """Say in the title bar that this is the demo profile."""
    window.setWindowTitle(
        QCoreApplication.translate("App", "{0} — 演示配置（示例数据，不同步）").format(
            window.windowTitle()
        )
    )


def open_demo_in_new_window() -> bool:
    """Start Liandong on the demo profile in its own process (the welcome page calls this).

    The demo never touches the current profile; if the demo is already open, that
    window comes to the front (single instance per profile)."""
    return restart.start_detached_with(["--demo"])


def reset_demo() -> None:
    """Empty the demo profile and start again with the demo freshly loaded (menu action)."""
    from desktop.demo import remove_database_files
    from desktop.paths import demo_db_path

    restart.request_restart(lambda: remove_database_files(demo_db_path()))


def _open_store(args: argparse.Namespace, screenshot: str | None, temp_dir) -> Store | None:  # noqa: ANN001
    """The store to show; None when the user chose to quit (damaged database)."""
    if screenshot and not getattr(args, "db", None):  # the demo plan in a throwaway file
        store = Store.open(Path(temp_dir.name) / "liandong.db")
        import_demo_if_empty(store)
        return store
    if getattr(args, "demo", False) and not screenshot:
        if getattr(args, "db", None) or getattr(args, "profile", None):
            raise UserError(DEMO_EXCLUSIVE)
        from desktop.demo import open_demo

        return open_demo()
    path = gui_profile_path(args)
    if not screenshot:
        checked = check_database(path, check=backup.cheap_check)  # quick_check: background
        if checked is None:
            return None
        path = checked
    store = Store.open(path)
    if screenshot:
        import_demo_if_empty(store)
    return store


def run_gui(args: argparse.Namespace) -> int:
    """Start the GUI; returns the exit code."""
    return_large_blocks()  # (a status pass's big tables freed for good, not kept resident)
    screenshot = getattr(args, "screenshot", None)
    if screenshot is not None:  # ("": refused, not the window shown)
        try:
            screenshot_format(screenshot)  # a fixable problem is said before any work
        except UserError as err:
            lang = getattr(args, "lang", None)
            print(error_prefix(lang) + localize(err.text, lang), file=sys.stderr)
            return err.exit_code
    if screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("Liandong")
    app.setApplicationName("Liandong")
    app.setWindowIcon(app_icon())
    install_translator(app, getattr(args, "lang", None))
    app.setApplicationDisplayName(QCoreApplication.translate("App", "联动"))
    family = ensure_cjk_font(app)
    uninstall_error_handling = install_error_handling()
    if not screenshot:
        settings_schema.migrate()
    temp_dir: tempfile.TemporaryDirectory | None = None
    store: Store | None = None
    guard: SingleInstance | None = None
    try:
        if screenshot and not getattr(args, "db", None):
            temp_dir = tempfile.TemporaryDirectory(prefix="liandong-shot-")
        if not screenshot:
            demo = getattr(args, "demo", False) and not (
                getattr(args, "db", None) or getattr(args, "profile", None)
            )
            from desktop.paths import demo_db_path

            guard = SingleInstance(demo_db_path() if demo else gui_profile_path(args))
            if not guard.acquire():
                log.info("profile already open in another window; brought it to the front")
                print(
                    QCoreApplication.translate(
                        "App", "联动已在运行并打开了这个配置，已切换到那个窗口。"
                    ),
                    file=sys.stderr,
                )
                return 0
        try:
            store = _open_store(args, screenshot, temp_dir)
        except UserError as err:
            if screenshot:
                lang = getattr(args, "lang", None)
                print(error_prefix(lang) + localize(err.text, lang), file=sys.stderr)
            else:
                dialogs.show_message(None, dialogs.ERROR, error_text(err), err.detail)
            return err.exit_code
        if store is None:
            return 0

        from desktop.views.main_window import MainWindow

        # What start-up imported and built lives as long as the app: out of the
        # collector's sight, so the window load's many objects are cheap to collect.
        gc.freeze()
        window = MainWindow(store, remember_layout=not screenshot)
        gc.enable()  # off since ``boot.import_for_gui``: the start's objects all live on
        if is_demo_db(store.path):
            demo_title(window)
        from desktop.views.about_dialog import install_safety_actions

        install_safety_actions(window)
        if guard is not None:
            guard.activated.connect(lambda: bring_to_front(window))
        if family is None:
            message = QCoreApplication.translate(
                "App", "系统中没有找到中文字体，界面文字可能显示为方框。{0}"
            ).format(install_hint())
            if screenshot:
                print(message, file=sys.stderr)
            else:
                QTimer.singleShot(0, lambda: dialogs.show_warning(window, message))
        if screenshot:
            code = take_screenshot(window, screenshot, getattr(args, "lang", None))
            window.close()
            return code
        window.show()
        if not is_demo_db(store.path):
            # quick_check, then the daily backup (SQLite's backup API, safe while the
            # window uses the file): now in the background, and every hour while running.
            window.safekeeping = Safekeeping(window, store.path, settings_schema.get("backup/keep"))
            window.safekeeping.start()
        code = app.exec()
        jobs.wait_for_jobs()
        return int(code)
    finally:
        uninstall_error_handling()
        if store is not None:
            store.close()
        if guard is not None:
            guard.release()
        if temp_dir is not None:
            temp_dir.cleanup()
        if restart.restart_requested():
            for err in restart.run_pending_work():
                dialogs.show_error(None, err)
            restart.start_again()
