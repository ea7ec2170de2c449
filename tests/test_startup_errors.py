"""Starting on a bad database or a machine without CJK fonts: plain Chinese messages,
nothing written, the cause logged; real files and real subprocesses."""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.errors import SchemaTooNew, UserError
from desktop.models.store import Store
from desktop.paths import profile_db_path
from tests.helpers.main_window_fixtures import (  # noqa: F401 - fixtures
    _isolated_settings,
    messages,
)

ROOT = Path(__file__).resolve().parent.parent


def _gui_args(db: Path) -> argparse.Namespace:
    return argparse.Namespace(db=str(db), profile=None, demo=False, screenshot=None, lang=None)


def _newer_schema_db(path: Path) -> Path:
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('liandong', '9999_future', 'x')"
    )
    conn.commit()
    conn.close()
    return path


def test_gui_on_a_corrupt_file_offers_a_way_forward(qapp, tmp_path, monkeypatch, caplog) -> None:
    """A file that fails the integrity check gets the damaged-database choice; 退出 leaves it."""
    from desktop.views import startup
    from desktop.views.app import run_gui
    from desktop.views.backup_dialog import QUIT

    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database, just some text " * 200)
    before = bad.read_bytes()
    asked: list[tuple[Path, list[str]]] = []
    monkeypatch.setattr(
        startup, "ask_damaged_action", lambda path, problems: asked.append((path, problems)) or QUIT
    )
    with caplog.at_level(logging.WARNING):
        assert run_gui(_gui_args(bad)) == 0
    assert [path for path, _problems in asked] == [bad] and asked[0][1]
    assert bad.read_bytes() == before
    assert any(str(bad) in r.getMessage() for r in caplog.records)


def test_gui_refuses_a_newer_schema_and_leaves_it_untouched(qapp, tmp_path, messages) -> None:
    from desktop.views.app import run_gui

    db = _newer_schema_db(tmp_path / "new.db")
    before = db.read_bytes()
    assert run_gui(_gui_args(db)) == 2
    assert len(messages) == 1
    kind, text = messages[0]
    assert kind == "error" and "更新版本" in text and "未做任何修改" in text
    assert db.read_bytes() == before


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a read-only /proc")
def test_unwritable_location_says_so(qapp, messages, caplog) -> None:
    from desktop.views.app import run_gui

    path = Path("/proc/liandong-test.db")  # /proc refuses new files even to root
    with pytest.raises(UserError, match="没有读写权限或是只读的"):
        Store.open(path)
    with caplog.at_level(logging.WARNING):
        assert run_gui(_gui_args(path)) == 2
    assert messages and "只读" in messages[0][1]
    assert any("cannot open database" in r.getMessage() for r in caplog.records)


def test_db_path_under_a_file_is_a_user_error(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError, match="无法创建数据目录"):
        Store.open(blocker / "sub" / "liandong.db")


def test_cli_on_bad_databases_prints_chinese_and_exits_2(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage " * 500)
    assert main(["units", "--db", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：无法打开数据库文件") and "Traceback" not in err
    db = _newer_schema_db(tmp_path / "new.db")
    with pytest.raises(SchemaTooNew):
        Store.open(db)
    assert main(["plans", "--db", str(db)]) == 2
    assert "更新版本" in capsys.readouterr().err


def test_profile_creates_its_database_in_the_user_data_folder(capsys, seed_path) -> None:
    data_dir = Path(os.environ["LIANDONG_DATA_DIR"])
    # A read-only command on a profile that has no database yet says so, creates nothing.
    assert main(["units", "--profile", "county-office"]) == 2
    assert "数据库文件不存在" in capsys.readouterr().err
    assert not profile_db_path("county-office").exists()
    assert main(["import", str(seed_path), "--profile", "county-office"]) == 0
    path = profile_db_path("county-office")
    assert path == data_dir / "profiles" / "county-office" / "liandong.db"
    assert path.is_file()
    assert not profile_db_path("default").exists()
    capsys.readouterr()
    assert main(["units", "--profile", "county-office"]) == 0
    assert "共 39 个单位" in capsys.readouterr().out


def _run_without_system_fonts(tmp_path: Path, code: str) -> subprocess.CompletedProcess:
    """Run ``code`` with fontconfig seeing no fonts at all (a bare server install)."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><dir>{tmp_path / 'no-fonts'}</dir>"
        f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_cjk_font_loaded_from_a_known_file_when_none_is_registered(tmp_path) -> None:
    from desktop.views.fonts import KNOWN_FONT_FILES

    if not any(Path(p).is_file() for p in KNOWN_FONT_FILES):
        pytest.skip("no known CJK font file on this machine")
    result = _run_without_system_fonts(
        tmp_path,
        "from PySide6.QtWidgets import QApplication\n"
        "from desktop.views import fonts\n"
        "app = QApplication([])\n"
        "assert fonts.chinese_families() == [], fonts.chinese_families()\n"
        "print('FAMILY', fonts.ensure_cjk_font(app))\n",
    )
    assert result.returncode == 0, result.stderr
    family = result.stdout.split("FAMILY", 1)[1].strip()
    assert family and family != "None"


def test_no_cjk_font_at_all_says_what_to_install(tmp_path) -> None:
    shot = tmp_path / "shot.png"
    result = _run_without_system_fonts(
        tmp_path,
        "import sys\n"
        "from desktop.views import fonts\n"
        "fonts.KNOWN_FONT_FILES = ()  # and no font file on disk either\n"
        "from desktop.cli import main\n"
        f"sys.exit(main(['--screenshot', {str(shot)!r}]))\n",
    )
    assert result.returncode == 0, result.stderr
    assert "系统中没有找到中文字体" in result.stderr
    assert "fonts-wqy-zenhei" in result.stderr
    assert "Traceback" not in result.stderr
    assert shot.read_bytes().startswith(b"\x89PNG")
