"""Meetings close the loop (issue 12): 议定事项 become 交办 tasks, the next meeting opens with
their progress, the 会议纪要 and 工作提醒函 are printed (real SQLite, real PDFs, the CLI)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from desktop.errors import UserError
from desktop.models import coordination as co
from desktop.models import meeting_edits as me
from desktop.models import meetings as mt
from desktop.models.store import Store
from tests.helpers.coordination import fingerprint, load_demo, run_cli


def _text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages).replace("\n", "")


def _units(store: Store) -> list[tuple[str, str]]:
    return store.db.execute(
        "SELECT id, name FROM unit WHERE name LIKE '市%局' ORDER BY name LIMIT 2"
    ).fetchall()


@pytest.fixture
def two_meetings(store: Store) -> tuple[Store, str, str]:
    load_demo(store)
    (u1, _n1), (u2, _n2) = _units(store)
    first = mt.new_meeting(
        store, "2026-11-02", "第九次调度会", chair="王市长", present=["王市长", "张三"],
        absent=["赵五"], attending=["孙六"],
    )  # fmt: skip
    mt.add_meeting_item(store, first, "完成5G基站选址", u1, "2026-11-20")
    mt.add_meeting_item(store, first, "出台数据中心节能方案", u2, "2027-03-31")
    second = mt.new_meeting(store, "2026-11-27", "第十次调度会", chair="王市长")
    mt.add_meeting_item(store, second, "开展算力券试点", u1, "2027-01-15")
    return store, first, second


def test_meeting_items_become_assigned_tasks_with_the_meeting_as_basis(two_meetings) -> None:
    store, first, _second = two_meetings
    items = mt.meeting_items(store.db, first)
    assert [i.title for i in items] == ["完成5G基站选址", "出台数据中心节能方案"]
    task = store.db.execute(
        "SELECT t.title, t.deadline, p.title FROM task t JOIN plan p ON p.id = t.plan_id"
        " WHERE t.id = ?",
        [items[0].task_id],
    ).fetchone()
    assert task == ("完成5G基站选址", "2026-11-20", mt.MEETING_PLAN_TITLE)
    lead = store.db.execute(
        "SELECT a.unit_id, a.role FROM assignment a JOIN item i ON i.id = a.item_id"
        " WHERE i.task_id = ?",
        [items[0].task_id],
    ).fetchall()
    assert lead == [(items[0].unit_id, "lead")]
    milestone = store.db.execute(
        "SELECT title, due, owner_unit_id FROM milestone WHERE task_id = ?", [items[0].task_id]
    ).fetchone()
    assert milestone == (mt.DONE_MILESTONE, "2026-11-20", items[0].unit_id)
    bases = {r[0] for r in store.db.execute(
        "SELECT basis FROM task_change WHERE task_id = ?", [items[0].task_id]
    )}  # fmt: skip
    assert bases == {"2026-11-02 第九次调度会议定事项"}
    # every write went to the sync outbox
    logged = {r[0] for r in store.db.execute("SELECT DISTINCT tbl FROM change_log")}
    assert {"meeting", "meeting_item", "task", "assignment", "milestone"} <= logged


def test_the_next_meeting_opens_with_the_previous_items_progress(two_meetings) -> None:
    store, first, second = two_meetings
    items = mt.meeting_items(store.db, first)
    done = store.db.execute(
        "SELECT id FROM milestone WHERE task_id = ?", [items[0].task_id]
    ).fetchone()[0]
    co.mark_milestone_done(store, done, "2026-11-18")
    co.add_report(store, items[1].task_id, items[1].unit_id, period="2026-11", text="方案初稿已完成",
                  percent=40, confirm_period=True)  # fmt: skip
    previous, before = mt.previous_items(store.db, second)
    assert previous is not None and previous["id"] == first
    assert [i.done_date for i in before] == ["2026-11-18", None]
    assert before[1].report == "2026-11：方案初稿已完成（完成 40%）"
    assert mt.previous_items(store.db, first) == (None, [])


def test_bad_input_is_refused_and_writes_nothing(two_meetings, db_path: Path) -> None:
    store, first, _second = two_meetings
    unit = _units(store)[0][0]
    before = fingerprint(db_path)
    for call in (
        lambda: mt.add_meeting_item(store, first, "x", unit, "2026-10-01"),  # before the meeting
        lambda: mt.add_meeting_item(store, first, "  ", unit, "2026-12-01"),
        lambda: mt.add_meeting_item(store, first, "x" * 201, unit, "2026-12-01"),
        lambda: mt.add_meeting_item(store, first, "x", "no-such-unit", "2026-12-01"),
        lambda: mt.add_meeting_item(store, first, "x", unit, "2026-02-30"),
        lambda: mt.new_meeting(store, "2026-11-31", "会"),
        lambda: mt.new_meeting(store, "2026-11-30", "会\n议"),
        lambda: me.edit_meeting(
            store, first, present=["张三"] * 0 + [f"人{i}" for i in range(201)]
        ),
    ):
        with pytest.raises(UserError):
            call()
    assert fingerprint(db_path) == before


def test_a_failed_step_leaves_no_half_made_task(two_meetings, db_path: Path, monkeypatch) -> None:
    store, first, _second = two_meetings
    unit = _units(store)[0][0]
    tasks = store.db.execute("SELECT count(*) FROM task WHERE archived IS NULL").fetchone()[0]

    def broken(*_args, **_kwargs):
        raise UserError("模拟失败")

    monkeypatch.setattr(co, "add_milestone", broken)
    with pytest.raises(UserError, match="模拟失败"):
        mt.add_meeting_item(store, first, "新事项", unit, "2026-12-01")
    assert store.db.execute(
        "SELECT count(*) FROM task WHERE archived IS NULL"
    ).fetchone()[0] == tasks  # fmt: skip
    assert len(mt.meeting_items(store.db, first)) == 2


def test_minutes_pdf_has_the_gbt9704_form(two_meetings, db_path: Path, tmp_path: Path) -> None:
    from desktop.briefing.api import BriefingOptions, generate

    _store, first, second = two_meetings
    out = tmp_path / "纪要.pdf"
    result = generate(
        db_path, "minutes", BriefingOptions(meeting_id=second, issuer="市政府督查室"), out
    )
    text = _text(out)
    assert result.pages >= 1
    for expected in ("第十次调度会纪要", "市政府督查室", "2026年11月27日，王市长主持召开第十次调度会",
                     "现将议定事项纪要如下", "上次会议议定事项落实情况", "完成5G基站选址",
                     "开展算力券试点", "2027年1月15日前完成"):  # fmt: skip
        assert expected in text, expected
    first_out = tmp_path / "first.pdf"
    generate(db_path, "minutes", BriefingOptions(meeting_id=first), first_out)
    text = _text(first_out)
    assert "出席：王市长、张三" in text and "请假：赵五" in text and "列席：孙六" in text
    assert "上次会议" not in text


def test_one_reminder_letter_per_responsible_unit(
    two_meetings, db_path: Path, tmp_path: Path
) -> None:
    from desktop.briefing.api import BriefingOptions, generate

    store, first, _second = two_meetings
    (_u1, n1), (_u2, n2) = _units(store)
    out = tmp_path / "提醒函.pdf"
    result = generate(db_path, "reminder", BriefingOptions(meeting_id=first), out)
    assert result.documents == 2
    pages = [p.extract_text().replace("\n", "") for p in PdfReader(out).pages]
    assert len(pages) == 2
    assert f"{n1}：" in pages[0] and "完成5G基站选址" in pages[0] and "出台数据" not in pages[0]
    assert f"{n2}：" in pages[1] and "工作提醒函" in pages[1]
    docx = tmp_path / "提醒函.docx"
    generate(db_path, "reminder", BriefingOptions(meeting_id=first), docx, "docx")
    body = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert f"{n1}：" in body and f"{n2}：" in body


def test_cli_meeting_round(db_path: Path, tmp_path: Path, capsys) -> None:
    store = Store.open(db_path)
    load_demo(store)
    unit = _units(store)[0][1]
    store.close()
    code, out, err = run_cli(capsys, db_path, "meeting", "new", "--date", "2026-11-27", "--title",
                             "第十次调度会", "--chair", "王市长", "--present", "张三、李四")  # fmt: skip
    assert code == 0 and "已登记会议" in out, err
    code, out, err = run_cli(capsys, db_path, "meeting", "item", "add", "2026-11-27", "--title",
                             "开展算力券试点", "--unit", unit, "--due", "2027-01-15")  # fmt: skip
    assert code == 0 and "已交办为任务1" in out, err
    code, out, _ = run_cli(
        capsys, db_path, "meeting", "attendance", "2026-11-27", "--absent", "赵五"
    )
    assert code == 0
    code, out, _ = run_cli(capsys, db_path, "meeting", "list")
    assert code == 0 and "第十次调度会" in out and "议定事项 1 项" in out
    code, out, _ = run_cli(capsys, db_path, "meeting", "show", "2026-11-27")
    assert "出席：张三、李四" in out and "请假：赵五" in out and "开展算力券试点" in out
    pdf = tmp_path / "m.pdf"
    code, out, err = run_cli(capsys, db_path, "meeting", "minutes", "2026-11-27", "-o", str(pdf))
    assert code == 0 and pdf.exists(), err
    assert "请假：赵五" in _text(pdf)
    code, out, err = run_cli(capsys, db_path, "meeting", "reminders", "2026-11-27", "-o",
                             str(tmp_path / "r.docx"))  # fmt: skip
    assert code == 0 and (tmp_path / "r.docx").exists(), err
    before = fingerprint(db_path)
    for argv in (
        ("meeting", "item", "add", "2026-11-27", "--title", "x", "--unit", "没有这个单位",
         "--due", "2027-01-01"),
        ("meeting", "item", "add", "2026-11-27", "--title", "x", "--unit", unit, "--due", "明年"),
        ("meeting", "item", "add", "2099-01-01", "--title", "x", "--unit", unit, "--due",
         "2099-02-01"),
        ("meeting", "new", "--date", "2026-02-29", "--title", "x"),
        ("meeting", "minutes", "2026-11-27", "-o", str(tmp_path / "no" / "dir" / "m.pdf")),
    ):  # fmt: skip
        code, _out, err = run_cli(capsys, db_path, *argv)
        assert code == 2 and err.startswith("错误："), (argv, err)
    assert fingerprint(db_path) == before


def test_attendance_lists_are_json_lists_of_names(two_meetings, db_path: Path) -> None:
    _store, first, _second = two_meetings
    conn = sqlite3.connect(db_path)
    present = conn.execute("SELECT present FROM meeting WHERE id = ?", [first]).fetchone()[0]
    conn.close()
    assert json.loads(present) == ["王市长", "张三"]


@pytest.mark.parametrize(
    "table", ["meeting", "meeting_item", "comment", "instruction", "attachment", "target_value"]
)
def test_issue12_tables_match_the_registry(store: Store, table: str) -> None:
    """SQL and sync.records agree column by column (kinds, NULL, required, references)."""
    from sync import fields as kinds
    from sync import records

    spec = records.TABLES[table]
    info = store.db.execute(f"PRAGMA table_info([{table}])").fetchall()
    sql = {row[1]: row for row in info if row[1] != "id"}
    assert list(spec.columns) == list(sql)
    foreign = {fk[3]: fk[2] for fk in store.db.execute(f"PRAGMA foreign_key_list([{table}])")}
    for name, column in spec.columns.items():
        assert not isinstance(column, kinds.Scalar), name
        _cid, _name, _type, notnull, default, _pk = sql[name]
        assert column.nullable == (not notnull), name
        assert column.required == (bool(notnull) and default is None), name
        if name in foreign:
            assert isinstance(column, kinds.Ref) and column.table == foreign[name], name
    assert spec.append_only == (table in ("comment", "instruction"))
    assert spec.members == (table in ("comment", "attachment", "target_value"))


def test_withdrawing_an_item_archives_its_task(two_meetings, db_path: Path, capsys) -> None:
    store, first, _second = two_meetings
    item = mt.meeting_items(store.db, first)[1]
    store.close()
    code, out, err = run_cli(capsys, db_path, "meeting", "item", "remove", "2026-11-02", "2",
                             "--reason", "会上撤销")  # fmt: skip
    assert code == 0 and "已撤回议定事项“出台数据中心节能方案”" in out, err
    conn = sqlite3.connect(db_path)
    try:
        archived = conn.execute("SELECT archived FROM task WHERE id = ?", [item.task_id]).fetchone()
        basis = conn.execute(
            "SELECT basis FROM task_change WHERE task_id = ? ORDER BY changed_at DESC LIMIT 1",
            [item.task_id],
        ).fetchone()[0]
        left = conn.execute(
            "SELECT title FROM meeting_item WHERE meeting_id = ?", [first]
        ).fetchall()
    finally:
        conn.close()
    assert archived[0] is not None
    assert basis == "2026-11-02 第九次调度会议定事项：撤回“出台数据中心节能方案”（会上撤销）"
    assert left == [("完成5G基站选址",)]
    code, _out, err = run_cli(capsys, db_path, "meeting", "item", "remove", "2026-11-02", "5")
    assert code == 2 and "没有第 5 项" in err


def test_a_meeting_is_found_by_the_id_lists_show(two_meetings) -> None:
    """``meeting list`` shows an id's tail (``short_id``): it names the meeting, as
    does its head, the full id or the date; a wrong one is refused with the hint."""
    from desktop.errors import NotFound
    from desktop.models.coordination_queries import short_id

    store, first, second = two_meetings
    for text in (short_id(first), first[:8] if first[:8] != second[:8] else first, first):
        assert mt.resolve_meeting(store.db, text) == first
    assert mt.resolve_meeting(store.db, "2026-11-27") == second
    with pytest.raises(NotFound, match="按会议编号或日期"):
        mt.resolve_meeting(store.db, "abcdef99")
