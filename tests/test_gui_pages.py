"""The page layout of the main window at office screen sizes, in Chinese and English.

Every page is rendered at 1366×768 and 1920×1080 and must keep its controls on
screen and its columns at least as wide as their header and short cell texts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QTranslator, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QSplitter

from desktop.models import queries
from desktop.models import status as st
from desktop.models.qt.roles import ID_ROLE
from desktop.models.store import Store
from desktop.views import jobs
from tests.helpers.screen_fit import layout_problems, narrow_columns

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)

SIZES = ((1366, 768), (1920, 1080))
TS_DIR = Path(__file__).resolve().parent.parent / "assets" / "translations"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))


@pytest.fixture(params=["zh", "en"])
def language(request, qapp):  # noqa: ANN001, ANN201
    translator = None
    if request.param == "en":
        translator = QTranslator()
        assert translator.load(str(TS_DIR / "liandong_en.qm"))
        QApplication.installTranslator(translator)
    yield request.param
    if translator is not None:
        QApplication.removeTranslator(translator)


def _open(qtbot, path: Path, size: tuple[int, int]):  # noqa: ANN202
    from desktop.views.main_window import MainWindow

    store = Store.open(path)
    win = MainWindow(store, remember_layout=False)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitUntil(lambda: win.coordination.result is not None, timeout=15000)
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=15000)
    return store, win


def _close(win, store: Store) -> None:  # noqa: ANN001
    win.close()
    assert jobs.wait_for_jobs(5000)
    store.close()


def _settle(qtbot, win) -> None:  # noqa: ANN001
    qtbot.wait(10)
    win.layout().activate()
    QApplication.processEvents()


def test_every_page_fits_office_screens(qtbot, demo_path, language) -> None:
    for size in SIZES:
        store, win = _open(qtbot, demo_path, size)
        assert (win.width(), win.height()) == size
        from desktop.models.qt.matrix_model import LEDGER_COLUMNS

        win.ledger_columns.set_shown(LEDGER_COLUMNS)  # the matrix with every ledger column
        unit = next(u["id"] for u in queries.unit_summaries(store.db) if u["name"] == "市政数局")
        win.coordination.workspace.set_unit(unit)
        win.unit_panel.select_unit(unit)
        win.show_task(queries.tasks(store.db)[0]["id"])
        keys = win.page_keys()
        assert keys == ["home", "matrix", "timeline", "dashboard", "units", "unit_lights", "sync"]
        for key in keys:
            win.show_page(key)
            _settle(qtbot, win)
            assert win.pages.stack.currentWidget() is win.pages.page(key)
            assert layout_problems(win) == [], (language, size, key)
        # the 同步 page is about no task: no side panel; its buttons are the 同步 menu's
        win.show_page("sync")
        assert not win.detail.isVisible()
        assert [b.defaultAction() for b in win.sync_page.buttons][:2] == [
            win.sync.login_action,
            win.sync.sync_action,
        ]
        # one main area at a time, the side panel can be hidden and comes back
        win.show_page("dashboard")
        assert not win.matrix_view.isVisible() and win.coordination.dashboard.isVisible()
        win.side_action.trigger()
        assert not win.detail.isVisible() and not win.coordination.task_panel.isVisible()
        win.side_action.trigger()
        assert win.detail.isVisible()
        _close(win, store)


def test_dashboard_names_are_checked_whole(qtbot, demo_path) -> None:
    """The every-page check above sees a section or unit name cut short (the English
    dashboard at 1366 once showed "（一）数字…力提升行动" beside wide count headers)."""
    store, win = _open(qtbot, demo_path, (1920, 1080))
    win.show_page("dashboard")
    win.side_action.trigger()  # the detail panel folded: counts and lists side by side
    _settle(qtbot, win)
    dashboard = win.coordination.dashboard
    assert dashboard.splitter.orientation() == Qt.Orientation.Horizontal
    view = dashboard.sections_view
    assert narrow_columns(view) == []
    # the count columns' short titles say the full status name in their tooltip
    tip = dashboard.sections.headerData(4, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == "未排期"
    count_width = sum(view.columnWidth(c) for c in range(1, dashboard.sections.columnCount()))
    splitter = view.parentWidget()
    while not isinstance(splitter, QSplitter):
        splitter = splitter.parentWidget()
    total = sum(splitter.sizes())
    splitter.setSizes([count_width + 120, total - count_width - 120])  # the names squeezed
    _settle(qtbot, win)
    assert any("（一）" in problem for problem in narrow_columns(view)), narrow_columns(view)
    _close(win, store)


def _cut_labels(view) -> list[str]:  # noqa: ANN001
    """The first column's texts wider than the column (shown cut with "…")."""
    metrics, model = view.fontMetrics(), view.model()
    room = view.columnWidth(0) - 28  # (the status dot and the cell's margins)
    texts = (model.index(row, 0).data() for row in range(model.rowCount()))
    return [text for text in texts if metrics.horizontalAdvance(text) > room]


