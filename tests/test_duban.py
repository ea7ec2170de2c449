"""The 督办 workflow at the store level (real SQLite files): 办结/销号, 延期申请,
序时进度, reporting cycles, 签收, contacts, the all-units table, append-only steps."""

from __future__ import annotations

import json
import sqlite3
from array import array
from datetime import date, timedelta

import pytest

from desktop.errors import UserError
from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import duban as du
from desktop.models import duban_queries as dq
from desktop.models import milestone_queries, status_queries, unit_lights
from desktop.models import status as st
from desktop.models.store import Store
from tests.helpers.coordination import load_demo, task


def days(n: int) -> str:
    return (date.today() + timedelta(days=n)).isoformat()


@pytest.fixture
def demo(store: Store) -> Store:
    return load_demo(store)


def unit(store: Store, name: str) -> str:
    return store.find_unit(name)


# -- 5: 办结 / 销号 ----------------------------------------------------------------------


def test_task_is_done_only_when_signoff_approved(demo: Store) -> None:
    t5 = task(demo, 5)
    ms = co.add_milestone(demo, t5, "算力中心投运", days(-10))
    co.mark_milestone_done(demo, ms, days(-1))
    assert status_queries.compute_status(demo.db).tasks[t5].status == st.AWAITING_SIGNOFF
    with pytest.raises(UserError, match="不是.*牵头单位"):
        du.apply_signoff(demo, t5, unit(demo, "市国资委"), "已投运")
    with pytest.raises(UserError, match="办结说明"):
        du.apply_signoff(demo, t5, unit(demo, "市政数局"), "   ")
    first = du.apply_signoff(
        demo, t5, unit(demo, "市政数局"), "已投运，附验收报告", applied_by="张三"
    )
    with pytest.raises(UserError, match="待审核"):
        du.apply_signoff(demo, t5, unit(demo, "市政数局"), "再次申请")
    with pytest.raises(UserError, match="退回理由"):
        du.decide_signoff(demo, first, False, "")
    du.decide_signoff(demo, first, False, "缺少验收材料", decided_by="督办室")
    assert status_queries.compute_status(demo.db).tasks[t5].status == st.AWAITING_SIGNOFF
    second = du.apply_signoff(demo, t5, unit(demo, "市政数局"), "补充验收材料")
    with pytest.raises(UserError, match="已审核"):
        du.decide_signoff(demo, first, True)
    du.decide_signoff(demo, second, True, decided_by="督办室")
    snap = status_queries.compute_status(demo.db)
    assert snap.tasks[t5].status == st.DONE
    rows = dq.signoffs(demo.db)
    assert [r["state"] for r in rows] == ["approved", "returned"]
    assert rows[1]["decision_reason"] == "缺少验收材料" and rows[1]["applied_by"] == "张三"
    assert rows[1]["label"].startswith("任务5“")
    assert dq.signoffs(demo.db, pending=True) == []
    with pytest.raises(UserError, match="已销号"):
        du.apply_signoff(demo, t5, unit(demo, "市政数局"), "又一次")


def test_item_signoff_and_approved_task_closes_items(demo: Store) -> None:
    t14 = task(demo, 14)
    items = [r[0] for r in demo.db.execute(
        "SELECT id FROM item WHERE task_id = ? ORDER BY position", [t14])]  # fmt: skip
    # item 2 has only a responsible unit: it applies
    s = du.apply_signoff(demo, t14, unit(demo, "市农业农村局"), "完成", item_id=items[1])
    du.decide_signoff(demo, s, True)
    snap = status_queries.compute_status(demo.db)
    assert snap.items[items[1]].status == st.DONE
    assert snap.items[items[0]].status == st.NOT_SCHEDULED
    with pytest.raises(UserError, match="牵头单位"):
        du.apply_signoff(demo, t14, unit(demo, "市畜牧局"), "完成", item_id=items[2])


