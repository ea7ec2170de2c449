"""Backups, restore and the integrity check: real SQLite files, the CLI through ``main``."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.errors import UserError
from desktop.models import backup
from desktop.models.store import Store
from desktop.paths import profile_db_path


def _plans(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM plan").fetchone()[0]
    finally:
        conn.close()


def _units(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM unit")}
    finally:
        conn.close()


def corrupt(path: Path) -> None:
    """Overwrite a few pages in the middle of a database with junk."""
    data = bytearray(path.read_bytes())
    data[4096 * 5 : 4096 * 5 + 2000] = b"Z" * 2000
    path.write_bytes(bytes(data))


@pytest.fixture
def filled(tmp_path: Path, seed_path: Path) -> Path:
    path = tmp_path / "profile" / "liandong.db"
    store = Store.open(path)
    from desktop.importer import parse_file

    store.import_plan(parse_file(seed_path))
    store.close()
    return path


def test_backup_while_the_store_is_open_and_written(filled: Path) -> None:
    store = Store.open(filled)
    try:
        store.find_unit("市政数局")
        store.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        with store.action("add_unit") as tx:
            store._create_unit(tx, "备份测试单位", "other")
        target = backup.make_backup(filled)  # the app holds the file open (WAL)
    finally:
        store.close()
    assert target.parent == filled.parent / "backups"
    assert backup.quick_check(target) == []
    assert "备份测试单位" in _units(target) and _plans(target) == 1
    assert [b.path for b in backup.list_backups(filled)] == [target]


def test_keep_n_newest_and_daily_schedule(filled: Path) -> None:
    start = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    made = [backup.make_backup(filled, keep=3, now=start + timedelta(days=i)) for i in range(5)]
    listed = [b.path for b in backup.list_backups(filled)]
    assert listed == made[:1:-1]  # newest first, the two oldest pruned
    assert not made[0].exists() and not made[1].exists()
    last = start + timedelta(days=4)
    assert backup.backup_if_due(filled, 3, now=last + timedelta(hours=23)) is None
    due = backup.backup_if_due(filled, 3, now=last + timedelta(hours=25))
    assert due is not None and due.exists()
    assert len(backup.list_backups(filled)) == 3


def test_a_backup_removed_while_listing_is_left_out(filled: Path) -> None:
    """The app's backup round prunes old files while another thread lists them: a file
    gone between the folder listing and its stat() is skipped, not an error (here a
    dangling link stands for it: listed by name, gone when stat()ed)."""
    kept = backup.make_backup(filled, keep=3)
    gone = backup.backup_dir(filled) / f"{backup.BACKUP_PREFIX}20200101-000000.db"
    gone.symlink_to(backup.backup_dir(filled) / "pruned.db")
    assert [b.path for b in backup.list_backups(filled)] == [kept]


def test_restore_keeps_the_current_file_aside(filled: Path) -> None:
    taken = backup.make_backup(filled)
    store = Store.open(filled)
    with store.action("add_unit") as tx:
        store._create_unit(tx, "备份之后的单位", "other")
    store.close()
    aside = backup.restore_backup(filled, taken)
    assert aside is not None and aside.name.startswith("liandong.db.before-restore-")
    assert "备份之后的单位" in _units(aside)
    assert "备份之后的单位" not in _units(filled)
    assert backup.quick_check(filled) == []
    Store.open(filled).close()  # the restored file opens and migrates


def test_a_damaged_backup_is_not_restored(filled: Path) -> None:
    taken = backup.make_backup(filled)
    corrupt(taken)
    before = filled.read_bytes()
    with pytest.raises(UserError, match="已损坏"):
        backup.restore_backup(filled, taken)
    assert filled.read_bytes() == before


def test_quick_check_finds_damage(filled: Path) -> None:
    assert backup.quick_check(filled) == []
    corrupt(filled)
    assert backup.quick_check(filled)


def test_cli_backup_now_list_restore_check(filled: Path, capsys) -> None:
    db = ["--db", str(filled)]
    assert main(["backup", "list", *db]) == 0
    assert "还没有备份" in capsys.readouterr().out
    assert main(["backup", "now", *db]) == 0
    assert "已备份到" in capsys.readouterr().out
    (taken,) = backup.list_backups(filled)
    assert main(["backup", "list", *db]) == 0
    assert taken.path.name in capsys.readouterr().out
    assert main(["backup", "check", *db]) == 0
    assert "完好" in capsys.readouterr().out
    store = Store.open(filled)
    with store.action("add_unit") as tx:
        store._create_unit(tx, "恢复前的单位", "other")
    store.close()
    assert main(["backup", "restore", taken.path.name, *db]) == 0
    out = capsys.readouterr().out
    assert "已从" in out and "原来的数据库已保留为" in out
    assert "恢复前的单位" not in _units(filled)
    assert main(["backup", "restore", "nope.db", *db]) == 2
    assert "找不到备份文件" in capsys.readouterr().err
    assert main(["backup", "now", "--keep", "0", *db]) == 2


def test_cli_check_on_a_damaged_file_says_what_to_do(filled: Path, capsys) -> None:
    assert main(["backup", "now", "--db", str(filled)]) == 0
    capsys.readouterr()
    corrupt(filled)
    assert main(["backup", "check", "--db", str(filled)]) == 2
    err = capsys.readouterr().err
    assert "已损坏" in err and "liandong backup restore" in err and "--profile" in err
    assert "Traceback" not in err
    assert main(["backup", "set-aside", "--db", str(filled)]) == 0
    assert not filled.exists()
    assert list(filled.parent.glob("liandong.db.damaged-*"))


def test_cli_backup_uses_the_profile(capsys, seed_path: Path) -> None:
    assert main(["import", str(seed_path), "--profile", "county"]) == 0
    assert main(["backup", "now", "--profile", "county"]) == 0
    path = profile_db_path("county")
    assert len(backup.list_backups(path)) == 1
    assert not profile_db_path("default").exists()


def test_startup_check_restores_or_starts_empty(filled: Path) -> None:
    from desktop.views import startup
    from desktop.views.backup_dialog import QUIT, RESTORE_LATEST, START_EMPTY

    backup.make_backup(filled)
    corrupt(filled)
    assert startup.check_database(filled, lambda path, problems: QUIT) is None
    assert startup.check_database(filled, lambda path, problems: RESTORE_LATEST) == filled
    assert backup.quick_check(filled) == [] and _plans(filled) == 1
    assert list(filled.parent.glob("liandong.db.before-restore-*"))
    corrupt(filled)
    assert startup.check_database(filled, lambda path, problems: START_EMPTY) == filled
    assert not filled.exists() and list(filled.parent.glob("liandong.db.damaged-*"))


def test_did_you_mean_for_units_and_commands(tmp_path: Path, seed_path: Path, capsys) -> None:
    from desktop.models.unit_names import did_you_mean, is_abbreviation, similar_unit_names

    db = ["--db", str(tmp_path / "dym.db")]
    assert main(["import", str(seed_path), *db]) == 0
    capsys.readouterr()
    assert main(["unit", "rename", "城管局", "新名称", *db]) == 2
    err = capsys.readouterr().err
    assert "您是否要找：市城管局" in err and "Traceback" not in err
    assert main(["status", "--unit", "市政数", *db]) == 2
    assert "您是否要找：市政数局" in capsys.readouterr().err
    store = Store.open(tmp_path / "dym.db")
    try:
        assert similar_unit_names(store.db, "市城管局")[0] == "市城管局"
        assert did_you_mean(store.db, "完全无关的名字XYZ") == ""
    finally:
        store.close()
    assert is_abbreviation("城管局", "市城市管理局") and not is_abbreviation("管城", "市城管局")
    with pytest.raises(SystemExit):
        main(["improt", "x"])
    assert "您是否要找：import？" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["backup", "lsit"])
    assert "您是否要找：list？" in capsys.readouterr().err


def test_cli_on_a_damaged_page_says_what_to_do(filled: Path, capsys) -> None:
    """A file that opens but has damaged pages: the failing command says how to go on."""
    assert main(["backup", "now", "--db", str(filled)]) == 0
    capsys.readouterr()
    data = bytearray(filled.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page):  # every page past the schema
        data[offset : offset + 64] = b"\xff" * 64
    filled.write_bytes(bytes(data))
    code = main(["units", "--db", str(filled)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "liandong backup restore" in err and "Traceback" not in err