def test_dashboard_stacks_its_lists_on_a_narrow_page(qtbot, demo_path, language) -> None:
    """At 1366×768 beside the detail panel the counts and the lists are stacked, so the
    overdue milestones are read whole (side by side they showed "任务5“算力…") and every
    list's tab is in view; with the panel folded at 1920 they are side by side again."""
    store, win = _open(qtbot, demo_path, (1366, 768))
    win.show_page("dashboard")
    _settle(qtbot, win)
    dashboard = win.coordination.dashboard
    assert win.detail.isVisible()
    assert dashboard.splitter.orientation() == Qt.Orientation.Vertical
    view = dashboard.overdue_view
    assert dashboard.overdue.rowCount() >= 3  # the demo's overdue milestones
    assert _cut_labels(view) == []
    tabs = dashboard.right_tabs.tabBar()
    assert tabs.sizeHint().width() <= tabs.width()  # no scroll arrows: every tab shown
    win.resize(1920, 1080)
    win.side_action.trigger()
    _settle(qtbot, win)
    assert dashboard.splitter.orientation() == Qt.Orientation.Horizontal
    assert _cut_labels(view) == []
    win.resize(1366, 768)  # (the panel still folded: the page ~105 "中" wide)
    _settle(qtbot, win)
    assert dashboard.splitter.orientation() == Qt.Orientation.Vertical
    _close(win, store)


def test_dashboard_tile_counts_are_shown_whole(qtbot, demo_path) -> None:
    """A six-digit count (100,000 tasks 未排期) fits its tile at 1366×768 beside the
    detail panel (it was cut to "10000"): the count's font is made smaller, and the
    usual size comes back for a short one."""
    store, win = _open(qtbot, demo_path, (1366, 768))
    win.show_page("dashboard")
    _settle(qtbot, win)
    value = win.coordination.dashboard.tiles[st.NOT_SCHEDULED].value
    usual = value.font().pointSize()
    value.setText("1000000")
    _settle(qtbot, win)
    assert value.fontMetrics().horizontalAdvance("1000000") <= value.contentsRect().width()
    assert value.font().pointSize() < usual
    value.setText("16")
    _settle(qtbot, win)
    assert value.font().pointSize() == usual
    _close(win, store)


