"""Unexpected errors, single instance, backup dialogs, About and the settings schema (pytest-qt)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.errors import UserError
from desktop.models import backup
from desktop.models.store import Store
from desktop.views import dialogs, error_dialog, jobs
from desktop.views import settings as schema
from desktop.views.error_dialog import ErrorDialog, install_error_handling
from desktop.views.single_instance import SingleInstance

ROOT = Path(__file__).resolve().parent.parent
#: The real crash dialog (conftest replaces it by a recorder that fails the test).
SHOW_UNEXPECTED = error_dialog.show_unexpected

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))


class Emitter(QObject):
    fired = Signal()


def _error_dialogs() -> list[ErrorDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog) and w.isVisible()
    ]


@pytest.fixture
def crash_dialog(monkeypatch) -> None:
    """This test expects the real crash dialog."""
    monkeypatch.setattr(error_dialog, "show_unexpected", SHOW_UNEXPECTED)


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_a_dialog_and_the_app_keeps_running(
    qtbot, caplog, crash_dialog
) -> None:
    uninstall = install_error_handling()
    try:
        emitter = Emitter()
        after: list[int] = []

        def broken() -> None:
            raise ZeroDivisionError("boom in a slot")

        emitter.fired.connect(broken)
        emitter.fired.connect(lambda: after.append(1))
        with caplog.at_level(logging.ERROR):
            emitter.fired.emit()
        qtbot.waitUntil(lambda: bool(_error_dialogs()), timeout=3000)
        (dialog,) = _error_dialogs()
        assert "Traceback" not in "".join(
            label.text() for label in dialog.findChildren(type(dialog.log_label))
        )
        assert "liandong.log" in dialog.log_label.text()
        dialog.copy_button.click()
        copied = QGuiApplication.clipboard().text()
        assert "ZeroDivisionError: boom in a slot" in copied and "PySide6" in copied
        assert "SQLite" in copied
        assert any(r.exc_info and "boom in a slot" in str(r.exc_info[1]) for r in caplog.records)
        dialog.reject()
        emitter.fired.disconnect(broken)
        emitter.fired.emit()  # the app still runs its slots
        assert after == [1, 1]
    finally:
        uninstall()


def _divide_by_zero() -> float:
    return 1 / 0


def _refuse() -> None:
    raise UserError("单位名称不能为空。")


def test_a_bug_in_a_background_job_shows_the_crash_dialog(qtbot, caplog, crash_dialog) -> None:
    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    qtbot.addWidget(owner)
    with (
        caplog.at_level(logging.ERROR),
        qtbot.waitSignal(jobs.Job(owner, _divide_by_zero).start().failed),
    ):
        pass
    qtbot.waitUntil(lambda: bool(_error_dialogs()), timeout=3000)
    (dialog,) = _error_dialogs()
    assert dialog.parent() is owner
    assert dialog.copy_button.text() == "复制详情"
    assert "liandong.log" in dialog.log_label.text()
    dialog.copy_button.click()
    assert "ZeroDivisionError" in QGuiApplication.clipboard().text()
    assert any(r.exc_info and isinstance(r.exc_info[1], ZeroDivisionError) for r in caplog.records)
    dialog.reject()


def test_a_user_error_in_a_background_job_stays_a_plain_message(qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QWidget

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        dialogs, "show_message", lambda p, kind, text, d="": shown.append((kind, text))
    )
    owner = QWidget()
    qtbot.addWidget(owner)
    with qtbot.waitSignal(jobs.Job(owner, _refuse).start().finished):
        pass
    assert shown == [(dialogs.ERROR, "单位名称不能为空。")]
    assert not _error_dialogs()


def test_same_profile_is_refused_and_focuses_the_first(qtbot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path / "a" / "liandong.db")
    assert first.acquire()
    try:
        results: list[bool] = []
        second = threading.Thread(  # blocking socket calls while this thread answers
            target=lambda: results.append(SingleInstance(tmp_path / "a" / "liandong.db").acquire())
        )
        with qtbot.waitSignal(first.activated, timeout=5000):
            second.start()
        second.join(5)
        assert results == [False]
        other = SingleInstance(tmp_path / "b" / "liandong.db")
        assert other.acquire()  # a different profile runs side by side
        other.release()
    finally:
        first.release()
    again = SingleInstance(tmp_path / "a" / "liandong.db")
    assert again.acquire()  # released: the profile can be opened again
    again.release()


def test_a_second_process_on_the_same_profile_is_refused(qtbot, tmp_path: Path) -> None:
    """Two real processes: the first holds the profile, the second is turned away."""
    db = tmp_path / "p" / "liandong.db"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from PySide6.QtCore import QCoreApplication, QTimer\n"
            "from desktop.views.single_instance import SingleInstance\n"
            "app = QCoreApplication([])\n"
            f"guard = SingleInstance({str(db)!r})\n"
            "assert guard.acquire()\n"
            "guard.activated.connect(lambda: (print('ACTIVATED', flush=True), app.quit()))\n"
            "print('READY', flush=True)\n"
            "QTimer.singleShot(20000, app.quit)\n"
            "app.exec()\n",
        ],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT)),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "READY"
        assert not SingleInstance(db).acquire()
        assert holder.stdout.readline().strip() == "ACTIVATED"
        holder.wait(timeout=10)
        time.sleep(0.1)
        mine = SingleInstance(db)
        assert mine.acquire()  # the first has quit: the profile is free
        mine.release()
    finally:
        holder.kill()
        holder.wait()


def test_backup_dialog_lists_backs_up_and_restores(qtbot, tmp_path: Path, monkeypatch) -> None:
    from desktop.views import backup_dialog, dialogs, restart
    from desktop.views.backup_dialog import BackupDialog

    monkeypatch.setattr(dialogs, "show_message", lambda *a, **k: None)
    db = tmp_path / "liandong.db"
    store = Store.open(db)
    store.close()
    dialog = BackupDialog(db, keep=7)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0 and not dialog.restore_button.isEnabled()
    dialog.backup_button.click()
    assert dialog.model.rowCount() == 1 and dialog.restore_button.isEnabled()
    requested: list = []
    monkeypatch.setattr(BackupDialog, "confirm_restore", lambda self, info: True)
    monkeypatch.setattr(backup_dialog, "request_restart", requested.append)
    dialog.restore_button.click()
    assert len(requested) == 1
    requested[0]()  # the work run_gui does once the store is closed
    assert list(tmp_path.glob("liandong.db.before-restore-*"))
    assert backup.quick_check(db) == []
    assert restart.run_pending_work() == []


def test_damaged_dialog_offers_three_ways(qtbot, tmp_path: Path) -> None:
    from desktop.views.backup_dialog import RESTORE_LATEST, START_EMPTY, DamagedDialog

    db = tmp_path / "liandong.db"
    Store.open(db).close()
    dialog = DamagedDialog(db, ["Page 6: btreeInitPage() returns error code 11"])
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()  # no backup yet
    dialog.empty_button.click()
    assert dialog.choice == START_EMPTY
    backup.make_backup(db)
    dialog = DamagedDialog(db, ["x"])
    qtbot.addWidget(dialog)
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    assert dialog.choice == RESTORE_LATEST


def _filled(path: Path, seed_path: Path) -> Path:
    from desktop.importer import parse_file

    store = Store.open(path)
    store.import_plan(parse_file(seed_path))
    store.close()
    return path


def test_a_running_app_backs_up_once_a_day(qtbot, tmp_path: Path, seed_path: Path) -> None:
    from datetime import timedelta

    from PySide6.QtWidgets import QWidget

    from desktop.views.startup import Safekeeping

    db = _filled(tmp_path / "liandong.db", seed_path)
    window = QWidget()
    qtbot.addWidget(window)
    daily = Safekeeping(window, db, keep=7, interval_ms=30)  # checks often, backs up daily
    with qtbot.waitSignal(daily.checked, timeout=10_000):
        daily.start()
    assert len(backup.list_backups(db)) == 1  # the start's backup
    for _ in range(3):
        qtbot.waitSignal(daily.checked, timeout=10_000).wait()
    assert len(backup.list_backups(db)) == 1  # not yet a day old
    daily.max_age = timedelta(0)  # "a day later"
    qtbot.waitUntil(lambda: len(backup.list_backups(db)) >= 3, timeout=10_000)
    daily.keep = 2
    qtbot.waitUntil(lambda: len(backup.list_backups(db)) == 2, timeout=10_000)  # pruned
    daily.max_age = timedelta(days=1)  # no more backups: a round may still be in flight …
    for _ in range(2):  # … so the next complete round started after the change
        qtbot.waitSignal(daily.checked, timeout=10_000).wait()
    assert len(backup.list_backups(db)) == 2
    taken = backup.list_backups(db)[0].path
    assert backup.quick_check(taken) == [] and taken.stat().st_size > 0


def test_damage_found_in_the_background_offers_the_same_ways(
    qtbot, tmp_path: Path, seed_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QWidget

    from desktop.views import restart, startup
    from desktop.views.backup_dialog import RESTORE_LATEST

    db = _filled(tmp_path / "liandong.db", seed_path)
    backup.make_backup(db)
    data = bytearray(db.read_bytes())
    data[4096 * 5 : 4096 * 5 + 2000] = b"Z" * 2000  # junk in the middle of the file
    db.write_bytes(bytes(data))
    # the start-up check is cheap (header and schema): the window opens …
    assert startup.check_database(db, lambda p, problems: "quit", check=backup.cheap_check) == db
    requested: list = []
    monkeypatch.setattr(restart, "request_restart", requested.append)
    chosen: list[list[str]] = []
    window = QWidget()
    qtbot.addWidget(window)
    keeping = startup.Safekeeping(
        window, db, keep=7, choose=lambda path, problems: chosen.append(problems) or RESTORE_LATEST
    )
    with qtbot.waitSignal(keeping.damaged, timeout=10_000):
        keeping.start()  # … and the full check in the background finds the damage
    assert chosen and chosen[0]
    assert len(backup.list_backups(db)) == 1  # the damaged file was not backed up
    (work,) = requested  # restored once the database is closed (restart)
    work()
    assert backup.quick_check(db) == []
    assert list(tmp_path.glob("liandong.db.before-restore-*"))


def test_cheap_check_finds_a_file_that_is_no_database(tmp_path: Path) -> None:
    bad = tmp_path / "liandong.db"
    bad.write_bytes(b"not a database at all" * 100)
    assert backup.cheap_check(bad)
    assert backup.cheap_check(tmp_path / "missing.db") == []


def test_settings_defaults_and_coercion(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert schema.get("backup/keep", settings) == 7
    assert schema.get("sync/interval_minutes", settings) == 5
    assert schema.get("coordination/window_days", settings) == 14
    assert schema.get("sync/server_url", settings) == ""
    settings.setValue("backup/keep", "12")  # INI files give strings back
    assert schema.get("backup/keep", settings) == 12
    settings.setValue("backup/keep", "lots")
    assert schema.get("backup/keep", settings) == 7
    settings.setValue("sync/interval_minutes", "0")  # below its minimum
    assert schema.get("sync/interval_minutes", settings) == 5
    schema.put("coordination/window_days", 30, settings)
    assert schema.get("coordination/window_days", settings) == 30
    for name, bad in (("backup/keep", 0), ("backup/keep", True), ("sync/server_url", 5)):
        with pytest.raises(ValueError):
            schema.put(name, bad, settings)
    with pytest.raises(KeyError, match="undeclared"):
        schema.get("no/such", settings)


def test_settings_migration_drops_values_that_do_not_fit(tmp_path: Path) -> None:
    path = tmp_path / "old.ini"
    old = QSettings(str(path), QSettings.Format.IniFormat)
    old.setValue("sync/interval_minutes", "abc")
    old.setValue("coordination/window_days", "21")
    old.setValue("sync/server_url", "https://city.example")
    old.sync()
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    assert schema.migrate(settings) == 0
    assert settings.value("sync/interval_minutes") is None
    assert schema.get("coordination/window_days", settings) == 21
    assert schema.get("sync/server_url", settings) == "https://city.example"
    assert schema.migrate(settings) == schema.SCHEMA_VERSION


def type_text(combo, text: str) -> None:  # noqa: ANN001
    combo.lineEdit().setText(text)
    combo.lineEdit().textEdited.emit(text)


def test_unit_completer_matches_abbreviations(qtbot) -> None:
    from PySide6.QtWidgets import QComboBox

    from desktop.models.qt.unit_models import UnitChoiceModel
    from desktop.views.unit_completer import install_unit_completer

    combo = QComboBox()
    combo.setEditable(True)
    qtbot.addWidget(combo)
    model = UnitChoiceModel("全部单位", combo)
    model.set_units([("a", "市城市管理局"), ("b", "市政数局"), ("c", "市住建局")])
    combo.setModel(model)
    completer = install_unit_completer(combo, model)
    combo.show()
    type_text(combo, "城管局")  # keyClicks cannot type Chinese: what an input method commits
    names = [completer.matches.index(r, 0).data() for r in range(completer.matches.rowCount())]
    assert names == ["市城市管理局"]
    type_text(combo, "政数")
    names = [completer.matches.index(r, 0).data() for r in range(completer.matches.rowCount())]
    assert names == ["市政数局"]


def test_qt_messages_go_to_the_log(caplog) -> None:
    from PySide6.QtCore import qWarning

    uninstall = install_error_handling()
    try:
        with caplog.at_level(logging.WARNING, logger="liandong.qt"):
            qWarning("a Qt warning for the log")
    finally:
        uninstall()
    assert any("a Qt warning for the log" in r.getMessage() for r in caplog.records)


def test_welcome_page_opens_the_demo_in_its_own_process(monkeypatch) -> None:
    from PySide6.QtCore import QProcess

    from desktop.views import app

    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(
        QProcess, "startDetached", staticmethod(lambda p, a: started.append((p, a)) or True)
    )
    monkeypatch.setattr(sys, "argv", ["main.py", "--profile", "county", "--lang", "en"])
    assert app.open_demo_in_new_window()
    ((program, arguments),) = started
    assert program == sys.executable
    assert arguments == ["main.py", "--lang", "en", "--demo"]


def test_about_dialog_lists_versions_and_folders(qtbot, tmp_path: Path) -> None:
    from desktop.paths import demo_db_path
    from desktop.views.about_dialog import AboutDialog

    dialog = AboutDialog(demo_db_path())
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QLabel

    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "PySide6" in texts and "SQLite" in texts and str(demo_db_path()) in texts
    assert os.environ["LIANDONG_DATA_DIR"] in texts and "logs" in texts
    assert "演示配置" in texts


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_safety_dialogs_fit_a_1366x768_screen_unclipped(qtbot, tmp_path: Path, lang: str) -> None:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QLabel, QPushButton

    from desktop.views.about_dialog import AboutDialog
    from desktop.views.app import translations_dir
    from desktop.views.backup_dialog import BackupDialog, DamagedDialog

    app = QApplication.instance()
    translator = QTranslator()
    if lang == "en":
        assert translator.load(str(translations_dir() / "liandong_en.qm"))
        app.installTranslator(translator)
    try:
        db = tmp_path / "liandong.db"
        Store.open(db).close()
        backup.make_backup(db)
        try:
            raise RuntimeError("render")
        except RuntimeError as exc:
            error = exc
        for dialog in (
            ErrorDialog(error),
            BackupDialog(db, 7),
            DamagedDialog(db, ["Page 6: btreeInitPage() returns error code 11"]),
            AboutDialog(db),
        ):
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            assert dialog.width() <= 1366 and dialog.height() <= 768, type(dialog)
            if lang == "en":
                assert not any(
                    "\u4e00" <= ch <= "\u9fff"
                    for b in dialog.findChildren(QPushButton)
                    for ch in b.text()
                ), type(dialog)
            for widget in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton):
                if widget.isVisible():
                    hint = widget.sizeHint()
                    if not (isinstance(widget, QLabel) and widget.wordWrap()):
                        assert widget.width() >= hint.width(), (type(dialog), widget.text())
                    assert widget.height() >= min(
                        hint.height(),
                        widget.heightForWidth(widget.width())
                        if widget.hasHeightForWidth()
                        else hint.height(),
                    ), (type(dialog), widget.text())
            dialog.close()
    finally:
        app.removeTranslator(translator)
