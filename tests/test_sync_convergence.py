"""Clients converge through a real server: merges, conflicts, deletes, clock skew."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from desktop.errors import UserError
from desktop.models import store as store_module
from sync import apply as sync_apply
from tests.helpers.sync_helpers import (  # noqa: F401
    Client,
    ServerProcess,
    logged_in,
    new_fingerprint,
    sync_server,
)

pytestmark = pytest.mark.both_backends


@pytest.fixture
def clients(tmp_path: Path, sync_server: ServerProcess):  # noqa: F811
    def make(name: str, user: str = "coord") -> Client:
        return logged_in(tmp_path, sync_server, name, user)

    return make


def test_two_clients_converge_after_offline_edits(clients) -> None:
    a, b = clients("a"), clients("b")
    plan = a.import_plan(new_fingerprint())
    a.sync()
    b.sync()
    assert b.dump(plan) == a.dump(plan)
    t1, t2 = a.task_id(plan, 1), a.task_id(plan, 2)
    # Offline: each edits a different task, then both sync (twice, any order).
    a.edit("task", t1, {"title": "甲改任务一"})
    b.edit("task", t2, {"title": "乙改任务二"})
    b.sync()
    a.sync()
    b.sync()
    assert a.dump(plan) == b.dump(plan)
    assert a.query("SELECT title FROM task WHERE id = ?", [t2]) == [("乙改任务二",)]
    assert a.pending() == b.pending() == 0
    assert sync_apply.open_conflicts(a.store().db) == []


def test_three_clients_and_different_fields_merge(clients) -> None:
    a, b, c = clients("a"), clients("b", "coord2"), clients("c", "coord3")
    plan = a.import_plan(new_fingerprint())
    # b imports the same document offline: v5 ids converge, no duplicate, no conflict.
    b.import_plan(plan_fp := a.query("SELECT fingerprint FROM plan WHERE id = ?", [plan])[0][0])
    assert plan_fp
    for client in (a, b, c):
        first = client.sync()
        # imported_at / source_name are local facts: never a conflict.
        assert first.conflicts == 0 and first.rejected == 0
    t1 = a.task_id(plan, 1)
    a.edit("task", t1, {"title": "甲的标题"})
    b.edit("task", t1, {"text": "乙的正文"})
    c.delete("plan_warning", c.query("SELECT id FROM plan_warning WHERE plan_id = ?", [plan])[0][0])
    for client in (a, b, c, a, b):
        report = client.sync()
        assert report.conflicts == 0 and report.rejected == 0
    assert a.dump(plan) == b.dump(plan) == c.dump(plan)
    assert a.query("SELECT title, text FROM task WHERE id = ?", [t1]) == [("甲的标题", "乙的正文")]
    for client in (a, b, c):
        assert client.query("SELECT count(*) FROM plan WHERE id = ?", [plan]) == [(1,)]
        assert client.query("SELECT count(*) FROM plan_warning WHERE plan_id = ?", [plan]) == [(0,)]


def test_same_field_conflict_kept_on_both_sides_and_resolution_syncs(
    clients,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    a, b = clients("a"), clients("b", "coord2")
    plan = a.import_plan(new_fingerprint())
    a.sync()
    b.sync()
    t1 = a.task_id(plan, 1)
    a.edit("task", t1, {"title": "甲的标题"})
    b.edit("task", t1, {"title": "乙的标题"})
    assert a.sync().conflicts == 0
    report = b.sync()
    assert report.conflicts == 1
    # Both values kept: the server's in the table, b's in the conflict record.
    conflicts = sync_apply.open_conflicts(b.store().db)
    assert [(c["field"], c["mine"], c["theirs"]) for c in conflicts] == [
        ("title", "乙的标题", "甲的标题")
    ]
    server_conflicts = [
        row for row in sync_server.storage().conflicts() if row[2] == t1 and row[3] == "title"
    ]
    assert len(server_conflicts) == 1 and json.loads(server_conflicts[0][5]) == "乙的标题"
    assert a.sync().notices == 1
    assert a.dump(plan) == b.dump(plan)  # converged on the server's value meanwhile
    # a learns of it too: its value stood, b's was held back.
    notice = sync_apply.open_conflicts(a.store().db)
    assert [(c["side"], c["field"], c["mine"], c["theirs"]) for c in notice] == [
        ("notice", "title", "甲的标题", "乙的标题")
    ]
    assert a.sync().notices == 0  # told once
    # b resolves with its own value from the command line: a new op that reaches a.
    from desktop.cli import main as cli

    cid = str(conflicts[0]["id"])
    assert cli(["conflicts", "resolve", cid, "--mine", "--db", str(b.path)]) == 0
    assert cli(["conflicts", "resolve", cid, "--theirs", "--db", str(b.path)]) == 2  # done
    with b.opened() as store, pytest.raises(UserError):
        sync_apply.resolve_conflict(store, conflicts[0]["id"], "theirs")
    assert b.sync().conflicts == 0
    a.sync()
    assert a.query("SELECT title FROM task WHERE id = ?", [t1]) == [("乙的标题",)]
    assert sync_apply.open_conflicts(b.store().db) == []
    assert sync_apply.open_conflicts(a.store().db) == []  # closed on a's side as well
    resolved = [
        row for row in sync_server.storage().conflicts() if row[0] == server_conflicts[0][0]
    ]
    assert resolved[0][9] is not None  # the server's record is marked resolved too


def test_edit_vs_delete_is_a_conflict_both_ways(clients) -> None:
    a, b = clients("a"), clients("b", "coord2")
    plan = a.import_plan(new_fingerprint())
    a.sync()
    b.sync()
    warning = a.query("SELECT id FROM plan_warning WHERE plan_id = ?", [plan])[0][0]
    assignment = a.dump(plan)["assignment"][0][0]
    # 1) a deletes, b edits: b's edit is a conflict, not silently lost.
    a.delete("plan_warning", warning)
    b.edit("plan_warning", warning, {"message": "乙改的警告"})
    a.sync()
    assert b.sync().conflicts == 1
    conflict = sync_apply.open_conflicts(b.store().db)[0]
    assert conflict["kind"] == "edit_delete" and conflict["mine"]["message"] == "乙改的警告"
    assert b.query("SELECT count(*) FROM plan_warning WHERE id = ?", [warning]) == [(0,)]
    with b.opened() as store:
        sync_apply.resolve_conflict(store, conflict["id"], "mine")  # bring it back
    b.sync()
    a.sync()
    assert a.query("SELECT message FROM plan_warning WHERE id = ?", [warning]) == [("乙改的警告",)]
    # 2) a edits, b deletes: b's delete is a conflict; the record stays everywhere.
    a.edit("assignment", assignment, {"position": 7})
    b.delete("assignment", assignment)
    a.sync()
    assert b.sync().conflicts == 1
    assert sync_apply.open_conflicts(b.store().db)[0]["kind"] == "delete_edit"
    assert b.query("SELECT position FROM assignment WHERE id = ?", [assignment]) == [(7,)]
    assert a.dump(plan) == b.dump(plan)


@pytest.mark.parametrize("skew_days", [3, -3])
def test_clock_skew_changes_nothing(clients, monkeypatch, skew_days: int) -> None:
    a, b = clients("a"), clients("b", "coord2")
    plan = a.import_plan(new_fingerprint())
    a.sync()
    b.sync()
    t1 = a.task_id(plan, 1)
    real_now = store_module.utc_now

    def skewed() -> str:
        return (dt.datetime.fromisoformat(real_now()) + dt.timedelta(days=skew_days)).isoformat()

    # b's clock is off; a edits first in real time, b "later" or "earlier" by its clock.
    a.edit("task", t1, {"title": "甲"})
    monkeypatch.setattr(store_module, "utc_now", skewed)
    b.edit("task", t1, {"title": "乙"})
    monkeypatch.setattr(store_module, "utc_now", real_now)
    a.sync()
    report = b.sync()
    a.sync()
    # Same outcome whatever the skew: the first pushed value stands, b gets a conflict.
    assert report.conflicts == 1
    assert a.query("SELECT title FROM task WHERE id = ?", [t1]) == [("甲",)]
    assert b.query("SELECT title FROM task WHERE id = ?", [t1]) == [("甲",)]


def test_conflict_resolved_on_the_notice_side_reaches_both(clients) -> None:
    a, b = clients("a"), clients("b", "coord2")
    plan = a.import_plan(new_fingerprint())
    a.sync()
    b.sync()
    t2 = a.task_id(plan, 2)
    a.edit("task", t2, {"text": "甲的正文"})
    b.edit("task", t2, {"text": "乙的正文"})
    a.sync()
    assert b.sync().conflicts == 1
    a.sync()
    [notice] = sync_apply.open_conflicts(a.store().db)
    assert notice["side"] == "notice" and notice["theirs"] == "乙的正文"
    with a.opened() as store:  # a, whose value stood, takes b's instead: a new op
        sync_apply.resolve_conflict(store, notice["id"], "theirs")
    a.sync()
    b.sync()
    assert b.query("SELECT text FROM task WHERE id = ?", [t2]) == [("乙的正文",)]
    assert a.query("SELECT text FROM task WHERE id = ?", [t2]) == [("乙的正文",)]
    assert sync_apply.open_conflicts(b.store().db) == []  # b's record closed by a's choice
    assert sync_apply.open_conflicts(a.store().db) == []


def test_two_databases_of_one_user_sharing_a_keyring_stay_separate_devices(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    from tests.helpers.sync_helpers import Client

    sync_server.user("coord")
    a = Client(tmp_path / "a.db", sync_server, "coord")
    b = Client(tmp_path / "b.db", sync_server, "coord")
    b.tokens = a.tokens  # one OS keyring on one machine
    b.engine.tokens = a.tokens
    a.login()
    b.login()  # must not replace a's token: a would then sync as b's device
    plan = a.import_plan(new_fingerprint())
    a.sync()
    b.sync()
    t1 = a.task_id(plan, 1)
    b.edit("task", t1, {"title": "乙库的修改"})
    b.sync()
    a.sync()
    assert a.query("SELECT title FROM task WHERE id = ?", [t1]) == [("乙库的修改",)]
    devices = {
        c.query("SELECT value FROM sync_state WHERE key = 'device_id'")[0][0] for c in (a, b)
    }
    assert len(devices) == 2
