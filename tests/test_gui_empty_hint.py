"""An empty list says so in its view ("没有受阻任务", "正在载入…" until its rows come) and
keeps room beside its column titles (offscreen, real SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

from desktop.models import coordination_views as cv
from desktop.models.store import Store
from desktop.views.coordination.dashboard import Dashboard
from desktop.views.coordination.task_panel import TaskPanel
from desktop.views.coordination.workspace import Workspace
from desktop.views.empty_hint import EMPTY_ROOM_EMS, EmptyHint
from desktop.views.unit_panel import UnitPanel
from tests.helpers.gui_coordination_data import add_realistic, seed_demo
from tests.helpers.task_panel import english_translator

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def demo(store: Store, seed_path: Path) -> Store:
    """The demo plan: tasks and units, no milestones nor dependencies (nothing blocked)."""
    seed_demo(store, seed_path)
    return store


@pytest.fixture
def english(qapp) -> Iterator[None]:  # noqa: ANN001
    with english_translator():
        yield


def hint_pixels(view: QAbstractItemView) -> int:
    """Pixels of text in the middle third of the view's viewport (where an empty view's
    message is, and rows' text is not until the view is a third full)."""
    image = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return sum(
        QColor(image.pixel(x, y)).lightness() < 200
        for y in range(image.height() // 3, 2 * image.height() // 3)
        for x in range(image.width())
    )


def bare_title_width(header: QHeaderView, column: int) -> int:
    """A column's title as Qt's own header sizes it, with no room added."""
    return QHeaderView.sectionSizeFromContents(header, column).width()


def shown_dashboard(qtbot, tab: str) -> Dashboard:  # noqa: ANN001
    dash = Dashboard()
    qtbot.addWidget(dash)
    dash.resize(1300, 700)
    dash.show()
    qtbot.waitExposed(dash)
    dash.right_tabs.setCurrentWidget(getattr(dash, f"{tab}_view"))
    return dash


def test_a_dashboard_list_says_loading_then_empty_and_the_hint_goes_with_rows(qtbot, demo) -> None:
    dash = shown_dashboard(qtbot, "at_risk")
    hint, view = dash.hints["at_risk"], dash.at_risk_view
    assert hint.is_shown() and hint.message() == "正在载入…"
    result = cv.overview(demo.db)
    missing = result.pop("missing")  # (the 催报 list comes later: the second step)
    dash.set_overview(result)
    assert dash.at_risk.rowCount() == 0
    assert hint.is_shown() and hint.message() == "没有受阻任务"
    assert hint_pixels(view) > 50  # painted in the viewport
    assert dash.hints["missing"].message() == "正在载入…"  # until the second step
    dash.set_missing(missing)
    assert dash.hints["missing"].message() == "没有需要催报的单位"

    add_realistic(demo)  # milestones and dependencies: tasks blocked
    dash.set_overview(cv.overview(demo.db))
    assert dash.at_risk.rowCount() > 0
    assert not hint.is_shown()
    assert hint_pixels(view) == 0

    dash.at_risk.set_rows([])  # empty again: said again
    assert hint.is_shown() and hint_pixels(view) > 50


def test_an_empty_dashboard_list_keeps_room_beside_its_column_titles(qtbot, demo) -> None:
    dash = shown_dashboard(qtbot, "at_risk")
    dash.set_overview(cv.overview(demo.db))
    header = dash.at_risk_view.horizontalHeader()
    room = EMPTY_ROOM_EMS * header.fontMetrics().height()
    for column in (0, 1):  # 任务, 原因 (传导链 stretches)
        assert header.sectionSize(column) >= bare_title_width(header, column) + room

    add_realistic(demo)  # with rows, the columns are sized to their contents again
    dash.set_overview(cv.overview(demo.db))
    assert dash.at_risk.rowCount() > 0
    view = dash.at_risk_view
    assert header.sectionSize(1) == max(view.sizeHintForColumn(1), header.sectionSizeHint(1))


def test_the_task_panels_lists_say_they_are_empty_and_keep_their_columns(qtbot, demo) -> None:
    panel = TaskPanel(demo)
    qtbot.addWidget(panel)
    panel.resize(420, 600)
    panel.show()
    panel.tabs.setCurrentWidget(panel.workflow)
    qtbot.waitExposed(panel)
    view = panel.workflow.view
    hint = view.findChild(EmptyHint)
    assert hint.is_shown() and hint_pixels(view) > 50
    header = view.header()
    room = EMPTY_ROOM_EMS * header.fontMetrics().height()
    for column in (1, 2):  # 单位, 状态 (resized to their contents)
        assert header.sectionSize(column) >= bare_title_width(header, column) + room

    task_id = demo.db.execute("SELECT id FROM task ORDER BY no LIMIT 1").fetchone()[0]
    panel.set_snapshot(cv.overview(demo.db)["snapshot"])
    panel.show_task(task_id)
    assert panel.workflow.model.rowCount() > 0 and not hint.is_shown()
    milestones = panel.milestone_view.findChild(EmptyHint)
    assert milestones.is_shown() and milestones.message() == "没有里程碑"


def test_the_hints_read_english_under_the_english_translator(qtbot, demo, english) -> None:
    dash = shown_dashboard(qtbot, "at_risk")
    assert dash.hints["at_risk"].message() == "Loading…"
    dash.set_overview(cv.overview(demo.db))
    assert dash.hints["at_risk"].message() == "No blocked tasks"
    assert dash.hints["overdue"].message() == "No overdue milestones"
    panel = TaskPanel(demo)
    qtbot.addWidget(panel)
    assert panel.dependency_view.findChild(EmptyHint).message() == "No dependencies"
    # one word on the tab (seven share a narrow dock), the full name in its tooltip (a
    # tab's "&" marks a shortcut: "Instructions & comments" read "Instructions  comments")
    assert panel.tabs.tabText(panel.tabs.indexOf(panel.remarks)) == "Comments"
    remarks_tip = panel.tabs.tabToolTip(panel.tabs.indexOf(panel.remarks))
    assert remarks_tip == "Leaders' instructions and comments"
    units = UnitPanel()
    qtbot.addWidget(units)
    units.search.setText("XYZ")
    assert units.unit_hint.message() == 'No unit whose name contains "XYZ"'


def test_the_workspace_says_loading_while_a_chosen_unit_waits_for_the_statuses(qtbot, demo) -> None:
    workspace = Workspace(demo.db)
    qtbot.addWidget(workspace)
    assert workspace.hint.is_shown() and workspace.hint.message() != "正在载入…"
    workspace.unit_combo.setCurrentIndex(1)  # a unit, no statuses yet
    assert workspace.hint.is_shown() and workspace.hint.message() == "正在载入…"
    result = cv.overview(demo.db)
    workspace.set_snapshot(result["snapshot"], result["missing"], result["titles"])
    assert workspace.model.rowCount() > 0 and not workspace.hint.is_shown()
