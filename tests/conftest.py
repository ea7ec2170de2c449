"""Shared fixtures: real SQLite files in a temp folder, offscreen Qt."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "assets" / "demo-plan-changchun-2023.txt"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Never touch the real user data folder or keyring from tests."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("LIANDONG_DATA_DIR", str(data))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "liandong.db"


@pytest.fixture
def store(db_path: Path):
    from desktop.models.store import Store

    s = Store.open(db_path)
    yield s
    s.close()


@pytest.fixture
def seed_path() -> Path:
    return SEED
