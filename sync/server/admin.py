"""Administration of a server's data (used by ``liandong server ...``).

Every function takes a location: a SQLite data folder or a PostgreSQL URL
(``sync.server.storage.open_storage``).
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

from sync.errors import AdminError
from sync.server.auth import ROLES, hash_password, is_control
from sync.server.storage import Account, Storage, StorageUnavailable
from sync.server.storage import open_storage as storage_at


def open_storage(data_dir: str | Path, *, must_exist: bool = True) -> Storage:
    storage = storage_at(data_dir)
    try:
        if must_exist and not storage.exists():
            raise AdminError(
                f"{storage.label} 中没有联动服务器数据，请先运行 liandong server init。"
            )
        if must_exist:
            storage.migrate()
    except StorageUnavailable as exc:
        raise AdminError(str(exc)) from None
    return storage


def migrate(location: str | Path) -> tuple[int, int]:
    """Bring the schema up to date: (version before, version after)."""
    storage = open_storage(location, must_exist=False)
    try:
        before = storage.schema_version() if storage.exists() else 0
        storage.migrate()
        return before, storage.schema_version()
    except StorageUnavailable as exc:
        raise AdminError(str(exc)) from None


def check_private(data_dir: str | Path) -> None:
    """Refuse a data folder other local users can read or enter."""
    mode = stat.S_IMODE(Path(data_dir).stat().st_mode)
    if mode & 0o007:
        raise AdminError(
            f"数据目录 {data_dir} 的权限是 {mode:o}，本机其他用户可以读取其中的密码散列、"
            f"审计日志和全部计划数据，服务器拒绝启动。请先运行：chmod 700 {data_dir}"
        )


def escape_control(text: object, keep: str = "") -> str:
    """Control characters (escape sequences, bidi overrides, newlines) as visible
    ``\\uXXXX`` escapes (also valid inside JSON strings), except those in ``keep``."""
    shown = str(text)
    if not any(is_control(c) and c not in keep for c in shown):
        return shown
    return "".join(json.dumps(c)[1:-1] if is_control(c) and c not in keep else c for c in shown)


def init_server(data_dir: str | Path, admin: str, password: str) -> tuple[str, str]:
    """Create the database, the server identity (new epoch) and the first admin."""
    storage = open_storage(data_dir, must_exist=False)
    try:
        if storage.exists():
            raise AdminError(f"{storage.label} 中已有服务器数据；不会覆盖。")
    except StorageUnavailable as exc:
        raise AdminError(str(exc)) from None
    admin = _check_name("用户名", admin)
    if not admin:
        raise AdminError("用户名不能为空。")
    check_password(password)
    storage.create_private()
    storage.migrate()
    identity = storage.init_identity()
    storage.add_account(admin, hash_password(password), "", "admin")
    return identity


MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # what the login request accepts
MAX_NAME = 200


def check_password(password: str) -> None:
    if not password.strip():
        raise AdminError("密码不能为空或全是空格。")
    if len(password) < MIN_PASSWORD:
        raise AdminError(f"密码至少需要 {MIN_PASSWORD} 个字符。")
    if len(password) > MAX_PASSWORD:
        raise AdminError(f"密码最多 {MAX_PASSWORD} 个字符。")
    if any(is_control(c) for c in password):
        raise AdminError("密码不能含控制字符或换行。")


def _check_name(label: str, value: str) -> str:
    value = value.strip()
    if len(value) > MAX_NAME or any(is_control(c) for c in value):
        raise AdminError(f"{label}无效：最多 {MAX_NAME} 个字符，且不能含控制字符或换行。")
    return value


def add_user(data_dir: str | Path, username: str, password: str, unit: str, role: str) -> None:
    if role not in ROLES:
        raise AdminError(f"未知的角色：{role}（可选 admin / coordinator / member）")
    username, unit = _check_name("用户名", username), _check_name("单位", unit)
    if role == "member" and not unit:
        raise AdminError("单位成员必须指定所属单位（--unit）。")
    if not username:
        raise AdminError("用户名不能为空。")
    check_password(password)
    storage = open_storage(data_dir)
    try:
        storage.add_account(username, hash_password(password), unit, role)
    except storage.integrity_errors:
        raise AdminError(f"用户 {username} 已存在。") from None


def list_users(data_dir: str | Path) -> list[Account]:
    return open_storage(data_dir).accounts()


def set_disabled(data_dir: str | Path, username: str, disabled: bool = True) -> None:
    if not open_storage(data_dir).set_disabled(username, disabled):
        raise AdminError(f"用户 {username} 不存在。")


def revoke_device(data_dir: str | Path, device_id: str) -> str:
    """Revoke a device by its id or a unique prefix (the audit log shows 8 characters)."""
    storage = open_storage(data_dir)
    matches = [row[0] for row in storage.devices() if row[0].startswith(device_id.strip())]
    if len(matches) > 1:
        raise AdminError(f"有 {len(matches)} 个设备的编号以 {device_id} 开头，请多写几位。")
    if not matches or not storage.revoke_device(matches[0]):
        raise AdminError(f"设备 {device_id} 不存在或已撤销。")
    return matches[0]
