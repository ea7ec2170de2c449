"""Backups of a profile database and the integrity check at start.

Backups are whole-database copies made with SQLite's online backup API (safe
while the app has the file open and writes to it), kept in ``backups/`` beside
the database, newest ``keep`` retained. Restoring first moves the current file
aside (``liandong.db.before-restore-…``), so nothing is ever overwritten.
No Qt here: the CLI and the GUI share these functions.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.errors import UserError

log = logging.getLogger(__name__)

BACKUP_DIR_NAME = "backups"
BACKUP_PREFIX = "liandong-"
DEFAULT_KEEP = 7
DEFAULT_MAX_AGE = timedelta(days=1)
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # UTC, from the file name
    size: int

    @property
    def label(self) -> str:
        local = self.taken_at.astimezone()
        return f"{local:%Y-%m-%d %H:%M:%S}  {self.size / 1_048_576:.1f} MB  {self.path.name}"


def backup_dir(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUP_DIR_NAME


def _parse_stamp(path: Path) -> datetime | None:
    stem = path.stem
    if not stem.startswith(BACKUP_PREFIX):
        return None
    try:
        return datetime.strptime(stem[len(BACKUP_PREFIX) :][:15], _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of ``db_path``, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{BACKUP_PREFIX}*.db"):
        taken = _parse_stamp(path)
        if taken is None:
            continue
        try:
            size = path.stat().st_size
        except FileNotFoundError:  # pruned meanwhile (the backup round of a running app)
            continue
        found.append(BackupInfo(path, taken, size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def _copy_database(source: Path, target: Path) -> None:
    """Copy with the online backup API into ``target`` (written to a temp name first)."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    except sqlite3.Error:
        partial.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    os.replace(partial, target)


def make_backup(db_path: Path, keep: int = DEFAULT_KEEP, now: datetime | None = None) -> Path:
    """Back ``db_path`` up now; keep the newest ``keep`` backups. Returns the new file."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise UserError("数据库文件不存在：{}，无法备份。", db_path)
    now = now or datetime.now(UTC)
    folder = backup_dir(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{BACKUP_PREFIX}{now:{_STAMP}}.db"
        n = 1
        while target.exists():
            target = folder / f"{BACKUP_PREFIX}{now:{_STAMP}}-{n}.db"
            n += 1
        _copy_database(db_path, target)
    except (OSError, sqlite3.Error) as exc:
        log.warning("backup of %s failed: %s", db_path, exc)
        raise UserError("备份失败：{}。数据库本身未受影响。", exc, detail=str(exc)) from exc
    log.info("backed up %s to %s", db_path, target)
    prune_backups(db_path, keep)
    return target


def prune_backups(db_path: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups (at least one is always kept)."""
    removed = []
    for info in list_backups(db_path)[max(1, keep) :]:
        info.path.unlink(missing_ok=True)
        removed.append(info.path)
    return removed


def backup_if_due(
    db_path: Path,
    keep: int = DEFAULT_KEEP,
    max_age: timedelta = DEFAULT_MAX_AGE,
    now: datetime | None = None,
) -> Path | None:
    """Back up when the newest backup is older than ``max_age`` (or there is none)."""
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    now = now or datetime.now(UTC)
    backups = list_backups(db_path)
    if backups and now - backups[0].taken_at < max_age:
        return None
    return make_backup(db_path, keep, now)


def _move_aside(db_path: Path, reason: str) -> Path:
    """Rename the database (and its -wal/-shm) to ``<name>.<reason>-<stamp>``."""
    stamp = datetime.now(UTC).strftime(_STAMP)
    aside = db_path.with_name(f"{db_path.name}.{reason}-{stamp}")
    n = 1
    while aside.exists():
        aside = db_path.with_name(f"{db_path.name}.{reason}-{stamp}-{n}")
        n += 1
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{db_path}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{aside}{suffix}"))
    if db_path.exists():
        os.replace(db_path, aside)
    log.warning("moved %s aside to %s", db_path, aside)
    return aside


def restore_backup(db_path: Path, backup: Path) -> Path | None:
    """Replace ``db_path`` by ``backup``; the current file is moved aside first.

    Returns where the current file went (None if there was none). The database
    must not be open (the GUI closes its store; the CLI holds none).
    """
    db_path, backup = Path(db_path), Path(backup)
    if not backup.is_file():
        raise UserError("找不到备份文件：{}。可用 liandong backup list 查看已有备份。", backup)
    problems = quick_check(backup)
    if problems:
        raise UserError("备份文件 {} 已损坏，未恢复：{}", backup, problems[0])
    aside = None
    try:
        if db_path.exists():
            aside = _move_aside(db_path, "before-restore")
        partial = db_path.with_name(db_path.name + ".restoring")
        shutil.copyfile(backup, partial)
        os.replace(partial, db_path)
    except OSError as exc:
        raise UserError("恢复失败：{}", exc, detail=str(exc)) from exc
    log.info("restored %s from %s (previous file: %s)", db_path, backup, aside)
    return aside


def set_aside_damaged(db_path: Path) -> Path:
    """Move a damaged database aside so the profile starts empty; returns its new name."""
    try:
        return _move_aside(Path(db_path), "damaged")
    except OSError as exc:
        raise UserError("无法移开损坏的数据库文件：{}", exc, detail=str(exc)) from exc


def quick_check(db_path: Path) -> list[str]:
    """``PRAGMA quick_check`` of the file: [] when sound, else the problems found."""
    db_path = Path(db_path)
    if not db_path.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            rows = [row[0] for row in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


SQLITE_HEADER = b"SQLite format 3\x00"


def cheap_check(db_path: Path) -> list[str]:
    """The start-up check (milliseconds on any size): the file header and the schema
    can be read. ``quick_check`` (every page) follows in the background."""
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return []
    try:
        with db_path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as exc:
        return [str(exc)]
    if header != SQLITE_HEADER:
        return ["file is not a database (bad header)"]
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return [str(exc)]
    return []


def damaged_message(db_path: Path) -> str:
    """What to do about a damaged database (CLI wording)."""
    backups = list_backups(db_path)
    latest = (
        f"恢复最近的备份：liandong backup restore {backups[0].path}"
        if backups
        else "（没有找到备份）"
    )
    return (
        f"数据库文件 {db_path} 已损坏。可以：① {latest}；"
        "② 用 --profile 打开另一个配置；"
        "③ 把损坏的文件移到一边、从空数据库开始：liandong backup set-aside。"
    )
