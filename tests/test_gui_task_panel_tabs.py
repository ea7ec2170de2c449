"""The task panel at its dock's width at 1366×768 (~350 px), in Chinese and English: every
tab's title is in view (they wrap onto a second line, no scroll arrows) and mouse and
keyboard switch tabs; the 督办 tree says what each row concerns (not the task again, the
panel's subject) and its labels, units and states are whole; the targets list reads its
titles whole, the deadline in its own column that gives way first (offscreen, real SQLite)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QApplication, QTabWidget, QWidget

from desktop.models import coordination_queries as cq
from desktop.models import duban, duban_queries
from desktop.models.store import Store
from desktop.views.button_row import ButtonRow
from desktop.views.coordination.task_panel import TaskPanel
from desktop.views.fit_width import FitWidth
from desktop.views.fonts import ensure_cjk_font
from tests.helpers.gui_coordination_data import seed_demo, seed_worked_task
from tests.helpers.task_panel import shown_panel as shown_task_panel

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)

#: The narrowest the 协同 panel is beside the matrix at 1366×768 (pages: ~355, docks: ~396).
DOCK = (347, 430)
TITLES = {
    "zh": ["里程碑", "目标进度", "进度填报", "依赖", "批示与评论", "附件", "督办"],
    "en": ["Milestones", "Targets", "Reports", "Links", "Comments", "Files", "Supervision"],
}


@pytest.fixture
def worked(store: Store, seed_path: Path, tmp_path: Path) -> tuple[Store, str]:
    """The demo plan and its coordination data, task 5 worked on in every tab."""
    return store, seed_worked_task(store, seed_path, tmp_path)


def shown_panel(qtbot, store: Store, task_id: str, size: tuple[int, int] = DOCK) -> TaskPanel:  # noqa: ANN001
    return shown_task_panel(qtbot, store, task_id, size)


def title_rects(panel: TaskPanel) -> tuple[QWidget, list[QRect], list[QAbstractButton]]:
    """The widget holding the tabs' titles, each title's rectangle in it, and the scroll
    arrows shown beside them (a QTabBar's; none where the titles wrap)."""
    tabs = panel.tabs
    if isinstance(tabs, QTabWidget):  # (the old tab bar)
        bar = tabs.tabBar()
        rects = [bar.tabRect(i) for i in range(tabs.count())]
    else:
        bar = tabs.bar
        rects = [tabs.tab_button(i).geometry() for i in range(tabs.count())]
    arrows = [b for b in bar.findChildren(QAbstractButton) if b.isVisible() and not b.text()]
    return bar, rects, arrows


def test_every_tab_title_is_in_view_at_the_dock_width(qtbot, worked, ui_lang: str) -> None:
    store, task_id = worked
    panel = shown_panel(qtbot, store, task_id)
    assert [panel.tabs.tabText(i) for i in range(panel.tabs.count())] == TITLES[ui_lang]
    bar, rects, arrows = title_rects(panel)
    assert arrows == []
    visible = bar.rect() & panel.rect().translated(-bar.mapTo(panel, QPoint(0, 0)))
    for index, rect in enumerate(rects):
        assert visible.contains(rect), (panel.tabs.tabText(index), rect, visible)
        button = panel.tabs.tab_button(index)  # its whole title: no elision, no clipping
        assert button.isVisible() and button.width() >= button.sizeHint().width()
        assert button.fontMetrics().horizontalAdvance(button.text()) + 8 <= button.width()
        assert button.toolTip()
    assert len({r.top() for r in rects}) == 2  # two lines of titles
    assert panel.tabs.minimumSizeHint().width() <= panel.width()
    # with room (a wide dock) the titles are one line
    panel.resize(620, 430)
    QApplication.processEvents()
    _bar, rects, _arrows = title_rects(panel)
    assert len({r.top() for r in rects}) == 1


def test_clicking_and_the_keyboard_switch_tabs(qtbot, worked) -> None:
    store, task_id = worked
    panel = shown_panel(qtbot, store, task_id)
    tabs = panel.tabs
    seen: list[int] = []
    tabs.currentChanged.connect(seen.append)
    qtbot.mouseClick(tabs.tab_button(6), Qt.MouseButton.LeftButton)
    assert tabs.currentIndex() == 6 and tabs.currentWidget() is panel.workflow
    assert panel.workflow.isVisible() and not panel.milestone_view.isVisible()
    assert [tabs.tab_button(i).isChecked() for i in range(7)] == [False] * 6 + [True]
    tabs.setCurrentWidget(panel.milestone_view.parentWidget())
    assert tabs.currentIndex() == 0 and seen == [6, 0]
    # Ctrl+Tab / Ctrl+PgDn and back, from a list in the page
    panel.activateWindow()
    qtbot.waitActive(panel)
    panel.milestone_view.setFocus()
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(panel.milestone_view, Qt.Key.Key_Tab, ctrl)
    assert tabs.currentIndex() == 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, ctrl)
    assert tabs.currentIndex() == 2
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, ctrl)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, ctrl | shift)
    assert tabs.currentIndex() == 0
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, ctrl)
    assert tabs.currentIndex() == 6  # around the end
    # Tab reaches the current tab's title only; its arrow keys choose another
    policies = [tabs.tab_button(i).focusPolicy() for i in range(7)]
    assert policies == [Qt.FocusPolicy.NoFocus] * 6 + [Qt.FocusPolicy.TabFocus]
    tabs.tab_button(6).setFocus()
    qtbot.keyClick(tabs.tab_button(6), Qt.Key.Key_Left)
    assert tabs.currentIndex() == 5 and tabs.tab_button(5).hasFocus()
    qtbot.keyClick(tabs.tab_button(5), Qt.Key.Key_Home)
    assert tabs.currentIndex() == 0 and tabs.tab_button(0).hasFocus()


