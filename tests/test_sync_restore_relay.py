"""Issue 7 item 1: a change held only by non-author desktops survives a server restore.

Exactly the reported scenario, with real processes: a server on 127.0.0.1, the
``liandong`` CLI for desktops A, B, C (and E) on separate databases, a backup of
the server's data folder, ``liandong server new-epoch``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.models import coordination, progress
from desktop.models.ids import new_id
from desktop.models.store import Store
from sync import apply as sync_apply
from sync.server.storage import DB_NAME
from tests.helpers.sync_helpers import PASSWORD, ROOT, ServerProcess, logged_in, raw

SEED = ROOT / "assets" / "demo-plan-changchun-2023.txt"


class Desktops:
    """The CLI, run as its own process per command, with a file keyring of this test."""

    def __init__(self, tmp_path: Path, server: ServerProcess) -> None:
        self.tmp_path = tmp_path
        self.server = server
        self.env = {
            **os.environ,
            "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
            "XDG_DATA_HOME": str(tmp_path / "xdg"),
            "LIANDONG_DATA_DIR": str(tmp_path / "userdata"),
        }

    def db(self, name: str) -> Path:
        return self.tmp_path / f"{name}.db"

    def run(self, *args: str, stdin: str = "") -> str:
        done = subprocess.run(
            [sys.executable, "-m", "desktop.cli", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            cwd=ROOT,
            timeout=120,
        )
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout

    def on(self, name: str, *args: str) -> str:
        return self.run(*args, "--db", str(self.db(name)))

    def login(self, name: str, user: str) -> None:
        self.server.user(user, "coordinator")
        self.run("login", "--db", str(self.db(name)), "--server", self.server.url, "--user", user,
                 "--password-stdin", "--device-name", name, stdin=PASSWORD + "\n")  # fmt: skip

    def sync(self, name: str) -> str:
        return self.on(name, "sync")

    @contextmanager
    def store(self, name: str) -> Iterator[Store]:
        store = Store.open(self.db(name))
        try:
            yield store
        finally:
            store.close()

    def query(self, name: str, sql: str, params: list[object] | None = None) -> list[tuple]:
        conn = sqlite3.connect(self.db(name))
        try:
            return conn.execute(sql, params or []).fetchall()
        finally:
            conn.close()


@pytest.mark.both_backends
def test_a_restored_server_gets_back_what_only_other_desktops_hold(
    tmp_path: Path, server_location: Any
) -> None:
    server = ServerProcess(server_location(tmp_path / "server-data"))
    server.init()
    server.start()
    try:
        _scenario(tmp_path, server, Desktops(tmp_path, server))
    finally:
        server.stop()


def _scenario(tmp_path: Path, server: ServerProcess, desk: Desktops) -> None:
    desk.on("a", "import", str(SEED))
    for name in ("a", "b", "e"):
        desk.login(name, f"coord-{name}")
    desk.sync("a")
    # The nightly backup (SQLite's online backup of the data folder, or pg_dump).
    backup = _nightly_backup(server, tmp_path / "backup")

    assert "已添加里程碑" in desk.on("a", "milestone", "add", "--task", "10", "--title", "只有A写过",
                                    "--due", "2026-06-30", "--unit", "市政数局")  # fmt: skip
    desk.sync("a")
    for name in ("b", "e"):
        desk.sync(name)
        assert desk.query(name, "SELECT title FROM milestone") == [("只有A写过",)]
    (milestone,) = desk.query("b", "SELECT id FROM milestone")[0]
    # E was last synced by an older build that kept no record versions: it cannot relay.
    with sqlite3.connect(desk.db("e")) as conn:
        conn.execute("DELETE FROM sync_version")
    conn.close()

    # A's database is lost; the server's disk dies and the backup is put back.
    desk.db("a").unlink()
    server.stop()
    _put_back(server, backup)
    assert "新纪元" in desk.run("server", "new-epoch", *_where(server))
    server.start()
    # Refresh tokens rotated after the backup are unknown to the restored server.
    for name in ("b", "e"):
        desk.login(name, f"coord-{name}")

    # E syncs first and edits the milestone: refused for now, the server lacks it.
    assert "推送 0 条" in desk.sync("e")
    with desk.store("e") as store:
        coordination.update_milestone(store, milestone, note="E 补充的备注")
    out = desk.sync("e")
    assert "被拒绝 1 条" in out and "自动重试" in out
    assert "自动重试" in desk.on("e", "conflicts")

    # B offers what the server lacks, though A wrote it: the milestone is back.
    out = desk.sync("b")
    assert "推送 1 条" in out and "被拒绝 0 条" in out, out
    assert "已标记完成" in desk.on("b", "milestone", "done", milestone[:8], "--date", "2026-06-20")
    assert "被拒绝 0 条" in desk.sync("b")

    # E's refused edit goes through by itself once the milestone has arrived.
    assert "被拒绝 0 条" in desk.sync("e")
    assert "没有未处理的冲突" in desk.on("e", "conflicts")
    with desk.store("e") as store:
        assert sync_apply.rejected_changes(store.db) == []
        assert store.pending_changes() == 0

    # A new desktop C gets the milestone, B's completion and E's note.
    desk.login("c", "coord-c")
    desk.sync("c")
    assert desk.query("c", "SELECT title, done_date, note FROM milestone WHERE id = ?",
                      [milestone]) == [("只有A写过", "2026-06-20", "E 补充的备注")]  # fmt: skip

    # The server recorded the relay under A (its author), naming B's relaying device.
    audit = json.loads(desk.run("server", "audit", *_where(server), "--json",
                                "--limit", "1000"))  # fmt: skip
    relays = [row for row in audit if row["id"] == milestone and "转交" in row["reason"]]
    (b_device,) = desk.query("b", "SELECT value FROM sync_state WHERE key = 'device_id'")[0]
    assert [(r["user"], r["status"]) for r in relays] == [("coord-a", "accepted")]
    assert b_device in relays[0]["reason"]


def _where(server: ServerProcess) -> list[str]:
    """The server's data location as CLI arguments."""
    if isinstance(server.data_dir, str):
        return ["--database", server.data_dir]
    return ["--data", str(server.data_dir)]


