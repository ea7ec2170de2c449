"""The main window, the import preview and ``--screenshot``: real widgets offscreen, real SQLite."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from desktop.models import queries
from desktop.models.qt.preview_models import PreviewAssignmentsModel
from desktop.models.qt.roles import ID_ROLE
from desktop.models.store import Store
from desktop.views import dialogs, jobs
from tests.helpers.main_window_fixtures import (  # noqa: F401 - fixtures
    _isolated_settings,
    docked_window,
    messages,
    seeded_path,
    shown_labels,
    window,
)

# The offscreen platform plugin warns about dock size hints and raising floating docks.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)

SEED = Path(__file__).resolve().parent.parent / "assets" / "demo-plan-changchun-2023.txt"


def test_window_shows_the_matrix_tree_and_units(window) -> None:
    assert window.matrix_proxy.rowCount() == 36
    assert shown_labels(window)[0].startswith("1 ")
    assert window.tree_model.rowCount() == 1
    assert window.unit_panel.units.rowCount() == len(queries.unit_summaries(window.store.db))
    assert "36/36" in window.counts_label.text()
    # the frozen column shows the same model and selection
    assert window.matrix_view.frozen.model() is window.matrix_proxy
    assert window.matrix_view.frozen.selectionModel() is window.matrix_view.selectionModel()


def test_status_bar_counts_have_thousands_separators(window) -> None:
    window._plan_count, window._task_count = 2_000, 100_000  # a province's counts
    window._update_status()
    text = window.counts_label.text()
    assert "计划 2,000 个 · 任务 100,000 项 · 工作项 36 项" in text
    assert "36/36" in text


def test_filter_by_unit_from_the_filter_bar(window, qtbot) -> None:
    unit_id = window.store.find_unit("市政数局")
    with qtbot.waitSignal(window.filter_bar.changed):
        window.filter_bar.set_unit(unit_id)
    assert window.matrix_proxy.rowCount() == 27
    assert window.unit_panel.current_unit == unit_id
    assert window.unit_panel.assignments.rowCount() == 27
    assert "27/36" in window.counts_label.text()
    window.filter_bar.clear()
    assert window.matrix_proxy.rowCount() == 36


def test_search_box_narrows_rows(window, qtbot) -> None:
    window.focus_search()
    with qtbot.waitSignal(window.filter_bar.changed, timeout=2000):
        qtbot.keyClicks(window.filter_bar.search, "5G")
    qtbot.waitUntil(lambda: not window.matrix_search.pending, timeout=2000)  # on a worker
    labels = shown_labels(window)
    assert 0 < len(labels) < 36
    assert any(label.startswith("1 ") for label in labels)
    window.filter_bar.search.clear()
    qtbot.waitUntil(lambda: window.matrix_proxy.rowCount() == 36, timeout=2000)


def test_selecting_a_task_fills_the_detail_panel(window) -> None:
    task_index = next(
        window.matrix_proxy.index(r, 0)
        for r in range(window.matrix_proxy.rowCount())
        if window.matrix_proxy.index(r, 0).data().startswith("1 ")
    )
    window.matrix_view.setCurrentIndex(task_index)
    text = window.detail.toPlainText()
    assert window.detail.task_id == task_index.data(ID_ROLE)
    assert "到“十四五”末期,主城区5G基站数量达到13000个以上" in text
    assert "市城管局" in text and "牵头" in text and "13000" in text
    # choosing a task in the tree selects its row in the matrix
    tree = window.tree_model
    node = tree.index_of(task_index.data(ID_ROLE))
    window.matrix_view.setCurrentIndex(window.matrix_proxy.index(5, 0))
    window.tree_view.setCurrentIndex(node)
    assert window.matrix_view.currentIndex().siblingAtColumn(0).data(ID_ROLE) == task_index.data(
        ID_ROLE
    )


def test_tree_section_sets_the_scope_filter(window) -> None:
    plan = window.tree_model.index(0, 0)
    section = window.tree_model.index(1, 0, plan)  # 二、主要任务
    first_sub = window.tree_model.index(0, 0, section)
    window.tree_view.setCurrentIndex(first_sub)
    assert window.filter_bar.scope == ("section", window.tree_model.node_id(first_sub))
    assert 0 < window.matrix_proxy.rowCount() < 36


def test_store_changed_signal_reloads(window, qtbot) -> None:
    with qtbot.waitSignal(window.reloaded, timeout=5000):  # reloaded off the GUI thread
        window.store.rename_unit(window.store.find_unit("市城管局"), "长春市城市管理局")
    names = [
        window.unit_panel.units.index(r, 0).data()
        for r in range(window.unit_panel.units.rowCount())
    ]
    assert "长春市城市管理局" in names and "市城管局" not in names


def test_edits_outside_the_plan_tables_do_not_reload(window, qtbot) -> None:
    from desktop.models import coordination as co

    task = next(t for t in queries.tasks(window.store.db) if t["no"] == 1)
    reloads: list[int] = []
    window.reloaded.connect(lambda: reloads.append(1))
    co.add_milestone(window.store, task["id"], "新建5G基站", "2027-06-30")
    qtbot.wait(200)
    assert reloads == [] and window._reload_job is None


def test_import_preview_corrections_are_committed(qtbot, db_path, messages) -> None:
    from desktop.views.main_window import MainWindow

    store = Store.open(db_path)
    win = MainWindow(store)
    qtbot.addWidget(win)
    controller = win.importer
    win.importer.import_file(SEED)
    qtbot.waitUntil(lambda: controller.dialog is not None, timeout=10000)
    dialog = controller.dialog
    assert "任务 27 项" in dialog.summary.text() and "工作项 36 个" in dialog.summary.text()
    model = dialog.assignments
    rows = [(model.index(r, 0).data(), model.index(r, 2).data()) for r in range(model.rowCount())]
    r_name = rows.index(("1", "市城管局"))
    r_role = rows.index(("1", "市规自局"))
    assert model.setData(model.index(r_name, PreviewAssignmentsModel.UNIT), "长春市城市管理局")
    # change a role through the combo-box delegate, as a user would
    view = dialog.assignment_view
    role_index = model.index(r_role, PreviewAssignmentsModel.ROLE)
    delegate = view.itemDelegateForColumn(PreviewAssignmentsModel.ROLE)
    editor = delegate.createEditor(view.viewport(), None, role_index)
    delegate.setEditorData(editor, role_index)
    editor.setCurrentIndex(editor.findData("lead"))
    delegate.setModelData(editor, model, role_index)
    r_drop = rows.index(("1", "市林园局"))
    view.selectRow(r_drop)
    dialog.remove_selected()
    with qtbot.waitSignal(controller.imported, timeout=10000):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=5000)
    task1 = next(t for t in queries.tasks(store.db) if t["no"] == 1)
    units = queries.task_detail(store.db, task1["id"])["items"][0]["units"]
    assert units["lead"] == ["长春市城市管理局", "市规自局"]
    assert "市林园局" not in units["support"] and "市政数局" in units["support"]
    assert win.matrix_proxy.rowCount() == 36  # the window reloaded after the background write
    assert messages == []
    # importing the same document again writes nothing and says so
    before = store.db.execute("SELECT count(*) FROM change_log").fetchone()[0]
    with qtbot.waitSignal(controller.done, timeout=10000):
        controller.import_file(SEED)
    assert messages == [(dialogs.INFO, "该计划已导入，未做更改。")]
    assert store.db.execute("SELECT count(*) FROM change_log").fetchone()[0] == before
    win.close()
    store.close()


def test_import_preview_cancel_writes_nothing(qtbot, db_path, messages) -> None:
    from desktop.views.main_window import MainWindow

    store = Store.open(db_path)
    win = MainWindow(store)
    qtbot.addWidget(win)
    win.importer.import_file(SEED)
    qtbot.waitUntil(lambda: win.importer.dialog is not None, timeout=10000)
    with qtbot.waitSignal(win.importer.done, timeout=5000):
        win.importer.dialog.cancel_button.click()
    assert store.db.execute("SELECT count(*) FROM plan").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM change_log").fetchone()[0] == 0
    assert messages == []
    win.close()
    store.close()


def test_bad_file_shows_the_chinese_error(qtbot, db_path, tmp_path, messages) -> None:
    from desktop.views.main_window import MainWindow

    bad = tmp_path / "不是计划.txt"
    bad.write_text("今天天气很好。\n", encoding="utf-8")
    store = Store.open(db_path)
    win = MainWindow(store)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.importer.done, timeout=10000):
        win.importer.import_file(bad)
    assert win.importer.dialog is None
    assert len(messages) == 1 and messages[0][0] == dialogs.ERROR
    assert any("\u4e00" <= ch <= "\u9fff" for ch in messages[0][1])
    assert "Traceback" not in messages[0][1]
    assert store.db.execute("SELECT count(*) FROM change_log").fetchone()[0] == 0
    win.close()
    store.close()


def test_export_json_runs_in_the_background(window, qtbot, tmp_path) -> None:
    out = tmp_path / "out.json"
    job = window.start_export(str(out))
    with qtbot.waitSignal(job.finished, timeout=10000):
        pass
    assert '"liandong/1"' in out.read_text(encoding="utf-8")


def test_screenshot_writes_a_png(qapp, tmp_path, messages) -> None:
    from desktop.views.app import run_gui

    out = tmp_path / "main.png"
    args = argparse.Namespace(
        db=None, profile="default", demo=False, screenshot=str(out), lang=None
    )
    assert run_gui(args) == 0
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)
    assert messages == []


def test_english_translation_loads(qapp, tmp_path) -> None:
    from PySide6.QtCore import QCoreApplication

    from desktop.views import app as app_module

    lang = app_module.install_translator(qapp, "en")
    try:
        assert lang == "en"
        assert QCoreApplication.translate("MainWindow", "导入计划…") == "Import plan…"
    finally:
        for translator in app_module._translators:
            qapp.removeTranslator(translator)
        app_module._translators.clear()


def test_window_geometry_is_remembered(qtbot, seeded_path) -> None:
    from desktop.views.main_window import MainWindow

    store = Store.open(seeded_path)
    first = MainWindow(store)
    qtbot.addWidget(first)
    first.resize(900, 520)
    first.show()
    first.close()
    second = MainWindow(store)
    qtbot.addWidget(second)
    # (the offscreen screen is 800 px wide, so only the height survives unclamped)
    assert second.height() == 520
    second.close()
    store.close()


def _current_label(win) -> str:
    return win.matrix_view.currentIndex().siblingAtColumn(0).data()


def _row_is_visible(view) -> bool:
    rect = view.visualRect(view.currentIndex().siblingAtColumn(1))
    return view.viewport().rect().intersects(rect)


def test_selection_survives_sorting_and_filtering(window, qtbot) -> None:
    from PySide6.QtCore import QPoint, Qt

    view, proxy = window.matrix_view, window.matrix_proxy
    window.resize(1200, 640)  # fewer rows than the matrix: sorting must scroll
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data().startswith("24-2 "))
    view.setCurrentIndex(proxy.index(row, 0))
    label = _current_label(window)
    task_id = window.detail.task_id
    # click the header of a unit column whose marked rows move to the top
    unit = window.store.find_unit("市工信局")
    column = next(
        c
        for c in range(1, proxy.columnCount())
        if proxy.headerData(c, Qt.Orientation.Horizontal, ID_ROLE) == unit
    )
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 10))
    assert header.sortIndicatorSection() == column
    assert proxy.index(0, column).data() == "牵"  # really re-sorted
    assert _current_label(window) == label and view.currentIndex().row() != row
    assert _row_is_visible(view)
    assert window.detail.task_id == task_id
    # a filter that keeps the row keeps it selected; one that drops it clears the selection
    window.filter_bar.set_unit(window.store.find_unit("市商务局"))
    assert 0 < proxy.rowCount() < 36
    assert _current_label(window) == label and _row_is_visible(view)
    window.filter_bar.set_unit(window.store.find_unit("市城管局"))
    assert not view.currentIndex().isValid()
    # clearing brings back the task still shown in the detail panel
    window.filter_bar.clear()
    assert proxy.rowCount() == 36
    assert view.currentIndex().siblingAtColumn(0).data(ID_ROLE) == task_id
    assert _row_is_visible(view)


def _type_text(widget, text: str) -> None:
    """Type CJK text key by key (QTest.keyClicks only handles ASCII)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


@pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)
def test_unit_box_completes_part_of_a_name(window, qtbot) -> None:
    from PySide6.QtCore import Qt

    bar = window.filter_bar
    assert bar.unit_combo.model() is bar.unit_choices
    assert bar.unit_combo.count() == 1 + len(queries.unit_summaries(window.store.db))
    editor = bar.unit_combo.lineEdit()
    editor.setFocus()
    editor.selectAll()
    _type_text(editor, "政数")
    completer = bar.unit_completer
    popup = completer.popup()
    assert popup.isVisible()
    names = [
        completer.completionModel().index(r, 0).data()
        for r in range(completer.completionModel().rowCount())
    ]
    assert "市政数局" in names
    assert all("政数" in name for name in names)
    with qtbot.waitSignal(bar.changed):
        popup.setCurrentIndex(completer.completionModel().index(names.index("市政数局"), 0))
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert bar.unit_id == window.store.find_unit("市政数局")
    assert bar.unit_combo.currentText() == "市政数局"
    assert window.matrix_proxy.rowCount() == 27


def test_detail_panel_shows_subsections_as_such(window) -> None:
    proxy = window.matrix_proxy
    first = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data().startswith("1 "))
    window.matrix_view.setCurrentIndex(proxy.index(first, 0))
    text = window.detail.toPlainText()
    assert "（一）数字基础设施能力提升行动" in text
    assert "一、数字基础设施" not in text


