"""The client sync engine (no Qt): push the outbox, pull pages, keep tokens safe.

``SyncEngine.sync()`` may run in a background thread: it opens its own
connection to the local database and closes it when done. Every failure is a
``sync.errors.UserError`` subclass with a plain Chinese message; nothing
local is lost (each pushed batch and each pulled page is committed with its
bookkeeping in one transaction, so an interruption anywhere resumes cleanly).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sync import apply as sync_apply
from sync import protocol as p
from sync import relay as sync_relay
from sync.apply import LocalStore
from sync.bulk_writes import bulk_writes
from sync.errors import Message, UserError
from sync.ids import utc_now

log = logging.getLogger(__name__)

# Ops per push (the protocol's maximum): each push is one server transaction and one
# local commit, so an upload of a whole change log takes as few as it can.
PUSH_BATCH = p.MAX_OPS_PER_PUSH
PULL_PAGE = 5000
SNAPSHOT_PAGE = 5000
Progress = Callable[[str, int, int], None]


class SyncError(UserError):
    """Sync failed; local data is untouched and the sync can be retried."""


class ServerUnreachable(SyncError):
    pass


class TLSFailed(SyncError):
    pass


class BadServerReply(SyncError):
    pass


class AuthFailed(SyncError):
    pass


class NotLoggedIn(SyncError):
    pass


class DeviceRevoked(SyncError):
    pass


class UpgradeRequired(SyncError):
    pass


class _IdentityChanged(Exception):
    """The server's id or epoch changed during a sync: start over."""


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    notices: int = 0  # conflicts where our value stood against another device's op
    rejected: int = 0
    errors: list[str] = field(default_factory=list)
    cancelled: bool = False
    server_changed: bool = False
    rejected_reasons: list[str] = field(default_factory=list)
    # Pulled records the schema registry refuses: kept aside, not written (reasons).
    held_back: list[str] = field(default_factory=list)
    # After a restore: record versions of others this account may not write (a
    # desktop with those rights, e.g. a coordinator's, restores them).
    relays_refused: int = 0
    # Attachment content (issue 12): uploaded, downloaded, and what could not be.
    content_up: int = 0
    content_down: int = 0
    content_problems: list[str] = field(default_factory=list)


class TokenStore:
    """Refresh tokens in the OS keyring; in memory only when no keyring exists."""

    SERVICE = "liandong"

    def __init__(self, backend: Any = None) -> None:
        self._memory: dict[str, str] = {}
        self._chosen = backend is not None or bool(os.environ.get("PYTHON_KEYRING_BACKEND"))
        self._backend = backend
        self._available: bool | None = None
        self._warning = ""

    def _resolve(self) -> None:
        """Pick the keyring backend on first use (detection loads plugins: ~0.2 s)."""
        if self._available is not None:
            return
        import keyring  # on first use: importing it costs ~0.1 s at GUI start

        backend = self._backend or keyring.get_keyring()
        self._backend = backend
        name = f"{type(backend).__module__}.{type(backend).__name__}"
        # A plaintext file "keyring" (keyrings.alt) is a settings file by another name:
        # used only when chosen explicitly (PYTHON_KEYRING_BACKEND), never picked silently.
        plaintext = name.startswith("keyrings.alt.file.Plaintext") and not self._chosen
        self._available = not (
            name.startswith("keyring.backends.fail")
            or name.startswith("keyring.backends.null")
            or plaintext
        )
        self._warning = (
            ""
            if self._available
            else "本机没有可用的系统钥匙串：登录凭据只在本次运行中保留，不会写入磁盘。"
        )

    @property
    def backend(self) -> Any:
        self._resolve()
        return self._backend

    @property
    def available(self) -> bool:
        self._resolve()
        return bool(self._available)

    @property
    def warning(self) -> str:
        self._resolve()
        return self._warning

    @classmethod
    def memory_only(cls) -> TokenStore:
        """A store that never writes anything anywhere (one-shot ``sync --password-stdin``)."""
        from keyring.backends.null import Keyring as NullKeyring

        return cls(NullKeyring())

    @staticmethod
    def key(server_url: str, username: str, device_id: str = "") -> str:
        """One entry per device: two databases of the same user never share a token."""
        base = f"{server_url.rstrip('/')}|{username}"
        return f"{base}|{device_id}" if device_id else base

    def _fallback(self, exc: Exception) -> None:
        log.warning("keyring unavailable: %s", exc)
        self._available = False
        self._warning = "系统钥匙串不可用：登录凭据只在本次运行中保留，不会写入磁盘。"

    def get(self, server_url: str, username: str, device_id: str = "") -> str | None:
        import keyring.errors

        key = self.key(server_url, username, device_id)
        if key in self._memory or not self.available:
            return self._memory.get(key)
        try:
            return self.backend.get_password(self.SERVICE, key)
        except keyring.errors.KeyringError as exc:
            self._fallback(exc)
            return None

    def set(self, server_url: str, username: str, token: str, device_id: str = "") -> None:
        import keyring.errors

        key = self.key(server_url, username, device_id)
        if self.available:
            try:
                self.backend.set_password(self.SERVICE, key, token)
                self._memory.pop(key, None)
                return
            except keyring.errors.KeyringError as exc:
                self._fallback(exc)
        self._memory[key] = token

    def delete(self, server_url: str, username: str, device_id: str = "") -> None:
        import keyring.errors

        key = self.key(server_url, username, device_id)
        self._memory.pop(key, None)
        if self.available:
            with contextlib.suppress(keyring.errors.KeyringError):
                self.backend.delete_password(self.SERVICE, key)


