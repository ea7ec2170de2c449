"""Refusals in the protocol's error format, and the request body size limit.

Every refusal is ``{"error": code, "message": "<plain Chinese>"}``: FastAPI's own
validation and routing errors are rewritten into it, and an unexpected exception
becomes a logged HTTP 500 in the same shape (never a traceback). Request
bodies above ``MAX_BODY_BYTES`` are refused with 413 before they are read.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

TOO_LARGE_MESSAGE = "请求内容过大（超过 {mb} MB），服务器拒绝接收。"


def error(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {"error": code, "message": message, **extra}
    return JSONResponse(body, status_code=status, headers=headers)


def _where(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(x) for x in loc]
    if parts and parts[0] in ("body", "query", "header", "path"):
        place = {"body": "请求体", "query": "查询参数", "header": "请求头", "path": "路径"}[
            parts[0]
        ]
        rest = ".".join(p for p in parts[1:] if p)
        return f"{place}中的 {rest} " if rest else place
    return ".".join(parts) or "请求"


async def _validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return error(422, "invalid_json", "请求内容不是有效的 JSON。")
    # Only where and what kind: the rejected input itself is never echoed back.
    detail = [
        {"loc": [str(x) for x in e.get("loc", ())], "type": str(e.get("type", ""))}
        for e in errors[:20]
    ]
    first = _where(errors[0].get("loc", ())) if errors else "请求"
    return error(422, "invalid_request", f"请求格式错误：{first}无效。", detail=detail)


_HTTP_MESSAGES = {
    400: ("bad_request", "请求内容无法解析（应为 UTF-8 编码的 JSON）。"),
    404: ("not_found", "找不到该接口：服务器地址可能有误，或客户端与服务器版本不匹配。"),
    405: ("method_not_allowed", "该接口不支持此请求方法。"),
}


async def _http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc, _TooLarge):
        return error(413, "too_large", exc.detail, headers=exc.headers)
    code, message = _HTTP_MESSAGES.get(
        exc.status_code, (f"http_{exc.status_code}", f"请求被拒绝（HTTP {exc.status_code}）。")
    )
    response = error(exc.status_code, code, message)
    response.headers.update(exc.headers or {})
    return response


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error in %s %s", request.method, request.url.path, exc_info=exc)
    return error(500, "internal", "同步服务器内部错误，请稍后再试；本次请求未做任何修改。")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)


class _TooLarge(StarletteHTTPException):
    """Raised while reading a body past the limit (FastAPI lets HTTP exceptions through)."""

    def __init__(self, max_bytes: int) -> None:
        mb = max_bytes // (1024 * 1024)
        super().__init__(413, TOO_LARGE_MESSAGE.format(mb=mb), {"Connection": "close"})


class BodyLimit:
    """ASGI middleware: refuse request bodies above ``max_bytes`` with 413, unread.

    A declared ``Content-Length`` above the limit is refused at once; a chunked
    body is counted while it is read and refused as soon as it passes the limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _refusal(self) -> JSONResponse:
        exc = _TooLarge(self.max_bytes)
        return error(413, "too_large", exc.detail, headers=exc.headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                length = -1
            if length < 0:
                await error(400, "bad_request", "请求头 Content-Length 无效。")(
                    scope, receive, send
                )
                return
            if length > self.max_bytes:
                await self._refusal()(scope, receive, send)
                return
        seen = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge(self.max_bytes)
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _TooLarge:
            if started:
                raise
            await self._refusal()(scope, receive, send)


class VersionGate:
    """ASGI middleware around every request: refuses ``/v1`` requests of a too-old
    protocol or client schema with 426, puts the server id and epoch (``identity()``)
    on every response, and reports each answered request to ``observe(method, route,
    status, seconds, client)`` (metrics, access log).

    Plain ASGI, not ``@app.middleware("http")``: Starlette's ``BaseHTTPMiddleware``
    runs every request through a task group and a memory stream. An endpoint that has
    just read the identity itself (a pull) leaves it in ``request.state.identity``;
    it is sent as read, without a second query.
    """

    def __init__(
        self,
        app: ASGIApp,
        identity: Callable[[], dict[str, str]],
        observe: Callable[[str, str, int, float, str], None],
        min_protocol: int,
        min_schema: int,
        upgrade_message: str,
        headers: tuple[str, str],
    ) -> None:
        self.app = app
        self.identity = identity
        self.observe = observe
        self.minimum = (min_protocol, min_schema)
        self.upgrade_message = upgrade_message
        self.header_names = tuple(name.lower().encode("latin-1") for name in headers)

    def _too_old(self, scope: Scope) -> bool:
        found = dict(scope.get("headers") or [])
        try:
            proto = int(found.get(self.header_names[0], b"0"))
            schema = int(found.get(self.header_names[1], b"0"))
        except ValueError:
            return True
        return proto < self.minimum[0] or schema < self.minimum[1]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        state = scope.setdefault("state", {})
        status = 0

        async def send_identified(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                identity = state.get("identity") or self.identity()
                headers = MutableHeaders(scope=message)
                for name, value in identity.items():
                    headers[name] = value
            await send(message)

        if scope["path"].startswith("/v1/") and self._too_old(scope):
            refusal = error(426, "upgrade_required", self.upgrade_message)
            await refusal(scope, receive, send_identified)
        else:
            await self.app(scope, receive, send_identified)
        route = getattr(scope.get("route"), "path", "other")
        client = scope.get("client")
        self.observe(scope["method"], route, status, time.perf_counter() - started,
                     client[0] if client else "")  # fmt: skip
