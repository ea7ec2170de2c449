"""The demo lives in its own profile (演示): --demo never touches the user's profile,
the demo can be reset, and it is never synced. Real files under a temp LIANDONG_DATA_DIR."""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.paths import DEMO_PROFILE, demo_db_path, is_demo_db, profile_db_path

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch) -> None:
    from keyring.backends.null import Keyring as NullKeyring
    from PySide6.QtCore import QSettings

    from desktop.views.sync import integration
    from sync.client import TokenStore

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    monkeypatch.setattr(integration, "make_token_store", lambda: TokenStore(NullKeyring()))


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
    finally:
        conn.close()


def _gui_args(**kw: object) -> argparse.Namespace:
    base = {"profile": None, "demo": False, "screenshot": None, "lang": None}
    base.update(kw)
    return argparse.Namespace(**base)


def test_demo_profile_is_apart_from_the_user_profile() -> None:
    data = Path(os.environ["LIANDONG_DATA_DIR"])
    assert demo_db_path() == data / "profiles" / DEMO_PROFILE / "liandong.db"
    assert is_demo_db(demo_db_path()) and not is_demo_db(profile_db_path())


def run_gui_briefly(argv: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    """``liandong ARGV`` in a real process (offscreen) that prints its window titles and quits."""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from desktop.cli import main\n"
        "app = QApplication(sys.argv[:1])\n"
        "def quit_soon():\n"
        "    for w in app.topLevelWidgets():\n"
        "        if w.isVisible() and w.windowTitle():\n"
        "            print('TITLE', w.windowTitle(), flush=True)\n"
        "    app.closeAllWindows()\n"
        "    app.quit()\n"
        "QTimer.singleShot(1500, quit_soon)\n"
        f"sys.exit(main({argv!r}))\n"
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
        XDG_CONFIG_HOME=str(tmp_path / "cfg"),
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_gui_backs_the_profile_up_at_start_once_a_day(seed_path, tmp_path, capsys) -> None:
    from desktop.models import backup

    assert main(["import", str(seed_path)]) == 0
    result = run_gui_briefly([], tmp_path)
    assert result.returncode == 0, result.stderr
    (first,) = backup.list_backups(profile_db_path())
    assert backup.quick_check(first.path) == [] and _count(first.path, "plan") == 1
    assert run_gui_briefly([], tmp_path).returncode == 0
    assert len(backup.list_backups(profile_db_path())) == 1  # not again the same day
    assert run_gui_briefly(["--demo"], tmp_path).returncode == 0
    assert backup.list_backups(demo_db_path()) == []  # the demo is not backed up


def test_gui_demo_leaves_the_default_profile_untouched(seed_path, tmp_path, capsys) -> None:
    """``liandong --demo`` in a real process (offscreen, quits itself): the user's profile
    keeps exactly its plan and outbox; the demo has its own file with the demo in it."""
    assert main(["import", str(seed_path)]) == 0  # the user's own work
    user_db = profile_db_path()
    user_before = user_db.read_bytes()
    outbox_before = _count(user_db, "change_log")
    result = run_gui_briefly(["--demo"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "演示" in result.stdout, result.stdout
    assert user_db.read_bytes() == user_before
    assert _count(user_db, "change_log") == outbox_before
    assert _count(demo_db_path(), "plan") == 1 and _count(demo_db_path(), "milestone") >= 10


def test_demo_with_db_or_profile_is_refused(qapp, tmp_path, monkeypatch) -> None:
    from desktop.views import dialogs
    from desktop.views.app import run_gui

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_message", lambda p, k, text, d="": shown.append(text))
    assert run_gui(_gui_args(demo=True, db=str(tmp_path / "mine.db"))) == 2
    assert shown and "演示" in shown[0]
    assert not (tmp_path / "mine.db").exists()


def test_demo_reset_from_the_cli(capsys) -> None:
    from desktop.demo import open_demo

    store = open_demo()
    with store.action("add_unit") as tx:
        store._create_unit(tx, "演示里加的单位", "other")
    store.close()
    assert main(["demo", "reset"]) == 0
    assert "演示配置已重置" in capsys.readouterr().out
    conn = sqlite3.connect(demo_db_path())
    names = {row[0] for row in conn.execute("SELECT name FROM unit")}
    conn.close()
    assert "演示里加的单位" not in names and "市政数局" in names
    assert not profile_db_path().exists()


def test_sync_refuses_the_demo_profile(capsys) -> None:
    from desktop.demo import open_demo

    open_demo().close()
    before = demo_db_path().read_bytes()
    for command in (
        ["sync", "--profile", DEMO_PROFILE, "--server", "http://127.0.0.1:9", "--user", "u"],
        ["login", "--profile", DEMO_PROFILE, "--server", "http://127.0.0.1:9", "--user", "u"],
    ):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert "演示配置" in err and "不会与服务器同步" in err
    assert demo_db_path().read_bytes() == before


def test_gui_sync_refuses_the_demo_profile(qtbot, monkeypatch) -> None:
    from desktop.demo import open_demo
    from desktop.views import dialogs
    from desktop.views.main_window import MainWindow

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_message", lambda p, k, text, d="": shown.append(text))
    store = open_demo()
    window = MainWindow(store, remember_layout=False)
    qtbot.addWidget(window)
    controller = window.sync.controller
    assert controller.is_demo
    assert controller.sync_now(manual=True) is False
    controller.show_login()
    assert len(shown) == 2 and all("演示" in text for text in shown)
    assert controller.engine is None
    window.close()
    store.close()