class SyncEngine:
    def __init__(
        self,
        db_path: str | Path,
        server_url: str | None = None,
        *,
        token_store: TokenStore,
        open_store: Callable[[Path], LocalStore],
        schema_version: int,
        username: str | None = None,
        ca_bundle: str | None = None,
        timeout: tuple[float, float] = (5, 30),
        after_pull: Callable[[SyncEngine, LocalStore, SyncReport], None] | None = None,
    ) -> None:
        self.db_path = Path(db_path)
        #: Run after a sync's pull, with the store and the report (the desktop
        #: exchanges attachment content there: ``desktop.models.attachment_sync``).
        self.after_pull = after_pull
        self.tokens = token_store
        self.timeout = timeout
        self._access: str | None = None
        self._identity: tuple[str, str] | None = None
        import requests  # on first use: importing it costs ~0.05 s at GUI start

        self.session = requests.Session()  # trust_env: proxies from the environment
        self.session.verify = ca_bundle or True
        # Passed per request too: requests lets REQUESTS_CA_BUNDLE override session.verify.
        self._verify_kw: dict[str, Any] = {"verify": ca_bundle} if ca_bundle else {}
        self.session.headers.update(p.version_headers(schema_version))
        self.open_store = open_store
        self.server_url = (server_url or "").rstrip("/")
        self.username = username
        store = self.open_store(self.db_path)
        try:
            self.server_url = self.server_url or (
                sync_apply.get_state(store.db, "server_url") or ""
            )
            self.username = self.username or sync_apply.get_state(store.db, "username")
            # The device this database logged in as (its token is keyed by it).
            same = sync_apply.get_state(store.db, "server_url") == self.server_url and (
                sync_apply.get_state(store.db, "username") == self.username
            )
            self.device_id = (sync_apply.get_state(store.db, "device_id") or "") if same else ""
        finally:
            store.close()
        if not self.server_url:
            raise NotLoggedIn(
                "尚未设置同步服务器，请先登录（liandong login --server URL --user 用户名）。"
            )

    def close(self) -> None:
        """Close the HTTP connections (a server waits for open keep-alives on shutdown)."""
        self.session.close()

    # -- HTTP --------------------------------------------------------------------

    def _request(
        self, method: str, path: str, *, auth: bool = True, raw: bool = False, **kw: Any
    ) -> Any:
        """The reply's JSON (``raw``: the response itself when it is a 200)."""
        extra = kw.pop("headers", {})
        for attempt in (1, 2):
            headers = dict(extra)
            if auth:
                if not self._access:
                    self._refresh()
                headers["Authorization"] = f"Bearer {self._access}"
            response = self._send(method, path, headers, **kw)
            if response.status_code == 401 and auth and attempt == 1:
                code = self._json(response).get("error")
                if code in ("expired", "invalid_token"):
                    self._access = None  # refresh once, then retry the same request
                    continue
            if raw and response.status_code == 200:
                return response
            return self._check(response)
        raise AssertionError("unreachable")

    def _send(self, method: str, path: str, headers: dict[str, str], **kw: Any) -> Any:
        import requests

        url = f"{self.server_url}{path}"
        try:
            return self.session.request(
                method, url, headers=headers, timeout=self.timeout, **self._verify_kw, **kw
            )
        except requests.exceptions.SSLError as exc:
            raise TLSFailed(
                "无法与 {} 建立安全连接：服务器证书校验失败。"
                "如单位内网使用自签名证书，请配置 CA 证书文件。本机数据未受影响。",
                self.server_url,
                detail=str(exc),
            ) from None
        except (requests.exceptions.MissingSchema, requests.exceptions.InvalidURL) as exc:
            raise SyncError(
                "同步服务器地址无效：{}。请写成 https://主机名[:端口]。",
                self.server_url,
                detail=str(exc),
            ) from None
        except requests.exceptions.ReadTimeout as exc:
            raise ServerUnreachable(
                "同步服务器 {} 在 {} 秒内没有回应，请稍后再试。本机数据未受影响。",
                self.server_url,
                f"{self.timeout[1]:g}",
                detail=str(exc),
            ) from None
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            raise ServerUnreachable(
                "无法连接同步服务器 {}（网络不通或服务器未运行）。"
                "本机数据未受影响，可以继续离线工作，稍后再同步。",
                self.server_url,
                detail=str(exc),
            ) from None
        except requests.exceptions.RequestException as exc:
            raise ServerUnreachable(
                f"与同步服务器通信失败：{type(exc).__name__}。本机数据未受影响。", detail=str(exc)
            ) from None

    @staticmethod
    def _json(response: Any) -> dict[str, Any]:
        try:
            data = response.json()
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def _check(self, response: Any) -> dict[str, Any]:
        status = response.status_code
        data = self._json(response)
        message = data.get("message") if isinstance(data.get("message"), str) else ""
        if status == 426:
            raise UpgradeRequired(message or p.UPGRADE_MESSAGE)
        if status == 401:
            if data.get("error") in ("revoked", "disabled"):
                raise DeviceRevoked(
                    (message or "此设备的登录已被撤销。") + "同步已停止，本机数据保留不变。"
                )
            raise NotLoggedIn("登录已失效，请重新登录后再同步。本机数据未受影响。")
        if status >= 500 and not data:
            raise BadServerReply(
                f"服务器返回了 HTTP {status} 且不是联动同步服务器的格式：地址可能不对，"
                "或被代理、网关拦截。本机数据未受影响。"
            )
        if status >= 500:
            raise SyncError(f"同步服务器出错（HTTP {status}），请稍后再试。本机数据未受影响。")
        if status >= 400 and message:
            raise SyncError(message)
        if not data or status >= 400:
            raise BadServerReply(
                f"服务器返回了无法识别的内容（HTTP {status}），可能不是联动同步服务器，"
                "或被代理、网关拦截。本机数据未受影响。"
            )
        server_id = response.headers.get(p.HEADER_SERVER_ID, "")
        epoch = response.headers.get(p.HEADER_EPOCH, "")
        if self._identity and (server_id, epoch) != self._identity:
            raise _IdentityChanged()
        return data

    def has_token(self) -> bool:
        """Whether a refresh token for this database's device is at hand."""
        return bool(self.username and self._stored_token())

    def _stored_token(self) -> str | None:
        if not self.device_id:
            return None
        return self.tokens.get(self.server_url, self.username or "", self.device_id)

    def _refresh(self) -> None:
        token = self._stored_token()
        if not token:
            if self.tokens.available:
                raise NotLoggedIn("尚未登录同步服务器 {}，请先登录。", self.server_url)
            warning = Message(self.tokens.warning)  # (no keyring: the token was not kept)
            raise NotLoggedIn("尚未登录同步服务器 {}，请先登录。{}", self.server_url, warning)
        data = self._check(self._send("POST", "/v1/refresh", {}, json={"refresh_token": token}))
        if data.get("device_id") != self.device_id or not data.get("access_token"):
            # Never sync as another device: its own changes would be filtered out of pulls.
            raise NotLoggedIn("登录凭据与本数据库的设备不符，请重新登录。本机数据未受影响。")
        rotated = data.get("refresh_token")
        if isinstance(rotated, str) and rotated:  # rotation: the old token is now used up
            self.tokens.set(self.server_url, self.username or "", rotated, self.device_id)
        self._access = data["access_token"]

    # -- login ---------------------------------------------------------------------

    def login(self, username: str, password: str, device_name: str = "desktop") -> dict[str, Any]:
        """Log in; the refresh token goes to the keyring (or memory), never to disk."""
        self._identity = None  # identity is checked by sync(), not at login
        store = self.open_store(self.db_path)
        try:
            device_id = None
            if sync_apply.get_state(store.db, "username") == username and (
                sync_apply.get_state(store.db, "server_url") == self.server_url
            ):
                device_id = sync_apply.get_state(store.db, "device_id")
            response = self._send(
                "POST",
                "/v1/login",
                {},
                json={
                    "username": username,
                    "password": password,
                    "device_name": device_name,
                    "device_id": device_id,
                },
            )
            if response.status_code == 401:
                raise AuthFailed("用户名或密码错误。")
            data = self._check(response)
            self.tokens.set(self.server_url, username, data["refresh_token"], data["device_id"])
            self._access = data["access_token"]
            self.username = username
            self.device_id = data["device_id"]
            with store.db.atomic():
                sync_apply.set_state(store.db, "server_url", self.server_url)
                sync_apply.set_state(store.db, "username", username)
                sync_apply.set_state(store.db, "device_id", data["device_id"])
                # The role the server gave this account: plan-structure edits of a
                # unit member are refused locally (desktop.models.authoring_common).
                user = data.get("user") or {}
                sync_apply.set_state(store.db, "role", user.get("role") or "")
                sync_apply.set_state(store.db, "unit", user.get("unit") or "")
            return data["user"]
        finally:
            store.close()

    # -- sync ----------------------------------------------------------------------

    def sync(
        self, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None
    ) -> SyncReport:
        report = SyncReport()
        store = self.open_store(self.db_path)
        # Server order is authoritative; parents may arrive after children.
        store.db.execute("PRAGMA foreign_keys = OFF")
        held_before = len(sync_apply.held_back(store.db))
        # The bulk settings (sync.bulk_writes) for the whole sync, not page by page:
        # the pages of a first sync touch the same index pages again.
        try:
            with bulk_writes(store.db.conn):
                for _attempt in range(3):
                    try:
                        self._sync(store, report, progress or _no_progress, cancelled or _never)
                        report.held_back = sync_apply.held_back(store.db)[held_before:]
                        return report
                    except _IdentityChanged:
                        self._identity = None
                        continue
                raise SyncError("同步服务器的身份在同步过程中反复变化，已停止。本机数据未受影响。")
        finally:
            _checkpoint(store)
            store.close()

    def _sync(
        self,
        store: LocalStore,
        report: SyncReport,
        progress: Progress,
        cancelled: Callable[[], bool],
    ) -> None:
        db = store.db
        self._identity = None
        hello = self._request("GET", "/v1/hello", auth=False)
        identity = (str(hello.get("server_id") or ""), str(hello.get("epoch") or ""))
        if not all(identity):
            raise BadServerReply("服务器返回了无法识别的内容，可能不是联动同步服务器。")
        known = (sync_apply.get_state(db, "server_id"), sync_apply.get_state(db, "epoch"))
        if known[0] and known != identity:
            log.warning("server identity changed %s -> %s", known, identity)
            sync_relay.prepare_for_new_server(
                db,
                int(hello.get("epoch_base") or 0),
                restored=known[0] == identity[0],
                identity=identity,
            )
            report.server_changed = True
        with db.atomic():
            sync_apply.set_state(db, "server_id", identity[0])
            sync_apply.set_state(db, "epoch", identity[1])
        self._identity = identity

        if not self._push(store, report, progress, cancelled):
            return

        resolved = sync_apply.unnotified_resolutions(db)
        if resolved:
            self._request("POST", "/v1/conflicts/resolve", json={"ids": resolved})
            sync_apply.mark_resolutions_notified(db, resolved)

        max_seq = int(hello.get("max_seq") or 0)
        needs_snapshot = sync_apply.cursor(db) < int(hello.get("min_seq") or 0) or (
            sync_apply.cursor(db) == 0 and max_seq > 0
        )
        if needs_snapshot and not self._snapshot(db, report, progress, cancelled):
            return
        while True:
            if cancelled():
                report.cancelled = True
                return
            since = sync_apply.cursor(db)
            data = self._request("GET", "/v1/pull", params={"since": since, "limit": PULL_PAGE})
            ops, next_cursor = data.get("ops"), data.get("next")
            if not isinstance(ops, list) or not isinstance(next_cursor, int):
                raise BadServerReply("服务器对拉取的回复格式错误。本机数据未受影响。")
            if next_cursor != since:
                sync_apply.apply_pull_page(db, ops, next_cursor)
                report.pulled += len(ops)
            progress("pull", report.pulled, max(max_seq - since, report.pulled))
            if not data.get("more"):
                break
        report.pulled += sync_apply.retry_deferred(db)
        # Edits that waited for their record (re-queued when it arrived) go now.
        if sync_apply.pending_ops(db, 1) and not self._push(store, report, progress, cancelled):
            return
        # The other side of conflicts: where our value stood against another device's.
        data = self._request("POST", "/v1/conflicts/notices", json=sync_apply.notice_request(db))
        notices, resolved = data.get("notices"), data.get("resolved")
        if not isinstance(notices, list) or not isinstance(resolved, list):
            raise BadServerReply("服务器对冲突通知的回复格式错误。本机数据未受影响。")
        report.notices += sync_apply.apply_notices(db, notices, resolved)
        if self.after_pull is not None:  # e.g. the desktop's attachment content
            self.after_pull(self, store, report)
        with db.atomic():
            sync_apply.set_state(db, "last_sync", utc_now())

    def _push(
        self,
        store: LocalStore,
        report: SyncReport,
        progress: Progress,
        cancelled: Callable[[], bool],
    ) -> bool:
        """Push the outbox in batches; False if cancelled."""
        db = store.db
        sync_apply.squash_unsent_pairs(db)
        total = store.pending_changes()
        done = 0
        while True:
            if cancelled():
                report.cancelled = True
                return False
            ops, body = _push_body(sync_apply.pending_ops(db, PUSH_BATCH))
            if not ops:
                return True
            sync_apply.mark_sent(db, ops)
            data = self._request(
                "POST", "/v1/push", data=body, headers={"Content-Type": "application/json"}
            )
            results = data.get("results")
            if not isinstance(results, list):
                raise BadServerReply("服务器对推送的回复格式错误。本机数据未受影响。")
            counts = sync_apply.record_push_results(db, ops, results)
            if sum(counts.values()) == 0:
                raise BadServerReply("服务器没有确认任何推送的变更，已停止。本机数据未受影响。")
            report.pushed += counts["accepted"] + counts["conflict"]
            report.conflicts += counts["conflict"]
            report.rejected += counts["rejected"]
            report.relays_refused += counts["relay_rejected"]
            relayed = {op["op"] for op in ops if "relay" in op}
            report.rejected_reasons += [
                r.get("reason", "")
                for r in results
                if r.get("status") == p.REJECTED and r.get("op") not in relayed
            ]
            done += sum(counts.values())
            progress("push", done, total)

    def _snapshot(
        self, db: Any, report: SyncReport, progress: Progress, cancelled: Callable[[], bool]
    ) -> bool:
        after_raw = sync_apply.get_state(db, "snapshot_after")
        after = json.loads(after_raw) if after_raw else {"tbl": "", "id": ""}
        as_of = sync_apply.get_state(db, "snapshot_as_of")

        def fetch(after: dict[str, str]) -> dict[str, Any]:
            data = self._request(
                "GET",
                "/v1/snapshot",
                params={"after_tbl": after["tbl"], "after_id": after["id"], "limit": SNAPSHOT_PAGE},
            )
            if not isinstance(data.get("records"), list):
                raise BadServerReply("服务器对快照的回复格式错误。本机数据未受影响。")
            return data

        # The next page downloads while this one is applied (the server's and the local
        # work overlap); one request in flight at a time, each page committed in order.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="snapshot") as pool:
            if cancelled():
                report.cancelled = True
                return False
            pending = pool.submit(fetch, after)
            while True:
                data = pending.result()
                records = data["records"]
                if as_of is None:
                    as_of = data["as_of"]
                nxt = data.get("after")
                if nxt is not None and not cancelled():
                    pending = pool.submit(fetch, nxt)
                sync_apply.apply_snapshot_page(db, records, int(as_of), nxt)
                report.pulled += len(records)
                progress("snapshot", report.pulled, report.pulled + (SNAPSHOT_PAGE if nxt else 0))
                if nxt is None:
                    return True
                if cancelled():
                    report.cancelled = True
                    return False


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def _push_body(ops: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], bytes]:
    """The longest prefix of ``ops`` whose push body stays well under the server's limit,
    and that body (UTF-8 JSON, each op encoded once: its size is what is sent).

    A single change larger than the limit can never be pushed: say so (nothing
    is dropped; the change stays queued and local data is untouched).
    """
    budget = p.MAX_BODY_BYTES // 2
    size = 0
    batch: list[dict[str, Any]] = []
    parts: list[bytes] = []
    for op in ops:
        encoded = _ENCODE(op).encode("utf-8")
        op_size = len(encoded) + 1
        if not batch and op_size > p.MAX_BODY_BYTES - 4096:
            raise SyncError(
                f"有一条变更过大（约 {op_size // 1_000_000} MB，{op.get('tbl')} 记录），"
                f"超过服务器 {p.MAX_BODY_BYTES // 1_048_576} MB 的上限，无法同步。"
                "请缩短该记录的内容后再同步；本机数据未受影响。"
            )
        if batch and size + op_size > budget:
            break
        batch.append(op)
        parts.append(encoded)
        size += op_size
    return batch, b'{"ops":[' + b",".join(parts) + b"]}"


def _no_progress(_phase: str, _done: int, _total: int) -> None:
    return None


def _never() -> bool:
    return False


def _checkpoint(store: LocalStore) -> None:
    """Fold what the sync wrote back into the database file now: inside the sync,
    checkpoints came only every ``bulk_writes.BULK_CHECKPOINT_PAGES`` pages, and the
    close does not checkpoint while the window's connections are open. A checkpoint
    SQLite cannot do now (a busy or broken file) is left to a later commit."""
    try:
        store.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
    except sqlite3.Error as exc:
        log.warning("checkpoint after sync: %s", exc)
