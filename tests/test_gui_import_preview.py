"""The import preview: picking the task level, merge suggestions, fitting the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.importer import parse_text
from desktop.models.qt.preview_models import MergeSuggestionsModel, PreviewAssignmentsModel
from desktop.models.store import Store
from desktop.views.import_preview import ImportPreviewDialog
from tests.helpers.part_levels import TWO_LEVELS

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))


AMBIGUOUS = """某区工作方案
一、重点任务
（一）建设智慧城市。（区发改委牵头，区财政局配合）
1. 建设城市大脑。（区政数局负责）
（二）优化营商环境。（区市场监督局负责）
"""


def test_user_picks_the_task_level(qtbot):
    plan = parse_text(AMBIGUOUS)
    assert plan.task_style == "pcn" and len(plan.tasks) == 2
    dialog = ImportPreviewDialog(plan, set())
    qtbot.addWidget(dialog)
    assert "不止一个编号层级" in dialog.level_note.text()
    styles = [dialog.level_combo.itemData(i) for i in range(dialog.level_combo.count())]
    assert styles == ["cn", "pcn", "ar"]
    dialog.level_combo.setCurrentIndex(styles.index("ar"))
    assert dialog.parsed.task_style == "ar"
    assert [t.title for t in dialog.parsed.tasks] == ["建设城市大脑"]
    model = dialog.assignments
    assert model.rowCount() == 1
    assert model.index(0, PreviewAssignmentsModel.UNIT).data() == "区政数局"
    # A level without units is refused with a message; the level in use stays.
    dialog.level_combo.setCurrentIndex(styles.index("cn"))
    assert dialog.parsed.task_style == "ar"
    assert dialog.level_combo.currentData() == "ar"
    assert dialog.status_label.isVisibleTo(dialog)
    assert "没有找到标注" in dialog.status_label.text()


def test_merge_suggestions_are_offered_not_applied(qtbot):
    text = "某市方案\n1. 甲事。（市发改委牵头，市政数局配合）\n2. 乙事。（市发展和改革委员会负责）"
    plan = parse_text(text)
    dialog = ImportPreviewDialog(plan, {"市政务服务和数字化建设管理局"})
    qtbot.addWidget(dialog)
    merges = dialog.merges
    rows = [tuple(merges.index(r, c).data() for c in range(3)) for r in range(merges.rowCount())]
    assert rows == [
        ("市政数局", "市政务服务和数字化建设管理局", "已有单位，简称与全称"),
        ("市发展和改革委员会", "市发改委", "本计划中的另一种写法"),
    ]
    assert {u.name for t in dialog.parsed.tasks for i in t.items for u in i.units} == {
        "市发改委",
        "市政数局",
        "市发展和改革委员会",
    }
    dialog.merge_view.selectRow(0)
    dialog.merge_selected()
    names = {u.name for t in dialog.parsed.tasks for i in t.items for u in i.units}
    assert names == {"市发改委", "市政务服务和数字化建设管理局", "市发展和改革委员会"}
    assert merges.rowCount() == 1
    assert isinstance(merges, MergeSuggestionsModel)


def test_restarted_numbers_show_the_outline_position(qtbot):
    text = "某区方案\n一、甲\n1. 甲事。（区发改局负责）\n二、乙\n1. 乙事。（区财政局负责）"
    dialog = ImportPreviewDialog(parse_text(text), set())
    qtbot.addWidget(dialog)
    model = dialog.assignments
    labels = [model.index(r, PreviewAssignmentsModel.TASK).data() for r in range(2)]
    assert labels == ["一/1", "二/1"]


def test_dialog_fits_a_small_screen(qtbot, seed_path):
    from desktop.importer import parse_file

    dialog = ImportPreviewDialog(parse_file(seed_path), set())
    qtbot.addWidget(dialog)
    area = dialog.screen().availableGeometry()
    assert dialog.width() <= area.width() and dialog.height() <= area.height()
    assert dialog.minimumSizeHint().width() <= 1366 * 0.9
    assert dialog.minimumSizeHint().height() <= 768 * 0.9


def test_deadline_milestones_and_leaders_in_the_preview(qtbot, tmp_path):
    from desktop.views.import_preview import commit_plan

    text = "某区方案\n1. 甲事。（责任领导：张三；牵头单位：区发改局；完成时限：2025年6月底前）\n2. 乙事。（区财政局负责）"
    plan = parse_text(text)
    dialog = ImportPreviewDialog(plan, set())
    qtbot.addWidget(dialog)
    assert dialog.deadline_check.isEnabled()
    assert "1 项任务写明了完成时限" in dialog.deadline_check.text()
    model = dialog.assignments
    tip = model.index(0, PreviewAssignmentsModel.TASK).data(3)  # ToolTipRole
    assert tip == "责任领导：张三\n完成时限：2025-06-30"
    assert [u.name for u in plan.tasks[0].items[0].units] == ["区发改局"]
    store = Store.open(tmp_path / "x.db")
    result = commit_plan(store, plan, True).value
    store.close()
    assert result.counts["milestones"] == 1


def test_unrecognised_sheet_asks_for_the_columns(qtbot, db_path, tmp_path):
    import openpyxl

    from desktop.models.store import Store
    from desktop.views import jobs
    from desktop.views.main_window import MainWindow

    path = tmp_path / "odd.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["编码", "事项", "主抓部门", "协助部门"])
    book.active.append([1, "建设城市大脑", "市政数局", "市工信局"])
    book.active.append([2, "推进一网通办", "市政数局", "市市场监管局、市税务局"])
    book.save(path)
    store = Store.open(db_path)
    win = MainWindow(store)
    qtbot.addWidget(win)
    controller = win.importer
    controller.import_file(path)
    qtbot.waitUntil(lambda: controller.mapping_dialog is not None, timeout=10000)
    mapping = controller.mapping_dialog
    labels = [mapping.combos[i].parentWidget() for i in range(4)]
    assert len(labels) == 4
    mapping.buttons.accepted.emit()  # nothing chosen yet: refused with a note
    assert mapping.isVisible() and "任务内容" in mapping.status.text()
    for combo, role in zip(mapping.combos, ["no", "task", "lead", "support"], strict=True):
        combo.setCurrentIndex(combo.findData(role))
    mapping.buttons.accepted.emit()
    qtbot.waitUntil(lambda: controller.dialog is not None, timeout=10000)
    plan = controller.dialog.parsed
    assert [t.title for t in plan.tasks] == ["建设城市大脑", "推进一网通办"]
    assert [(u.role, u.name) for u in plan.tasks[1].items[0].units] == [
        ("lead", "市政数局"),
        ("support", "市市场监管局"),
        ("support", "市税务局"),
    ]
    controller.dialog.cancel_button.click()
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=5000)
    win.close()
    store.close()


def test_level_choices_show_the_outline_items(qtbot):
    dialog = ImportPreviewDialog(parse_text(AMBIGUOUS), set())
    qtbot.addWidget(dialog)
    combo = dialog.level_combo
    tips = [combo.itemData(i, 3) for i in range(combo.count())]  # ToolTipRole
    assert tips[0] == "一、重点任务"
    assert tips[1].splitlines() == [
        "（一）建设智慧城市。（区发改委牵头，区财政局配合）",
        "（二）优化营商环境。（区市场监督局负责）",
    ]
    assert tips[2] == "1. 建设城市大脑。（区政数局负责）"


def test_a_level_per_part_is_an_entry_of_its_own(qtbot):
    plan = parse_text(TWO_LEVELS)
    dialog = ImportPreviewDialog(plan, set())
    qtbot.addWidget(dialog)
    combo = dialog.level_combo
    styles = [combo.itemData(i) for i in range(combo.count())]
    assert styles == ["parts", "cn", "pcn", "ar"]
    assert combo.currentIndex() == 0
    assert combo.itemText(0) == "按部分识别：第二部分为“1.”；其余为“（一）”"
    # The level the other parts use, picked: every part at （一）, 二/一 one task again.
    combo.setCurrentIndex(styles.index("pcn"))
    assert dialog.parsed.task_style == "pcn" and dialog.parsed.part_styles == {}
    assert [t.key for t in dialog.parsed.tasks][-2:] == ["二/一", "二/二"]
    assert [combo.itemData(i) for i in range(combo.count())] == styles
    assert combo.currentData() == "pcn"
    # And back to the automatic choice.
    combo.setCurrentIndex(0)
    assert dialog.parsed.part_styles == {"二": "ar"}
    assert [t.key for t in dialog.parsed.tasks][-3:] == ["二/一/1", "二/一/2", "二/二/1"]
    assert combo.currentData() == "parts"


def test_parts_that_agree_have_no_per_part_entry(qtbot):
    dialog = ImportPreviewDialog(parse_text(AMBIGUOUS), set())
    qtbot.addWidget(dialog)
    assert "parts" not in [
        dialog.level_combo.itemData(i) for i in range(dialog.level_combo.count())
    ]