def test_pages_are_built_on_their_first_visit(qtbot, demo_path, monkeypatch) -> None:
    from desktop.views import main_window

    monkeypatch.setattr(main_window, "IDLE_BUILT_PAGES", ())  # none built in idle time
    store, win = _open(qtbot, demo_path, (1366, 768))
    hub = win.coordination
    shown = win.pages.current_key()
    assert shown == "matrix" and win.pages.is_built("matrix")
    lazy = ["home", "timeline", "dashboard", "units", "unit_lights", "sync"]
    assert not any(win.pages.is_built(key) for key in lazy)
    assert hub._dashboard is None and hub._timeline is None and hub._workspace is None
    built: list[str] = []
    win.pages.page_built.connect(built.append)
    win.show_page("dashboard")
    _settle(qtbot, win)
    assert built == ["dashboard"] and win.pages.stack.currentWidget() is hub.dashboard
    assert hub.dashboard.tiles[st.DONE].value.text().isdigit()  # the last overview
    assert hub.dashboard.sections.rowCount() > 0
    win.show_page("matrix")
    win.show_page("dashboard")
    assert built == ["dashboard"]  # once
    # the timeline's rows are left out of the passes until its page is first shown:
    # "正在载入…" until a pass with them lands (the one the page asks for)
    assert hub.result is not None and hub.result["timeline"] is None
    assert hub.status_cache.memo.get("timeline") is None
    win.show_page("timeline")
    assert hub.timeline.view.is_loading() and not hub.timeline.view.data.tasks
    qtbot.waitUntil(lambda: bool(hub.timeline.view.data.tasks), timeout=15000)
    assert not hub.timeline.view.is_loading() and hub.result["timeline"] is not None
    hub.refresh()  # a new overview reaches the pages built so far
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=15000)
    assert not win.pages.is_built("home")
    # the 单位 page: built with the units of the last load, its lights and context menu
    win.show_page("units")
    assert built == ["dashboard", "timeline", "units"]
    panel = win.unit_panel_if_built
    assert panel is not None and panel.unit_table.model().rowCount() > 0
    assert panel.item_table.itemDelegateForColumn(1) is hub.unit_lights
    assert panel.unit_table.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    _close(win, store)


def test_slow_pages_are_built_in_idle_time_after_the_first_overview(qtbot, demo_path) -> None:
    from desktop.views.main_window import IDLE_BUILT_PAGES

    store, win = _open(qtbot, demo_path, (1366, 768))
    built: list[str] = []
    win.pages.page_built.connect(built.append)
    qtbot.waitUntil(lambda: all(win.pages.is_built(key) for key in IDLE_BUILT_PAGES), timeout=15000)
    assert win.pages.current_key() == "matrix"  # built, not shown
    assert not any(win.pages.is_built(key) for key in ("timeline", "units", "unit_lights"))
    hub = win.coordination
    # built, then filled by the pass its build started (the first overview left its counts
    # out: the matrix's lights came without waiting for them)
    assert hub._dashboard is not None
    qtbot.waitUntil(lambda: hub._dashboard.has_overview, timeout=15000)
    assert hub._dashboard.tiles[st.DONE].value.text().isdigit()
    assert hub._workspace is not None
    # their tables' columns were sized while hidden, as a visit would have sized them
    from desktop.views.fit_width import FitColumns

    view = hub._dashboard.sections_view
    fit = view.findChild(FitColumns)
    qtbot.waitUntil(lambda: not fit.stale, timeout=15000)
    assert not view.isVisible()
    sized = [c for c in range(view.model().columnCount()) if c != fit.stretch]  # not stretched
    hidden_widths = [view.columnWidth(c) for c in sized]
    for key in IDLE_BUILT_PAGES:  # a visit shows the page built then: nothing built again
        win.show_page(key)
        assert win.pages.stack.currentWidget() is win.pages.page(key)
    assert sorted(built) == sorted(IDLE_BUILT_PAGES)
    win.show_page("dashboard")
    _settle(qtbot, win)
    assert view.isVisible() and not fit.stale
    fit.fit()  # sized again, shown
    assert [view.columnWidth(c) for c in sized] == hidden_widths
    _close(win, store)