def _visible_dock_tab_bars(win) -> list:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTabBar

    bars = win.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return [b for b in bars if b.isVisible()]


def _assert_clean_tab_bars(win, groups: int) -> None:
    """One visible tab bar per tab group, inside the dock band, none over another."""
    bars = _visible_dock_tab_bars(win)
    assert len(bars) == groups, [[b.tabText(i) for i in range(b.count())] for b in bars]
    top = win.toolbar.geometry().bottom()
    bottom = win.statusBar().geometry().top()
    for n, bar in enumerate(bars):
        rect = bar.geometry()
        assert bar.count() >= 2 and rect.top() > top and rect.bottom() < bottom, rect
        for other in bars[n + 1 :]:
            assert not rect.intersects(other.geometry())


def test_dock_tab_bars_are_not_painted_twice(qtbot, db_path) -> None:
    from desktop.demo import load_demo_if_empty
    from desktop.views.main_window import MainWindow

    store = Store.open(db_path)
    load_demo_if_empty(store)
    window = MainWindow(store, docking=True)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitUntil(lambda: window.coordination.result is not None, timeout=10_000)
    qtbot.wait(50)
    _assert_clean_tab_bars(window, 2)  # 单位|我的任务 and 时间轴|总览
    window.restore_default_layout()
    qtbot.wait(50)
    _assert_clean_tab_bars(window, 2)
    # a saved layout restored on the next start: no leftover bars either
    from desktop.views.main_window import MainWindow

    window.close()
    again = MainWindow(window.store, docking=True)
    qtbot.addWidget(again)
    again.show()
    qtbot.wait(50)
    _assert_clean_tab_bars(again, 2)
    again.close()
    assert jobs.wait_for_jobs(5000)
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=5000)
    store.close()


