"""Passwords (scrypt), device tokens (stored hashed) and login rate limiting."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass

from sync.server.storage import Account, Device, SqliteStorage

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
ROLES = ("admin", "coordinator", "member")
MAX_FAILURES = 5  # per username + IP ...
FAILURE_WINDOW = 300.0  # ... within this many seconds
# A used (rotated) refresh token presented again within this many seconds is a
# client that lost the reply; later it is a stolen copy: the device is revoked.
REUSE_GRACE = 60.0


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


# A constant-cost dummy hash so unknown usernames take as long as wrong passwords.
_DUMMY = hash_password(secrets.token_hex(8))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


@dataclass
class Tokens:
    access_token: str
    refresh_token: str
    access_expires_in: float


class AuthError(Exception):
    """Login / token failure: (HTTP status, code, Chinese message)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def issue_access(storage: SqliteStorage, device_id: str) -> tuple[str, float]:
    token = secrets.token_urlsafe(32)
    ttl = access_ttl()
    storage.add_token(token_hash(token), device_id, "access", time.time() + ttl)
    return token, ttl


def login(
    storage: SqliteStorage,
    username: str,
    password: str,
    device_name: str,
    device_id: str | None,
    ip: str,
) -> tuple[Device, Tokens]:
    key = f"{username}|{ip}"
    now = time.time()
    if storage.login_failures(key, now - FAILURE_WINDOW) >= MAX_FAILURES:
        raise AuthError(429, "rate_limited", "登录失败次数过多，请几分钟后再试。")
    account = storage.account(username)
    ok = verify_password(password, account.password_hash if account else _DUMMY)
    if not account or not ok:
        storage.add_login_failure(key, now)
        raise AuthError(401, "bad_credentials", "用户名或密码错误。")
    if account.disabled:
        raise AuthError(403, "disabled", "该账号已被停用，请联系管理员。")
    storage.clear_login_failures(key)
    device = storage.device(device_id) if device_id else None
    if device is None or device.revoked or device.account.id != account.id:
        device_id = secrets.token_hex(16)
        storage.add_device(account, device_id, device_name[:100] or "desktop")
        device = storage.device(device_id)
    assert device is not None
    refresh = secrets.token_urlsafe(32)
    storage.add_token(token_hash(refresh), device.id, "refresh", now + refresh_ttl())
    access, ttl = issue_access(storage, device.id)
    return device, Tokens(access, refresh, ttl)


def _valid_token(storage: SqliteStorage, token: str, kind: str) -> Device:
    found = storage.token(token_hash(token))
    if found is None or found[1] != kind:
        raise AuthError(401, "invalid_token", "登录凭据无效，请重新登录。")
    device_id, _kind, expires_at, revoked = found
    device = storage.device(device_id)
    if device is not None and device.account.disabled:
        raise AuthError(401, "disabled", "该账号已被停用，请联系管理员。")
    if device is None or device.revoked or revoked:
        raise AuthError(401, "revoked", "此设备的登录已被管理员撤销，请重新登录。")
    if expires_at < time.time():
        raise AuthError(401, "expired", "登录已过期。")
    return device


def authenticate(storage: SqliteStorage, token: str) -> Device:
    return _valid_token(storage, token, "access")


def refresh(storage: SqliteStorage, refresh_token: str) -> tuple[Device, Tokens]:
    """Rotate: each refresh token works once and is replaced by a new one.

    A used token seen again after ``REUSE_GRACE`` means two parties hold it
    (a copied token): the whole device is revoked and must log in again.
    """
    device = _valid_token(storage, refresh_token, "refresh")
    old_hash = token_hash(refresh_token)
    now = time.time()
    rotated_at = storage.token_rotated_at(old_hash)
    if rotated_at is not None and now - rotated_at > REUSE_GRACE:
        storage.revoke_device(device.id)
        raise AuthError(
            401, "revoked", "检测到登录凭据被重复使用，为安全起见已撤销此设备的登录，请重新登录。"
        )
    new_refresh = secrets.token_urlsafe(32)
    storage.rotate_refresh(old_hash, token_hash(new_refresh), device.id, now + refresh_ttl(), now)
    access, ttl = issue_access(storage, device.id)
    return device, Tokens(access, new_refresh, ttl)


def check_role(role: str) -> None:
    if role not in ROLES:
        raise ValueError(role)


__all__ = ["Account", "AuthError", "Tokens", "authenticate", "login", "refresh"]
