"""The 调度会议 dialog and the task panel's 批示与评论 tab (issue 12), offscreen, real SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate

from desktop.models import coordination_queries as cq
from desktop.models import meetings as mt
from desktop.models import remarks as rm
from desktop.models.store import Store
from desktop.views import dialogs, jobs, meetings_dialog
from desktop.views.coordination.task_panel import TaskPanel
from desktop.views.meetings_dialog import MeetingsDialog
from tests.helpers.coordination import load_demo

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, exc: shown.append(str(exc)))
    monkeypatch.setattr(dialogs, "show_info", lambda _parent, text: shown.append(text))
    return shown


@pytest.fixture
def demo(store: Store) -> Store:
    load_demo(store)
    first = mt.new_meeting(store, "2026-11-02", "第九次调度会", chair="王市长")
    unit = store.find_unit("市政数局")
    mt.add_meeting_item(store, first, "完成5G基站选址", unit, "2026-11-20")
    mt.new_meeting(store, "2026-11-27", "第十次调度会", chair="王市长", present=["张三"])
    return store


def test_meetings_dialog_adds_items_and_prints_minutes(
    qtbot, demo: Store, errors: list[str], tmp_path: Path, monkeypatch
) -> None:
    dialog = MeetingsDialog(demo)
    qtbot.addWidget(dialog)
    assert dialog.meetings.rowCount() == 2
    assert dialog.heading.text() == "2026-11-27 第十次调度会"  # latest first, selected
    assert dialog.previous.rowCount() == 1
    assert "完成5G基站选址" in dialog.previous.row(0).cells[0]
    # an empty item is refused with a message, nothing written
    dialog.item_title.setText("  ")
    dialog.add_item()
    assert errors and "不能为空" in errors[-1] and dialog.items.rowCount() == 0
    dialog.item_title.setText("开展算力券试点")
    dialog.item_unit.setCurrentIndex(dialog.item_unit.findText("市工信局"))
    dialog.item_due.setDate(QDate(2027, 1, 15))
    dialog.add_item()
    assert dialog.items.rowCount() == 1
    assert dialog.items.row(0).cells[1:4] == ("开展算力券试点", "市工信局", "2027-01-15")
    # withdraw, after confirming
    monkeypatch.setattr(meetings_dialog, "confirm", lambda _parent, _text: True)
    dialog.item_title.setText("误录的事项")
    dialog.add_item()
    assert dialog.items.rowCount() == 2
    dialog.item_view.setCurrentIndex(dialog.items.index(1, 0))
    dialog.withdraw_item()
    assert [r.cells[1] for r in dialog.items.rows] == ["开展算力券试点"]
    dialog.absent.setText("赵五、钱七")
    dialog.save_meeting()
    assert mt.meeting(demo.db, dialog.meeting_id)["absent"] == ["赵五", "钱七"]
    out = tmp_path / "纪要.pdf"
    dialog.start_print("minutes", out)
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=20000)
    text = "".join(p.extract_text() for p in PdfReader(out).pages).replace("\n", "")
    assert "第十次调度会纪要" in text and "请假：赵五、钱七" in text and "开展算力券试点" in text
    assert errors[-1].startswith("已生成")
    for size in ((1366, 768), (1920, 1080)):
        dialog.resize(min(size[0] - 60, 1100), min(size[1] - 80, 660))
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.grab().save(str(tmp_path / f"meetings-{size[0]}.png"))
        assert dialog.height() <= size[1] - 60


def test_meetings_dialog_edits_deletes_and_undoes(
    qtbot, demo: Store, errors: list[str], tmp_path: Path, monkeypatch
) -> None:
    """Meeting and item edits, a removal and a deletion, each undone and redone (Ctrl+Z)."""
    from desktop.views import meeting_edits

    dialog = MeetingsDialog(demo)
    qtbot.addWidget(dialog)
    first = dialog.meetings.row(1).record_id  # 第九次调度会, with one item
    dialog.meeting_view.setCurrentIndex(dialog.meetings.index(1, 0))
    assert dialog.meeting_id == first and dialog.meeting_title.text() == "第九次调度会"
    dialog.meeting_title.setText("第九次调度会（扩大）")
    dialog.save_meeting()
    assert mt.meeting(demo.db, first)["title"] == "第九次调度会（扩大）"
    assert dialog.undo_button.isEnabled()
    dialog.undo_stack.undo()
    assert mt.meeting(demo.db, first)["title"] == "第九次调度会"
    assert dialog.meeting_title.text() == "第九次调度会"  # the dialog shows the undo
    dialog.undo_stack.redo()
    assert mt.meeting(demo.db, first)["title"] == "第九次调度会（扩大）"
    # a date after the item's deadline: a message, nothing written
    dialog.meeting_day.setDate(QDate(2026, 12, 1))
    dialog.save_meeting()
    assert errors and "晚于议定事项" in errors[-1]
    assert mt.meeting(demo.db, first)["date"] == "2026-11-02"

    # edit the item through its dialog: the 交办 task follows, and back with undo
    item = mt.meeting_items(demo.db, first)[0]
    dialog.item_view.setCurrentIndex(dialog.items.index(0, 0))

    def edit_and_accept(self) -> int:  # noqa: ANN001
        self.due.setDate(QDate(2026, 12, 20))
        self.title.setText("完成5G基站选址和建设")
        return int(meetings_dialog.QDialog.DialogCode.Accepted)

    calls = {"n": 0}

    def once(self) -> int:  # noqa: ANN001
        calls["n"] += 1
        return edit_and_accept(self) if calls["n"] == 1 else 0

    monkeypatch.setattr(meeting_edits.ItemEditDialog, "exec", once)
    dialog.edit_item()
    deadline = lambda: demo.db.execute(  # noqa: E731
        "SELECT title, deadline FROM task WHERE id = ?", [item.task_id]).fetchone()  # fmt: skip
    assert deadline() == ("完成5G基站选址和建设", "2026-12-20")
    assert dialog.items.row(0).cells[1:4] == ("完成5G基站选址和建设", "市政数局", "2026-12-20")
    dialog.undo_stack.undo()
    assert deadline() == ("完成5G基站选址", "2026-11-20")

    # remove the item, undo: the same record and its task come back
    monkeypatch.setattr(meetings_dialog, "confirm", lambda _parent, _text: True)
    dialog.item_view.setCurrentIndex(dialog.items.index(0, 0))
    dialog.withdraw_item()
    assert dialog.items.rowCount() == 0
    dialog.undo_stack.undo()
    assert [i.id for i in mt.meeting_items(demo.db, first)] == [item.id]
    assert demo.db.execute("SELECT archived FROM task WHERE id = ?", [item.task_id]).fetchone() == (
        None,)  # fmt: skip

    # delete the meeting: asked what to do with the task; archive; undo; cancel does nothing
    asked: list[list[str]] = []
    monkeypatch.setattr(meetings_dialog, "ask_tasks",
                        lambda _parent, live: asked.append([t.task_id for t in live]) or None)  # fmt: skip
    dialog.meeting_view.setCurrentIndex(dialog.meetings.index(dialog.meetings.row_of(first), 0))
    dialog.delete_meeting()
    assert asked == [[item.task_id]] and len(mt.meetings(demo.db)) == 2
    monkeypatch.setattr(meetings_dialog, "ask_tasks", lambda _parent, _live: "archive")
    dialog.delete_meeting()
    assert first not in {m["id"] for m in mt.meetings(demo.db)}
    assert dialog.meetings.rowCount() == 1
    assert demo.db.execute("SELECT archived FROM task WHERE id = ?", [item.task_id]).fetchone()[0]
    dialog.undo_stack.undo()
    assert first in {m["id"] for m in mt.meetings(demo.db)} and dialog.meetings.rowCount() == 2
    assert demo.db.execute("SELECT archived FROM task WHERE id = ?", [item.task_id]).fetchone() == (
        None,)  # fmt: skip
    for size in ((1366, 768), (1920, 1080)):
        dialog.resize(min(size[0] - 60, 1100), min(size[1] - 80, 660))
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.grab().save(str(tmp_path / f"meetings-edit-{size[0]}.png"))


def test_task_panel_shows_instructions_and_threads_comments(
    qtbot, demo: Store, errors: list[str], tmp_path: Path
) -> None:
    t1 = cq.resolve_task(demo.db, 1, "长府办发〔2023〕17号")
    rm.add_instruction(demo, t1, "王市长", "抓紧推进。", given_on="2024-06-01",
                       assign_unit=demo.find_unit("市政数局"), due="2024-06-30")  # fmt: skip
    panel = TaskPanel(demo)
    qtbot.addWidget(panel)
    panel.show_task(t1)
    tab = panel.remarks
    assert tab.instructions.rowCount() == 1
    assert tab.instructions.row(0).cells[0] == "王市长（2024-06-01）：抓紧推进。"
    assert "市政数局" in tab.instructions.row(0).cells[1]
    tab.entry.setText("请说明进度")
    tab.send()
    assert tab.comments.rowCount() == 1 and tab.entry.text() == ""
    tab.comment_view.setCurrentIndex(tab.comments.index(0, 0))
    tab.entry.setText("已完成选址")
    tab.send()
    assert [r.cells[0] for r in tab.comments.rows] == ["请说明进度", "    ↳ 已完成选址"]
    tab.entry.setText("   ")
    tab.send()
    assert "不能为空" in errors[-1] and tab.comments.rowCount() == 2
    panel.tabs.setCurrentWidget(tab)
    panel.resize(520, 600)
    panel.show()
    qtbot.waitExposed(panel)
    panel.grab().save(str(tmp_path / "remarks.png"))


def test_task_panel_attachments_tab(qtbot, demo: Store, errors: list[str], tmp_path: Path) -> None:
    t1 = cq.resolve_task(demo.db, 1, "长府办发〔2023〕17号")
    panel = TaskPanel(demo)
    qtbot.addWidget(panel)
    panel.show_task(t1)
    tab = panel.attachments
    source = tmp_path / "验收照片.jpg"
    source.write_bytes(b"\xff\xd8 photo" * 100)
    tab.add_file(str(source))
    assert tab.files.rowCount() == 1 and tab.files.row(0).cells[0] == "验收照片.jpg"
    tab.add_file(str(tmp_path / "missing.jpg"))
    assert "找不到文件" in errors[-1] and tab.files.rowCount() == 1
    tab.view.setCurrentIndex(tab.files.index(0, 0))
    out = tmp_path / "copy.jpg"
    tab.save_file(str(out))
    assert out.read_bytes() == source.read_bytes()
    panel.tabs.setCurrentWidget(tab)
    panel.resize(520, 400)
    panel.show()
    qtbot.waitExposed(panel)
    panel.grab().save(str(tmp_path / "attachments.png"))


def test_detail_panel_shows_instructions(qtbot, demo: Store) -> None:
    from desktop.models import queries
    from desktop.views.detail_panel import DetailPanel

    t1 = cq.resolve_task(demo.db, 1, "长府办发〔2023〕17号")
    rm.add_instruction(demo, t1, "王市长", "抓紧推进。", given_on="2024-06-01",
                       assign_unit=demo.find_unit("市政数局"), due="2024-06-30")  # fmt: skip
    panel = DetailPanel()
    qtbot.addWidget(panel)
    panel.show_task(queries.task_detail(demo.db, t1))
    text = panel.toPlainText()
    assert "领导批示" in text and "2024-06-01 王市长：抓紧推进。" in text
    assert "交办市政数局，2024-06-30前落实" in text


def test_comment_on_a_report_from_the_task_panel(qtbot, demo: Store, errors: list[str]) -> None:
    from desktop.models import coordination as co

    t1 = cq.resolve_task(demo.db, 1, "长府办发〔2023〕17号")
    report = co.add_report(demo, t1, demo.find_unit("市城管局"), period="2024-06", percent=40)
    panel = TaskPanel(demo)
    qtbot.addWidget(panel)
    panel.show_task(t1)
    tab = panel.remarks
    assert tab.about.count() == 2 and tab.about.itemText(1) == "2024-06 期报告（市城管局）"
    tab.about.setCurrentIndex(1)
    tab.entry.setText("数据口径？")
    tab.send()
    [comment] = rm.task_comments(demo.db, t1)
    assert (comment.node_kind, comment.node_id, comment.text) == ("report", report, "数据口径？")
    assert tab.comments.row(0).cells[3] == "2024-06 期报告（市城管局）"
