"""Issue 7 S1–S3, tried the way they were found: real tokens against a real server.

The demo plan is imported by a coordinator and synced; members of 市商务局 and
市农业农村局 (both assigned to task 14, on different work items) push crafted ops
over HTTP.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.models import coordination, progress
from desktop.models.ids import new_id
from tests.helpers.sync_helpers import PASSWORD, Client, ServerProcess, raw


class World:
    def __init__(self, server: ServerProcess, root: Path, seed: Path) -> None:
        self.server = server
        server.user("coord", "coordinator")
        server.user("shangwu", "member", "市商务局")
        server.user("nongye", "member", "市农业农村局")
        self.coord = Client(root / "coord.db", server, "coord")
        assert main(["import", str(seed), "--db", str(self.coord.path)]) == 0
        self.coord.login()
        self.coord.sync()
        self.nongye = Client(root / "nongye.db", server, "nongye")
        self.nongye.login()
        self.nongye.sync()
        q = self.coord.query
        self.task = {no: q("SELECT id FROM task WHERE no = ?", [no])[0][0] for no in (9, 10, 14)}
        self.item = {
            (no, pos): q(
                "SELECT id FROM item WHERE task_id = ? AND position = ?", [self.task[no], pos]
            )[0][0]
            for no, pos in ((14, 0), (14, 2), (9, 0))
        }
        self.unit = {
            name: q("SELECT id FROM unit WHERE name = ?", [name])[0][0]
            for name in ("市商务局", "市农业农村局", "市政数局")
        }
        # The victim: 市农业农村局's report on item 14-1, and its milestone on task 14.
        with self.nongye.opened() as store:
            self.report = progress.add_report(
                store, self.task[14], self.unit["市农业农村局"], period="2024-06",
                text="农业农村局的原始填报", percent=30, item_id=self.item[(14, 0)],
            )  # fmt: skip
            self.deleted_report = progress.add_report(
                store, self.task[14], self.unit["市农业农村局"], period="2024-07",
                text="将被管理员删除", item_id=self.item[(14, 0)],
            )  # fmt: skip
            self.milestone = coordination.add_milestone(
                store, self.task[14], "农产品上行体系建成", "2024-09-30",
                owner_unit_id=self.unit["市农业农村局"], item_id=self.item[(14, 0)],
            )  # fmt: skip
        assert self.nongye.sync().rejected == 0

    def token(self, user: str) -> str:
        reply = raw(self.server, "POST", "/v1/login", json={"username": user, "password": PASSWORD})
        assert reply.status_code == 200, reply.text
        return reply.json()["access_token"]

    def push(self, user: str, *ops: dict[str, Any]) -> list[dict[str, Any]]:
        reply = raw(self.server, "POST", "/v1/push", self.token(user), json={"ops": list(ops)})
        assert reply.status_code == 200, reply.text
        return reply.json()["results"]

    def record(self, tbl: str, record_id: str) -> dict[str, Any] | None:
        row = (
            self.server.storage()
            .conn()
            .execute("SELECT fields FROM record WHERE tbl = ? AND id = ?", [tbl, record_id])
            .fetchone()
        )
        return json.loads(row[0]) if row else None


def op(tbl: str, record_id: str, kind: str, **fields: Any) -> dict[str, Any]:
    return {"op": new_id(), "tbl": tbl, "id": record_id, "kind": kind, "fields": fields}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, seed_path_module: Path) -> Iterator[World]:
    server = ServerProcess(tmp_path_factory.mktemp("holes-server"))
    server.init()
    server.start()
    try:
        yield World(server, tmp_path_factory.mktemp("holes"), seed_path_module)
    finally:
        server.stop()


@pytest.fixture(scope="module")
def seed_path_module() -> Path:
    return Path(__file__).resolve().parent.parent / "assets" / "demo-plan-changchun-2023.txt"


def test_s1_an_insert_never_rewrites_an_existing_record(world: World) -> None:
    before = world.record("report", world.report)
    attack = op(
        "report", world.report, "insert", task_id=world.task[14],
        unit_id=world.unit["市商务局"], item_id=world.item[(14, 2)], period="2024-06",
        text="被商务局改写", percent=100, created_at="2024-06-30",
    )  # fmt: skip
    (result,) = world.push("shangwu", attack)
    assert result["status"] == "rejected" and "已有相同编号" in result["reason"]
    assert world.record("report", world.report) == before
    # Append-only holds for coordinators too, and an insert never merges into a milestone.
    coord_report = op("report", world.report, "insert", **{**before, "text": "协调员改写"})
    coord_ms = op("milestone", world.milestone, "insert", title="被改名", task_id=world.task[14])
    member_ms = op("milestone", world.milestone, "insert", title="商务局改名")
    results = world.push("coord", coord_report, coord_ms)
    results += world.push("shangwu", member_ms)
    assert [r["status"] for r in results] == ["rejected"] * 3
    assert world.record("report", world.report) == before
    assert world.record("milestone", world.milestone)["title"] == "农产品上行体系建成"
    # An identical replay (a lost reply, another office importing the same plan) is a no-op.
    seq_before = world.server.storage().max_seq()
    (replay,) = world.push("nongye", op("report", world.report, "insert", **before))
    assert replay["status"] == "accepted" and replay["seq"] is None
    assert world.server.storage().max_seq() == seq_before
    # A report an admin deleted never comes back under its id with other contents.
    gone = world.record("report", world.deleted_report)
    seen = world.server.storage().max_seq()
    (deleted,) = world.push("admin", {**op("report", world.deleted_report, "delete"), "base": seen})
    assert deleted["status"] == "accepted"
    (revived,) = world.push(
        "nongye", op("report", world.deleted_report, "insert", **{**gone, "text": "借尸还魂"})
    )
    assert revived["status"] == "rejected"
    (replayed,) = world.push("nongye", op("report", world.deleted_report, "insert", **gone))
    assert replayed["status"] == "accepted" and replayed["seq"] is None  # a replay: no-op
    # Nothing of the attacks reached any desktop.
    world.nongye.sync()
    assert (
        world.nongye.query("SELECT text FROM report WHERE text IN ('被商务局改写', '借尸还魂')")
        == []
    )


def test_s2_references_are_checked_and_authors_come_from_the_token(
    world: World, tmp_path: Path
) -> None:
    own = {
        "task_id": world.task[14], "item_id": world.item[(14, 2)],
        "unit_id": world.unit["市商务局"], "period": "2024-06", "text": "商务局填报",
        "percent": 50, "figures": "{}", "created_at": "2024-06-30",
    }  # fmt: skip
    hijack = op("report", new_id(), "insert", **own, supersedes_id=world.report)
    also = op("report", new_id(), "insert", **own, also_supersedes=json.dumps([world.report]))
    cross = op(
        "milestone", new_id(), "insert", task_id=world.task[14],
        item_id=world.item[(9, 0)], title="错配的工作项", position=0,
    )  # fmt: skip
    foreign_owner = op(
        "milestone", new_id(), "insert", task_id=world.task[14], title="挂到别的单位",
        owner_unit_id=world.unit["市政数局"] + "x", position=0,
    )  # fmt: skip
    results = world.push("shangwu", hijack, also, cross, foreign_owner)
    assert [r["status"] for r in results] == ["rejected"] * 4, results
    assert "同一单位" in results[0]["reason"] and "同一单位" in results[1]["reason"]
    assert "工作项不属于该任务" in results[2]["reason"]
    assert "责任单位" in results[3]["reason"]
    # A coordinator may not pair an item with another task either (consistency).
    (coord_cross,) = world.push("coord", {**cross, "op": new_id()})
    assert coord_cross["status"] == "rejected"
    # The author is the account, whatever the client says; the desktop adopts it.
    member = Client(tmp_path / "shangwu.db", world.server, "shangwu")
    member.login()
    member.sync()
    with member.opened() as store:
        report_id = progress.add_report(
            store, world.task[14], world.unit["市商务局"], period="2024-06", text="自报",
            item_id=world.item[(14, 2)], author="市长",
        )  # fmt: skip
        extension = coordination.add_milestone(store, world.task[14], "商务节点", "2024-08-01")
    with member.opened() as store:
        coordination.extend_milestone(store, extension, "2024-09-01", "延误", recorded_by="市长")
    assert member.sync().rejected == 0
    assert world.record("report", report_id)["author"] == "shangwu"
    assert member.query("SELECT author FROM report WHERE id = ?", [report_id]) == [("shangwu",)]
    assert member.query("SELECT recorded_by FROM milestone_extension") == [("shangwu",)]
    forged = op("milestone_extension", new_id(), "insert", milestone_id=extension,
                new_due="2024-10-01", recorded_at="2024-07-01", recorded_by="coord")  # fmt: skip
    (result,) = world.push("shangwu", forged)
    assert result["status"] == "accepted" and result["set"] == {"recorded_by": "shangwu"}
    assert world.record("milestone_extension", forged["id"])["recorded_by"] == "shangwu"


def test_s3_members_add_dependencies_only_onto_their_own_work(world: World) -> None:
    def dep(pred: str, succ: str) -> dict[str, Any]:
        return op("dependency", new_id(), "insert", pred_kind="task", pred_id=pred,
                  succ_kind="task", succ_id=succ, lag_days=0)  # fmt: skip

    blocks_other = dep(world.task[14], world.task[10])  # would make 市政数局's task 10 受阻
    waits_on_other = dep(world.task[10], world.task[14])  # 商务局's own task 14 waits
    dangling = dep("no-such-task", world.task[14])
    results = world.push("shangwu", blocks_other, waits_on_other, dangling)
    assert [r["status"] for r in results] == ["rejected", "accepted", "rejected"], results
    assert "后续工作须是本单位的" in results[0]["reason"]
    assert "不存在" in results[2]["reason"]
    # Nor can a member re-point an existing dependency onto another unit's work.
    (moved,) = world.push(
        "shangwu", op("dependency", waits_on_other["id"], "update", succ_id=world.task[10])
    )
    assert moved["status"] == "rejected"
    (coord,) = world.push("coord", {**blocks_other, "op": new_id()})
    assert coord["status"] == "accepted"


def test_an_edit_of_a_record_the_server_lacks_waits_for_it(world: World) -> None:
    """Refused as "missing", never for permissions it cannot check yet (the desktop
    keeps it and retries when the record arrives, see test_sync_restore_relay)."""
    missing = op("milestone", new_id(), "update", done_date="2024-06-30")
    (result,) = world.push("shangwu", missing)
    assert result["status"] == "rejected" and result["code"] == "missing_base"
    assert "自动重试" in result["reason"]
