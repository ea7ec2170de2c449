"""Opening the local SQLite file: pragmas, migrations, version checks."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from desktop.errors import SchemaTooNew, UserError
from desktop.models.schema_registry import MIGRATION_SET, MIGRATIONS

log = logging.getLogger(__name__)


def known_migrations() -> list[str]:
    return [m.name for m in MIGRATIONS._migrations]


def _applied_migrations(db: Database) -> list[str]:
    table = db[MIGRATIONS.migrations_table]
    if not table.exists():
        return []
    return [
        row["name"]
        for row in db.query(
            f"SELECT name FROM [{MIGRATIONS.migrations_table}] WHERE migration_set = ?",
            [MIGRATION_SET],
        )
    ]


def _open_error(path: Path, exc: sqlite3.Error) -> UserError:
    """A plain message for why SQLite could not open or prepare ``path``."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM):
        message = (
            f"无法打开或写入数据库文件 {path}：该位置没有读写权限或是只读的。"
            "请换一个可写的位置（--db 路径），或检查文件夹权限。"
        )
    elif code == sqlite3.SQLITE_FULL:
        message = f"无法写入数据库文件 {path}：磁盘空间已满。"
    elif code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        message = f"数据库文件 {path} 正被其他程序占用，请稍后再试。"
    else:
        message = (
            f"无法打开数据库文件 {path}：它可能已损坏或不是联动的数据库。"
            "可用 liandong backup list 查看备份、liandong backup restore 恢复（当前文件会先保留）。"
        )
    log.warning("cannot open database %s: %s", path, exc)
    return UserError(message, detail=str(exc))


def open_database(path: str | Path, *, migrate: bool = True) -> Database:
    """Open (creating if needed) a Liandong database and bring its schema up to date.

    A database written by a newer Liandong (it has migrations this build does
    not know) is refused with ``SchemaTooNew`` and left untouched. An unreadable,
    unwritable or corrupt file raises ``UserError`` with a plain message.
    """
    path = Path(path)
    if str(path) != ":memory:":
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning("cannot create %s: %s", path.parent, exc)
            raise UserError(
                "无法创建数据目录：{}（没有写入权限，或同名文件已存在）",
                path.parent,
                detail=str(exc),
            ) from exc
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=True)
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA schema_version").fetchone()
        # no sqlite-utils plugins: none is used, and looking for them scans every installed
        # package's entry points (importlib.metadata, ~60 ms of the GUI start)
        db = Database(conn, execute_plugins=False)
        applied = _applied_migrations(db)
        unknown = [name for name in applied if name not in known_migrations()]
        if unknown:
            raise SchemaTooNew(
                "数据库 {} 由更新版本的联动创建（结构版本 {}），"
                "当前版本无法打开。请升级联动后再试；数据库未做任何修改。",
                path,
                unknown[-1],
            )
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL: no fsync per commit
        # Checkpoints (the only fsyncs) every ~40 MB of WAL instead of SQLite's 4 MB:
        # bulk imports at 10k-30k tasks spent half their system CPU in them (issue 14).
        conn.execute("PRAGMA wal_autocheckpoint = 10000")
        if migrate and len(applied) < len(known_migrations()):
            log.info("migrating %s: %d pending", path, len(known_migrations()) - len(applied))
            MIGRATIONS.apply(db)
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise _open_error(path, exc) from exc
    except UserError as err:
        if conn is not None:
            conn.close()
        log.warning("refused database %s: %s", path, err.message)
        raise
    return db
