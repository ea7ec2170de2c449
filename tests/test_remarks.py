"""Comments and 领导批示 (issue 12): threaded, attributed, append-only (code and SQLite), the
same validation from the store, the CLI and import-json; a 批示 can make a follow-up 交办 item."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.errors import UserError
from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import meetings as mt
from desktop.models import remarks as rm
from desktop.models.store import Store
from tests.helpers.coordination import fingerprint, load_demo, run_cli


@pytest.fixture
def demo(store: Store) -> Store:
    return load_demo(store)


def test_threaded_comments_on_task_item_and_report(demo: Store) -> None:
    t1 = cq.resolve_task(demo.db, 1)
    item = cq.resolve_item(demo.db, t1, 1)
    lead = demo.find_unit("市城管局")
    report = co.add_report(demo, t1, lead, period="2024-06", text="推进中", percent=40)
    first = rm.add_comment(demo, "task", t1, "请说明滞后原因", author="督查室")
    rm.add_comment(demo, "report", report, "数据口径？", author="督查室")
    reply = rm.add_comment(demo, "task", t1, "设备到货延迟", reply_to=first, author="市城管局")
    rm.add_comment(demo, "task", t1, "下周复核", reply_to=reply, author="督查室")
    rm.add_comment(demo, "item", item, "事项备注")
    rows = rm.task_comments(demo.db, t1)
    assert [(c.depth, c.text) for c in rows] == [
        (0, "请说明滞后原因"), (1, "设备到货延迟"), (2, "下周复核"), (0, "数据口径？"),
        (0, "事项备注"),
    ]  # fmt: skip
    assert rows[3].about == "2024-06 期报告（市城管局）" and rows[4].about == "事项 1"
    assert rows[1].author == "市城管局"


def test_comments_and_instructions_are_append_only(demo: Store, db_path: Path) -> None:
    t1 = cq.resolve_task(demo.db, 1)
    comment = rm.add_comment(demo, "task", t1, "原话")
    rm.add_instruction(demo, t1, "王市长", "抓紧推进", given_on="2024-06-01")
    with pytest.raises(UserError, match="只能追加"), demo.action("edit") as tx:
        tx.update("comment", comment, {"text": "改过"})
    before = fingerprint(db_path)
    conn = sqlite3.connect(db_path)
    try:
        for table in ("comment", "instruction"):
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
            for column in columns:
                with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                    conn.execute(
                        f"UPDATE [{table}] SET [{column}] = 'x' || coalesce([{column}], '')"
                    )
    finally:
        conn.close()
    assert fingerprint(db_path) == before


def test_bad_comments_and_instructions_write_nothing(demo: Store, db_path: Path) -> None:
    t1 = cq.resolve_task(demo.db, 1)
    t2 = cq.resolve_task(demo.db, 2)
    other = rm.add_comment(demo, "task", t2, "别处的评论")
    unit = demo.find_unit("市城管局")
    before = fingerprint(db_path)
    for call in (
        lambda: rm.add_comment(demo, "task", t1, "   "),
        lambda: rm.add_comment(demo, "task", t1, "x" * 4001),
        lambda: rm.add_comment(demo, "task", "no-such-task", "x"),
        lambda: rm.add_comment(demo, "plan", t1, "x"),
        lambda: rm.add_comment(demo, "task", t1, "x", reply_to=other),  # other thread's object
        lambda: rm.add_comment(demo, "task", t1, "控制\x07字符"),
        lambda: rm.add_instruction(demo, t1, "", "x"),
        lambda: rm.add_instruction(demo, t1, "王市长", "x", given_on="2099-01-01"),
        lambda: rm.add_instruction(demo, t1, "王市长", "x", assign_unit=unit),  # no due date
        lambda: rm.add_instruction(
            demo, t1, "王市长", "x", given_on="2024-06-01", assign_unit=unit, due="2024-05-01"
        ),  # fmt: skip
    ):
        with pytest.raises(UserError):
            call()
    assert fingerprint(db_path) == before


def test_an_instruction_can_assign_a_follow_up_item(demo: Store) -> None:
    t1 = cq.resolve_task(demo.db, 1)
    unit = demo.find_unit("市政数局")
    rm.add_instruction(demo, t1, "王市长", "月底前拿出方案。", given_on="2024-06-01",
                       assign_unit=unit, due="2024-06-30")  # fmt: skip
    [row] = rm.instructions(demo.db, t1)
    assert (row["leader"], row["assigned_unit"], row["due"], row["task_no"]) == (
        "王市长", "市政数局", "2024-06-30", 1,
    )  # fmt: skip
    item_text = demo.db.execute("SELECT text FROM item WHERE id = ?", [row["item_id"]]).fetchone()
    assert item_text == ("落实王市长批示：月底前拿出方案。",)
    basis = demo.db.execute(
        "SELECT basis FROM task_change WHERE task_id = ? ORDER BY changed_at DESC LIMIT 1", [t1]
    ).fetchone()
    assert basis == ("王市长 2024-06-01 批示",)
    milestone = demo.db.execute(
        "SELECT title, due, owner_unit_id FROM milestone WHERE item_id = ?", [row["item_id"]]
    ).fetchone()
    assert milestone == (rm.FOLLOW_UP_MILESTONE, "2024-06-30", unit)


def test_cli_comments_and_instructions(demo: Store, db_path: Path, capsys) -> None:
    demo.close()
    code, out, err = run_cli(capsys, db_path, "comment", "add", "--task", "1", "--text", "请加快")
    assert code == 0, err
    short = out.split("评论 ")[1].rstrip("。\n")
    code, out, err = run_cli(capsys, db_path, "comment", "add", "--task", "1", "--text", "收到",
                             "--reply-to", short, "--author", "市城管局")  # fmt: skip
    assert code == 0, err
    code, out, _ = run_cli(capsys, db_path, "comment", "list", "--task", "1")
    assert "请加快" in out and "↳" in out and "市城管局（任务）：收到" in out
    code, out, err = run_cli(capsys, db_path, "instruction", "add", "--task", "1", "--by", "王市长",
                             "--text", "抓紧", "--date", "2024-06-01", "--assign", "市政数局",
                             "--due", "2024-06-30")  # fmt: skip
    assert code == 0 and "已交办市政数局" in out, err
    code, out, _ = run_cli(capsys, db_path, "instruction", "list")
    assert "任务1" in out and "王市长批示：抓紧" in out and "交办：市政数局，2024-06-30前" in out
    before = fingerprint(db_path)
    for argv in (
        ("comment", "add", "--task", "1", "--text", ""),
        ("comment", "add", "--task", "99", "--text", "x"),
        ("comment", "add", "--task", "1", "--text", "x", "--reply-to", "ffffffff"),
        ("comment", "add", "--task", "1", "--item", "9", "--text", "x"),
        ("instruction", "add", "--task", "1", "--by", "王", "--text", "x", "--date", "2024-13-01"),
        ("instruction", "add", "--task", "1", "--by", "王", "--text", "x", "--assign", "无此单位",
         "--due", "2024-07-01"),
    ):  # fmt: skip
        code, _out, err = run_cli(capsys, db_path, *argv)
        assert code == 2 and err.startswith("错误："), (argv, err)
    assert fingerprint(db_path) == before


def test_export_import_json_round_trips_meetings_comments_instructions(
    demo: Store, tmp_path: Path, capsys
) -> None:
    t1 = cq.resolve_task(demo.db, 1)
    unit = demo.find_unit("市政数局")
    meeting = mt.new_meeting(demo, "2026-11-20", "第十次调度会", present=["张三"])
    mt.add_meeting_item(demo, meeting, "完成选址", unit, "2026-12-31")
    first = rm.add_comment(demo, "task", t1, "请加快")
    rm.add_comment(demo, "task", t1, "收到", reply_to=first)
    rm.add_instruction(demo, t1, "王市长", "抓紧", given_on="2024-06-01", assign_unit=unit,
                       due="2024-06-30")  # fmt: skip
    demo.close()
    exported = tmp_path / "out.json"
    assert main(["export", "--db", str(tmp_path / "liandong.db"), "-o", str(exported)]) == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    counts = {t: len(data["coordination"][t]) for t in ("meeting", "meeting_item", "comment",
                                                        "instruction")}  # fmt: skip
    assert counts == {"meeting": 1, "meeting_item": 1, "comment": 2, "instruction": 1}
    other = tmp_path / "other.db"
    assert main(["import-json", "--db", str(other), str(exported)]) == 0
    again = tmp_path / "again.json"
    assert main(["export", "--db", str(other), "-o", str(again)]) == 0
    second = json.loads(again.read_text(encoding="utf-8"))
    for table in counts:
        assert second["coordination"][table] == data["coordination"][table], table
    # a bad record in the file: a message, nothing imported
    data["coordination"]["comment"][1]["text"] = "x" * 5000
    data["coordination"]["comment"][1]["id"] = "01a00000-0000-7000-8000-000000000001"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    empty = tmp_path / "empty.db"
    capsys.readouterr()
    assert main(["import-json", "--db", str(empty), str(bad)]) == 2
    assert "过长" in capsys.readouterr().err
    conn = sqlite3.connect(empty)
    try:
        assert conn.execute("SELECT count(*) FROM plan").fetchone() == (0,)
    finally:
        conn.close()


def test_instructions_are_printed_in_the_task_sheet_and_the_overview(
    demo: Store, db_path: Path, tmp_path: Path
) -> None:
    from datetime import date

    from pypdf import PdfReader

    from desktop.briefing.api import BriefingOptions, generate

    t1 = cq.resolve_task(demo.db, 1)
    unit = demo.find_unit("市政数局")
    rm.add_instruction(demo, t1, "王市长", "加快建设进度。", given_on="2024-06-01",
                       assign_unit=unit, due="2024-06-30")  # fmt: skip
    rm.add_instruction(demo, t1, "李书记", "很久以前的批示", given_on="2023-05-01")

    def text(path: Path) -> str:
        return "".join(p.extract_text() for p in PdfReader(path).pages).replace("\n", "")

    sheet = tmp_path / "task.pdf"
    generate(db_path, "task", BriefingOptions(task_id=t1, meeting_date=date(2024, 6, 30)), sheet)
    body = text(sheet)
    assert "领导批示" in body and "加快建设进度" in body and "很久以前的批示" in body
    assert "交办市政数局" in body
    overview = tmp_path / "overview.pdf"
    generate(db_path, "overview", BriefingOptions(meeting_date=date(2024, 6, 30)), overview)
    body = text(overview)
    assert "领导批示" in body and "王市长对任务1" in body and "加快建设进度" in body
    assert "很久以前的批示" not in body  # older than a quarter
