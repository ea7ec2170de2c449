"""Attachment content synced by hash through a real server (issue 12): desktop A attaches a
file and syncs (the content is uploaded); desktop B, through the CLI, syncs (the content
comes in the background) and ``attach get`` downloads it on demand when missing — the same
bytes. The server refuses content whose hash or size is wrong, or with no record."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.models import attachments as at
from sync import records
from sync.server import blobs
from tests.helpers.sync_helpers import (  # noqa: F401
    PASSWORD,
    ROOT,
    ServerProcess,
    coordinator_with_plan,
    logged_in,
    raw,
    sync_server,
)

pytestmark = pytest.mark.both_backends


def _cli(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], input=stdin,
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)  # fmt: skip


def test_content_travels_by_hash_and_attach_get_fetches_it(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    a, plan = coordinator_with_plan(tmp_path, sync_server)
    t1 = a.task_id(plan, 1)
    evidence = tmp_path / "验收报告.pdf"
    evidence.write_bytes(os.urandom(300_000) + "结束".encode())
    with a.opened() as store:
        attachment_id = at.add_attachment(store, t1, evidence, note="验收")
    report = a.sync()
    assert report.rejected == 0 and report.content_up == 1, report.content_problems
    assert a.sync().content_up == 0  # the server has it now: nothing sent twice

    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
           "XDG_DATA_HOME": str(tmp_path / "xdg"), "LIANDONG_DATA_DIR": str(tmp_path / "d")}  # fmt: skip
    (tmp_path / "b").mkdir()
    b_db = str(tmp_path / "b" / "b.db")
    user = sync_server.user("coord-b")
    login = _cli(["login", "--db", b_db, "--server", sync_server.url, "--user", user,
                  "--password-stdin"], env, PASSWORD + "\n")  # fmt: skip
    assert login.returncode == 0, login.stderr
    synced = _cli(["sync", "--db", b_db], env)
    # (the shared test server may hold other tests' attachments too: at least this one)
    assert synced.returncode == 0 and "附件内容：上传 0 个，下载" in synced.stdout, synced
    stored = tmp_path / "b" / "attachments" / report_hash(evidence)[:2] / report_hash(evidence)
    assert stored.read_bytes() == evidence.read_bytes()
    # on demand: content missing on this desktop is downloaded by `attach get`
    stored.unlink()
    out = tmp_path / "copy.pdf"
    got = _cli(["attach", "get", attachment_id, "-o", str(out), "--db", b_db], env)
    assert got.returncode == 0, got.stderr
    assert "已从服务器下载附件内容" in got.stdout
    assert out.read_bytes() == evidence.read_bytes()


def report_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_server_refuses_wrong_content(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    a, plan = coordinator_with_plan(tmp_path, sync_server)
    evidence = tmp_path / "a.txt"
    evidence.write_bytes(b"evidence " * 100)
    sha = report_hash(evidence)
    with a.opened() as store:
        at.add_attachment(store, a.task_id(plan, 1), evidence)
    assert a.sync().content_up == 1
    token = a.engine._access
    other = b"tampered " * 100
    no_record = hashlib.sha256(other).hexdigest()
    put = raw(sync_server, "PUT", f"/v1/blobs/{no_record}", token, data=other)
    assert put.status_code == 409 and "没有引用该文件的附件记录" in put.json()["message"]
    wrong = b"x" * len(evidence.read_bytes())
    put = raw(sync_server, "PUT", f"/v1/blobs/{sha}", token, data=wrong)
    assert put.status_code == 422 and "校验值" in put.json()["message"]
    put = raw(sync_server, "PUT", f"/v1/blobs/{sha}", token, data=b"short")
    assert put.status_code == 422 and "字节" in put.json()["message"]
    put = raw(sync_server, "PUT", "/v1/blobs/not-a-hash", token, data=b"x")
    assert put.status_code == 422
    assert raw(sync_server, "GET", f"/v1/blobs/{no_record}", token).status_code == 404
    assert raw(sync_server, "GET", f"/v1/blobs/{sha}").status_code == 401
    got = raw(sync_server, "GET", f"/v1/blobs/{sha}", token)
    assert got.status_code == 200 and got.content == evidence.read_bytes()
    # content damaged on the server: a desktop refuses it on arrival and keeps nothing
    with sync_server.storage().write() as conn:
        conn.execute("UPDATE blob SET content = ? WHERE sha256 = ?", [wrong, sha])
    (tmp_path / "c").mkdir()
    c = logged_in(tmp_path / "c", sync_server, "c")
    report = c.sync()  # (the shared server may hold other tests' attachments too)
    assert any("“a.txt”" in p and "不符，已拒收" in p for p in report.content_problems), report
    assert not (tmp_path / "c" / "attachments" / sha[:2] / sha).exists()
    assert not list((tmp_path / "c").rglob("*.part"))


def test_server_size_limit(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In-process: the limit is checked before anything else (the body limit guards HTTP)."""
    monkeypatch.setattr(records, "ATTACHMENT_MAX_BYTES", 10)
    refused = blobs.put(sync_server.storage(), "0" * 64, b"x" * 11)
    assert refused.status_code == 413 and "超过附件上限".encode() in refused.body