def test_pages_are_not_built_while_the_second_step_runs(qtbot, demo_path, monkeypatch) -> None:
    """The idle builds wait for the overview's second step (催报, targets): at 100k tasks
    its worker holds the GIL for seconds, and 总览's ~40 ms build then blocked the GUI
    thread for 230–340 ms. Here the second step is held 1.5 s (longer than the idle
    delay after the first overview)."""
    import time

    from desktop.views.coordination import integration
    from desktop.views.main_window import IDLE_BUILT_PAGES, MainWindow

    real = integration.second_step_job

    def slow_second_step(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        time.sleep(1.5)
        return real(*args, **kwargs)

    monkeypatch.setattr(integration, "second_step_job", slow_second_step)
    store = Store.open(demo_path)
    win = MainWindow(store, remember_layout=False)
    qtbot.addWidget(win)
    hub = win.coordination
    running: list[tuple[str, bool]] = []
    win.pages.page_built.connect(lambda key: running.append((key, hub._missing_job is not None)))
    win.resize(1366, 768)
    win.show()
    qtbot.waitUntil(lambda: all(win.pages.is_built(key) for key in IDLE_BUILT_PAGES), timeout=15000)
    assert sorted(running) == sorted((key, False) for key in IDLE_BUILT_PAGES)
    assert hub.result is not None and hub.result["missing"] is not None
    _close(win, store)


def test_closing_the_window_cancels_the_idle_builds(qtbot, demo_path) -> None:
    store, win = _open(qtbot, demo_path, (1366, 768))
    win.pages.build_when_idle(["timeline"], 10_000)
    assert win.pages._idle_timer.isActive()
    _close(win, store)
    assert not win.pages._idle_timer.isActive()


def test_matrix_page_shows_many_units_and_rows_at_1366(qtbot, demo_path) -> None:
    store, win = _open(qtbot, demo_path, (1366, 768))
    matrix = win.matrix_view
    _settle(qtbot, win)
    assert matrix.viewport().height() > 20 * matrix.rowHeight(0)
    assert matrix.viewport().width() - matrix.columnWidth(0) > 11 * matrix.columnWidth(1)
    # the headers are one short horizontal block, not a column of single characters
    assert matrix.horizontalHeader().height() < 3 * matrix.fontMetrics().lineSpacing()
    assert narrow_columns(matrix) == []
    _close(win, store)


def test_the_matrix_legend_names_every_mark(qtbot, demo_path) -> None:
    store, win = _open(qtbot, demo_path, (1366, 768))
    text = win.legend.text().replace("\u2060", "")  # (word joiners: see the next test)
    for word in ("牵头", "责任", "配合", "逾期", "临期", "正常", "未排期", "已完成", "受阻"):
        assert word in text
    assert win.legend.isVisible()
    _close(win, store)


def test_the_matrix_legend_wraps_between_its_entries_only(qtbot, language) -> None:
    """A narrow matrix wraps its legend between entries, never inside one (Chinese may
    break between any two characters: the chip "任务" was split over two lines)."""
    from PySide6.QtGui import QTextDocument

    from desktop.views.matrix_view import MatrixLegend

    legend = MatrixLegend()
    qtbot.addWidget(legend)
    document = QTextDocument()
    document.setDefaultFont(legend.font())
    document.setHtml(legend.text())
    plain = document.toPlainText()
    wrapped = 0
    for width in range(520, 1400, 20):  # (each entry fits on a line)
        document.setTextWidth(width)
        document.size()  # (lays the document out)
        layout = document.firstBlock().layout()
        starts = [layout.lineAt(n).textStart() for n in range(1, layout.lineCount())]
        wrapped += len(starts)
        # each later line starts right after the plain space that ends an entry
        assert [plain[start - 1] for start in starts] == [" "] * len(starts), width
    assert wrapped > 10  # (the widths tried do wrap it)


def test_blocked_rows_are_marked_in_the_matrix(qtbot, demo_path) -> None:
    store, win = _open(qtbot, demo_path, (1366, 768))
    hub, proxy = win.coordination, win.matrix_proxy
    blocked = {
        node.task_id for node in hub.snapshot.tasks.values() if node.risks and node.status != "done"
    }
    assert blocked, "the demo data has a task waiting for an overdue milestone"
    marked = set()
    for row in range(proxy.rowCount()):
        index = proxy.index(row, 0)
        if hub._matrix_blocked(index):
            marked.add(win.matrix_model.row_ids(
                win.matrix_model.data_row(proxy.mapToSource(index).row())
            ).task_id)  # fmt: skip
            from PySide6.QtWidgets import QStyleOptionViewItem

            option = QStyleOptionViewItem()
            hub.matrix_lights.initStyleOption(option, index)
            assert option.text.startswith("【受阻】")
    assert marked and marked <= blocked
    _close(win, store)


def test_first_start_shows_the_welcome_page_and_a_dropped_file_imports(
    qtbot, db_path, seed_path
) -> None:
    Store.open(db_path).close()
    store, win = _open(qtbot, db_path, (1366, 768))
    assert win.pages.current_key() == "welcome"
    assert win.welcome.isVisible() and not win.detail.isVisible()
    assert layout_problems(win) == []
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(seed_path))])
    drop = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    win.dropEvent(drop)
    qtbot.waitUntil(lambda: win.importer.dialog is not None, timeout=10000)
    with qtbot.waitSignal(win.importer.imported, timeout=10000):
        win.importer.dialog.import_button.click()
    qtbot.waitUntil(lambda: win.pages.current_key() == "matrix", timeout=10000)
    assert "welcome" not in win.page_keys()
    assert win.matrix_proxy.rowCount() == 36
    _close(win, store)


