"""The main window: plan tree, the task × unit matrix, detail panel and unit view.

Later features extend it through ``add_dock``, ``add_menu_action``,
``add_status_widget`` and the ``store_changed`` signal instead of editing it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from desktop.errors import NotFound
from desktop.heap import release_freed_memory
from desktop.models import authoring_queries, queries
from desktop.models.matrix_cache import read_cached_index, read_matrix_index
from desktop.models.matrix_rows import MatrixIndex, document_tasks, load_matrix_index
from desktop.models.qt.matrix_model import (
    MatrixFilter,
    MatrixModel,
    MatrixProxy,
    PreparedRows,
    prepare_rows,
)
from desktop.models.qt.plan_tree_model import PlanTreeModel, load_tree
from desktop.models.store import Store
from desktop.models.window_rows import MATRIX_TABLES, renamed_tasks
from desktop.views import dialogs
from desktop.views import settings as settings_schema
from desktop.views.authoring.integration import install_authoring
from desktop.views.coordination.integration import install_coordination
from desktop.views.detail_panel import DetailPanel
from desktop.views.dock_layout import DockLayoutMixin
from desktop.views.documents.integration import install_documents
from desktop.views.filter_bar import FilterBar
from desktop.views.import_preview import ImportController
from desktop.views.jobs import Job, Progress, hold_first_paint_jobs, stop_jobs, watch_first_paint
from desktop.views.ledger_columns import LedgerColumns
from desktop.views.matrix_search import MatrixSearch
from desktop.views.matrix_view import MatrixLegend, MatrixView
from desktop.views.meetings_dialog import install_meetings
from desktop.views.ops import QueryOp
from desktop.views.pages import (
    PAGE_PLACES,
    PageContent,
    PageHost,
    docking_enabled,
    set_docking_enabled,
)
from desktop.views.settings import LAYOUT_VERSION, app_settings  # noqa: F401 - used by tests
from desktop.views.sync.integration import install_sync
from desktop.views.unit_edit import UnitEditing
from desktop.views.unit_panel import UnitPanel
from desktop.views.welcome import WelcomePage, open_demo
from sync.collector import collector_paused

# Tables the matrix, plan tree, unit lists and filters are built from.
#: From this many tasks on, the window shows at once and its rows are read on a worker
#: thread (a 100k-task database takes seconds to index); below it they are read before
#: the window shows, so it never opens empty.
BACKGROUND_LOAD_TASKS = 30_000

#: While a large database's rows load on a worker, the matrix shows the rows of the first
#: plans holding this many tasks (read before the first frame, ~60 ms at 100k tasks): the
#: first rows of the whole matrix, in the same order and unit columns.
FIRST_PAGE_TASKS = 200

#: Up to this many plans, the plan tree opens every plan's sections when loaded (with
#: 2,000 plans opening them took ~0.4 s and showed a tree of 16,000 lines).
EXPAND_PLANS = 50

#: Pages built in idle time once the first overview and its second step (催报, targets)
#: landed (总览's first visit built it: 100–230 ms on the province database), then shown
#: at the cost of a page switch. Not while the second step runs: at 100k tasks its worker
#: holds the GIL for seconds, and 总览's build (~40 ms CPU) then blocked the GUI thread
#: for 230–340 ms. Not 单位 (built, it follows the matrix's unit filter: each filter
#: change loads the unit's items) nor 各单位 (built, it reads its light table on a worker
#: with every new overview).
IDLE_BUILT_PAGES = ("home", "dashboard")
#: How long after the first overview's second step the first of them is built.
IDLE_BUILD_DELAY_MS = 500


@dataclass
class WindowData:
    """Everything ``MainWindow`` shows from the plan tables, read in one go."""

    matrix: MatrixIndex
    tree: Any
    section_parents: dict[str, str | None]
    plans: list[dict[str, Any]]
    unit_summaries: list[dict[str, Any]]
    #: The matrix model's lead warnings and section rows, computed with the rows.
    prepared: PreparedRows | None = None


def load_window_data(
    db: Database, fold_lower: bool = False, check: Callable[[], None] | None = None
) -> WindowData:
    """The window's queries: rowids and numbers of every row, ids and texts are read for
    the rows on screen (``matrix_rows``). ``check`` (a job's ``Progress.check``) is called between
    steps and raises to cancel. The cyclic collector is paused meanwhile (``collector_paused``):
    the load makes over a million short-lived ints, strings and tuples at 100k tasks,
    and the collections they set off walked them (~5 % of the load)."""
    with collector_paused():
        return _window_data(db, fold_lower, check)


def _window_data(
    db: Database, fold_lower: bool = False, check: Callable[[], None] | None = None
) -> WindowData:
    # unfolded: kept between runs (read back whole while no matrix table changed); kept
    # as the last statement of the load's read transaction (``keep``)
    keep = None
    if fold_lower:
        matrix = load_matrix_index(db, True, check)
    else:
        matrix, keep = read_matrix_index(db, check)
    if check is not None:
        check()
    # the tree takes its tasks from the matrix rows (document order, task rowids)
    # unless they are folded or a task has no work item (then it reads them itself)
    tasks = None if fold_lower else document_tasks(matrix)
    if tasks is not None and len(tasks) != int(
        db.execute("SELECT count(*) FROM task").fetchone()[0]
    ):
        tasks = None
    plans = queries.plans(db)
    tree, section_parents = load_tree(
        db, tasks=tasks, plans=plans, ids=chain(matrix.section_ids, matrix.plan_ids)
    )
    if check is not None:
        check()
    data = WindowData(
        matrix,
        tree,
        section_parents,
        plans,
        queries.unit_summaries(db),
        prepare_rows(matrix, section_parents),
    )
    if keep is not None:
        keep()
    return data


def window_data_of(store: Store, progress: Progress, fold_lower: bool = False) -> WindowData:
    """Query op body: ``load_window_data`` on the worker's own store; a window that
    closes mid-load cancels it (``stop_jobs`` → ``Progress.check`` raises)."""
    return load_window_data(store.db, fold_lower, progress.check)


def export_json_file(store: Store, out_path: str) -> str:
    """Query op body: write the interchange JSON (``desktop.exchange``) to a file."""
    from desktop import exchange

    text = exchange.dumps(exchange.export_data(store.db))
    Path(out_path).write_text(text, encoding="utf-8")
    return out_path


def _dropped_file(event: QDragEnterEvent | QDropEvent) -> str | None:
    """The one local file a drag carries (a plan to import), else None."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = urls[0].toLocalFile()
    return path if Path(path).is_file() else None


class MainWindow(DockLayoutMixin, QMainWindow):
    """联动 main window over one ``Store`` (read on the GUI thread only)."""

    #: A store action committed: (action name, frozenset of table names).
    #: Fired for the GUI's own store writes and by ``notify_store_changed``
    #: after a background job wrote through its own connection.
    store_changed = Signal(str, object)
    #: The matrix, tree and unit lists show the store's current state again.
    reloaded = Signal()

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        remember_layout: bool = True,
        docking: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        #: Read and write window geometry and dock layout in the settings file
        #: (off for ``--screenshot``, which always shows the default layout).
        self.remember_layout = remember_layout
        assert store.path is not None, "the main window needs a database file"
        self.db_path: Path = store.path
        #: Dock layout (every panel a movable dock) instead of pages; a setting.
        self.docking = docking_enabled() if docking is None else docking
        self._reload_job: Job | None = None
        #: Matrix: lower-level tasks folded under their 上级任务 (plan authoring).
        self.fold_lower = False
        self._reload_pending = False
        self._closing = False
        self.setWindowTitle(self.tr("联动 — 行动计划任务分工"))
        self.setObjectName("mainWindow")
        # background work started while the window is built (the first status pass)
        # waits for its first frame: start-up's GUI work keeps the interpreter to itself
        watch_first_paint(self)
        settings_schema.apply_light_colours()  # the 督办 lights in the colours chosen
        self._menus: dict[str, QMenu] = {}
        self._docks: list[QDockWidget] = []
        self._dock_places: dict[str, tuple[Qt.DockWidgetArea, QDockWidget | None, bool]] = {}
        self._layout_applied = False
        self._tab_bar_check = QTimer(self)
        self._tab_bar_check.setSingleShot(True)
        self._tab_bar_check.setInterval(0)
        self._tab_bar_check.timeout.connect(self.hide_stale_tab_bars)
        self._task_count = 0
        self._plan_count = 0
        self._let_held_jobs_go: Callable[[], None] = lambda: None
        #: Tasks of the database while the matrix shows only its first page (else 0).
        self._first_page_of = 0
        self._first_page_whole = False  # the kept index: every row before the load lands
        self._unit_summaries: dict[str, dict] = {}
        #: The application's undo stack: coordination, authoring and unit edits (Ctrl+Z).
        self.undo_stack = QUndoStack(self)

        # centre: filters + matrix
        self.matrix_model = MatrixModel(parent=self)
        self.matrix_proxy = MatrixProxy(self)
        self.matrix_proxy.setSourceModel(self.matrix_model)
        self.matrix_view = MatrixView()
        self.matrix_view.setModel(self.matrix_proxy)
        self.matrix_view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.matrix_view.setSortingEnabled(True)
        self.filter_bar = FilterBar()
        self.legend = MatrixLegend()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.matrix_view, 1)
        layout.addWidget(self.legend)
        self.pages: PageHost | None = None
        if self.docking:
            self.setCentralWidget(central)
        else:
            self.pages = PageHost()
            matrix_page = QSplitter(Qt.Orientation.Horizontal)
            matrix_page.addWidget(central)
            self.pages.add_page("matrix", self.tr("台账矩阵"), matrix_page)
            self.setCentralWidget(self.pages)

        # docks: the side columns take the full height, the bottom area sits under the matrix
        self.setCorner(Qt.Corner.TopLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )
        self.tree_model = PlanTreeModel(self)
        self.tree_view = QTreeView()
        self.tree_view.setModel(self.tree_model)
        self.tree_view.setUniformRowHeights(True)
        self.tree_view.setHeaderHidden(True)
        self.detail = DetailPanel()
        #: The 单位 page (built on its first visit, see ``unit_panel``).
        self._unit_panel: UnitPanel | None = None
        self._unit_panel_hooks: list[Callable[[UnitPanel], None]] = []
        self._unit_summary_list: list[dict[str, Any]] = []
        self.tree_dock = self.add_dock(self.tr("计划"), self.tree_view, "planDock")
        self.unit_dock = self.add_dock(
            self.tr("单位"), self._make_unit_panel, "unitDock", below=self.tree_dock
        )
        self.detail_dock = self.add_dock(
            self.tr("详情"), self.detail, "detailDock", Qt.DockWidgetArea.RightDockWidgetArea
        )

        self.importer = ImportController(self)
        self._build_actions()
        self._build_status_bar()

        self.filter_bar.changed.connect(self.apply_filters)
        #: The filter bar's search, on a worker (the latest text wins).
        self.matrix_search = MatrixSearch(self)
        self.matrix_search.answered.connect(self.apply_filters)
        self.matrix_view.task_selected.connect(self._matrix_task_selected)
        self.tree_view.selectionModel().currentChanged.connect(self._tree_current_changed)
        self.store_changed.connect(self._on_store_changed)
        self.store.add_listener(self._store_listener)
        tasks = self._task_rows()
        if tasks >= BACKGROUND_LOAD_TASKS:
            # the plans exist: the welcome page stays hidden while the rows load
            self._plan_count = int(self.store.db.execute("SELECT count(*) FROM plan").fetchone()[0])
            self.counts_label.setText(self.tr("正在载入台账…"))
            self._show_first_page(tasks)  # not folded yet: the first plans' rows
            # the status pass and the backup round wait for the rows, not just the frame
            self._let_held_jobs_go = hold_first_paint_jobs(self)
            self.reload_in_background()
        else:
            self.reload()
        self._restore_geometry()
        self.unit_editing = UnitEditing(self)
        install_coordination(self)
        install_sync(self)
        install_authoring(self)
        install_documents(self)
        install_meetings(self)  # issue 12: 调度会议
        self.ledger_columns = LedgerColumns(self)
        if self.pages is not None:
            self._install_welcome()
            self.coordination.missing_loaded.connect(self._build_pages_when_idle)
        self.setAcceptDrops(True)
        # the dock layout is applied on the first show, once every extension added its docks

    # -- extension points ------------------------------------------------------------

    def add_dock(
        self,
        title: str,
        widget: PageContent,
        object_name: str,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.LeftDockWidgetArea,
        *,
        tab_with: QDockWidget | None = None,
        below: QDockWidget | None = None,
    ) -> QDockWidget | None:
        """Add a dock (its toggle goes into the 视图 menu once menus exist).

        In the page layout (the default) there are no docks: ``PAGE_PLACES`` says
        which page or panel the widget goes to, and None is returned. ``widget`` may
        be a factory (a callable returning it): a page is then built on its first
        visit (the docking layout builds it at once).

        Its place in the default layout: ``area``, or a tab next to ``tab_with``,
        or split under ``below``; "恢复默认布局" puts it back there. A saved
        layout is restored on the first show; it is ignored when the set of
        docks changed (so add docks before showing the window).
        """
        if self.pages is not None:
            self._place_in_pages(title, widget, object_name)
            return None
        if not isinstance(widget, QWidget):
            widget = widget()
        dock = QDockWidget(title, self)
        dock.setObjectName(object_name)
        dock.setWidget(widget)
        anchor = tab_with or below
        if anchor is not None:
            area = self.dockWidgetArea(anchor)
        self._docks.append(dock)
        self._dock_places[object_name] = (area, anchor, below is not None)
        self._place_dock(dock)
        dock.dockLocationChanged.connect(self._tab_bar_check.start)
        dock.topLevelChanged.connect(self._tab_bar_check.start)
        if "view" in self._menus:
            self._menus["view"].addAction(dock.toggleViewAction())
        return dock

    def _place_in_pages(self, title: str, widget: PageContent, object_name: str) -> None:
        assert self.pages is not None
        key, part = PAGE_PLACES.get(object_name, (object_name, "page"))
        if part != "page" and not isinstance(widget, QWidget):
            widget = widget()  # panels beside a page are built with it
        if part == "side":
            self.pages.place_side(widget)
        elif part == "left":
            self.pages.place_left(key, title, widget)
        else:
            page_titles = {"home": self.tr("工作台")}
            self.pages.add_page(key, page_titles.get(key, title), widget)
            if "view" in self._menus:
                self._add_page_action(key)

    @property
    def unit_panel(self) -> UnitPanel:
        """The 单位 page's panel (built now, through its page, if it was not yet)."""
        if self._unit_panel is None:
            if self.pages is not None and self.pages.has_page("units"):
                self.pages.page("units")  # → _make_unit_panel
            else:
                self._make_unit_panel()
        assert self._unit_panel is not None
        return self._unit_panel

    @property
    def unit_panel_if_built(self) -> UnitPanel | None:
        return self._unit_panel

    def on_unit_panel(self, hook: Callable[[UnitPanel], None]) -> None:
        """Call ``hook(panel)`` once the 单位 panel exists (now, or when it is built)."""
        if self._unit_panel is not None:
            hook(self._unit_panel)
        else:
            self._unit_panel_hooks.append(hook)

    def _make_unit_panel(self) -> UnitPanel:
        panel = UnitPanel()
        self._unit_panel = panel
        if self.pages is not None:
            panel.set_wide()
        panel.unit_chosen.connect(self._unit_chosen)
        panel.task_activated.connect(self.show_task)
        panel.set_units(self._unit_summary_list)  # as of the last reload
        if self.filter_bar.unit_id:
            panel.select_unit(self.filter_bar.unit_id)
        hooks, self._unit_panel_hooks = self._unit_panel_hooks, []
        for hook in hooks:
            hook(panel)
        return panel

    @Slot()
    def _build_pages_when_idle(self) -> None:
        """After the first overview's second step: the slow-to-build pages, in idle time
        (``pages``)."""
        self.coordination.missing_loaded.disconnect(self._build_pages_when_idle)
        if self.pages is not None and not self._closing:
            self.pages.page_built.connect(self._fit_page_built_unseen)
            self.pages.build_when_idle(IDLE_BUILT_PAGES, IDLE_BUILD_DELAY_MS)

    @Slot(str)
    def _fit_page_built_unseen(self, key: str) -> None:
        """A page built in idle time (not shown) sizes its tables' columns in idle time
        too, so its first visit only lays out and paints."""
        from desktop.views.fit_width import FitColumns

        if self.pages is not None and self.pages.current_key() != key and not self._closing:
            for fit in self.pages.page(key).findChildren(FitColumns):
                fit.fit_before_shown()

    def _install_welcome(self) -> None:
        assert self.pages is not None
        self.pages.add_page("welcome", self.tr("开始"), self._build_welcome)
        if getattr(self, "sync", None) is not None:
            self.add_dock(self.tr("同步"), self._build_sync_page, "syncPage")
        self.pages.set_page_visible("welcome", not self._plan_count)
        self.reloaded.connect(self._follow_plan_count)

    def _build_welcome(self) -> WelcomePage:
        self.welcome = WelcomePage()
        self.welcome.import_requested.connect(self.importer.choose_and_import)
        self.welcome.demo_requested.connect(lambda: open_demo(self))
        sync = getattr(self, "sync", None)
        if sync is not None:
            self.welcome.connect_requested.connect(sync.controller.show_login)
        else:
            self.welcome.connect_button.hide()
        return self.welcome

    def _build_sync_page(self) -> QWidget:
        from desktop.views.sync.page import SyncPage

        self.sync_page = SyncPage(self.sync)
        return self.sync_page

    @Slot()
    def _follow_plan_count(self) -> None:
        """The welcome page is there while no plan is; the first plan opens the matrix."""
        if self.pages is None:
            return
        had_welcome = self.pages.current_key() == "welcome"
        self.pages.set_page_visible("welcome", not self._plan_count)
        if self._plan_count and had_welcome:
            self.show_page("matrix")
        elif not self._plan_count:
            self.show_page("welcome")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if _dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        path = _dropped_file(event)
        if path is None:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.importer.import_file(path)

    def page_keys(self) -> list[str]:
        """The pages in navigation order (empty in the docking layout)."""
        return self.pages.page_keys() if self.pages is not None else []

    def show_page(self, key: str) -> None:
        """Show page ``key`` (工作台 home, matrix, timeline, dashboard, units …)."""
        if self.pages is not None:
            self.pages.show_page(key)

    def _add_page_action(self, key: str) -> None:
        assert self.pages is not None
        title = self.pages._pages[key].title
        action = QAction(title, self)
        number = len(self._page_actions) + 1
        if number <= 9:
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.triggered.connect(lambda _checked=False, k=key: self.show_page(k))
        self._page_actions.append(action)
        self._menus["view"].insertAction(self._page_separator, action)

    @Slot(bool)
    def set_side_panel_visible(self, visible: bool) -> None:
        """Show or hide the 详情 / 协同 side panel (page layout)."""
        if self.pages is not None:
            self.pages.set_side_visible(visible)
            if self.side_action.isChecked() != visible:
                self.side_action.setChecked(visible)

    def docks(self) -> list[QDockWidget]:
        """Every dock added through ``add_dock``, in order."""
        return list(self._docks)

    def menu(self, key: str) -> QMenu:
        """The menu ``file`` / ``view`` / ``tools`` / ``help``."""
        return self._menus[key]

    def add_menu_action(self, key: str, action: QAction, toolbar: bool = False) -> QAction:
        self._menus[key].addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
        return action

    def add_status_widget(self, widget: QWidget, permanent: bool = True) -> None:
        if permanent:
            self.statusBar().addPermanentWidget(widget)
        else:
            self.statusBar().addWidget(widget)

    @Slot(str, object)
    def notify_store_changed(self, action: str, tables: object = frozenset()) -> None:
        """Report a write done by a background job's own ``Store``."""
        self.store_changed.emit(action, frozenset(tables or ()))

    def _store_listener(self, action: str, tables: frozenset[str]) -> None:
        self.store_changed.emit(action, tables)

    # -- building ------------------------------------------------------------------------

    def _build_actions(self) -> None:
        bar = self.menuBar()
        for key, title in (
            ("file", self.tr("文件(&F)")),
            ("view", self.tr("视图(&V)")),
            ("tools", self.tr("工具(&T)")),
            ("help", self.tr("帮助(&H)")),
        ):
            self._menus[key] = bar.addMenu(title)
        self.toolbar = QToolBar(self.tr("工具栏"))
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)

        self.import_action = QAction(self.tr("导入计划…"), self)
        self.import_action.setShortcut(QKeySequence.StandardKey.Open)
        self.import_action.triggered.connect(self.importer.choose_and_import)
        self.export_action = QAction(self.tr("导出 JSON…"), self)
        self.export_action.triggered.connect(self.export_json)
        self.quit_action = QAction(self.tr("退出"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.search_action = QAction(self.tr("搜索"), self)
        self.search_action.setShortcut(QKeySequence.StandardKey.Find)
        self.search_action.triggered.connect(self.focus_search)
        self.addAction(self.search_action)
        self.clear_action = QAction(self.tr("清除筛选"), self)
        self.clear_action.triggered.connect(self.filter_bar.clear)
        self.about_action = QAction(self.tr("关于联动"), self)
        self.about_action.triggered.connect(self._about)
        self.default_layout_action = QAction(self.tr("恢复默认布局"), self)
        self.default_layout_action.triggered.connect(self.restore_default_layout)

        file_menu = self._menus["file"]
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = self._menus["view"]
        self._page_actions: list[QAction] = []
        self._page_separator = view_menu.addSeparator()
        if self.pages is not None:
            for key in self.pages.page_keys():
                self._add_page_action(key)
        view_menu.addAction(self.search_action)
        view_menu.addAction(self.clear_action)
        view_menu.addAction(self.default_layout_action)
        self.side_action = QAction(self.tr("详情与协同面板"), self)
        self.side_action.setCheckable(True)
        self.side_action.setChecked(True)
        self.side_action.setShortcut(QKeySequence("F4"))
        self.side_action.toggled.connect(self.set_side_panel_visible)
        self.docking_action = QAction(self.tr("停靠式布局（下次启动生效）"), self)
        self.docking_action.setCheckable(True)
        self.docking_action.setChecked(self.docking)
        self.docking_action.toggled.connect(set_docking_enabled)
        view_menu.addSeparator()
        if self.pages is not None:
            view_menu.addAction(self.side_action)
            self.toolbar.addAction(self.side_action)
        view_menu.addAction(self.docking_action)
        view_menu.addSeparator()
        for dock in (self.tree_dock, self.unit_dock, self.detail_dock):
            if dock is not None:
                view_menu.addAction(dock.toggleViewAction())
        self._menus["help"].addAction(self.about_action)
        self.toolbar.addAction(self.import_action)
        self.toolbar.addAction(self.export_action)
        self.toolbar.addSeparator()
        self.filter_bar.search.setMaximumWidth(420)
        self.filter_bar.search.setMinimumWidth(160)
        self.filter_bar.search_label.hide()  # the search box lives in the toolbar
        self.toolbar.addWidget(self.filter_bar.search)
        # the filter bar got narrower: drop its cached size so the window may be 1366 wide
        self.filter_bar.layout().invalidate()
        self.filter_bar.updateGeometry()
        if self.pages is not None:
            self.toolbar.addAction(self.side_action)

    def _build_status_bar(self) -> None:
        self.counts_label = QLabel()
        self.statusBar().addWidget(self.counts_label, 1)

    # -- data ----------------------------------------------------------------------------------

    def _task_rows(self) -> int:
        """How many tasks the database holds (its largest table's row count, cheap)."""
        return int(self.store.db.execute("SELECT count(*) FROM task").fetchone()[0])

    def reload(self) -> None:
        """Re-read everything now, on this thread (window construction, tests)."""
        self._apply_window_data(load_window_data(self.store.db, self.fold_lower))

    def reload_in_background(self) -> None:
        """Re-read everything on a worker thread (its own connection), then show it.

        A request while a load runs is remembered and served once it ends, so a
        burst of changes costs at most one extra load.
        """
        if self._closing:
            return
        if self._reload_job is not None:
            self._reload_pending = True
            return
        self._reload_pending = False
        job = QueryOp(
            self, window_data_of, self.fold_lower, quiet=True, show_errors=False, pass_progress=True
        )
        job.succeeded.connect(self._apply_window_data)
        job.finished.connect(self._reload_finished)
        self._reload_job = job
        job.start()

    def _show_first_page(self, tasks: int) -> None:
        """The first rows of a large database (``FIRST_PAGE_TASKS``), shown while the
        whole index loads on a worker; filters apply to them until it lands. When the
        index kept by an earlier run is current, every row (read back whole, ~20 ms at
        100k tasks)."""
        db = self.store.db
        kept = read_cached_index(db)
        first = kept or load_matrix_index(db, first_rows=FIRST_PAGE_TASKS)
        self.matrix_model.set_data(first, {}, queries.plans(db), db=db)
        self._first_page_of = tasks
        self._first_page_whole = kept is not None
        self._update_status()

    @Slot()
    def _reload_finished(self) -> None:
        self._reload_job = None
        self._let_held_jobs_go()
        if self._reload_pending:
            self.reload_in_background()

    @Slot(object)
    def _apply_window_data(self, loaded: object) -> None:
        assert isinstance(loaded, WindowData)
        if self._closing:
            return
        data, plans = loaded.matrix, loaded.plans
        self._first_page_of = 0
        self.matrix_model.set_data(
            data, loaded.section_parents, plans, db=self.store.db, prepared=loaded.prepared
        )
        self.tree_model.set_tree(loaded.tree, db=self.store.db)
        if len(plans) <= EXPAND_PLANS:  # thousands of plans: each opened when asked
            self.tree_view.expandToDepth(0)
        summaries = loaded.unit_summaries
        self._unit_summaries = {u["id"]: u for u in summaries}
        self._unit_summary_list = summaries
        if self._unit_panel is not None:  # else given them when built
            self._unit_panel.set_units(summaries)
        self.filter_bar.set_units([(u["id"], u["name"]) for u in summaries])
        self.filter_bar.set_scopes(loaded.tree)
        self._plan_count = len(plans)
        self._task_count = data.task_count
        self.matrix_search.forget()  # the tasks changed: search them again
        self.apply_filters()
        if self.detail.task_id:
            self.show_task(self.detail.task_id, select=False)
        self.reloaded.emit()
        release_freed_memory()  # the load's transient rows (the worker's arena)

    @Slot()
    def apply_filters(self) -> None:
        """Turn the filter bar into one ``MatrixFilter`` and apply it.

        A search text whose answer is not known yet is searched on a worker first
        (``MatrixSearch``): the matrix keeps its rows, and this runs again when the
        answer lands."""
        bar = self.filter_bar
        text = bar.search_text
        found = self.matrix_search.found(text) if text else None
        if text and found is None:
            self.matrix_search.ask(text)
            self.counts_label.setText(self.tr("正在搜索“{0}”…").format(text))
            return
        self.matrix_search.cancel()
        scope = bar.scope
        self.matrix_proxy.set_filter(
            MatrixFilter(
                unit_id=bar.unit_id,
                role=bar.role,
                section_id=scope[1] if scope and scope[0] == "section" else None,
                plan_id=scope[1] if scope and scope[0] == "plan" else None,
                task_rowids=found,
            )
        )
        panel = self._unit_panel
        if bar.unit_id and panel is not None and bar.unit_id != panel.current_unit:
            panel.select_unit(bar.unit_id)
        # The view keeps its current row through the reset; if that row was
        # filtered out earlier, bring back the task the detail panel shows.
        if not self.matrix_view.currentIndex().isValid() and self.detail.task_id:
            with self.matrix_view.keeping_selection():
                self._select_task_row(self.detail.task_id)
        self._update_status()

    def _update_status(self) -> None:
        total = self.matrix_model.total_rows()
        shown = self.matrix_proxy.rowCount()
        if self._first_page_of and self._first_page_whole:
            self.counts_label.setText(
                self.tr("显示 {shown}/{total} 行 · 正在载入范围和单位（{n} 项任务）…").format(
                    shown=f"{shown:,}", total=f"{total:,}", n=f"{self._first_page_of:,}"
                )
            )
            return
        if self._first_page_of:
            self.counts_label.setText(
                self.tr("显示前 {shown} 行 · 正在载入台账（{n} 项任务）…").format(
                    shown=f"{shown:,}", n=f"{self._first_page_of:,}"
                )
            )
            return
        units = self.matrix_proxy.columnCount() - 1 - len(self.matrix_model.ledger)
        self.counts_label.setText(
            self.tr(
                "计划 {plans} 个 · 任务 {tasks} 项 · 工作项 {items} 项 · "
                "显示 {shown}/{total} 行、{units} 个单位"
            ).format(
                plans=f"{self._plan_count:,}",
                tasks=f"{self._task_count:,}",
                items=f"{total:,}",
                shown=f"{shown:,}",
                total=f"{total:,}",
                units=f"{units:,}",
            )
        )

    @Slot(str)
    def show_task(self, task_id: str, select: bool = True) -> None:
        """Show a task in the detail panel and select its first matrix row."""
        try:
            detail = queries.task_detail(self.store.db, task_id)
        except NotFound:
            self.detail.clear_task()
            return
        hub = getattr(self, "coordination", None)
        if hub is not None and hub.snapshot is not None:  # statuses, 序时进度 (rolled up)
            authoring_queries.add_status_facts(detail, hub.snapshot)
        self.detail.show_task(detail)
        if select and self.pages is not None and not self.pages.side_visible():
            self.set_side_panel_visible(True)
        if select:
            self._select_task_row(task_id)

    def _select_task_row(self, task_id: str) -> None:
        """Make the first shown matrix row of a task current and scroll to it."""
        for row in self.matrix_model.rows_of_task(task_id):
            index = self.matrix_proxy.mapFromSource(self.matrix_model.index(row, 0))
            if index.isValid():
                self.matrix_view.setCurrentIndex(index)
                self.matrix_view.scrollTo(index)
                break

    @Slot(str)
    def _matrix_task_selected(self, task_id: str) -> None:
        if task_id != self.detail.task_id:
            self.show_task(task_id, select=False)

    @Slot(QModelIndex, QModelIndex)
    def _tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        kind = self.tree_model.node_kind(current)
        record_id = self.tree_model.node_id(current)
        if kind == "task":
            self.show_task(record_id)
        elif kind in ("plan", "section"):
            self.filter_bar.set_scope(kind, record_id)

    @Slot(str)
    def _unit_chosen(self, unit_id: str) -> None:
        unit = self._unit_summaries.get(unit_id)  # as of the last reload (store changes reload)
        if unit is None:
            return
        self.unit_panel.show_unit(unit, queries.unit_assignments(self.store.db, unit_id))
        if self.filter_bar.unit_id != unit_id:
            self.filter_bar.set_unit(unit_id)

    @Slot(str, object)
    def _on_store_changed(self, _action: str, tables: object) -> None:
        # Edits that leave the matrix, tree and unit lists alone (milestones,
        # reports, …) need no reload; the coordination views refresh themselves.
        # An empty set means "unknown" (a background job wrote): reload.
        touched = frozenset(tables or ())
        if touched and not touched & MATRIX_TABLES:
            return
        renamed = renamed_tasks(tables)
        if renamed:
            self._relabel_tasks(renamed)
            return
        self.reload_in_background()

    def _relabel_tasks(self, task_ids: frozenset[str]) -> None:
        """Tasks renamed, nothing else the window's rows read changed: the matrix and
        the tree read those tasks' labels again (both read labels on demand), searches
        are asked again, and the lists showing them are shown again; no reload (at
        100,000 tasks a reload is ~0.3 s of a worker's CPU)."""
        for task_id in task_ids:
            self.matrix_model.relabel_task(task_id)
            self.tree_model.relabel_task(task_id)
        self.matrix_search.forget()  # a title is searched
        if self.filter_bar.search_text:
            self.apply_filters()
        panel = self._unit_panel
        if panel is not None and panel.current_unit:
            self._unit_chosen(panel.current_unit)
        if self.detail.task_id in task_ids:
            self.show_task(self.detail.task_id, select=False)

    # -- actions -------------------------------------------------------------------------------

    @Slot()
    def focus_search(self) -> None:
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    @Slot()
    def export_json(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出 JSON"), "liandong.json", self.tr("JSON 文件 (*.json)")
        )
        if path:
            self.start_export(path)

    def start_export(self, path: str) -> Job:
        job = QueryOp(self, export_json_file, path, label=self.tr("正在导出…"))
        job.succeeded.connect(self._export_done)
        return job.start()

    @Slot(object)
    def _export_done(self, path: object) -> None:
        self.statusBar().showMessage(self.tr("已导出到 {0}").format(path), 8000)

    @Slot()
    def _about(self) -> None:
        from desktop import __version__

        dialogs.show_info(
            self,
            self.tr("联动 {0}\n政府行动计划任务分工与协同。").format(__version__),
        )

    #: Below this window width, showing ledger columns folds the plan tree column away.
    FOLD_TREE_BELOW = 1600

    def fit_ledger_columns(self) -> None:
        """Ledger columns on a narrow window: the plan tree column folds away so unit
        columns stay on screen beside them (drag the splitter to bring it back)."""
        if self.pages is None or not self.matrix_model.ledger:
            return
        if self.width() >= self.FOLD_TREE_BELOW:
            return
        page = self.pages.page("matrix")
        if isinstance(page, QSplitter) and page.count() == 2:
            page.setSizes([0, sum(page.sizes())])

    def restore_default_layout(self) -> None:
        """Docks back in place (docking layout) or the side panel shown and sized (pages)."""
        if self.pages is None:
            super().restore_default_layout()
            return
        self.set_side_panel_visible(True)
        self.pages.size_columns(self.width(), self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self._layout_applied and self.pages is None:
            self._fit_docks()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        if not self._layout_applied:
            self._layout_applied = True
            if self.pages is None:
                self._restore_layout()
            else:
                self._restore_pages()
        super().showEvent(event)

    def _restore_pages(self) -> None:
        assert self.pages is not None
        remember = self.remember_layout
        self.set_side_panel_visible(settings_schema.get("pages/side") if remember else True)
        self.pages.size_columns(self.width(), self.height())
        self.fit_ledger_columns()
        page = settings_schema.get("pages/current") if remember else ""
        if not self._plan_count:
            page = "welcome"
        elif page not in self.pages.page_keys():
            page = "matrix"
        self.show_page(page)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self._closing = True
        if self.pages is not None:
            self.pages.cancel_idle_builds()
        stop_jobs(self)  # nothing of this window keeps running after it closes
        if self.remember_layout:
            settings_schema.put("main/geometry", self.saveGeometry())
            if self._layout_applied and self.pages is None:
                settings_schema.put("main/state", self.saveState(LAYOUT_VERSION))
                settings_schema.put("main/layout", self._layout_key())
            if self.pages is not None:
                settings_schema.put("pages/side", self.pages.side_visible())
                settings_schema.put("pages/current", self.pages.current_key())
        super().closeEvent(event)
