"""The central server: a FastAPI app over a ``Storage`` (SQLite or PostgreSQL).

Endpoints (all JSON, all under ``/v1`` and all requiring the protocol header):
``GET hello``, ``POST login``, ``POST refresh``, ``POST push``, ``GET pull``,
``GET snapshot``, ``POST conflicts/resolve``, ``POST conflicts/notices``, and attachment
content by hash: ``POST blobs/missing``, ``PUT`` / ``GET blobs/{sha256}`` (``blobs``).
``GET /healthz`` is for monitors.
Every response carries the server id and epoch headers so a client notices
a wiped or restored server at once.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPBearer
from pydantic import BaseModel

from sync import protocol as p
from sync.server import auth, blobs, metrics
from sync.server import models as m
from sync.server.guards import BodyLimit, VersionGate, error, install_error_handlers
from sync.server.pull_cache import DEFAULT_MAX_OPS, PullCache
from sync.server.push import apply_push
from sync.server.storage import Device, open_storage

log = logging.getLogger(__name__)


def _raw_json(text: str) -> Response:
    return Response(content=text.encode("utf-8"), media_type="application/json")


def _versions(
    protocol: str = Header(
        alias=p.HEADER_PROTOCOL, description=f"Protocol version (≥ {p.MIN_PROTOCOL_VERSION})."
    ),
    schema: str = Header(
        alias=p.HEADER_SCHEMA, description=f"Client schema version (≥ {p.MIN_CLIENT_SCHEMA})."
    ),
) -> None:
    """Documents the version headers; the middleware checks them (426) first."""


_bearer = HTTPBearer(auto_error=False, description="The access token from login/refresh.")


def _doc(reply: type[BaseModel], *statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for an endpoint: its reply and the error replies."""
    docs: dict[int | str, dict[str, Any]] = {200: {"model": reply, "description": "OK"}}
    notes = {
        400: "Unreadable body or Content-Length.",
        401: "Not logged in, bad credentials or token (expired, revoked, disabled).",
        403: "Account disabled.",
        410: "The log was compacted: download a snapshot.",
        413: "Body over the size limit, or too many changes.",
        422: "Malformed request (wrong JSON, types or lengths).",
        426: "Protocol or client schema too old: upgrade.",
        429: "Too many failed logins, or the server is busy checking passwords.",
    }
    for status in (400, 422, 426, *statuses):
        docs[status] = {"model": m.ErrorReply, "description": notes[status]}
    return docs


def _token_reply(device: Device, tokens: auth.Tokens) -> dict[str, Any]:
    """The tokens a login or refresh hands out, for this device."""
    return {
        "access_token": tokens.access_token,
        "refresh_token": tokens.refresh_token,
        "access_expires_in": tokens.access_expires_in,
        "device_id": device.id,
    }


M_ARENA_MAX = -8  # glibc's mallopt parameter


