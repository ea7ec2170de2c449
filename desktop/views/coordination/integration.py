"""Wire the coordination feature into the main window: ``install_coordination(window)``.

Adds docks (协同 for the selected task, 我的任务, 时间轴, 总览), the 协同 menu with
undo/redo and shortcuts, and status lights in the matrix, plan tree and unit
view. Statuses are computed by a query op (``overview_job`` on the worker's
own store) after each store change, so the GUI thread never waits for the
province-scale status pass; views show the last snapshot meanwhile.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu

from desktop.errors import UserError
from desktop.heap import release_freed_memory
from desktop.models import second_step_cache
from desktop.models import status as st
from desktop.models.qt.plan_tree_model import KIND_ROLE
from desktop.models.qt.roles import ID_ROLE
from desktop.models.status_cache import StatusCache
from desktop.views import dialogs
from desktop.views.busy_note import BusyNote
from desktop.views.coordination.dashboard import (
    Dashboard,
    relabelled,
    second_step_job,
    status_pass_job,
)
from desktop.views.coordination.form import ask_confirmation
from desktop.views.coordination.lights import LightDelegate
from desktop.views.coordination.matrix_lights import MatrixLightStates
from desktop.views.coordination.milestone_dialog import MilestoneDialog
from desktop.views.coordination.target_value_dialog import TargetValueDialog
from desktop.views.coordination.task_panel import TaskPanel
from desktop.views.coordination.undo import CoordinationActions
from desktop.views.coordination.workspace import Workspace
from desktop.views.jobs import Job
from desktop.views.ops import QueryOp

if TYPE_CHECKING:
    from desktop.views.coordination.timeline import TimelineWidget

# After an edit the statuses are recomputed this long after the last store change: the
# changes of one action, or of a few actions in quick succession, make one overview job,
# and the dialog that saved has closed and repainted first. (150 ms until 2026-11-30: at
# 100k tasks the incremental job takes 30-110 ms, so the wait was most of the delay.)
REFRESH_DELAY_MS = 50
WINDOW_SETTING = "coordination/window_days"
HOME_UNIT_SETTING = "coordination/home_unit"


def _dialog(name: str) -> type[QDialog]:
    """A coordination dialog class, its module imported on first use (not at start)."""
    module = {
        "DependencyDialog": "dependency_dialog",
        "ExtensionDialog": "extension_dialog",
        "ReportDialog": "report_dialog",
    }[name]
    return getattr(importlib.import_module(f"desktop.views.coordination.{module}"), name)


def _settings():  # noqa: ANN202 - QSettings; imported late (main_window imports us)
    from desktop.views.settings import app_settings

    return app_settings()


def saved_window_days() -> int:
    """The due-soon window chosen in the dashboard (default 14 days)."""
    from desktop.views import settings as settings_schema

    return int(settings_schema.get(WINDOW_SETTING, _settings()))


class CoordinationHub(QObject):
    """Owns the coordination views of one main window."""

    #: A fresh overview (snapshot, dashboard, timeline…) was shown.
    loaded = Signal()
    #: The second background step (催报 list, target states) was shown.
    missing_loaded = Signal()

    def __init__(self, window) -> None:  # noqa: ANN001 - MainWindow
        super().__init__(window)
        self.window = window
        self.actions = CoordinationActions(window.store, self, undo_stack=window.undo_stack)
        self.actions.failed.connect(self._show_failure)
        self.snapshot: st.StatusSnapshot | None = None
        self.result: dict[str, Any] | None = None
        self.window_days = saved_window_days()
        # statuses kept between overview jobs (one job at a time uses it)
        self.status_cache = StatusCache()
        self._job: Job | None = None
        self._missing_job: Job | None = None
        # the second step's parts kept while an edit does not change what they read
        # (relabelled after a task's new title)
        self.second_steps = second_step_cache.SecondStepCache(relabelled)
        self._closed = False
        window.installEventFilter(self)
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        # "正在计算状态…" in the status bar while a pass takes a while (the first one at
        # 100,000 tasks: seconds without lights in the matrix)
        self.busy_note = BusyNote(self.tr("正在计算状态…"))
        window.add_status_widget(self.busy_note, permanent=False)

        self.task_panel = TaskPanel(window.store)
        self.task_panel.attachments.fetcher = self._content_fetcher
        # 工作台, 时间轴, 总览 and 各单位 are pages built on their first visit (the
        # properties below); the last overview is applied to them then.
        self._workspace: Workspace | None = None
        self._timeline: TimelineWidget | None = None
        self._dashboard: Dashboard | None = None
        self._unit_lights_view: Any = None
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.task_dock = window.add_dock(
            self.tr("协同"), self.task_panel, "coordinationDock", below=window.detail_dock
        )
        self.workspace_dock = window.add_dock(
            self.tr("我的任务"), self._make_workspace, "workspaceDock", tab_with=window.unit_dock
        )
        self.timeline_dock = window.add_dock(
            self.tr("时间轴"), self._make_timeline, "timelineDock", bottom
        )
        self.dashboard_dock = window.add_dock(
            self.tr("总览"), self._make_dashboard, "dashboardDock", tab_with=self.timeline_dock
        )
        self.unit_lights_dock = window.add_dock(
            self.tr("各单位"),
            self._make_unit_lights_view,
            "unitLightsDock",
            tab_with=self.timeline_dock,
        )

        self._build_actions()
        self._install_lights()
        window.matrix_view.task_selected.connect(self._follow_selection)
        window.tree_view.selectionModel().currentChanged.connect(self._tree_changed)
        window.on_unit_panel(lambda panel: panel.task_activated.connect(self._follow_selection))
        self.task_panel.requested.connect(self.perform)
        window.store_changed.connect(self._store_changed)
        self.refresh()

    # -- pages (built on first use) -------------------------------------------------------
    # The window's page host calls the ``_make_…`` factories on a page's first visit;
    # using a property earlier builds the page through the host (so the widget always
    # has its place in the window: a parentless widget must not be left to Python).

    def _page(self, attr: str, key: str, make) -> Any:  # noqa: ANN001
        if getattr(self, attr) is None:
            pages = self.window.pages
            if pages is not None and pages.has_page(key):
                pages.page(key)  # → make()
            else:
                make()
        return getattr(self, attr)

    @property
    def workspace(self) -> Workspace:
        """工作台 (made on first use, with the last overview)."""
        return self._page("_workspace", "home", self._make_workspace)

    @property
    def timeline(self) -> TimelineWidget:
        return self._page("_timeline", "timeline", self._make_timeline)

    @property
    def dashboard(self) -> Dashboard:
        return self._page("_dashboard", "dashboard", self._make_dashboard)

    @property
    def unit_lights_view(self):  # noqa: ANN201 - UnitLightsView
        return self._page("_unit_lights_view", "unit_lights", self._make_unit_lights_view)

    def _make_workspace(self) -> Workspace:
        workspace = Workspace(self.window.store.db)
        from desktop.views import settings as settings_schema

        saved_unit = settings_schema.get(HOME_UNIT_SETTING, _settings())  # the user's own unit
        if saved_unit:
            workspace.set_unit(saved_unit)
        workspace.unit_changed.connect(
            lambda unit_id: settings_schema.put(HOME_UNIT_SETTING, unit_id, _settings())
        )
        workspace.task_activated.connect(self.show_task)
        workspace.report_requested.connect(self._report_for)
        self._workspace = workspace
        if self.result is not None:
            workspace.set_snapshot(self.snapshot, self.result["missing"], self.result["titles"])
        return workspace

    def _make_timeline(self) -> TimelineWidget:
        from desktop.views.coordination.timeline import TimelineWidget

        self._timeline = TimelineWidget()
        self._timeline.view.task_activated.connect(self.show_task)
        if self.result is not None and self.result["timeline"] is not None:
            self._timeline.set_data(self.result["timeline"], self.result["snapshot"].plan_of)
        else:  # (the passes so far left its rows out: the next one builds them)
            self._timeline.view.set_loading(True)
            if self.result is not None:
                self.refresh()
        return self._timeline

    def _make_dashboard(self) -> Dashboard:
        dashboard = Dashboard()
        dashboard.window_spin.setValue(self.window_days)
        dashboard.window_changed.connect(self.set_window_days)
        dashboard.task_activated.connect(self.show_task)
        self._dashboard = dashboard
        if self.result is not None and self.result["dashboard"] is not None:
            dashboard.set_overview(self.result)  # with the 催报 list and targets once known
        elif self.result is not None:  # (the passes so far left it out: the next builds it)
            self.refresh()
        return dashboard

    def _make_unit_lights_view(self):  # noqa: ANN202
        from desktop.views.coordination.unit_lights_view import UnitLightsView

        self._unit_lights_view = UnitLightsView()
        if self.snapshot is not None and not self._closed:
            self._unit_lights_view.load(str(self.window.db_path), self.window_days, self.snapshot)
        return self._unit_lights_view

    # -- actions, menu, shortcuts ------------------------------------------------------------

    def _action(self, text: str, slot, *keys: QKeySequence | str) -> QAction:  # noqa: ANN001
        action = QAction(text, self.window)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        window = self.window
        self.menu = QMenu(self.tr("协同(&C)"), window)
        window.menuBar().insertMenu(window.menu("help").menuAction(), self.menu)
        stack = self.actions.undo_stack
        self.undo_action = stack.createUndoAction(window, self.tr("撤销"))
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = stack.createRedoAction(window, self.tr("重做"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.menu.addAction(self.undo_action)
        self.menu.addAction(self.redo_action)
        self.menu.addSeparator()
        self.add_milestone_action = self._action(
            self.tr("添加里程碑…"), self._add_milestone, "Ctrl+M"
        )
        self.done_action = self._action(self.tr("标记里程碑完成"), self._mark_done, "Ctrl+D")
        self.extend_action = self._action(self.tr("延期…"), self._extend, "Ctrl+E")
        self.report_action = self._action(self.tr("进度填报…"), self._report, "Ctrl+R")
        self.target_action = self._action(self.tr("录入目标数值…"), self._target_value, "Ctrl+T")
        self.dependency_action = self._action(self.tr("添加依赖…"), self._dependency, "Ctrl+L")
        self.menu.addSeparator()
        self.refresh_action = self._action(self.tr("刷新状态"), self.refresh, "F5")
        for action in (self.undo_action, self.redo_action):
            window.toolbar.addAction(action)

    @Slot(str)
    def perform(self, name: str) -> None:
        {
            "add_milestone": self._add_milestone,
            "edit_milestone": self._edit_milestone,
            "done": self._mark_done,
            "extend": self._extend,
            "delete_milestone": self._delete_milestone,
            "dependency": self._dependency,
            "remove_dependency": self._remove_dependency,
            "target_value": self._target_value,
            "report": self._report,
            "correct_report": self._correct_report,
            **self._workflow_actions(),
        }[name]()

    def _workflow_actions(self) -> dict:
        from desktop.views.coordination import workflow_dialogs as wd

        panel = self.task_panel.workflow

        def with_task(make):  # noqa: ANN001, ANN202
            def run() -> None:
                if task_id := self._task():
                    self._workflow_dialog(lambda: make(task_id))

            return run

        def decide(kind: str, hint: str):  # noqa: ANN202
            def run() -> None:
                record = panel.selected(kind)
                if not record:
                    self._hint(hint)
                    return
                self._workflow_dialog(lambda: wd.DecisionDialog(self.actions, kind, record,
                                                                parent=self.window))  # fmt: skip

            return run

        def request_extension() -> None:
            if ms := self._milestone():
                self._workflow_dialog(
                    lambda: wd.ExtensionRequestDialog(self.actions, ms, parent=self.window)
                )

        return {
            "signin": with_task(
                lambda t: wd.SigninDialog(
                    self.actions, t, self.workspace.unit_id, parent=self.window
                )
            ),  # fmt: skip
            "signoff_apply": with_task(
                lambda t: wd.SignoffApplyDialog(self.actions, t, parent=self.window)
            ),  # fmt: skip
            "cycle": with_task(lambda t: wd.CycleDialog(self.actions, t, parent=self.window)),
            "signoff_decide": decide(
                "signoff", self.tr("请先在“督办”页中选择一份待审核的办结申请。")
            ),
            "extension_request": request_extension,
            "extension_decide": decide(
                "extension", self.tr("请先在“督办”页中选择一份待审批的延期申请。")
            ),
        }

    def _workflow_dialog(self, make) -> None:  # noqa: ANN001
        try:
            dialog = make()
        except UserError as exc:
            dialogs.show_error(self.window, exc)
            return
        self._exec(dialog)

    def _task(self) -> str | None:
        task_id = self.task_panel.task_id or self.window.detail.task_id
        if not task_id:
            self._hint(self.tr("请先选择一项任务。"))
        return task_id or None

    def _milestone(self) -> str | None:
        ms = self.task_panel.selected_milestone() if self._task() else None
        if self.task_panel.task_id and not ms:
            self._hint(self.tr("请先在“协同”面板中选择一个里程碑。"))
        return ms

    def _hint(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 5000)

    def _exec(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    @Slot()
    def _add_milestone(self) -> None:
        if task_id := self._task():
            self._exec(MilestoneDialog(self.actions, task_id, parent=self.window))

    @Slot()
    def _edit_milestone(self) -> None:
        if ms := self._milestone():
            self._exec(MilestoneDialog(self.actions, milestone_id=ms, parent=self.window))

    @Slot()
    def _mark_done(self) -> None:
        if ms := self._milestone():
            try:
                self.actions.mark_done(ms, date.today())
            except UserError as exc:
                dialogs.show_error(self.window, exc)

    @Slot()
    def _extend(self) -> None:
        if ms := self._milestone():
            self._exec(_dialog("ExtensionDialog")(self.actions, ms, parent=self.window))

    @Slot()
    def _delete_milestone(self) -> None:
        ms = self._milestone()
        if ms and ask_confirmation(
            self.window, self.tr("删除该里程碑及其延期记录和依赖？可撤销。")
        ):
            try:
                self.actions.delete_milestone(ms)
            except UserError as exc:
                dialogs.show_error(self.window, exc)

    @Slot()
    def _dependency(self) -> None:
        task_id = self._task()
        if task_id:
            ms = self.task_panel.selected_milestone()
            pred = ("milestone", ms) if ms else ("task", task_id)
            plan = self.window.store.db.execute(
                "SELECT plan_id FROM task WHERE id = ?", [task_id]
            ).fetchone()
            self._exec(
                _dialog("DependencyDialog")(
                    self.actions, pred, plan_id=plan[0] if plan else None, parent=self.window
                )  # fmt: skip
            )

    @Slot()
    def _remove_dependency(self) -> None:
        dep = self.task_panel.selected_dependency()
        if not dep:
            self._hint(self.tr("请先在“依赖”页中选择一条依赖。"))
            return
        try:
            self.actions.remove_dependency(dep)  # undoable (Ctrl+Z)
        except UserError as exc:
            dialogs.show_error(self.window, exc)

    @Slot()
    def _target_value(self) -> None:
        if not self._task():
            return
        target = self.task_panel.selected_target()
        if not target:
            self._hint(self.tr("该任务没有量化目标，或请先选择一个目标。"))
            return
        self._exec(TargetValueDialog(self.actions, target, parent=self.window))

    @Slot()
    def _report(self) -> None:
        if task_id := self._task():
            self._exec(
                _dialog("ReportDialog")(
                    self.actions, task_id, unit_id=self.workspace.unit_id, parent=self.window
                )  # fmt: skip
            )

    @Slot(str)
    def _report_for(self, task_id: str) -> None:
        """工作台: a 未填报 line opens the report dialog for that task and unit."""
        self.show_task(task_id)
        self._report()

    @Slot()
    def _correct_report(self) -> None:
        report = self.task_panel.selected_report()
        if not report:
            self._hint(self.tr("请先选择一条填报记录。"))
            return
        self._exec(_dialog("ReportDialog")(self.actions, correcting=report, parent=self.window))

    @Slot(object)
    def _show_failure(self, exc: object) -> None:
        if isinstance(exc, BaseException):
            dialogs.show_error(self.window, exc)

    # -- lights ----------------------------------------------------------------------------

    def _install_lights(self) -> None:
        window = self.window
        self.matrix_states = MatrixLightStates(window.matrix_model, lambda: self.snapshot)
        self.matrix_lights = LightDelegate(parent=self, state=self.matrix_states.at)
        # only the frozen view paints column 0: the main view's lies under it (its
        # HiddenCellDelegate paints nothing)
        window.matrix_view.frozen.setItemDelegateForColumn(0, self.matrix_lights)
        self.tree_lights = LightDelegate(self._tree_status, self)
        window.tree_view.setItemDelegate(self.tree_lights)
        self.unit_lights = LightDelegate(self._task_status, self)
        window.on_unit_panel(
            lambda panel: panel.item_table.setItemDelegateForColumn(1, self.unit_lights)
        )

    def _matrix_mark(self, index: QModelIndex) -> str | None:
        """The three-colour text mark (红·逾期未办结 / 黄·未达序时 / 蓝·临近时限) of a row's task."""
        return self.matrix_states.at(index).mark

    def _matrix_blocked(self, index: QModelIndex) -> bool:
        """A row whose work item (or task) waits for an unfinished dependency."""
        return self.matrix_states.at(index).blocked

    def _tree_status(self, index: QModelIndex) -> str | None:
        if self.snapshot is None or index.data(KIND_ROLE) != "task":
            return None
        return self._task_status(index)

    def _task_status(self, index: QModelIndex) -> str | None:
        if self.snapshot is None:
            return None
        node = self.snapshot.tasks.get(index.data(ID_ROLE) or "")
        return node.status if node else None

    # -- loading -------------------------------------------------------------------------------

    @Slot(str, object)
    def _store_changed(self, _action: str, tables: object) -> None:
        self.task_panel.refresh()  # cheap: one task's rows, right away
        self.second_steps.changed(tables if isinstance(tables, Iterable) else ())
        self._timer.start()

    @Slot()
    def refresh(self) -> None:
        """Recompute every status in the background; views update when it lands."""
        if self._closed:
            return
        if self._job is not None:
            self._pending = True
            return
        # (the timeline's rows and the 总览's counts and lists only once their page was
        # shown: a pass before leaves them out)
        self._job = QueryOp(
            self.window, status_pass_job, self.window_days, self.status_cache,
            self._timeline is not None, self._dashboard is not None,
            label=self.tr("正在计算状态…"), quiet=True, pass_progress=True,
        )  # fmt: skip
        self._job.succeeded.connect(self._loaded)
        self._job.finished.connect(self._job_finished)
        self.busy_note.watch(self._job)
        # the first pass waits for the window's first frame (counted as running meanwhile)
        self._job.start_after_first_paint(self.window)

    @Slot(int)
    def set_window_days(self, days: int) -> None:
        """A new due-soon window: remembered in the settings, statuses recomputed."""
        if days == self.window_days:
            return
        self.window_days = days
        from desktop.views import settings as settings_schema

        settings_schema.put(WINDOW_SETTING, days, _settings())
        self.refresh()

    @Slot()
    def _job_finished(self) -> None:
        self._job = None
        if self._pending:
            self._pending = False
            self.refresh()

    @Slot(object)
    def _loaded(self, result: object) -> None:
        assert isinstance(result, dict)
        full_pass = self.status_cache.last_pass == "full"
        parts = self.second_steps.overview(result, full_pass)
        self.result = result
        self.snapshot = result["snapshot"]
        if self._dashboard is not None:  # pages not yet visited get it when built
            if result["dashboard"] is not None:
                self._dashboard.set_overview(result)
            else:  # (a pass started before the page was shown: one more with its rows)
                self.refresh()
        if self._timeline is not None:
            if result["timeline"] is not None:
                self._timeline.set_data(result["timeline"], self.snapshot.plan_of)
            else:  # (a pass started before the page was shown: one more with its rows)
                self.refresh()
        if self._workspace is not None:
            self._workspace.set_snapshot(self.snapshot, result["missing"], result["titles"])
        self.task_panel.set_snapshot(self.snapshot)
        if not self._closed and self._unit_lights_view is not None:
            self._unit_lights_view.load(str(self.window.db_path), self.window_days, self.snapshot)
        window = self.window
        views = [window.matrix_view, window.matrix_view.frozen, window.tree_view]
        if window.unit_panel_if_built is not None:
            views.append(window.unit_panel_if_built.item_table)
        for view in views:
            view.viewport().update()
        self.loaded.emit()
        if parts and not self._closed:
            self._load_missing(result["period"], parts)

    def _content_fetcher(self) -> Callable[[dict[str, Any]], None] | None:
        """Downloads one attachment's content from the sync server this database is logged
        in to (made on the GUI thread, run by a background job), or None offline."""
        sync = getattr(self.window, "sync", None)
        controller = getattr(sync, "controller", None)
        if controller is None or not controller.server_url() or not controller.username():
            return None
        engine = controller.make_engine(controller.server_url(), controller.username())

        from desktop.models.attachment_sync import fetch_one

        def fetch(record: dict[str, Any]) -> None:
            try:
                fetch_one(engine, record)
            finally:
                engine.close()

        return fetch

    def _load_missing(
        self, period: str, parts: tuple[str, ...] = tuple(second_step_cache.TABLES)
    ) -> None:
        """Second step: the 催报 list and the target states (the ``parts`` not kept),
        once the statuses are on screen."""
        today = self.snapshot.today if self.snapshot is not None else None
        again, generations = self.second_steps.request(parts)
        job = QueryOp(
            self.window,
            second_step_job,
            period,
            today,
            self.result["titles"] if self.result is not None else {},
            parts,
            again,
            quiet=True,
        )
        self._missing_job = job
        key = (period, today)
        job.succeeded.connect(
            lambda later, job=job: self._missing_done(job, later, key, generations)
        )
        job.start()

    def _missing_done(
        self,
        job: Job,
        later: dict,
        key: tuple[str, Any] | None = None,
        generations: dict[str, int] | None = None,
    ) -> None:
        if job is not self._missing_job:
            return  # a newer overview asked again
        self._missing_job = None
        if key is not None:
            self.second_steps.landed(later, key, generations or {})
        if self.result is not None:
            self.result.update(later)
        # (a dashboard built before any overview with its counts gets these with it)
        dashboard = self._dashboard
        if dashboard is not None and not dashboard.has_overview:
            dashboard = None
        if dashboard is not None and "missing" in later:
            dashboard.set_missing(
                later["missing"], later["missing_groups"], later["missing_counts"]
            )
        if dashboard is not None and "target_rows" in later:
            dashboard.set_targets(
                later["targets"] or [], later["target_rows"], later.get("targets_missed")
            )
        if self._workspace is not None and "missing" in later:
            self._workspace.set_missing(later["missing"])
        self.missing_loaded.emit()
        # the last of an overview's loads: what the pass and the round fetched and let go
        release_freed_memory()

    # -- selection -----------------------------------------------------------------------

    @Slot(str)
    def show_task(self, task_id: str) -> None:
        self.window.show_task(task_id)
        self.task_panel.show_task(task_id)

    @Slot(str)
    def _follow_selection(self, _task_id: str) -> None:
        if self.window.detail.task_id:
            self.task_panel.show_task(self.window.detail.task_id)

    @Slot(QModelIndex, QModelIndex)
    def _tree_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.data(KIND_ROLE) == "task":
            self.task_panel.show_task(current.data(ID_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.shutdown()
        elif watched is self.window and event.type() == QEvent.Type.Show:
            self._closed = False  # shown again (or the close was refused)
        return False

    def shutdown(self) -> None:
        """The window is closing: start no more background work."""
        self._closed = True
        self._pending = False
        self._timer.stop()


def install_coordination(window) -> CoordinationHub:  # noqa: ANN001 - MainWindow
    """Add the coordination docks, menu, shortcuts and lights to ``window``."""
    hub = CoordinationHub(window)
    window.coordination = hub
    return hub
