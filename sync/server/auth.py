"""Passwords (scrypt), device tokens (stored hashed) and login rate limiting.

Login limits (see docs/server.md §5):
- per user and address: ``MAX_FAILURES`` failed checks in ``FAILURE_WINDOW``;
- per account, across addresses: after ``ACCOUNT_FREE_FAILURES`` failures in
  ``ACCOUNT_WINDOW`` each further attempt waits for an exponential backoff, except
  from a desktop that already holds a device of this account (so an attacker
  cannot lock the real users out);
- no limit per address alone: colleagues behind one office NAT never lock each
  other out.
A check is reserved in the same write transaction that counts (in-flight checks
count as failures until they succeed), so parallel requests cannot race past
the limit. Password hashing (scrypt, ~16 MiB and tens of ms each) runs at most
``hash_slots()`` at a time with a short queue; beyond it the server answers busy.

Refresh tokens rotate within a *family* (one login and its refreshes). A retry
of a used token within ``REUSE_GRACE`` (the reply was lost) returns the same
successor; any other reuse revokes the whole family, with a message saying so.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import math
import os
import secrets
import threading
import time
import unicodedata
from dataclasses import dataclass

from sync.server.storage import Account, Conn, Device, Storage, TokenRow, now_iso

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
ROLES = ("admin", "coordinator", "member")
MAX_FAILURES = 5  # per username + address ...
FAILURE_WINDOW = 300.0  # ... within this many seconds
ACCOUNT_FREE_FAILURES = 10  # per account, any address, before the backoff starts ...
ACCOUNT_WINDOW = 900.0  # ... counted over this many seconds
ACCOUNT_BACKOFF = 15.0  # seconds after the first failure past the free ones, doubling ...
MAX_BACKOFF = 300.0  # ... up to this many seconds between attempts
# A used (rotated) refresh token presented again within this many seconds is a
# client that lost the reply: it gets the same successor again.
REUSE_GRACE = 60.0
MAX_DEVICE_NAME = 100
REUSED = "reused"  # token.revoked_reason of a family revoked for reuse

BAD_CREDENTIALS = "用户名或密码错误。"
DISABLED = "该账号已被停用，请联系管理员。"
REUSED_MESSAGE = (
    "检测到登录凭据被重复使用（可能是网络中断后隔了很久才重试，也可能已被他人复制），"
    "为安全起见本次登录已失效。请重新输入密码登录；本机数据都保留。"
)


def access_ttl() -> float:
    return float(os.environ.get("LIANDONG_ACCESS_TTL", 15 * 60))


def refresh_ttl() -> float:
    return float(os.environ.get("LIANDONG_REFRESH_TTL", 90 * 86400))


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    enc = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${enc(salt).decode()}${enc(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(digest)
    actual = hashlib.scrypt(
        password.encode("utf-8"),
        salt=base64.b64decode(salt),
        n=int(n),
        r=int(r),
        p=int(p),
        dklen=len(expected),
    )
    return hmac.compare_digest(actual, expected)


@functools.cache
def _dummy_hash() -> str:
    """A constant-cost dummy hash so unknown usernames take as long as wrong passwords:
    made at the first login, not on import (a scrypt hash, ~80 ms and 16 MiB, was paid
    by every ``liandong`` command that registers the server's parser)."""
    return hash_password(secrets.token_hex(8))


def warm_up() -> None:
    """Make the dummy hash now (the server at start): no login pays for it."""
    _dummy_hash()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def is_control(char: str) -> bool:
    """Control, format (bidi overrides, zero-width) and line/paragraph separators."""
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def check_device_name(name: str) -> str:
    """A device name as shown to administrators: bounded, printable."""
    name = name.strip() or "desktop"
    if len(name) > MAX_DEVICE_NAME or any(is_control(c) for c in name):
        raise AuthError(
            422,
            "invalid_device_name",
            f"设备名称无效：最多 {MAX_DEVICE_NAME} 个字符，且不能含控制字符或换行。",
        )
    return name


@dataclass
class Tokens:
    access_token: str
    refresh_token: str
    access_expires_in: float


class AuthError(Exception):
    """Login / token failure: (HTTP status, code, Chinese message[, retry after seconds])."""

    def __init__(self, status: int, code: str, message: str, retry_after: float = 0) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.retry_after = retry_after

    def headers(self) -> dict[str, str] | None:
        return {"Retry-After": str(math.ceil(self.retry_after))} if self.retry_after else None


# -- the password hashing limit --------------------------------------------------------


def hash_slots() -> int:
    return max(1, int(os.environ.get("LIANDONG_HASH_SLOTS", 2)))


class HashLimiter:
    """At most ``slots`` password checks at once and ``queue`` waiting; the rest are busy."""

    def __init__(self, slots: int, queue: int, wait: float) -> None:
        self._slots = threading.BoundedSemaphore(slots)
        self._lock = threading.Lock()
        self._queue = queue
        self._waiting = 0
        self._wait = wait

    def acquire(self) -> bool:
        with self._lock:
            if self._waiting >= self._queue:
                return False
            self._waiting += 1
        try:
            return self._slots.acquire(timeout=self._wait)
        finally:
            with self._lock:
                self._waiting -= 1

    def release(self) -> None:
        self._slots.release()


_limiter: HashLimiter | None = None
_limiter_lock = threading.Lock()


def hash_limiter() -> HashLimiter:
    global _limiter
    with _limiter_lock:
        if _limiter is None:
            slots = hash_slots()
            queue = int(os.environ.get("LIANDONG_HASH_QUEUE", 4 * slots))
            _limiter = HashLimiter(slots, queue, float(os.environ.get("LIANDONG_HASH_WAIT", 5)))
        return _limiter


def _checked_password(password: str, stored: str) -> bool:
    limiter = hash_limiter()
    if not limiter.acquire():
        raise AuthError(429, "busy", "服务器正忙于处理登录，请稍后再试。", retry_after=5)
    try:
        return verify_password(password, stored)
    finally:
        limiter.release()


# -- login -------------------------------------------------------------------------------


def _audit(
    conn: Conn,
    username: str,
    device_id: str,
    ip: str,
    kind: str,
    status: str,
    reason: str,
) -> None:
    Storage.audit(
        conn, [(now_iso(), username, device_id, ip, "", "", "", kind, status, None, reason, "{}")]
    )


def _account_backoff(failures: int) -> float:
    """Seconds an account waits between attempts after ``failures`` recent failures."""
    if failures < ACCOUNT_FREE_FAILURES:
        return 0.0
    return min(ACCOUNT_BACKOFF * 2.0 ** (failures - ACCOUNT_FREE_FAILURES), MAX_BACKOFF)


def _reserve_attempt(storage: Storage, username: str, device_id: str | None, ip: str) -> int:
    """Count and reserve one password check atomically, or refuse it (429)."""
    with storage.write() as conn:
        now = time.time()  # read inside the lock: attempts are stored in time order
        count, latest = storage.login_attempts(conn, username, ip, now - FAILURE_WINDOW)
        if count >= MAX_FAILURES:
            wait = max(latest + FAILURE_WINDOW - now, 1.0)
            refusal = AuthError(
                429, "rate_limited", "登录失败次数过多，请几分钟后再试。", retry_after=wait
            )
        else:
            known = storage.device(device_id) if device_id else None
            trusted = known is not None and not known.revoked and known.account.username == username
            count, latest = storage.login_attempts(conn, username, None, now - ACCOUNT_WINDOW)
            wait = 0.0 if trusted else latest + _account_backoff(count) - now
            if wait <= 0:
                return storage.add_login_attempt(conn, username, ip, now)
            refusal = AuthError(
                429,
                "rate_limited",
                f"该账号近期登录失败次数过多，请 {math.ceil(wait)} 秒后再试。",
                retry_after=wait,
            )
    raise refusal


def login(
    storage: Storage,
    username: str,
    password: str,
    device_name: str,
    device_id: str | None,
    ip: str,
) -> tuple[Device, Tokens]:
    device_name = check_device_name(device_name)
    attempt = _reserve_attempt(storage, username, device_id, ip)
    account = storage.account(username)
    try:
        ok = _checked_password(password, account.password_hash if account else _dummy_hash())
    except AuthError:
        storage.drop_login_attempt(attempt)  # never checked: does not count
        raise
    if not account or not ok or account.disabled:
        # A disabled account answers the same to right and wrong passwords, and
        # every attempt on it counts: the reply never confirms a password.
        reason = "用户不存在" if not account else "账号已停用" if account.disabled else "密码错误"
        with storage.write() as conn:
            _audit(conn, username, device_id or "", ip, "login", "rejected", f"登录失败：{reason}")
        if account and account.disabled:
            raise AuthError(403, "disabled", DISABLED)
        raise AuthError(401, "bad_credentials", BAD_CREDENTIALS)
    storage.clear_login_attempts(attempt)
    device = storage.device(device_id) if device_id else None
    if device is None or device.revoked or device.account.id != account.id:
        device_id = secrets.token_hex(16)
        storage.add_device(account, device_id, device_name)
        device = storage.device(device_id)
    assert device is not None
    family = secrets.token_hex(16)
    refresh = _new_token()
    with storage.write() as conn:
        storage.insert_token(
            conn, token_hash(refresh), device.id, "refresh", time.time() + refresh_ttl(), family
        )
        access, ttl = _issue_access(conn, device.id, family)
    return device, Tokens(access, refresh, ttl)


# -- tokens ------------------------------------------------------------------------------


def _new_token() -> str:
    return _encode(secrets.token_bytes(32))


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _pad(token: str) -> bytes:
    """The key that wraps a successor: only a holder of ``token`` can unwrap it."""
    return hashlib.sha256(
        b"liandong-refresh-successor\0" + token.encode("ascii", "replace")
    ).digest()


def _wrap(successor: str, token: str) -> bytes:
    raw = base64.urlsafe_b64decode(successor + "=" * (-len(successor) % 4))
    return bytes(a ^ b for a, b in zip(raw, _pad(token), strict=True))


def _unwrap(wrapped: bytes, token: str) -> str:
    return _encode(bytes(a ^ b for a, b in zip(wrapped, _pad(token), strict=True)))


def _issue_access(conn: Conn, device_id: str, family: str) -> tuple[str, float]:
    token = _new_token()
    ttl = access_ttl()
    Storage.insert_token(conn, token_hash(token), device_id, "access", time.time() + ttl, family)
    return token, ttl


def _checked_token(
    storage: Storage,
    found: TokenRow | None,
    kind: str,
    device: Device | None = None,
) -> Device:
    """The device of a valid token of ``kind`` (``device``: already read with it)."""
    if found is None or found.kind != kind:
        raise AuthError(401, "invalid_token", "登录凭据无效，请重新登录。")
    if device is None:
        device = storage.device(found.device_id)
    if device is not None and device.account.disabled:
        raise AuthError(401, "disabled", DISABLED)
    if found.revoked and found.revoked_reason == REUSED:
        raise AuthError(401, "revoked", REUSED_MESSAGE)
    if device is None or device.revoked or found.revoked:
        raise AuthError(401, "revoked", "此设备的登录已被管理员撤销，请重新登录。")
    if found.expires_at < time.time():
        raise AuthError(401, "expired", "登录已过期。")
    return device


def authenticate(storage: Storage, token: str) -> Device:
    """The device of an access token (one query: the token with its device and account)."""
    found = storage.token_device(token_hash(token))
    if found is None:
        return _checked_token(storage, None, "access")
    return _checked_token(storage, found[0], "access", found[1])


def _reuse_reason(age: float) -> str:
    when = (
        f"轮换 {age:.0f} 秒后（超过 {REUSE_GRACE:.0f} 秒宽限）"
        if age > REUSE_GRACE
        else "其后继凭据已被使用后"
    )
    return f"刷新凭据在{when}被再次使用，已撤销这次登录的全部凭据"


def refresh(storage: Storage, refresh_token: str, ip: str = "") -> tuple[Device, Tokens]:
    """Rotate: each refresh token works once and is replaced by a new one.

    The check and the rotation happen in one write transaction. A retry of a
    used token within ``REUSE_GRACE`` whose successor is still unused gets that
    same successor (and a fresh access token); any other reuse means two parties
    hold the token: every token of its family is revoked and the reuse is audited.
    """
    old_hash = token_hash(refresh_token)
    now = time.time()
    with storage.write() as conn:
        found = storage.token_row(conn, old_hash)
        device = _checked_token(storage, found, "refresh")
        assert found is not None
        successor = None
        if found.rotated_at is None:
            successor = _new_token()
            storage.insert_token(
                conn, token_hash(successor), device.id, "refresh", now + refresh_ttl(), found.family
            )
            storage.mark_rotated(conn, old_hash, now, _wrap(successor, refresh_token))
        elif now - found.rotated_at <= REUSE_GRACE and found.successor is not None:
            retried = _unwrap(found.successor, refresh_token)
            next_row = storage.token_row(conn, token_hash(retried))
            if next_row is not None and next_row.rotated_at is None and not next_row.revoked:
                successor = retried
        if successor is None:
            storage.revoke_family(conn, found.family, REUSED)
            _audit(
                conn,
                device.account.username,
                device.id,
                ip,
                "refresh",
                "revoked",
                _reuse_reason(now - (found.rotated_at or now)),
            )
        else:
            access, ttl = _issue_access(conn, device.id, found.family)
    if successor is None:
        raise AuthError(401, "revoked", REUSED_MESSAGE)
    return device, Tokens(access, successor, ttl)


def check_role(role: str) -> None:
    if role not in ROLES:
        raise ValueError(role)


__all__ = ["Account", "AuthError", "Tokens", "authenticate", "login", "refresh"]