def _nightly_backup(server: ServerProcess, backup: Path) -> Path:
    if isinstance(server.data_dir, str):  # PostgreSQL: pg_dump while the server runs
        from tests.helpers.postgres import binaries

        dump = backup.with_suffix(".dump")
        subprocess.run([str(binaries() / "pg_dump"), "-Fc", "-f", str(dump), server.data_dir],
                       check=True, capture_output=True)  # fmt: skip
        return dump
    backup.mkdir()
    with (
        sqlite3.connect(server.data_dir / DB_NAME) as live,
        sqlite3.connect(backup / DB_NAME) as copy,
    ):
        live.backup(copy)
    live.close()
    copy.close()
    return backup / DB_NAME


def _put_back(server: ServerProcess, backup: Path) -> None:
    """The server's disk dies; the backup is restored (the server is stopped)."""
    if isinstance(server.data_dir, str):  # an empty database, then pg_restore
        import psycopg

        from tests.helpers.postgres import binaries

        admin_url, name = server.data_dir.rsplit("/", 1)
        with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        subprocess.run([str(binaries() / "pg_restore"), "-d", server.data_dir, str(backup)],
                       check=True, capture_output=True)  # fmt: skip
        return
    _replace_files(server, backup)  # the caller starts a new epoch and the server


def _replace_files(server: ServerProcess, backup: Path) -> None:
    for path in server.data_dir.iterdir():
        path.unlink()
    (server.data_dir / DB_NAME).write_bytes(backup.read_bytes())


def _restore(server: ServerProcess, backup: Path) -> None:
    server.stop()
    _replace_files(server, backup)
    server.storage().new_epoch()
    server.start()


def _backup(server: ServerProcess, target: Path) -> Path:
    with sqlite3.connect(server.data_dir / DB_NAME) as live, sqlite3.connect(target) as copy:
        live.backup(copy)
    live.close()
    copy.close()
    return target