def test_docking_is_a_setting(qtbot, demo_path) -> None:
    from desktop.views.main_window import MainWindow

    store, win = _open(qtbot, demo_path, (1366, 768))
    assert win.docks() == [] and win.pages is not None
    win.docking_action.trigger()  # takes effect on the next start
    _close(win, store)
    store = Store.open(demo_path)
    docked = MainWindow(store, remember_layout=False)
    qtbot.addWidget(docked)
    assert docked.pages is None and len(docked.docks()) == 8
    _close(docked, store)


def _dialogs(win, store: Store) -> list:  # noqa: ANN001
    """The main dialogs, built on the demo data (not shown yet)."""
    from desktop.importer import parse_file
    from desktop.views.authoring.dialogs import PlanDialog, TaskDialog
    from desktop.views.coordination.milestone_dialog import MilestoneDialog
    from desktop.views.coordination.report_dialog import ReportDialog
    from desktop.views.import_preview import ImportPreviewDialog
    from desktop.views.sync.login_dialog import LoginDialog
    from desktop.views.sync.settings_dialog import SyncSettingsDialog
    from desktop.views.unit_edit import UnitEditDialog

    task = queries.tasks(store.db)[0]
    plan_id = queries.plans(store.db)[0]["id"]
    unit = next(u for u in queries.unit_summaries(store.db) if u["name"] == "市政数局")
    actions, authoring = win.coordination.actions, win.authoring.authoring
    seed = Path(__file__).resolve().parent.parent / "assets" / "demo-plan-changchun-2023.txt"
    return [
        ImportPreviewDialog(parse_file(seed), set(), win),
        MilestoneDialog(actions, task_id=task["id"], parent=win),
        ReportDialog(actions, task_id=task["id"], parent=win),
        PlanDialog(authoring, plan_id, parent=win),
        TaskDialog(authoring, plan_id, task["id"], parent=win),
        UnitEditDialog(dict(unit, aliases=[]), win),
        LoginDialog(win.sync.controller, win),
        SyncSettingsDialog(win.sync.controller, win),
    ]


def test_main_dialogs_fit_1366_by_768(qtbot, demo_path, language) -> None:
    store, win = _open(qtbot, demo_path, (1366, 768))
    for dialog in _dialogs(win, store):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.layout().activate()
        name = type(dialog).__name__
        minimum = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        # fits an office screen (with room for the task bar); the offscreen test screen
        # is 800×800, so a dialog sizing itself to its screen opens smaller still
        assert minimum.width() <= 1366 and minimum.height() <= 728, (name, minimum)
        assert dialog.width() <= 1366 and dialog.height() <= 728, (name, dialog.size())
        assert dialog.maximumHeight() >= 600, name  # resizable, not fixed
        assert layout_problems(dialog) == [], (language, name)
        dialog.reject()
    _close(win, store)


def test_welcome_page_opens_the_demo_in_its_own_profile(qtbot, db_path, monkeypatch) -> None:
    from desktop.views import app

    started: list[bool] = []
    monkeypatch.setattr(app, "open_demo_in_new_window", lambda: started.append(True) or True)
    Store.open(db_path).close()
    store, win = _open(qtbot, db_path, (1366, 768))
    assert win.pages.current_key() == "welcome"
    assert win.welcome.connect_button.isVisible()  # the city's server: the login dialog
    win.welcome.demo_button.click()
    assert started == [True]  # the demo profile, in its own window (tests/test_gui_safety.py)
    # nothing of the demo is written into this (the user's) profile
    assert store.db.execute("SELECT count(*) FROM plan").fetchone() == (0,)
    assert win.pages.current_key() == "welcome"
    _close(win, store)


