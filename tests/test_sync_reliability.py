"""Interruptions, retries, backlogs, token expiry, revocation, wiped servers."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from desktop.models.ids import new_id
from sync import apply as sync_apply
from sync.client import PUSH_BATCH, DeviceRevoked
from tests.helpers.sync_helpers import (  # noqa: F401
    ServerProcess,
    fresh_server,
    logged_in,
    new_fingerprint,
    raw,
    sync_server,
)


def _op_ids(server: ServerProcess) -> list[str]:
    return [row[1] for row in server.server_ops()]


def test_push_reply_lost_then_retry_creates_no_duplicate(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    a = logged_in(tmp_path, sync_server, "a")
    plan = a.import_plan(new_fingerprint())
    with a.opened() as store:
        ops = sync_apply.pending_ops(store.db, 1000)
    # The server commits the push, but the client "dies" before reading the reply.
    token = a.engine._access
    reply = raw(sync_server, "POST", "/v1/push", token, json={"ops": ops})
    assert reply.status_code == 200
    first = {r["op"]: r["seq"] or 0 for r in reply.json()["results"]}  # 0: no-op
    assert a.pending() == len(ops)  # nothing marked acked locally
    report = a.sync()
    assert report.pushed == len(ops) and a.pending() == 0
    seqs = dict(a.query("SELECT op_id, acked_seq FROM change_log"))
    assert {op["op"]: seqs[op["op"]] for op in ops} == first  # the first outcome
    server_ids = _op_ids(sync_server)
    assert len(server_ids) == len(set(server_ids))
    assert sum(1 for op in ops if op["op"] in set(server_ids)) == sum(
        1 for s in first.values() if s
    )
    b = logged_in(tmp_path, sync_server, "b")
    b.sync()
    assert b.dump(plan) == a.dump(plan)


def test_pull_page_applied_without_cursor_creates_no_duplicate(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    a, b = logged_in(tmp_path, sync_server, "a"), logged_in(tmp_path, sync_server, "b")
    b.sync()
    plan = a.import_plan(new_fingerprint())
    a.sync()
    cursor = int(b.query("SELECT value FROM sync_state WHERE key = 'cursor'")[0][0])
    page = raw(sync_server, "GET", "/v1/pull", b.engine._access, params={"since": cursor}).json()
    assert page["ops"]
    with b.opened() as store, store.db.atomic():  # applied, then "crash" before the cursor
        sync_apply.apply_remote_ops(store.db, page["ops"])
    assert b.query("SELECT value FROM sync_state WHERE key = 'cursor'")[0][0] == str(cursor)
    report = b.sync()
    assert report.pulled >= len(page["ops"])
    assert b.dump(plan) == a.dump(plan)
    assert b.query("SELECT count(*) FROM task WHERE plan_id = ?", [plan]) == [(2,)]
    assert b.pending() == 0  # remote changes are never re-logged as local ones


def test_backlog_of_10000_ops_drains_in_pages_and_resumes(
    tmp_path: Path,
    fresh_server: ServerProcess,  # noqa: F811
) -> None:
    a = logged_in(tmp_path, fresh_server, "a")
    plan = a.import_plan(new_fingerprint())
    a.insert_many(
        "plan_warning",
        [
            {"id": new_id(), "plan_id": plan, "position": i, "message": f"警告{i}"}
            for i in range(10_000)
        ],
    )
    total = a.pending()
    assert total > 10_000
    batches: list[int] = []
    report = a.sync(
        progress=lambda phase, done, _total: batches.append(done) if phase == "push" else None,
        cancelled=lambda: len(batches) >= 3,
    )
    assert report.cancelled and report.pushed == 3 * PUSH_BATCH
    assert a.pending() == total - 3 * PUSH_BATCH  # committed batches stay committed
    report = a.sync()
    assert not report.cancelled and a.pending() == 0
    assert report.pushed == total - 3 * PUSH_BATCH
    assert len(set(_op_ids(fresh_server))) == total
    b = logged_in(tmp_path, fresh_server, "b")
    b.sync()  # a new client: snapshot pages, then pull
    assert b.query("SELECT count(*) FROM plan_warning WHERE plan_id = ?", [plan]) == [(10_001,)]
    assert b.pending() == 0


def test_token_expiry_mid_sync_refreshes_without_duplicates(
    tmp_path: Path,
    fresh_server: ServerProcess,  # noqa: F811
) -> None:
    a = logged_in(tmp_path, fresh_server, "a")
    plan = a.import_plan(new_fingerprint())
    a.insert_many(
        "plan_warning",
        [{"plan_id": plan, "position": i, "message": f"w{i}"} for i in range(PUSH_BATCH + 200)],
    )
    total = a.pending()
    storage = fresh_server.storage()

    def expire(phase: str, done: int, _total: int) -> None:
        if phase == "push" and done == PUSH_BATCH:
            storage.expire_access_tokens(time.time() - 1)

    old_token = a.engine._access
    report = a.sync(progress=expire)
    assert a.engine._access != old_token  # refreshed once
    assert report.pushed == total and a.pending() == 0
    ids = _op_ids(fresh_server)
    assert len(ids) == len(set(ids)) == total


def test_revoked_device_stops_and_keeps_local_data(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    a = logged_in(tmp_path, sync_server, "a")
    plan = a.import_plan(new_fingerprint())
    a.sync()
    a.edit("task", a.task_id(plan, 1), {"title": "撤销前的修改"})
    device = a.query("SELECT value FROM sync_state WHERE key = 'device_id'")[0][0]
    # As an admin would: `liandong server device revoke <the 8 characters the audit shows>`.
    from desktop.cli import main as cli

    assert cli(["server", "device", "revoke", device[:8], "--data", str(sync_server.data_dir)]) == 0
    with pytest.raises(DeviceRevoked) as err:
        a.sync()
    assert "撤销" in err.value.message and "本机数据保留" in err.value.message
    assert a.pending() == 1
    assert a.query("SELECT title FROM task WHERE id = ?", [a.task_id(plan, 1)]) == [
        ("撤销前的修改",)
    ]
    a.login()  # logging in again makes a new device; the pending edit goes through
    assert a.sync().pushed == 1


def test_new_empty_client_and_wiped_server_never_delete_anything(
    tmp_path: Path,
    fresh_server: ServerProcess,  # noqa: F811
) -> None:
    a, b = logged_in(tmp_path, fresh_server, "a"), logged_in(tmp_path, fresh_server, "b", "coord2")
    plan = a.import_plan(new_fingerprint())
    a.sync()
    b.sync()  # new empty client: gets everything, deletes nothing
    b.edit("task", b.task_id(plan, 2), {"title": "乙的修改"})
    b.sync()
    a.sync()
    before = a.dump(plan)
    assert before == b.dump(plan)
    # The server is wiped and re-initialised: a new identity, no data.
    fresh_server.stop()
    for f in fresh_server.data_dir.iterdir():
        f.unlink()
    fresh_server.init()
    fresh_server.users = {"admin"}
    fresh_server.start()
    for client, user in ((a, "coord"), (b, "coord2")):
        fresh_server.user(user)
        client.login()
    a.edit("task", a.task_id(plan, 1), {"title": "重建后甲的修改"})
    report = a.sync()
    assert report.server_changed and report.rejected == 0
    assert b.sync().server_changed
    a.sync()
    after = a.dump(plan)
    assert after["task"] and len(after["assignment"]) == len(before["assignment"])
    assert after == b.dump(plan)
    assert a.query("SELECT title FROM task WHERE id = ?", [a.task_id(plan, 1)]) == [
        ("重建后甲的修改",)
    ]
    assert a.pending() == b.pending() == 0
    # A third, new client gets the whole plan back from the rebuilt server.
    c = logged_in(tmp_path, fresh_server, "c", "coord3")
    c.sync()
    assert c.dump(plan) == after
    assert json.loads(json.dumps(c.query("SELECT count(*) FROM plan")))[0][0] == 1


def test_server_restored_from_backup_gets_missing_ops_again(
    tmp_path: Path,
    fresh_server: ServerProcess,  # noqa: F811
) -> None:
    import sqlite3

    from sync.server.storage import DB_NAME

    a, b = logged_in(tmp_path, fresh_server, "a"), logged_in(tmp_path, fresh_server, "b", "coord2")
    plan = a.import_plan(new_fingerprint())
    a.sync()
    b.sync()
    backup = tmp_path / "backup.db"
    src = sqlite3.connect(fresh_server.data_dir / DB_NAME)
    with sqlite3.connect(backup) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    # Work after the backup, then the disk dies and the backup is restored.
    t1, t2 = a.task_id(plan, 1), a.task_id(plan, 2)
    b.edit("task", t2, {"title": "备份后乙的修改"})
    b.sync()
    for i in range(3):  # a's re-push after the restore will reach past b's old seq
        a.edit("task", t1, {"title": f"备份后甲的修改{i}"})
        a.sync()
    b.sync()
    expected = a.dump(plan)
    fresh_server.stop()
    for f in fresh_server.data_dir.iterdir():
        f.unlink()
    (fresh_server.data_dir / DB_NAME).write_bytes(backup.read_bytes())
    fresh_server.storage().new_epoch()
    fresh_server.start()
    for client in (a, b, a):
        assert client.sync().rejected == 0
    assert a.dump(plan) == b.dump(plan) == expected
    c = logged_in(tmp_path, fresh_server, "c", "coord3")
    c.sync()
    assert c.dump(plan) == expected


def test_ops_of_a_table_unknown_to_this_build_are_kept_until_an_upgrade(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
    monkeypatch,
) -> None:
    """A newer server knows a table this desktop does not: its ops wait for an upgrade."""
    from sync import records

    a = logged_in(tmp_path, sync_server, "a")
    b = logged_in(tmp_path, sync_server, "b")
    b.sync()
    plan = a.import_plan(new_fingerprint())
    a.sync()
    # This desktop's build: no plan_warning table in its registry.
    monkeypatch.delitem(records.TABLES, "plan_warning")
    b.sync()  # the op is kept, the cursor moves on
    assert b.query("SELECT count(*) FROM sync_deferred") == [(1,)]
    assert b.query("SELECT count(*) FROM plan_warning WHERE plan_id = ?", [plan]) == [(0,)]
    monkeypatch.undo()  # "upgrade": the table is registered again
    b.sync()
    assert b.query("SELECT message FROM plan_warning WHERE plan_id = ?", [plan]) == [("一条警告",)]
    assert b.query("SELECT count(*) FROM sync_deferred") == [(0,)]


def test_refresh_token_rotates_and_a_reused_old_one_revokes_the_login(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    from sync.server.auth import token_hash

    a = logged_in(tmp_path, sync_server, "a")
    device = a.engine.device_id
    first = a.tokens.get(sync_server.url, "coord", device)
    a.engine._access = None
    a.sync()  # refreshes: the keyring now holds a new refresh token
    second = a.tokens.get(sync_server.url, "coord", device)
    assert second and second != first
    # The old token again, just after (a client that lost the reply): the same successor.
    again = raw(sync_server, "POST", "/v1/refresh", json={"refresh_token": first})
    assert again.status_code == 200 and again.json()["refresh_token"] == second
    # Much later: somebody holds a copy (or a reply was lost for over a minute). The whole
    # login is revoked with a message saying why; local data kept.
    storage = sync_server.storage()
    with storage.write() as conn:
        conn.execute(
            "UPDATE token SET rotated_at = rotated_at - 3600 WHERE hash = ?", [token_hash(first)]
        )
    stolen = raw(sync_server, "POST", "/v1/refresh", json={"refresh_token": first})
    assert stolen.status_code == 401 and "重复使用" in stolen.json()["message"]
    a.engine._access = None
    with pytest.raises(DeviceRevoked):
        a.sync()
    assert a.query("SELECT count(*) FROM sync_state WHERE key = 'device_id'") == [(1,)]
    a.login()  # the password opens a new login on the same device; no administrator needed
    assert a.engine.device_id == device
    a.sync()


def test_large_changes_are_pushed_in_batches_under_the_body_limit(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    from sync import protocol

    a = logged_in(tmp_path, sync_server, "big-a")
    b = logged_in(tmp_path, sync_server, "big-b", "coord2")
    plan = a.import_plan(new_fingerprint())
    a.sync()
    # 30 plan documents of ~1 MB each: ~30 MB of changes, more than one request may carry.
    chunk = "数字经济" * (1_000_000 // 12)
    plans = [row[0] for row in a.query("SELECT id FROM plan")]
    a.insert_many(
        "plan",
        [{"id": new_id(), "title": f"大计划{i}", "source_text": chunk} for i in range(30)],
    )
    assert len(chunk.encode()) * 30 > protocol.MAX_BODY_BYTES
    report = a.sync()
    assert report.pushed == 30 and a.pending() == 0
    b.sync()
    assert b.query("SELECT count(*) FROM plan") == [(len(plans) + 30,)]
    assert plan in plans


def test_a_change_larger_than_the_limit_is_explained_and_kept(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    from desktop.errors import UserError
    from sync import protocol

    a = logged_in(tmp_path, sync_server, "huge")
    plan = a.import_plan(new_fingerprint())
    a.sync()
    task = a.task_id(plan, 1)
    huge = "长" * (protocol.MAX_BODY_BYTES // 3 + 10)  # 3 bytes each in UTF-8
    with pytest.raises(UserError, match="过长"):  # the store refuses it (the registry's limit)
        a.edit("plan", plan, {"source_text": huge})
    # An op already in the outbox (written before the limit existed) is explained and kept.
    with a.opened() as store:
        store.db.execute("UPDATE task SET text = ? WHERE id = ?", [huge, task])
        store.db.execute(
            "INSERT INTO change_log (op_id, action, tbl, record_id, kind, fields, created_at)"
            " VALUES (?, 'old', 'task', ?, 'update', json_object('text', ?), '2026-01-01')",
            [new_id(), task, huge],
        )
    with pytest.raises(UserError, match="过大"):
        a.sync()
    assert a.query("SELECT length(text) FROM task WHERE id = ?", [task]) == [(len(huge),)]
    assert a.pending() == 1