def test_restore_default_layout_action(docked_window, qtbot) -> None:
    from PySide6.QtCore import Qt

    window = docked_window
    hub = window.coordination
    window.detail_dock.setFloating(True)
    hub.task_dock.hide()
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, hub.timeline_dock)
    assert window.default_layout_action in window.menu("view").actions()
    window.default_layout_action.trigger()
    qtbot.wait(50)
    right = Qt.DockWidgetArea.RightDockWidgetArea
    assert (
        not window.detail_dock.isFloating() and window.dockWidgetArea(window.detail_dock) == right
    )
    assert hub.task_dock.isVisible() and window.dockWidgetArea(hub.task_dock) == right
    assert window.tabifiedDockWidgets(hub.timeline_dock) == [
        hub.dashboard_dock,
        hub.unit_lights_dock,
    ]
    assert window.tabifiedDockWidgets(window.unit_dock) == [hub.workspace_dock]
    assert window.dockWidgetArea(hub.timeline_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    # the matrix keeps the largest share of the window
    matrix = window.centralWidget().size()
    for dock in (window.tree_dock, window.detail_dock, hub.timeline_dock):
        size = dock.size()
        assert size.width() * size.height() < matrix.width() * matrix.height()
    _assert_clean_tab_bars(window, 2)


def test_window_fits_office_screens(window, qtbot) -> None:
    for width, height in ((1366, 768), (1024, 640)):
        window.resize(width, height)
        qtbot.wait(20)
        assert (window.width(), window.height()) == (width, height)
        assert window.matrix_view.viewport().height() > 3 * window.matrix_view.rowHeight(0)


def test_layout_saved_for_other_docks_is_ignored(qtbot, seeded_path) -> None:
    from PySide6.QtCore import Qt

    from desktop.views.main_window import MainWindow, app_settings

    store = Store.open(seeded_path)
    first = MainWindow(store, docking=True)
    qtbot.addWidget(first)
    first.show()
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first.detail_dock)
    first.close()
    settings = app_settings()
    assert settings.value("main/layout", "").endswith(",workspaceDock")
    settings.setValue("main/layout", "2:planDock,unitDock")  # an older dock set
    second = MainWindow(store, docking=True)
    qtbot.addWidget(second)
    second.show()
    right = Qt.DockWidgetArea.RightDockWidgetArea
    assert second.dockWidgetArea(second.detail_dock) == right  # default, not the stale state
    second.close()
    third = MainWindow(store, docking=True)  # saved again by second, for the current docks
    qtbot.addWidget(third)
    third.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, third.detail_dock)
    third.show()
    assert third.dockWidgetArea(third.detail_dock) == right  # restored
    third.close()
    store.close()
