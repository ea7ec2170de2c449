"""Attachment content on the server, by SHA-256 (issue 12).

The attachment **record** travels as an ordinary synced record; its **content** goes
through these endpoints, in the ``blob`` table of the server database (SQLite BLOB /
PostgreSQL BYTEA: one code path, backed up with the rest of the data):

- ``POST /v1/blobs/missing`` ``{"hashes": [...]}`` → ``{"missing": [...]}``: which of
  them the server has no content for (a desktop uploads only those);
- ``PUT /v1/blobs/{sha256}`` with the bytes: accepted only for a hash a live attachment
  record names, of that record's size, at most ``ATTACHMENT_MAX_BYTES``; the server
  hashes what arrived and refuses a mismatch (nothing stored);
- ``GET /v1/blobs/{sha256}``: the bytes (404 while nobody has uploaded them).

Every refusal is the protocol's ``{"error", "message"}`` with a Chinese message.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from sync import records
from sync.server.guards import error
from sync.server.storage import Device, Storage, now_iso

SHA256 = re.compile(r"^[0-9a-f]{64}$")
MAX_HASHES = 5000
NOT_HEX = "附件校验值无效：应为 64 位小写十六进制的 SHA-256。"


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


class MissingBody(BaseModel):
    hashes: list[str] = Field(default_factory=list, max_length=MAX_HASHES)


def missing(storage: Storage, hashes: list[str]) -> list[str]:
    """The well-formed ``hashes`` whose content the server does not hold."""
    wanted = sorted({h for h in hashes if isinstance(h, str) and SHA256.match(h)})
    conn = storage.conn()
    held: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        held |= {
            row[0]
            for row in conn.execute(f"SELECT sha256 FROM blob WHERE sha256 IN ({marks})", chunk)
        }
    return [h for h in wanted if h not in held]


def expected_size(storage: Storage, sha256: str) -> int | None:
    """The size a live attachment record gives for ``sha256`` (``None``: no such record);
    found by index, not by reading every attachment record."""
    for _id, fields in storage.records_where(storage.conn(), "attachment", "sha256", [sha256]):
        if fields.get("sha256") == sha256 and isinstance(fields.get("size"), int):
            return int(fields["size"])
    return None


def put(storage: Storage, sha256: str, body: bytes) -> JSONResponse | dict[str, Any]:
    """Store ``body`` as the content of ``sha256`` after every check (see module doc)."""
    limit = records.ATTACHMENT_MAX_BYTES
    if len(body) > limit:
        return error(
            413,
            "too_large",
            f"附件内容有 {_mb(len(body))}，超过附件上限 {_mb(limit)}，服务器拒绝接收。",
        )
    size = expected_size(storage, sha256)
    if size is None:
        return error(
            409, "no_record", "服务器上没有引用该文件的附件记录：请先同步附件记录，再上传内容。"
        )
    if len(body) != size:
        return error(
            422,
            "size_mismatch",
            f"上传的附件内容有 {len(body):,} 字节，与附件记录的 {size:,} 字节不符，服务器拒绝接收。",
        )
    if hashlib.sha256(body).hexdigest() != sha256:
        return error(
            422, "hash_mismatch", "上传的附件内容与其校验值（SHA-256）不符，服务器拒绝接收。"
        )
    with storage.write() as conn:
        conn.execute(
            "INSERT INTO blob (sha256, size, content, stored_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (sha256) DO NOTHING",
            [sha256, len(body), body, now_iso()],
        )
    return {"stored": True, "size": len(body)}


def get(storage: Storage, sha256: str) -> bytes | None:
    row = storage.conn().execute("SELECT content FROM blob WHERE sha256 = ?", [sha256]).fetchone()
    return bytes(row[0]) if row else None


def install(
    app: FastAPI,
    storage: Storage,
    device_of: Callable[[Request], Device | JSONResponse],
    dependencies: list[Any],
) -> None:
    """Add the three endpoints to ``app`` (authenticated like push and pull)."""

    @app.post("/v1/blobs/missing", dependencies=dependencies)
    def blobs_missing(body: MissingBody, request: Request) -> Any:
        device = device_of(request)
        if isinstance(device, JSONResponse):
            return device
        return {"missing": missing(storage, body.hashes)}

    @app.put("/v1/blobs/{sha256}", dependencies=dependencies)
    async def blob_put(sha256: str, request: Request) -> Any:
        device = device_of(request)
        if isinstance(device, JSONResponse):
            return device
        if not SHA256.match(sha256):
            return error(422, "invalid_hash", NOT_HEX)
        return put(storage, sha256, await request.body())

    @app.get("/v1/blobs/{sha256}", dependencies=dependencies)
    def blob_get(sha256: str, request: Request) -> Any:
        device = device_of(request)
        if isinstance(device, JSONResponse):
            return device
        if not SHA256.match(sha256):
            return error(422, "invalid_hash", NOT_HEX)
        content = get(storage, sha256)
        if content is None:
            return error(
                404, "no_content", "服务器上还没有该附件的文件内容（添加它的电脑尚未同步上传）。"
            )
        return Response(content, media_type="application/octet-stream")
