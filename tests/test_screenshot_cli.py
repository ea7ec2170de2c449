"""``liandong --screenshot FILE``: the real CLI, real files."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _screenshot(path: Path | str, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", "--screenshot", str(path), *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_jpg_suffix_writes_a_real_jpeg(tmp_path: Path) -> None:
    shot = tmp_path / "main.JPG"
    result = _screenshot(shot)
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes()[:3] == b"\xff\xd8\xff"  # JPEG, not PNG bytes
    assert "Error" not in result.stderr and "错误" not in result.stderr


def test_what_it_says_follows_lang(tmp_path: Path) -> None:
    shot = tmp_path / "main.png"
    result = _screenshot(shot, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Screenshot saved: {shot}"
    assert _screenshot(shot).stdout.strip() == f"截图已保存：{shot}"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("main.gif", "不支持的截图格式（.gif）"),
        ("main", "不支持的截图格式（没有扩展名）"),
        ("no-such-folder/main.png", "文件夹"),
        ("a" * 300 + ".png", "文件名或路径无法使用"),  # longer than a file name may be
    ],
)
def test_unusable_paths_are_refused_at_once(tmp_path: Path, name: str, message: str) -> None:
    result = _screenshot(tmp_path / name)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written, not even a database


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_file_name_is_refused_not_the_window_shown(name: str) -> None:
    result = _screenshot(name)  # (the window left open would time the run out)
    assert result.returncode == 2
    assert "--screenshot 需要一个文件名" in result.stderr and "Traceback" not in result.stderr
    english = _screenshot(name, "--lang", "en")
    assert "--screenshot needs a file name" in english.stderr


def test_a_failed_write_is_a_message_and_exit_2(tmp_path: Path) -> None:
    # /proc refuses new files even to root (for whom permission bits do not count).
    target = Path("/proc") / f"liandong-{uuid.uuid4().hex}.png"
    result = _screenshot(target)
    assert result.returncode == 2
    assert f"无法保存截图到 {target}" in result.stderr and "Traceback" not in result.stderr


def test_without_a_database_the_screenshot_shows_the_demo_plan(tmp_path: Path) -> None:
    """``liandong --screenshot FILE`` alone (README's command-line example) shows
    the demo plan in a throwaway file, not an empty database's welcome page; the user's
    profile is never touched."""
    import argparse
    import tempfile

    from desktop.views.app import _open_store

    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        holder = argparse.Namespace(name=folder)  # (what ``run_gui`` passes: its .name)
        args = argparse.Namespace(db=None, demo=False, profile=None)
        store = _open_store(args, str(tmp_path / "main.png"), holder)
        assert store is not None
        try:
            assert store.db.execute("SELECT count(*) FROM task").fetchone()[0] == 27
            assert Path(store.db.conn.execute("PRAGMA database_list").fetchone()[2]).is_relative_to(
                folder
            )
        finally:
            store.close()
