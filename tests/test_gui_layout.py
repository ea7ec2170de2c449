"""Small screens, several plans, and the GUI rough edges found in exploratory testing
(offscreen Qt, real SQLite)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from desktop.importer import parse_file
from desktop.models import coordination_views as cv
from desktop.models import queries, workspace_queries
from desktop.models import status as st
from desktop.models.matrix_rows import load_matrix_index
from desktop.models.qt.matrix_model import ITEM_ROLE, MatrixModel, plan_tags
from desktop.models.qt.preview_models import PreviewAssignmentsModel
from desktop.models.store import Store
from desktop.views import jobs
from desktop.views.button_row import ButtonRow
from desktop.views.coordination.workspace import Workspace
from tests.helpers.gui_coordination_data import add_realistic, seed_demo

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)

SEED = Path(__file__).resolve().parent.parent / "assets" / "demo-plan-changchun-2023.txt"
SECOND_PLAN = """\
发文机关: 长春市人民政府办公厅
成文日期: 2024年03月01日
标      题: 长春市人民政府办公厅关于印发长春市智慧城市建设三年行动方案的通知
发文字号: 长府办发〔2024〕5号
发布日期: 2024年03月10日

长春市智慧城市建设三年行动方案

  一、主要任务

  1. 推进政务云扩容。扩大政务云资源池,提升算力支撑能力。(牵头单位:市政数局;配合单位:市工信局)

  2. 推广智慧停车。建设全市统一停车平台。(牵头单位:市交通局;配合单位:市政数局)
