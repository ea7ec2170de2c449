"""Opening the local SQLite file: pragmas, migrations, version checks."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from desktop.errors import SchemaTooNew, UserError
from desktop.models.schema import MIGRATION_SET, MIGRATIONS

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


def open_database(path: str | Path, *, migrate: bool = True) -> Database:
    """Open (creating if needed) a Liandong database and bring its schema up to date.

    A database written by a newer Liandong (it has migrations this build does
    not know) is refused with ``SchemaTooNew`` and left untouched.
    """
    path = Path(path)
    if str(path) != ":memory:":
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"无法创建数据目录：{path.parent}（{exc.strerror}）") from exc
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=True)
        conn.execute("PRAGMA busy_timeout = 5000")
        header_ok = conn.execute("PRAGMA schema_version").fetchone() is not None
    except sqlite3.DatabaseError as exc:
        raise UserError(f"无法打开数据库文件 {path}：它可能已损坏或不是联动的数据库。") from exc
    if not header_ok:  # pragma: no cover - sqlite always answers
        raise UserError(f"无法打开数据库文件 {path}。")
    db = Database(conn)
    try:
        applied = _applied_migrations(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise UserError(f"无法读取数据库文件 {path}：它可能已损坏或不是联动的数据库。") from exc
    unknown = [name for name in applied if name not in known_migrations()]
    if unknown:
        conn.close()
        raise SchemaTooNew(
            f"数据库 {path} 由更新版本的联动创建（结构版本 {unknown[-1]}），"
            "当前版本无法打开。请升级联动后再试；数据库未做任何修改。"
        )
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    if migrate and len(applied) < len(known_migrations()):
        log.info("migrating %s: %d pending", path, len(known_migrations()) - len(applied))
        MIGRATIONS.apply(db)
    return db
