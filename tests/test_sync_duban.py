"""The 督办 workflow through a real sync server process: a member applies for 办结
on desktop A, a coordinator approves (销号) on desktop B, A sees 已完成; members
cannot decide, act for another unit or rewrite a step."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.errors import UserError
from desktop.models import coordination as co
from desktop.models import duban as du
from desktop.models import duban_queries as dq
from desktop.models import status as st
from desktop.models import status_queries
from desktop.models.ids import new_id
from desktop.models.store import utc_now
from tests.helpers.sync_helpers import (  # noqa: F401
    Client,
    ServerProcess,
    coordinator_with_plan,
    logged_in,
    sync_server,
)


def _coordinator_and_member(tmp_path: Path, server: ServerProcess) -> tuple:
    """Desktop a (coordinator, a small plan synced) and desktop m (member of 市政数局,
    synced), and the plan's tasks 1 and 2."""
    coord, plan = coordinator_with_plan(tmp_path, server)
    coord.sync()
    t1, t2 = coord.task_id(plan, 1), coord.task_id(plan, 2)
    member = logged_in(tmp_path, server, "m", "zhengshu", "member", "市政数局")
    member.sync()
    return coord, member, t1, t2


def test_member_applies_coordinator_approves_member_sees_done(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    coord_a, member, t1, t2 = _coordinator_and_member(tmp_path, sync_server)
    with member.opened() as store:
        city = store.find_unit("市政数局")
        other = store.find_unit("市工信局")
        signoff_id = du.apply_signoff(store, t1, city, "已完成，附验收报告")
        du.sign_in(store, t1, city)
        # not allowed on the server: a decision, and acting for another unit
        with store.action("forged") as tx:
            tx.insert("signoff_decision", {"signoff_id": signoff_id, "decision": "approved",
                                           "reason": "", "decided_at": utc_now(),
                                           "decided_by": "zhengshu"})  # fmt: skip
            tx.insert("signin", {"id": new_id(), "task_id": t2, "item_id": None,
                                 "unit_id": other, "signed_at": utc_now(),
                                 "signed_by": "zhengshu"})  # fmt: skip
    report = member.sync()
    assert report.rejected == 2, report.rejected_reasons
    assert any("协调员" in r for r in report.rejected_reasons)
    assert any("本单位（市政数局）的名义" in r for r in report.rejected_reasons)
    # the forged approval did not survive on the member's desktop either
    with member.opened() as store:
        assert status_queries.compute_status(store.db).tasks[t1].status != st.DONE

    coord_b = logged_in(tmp_path, sync_server, "b")
    coord_b.sync()
    with coord_b.opened() as store:
        pending = dq.signoffs(store.db, pending=True)
        assert [r["id"] for r in pending] == [signoff_id]
        assert pending[0]["applied_by"] == "zhengshu" and pending[0]["unit_name"] == "市政数局"
        du.decide_signoff(store, signoff_id, True, "材料齐全")
    assert coord_b.sync().rejected == 0

    member.sync()
    with member.opened() as store:
        assert status_queries.compute_status(store.db).tasks[t1].status == st.DONE
        row = dq.signoffs(store.db)[0]
        assert row["state"] == "approved" and row["decided_by"] == "coord"
    # a step is never rewritten, not even by a coordinator's (tampered) client
    with coord_b.opened() as store:
        store.db.execute(
            "INSERT INTO change_log (op_id, action, tbl, record_id, kind, fields, base_seq,"
            " created_at) VALUES (?, 'x', 'signoff', ?, 'update', ?, 0, '')",
            [new_id(), signoff_id, '{"evidence":"改写"}'],
        )
    report = coord_b.sync()
    assert report.rejected == 1 and any("只能追加" in r for r in report.rejected_reasons)


def test_server_refuses_a_signoff_from_a_unit_that_does_not_lead(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    """The desktop refuses it; a client that skips the desktop's check meets the server's."""
    coord, plan = coordinator_with_plan(tmp_path, sync_server)
    t1 = coord.task_id(plan, 1)
    with coord.opened() as store:
        closing = dq.closing_units(store.db, t1)
        other = store.db.execute(
            "SELECT a.unit_id FROM assignment a JOIN item i ON i.id = a.item_id"
            " WHERE i.task_id = ? ORDER BY a.role, a.position",
            [t1],
        ).fetchall()
        not_lead = next(u for (u,) in other if u not in closing)
        with store.action("forged") as tx:
            forged = tx.insert("signoff", {"task_id": t1, "item_id": None, "unit_id": not_lead,
                                           "evidence": "已完成", "applied_at": utc_now(),
                                           "applied_by": "coord"})  # fmt: skip
    report = coord.sync()
    assert report.rejected == 1 and any("牵头单位" in r for r in report.rejected_reasons)
    assert not [r for r in sync_server.server_ops() if forged in r]


def test_a_change_made_on_another_desktop_lets_a_unit_sign_in_again(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    """签收 on the member's desktop; the coordinator then renames the task and adds a
    milestone on theirs. Once pulled, those are changes since the sign-in: listed, and
    signing again is allowed (it was refused: only this desktop's own log was read).
    With only its own sign-in come back from the server, or after edits of another
    task, signing again stays refused."""
    coord, member, t1, t2 = _coordinator_and_member(tmp_path, sync_server)
    with member.opened() as store:
        city = store.find_unit("市政数局")
        du.sign_in(store, t1, city)
        signed = dq.last_signin(store.db, t1, None, city)
    assert member.sync().rejected == 0
    with member.opened() as store:  # its own sign-in came back with a seq: no change
        assert dq.changes_since(store.db, t1, signed) == []
        with pytest.raises(UserError, match="已于"):
            du.sign_in(store, t1, city)

    coord.edit("task", t2, {"title": "另一项任务改名"})
    assert coord.sync().rejected == 0
    member.sync()
    with member.opened() as store:  # another task's edit is no change of t1
        assert dq.changes_since(store.db, t1, signed) == []
        with pytest.raises(UserError, match="已于"):
            du.sign_in(store, t1, city)

    coord.edit("task", t1, {"title": "任务改名"})
    with coord.opened() as store:
        co.add_milestone(store, t1, "新节点", "2027-03-01")
    assert coord.sync().rejected == 0
    member.sync()
    with member.opened() as store:
        changes = dq.changes_since(store.db, t1, signed)
        assert sorted(c["what"] for c in changes) == ["修改任务", "新增里程碑"]
        assert all(c["remote"] for c in changes)
        du.sign_in(store, t1, city)  # allowed now
        again = dq.last_signin(store.db, t1, None, city)
        with pytest.raises(UserError, match="已于"):  # and refused once more after it
            du.sign_in(store, t1, city)
    assert member.sync().rejected == 0
    with member.opened() as store:  # the second sign-in, pushed: the edits are before it
        assert dq.changes_since(store.db, t1, again) == []
