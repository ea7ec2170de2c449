"""Server data folder permissions and admin output, with the real CLI and server process."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from sync.server import admin
from tests.helpers.sync_helpers import PASSWORD, ROOT, ServerProcess, raw

ESC = "\x1b"


def _cli(*args: str, stdin: str = "", umask: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
    )


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_server_files_are_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    data = tmp_path / "data"
    init = _cli("server", "init", "--data", str(data), "--password-stdin", stdin=PASSWORD + "\n",
                umask=umask)  # fmt: skip
    assert init.returncode == 0, init.stderr
    assert _mode(data) == 0o700
    db = data / "liandong-server.db"
    assert _mode(db) == 0o600
    # Files created later (the WAL and shared-memory files of a running server, a user
    # added while it runs) are private too.
    server = ServerProcess(data, env={})
    old = os.umask(umask)
    try:
        server.start()
        reply = raw(server, "POST", "/v1/login",
                    json={"username": "admin", "password": PASSWORD, "device_name": "pc"})  # fmt: skip
        assert reply.status_code == 200
        added = _cli("server", "user", "add", "li", "--role", "coordinator", "--data", str(data),
                     "--password-stdin", stdin=PASSWORD + "\n", umask=umask)  # fmt: skip
        assert added.returncode == 0, added.stderr
        files = sorted(data.iterdir())
        assert {f.name for f in files} >= {db.name, f"{db.name}-wal", f"{db.name}-shm"}
        assert {f.name: _mode(f) for f in files} == {f.name: 0o600 for f in files}
    finally:
        server.stop()
        os.umask(old)


def test_serve_refuses_a_world_readable_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    admin.init_server(data, "admin", PASSWORD)
    os.chmod(data, 0o755)
    served = _cli("serve", "--data", str(data), "--port", "1")
    assert served.returncode == 2
    assert "其他用户可以读取" in served.stderr and f"chmod 700 {data}" in served.stderr
    assert "Traceback" not in served.stderr


def test_control_characters_are_refused_in_device_names_and_escaped_in_listings(
    tmp_path: Path,
) -> None:
    server = ServerProcess(tmp_path / "data")
    server.init()
    server.start()
    try:

        def login(name: str):  # type: ignore[no-untyped-def]
            body = {"username": "admin", "password": PASSWORD, "device_name": name}
            return raw(server, "POST", "/v1/login", json=body)

        for bad in (f"pc{ESC}[2J", "pc\nfake line", "pc\u202eexe.txt", "x" * 101):
            reply = login(bad)
            assert reply.status_code == 422 and reply.json()["error"] == "invalid_device_name"
            assert "设备名称无效" in reply.json()["message"]
        token = login("办公室电脑").json()["access_token"]
        # A record id carrying an escape sequence reaches the audit log (accepted or not).
        hidden = f"x{ESC}[8m{ESC}]0;pwned\x07"
        op = {"op": uuid.uuid4().hex, "tbl": "unit", "id": hidden, "kind": "insert",
              "fields": {"name": "单位" + uuid.uuid4().hex[:6], "kind": "bureau"}, "base": 0}  # fmt: skip
        assert raw(server, "POST", "/v1/push", token, json={"ops": [op]}).status_code == 200
    finally:
        server.stop()
    # A device name stored by an older version, before names were checked.
    with server.storage().write() as conn:
        conn.execute("UPDATE device SET name = ?", [f"old{ESC}[1A{ESC}[2K\u202e"])
    data = str(server.data_dir)
    for args in (("device", "list"), ("audit",), ("audit", "--json")):
        shown = _cli("server", *args, "--data", data)
        assert shown.returncode == 0, shown.stderr
        assert ESC not in shown.stdout and "\x07" not in shown.stdout
        assert "\u202e" not in shown.stdout
        assert "\\u001b" in shown.stdout
    listed = _cli("server", "device", "list", "--data", data).stdout
    assert "old\\u001b[1A\\u001b[2K\\u202e" in listed
    audit = json.loads(_cli("server", "audit", "--json", "--data", data).stdout)
    assert hidden in [row["id"] for row in audit]  # the JSON still reads back exactly
