"""The 督办 rules the desktop enforces, enforced by the server too (in-process push path):
only a closing unit applies for 办结, extension requests only before the due date, and
a contact's phone number in the desktop's format — whatever client sends the op."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from sync.server.storage import Device
from tests.helpers.server_inprocess import InProcessServer, op

NOW = datetime.now(UTC).isoformat(timespec="seconds")


def _day(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


@pytest.fixture
def server(tmp_path: Path) -> tuple[InProcessServer, Device]:
    srv = InProcessServer(tmp_path / "server")
    coord = srv.device("coord")
    seed = [
        op("plan", "p1", {"title": "行动计划"}),
        op("unit", "u-lead", {"name": "市政数局"}),
        op("unit", "u-support", {"name": "市工信局"}),
        op("unit", "u-resp", {"name": "市财政局"}),
        op("task", "t1", {"plan_id": "p1", "no": 1, "title": "建设城市大脑"}),
        op("item", "i1", {"task_id": "t1", "position": 0, "text": "牵头建设"}),
        op("item", "i2", {"task_id": "t1", "position": 1, "text": "保障资金"}),
        op("assignment", "a1", {"item_id": "i1", "unit_id": "u-lead", "role": "lead"}),
        op("assignment", "a2", {"item_id": "i1", "unit_id": "u-support", "role": "support"}),
        op("assignment", "a3", {"item_id": "i2", "unit_id": "u-resp", "role": "responsible"}),
        op("milestone", "m-open", {"task_id": "t1", "title": "完成招标", "due": _day(10)}),
        op("milestone", "m-late", {"task_id": "t1", "title": "完成设计", "due": _day(-3)}),
        op(
            "milestone",
            "m-done",
            {"task_id": "t1", "title": "完成立项", "due": _day(5), "done_date": _day(-1)},
        ),  # fmt: skip
    ]
    assert srv.reasons(coord, *seed) == [None] * len(seed)
    return srv, coord


def _signoff(unit: str, item: str | None = None) -> dict:
    return {"task_id": "t1", "item_id": item, "unit_id": unit, "evidence": "已完成",
            "applied_at": NOW, "applied_by": "x"}  # fmt: skip


def test_only_a_closing_unit_applies_for_signoff(server: tuple[InProcessServer, Device]) -> None:
    srv, coord = server
    support = srv.device("gongxin", "member", "市工信局")
    lead = srv.device("zhengshu", "member", "市政数局")
    # a supporting unit, even for itself, and a coordinator naming it: refused
    refused = srv.reasons(support, op("signoff", "s1", _signoff("u-support")))
    assert refused[0] and "牵头单位" in refused[0]
    refused = srv.reasons(coord, op("signoff", "s2", _signoff("u-support", "i1")))
    assert refused[0] and "牵头单位" in refused[0]
    # the lead unit; and for an item without a lead, its responsible unit
    assert srv.reasons(lead, op("signoff", "s3", _signoff("u-lead"))) == [None]
    assert srv.reasons(coord, op("signoff", "s4", _signoff("u-resp", "i2"))) == [None]
    # the lead of item 1 is not a closing unit of item 2
    refused = srv.reasons(coord, op("signoff", "s5", _signoff("u-lead", "i2")))
    assert refused[0] and "牵头单位" in refused[0]


def _request(milestone: str, new_due: str, at: str = NOW) -> dict:
    return {"milestone_id": milestone, "unit_id": "u-lead", "old_due": None, "new_due": new_due,
            "reason": "设备未到货", "requested_at": at, "requested_by": "x"}  # fmt: skip


def test_extension_requests_only_before_the_due_date(
    server: tuple[InProcessServer, Device],
) -> None:
    srv, _coord = server
    lead = srv.device("zhengshu", "member", "市政数局")
    reasons = srv.reasons(
        lead,
        op("extension_request", "r-late", _request("m-late", _day(30))),
        op("extension_request", "r-done", _request("m-done", _day(30))),
        op("extension_request", "r-earlier", _request("m-open", _day(5))),
        op("extension_request", "r-future", _request("m-open", _day(30), _day(2) + "T00:00:00+00:00")),
        op("extension_request", "r-ok", _request("m-open", _day(30))),
        # made offline while still in time, synced after the due date: it counts
        op("extension_request", "r-offline", _request("m-late", _day(30), _day(-4) + "T09:00:00+00:00")),
    )  # fmt: skip
    assert reasons[0] and "已过" in reasons[0]
    assert reasons[1] and "已完成" in reasons[1]
    assert reasons[2] and "须晚于" in reasons[2]
    assert reasons[3] and "晚于服务器时间" in reasons[3]
    assert reasons[4:] == [None, None]


def test_contact_phone_format_checked_by_the_server(
    server: tuple[InProcessServer, Device],
) -> None:
    srv, _coord = server
    lead = srv.device("zhengshu", "member", "市政数局")
    bad = srv.reasons(lead, op("unit_contact", "c1", {"unit_id": "u-lead", "person": "张三",
                                                      "phone": "call me"}))  # fmt: skip
    assert bad[0] and "联系电话" in bad[0] and "7–20 位数字" in bad[0]
    good = {"unit_id": "u-lead", "person": "张三", "phone": "0431-88881234 转 801"}
    assert srv.reasons(lead, op("unit_contact", "c1", good)) == [None]
    bad = srv.reasons(lead, op("unit_contact", "c1", {"phone": "12"}, kind="update"))
    assert bad[0] and "无效" in bad[0]
