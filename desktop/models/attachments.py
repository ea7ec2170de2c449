"""Attachments as evidence (issue 12): optional, bounded files of a task.

The content is stored beside the database, content-addressed by SHA-256
(``<database folder>/attachments/ab/abcdef…``): the same file attached twice is
stored once, and a file's bytes are checked against the hash when read. The
record (task, file name, size, hash, note, who, when) is a synced table; the
content travels by hash (``desktop.models.attachment_sync``): a sync uploads content the
server lacks and downloads content this desktop lacks, and ``attach get`` fetches
it on demand. Content arriving from anywhere is written by ``save_content``, which
refuses a size over ``ATTACHMENT_MAX_BYTES`` (20 MB) or bytes that do not match the
hash; nothing is written then.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

from desktop.errors import Message, NotFound, UserError
from desktop.models.authoring_common import clean_text
from desktop.models.coordination_common import _row, default_author
from desktop.models.ids import new_id
from desktop.models.store import Store, utc_now
from sync import records

ATTACHMENT_MAX_BYTES = records.ATTACHMENT_MAX_BYTES
FOLDER = "attachments"
CHUNK = 1 << 20


def _folder(store: Store) -> Path:
    if store.path is None:
        raise UserError("内存数据库不能保存附件。")
    return Path(store.path).parent / FOLDER


def content_path(store: Store, sha256: str) -> Path:
    return _folder(store) / sha256[:2] / sha256


def _size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def add_attachment(store: Store, task_id: str, source: str | Path, *, note: str = "") -> str:
    """Attach a file to a task: store its content (once per hash), record it."""
    _row(store, "task", task_id, "任务")
    source = Path(source)
    note = clean_text(note, "附件说明", records.NOTE)
    name = clean_text(source.name, "文件名", 260, required=True)
    try:
        size = source.stat().st_size
        if not source.is_file():
            raise UserError("“{}”不是文件。", source)
        if size > ATTACHMENT_MAX_BYTES:
            raise UserError(
                "文件“{}”有 {}，超过附件上限 {}：附件只作佐证，请压缩或只附关键页。",
                name,
                _size_text(size),
                _size_text(ATTACHMENT_MAX_BYTES),
            )
        digest = hashlib.sha256()
        folder = _folder(store)
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out, source.open("rb") as stream:
                while chunk := stream.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            sha = digest.hexdigest()
            target = content_path(store, sha)
            target.parent.mkdir(exist_ok=True)
            if target.exists():
                os.unlink(temp)
            else:
                os.replace(temp, target)
        except BaseException:
            if os.path.exists(temp):
                os.unlink(temp)
            raise
    except FileNotFoundError:
        raise UserError("找不到文件：{}", source) from None
    except OSError as exc:
        raise UserError("无法读取或保存附件“{}”：{}", name, exc.strerror or exc) from None
    with store.action("add_attachment") as tx:
        return tx.insert(
            "attachment",
            {"id": new_id(), "task_id": task_id, "name": name, "size": size, "sha256": sha,
             "note": note, "added_by": default_author(store), "added_at": utc_now()},
        )  # fmt: skip


def attachments(db: Any, task_id: str | None = None) -> list[dict[str, Any]]:
    """Attachment records (of one task, or all) with the task's number and title."""
    where = "WHERE a.task_id = ?" if task_id else ""
    return list(
        db.query(
            "SELECT a.*, t.no AS task_no, t.title AS task_title FROM attachment a"
            f" JOIN task t ON t.id = a.task_id {where} ORDER BY a.added_at, a.id",
            [task_id] if task_id else [],
        )
    )


def has_content(store: Store, record: dict[str, Any]) -> bool:
    return content_path(store, record["sha256"]).is_file()


def missing_content(store: Store) -> list[dict[str, Any]]:
    """Attachment records (one per hash) whose content is not on this desktop."""
    seen: set[str] = set()
    rows = []
    for row in store.db.query("SELECT * FROM attachment ORDER BY added_at, id"):
        if row["sha256"] not in seen and not has_content(store, row):
            seen.add(row["sha256"])
            rows.append(row)
    return rows


def local_hashes(store: Store) -> list[str]:
    """Hashes of attachment records whose content this desktop holds."""
    hashes = {r[0] for r in store.db.execute("SELECT DISTINCT sha256 FROM attachment")}
    return sorted(h for h in hashes if content_path(store, h).is_file())


def save_content(store: Store, sha256: str, data: bytes, *, name: str = "") -> Path:
    """Store content that arrived for ``sha256`` (from the server): size and hash checked."""
    what = Message("附件“{}”", name) if name else Message("附件")
    if len(data) > ATTACHMENT_MAX_BYTES:
        raise UserError(
            "收到的{}内容有 {}，超过附件上限 {}，未保存。",
            what,
            _size_text(len(data)),
            _size_text(ATTACHMENT_MAX_BYTES),
        )
    if hashlib.sha256(data).hexdigest() != sha256:
        raise UserError("收到的{}内容与校验值（SHA-256）不符，已拒收，未保存。", what)
    target = content_path(store, sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_file():
        return target
    handle, temp = tempfile.mkstemp(dir=target.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return target


def read_attachment(store: Store, attachment_id: str, out: str | Path) -> Path:
    """Copy an attachment's content to ``out`` after checking its hash."""
    record = _row(store, "attachment", attachment_id, "附件")
    stored = content_path(store, record["sha256"])
    if not stored.is_file():
        raise NotFound(
            "本机没有附件“{}”的文件内容：请同步后再试（内容在添加它的电脑"
            "（{}，{}）同步上传后才能下载）。",
            record["name"],
            record["added_by"] or Message("添加人未知"),
            record["added_at"][:10],
        )
    out = Path(out)
    if not out.parent.is_dir():
        raise UserError("文件夹不存在：{}", out.parent)
    digest = hashlib.sha256()
    handle, temp = tempfile.mkstemp(dir=out.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as target, stored.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                target.write(chunk)
        if digest.hexdigest() != record["sha256"]:
            raise UserError("附件“{}”的文件已损坏（校验值不符），未导出。", record["name"])
        os.replace(temp, out)
    except OSError as exc:
        raise UserError("无法写入 {}：{}", out, exc.strerror or exc) from None
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return out
