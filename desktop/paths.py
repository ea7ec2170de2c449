"""Where Liandong keeps its files on each platform."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "Liandong"
DEFAULT_PROFILE = "default"


def user_data_dir() -> Path:
    """The per-user data folder: %LOCALAPPDATA%, ~/Library/..., or XDG."""
    override = os.environ.get("LIANDONG_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP_DIR_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_DIR_NAME.lower()


def profile_db_path(profile: str = DEFAULT_PROFILE) -> Path:
    """The SQLite file of one user profile."""
    return user_data_dir() / "profiles" / profile / "liandong.db"


def log_dir() -> Path:
    return user_data_dir() / "logs"


def assets_dir() -> Path:
    """The bundled assets (also inside a PyInstaller bundle)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "assets"
    return Path(__file__).resolve().parent.parent / "assets"


def demo_plan_path() -> Path:
    return assets_dir() / "demo-plan-changchun-2023.txt"


#: The profile that holds the bundled demo; never synced, reset at will.
DEMO_PROFILE = "演示"

#: Said wherever sync is refused in the demo profile.
DEMO_SYNC_REFUSED = (
    "当前是演示配置（演示），其中是示例数据，不会与服务器同步。"
    "请用自己的配置（不带 --demo，或 --profile 名称）登录和同步。"
)

#: ``--demo`` opens the demo profile only.
DEMO_EXCLUSIVE = "--demo 使用独立的演示配置（演示），不能与 --db 或 --profile 同时使用。"


def demo_db_path() -> Path:
    """The SQLite file of the demo profile (apart from every user profile)."""
    return profile_db_path(DEMO_PROFILE)


def is_demo_db(path: str | Path) -> bool:
    """Whether ``path`` is the demo profile's database."""
    try:
        return Path(path).resolve() == demo_db_path().resolve()
    except OSError:
        return False