def limit_malloc_arenas() -> None:
    """At most ``LIANDONG_MALLOC_ARENAS`` (default 2) glibc malloc arenas in this process.

    The server answers requests on a thread pool; glibc gives threads arenas of their own
    (up to 8 per core) and keeps the memory of large freed replies in each, so a worker
    grew from 60 to about 305 MB after 100 busy desktops; with 2 arenas to about 145 MB.
    Not glibc (macOS, musl): nothing to do.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(M_ARENA_MAX, int(os.environ.get("LIANDONG_MALLOC_ARENAS", "2")))
    except (OSError, AttributeError, ValueError):
        return


def create_app(data_dir: str | Path) -> FastAPI:
    """The app on the data at ``data_dir``: a SQLite data folder or a PostgreSQL URL."""
    limit_malloc_arenas()
    storage = open_storage(data_dir)
    if not storage.exists():
        raise RuntimeError(f"no server initialised in {data_dir} (run `liandong server init`)")
    storage.migrate()
    auth.warm_up()  # (the first unknown username then takes as long as any wrong password)
    app = FastAPI(
        title="Liandong sync server",
        version=str(p.PROTOCOL_VERSION),
        description="Sync protocol of Liandong (see `sync/protocol.py`). Every refusal is"
        ' `{"error": code, "message": "<Chinese>"}`.',
    )
    app.state.storage = storage
    pulls = PullCache(int(os.environ.get("LIANDONG_PULL_CACHE", DEFAULT_MAX_OPS)))
    metrics.setup_access_log(os.environ.get("LIANDONG_ACCESS_LOG"))
    install_error_handlers(app)

    def identity() -> dict[str, str]:
        found = storage.metas("server_id", "epoch")  # one query on every response
        return {
            p.HEADER_SERVER_ID: found.get("server_id", ""),
            p.HEADER_EPOCH: found.get("epoch", ""),
        }

    # Added before the version gate, so it runs inside it (426 comes first).
    app.add_middleware(BodyLimit, max_bytes=p.MAX_BODY_BYTES)
    app.add_middleware(
        VersionGate,
        identity=identity,
        observe=metrics.observe,
        min_protocol=p.MIN_PROTOCOL_VERSION,
        min_schema=p.MIN_CLIENT_SCHEMA,
        upgrade_message=p.UPGRADE_MESSAGE,
        headers=(p.HEADER_PROTOCOL, p.HEADER_SCHEMA),
    )
    v1: list[Any] = [Depends(_versions)]
    authed: list[Any] = [*v1, Depends(_bearer)]

    def device_of(request: Request) -> Device | JSONResponse:
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return error(401, "invalid_token", "未登录。")
        try:
            return auth.authenticate(storage, header[7:])
        except auth.AuthError as exc:
            return error(exc.status, exc.code, exc.message)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/metrics")
    def metrics_text() -> Response:
        body, content_type = metrics.exposition()
        return Response(body, media_type=content_type)

    @app.get("/v1/hello", dependencies=v1, responses=_doc(m.HelloReply))
    def hello() -> Any:
        return {
            "server_id": storage.meta("server_id"),
            "epoch": storage.meta("epoch"),
            "protocol": p.PROTOCOL_VERSION,
            "max_seq": storage.max_seq(),
            "min_seq": storage.min_servable_seq(),
            "epoch_base": int(storage.meta("epoch_base") or 0),
        }

    @app.post("/v1/login", dependencies=v1, responses=_doc(m.LoginReply, 401, 403, 429))
    def login(body: m.LoginBody, request: Request) -> Any:
        ip = request.client.host if request.client else ""
        try:
            device, tokens = auth.login(
                storage, body.username, body.password, body.device_name, body.device_id, ip
            )
        except auth.AuthError as exc:
            return error(exc.status, exc.code, exc.message, headers=exc.headers())
        return {
            **_token_reply(device, tokens),
            "user": {
                "username": device.account.username,
                "unit": device.account.unit,
                "role": device.account.role,
            },
        }

    @app.post("/v1/refresh", dependencies=v1, responses=_doc(m.RefreshReply, 401))
    def refresh(body: m.RefreshBody, request: Request) -> Any:
        ip = request.client.host if request.client else ""
        try:
            device, tokens = auth.refresh(storage, body.refresh_token, ip)
        except auth.AuthError as exc:
            return error(exc.status, exc.code, exc.message)
        return _token_reply(device, tokens)

    @app.post("/v1/push", dependencies=authed, responses=_doc(m.PushReply, 401, 413))
    def push(body: m.PushBody, request: Request) -> Any:
        device = device_of(request)
        if isinstance(device, JSONResponse):
            return device
        if len(body.ops) > p.MAX_OPS_PER_PUSH:
            return error(413, "too_many", f"一次最多推送 {p.MAX_OPS_PER_PUSH} 条变更。")
        ip = request.client.host if request.client else ""
        results = apply_push(storage, device, body.ops, ip)
        metrics.count_push(results)
        # Written directly (FastAPI's encoder walks every result in Python first).
        reply = {"results": results, "max_seq": storage.max_seq()}
        return _raw_json(json.dumps(reply, ensure_ascii=False, separators=(",", ":")))

    @app.get("/v1/pull", dependencies=authed, responses=_doc(m.PullReply, 401, 410))
    def pull(
        request: Request,
        since: int = Query(0, description="Changes after this number (below 0 reads as 0)."),
        limit: int = Query(1000, description=f"Page size, clamped to 1…{p.MAX_PULL_LIMIT}."),
    ) -> Any:
        device = device_of(request)
        if isinstance(device, JSONResponse):
            return device
        since = p.clamp_int(since)
        found = storage.metas("server_id", "epoch", "log_floor")  # one query
        if since < int(found.get("log_floor") or 0):
            return error(410, "snapshot_required", "需要重新下载全部数据。")
        limit = max(1, min(limit, p.MAX_PULL_LIMIT))
        # The device's own ops are not sent back (it has them, and the outcome of
        # each came with the push reply); the cursor still moves past them. The
        # page's JSON is built by the database.
        identity = (found.get("server_id", ""), found.get("epoch", ""))
        # The response headers carry the identity the page was read under (no 2nd query).
        request.state.identity = {p.HEADER_SERVER_ID: identity[0], p.HEADER_EPOCH: identity[1]}
        ops, count, last, more = pulls.page(storage, identity, since, limit, device.id)
        metrics.PULL_OPS.inc(count)
        tail = f'],"next":{last},"more":{"true" if more else "false"}}}'.encode()
        return Response(content=b"".join((b'{"ops":[', ops, tail)), media_type="application/json")

    @app.get("/v1/snapshot", dependencies=authed, responses=_doc(m.SnapshotReply, 401))
    def snapshot(
        request: Request,
        after_tbl: str = Query("", description="Resume point (`after` of the last page)."),
        after_id: str = "",
        limit: int = Query(5000, description=f"Page size, clamped to 1…{p.MAX_PULL_LIMIT}."),
    ) -> Any:
        device = device_of(request)
        if isinstance(device, JSONResponse):
            return device
        limit = max(1, min(limit, p.MAX_PULL_LIMIT))
        # as_of is read before the page: every change after it is pulled later.
        as_of = storage.max_seq()
        # "v": the record's last change and its device (a desktop relays it after a restore).
        records, resume, _count = storage.snapshot_json(after_tbl, after_id, limit)
        after = (
            f'{{"tbl":{json.dumps(resume[0])},"id":{json.dumps(resume[1])}}}' if resume else "null"
        )
        return _raw_json(f'{{"records":[{records}],"as_of":{as_of},"after":{after}}}')

    @app.post("/v1/conflicts/resolve", dependencies=authed, responses=_doc(m.ResolveReply, 401))
    def resolve(body: m.ResolveBody, request: Request) -> Any:
        device = device_of(request)
        if isinstance(device, JSONResponse):
            return device
        # Only conflicts this device is part of (either side) can be closed by it.
        ids = [i for i in body.ids[:5000] if 0 < i <= p.INT64_MAX]
        return {"resolved": storage.resolve_conflicts(ids, device.id)}

    @app.post("/v1/conflicts/notices", dependencies=authed, responses=_doc(m.NoticesReply, 401))
    def notices(body: m.NoticesBody, request: Request) -> Any:
        """New conflicts where this device's value stood, and which open ones are resolved."""
        device = device_of(request)
        if isinstance(device, JSONResponse):
            return device
        rows = storage.conflict_notices(device.id, p.clamp_int(body.after), 1000)
        keys = (
            "id", "tbl", "record_id", "field", "kind", "mine", "theirs", "by", "resolved_at",
            "by_device",
        )  # fmt: skip
        items = [dict(zip(keys, row, strict=True)) for row in rows]
        for item in items:
            item["mine"], item["theirs"] = json.loads(item["mine"]), json.loads(item["theirs"])
        open_ids = [i for i in body.open[:5000] if 0 < i <= p.INT64_MAX]
        return {"notices": items, "resolved": storage.resolved_among(device.id, open_ids)}

    blobs.install(app, storage, device_of, authed)  # attachment content (issue 12)
    return app


def app_from_env() -> FastAPI:
    """The app of one worker process (``liandong serve --workers N``)."""
    return create_app(os.environ["LIANDONG_SERVER_LOCATION"])