def test_tab_titles_are_page_tabs_to_a_screen_reader(qtbot, worked, ui_lang: str) -> None:
    """The tab strip is a page tab list and each title a page tab, the current one
    selected (as a QTabBar's), not a checkable push button; pressing one switches."""
    store, task_id = worked
    panel = shown_panel(qtbot, store, task_id)
    tabs = panel.tabs
    strip = QAccessible.queryAccessibleInterface(tabs.bar)
    assert strip.role() == QAccessible.Role.PageTabList
    assert strip.text(QAccessible.Text.Name) == ("页签" if ui_lang == "zh" else "Tabs")
    assert strip.childCount() == 7
    for index, title in enumerate(TITLES[ui_lang]):
        button = tabs.tab_button(index)
        face = QAccessible.queryAccessibleInterface(button)
        assert strip.child(index).object() is button
        assert face.role() == QAccessible.Role.PageTab
        assert face.text(QAccessible.Text.Name) == title
        assert face.text(QAccessible.Text.Description) == button.toolTip() != ""
        state = face.state()
        assert state.selectable and state.selected == (index == 0), index
        assert not state.checkable and not state.checked
    face = QAccessible.queryAccessibleInterface(tabs.tab_button(3))
    face.doAction(face.pressAction())
    assert tabs.currentIndex() == 3 and face.state().selected
    assert not QAccessible.queryAccessibleInterface(tabs.tab_button(0)).state().selected


def test_the_supervision_rows_say_what_they_concern_whole(qtbot, worked, ui_lang: str) -> None:
    store, task_id = worked
    ensure_cjk_font(QApplication.instance())  # the app's font and row height, as it runs
    panel = shown_panel(qtbot, store, task_id)
    panel.tabs.setCurrentWidget(panel.workflow)
    QApplication.processEvents()
    model, view = panel.workflow.model, panel.workflow.view
    whole = "整项任务" if ui_lang == "zh" else "Whole task"
    period = f"report:{panel.reports.row(0).cells[0]}"
    rows = {key: model.group_rows(key) for key in ("signin", "signoff", "extension", period)}
    assert [r.cells[0] for r in rows["signin"]] == [whole] * 3
    assert [r.cells[0] for r in rows["signoff"]] == [whole]
    assert [r.cells[0].removeprefix("└ ") for r in rows[period]] == [whole, whole]
    milestone = rows["extension"][0]
    assert milestone.cells[0] == "“完成长春…”" and "二期项目立项" in milestone.tooltip
    for group in rows.values():  # the task is the panel's subject, not repeated
        assert not any(("任务5" in r.cells[0] or "Task 5" in r.cells[0]) for r in group)
    fit = view.findChild(FitWidth)
    assert view.horizontalScrollBar().maximum() == 0
    # labels and states whole; notes may elide, and units too where the tree scrolls (in
    # English with the app's CJK font its rows and the six buttons' three lines leave it
    # too short here, and the scroll bar takes the room of two characters): then the
    # unit's whole name is in the cell's tooltip
    scrolls = view.verticalScrollBar().isVisible()
    assert scrolls == (ui_lang == "en")  # in Chinese every row and column is in view
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        for row in range(model.rowCount(parent)):
            for column in (0, 1, 2):
                index = model.index(row, column, parent)
                if column == 1 and scrolls and fit.elided(index):
                    assert fit.tooltip(index).startswith(index.data()), index.data()
                    continue
                assert not fit.elided(index), (index.data(), view.columnWidth(column))