def test_workflow_steps_are_append_only_in_sqlite(demo: Store, db_path) -> None:
    s = du.apply_signoff(demo, task(demo, 5), unit(demo, "市政数局"), "完成")
    du.decide_signoff(demo, s, True)
    conn = sqlite3.connect(db_path)
    try:
        triggers = {r[0] for r in conn.execute("SELECT tbl_name FROM sqlite_master"
                                               " WHERE type = 'trigger'")}  # fmt: skip
        assert set(du_tables()) <= triggers
        for table in ("signoff", "signoff_decision"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(f"UPDATE [{table}] SET decided_by = 'x'" if "decision" in table
                             else f"UPDATE [{table}] SET evidence = 'x'")  # fmt: skip
        conn.execute("UPDATE signoff SET evidence = evidence")  # an identical re-write passes
    finally:
        conn.close()
    with pytest.raises(UserError, match="只能追加"), demo.action("x") as tx:
        tx.update("signoff", s, {"evidence": "改过"})


def du_tables() -> tuple[str, ...]:
    return ("signin", "extension_request", "extension_decision", "signoff", "signoff_decision")


# -- 4: 延期申请 → 审批 -------------------------------------------------------------------


def test_extension_request_approve_refuse(demo: Store) -> None:
    t5 = task(demo, 5)
    ms = co.add_milestone(demo, t5, "算力中心投运", days(5), owner_unit_id=unit(demo, "市政数局"))
    with pytest.raises(UserError, match="理由"):
        du.request_extension(demo, ms, unit(demo, "市政数局"), days(30), " ")
    with pytest.raises(UserError, match="不是延期"):
        du.request_extension(demo, ms, unit(demo, "市政数局"), days(5), "设备延迟")
    with pytest.raises(UserError, match="已过"):
        du.request_extension(demo, ms, unit(demo, "市政数局"), days(30), "晚了",
                             today=date.today() + timedelta(days=6))  # fmt: skip
    with pytest.raises(UserError, match="不是该里程碑的责任单位"):
        du.request_extension(demo, ms, unit(demo, "市城管局"), days(30), "设备延迟")
    req = du.request_extension(demo, ms, unit(demo, "市政数局"), days(30), "设备延迟")
    with pytest.raises(UserError, match="待审批"):
        du.request_extension(demo, ms, unit(demo, "市政数局"), days(40), "再申请")
    assert co.effective_due(demo, ms) == days(5)  # a request alone moves nothing
    du.decide_extension(demo, req, True, decided_by="督办室")
    assert co.effective_due(demo, ms) == days(30)
    row = milestone_queries.milestones(demo.db, t5)[0]
    assert row["due"] == days(5) and row["extensions"][0]["new_due"] == days(30)
    assert row["extensions"][0]["id"] in dq.approved_extensions(demo.db)
    # refused: needs a reason, the date stays
    req2 = du.request_extension(demo, ms, unit(demo, "市政数局"), days(60), "再延")
    with pytest.raises(UserError, match="不予批准的理由"):
        du.decide_extension(demo, req2, False)
    du.decide_extension(demo, req2, False, "理由不充分")
    assert co.effective_due(demo, ms) == days(30)
    states = {r["id"]: r["state"] for r in dq.extension_requests(demo.db)}
    assert states == {req: "approved", req2: "refused"}
    # a coordinator's direct extension is recorded as such (no decision names it)
    direct = co.extend_milestone(demo, ms, days(90), "领导同意")
    assert direct not in dq.approved_extensions(demo.db)


# -- 3: 序时进度 --------------------------------------------------------------------------


def test_behind_schedule_from_report_or_target(demo: Store) -> None:
    today = date(2024, 11, 30)  # 11/12 = 91.7 % of a calendar year
    t9, t5 = task(demo, 9), task(demo, 5)  # neither has a deadline: the calendar year
    co.add_report(demo, t9, unit(demo, "市政数局"), period="2024-11", percent=80)
    co.add_report(demo, t5, unit(demo, "市政数局"), period="2024-11", percent=91.7)
    snap = status_queries.compute_status(demo.db, today)
    assert snap.tasks[t9].behind and round(snap.tasks[t9].expected, 1) == 91.7
    assert snap.tasks[t9].colour == "yellow"
    assert not snap.tasks[t5].behind and snap.tasks[t5].percent == 91.7
    # an overdue milestone makes it red whatever the schedule says
    co.add_milestone(demo, t9, "逾期", "2024-10-01")
    assert status_queries.compute_status(demo.db, today).tasks[t9].colour == "red"
    # no report and no target value: nothing to compare
    assert not status_queries.compute_status(demo.db, today).tasks[task(demo, 10)].behind
    # task 1's targets run to 2025-12-31: a target value at 50 % is behind its own period
    t1 = task(demo, 1)
    target = cq.resolve_target(demo.db, t1, 1)
    goal = demo.db.execute("SELECT value FROM target WHERE id = ?", [target]).fetchone()[0]
    co.add_target_value(demo, target, goal * 0.5, "2024-11-01")
    node = status_queries.compute_status(demo.db, today).tasks[t1]
    assert node.percent == 50 and 50 < node.expected < 91.7 and node.behind


def test_task_with_own_deadline_uses_its_period(demo: Store) -> None:
    t5 = task(demo, 5)
    co.add_milestone(demo, t5, "投运", "2024-06-30")
    co.add_report(demo, t5, unit(demo, "市政数局"), period="2024-05", percent=60)
    snap = status_queries.compute_status(demo.db, date(2024, 5, 31))
    # plan written 2023-04-06 → deadline 2024-06-30: about 95 % by the end of May 2024
    assert snap.tasks[t5].expected > 90 and snap.tasks[t5].behind


# -- 2: cycles ----------------------------------------------------------------------------


def test_cycle_windows() -> None:
    w = dq.cycle_window("month", 25, None, date(2026, 11, 10))
    assert (w.start, w.end, w.due) == (date(2026, 11, 1), date(2026, 11, 30), date(2026, 11, 25))
    assert dq.cycle_window("month", 31, None, date(2026, 2, 3)).due == date(2026, 2, 28)
    w = dq.cycle_window("week", 5, None, date(2026, 11, 29))  # a Sunday
    assert (w.start, w.due) == (date(2026, 11, 23), date(2026, 11, 27))
    w = dq.cycle_window("quarter", 10, None, date(2026, 11, 29))
    assert (w.start, w.end, w.due) == (date(2026, 10, 1), date(2026, 12, 31), date(2026, 12, 10))
    w = dq.cycle_window("2weeks", 1, None, date(2024, 1, 20))
    assert (w.start, w.end, w.due) == (date(2024, 1, 15), date(2024, 1, 28), date(2024, 1, 22))
    assert dq.cycle_window("once", None, "2026-06-30", date(2026, 11, 1)).due == date(2026, 6, 30)


def test_set_cycle_validates_and_updates_one_record(demo: Store) -> None:
    t1 = task(demo, 1)
    with pytest.raises(UserError, match="星期几"):
        du.set_cycle(demo, t1, "week", due_day=8)
    with pytest.raises(UserError, match="报送期限"):
        du.set_cycle(demo, t1, "once")
    with pytest.raises(UserError, match="周期“daily”无效"):
        du.set_cycle(demo, t1, "daily")
    first = du.set_cycle(demo, t1, "week", due_day=5)
    assert du.set_cycle(demo, t1, "month", due_day=25) == first
    assert dq.cycles(demo.db) == {t1: ("month", 25, None)}


def test_report_round_counts_late_apart_from_missing(demo: Store) -> None:
    t1, t5 = task(demo, 1), task(demo, 5)
    city = unit(demo, "市政数局")
    this_month = date.today().strftime("%Y-%m")
    last_month = (date.today().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    du.set_cycle(demo, t1, "month", due_day=25)
    # made today for last month: after last month's end, its due date (default cycle)
    co.add_report(demo, t5, city, period=last_month, percent=10)
    as_of = (
        date(date.today().year, date.today().month, 28) if date.today().day <= 28 else date.today()
    )
    r = dq.report_round(demo.db, as_of)
    judged = {(e.task_id, e.unit_id): e for e in r.entries if e.state != "open"}
    # t1 by the 25th of this month: nothing came
    assert judged[(t1, unit(demo, "市城管局"))].state == "missing"
    assert judged[(t1, unit(demo, "市城管局"))].window.label == this_month
    # t5, monthly to the month's end: this month is not due yet, so last month is judged
    late = judged[(t5, city)]
    assert (late.state, late.window.label, late.reported_on) == ("late", last_month, date.today())
    assert any(e.task_id == t5 and e.unit_id == city and e.state == "open" for e in r.entries)
    # reported for this month too: nothing open for it any more
    co.add_report(demo, t5, city, period=this_month, percent=20)
    r = dq.report_round(demo.db, as_of)
    assert not any(e.task_id == t5 and e.unit_id == city and e.state == "open" for e in r.entries)
    # due on the 1st: this month is judged, and today's report came after the 1st
    du.set_cycle(demo, t5, "month", due_day=1)
    r = dq.report_round(demo.db, as_of)
    entry = next(e for e in r.entries if e.task_id == t5 and e.unit_id == city)
    assert entry.state == ("late" if date.today().day > 1 else "on_time")
    assert r.count("missing") > 0 and r.count("late") + r.count("on_time") >= 1
    # a one-off report not yet due is only open
    du.set_cycle(demo, t1, "once", due_date=(date.today() + timedelta(days=30)).isoformat())
    states = {e.state for e in dq.report_round(demo.db, date.today()).entries if e.task_id == t1}
    assert states == {"open"}


def test_report_round_keeps_one_string_per_task_unit_and_plan(demo: Store) -> None:
    """The round the window keeps (its 催报 list) holds one string object per task,
    unit and plan id, not one per fetched row."""
    r = dq.report_round(demo.db, date.today())
    entries = r.entries
    units = [e.unit_id for e in entries]
    tasks = [e.task_id for e in entries]
    assert len(set(units)) < len(units) and len(set(tasks)) < len(tasks)
    assert len({id(u) for u in units}) == len(set(units))
    assert len({id(t) for t in tasks}) == len(set(tasks))
    labels = r._table.labels  # one code per task, one prefix per plan
    assert len(labels.plan_codes) == len(r._table.task_ids) > len(labels.prefixes)
    # numbers in arrays, not a tuple and list slots per (item, unit) place
    table = r._table
    assert len(table.task_at) == len(table.unit_at) == len(table.item_ids) == len(table.states)
    assert all(type(c) is array for c in (table.unit_at, table.positions))
    assert type(table.task_at) is array or table.task_at._shift.itemsize < 4
    assert type(table.states) is bytearray  # (the judged state and whether open: a byte)
    assert len(table.task_ids) == len(set(tasks)) and len(table.unit_ids) == len(set(units))
    # the per-unit lists of a fresh round keep places, not entries: built when read
    from desktop.models.round_queries import UnitEntries

    fresh = dq.report_round(demo.db, date.today())
    lists = fresh.with_lists().by_unit("missing")
    assert lists and fresh._entries is None
    assert all(isinstance(entries, UnitEntries) for entries in lists.values())
    expected = {}
    for e in entries:
        if e.state == "missing":
            expected.setdefault(e.unit_id, []).append(e)
    assert lists == expected and fresh._entries is None


def test_report_round_shares_the_titles_it_is_given(demo: Store) -> None:
    """Given the overview's titles (the window keeps both), the round's task rows hold
    the same id strings, its titles their text (packed); its entries are those of a
    round without them."""
    from desktop.models import coordination_views as cv

    titles = cv.task_titles(demo.db)
    r = dq.report_round(demo.db, date.today(), titles=titles)
    keys = {id(t) for t in titles}
    table = r._table
    assert table.task_ids and all(id(t) in keys for t in table.task_ids)
    assert all(table.labels.titles[n] == titles[t][1] for n, t in enumerate(table.task_ids))
    assert r.entries == dq.report_round(demo.db, date.today()).entries
    # titles that no longer hold the database's text (an edit since the overview): its own
    first = table.task_ids[0]
    stale = {**titles, first: (titles[first][0], "旧标题")}
    assert dq.report_round(demo.db, date.today(), titles=stale).entries == r.entries


def test_last_report_prefills(demo: Store) -> None:
    t1, city = task(demo, 1), unit(demo, "市城管局")
    assert dq.last_report(demo.db, t1, city) is None
    co.add_report(demo, t1, city, period="2024-05", percent=30, text="五月")
    co.add_report(demo, t1, city, period="2024-06", percent=40, text="六月")
    assert dq.last_report(demo.db, t1, city)["text"] == "六月"


# -- 1: 签收 ------------------------------------------------------------------------------


def test_signin_and_unsigned(demo: Store) -> None:
    t5 = task(demo, 5)
    lead = unit(demo, "市政数局")
    before = {(e["task_id"], e["unit_id"]) for e in dq.unsigned(demo.db)}
    assert (t5, lead) in before
    with pytest.raises(UserError, match="未承担"):
        du.sign_in(demo, t5, unit(demo, "市城管局"))
    du.sign_in(demo, t5, lead, signed_by="李四")
    assert (t5, lead) not in {(e["task_id"], e["unit_id"]) for e in dq.unsigned(demo.db)}
    with pytest.raises(UserError, match="已于"):
        du.sign_in(demo, t5, lead)
    signed = dq.last_signin(demo.db, t5, None, lead)
    co.add_milestone(demo, t5, "新节点", days(10))
    changes = dq.changes_since(demo.db, t5, signed)
    assert [c["what"] for c in changes] == ["新增里程碑"]
    du.sign_in(demo, t5, lead)  # something changed: signing again is allowed


def test_a_record_received_in_a_snapshot_after_the_sign_in_counts_as_changed(
    demo: Store,
) -> None:
    """A snapshot gives a record one version for every field (its last change): newer
    than the sign-in's seq and by another device, the task counts as changed (not
    added); older, or by this desktop, it does not."""
    from sync.apply import ANY_FIELD, set_state

    t5, lead = task(demo, 5), unit(demo, "市政数局")
    set_state(demo.db, "device_id", "this-desktop")
    du.sign_in(demo, t5, lead)
    demo.db.execute("UPDATE change_log SET acked_seq = 7 WHERE tbl = 'signin'")
    signed = dq.last_signin(demo.db, t5, None, lead)

    def snapshot_version(seq: int, device: str) -> list[dict]:
        demo.db.execute(
            "INSERT OR REPLACE INTO sync_version (tbl, record_id, seq, versions)"
            " VALUES ('task', ?, ?, json_object(?, json_array(?, ?)))",
            [t5, seq, ANY_FIELD, seq, device],
        )
        return dq.changes_since(demo.db, t5, signed)

    assert snapshot_version(5, "another-desktop") == []
    assert snapshot_version(9, "this-desktop") == []
    changes = snapshot_version(9, "another-desktop")
    assert [(c["what"], c["remote"]) for c in changes] == [("修改任务", True)]
    assert json.loads(changes[0]["fields"])["no"] == 5
    du.sign_in(demo, t5, lead)  # a change since: signing again is allowed


# -- 6: contacts ---------------------------------------------------------------------------


@pytest.mark.parametrize("phone", ["123", "0431-8888abcd", "1" * 25, "电话"])
def test_contact_phone_is_validated(demo: Store, phone: str) -> None:
    with pytest.raises(UserError, match="联系电话"):
        du.set_contact(demo, unit(demo, "市政数局"), "王五", phone)


def test_an_edit_in_the_sign_in_s_millisecond_counts_as_a_change(
    demo: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every timestamp in one millisecond (a fast machine): the milestone added right
    after the sign-in is still a change since it, and signing again is allowed."""
    import sync.ids

    t5, lead = task(demo, 5), unit(demo, "市政数局")
    frozen = sync.ids.time.time_ns() + 86_400 * 10**9  # (after every earlier edit)
    monkeypatch.setattr(sync.ids.time, "time_ns", lambda: frozen)
    du.sign_in(demo, t5, lead, signed_by="李四")
    signed = dq.last_signin(demo.db, t5, None, lead)
    co.add_milestone(demo, t5, "同一毫秒的节点", days(10))
    assert [c["what"] for c in dq.changes_since(demo.db, t5, signed)] == ["新增里程碑"]
    du.sign_in(demo, t5, lead)


def test_contact_set_and_replaced(demo: Store) -> None:
    city = unit(demo, "市政数局")
    first = du.set_contact(demo, city, "王五", "0431-88881234 转 801")
    assert du.set_contact(demo, city, "赵六", "13912345678") == first
    assert dq.contacts(demo.db) == {city: ("赵六", "13912345678")}


# -- 7: all units at a glance ------------------------------------------------------------


def test_unit_lights_table_and_export(demo: Store, tmp_path) -> None:
    t5 = task(demo, 5)
    city = unit(demo, "市政数局")
    co.add_milestone(demo, t5, "逾期节点", days(-3), owner_unit_id=city)
    ms = co.add_milestone(demo, task(demo, 1), "临期", days(3))
    du.request_extension(demo, ms, unit(demo, "市城管局"), days(20), "天气")
    du.set_contact(demo, city, "王五", "13912345678")
    table = unit_lights.unit_lights(demo.db, date.today())
    rows = {r.name: r for r in table.rows}
    assert rows["市政数局"].light == "red" and rows["市政数局"].counts[st.OVERDUE] == 1
    assert rows["市政数局"].phone == "13912345678"
    assert rows["市城管局"].extensions_pending == 1 and rows["市城管局"].light == "blue"
    assert table.rows[0].light == "red"
    assert all(r.tasks for r in table.rows)
    csv_path = tmp_path / "lights.csv"
    unit_lights.export(table, csv_path)
    text = csv_path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("单位,灯,联络员") and "市政数局,红,王五" in text
    xlsx = tmp_path / "lights.xlsx"
    unit_lights.export(table, xlsx)
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).active
    assert sheet.cell(2, 1).value == "单位" and sheet.max_row == len(table.rows) + 2
    with pytest.raises(UserError, match="不支持"):
        unit_lights.export(table, tmp_path / "x.pdf")