def test_ledger_columns_beside_the_role_cells(qtbot, demo_path) -> None:
    from desktop.models.qt.matrix_model import LEDGER_COLUMNS

    store, win = _open(qtbot, demo_path, (1366, 768))
    model, proxy, view = win.matrix_model, win.matrix_proxy, win.matrix_view
    units = model.columnCount() - 1
    win.ledger_columns.set_shown(LEDGER_COLUMNS)
    assert model.columnCount() == units + 1 + 5
    header = view.horizontalHeader()
    titles = [
        proxy.headerData(header.logicalIndex(v), Qt.Orientation.Horizontal) for v in range(1, 6)
    ]
    assert titles == ["完成时限", "状态", "最新进展", "完成率", "最近填报"]  # right after 任务
    # a task with a progress report shows its latest text, percent and date
    task_id, text, percent, created = store.db.execute(
        "SELECT task_id, text, percent, created_at FROM report ORDER BY created_at DESC"
    ).fetchone()
    row = model.rows_of_task(task_id)[0]
    cell = {key: model.index(row, model.ledger_column(key)).data() for key in LEDGER_COLUMNS}
    assert cell["progress"] == text.splitlines()[0]
    assert cell["percent"] == f"{percent:g}%" and cell["reported"] == created[:10]
    assert cell["status"] in ("逾期", "临期", "正常", "未排期", "已完成")
    _settle(qtbot, win)
    assert layout_problems(win) == []
    # readable at 1366 with all five on: compact ledger columns (dates, numbers and status
    # words whole; 最新进展 elided, its tooltip whole), the plan tree folded, unit columns
    # on screen beside them
    assert view.ledger_compact() and view.columnWidth(0) < 300
    assert win.pages.page("matrix").sizes()[0] == 0
    progress = model.index(row, model.ledger_column("progress"))
    assert progress.data(Qt.ItemDataRole.ToolTipRole) == text.splitlines()[0]
    right = view.viewport().width()
    on_screen = [
        c
        for c in range(1, 1 + units)
        if view.columnViewportPosition(c) >= view.columnWidth(0)
        and view.columnViewportPosition(c) + view.columnWidth(c) <= right
    ]
    assert len(on_screen) >= 8, len(on_screen)
    # a unit filter keeps the ledger columns; sorting by one puts reported rows first
    win.filter_bar.set_unit(next(u["id"] for u in queries.unit_summaries(store.db)))
    assert proxy.columnCount() > 5
    win.filter_bar.clear()
    view.sortByColumn(model.ledger_column("reported"), Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, model.ledger_column("reported")).data() == created[:10]
    # remembered for the next window; hidden again on request
    win.ledger_columns.set_shown(())
    assert model.columnCount() == units + 1
    _close(win, store)


def test_home_page_unreported_line_opens_the_report_dialog(qtbot, demo_path, monkeypatch) -> None:
    from desktop.views.coordination.report_dialog import ReportDialog

    store, win = _open(qtbot, demo_path, (1366, 768))
    hub, workspace = win.coordination, win.coordination.workspace
    qtbot.waitUntil(lambda: hub._missing_job is None and hub.result is not None, timeout=15000)
    unit = next(u["id"] for u in queries.unit_summaries(store.db) if u["name"] == "市政数局")
    workspace.set_unit(unit)
    qtbot.waitUntil(lambda: workspace.model.group_index("missing").isValid(), timeout=15000)
    group = workspace.model.group_index("missing")
    line = workspace.model.index(0, 0, group)
    task_id = line.data(ID_ROLE)
    no, title = store.db.execute("SELECT no, title FROM task WHERE id = ?", [task_id]).fetchone()
    assert line.data() == f"任务{no}" and line.siblingAtColumn(2).data() == title
    opened = []
    monkeypatch.setattr(hub, "_exec", lambda dialog: opened.append(dialog) or False)
    workspace.view.activated.emit(line)
    assert win.detail.task_id == task_id
    assert len(opened) == 1 and isinstance(opened[0], ReportDialog)
    assert opened[0].task_id == task_id and opened[0].unit_combo.currentData() == unit
    _close(win, store)