def test_a_relay_restores_only_what_both_accounts_may_write(tmp_path: Path) -> None:
    """A member's desktop restores its unit's milestone (written by a coordinator) but
    not another unit's; forged authors and rewrites of reports are refused."""
    server = ServerProcess(tmp_path / "server-data")
    server.init()
    server.start()
    try:
        coord = logged_in(tmp_path, server, "coord", "coord", "coordinator")
        assert main(["import", str(SEED), "--db", str(coord.path)]) == 0
        coord.sync()
        member = logged_in(tmp_path, server, "shangwu", "shangwu", "member", "市商务局")
        member.sync()
        backup = _backup(server, tmp_path / "backup.db")
        task = {no: coord.query("SELECT id FROM task WHERE no = ?", [no])[0][0] for no in (10, 14)}
        with coord.opened() as store:
            own = coordination.add_milestone(store, task[14], "商务局的节点", "2026-09-30")
            other = coordination.add_milestone(store, task[10], "政数局的节点", "2026-09-30")
        coord.sync()
        member.sync()
        coord.path.unlink()  # the coordinator's database is lost with the server

        _restore(server, backup)
        member.login()
        report = member.sync()
        assert report.server_changed and report.rejected == 0
        assert report.pushed == 1 and report.relays_refused == 1
        # Nothing local is undone, nothing shows as the member's own rejected change.
        assert {r[0] for r in member.query("SELECT id FROM milestone")} == {own, other}
        with member.opened() as store:
            assert sync_apply.rejected_changes(store.db) == []
        fresh = logged_in(tmp_path, server, "coord2", "coord2", "coordinator")
        fresh.sync()
        assert [r[0] for r in fresh.query("SELECT id FROM milestone")] == [own]
        audit = server.storage().audit_rows(limit=1000)
        (relayed,) = [row for row in audit if row[6] == own]
        assert relayed[1] == "coord" and member.engine.device_id in relayed[10]

        # Forged relays over HTTP: an author that may not write the record, a rewrite.
        server.user("chengguan", "member", "市城管局")
        stranger = logged_in(tmp_path, server, "chengguan", "chengguan", "member", "市城管局")
        token = member.engine._access

        def relay(tbl: str, record_id: str, origin: str, **fields: object) -> dict:
            op = {"op": new_id(), "tbl": tbl, "id": record_id, "kind": "insert", "fields": fields,
                  "base": 10**9, "relay": {"from": origin, "fields": list(fields)}}  # fmt: skip
            reply = raw(server, "POST", "/v1/push", token, json={"ops": [op]})
            return reply.json()["results"][0]

        forged = relay("milestone", new_id(), stranger.engine.device_id, task_id=task[14],
                       title="冒名的节点", position=0)  # fmt: skip
        assert forged["status"] == "rejected" and "未承担" in forged["reason"]
        # A relay never overrides what was changed since the restore (whatever its base).
        fresh.edit("milestone", own, {"title": "恢复后改的名"})
        fresh.sync()
        (coord_device,) = {r[2] for r in audit if r[6] == own}
        late = relay("milestone", own, coord_device, task_id=task[14], title="旧名")
        assert late["status"] == "conflict"
        assert server.storage().conn().execute(
            "SELECT json_extract(fields, '$.title') FROM record WHERE id = ?", [own]
        ).fetchall() == [("恢复后改的名",)]
        with member.opened() as store:
            report_id = progress.add_report(store, task[14], member.query("SELECT id FROM unit WHERE name = '市商务局'")[0][0],
                                            period="2026-06", text="原始填报")  # fmt: skip
        member.sync()
        (fields,) = [json.loads(r[0]) for r in member.query(
            "SELECT fields FROM change_log WHERE record_id = ?", [report_id])]  # fmt: skip
        rewrite = relay("report", report_id, member.engine.device_id, **{**fields, "text": "改写"})
        assert rewrite["status"] == "rejected" and "只能追加" in rewrite["reason"]
    finally:
        server.stop()
