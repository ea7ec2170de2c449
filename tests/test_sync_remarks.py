"""Comments, 领导批示 and meetings through a real sync server (issue 12): they reach the other
desktop, and a member comments only on its unit's tasks."""

from __future__ import annotations

from pathlib import Path

from desktop.models import attachments as at
from desktop.models import meetings as mt
from desktop.models import remarks as rm
from tests.helpers.sync_helpers import (  # noqa: F401
    Client,
    ServerProcess,
    coordinator_with_plan,
    drop_unit_from_task,
    logged_in,
    sync_server,
)


def test_comments_instructions_and_meetings_sync(
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    sync_server.user("gongxin2", "member", "市工信局")
    a, plan = coordinator_with_plan(tmp_path, sync_server)
    t1, t2 = a.task_id(plan, 1), a.task_id(plan, 2)
    # 市工信局 keeps only task 2 (drop its support role on task 1)
    unit = drop_unit_from_task(a, t1, "市工信局")
    with a.opened() as store:
        question = rm.add_comment(store, "task", t2, "请说明进度", author="督查室")
        rm.add_instruction(store, t2, "王市长", "月底前完成。", given_on="2024-06-01",
                           assign_unit=unit, due="2024-06-30")  # fmt: skip
        meeting = mt.new_meeting(store, "2024-06-05", "第三次调度会", present=["张三"])
        mt.add_meeting_item(store, meeting, "完成招标", unit, "2024-07-31")
    assert a.sync().rejected == 0

    (tmp_path / "member").mkdir()  # its own folder, as each profile has
    m = Client(tmp_path / "member" / "m.db", sync_server, "gongxin2")
    assert m.login()["role"] == "member"
    m.sync()
    assert m.query("SELECT leader, text FROM instruction") == [("王市长", "月底前完成。")]
    assert m.query("SELECT title FROM meeting_item") == [("完成招标",)]
    assert m.query("SELECT text FROM comment") == [("请说明进度",)]
    evidence = tmp_path / "中标通知书.pdf"
    evidence.write_bytes(b"%PDF-1.4 notice")
    with m.opened() as store:
        answer = rm.add_comment(store, "task", t2, "已完成招标", reply_to=question, author="工信")
        stray = rm.add_comment(store, "task", t1, "不是本单位的任务")
        attached = at.add_attachment(store, t2, evidence)
    report = m.sync()
    assert report.pushed == 2 and report.rejected == 1
    assert any("未承担该任务" in r for r in report.rejected_reasons)
    assert m.query("SELECT id FROM comment WHERE id = ?", [stray]) == []
    a.sync()
    with a.opened() as store:
        thread = rm.task_comments(store.db, t2)
    assert [(c.depth, c.text, c.author) for c in thread] == [
        (0, "请说明进度", "督查室"), (1, "已完成招标", "工信"),
    ]  # fmt: skip
    assert thread[1].id == answer
    # the attachment's record arrived, and its content by hash (uploaded by the member)
    assert a.query("SELECT name, size FROM attachment WHERE id = ?", [attached]) == [
        ("中标通知书.pdf", 15)
    ]
    with a.opened() as store:
        at.read_attachment(store, attached, tmp_path / "copy.pdf")
    assert (tmp_path / "copy.pdf").read_bytes() == evidence.read_bytes()
