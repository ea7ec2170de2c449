"""Editing and deleting meetings and their 议定事项 (issue 12): the 交办 task follows an
item's edit, removal and deletion are undone with the same ids, deleting a meeting asks
what to do with its tasks (real SQLite, the CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.errors import UserError
from desktop.models import coordination as co
from desktop.models import meeting_edits as me
from desktop.models import meetings as mt
from desktop.models.store import Store
from tests.helpers.coordination import fingerprint, load_demo, run_cli


@pytest.fixture
def meeting(store: Store) -> tuple[Store, str, list[str]]:
    """A meeting with two 议定事项 (two 交办 tasks); the units used."""
    load_demo(store)
    units = [r[0] for r in store.db.execute(
        "SELECT id FROM unit WHERE name LIKE '市%局' ORDER BY name LIMIT 3")]  # fmt: skip
    meeting_id = mt.new_meeting(store, "2026-11-02", "第九次调度会", chair="王市长",
                                present=["王市长", "张三"])  # fmt: skip
    mt.add_meeting_item(store, meeting_id, "完成5G基站选址", units[0], "2026-11-20")
    mt.add_meeting_item(store, meeting_id, "出台节能方案", units[1], "2027-03-31")
    return store, meeting_id, units


def _task(store: Store, task_id: str) -> tuple:
    return store.db.execute(
        "SELECT t.title, t.deadline, t.archived, m.due, m.owner_unit_id,"
        " (SELECT group_concat(a.unit_id || ':' || a.role) FROM assignment a"
        "  JOIN item i ON i.id = a.item_id WHERE i.task_id = t.id)"
        " FROM task t JOIN milestone m ON m.task_id = t.id AND m.title = ? WHERE t.id = ?",
        [mt.DONE_MILESTONE, task_id],
    ).fetchone()


def test_editing_a_meeting_and_undoing_it(meeting) -> None:
    store, meeting_id, _units = meeting
    old = me.edit_meeting(store, meeting_id, meeting_date="2026-11-03", title="第九次专题调度会",
                          chair="李副市长", absent=["赵五"])  # fmt: skip
    now = mt.meeting(store.db, meeting_id)
    assert (now["date"], now["title"], now["chair"], now["absent"]) == (
        "2026-11-03", "第九次专题调度会", "李副市长", ["赵五"])  # fmt: skip
    assert old == {"meeting_date": "2026-11-02", "title": "第九次调度会", "chair": "王市长",
                   "absent": []}  # fmt: skip
    assert me.edit_meeting(store, meeting_id, **old)  # the undo
    back = mt.meeting(store.db, meeting_id)
    assert (back["date"], back["title"], back["chair"], back["absent"]) == (
        "2026-11-02", "第九次调度会", "王市长", [])  # fmt: skip
    assert me.edit_meeting(store, meeting_id, title="第九次调度会") == {}
    logged = [r[0] for r in store.db.execute(
        "SELECT action FROM change_log WHERE tbl = 'meeting' ORDER BY seq")]  # fmt: skip
    assert logged.count("edit_meeting") == 2


def test_bad_edits_are_refused_and_write_nothing(meeting, db_path: Path) -> None:
    store, meeting_id, units = meeting
    item = mt.meeting_items(store.db, meeting_id)[0]
    before = fingerprint(db_path)
    for call, message in (
        (lambda: me.edit_meeting(store, meeting_id, meeting_date="2026-11-25"), "晚于议定事项"),
        (lambda: me.edit_meeting(store, meeting_id, meeting_date="2026-02-30"), "日期"),
        (lambda: me.edit_meeting(store, meeting_id, title=" "), "会议名称"),
        (lambda: me.edit_meeting(store, meeting_id, chair="x" * 101), "主持人"),
        (lambda: me.edit_meeting_item(store, item.id, due="2026-10-01"), "早于会议日期"),
        (lambda: me.edit_meeting_item(store, item.id, title="a\nb"), "议定事项"),
        (lambda: me.edit_meeting_item(store, item.id, unit_id="no-such-unit"), "单位"),
        (lambda: me.delete_meeting(store, meeting_id), "已交办为任务"),
        (lambda: me.delete_meeting(store, meeting_id, tasks="drop"), "无效"),
    ):
        with pytest.raises(UserError, match=message):
            call()
    assert fingerprint(db_path) == before
    assert units  # the fixture's units exist


def test_editing_an_item_moves_its_task_along_and_back(meeting) -> None:
    store, meeting_id, units = meeting
    item = mt.meeting_items(store.db, meeting_id)[0]
    old = me.edit_meeting_item(store, item.id, title="完成5G基站选址和建设", unit_id=units[2],
                               due="2026-12-15")  # fmt: skip
    assert old == {"title": "完成5G基站选址", "unit_id": units[0], "due": "2026-11-20"}
    assert _task(store, item.task_id) == (
        "完成5G基站选址和建设",
        "2026-12-15",
        None,
        "2026-12-15",
        units[2],
        f"{units[2]}:lead",
    )
    edited = mt.meeting_items(store.db, meeting_id)[0]
    assert (edited.title, edited.unit_id, edited.due) == ("完成5G基站选址和建设", units[2],
                                                          "2026-12-15")  # fmt: skip
    bases = {r[0] for r in store.db.execute(
        "SELECT basis FROM task_change WHERE task_id = ?", [item.task_id])}  # fmt: skip
    assert "2026-11-02 第九次调度会议定事项：修改“完成5G基站选址”" in bases
    me.edit_meeting_item(store, item.id, **old)  # the undo
    assert _task(store, item.task_id) == (
        "完成5G基站选址",
        "2026-11-20",
        None,
        "2026-11-20",
        units[0],
        f"{units[0]}:lead",
    )
    # an extended 办结 milestone keeps its history: the deadline is not rewritten
    done = store.db.execute("SELECT id FROM milestone WHERE task_id = ?", [item.task_id]).fetchone()
    co.extend_milestone(store, done[0], "2026-12-31", "设备未到")
    with pytest.raises(UserError, match="已延期"):
        me.edit_meeting_item(store, item.id, due="2027-01-31")


def test_removing_an_item_and_undoing_it(meeting) -> None:
    store, meeting_id, _units = meeting
    item = mt.meeting_items(store.db, meeting_id)[1]
    removal = me.remove_meeting_item(store, item.id, "会上撤销")
    assert [i.title for i in mt.meeting_items(store.db, meeting_id)] == ["完成5G基站选址"]
    assert _task(store, item.task_id)[2] is not None  # archived
    me.restore_meeting_item(store, removal)
    restored = mt.meeting_items(store.db, meeting_id)
    assert [(i.id, i.title) for i in restored] == [
        (mt.meeting_items(store.db, meeting_id)[0].id, "完成5G基站选址"),
        (item.id, "出台节能方案"),
    ]
    assert _task(store, item.task_id)[2] is None  # unarchived


def test_deleting_a_meeting_keeps_or_archives_its_tasks(meeting) -> None:
    store, meeting_id, units = meeting
    first, second = mt.meeting_items(store.db, meeting_id)
    co.add_report(store, second.task_id, units[1], period="2026-11", text="初稿",
                  percent=30, confirm_period=True)  # fmt: skip
    assert [t.references for t in me.meeting_tasks(store.db, meeting_id)] == [[], ["填报 1 条"]]
    removal = me.delete_meeting(store, meeting_id, tasks="archive")
    assert mt.meetings(store.db) == []
    assert store.db.execute("SELECT count(*) FROM meeting_item").fetchone()[0] == 0
    assert _task(store, first.task_id)[2] is not None  # nothing else referred to it
    assert _task(store, second.task_id)[2] is None  # its report keeps it
    assert [t.task_id for t in removal.kept] == [second.task_id]
    logged = {r[0] for r in store.db.execute(
        "SELECT tbl FROM change_log WHERE action = 'delete_meeting'")}  # fmt: skip
    assert logged == {"meeting", "meeting_item"}
    me.restore_meeting(store, removal)  # the undo: same ids, the task back
    assert [i.id for i in mt.meeting_items(store.db, meeting_id)] == [first.id, second.id]
    assert _task(store, first.task_id)[2] is None
    removal = me.delete_meeting(store, meeting_id, tasks="keep")
    assert removal.removed == [] and len(removal.kept) == 2
    assert _task(store, first.task_id)[2] is None


def test_cli_meeting_edit_delete_and_item_edit(meeting, db_path: Path, capsys) -> None:
    store, meeting_id, _units = meeting
    item = mt.meeting_items(store.db, meeting_id)[0]
    unit_name = store.db.execute("SELECT name FROM unit WHERE id = ?", [item.unit_id]).fetchone()[0]
    store.close()
    code, out, err = run_cli(capsys, db_path, "meeting", "edit", "2026-11-02", "--title",
                             "第九次调度会（扩大）", "--date", "2026-11-01")  # fmt: skip
    assert code == 0 and "已修改会议" in out and "2026-11-01 第九次调度会（扩大）" in out, err
    code, out, err = run_cli(capsys, db_path, "meeting", "item", "edit", "2026-11-01", "1",
                             "--due", "2026-12-01", "--title", "完成选址")  # fmt: skip
    assert code == 0 and f"完成选址（{unit_name}，2026-12-01前）" in out and "同步修改" in out, err
    code, _out, err = run_cli(capsys, db_path, "meeting", "item", "edit", "2026-11-01", "1",
                              "--due", "2026-10-01")  # fmt: skip
    assert code == 2 and "早于会议日期" in err
    code, _out, err = run_cli(capsys, db_path, "meeting", "delete", "2026-11-01")
    assert code == 2 and "已交办为任务" in err and "keep" in err
    code, out, err = run_cli(capsys, db_path, "meeting", "delete", "2026-11-01", "--tasks",
                             "archive")  # fmt: skip
    assert code == 0 and "已删除会议" in out and "已归档交办任务 2 项" in out, err
