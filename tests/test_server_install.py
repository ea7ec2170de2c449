"""The server-only install: ``pip install "liandong[server]"`` has no Qt, no reportlab,
and ``liandong-server`` runs (serve, init, users) with the desktop packages unimportable."""

from __future__ import annotations

import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import requests

from tests.helpers.sync_helpers import PASSWORD, ROOT, free_port, port_was_taken

DESKTOP_ONLY = ("PySide6", "reportlab", "docx", "openpyxl", "sqlite_utils", "keyring", "desktop")

# Runs sync.server.cli with every desktop-only package made unimportable.
BLOCKED = f"""
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {DESKTOP_ONLY!r}:
            raise ImportError('blocked in the server-only test: ' + name)
sys.meta_path.insert(0, Block())
from sync.server.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _server_cli(*args: str, stdin: str = "") -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", BLOCKED, *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _serve_and_ask_health(data: str) -> tuple[subprocess.Popen[str], Any]:
    """``serve`` on a port ``free_port`` found, and its ``/healthz`` reply; again on
    another port when a process bound that one first (another worker's test server, a
    client connection's local port): the server exits saying so."""
    for _attempt in range(5):
        port = free_port()
        server = _server_cli("serve", "--data", data, "--port", str(port))
        for _ in range(300):
            try:
                return server, requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).json()
            except requests.ConnectionError:
                if server.poll() is not None:
                    break
                time.sleep(0.1)
        else:
            server.terminate()
            raise AssertionError("the server did not answer")
        stderr = server.communicate()[1]
        if not port_was_taken(stderr):
            raise AssertionError(stderr)
    raise AssertionError("no free port")


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCKED, *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_server_extra_pulls_no_desktop_packages() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    names = [
        dep.split(">")[0].split("[")[0].split("=")[0].split("!")[0].strip().lower()
        for dep in project["dependencies"] + project["optional-dependencies"]["server"]
    ]
    assert not {"pyside6", "reportlab", "python-docx", "openpyxl"} & set(names)
    assert {"fastapi", "uvicorn", "psycopg", "psycopg-pool"} <= set(names)
    desktop = project["optional-dependencies"]["desktop"]
    assert not any(d.lower().startswith(("fastapi", "uvicorn", "psycopg")) for d in desktop)
    assert project["scripts"]["liandong-server"] == "sync.server.cli:main"


def test_liandong_server_runs_without_the_desktop(tmp_path: Path) -> None:
    helped = _run("--help")
    assert helped.returncode == 0, helped.stderr
    assert "serve" in helped.stdout and "migrate" in helped.stdout
    data = str(tmp_path / "data")
    init = _run("init", "--data", data, "--password-stdin", stdin=PASSWORD + "\n")
    assert init.returncode == 0, init.stderr
    added = _run(
        "user", "add", "lisi", "--role", "member", "--unit", "市工信局", "--data", data,
        "--password-stdin", stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "lisi" in _run("user", "list", "--data", data).stdout
    bad = _run("audit", "--data", data, "--since", "2024-13-01")
    assert bad.returncode == 2 and "不是有效日期" in bad.stderr and "Traceback" not in bad.stderr
    server, health = _serve_and_ask_health(data)
    try:
        assert health["status"] == "ok"
    finally:
        server.terminate()
        stderr = server.communicate(timeout=10)[1]
    # it was ours that answered: stopped by us, not gone for a port another had bound
    assert server.returncode != 2 and not port_was_taken(stderr), stderr


def test_the_desktop_cli_starts_without_the_server_packages() -> None:
    script = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('fastapi', 'uvicorn', 'psycopg', 'psycopg_pool',
                                  'prometheus_client', 'starlette'):
            raise ImportError('blocked in the desktop-only test: ' + name)
sys.meta_path.insert(0, Block())
from desktop.cli import main
sys.exit(main(['--help']))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "serve" in done.stdout and "sync" in done.stdout