"""


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))


@pytest.fixture
def two_plans(db_path: Path, tmp_path: Path) -> Path:
    second = tmp_path / "plan2.txt"
    second.write_text(SECOND_PLAN, encoding="utf-8")
    store = Store.open(db_path)
    store.import_plan(parse_file(SEED))
    store.import_plan(parse_file(second))
    store.close()
    return db_path


def _window(qtbot, path: Path, size: tuple[int, int], docking: bool = True):
    from desktop.views.main_window import MainWindow

    store = Store.open(path)
    win = MainWindow(store, remember_layout=False, docking=docking)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=10000)
    return store, win


def _close(win, store: Store) -> None:
    win.close()
    assert jobs.wait_for_jobs(5000)
    store.close()


def _clipped_buttons(win) -> list[str]:
    """协同 buttons of the shown tab hidden or not wholly inside their row."""
    clipped = []
    for row in win.coordination.task_panel.findChildren(ButtonRow):
        if not row.isVisible():
            continue
        assert row.buttons
        for button in row.buttons:
            if not button.isVisible() or not row.rect().contains(button.geometry()):
                clipped.append(button.text())
    return clipped


def _check_small_screen(win) -> None:
    assert (win.width(), win.height()) == (1024, 640)
    right = Qt.DockWidgetArea.RightDockWidgetArea
    coordination = win.coordination.task_dock
    assert win.dockWidgetArea(coordination) == right
    assert coordination in win.tabifiedDockWidgets(win.detail_dock)  # tabs, not split
    assert win.unit_panel.unit_table.columnWidth(0) > 60
    coordination.raise_()
    win.layout().activate()
    assert _clipped_buttons(win) == []
    matrix = win.matrix_view
    assert matrix.viewport().height() > 4 * matrix.rowHeight(0)
    assert matrix.viewport().width() - matrix.columnWidth(0) > 8 * matrix.columnWidth(1)


def test_small_window_gets_the_compact_layout(qtbot, two_plans) -> None:
    store, win = _window(qtbot, two_plans, (1024, 640))
    task_id = queries.tasks(store.db)[0]["id"]
    win.coordination.show_task(task_id)
    _check_small_screen(win)
    _close(win, store)


def test_untouched_layout_follows_the_window_size(qtbot, two_plans) -> None:
    store, win = _window(qtbot, two_plans, (1366, 768))
    right = Qt.DockWidgetArea.RightDockWidgetArea
    assert win.tabifiedDockWidgets(win.detail_dock) == []  # 协同 split under 详情
    win.resize(1024, 640)
    qtbot.wait(20)
    _check_small_screen(win)
    win.resize(1600, 1000)
    qtbot.wait(20)
    assert win.tabifiedDockWidgets(win.detail_dock) == []
    assert win.dockWidgetArea(win.coordination.task_dock) == right
    assert _clipped_buttons(win) == []
    # a layout the user changed is left alone
    win.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, win.detail_dock)
    win.resize(1024, 640)
    qtbot.wait(20)
    assert win.dockWidgetArea(win.detail_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    _close(win, store)


def test_rows_name_their_plan_when_several_are_loaded(qtbot, two_plans) -> None:
    store, win = _window(qtbot, two_plans, (1600, 1000))
    plans = {p["id"]: p for p in queries.plans(store.db)}
    assert len(plans) == 2
    proxy = win.matrix_proxy
    seen = set()
    full_rows = {row.item_id: row for row in queries.matrix(store.db).rows}
    for r in range(proxy.rowCount()):
        index = proxy.index(r, 0)
        row = full_rows[index.data(ITEM_ROLE)]
        doc_no = plans[row.plan_id]["doc_no"]
        year_no = doc_no[doc_no.index("〔") :]
        assert index.data() == f"{year_no} {row.label}"
        assert doc_no in index.data(Qt.ItemDataRole.ToolTipRole)
        seen.add(doc_no)
    assert seen == {p["doc_no"] for p in plans.values()}
    # the unit view's 计划 column shows the 发文字号
    unit = next(u for u in queries.unit_summaries(store.db) if u["name"] == "市政数局")
    win.unit_panel.select_unit(unit["id"])
    model = win.unit_panel.assignments
    shown = {model.index(r, 3).data() for r in range(model.rowCount())}
    assert shown == {p["doc_no"] for p in plans.values()}
    _close(win, store)


def test_one_plan_keeps_plain_labels(store: Store) -> None:
    store.import_plan(parse_file(SEED))
    model = MatrixModel()
    data = queries.matrix(store.db)
    model.set_data(load_matrix_index(store.db), None, queries.plans(store.db), db=store.db)
    assert model.index(0, 0).data() == data.rows[0].label
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == data.rows[0].text


def test_plan_tags_fall_back_to_the_full_number_when_ambiguous() -> None:
    plans = [
        {"id": "a", "title": "甲", "doc_no": "长府办发〔2024〕5号"},
        {"id": "b", "title": "乙", "doc_no": "长府发〔2024〕5号"},
        {"id": "c", "title": "没有文号的计划标题很长", "doc_no": ""},
    ]
    tags = plan_tags(plans)
    assert tags["a"][0] == "长府办发〔2024〕5号" and tags["b"][0] == "长府发〔2024〕5号"
    assert tags["c"] == ("没有文号的计划…", "没有文号的计划标题很长")
    assert "长府办发〔2024〕5号" in tags["a"][1]


def test_workspace_lists_next_milestones_and_counts_due_soon(qtbot, store, seed_path) -> None:
    seed_demo(store, seed_path)
    add_realistic(store)
    ws = Workspace(store.db)
    qtbot.addWidget(ws)
    result = cv.overview(store.db)
    ws.set_snapshot(result["snapshot"], result["missing"], result["titles"])
    unit_id = next(u["id"] for u in queries.unit_summaries(store.db) if u["name"] == "市政数局")
    ws.set_unit(unit_id)
    group = ws.model.index(1, 0)
    assert group.data().startswith("接下来的里程碑")
    expected = workspace_queries.unit_workspace(store.db, unit_id)["due_next"]
    due_soon = sum(1 for m in expected if m.status == st.DUE_SOON)
    assert ws.model.rowCount(group) == len(expected)
    assert f"临期 {due_soon}；" in ws.summary.text()
    assert "即将到期" not in ws.summary.text()


def test_blank_unit_name_in_the_preview_says_why(qtbot, db_path) -> None:
    from desktop.views.import_preview import ImportPreviewDialog

    dialog = ImportPreviewDialog(parse_file(SEED), set())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.status_label.isHidden()
    units = dialog.units
    before = units.index(0, 0).data()
    assert not units.setData(units.index(0, 0), "  ")
    assert units.index(0, 0).data() == before
    assert dialog.status_label.isVisible()
    assert "不能为空" in dialog.status_label.text()
    assert "删除所选单位" in dialog.status_label.text()
    # a successful edit clears the message
    assert units.setData(units.index(0, 0), before + "（改）")
    assert dialog.status_label.isHidden()
    # the same through the assignments table
    model = dialog.assignments
    assert not model.setData(model.index(0, PreviewAssignmentsModel.UNIT), "")
    assert dialog.status_label.isVisible()


def test_milestone_lists_show_the_task_first_when_several_plans_are_loaded(two_plans) -> None:
    """A narrow 逾期里程碑 or 阻碍排名 column shows 任务N“里程碑” first and the plan's
    发文字号 after it (with 2,000 plans every row began with a 发文字号 and the column
    showed nothing else); the tooltip keeps the whole label."""
    from desktop.models import coordination as actions
    from desktop.models.dependencies import add_dependency
    from desktop.models.status_queries import compute_status
    from desktop.views.coordination import rows

    store = Store.open(two_plans)
    plans = {p["id"]: p["doc_no"] for p in queries.plans(store.db)}
    seed_plan = next(plan for plan, doc_no in plans.items() if doc_no == "长府办发〔2023〕17号")
    tasks = {t["no"]: t["id"] for t in queries.tasks(store.db) if t["plan_id"] == seed_plan}
    unit = next(u["id"] for u in queries.unit_summaries(store.db) if u["name"] == "市政数局")
    ms = actions.add_milestone(store, tasks[5], "算力中心投运", "2024-06-30", owner_unit_id=unit)
    add_dependency(store, ("milestone", ms), ("task", tasks[27]))
    snap = compute_status(store.db, date(2024, 7, 2))
    store.close()
    whole = "长府办发〔2023〕17号 任务5“算力中心投运”"
    assert snap.label(("milestone", ms)) == whole
    row = rows.milestone_row(snap, snap.milestones[ms])
    assert row.cells[0] == "任务5“算力中心投运”（长府办发〔2023〕17号）"
    assert row.tooltip == whole
    # the 总览's lists: the task by number and title (its plan after it), the milestone
    titled = rows.milestone_row(snap, snap.milestones[ms], {tasks[5]: (5, "推进算力中心建设")})
    assert titled.cells[:2] == ("5 推进算力中心建设（长府办发〔2023〕17号）", "算力中心投运")
    assert titled.cells[2:] == row.cells[1:] and titled.tooltip == whole
    blocking = next(unit_row for unit_row in snap.blocking if ms in unit_row.root_milestone_ids)
    row = rows.blocking_row(snap, 1, blocking)
    assert row.cells[2] == "任务5“算力中心投运”（长府办发〔2023〕17号）"
    assert row.tooltip == whole


def test_sections_name_their_plan_when_several_are_loaded(two_plans, tmp_path: Path) -> None:
    """The 按章节 list: with several plans each section's plan's 发文字号 follows its name
    (plans often name their sections alike); with one plan the name alone. A section
    the dashboard learns of after an edit (``dashboard_delta``) is named the same way."""
    from desktop.models.qt.text import section_prefix
    from desktop.views.coordination import rows

    store = Store.open(two_plans)
    plans = {p["id"]: p["doc_no"] for p in queries.plans(store.db)}
    sections = dict(store.db.execute("SELECT id, plan_id FROM section").fetchall())
    dash = workspace_queries.dashboard(store.db)
    assert dash["by_section"] and {e["plan"] for e in dash["by_section"].values()} == set(
        plans.values()
    )
    for section_id, entry in dash["by_section"].items():
        doc_no = plans[sections[section_id]]
        assert entry["plan"] == doc_no
        name = rows.section_entry(section_id, entry)[1]
        assert name.endswith(f"（{doc_no}）") and entry["title"] in name
    from desktop.models.dashboard_delta import _section_entry

    section_id = next(iter(dash["by_section"]))
    assert _section_entry(store.db, section_id)["plan"] == plans[sections[section_id]]
    store.close()
    one = Store.open(tmp_path / "one.db")
    one.import_plan(parse_file(SEED))
    entries = workspace_queries.dashboard(one.db)["by_section"].values()
    one.close()
    assert entries and all(e["plan"] == "" for e in entries)
    for entry in entries:
        expected = section_prefix(entry["no"], entry["level"]) + entry["title"]
        assert rows.section_entry("s", entry)[1] == expected