def test_an_item_of_a_task_with_several_reads_as_its_number(qtbot, store, seed_path) -> None:
    seed_demo(store, seed_path)
    task_id = cq.resolve_task(store.db, 14)
    item_ids = [r[0] for r in store.db.execute(
        "SELECT id FROM item WHERE task_id = ? ORDER BY position", [task_id])]  # fmt: skip
    unit = next(iter(duban_queries.closing_units(store.db, task_id, item_ids[1])))
    duban.apply_signoff(store, task_id, unit, "已完成", item_id=item_ids[1])
    panel = shown_panel(qtbot, store, task_id)
    row = panel.workflow.model.group_rows("signoff")[0]
    item_text = store.db.execute("SELECT text FROM item WHERE id = ?", [item_ids[1]]).fetchone()[0]
    assert row.cells[0] == "事项2" and row.tooltip.startswith(item_text)


def test_the_targets_titles_are_read_whole(qtbot, worked, ui_lang: str) -> None:
    store, _task_id = worked
    panel = shown_panel(qtbot, store, cq.resolve_task(store.db, 1))  # ≥ 13000 个 by 2025-12-31
    panel.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    view, model = panel.target_view, panel.targets
    fit = view.findChild(FitWidth)
    title = model.index(0, 0)
    assert title.data() == "主城区5G基站数量"
    assert not fit.elided(title), view.columnWidth(0)
    assert model.index(0, 1).data() == "≥ 13000 个"  # the goal; its deadline in its own column
    deadline = "期限" if ui_lang == "zh" else "Deadline"
    colon = "：" if ui_lang == "zh" else ": "
    assert view.isColumnHidden(2) and f"{deadline}{colon}2025-12-31" in fit.tooltip(title)
    assert view.horizontalScrollBar().maximum() == 0
    panel.resize(760, 430)  # with room, the deadline has its column
    QApplication.processEvents()
    assert not view.isColumnHidden(2) and model.index(0, 2).data() == "2025-12-31"


def test_every_tab_shows_all_its_buttons_at_the_docks_width(qtbot, worked, ui_lang: str) -> None:
    """No button hides in a » menu (a QToolBar's, which at the dock's width in English
    kept 4 of the 督办 tab's 6 there): each tab's buttons are all in view, wrapped onto
    more lines where needed, none over another, and each triggers its own action."""
    store, task_id = worked
    panel = shown_panel(qtbot, store, task_id)
    requested: list[str] = []
    panel.requested.connect(requested.append)
    seen = 0
    for index in range(panel.tabs.count()):
        panel.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        for row in panel.tabs.widget(index).findChildren(ButtonRow):
            boxes = [button.geometry() for button in row.buttons]
            assert all(button.isVisible() for button in row.buttons)
            assert all(row.rect().contains(box) for box in boxes), (row.size(), boxes)
            assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
            seen += len(row.buttons)
    assert seen == 6 + 1 + 2 + 2 + 6  # milestones, targets, reports, links, 督办
    panel.tabs.setCurrentWidget(panel.workflow)
    QApplication.processEvents()
    last = panel.workflow.bar.buttons[-1]
    assert last.geometry().top() > panel.workflow.bar.buttons[0].geometry().top()  # wrapped
    last.defaultAction().trigger()
    assert requested == ["cycle"]
