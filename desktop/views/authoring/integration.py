"""Wire plan authoring into the main window: ``install_authoring(window)``.

Adds the 计划 menu (new / edit / copy / delete plan, sections, tasks, work
items, targets, units, revised plans) and the matrix edit mode: an explicit
toggle (nobody changes responsibilities by accident) in which clicking a unit
cell cycles 牵 → 配 → 责 → empty, each click one undoable, recorded edit with
the 依据 typed in the edit bar. Rows with no lead or two leads are tinted in
the matrix (``MatrixModel``) whether or not the mode is on.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QToolBar,
)

from desktop.errors import UserError
from desktop.importer.model import ParsedPlan
from desktop.models import authoring as au
from desktop.models import revision as rv
from desktop.models.authoring_common import check_structure_permission
from desktop.models.qt.matrix_model import CELL_ROLE, ITEM_ROLE
from desktop.views import dialogs
from desktop.views.authoring.undo import AuthoringActions
from desktop.views.import_preview import FILE_FILTER
from desktop.views.jobs import Job

if TYPE_CHECKING:
    from desktop.views.authoring.revision_dialog import RevisionDialog


def _dialogs() -> ModuleType:
    """The plan, section, task, item, target and link dialogs (imported on first use:
    the GUI start needs none of them)."""
    from desktop.views.authoring import dialogs as authoring_dialogs

    return authoring_dialogs


def _revision() -> ModuleType:
    """The plan revision dialog and its job (imported on first use)."""
    from desktop.views.authoring import revision_dialog

    return revision_dialog


#: The order a click in edit mode walks through: 牵 → 配 → 责 → empty → 牵 …
ROLE_CYCLE = ("lead", "support", "responsible", "")


def next_role(role: str) -> str:
    return (
        ROLE_CYCLE[(ROLE_CYCLE.index(role) + 1) % len(ROLE_CYCLE)] if role in ROLE_CYCLE else "lead"
    )


def confirm(parent, text: str) -> bool:  # noqa: ANN001 - QWidget
    """Ask 是 / 否 (tests monkeypatch this function)."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("Authoring", "联动：请确认"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def choose_revision(parent, text: str) -> str:  # noqa: ANN001 - QWidget
    """Ask 更新已有计划 / 作为新计划导入 / 取消 → "update" / "new" / "cancel"
    (tests monkeypatch this function)."""
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("Authoring", "联动：修订版"),
                      text, QMessageBox.StandardButton.Cancel, parent)  # fmt: skip
    update = box.addButton(
        QCoreApplication.translate("Authoring", "更新已有计划…"), QMessageBox.ButtonRole.AcceptRole
    )
    new = box.addButton(
        QCoreApplication.translate("Authoring", "作为新计划导入"), QMessageBox.ButtonRole.ActionRole
    )
    box.button(QMessageBox.StandardButton.Cancel).setText(
        QCoreApplication.translate("Authoring", "取消")
    )
    box.exec()
    clicked = box.clickedButton()
    return "update" if clicked is update else "new" if clicked is new else "cancel"


class AuthoringHub(QObject):
    """Owns the authoring menu and the matrix edit mode of one main window."""

    def __init__(self, window) -> None:  # noqa: ANN001 - MainWindow
        super().__init__(window)
        self.window = window
        self.authoring = AuthoringActions(window.coordination.actions)
        self.revision_dialog: RevisionDialog | None = None
        self._revision_job: Job | None = None
        self._build_menu()
        self._build_edit_bar()
        self._build_status()
        window.matrix_view.clicked.connect(self._cell_clicked)

    # -- menu ----------------------------------------------------------------------------

    def _action(self, text: str, slot, key: str = "") -> QAction:  # noqa: ANN001
        action = QAction(text, self.window)
        if key:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def _build_menu(self) -> None:
        window = self.window
        self.menu = QMenu(self.tr("计划(&P)"), window)
        window.menuBar().insertMenu(window.menu("tools").menuAction(), self.menu)
        self.new_plan_action = self._action(self.tr("新建计划…"), self.new_plan)
        self.edit_plan_action = self._action(self.tr("编辑计划…"), self.edit_plan)
        self.copy_plan_action = self._action(self.tr("以此计划为模板新建…"), self.copy_plan)
        self.delete_plan_action = self._action(self.tr("删除计划…"), self.delete_plan)
        self.menu.addSeparator()
        self.add_section_action = self._action(self.tr("新增章节…"), self.add_section)
        self.add_task_action = self._action(self.tr("新增任务…"), self.add_task, "Ctrl+Shift+N")
        self.edit_task_action = self._action(self.tr("编辑任务…"), self.edit_task, "F2")
        self.delete_task_action = self._action(self.tr("删除任务…"), self.delete_task)
        self.edit_section_action = self._action(self.tr("编辑章节…"), self.edit_section)
        self.delete_section_action = self._action(self.tr("删除章节"), self.delete_section)
        self.add_item_action = self._action(self.tr("新增工作事项…"), self.add_item)
        self.edit_item_action = self._action(self.tr("编辑工作事项…"), self.edit_item)
        self.delete_item_action = self._action(self.tr("删除工作事项"), self.delete_item)
        self.add_target_action = self._action(self.tr("新增量化目标…"), self.add_target)
        self.edit_target_action = self._action(self.tr("编辑量化目标…"), self.edit_target)
        self.delete_target_action = self._action(self.tr("删除量化目标"), self.delete_target)
        self.new_unit_action = self._action(self.tr("新建单位…"), self.new_unit)
        self.link_action = self._action(self.tr("关联上级任务…"), self.link_task)
        self.unlink_action = self._action(self.tr("取消关联上级任务"), self.unlink_task)
        self.revision_action = self._action(self.tr("用修订版更新计划…"), self.update_from_revision)
        self.menu.addSeparator()
        self.edit_mode_action = self._action(
            self.tr("编辑分工（单击单元格切换）"), self._edit_mode_toggled
        )
        self.edit_mode_action.setCheckable(True)
        self.edit_mode_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        window.toolbar.addAction(self.edit_mode_action)
        self.fold_action = QAction(self.tr("下级任务折叠在上级任务下"), window)
        self.fold_action.setCheckable(True)
        self.fold_action.toggled.connect(self.set_fold_lower)
        window.menu("view").addAction(self.fold_action)

    def _build_status(self) -> None:
        self.warning_label = QLabel()
        self.warning_label.setStyleSheet("background:#fff3bf; padding: 0 4px;")
        self.window.add_status_widget(self.warning_label)
        self.window.reloaded.connect(self._update_warnings)
        self._update_warnings()

    @Slot()
    def _update_warnings(self) -> None:
        warnings = self.window.matrix_model.warnings()
        self.warning_label.setVisible(bool(warnings))
        self.warning_label.setText(self.tr("分工提醒 {0} 项").format(len(warnings)))
        self.warning_label.setToolTip(
            self.tr("这些工作事项没有牵头单位（也没有责任单位）或有多个牵头单位，已在矩阵中标黄。")
        )

    def _build_edit_bar(self) -> None:
        self.edit_bar = QToolBar(self.tr("分工编辑"))
        self.edit_bar.setObjectName("assignmentEditBar")
        self.edit_bar.setMovable(False)
        self.edit_hint = QLabel(
            self.tr("编辑分工：单击单位单元格，依次切换 牵 → 配 → 责 → 空（可撤销）。")
        )
        self.basis_edit = QLineEdit()
        self.basis_edit.setPlaceholderText(self.tr("依据，如：第5次调度会（可不填）"))
        self.basis_edit.setMinimumWidth(260)
        self.basis_edit.setMaximumWidth(420)
        self.edit_bar.addWidget(self.edit_hint)
        self.edit_bar.addWidget(QLabel(self.tr("  依据：")))
        self.edit_bar.addWidget(self.basis_edit)
        self.window.addToolBarBreak()  # its own row: the hint and the basis field fit
        self.window.addToolBar(self.edit_bar)
        self.edit_bar.hide()

    # -- current plan and task ------------------------------------------------------------

    def current_task(self) -> str | None:
        task_id = self.window.detail.task_id
        if not task_id:
            self._hint(self.tr("请先选择一项任务。"))
        return task_id or None

    def current_plan(self) -> str | None:
        db = self.window.store.db
        if self.window.detail.task_id:
            row = db.execute(
                "SELECT plan_id FROM task WHERE id = ?", [self.window.detail.task_id]
            ).fetchone()
            if row:
                return row[0]
        scope = self.window.filter_bar.scope
        if scope and scope[0] == "plan":
            return scope[1]
        if scope and scope[0] == "section":
            row = db.execute("SELECT plan_id FROM section WHERE id = ?", [scope[1]]).fetchone()
            if row:
                return row[0]
        plans = db.execute("SELECT id FROM plan").fetchall()
        if len(plans) == 1:
            return plans[0][0]
        self._hint(self.tr("请先在计划树中选择一个计划或任务。"))
        return None

    def _hint(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 5000)

    def _allowed(self) -> bool:
        """A unit member is told why before any dialog opens."""
        try:
            check_structure_permission(self.window.store.db)
        except UserError as exc:
            dialogs.show_error(self.window, exc)
            return False
        return True

    def _exec(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    # -- actions ------------------------------------------------------------------------------

    @Slot()
    def new_plan(self) -> None:
        if self._allowed():
            self._exec(_dialogs().PlanDialog(self.authoring, parent=self.window))

    @Slot()
    def edit_plan(self) -> None:
        if self._allowed() and (plan_id := self.current_plan()):
            self._exec(_dialogs().PlanDialog(self.authoring, plan_id, parent=self.window))

    @Slot()
    def copy_plan(self) -> None:
        if self._allowed() and (plan_id := self.current_plan()):
            self._exec(
                _dialogs().PlanDialog(self.authoring, plan_id, copy=True, parent=self.window)
            )

    @Slot()
    def delete_plan(self) -> None:
        if not (self._allowed() and (plan_id := self.current_plan())):
            return
        db = self.window.store.db
        title = db.execute("SELECT title FROM plan WHERE id = ?", [plan_id]).fetchone()[0]
        tasks = db.execute("SELECT count(*) FROM task WHERE plan_id = ?", [plan_id]).fetchone()[0]
        text = self.tr("删除计划《{0}》及其 {1} 项任务、全部里程碑和填报？（可撤销）").format(
            title, tasks
        )
        if confirm(self.window, text):
            try:
                self.authoring.delete_plan(plan_id)
            except UserError as exc:
                dialogs.show_error(self.window, exc)
                return
            self.window.detail.clear_task()

    @Slot()
    def add_section(self) -> None:
        if self._allowed() and (plan_id := self.current_plan()):
            self._exec(_dialogs().SectionDialog(self.authoring, plan_id, parent=self.window))

    @Slot()
    def add_task(self) -> None:
        if not (self._allowed() and (plan_id := self.current_plan())):
            return
        section_id = None
        scope = self.window.filter_bar.scope
        if scope and scope[0] == "section":
            section_id = scope[1]
        elif self.window.detail.task_id:
            row = self.window.store.db.execute(
                "SELECT section_id FROM task WHERE id = ?", [self.window.detail.task_id]
            ).fetchone()
            section_id = row[0] if row else None
        dialog = _dialogs().TaskDialog(
            self.authoring, plan_id, section_id=section_id, parent=self.window
        )
        if self._exec(dialog) and dialog.result_id:
            self.window.show_task(dialog.result_id, select=False)

    @Slot()
    def edit_task(self) -> None:
        if self._allowed() and (task_id := self.current_task()):
            plan_id = self.window.store.db.execute(
                "SELECT plan_id FROM task WHERE id = ?", [task_id]
            ).fetchone()[0]
            self._exec(_dialogs().TaskDialog(self.authoring, plan_id, task_id, parent=self.window))

    @Slot()
    def add_item(self) -> None:
        if self._allowed() and (task_id := self.current_task()):
            self._exec(_dialogs().ItemDialog(self.authoring, task_id, parent=self.window))

    @Slot()
    def add_target(self) -> None:
        if self._allowed() and (task_id := self.current_task()):
            self._exec(_dialogs().TargetDialog(self.authoring, task_id, parent=self.window))

    def current_section(self) -> str | None:
        scope = self.window.filter_bar.scope
        if scope and scope[0] == "section":
            return scope[1]
        if self.window.detail.task_id:
            row = self.window.store.db.execute(
                "SELECT section_id FROM task WHERE id = ?", [self.window.detail.task_id]
            ).fetchone()
            if row and row[0]:
                return row[0]
        self._hint(self.tr("请先在计划树中选择一个章节。"))
        return None

    def current_item(self) -> str | None:
        task_id = self.current_task()
        if not task_id:
            return None
        index = self.window.matrix_view.currentIndex()
        item_id = index.siblingAtColumn(0).data(ITEM_ROLE) if index.isValid() else None
        if (
            item_id
            and self.window.store.db.execute(
                "SELECT 1 FROM item WHERE id = ? AND task_id = ?", [item_id, task_id]
            ).fetchone()
        ):
            return item_id
        return au.item_of(self.window.store, task_id) if self._single_item(task_id) else None

    def _single_item(self, task_id: str) -> bool:
        count = self.window.store.db.execute(
            "SELECT count(*) FROM item WHERE task_id = ?", [task_id]
        ).fetchone()[0]
        if count != 1:
            self._hint(self.tr("请先在矩阵中选择该任务的一个工作事项。"))
        return count == 1

    def current_target(self) -> str | None:
        task_id = self.current_task()
        if not task_id:
            return None
        rows = self.window.store.db.execute(
            "SELECT id, metric, comparator, value, uom FROM target WHERE task_id = ?"
            " ORDER BY position",
            [task_id],
        ).fetchall()
        if not rows:
            self._hint(self.tr("该任务没有量化目标。"))
            return None
        if len(rows) == 1:
            return rows[0][0]
        names = ("id", "metric", "comparator", "value", "uom")
        labels = [
            f"{n}. {au.target_text(dict(zip(names, r, strict=True)))}"
            for n, r in enumerate(rows, 1)
        ]
        label, ok = QInputDialog.getItem(
            self.window, self.tr("选择量化目标"), self.tr("量化目标："), labels, 0, False
        )
        return rows[labels.index(label)][0] if ok else None

    def _run(self, fn, *args, **kwargs) -> bool:  # noqa: ANN001
        try:
            fn(*args, **kwargs)
        except UserError as exc:
            dialogs.show_error(self.window, exc)
            return False
        return True

    @Slot()
    def edit_section(self) -> None:
        if self._allowed() and (section_id := self.current_section()):
            plan_id = self.window.store.db.execute(
                "SELECT plan_id FROM section WHERE id = ?", [section_id]
            ).fetchone()[0]
            self._exec(
                _dialogs().SectionDialog(self.authoring, plan_id, section_id, parent=self.window)
            )

    @Slot()
    def delete_section(self) -> None:
        section_id = self.current_section() if self._allowed() else None
        if section_id and self._run(self.authoring.delete_section, section_id):
            self.window.filter_bar.set_scope(None)

    @Slot()
    def edit_item(self) -> None:
        if self._allowed() and (item_id := self.current_item()):
            task_id = self.window.detail.task_id
            self._exec(_dialogs().ItemDialog(self.authoring, task_id, item_id, parent=self.window))

    @Slot()
    def delete_item(self) -> None:
        if self._allowed() and (item_id := self.current_item()):
            self._run(self.authoring.delete_item, item_id)

    @Slot()
    def edit_target(self) -> None:
        if self._allowed() and (target_id := self.current_target()):
            task_id = self.window.detail.task_id
            self._exec(
                _dialogs().TargetDialog(self.authoring, task_id, target_id, parent=self.window)
            )

    @Slot()
    def delete_target(self) -> None:
        if self._allowed() and (target_id := self.current_target()):
            self._run(self.authoring.delete_target, target_id)

    @Slot()
    def link_task(self) -> None:
        if not (self._allowed() and (task_id := self.current_task())):
            return
        others = self.window.store.db.execute(
            "SELECT count(*) FROM plan WHERE id != (SELECT plan_id FROM task WHERE id = ?)",
            [task_id],
        ).fetchone()[0]
        if not others:
            self._hint(self.tr("没有其他计划可关联：请先导入或新建上级计划。"))
            return
        self._exec(_dialogs().LinkDialog(self.authoring, task_id, parent=self.window))

    @Slot()
    def unlink_task(self) -> None:
        if self._allowed() and (task_id := self.current_task()):
            self._run(self.authoring.link_task, task_id, None)

    @Slot()
    def delete_task(self) -> None:
        if not (self._allowed() and (task_id := self.current_task())):
            return
        db = self.window.store.db
        no, title = db.execute("SELECT no, title FROM task WHERE id = ?", [task_id]).fetchone()
        basis, ok = QInputDialog.getText(
            self.window,
            self.tr("删除任务"),
            self.tr(
                "删除任务 {0}“{1}”（已有里程碑或填报的任务将归档保留）。\n依据（可不填）："
            ).format(no, title),
        )
        if not ok:
            return
        try:
            removal = self.authoring.delete_task(task_id, basis=basis)
        except UserError as exc:
            dialogs.show_error(self.window, exc)
            return
        if removal.archived:
            self._hint(self.tr("任务已有记录，已归档保留（可撤销）。"))
        else:
            self.window.detail.clear_task()
            self._hint(self.tr("已删除任务（可撤销）。"))

    @Slot()
    def new_unit(self) -> None:
        if not self._allowed():
            return
        name, ok = QInputDialog.getText(self.window, self.tr("新建单位"), self.tr("单位名称："))
        if not ok:
            return
        try:
            au.add_unit(self.window.store, name)
        except UserError as exc:
            dialogs.show_error(self.window, exc)

    @Slot()
    def update_from_revision(self) -> None:
        if not (self._allowed() and (plan_id := self.current_plan())):
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("选择修订版文件"),
            "",
            self.tr("计划文件 ({0})").format(FILE_FILTER),
        )
        if path:
            self.review_revision(plan_id, path)

    def review_revision(self, plan_id: str, path: str) -> Job:
        """Parse and compare off the GUI thread, then show the review dialog."""
        job = Job(
            self.window, _revision().revision_job, self.window.db_path, plan_id, path,
            label=self.tr("正在比较修订版…"),
        )  # fmt: skip
        job.succeeded.connect(self._show_revision)
        self._revision_job = job
        return job.start()

    def offer_revision(self, parsed: ParsedPlan) -> str:
        """Called by the import: a document whose header matches a stored plan but
        whose content differs. Returns "handled" (update offered, or cancelled),
        "new" (import as a plan of its own) or "import" (not a revision)."""
        store = self.window.store
        plan_id = rv.matching_plan(store, parsed)
        if plan_id is None:
            return "import"
        title, fingerprint = store.db.execute(
            "SELECT title, fingerprint FROM plan WHERE id = ?", [plan_id]
        ).fetchone()
        if fingerprint == parsed.fingerprint:
            return "import"
        diff = rv.diff_plan(store, plan_id, parsed)
        if not diff.changes:
            return "import"
        text = self.tr(
            "《{0}》已导入；这份文件的发文字号或标题与它相同，但内容有 {1} 处不同。\n"
            "更新已有计划（逐项审阅变化，里程碑和填报保留），还是作为新计划导入？"
        ).format(title, len(diff.changes))
        choice = choose_revision(self.window, text)
        if choice == "update" and self._allowed():
            self._show_revision(diff)
        return "new" if choice == "new" else "handled"

    @Slot(object)
    def _show_revision(self, diff: object) -> None:
        assert isinstance(diff, rv.PlanDiff)
        if not diff.changes:
            dialogs.show_info(self.window, self.tr("修订版与现有计划一致，没有需要更新的内容。"))
            return
        self.revision_dialog = _revision().RevisionDialog(self.window.store, diff, self.window)
        self.revision_dialog.accepted.connect(self._revision_applied)
        self.revision_dialog.open()  # window-modal, not a nested event loop

    @Slot()
    def _revision_applied(self) -> None:
        self._hint(self.tr("已采用 {0} 处变化。").format(self.revision_dialog.applied))

    @Slot(bool)
    def set_fold_lower(self, on: bool) -> None:
        """Show lower-level tasks right under their 上级任务 in the matrix."""
        if self.fold_action.isChecked() != on:
            self.fold_action.setChecked(on)  # toggled → here again
            return
        self.window.fold_lower = on
        self.window.reload_in_background()

    # -- matrix edit mode ---------------------------------------------------------------------

    @property
    def editing(self) -> bool:
        return self.edit_mode_action.isChecked()

    def set_edit_mode(self, on: bool) -> None:
        self.edit_mode_action.setChecked(on)
        self._edit_mode_toggled()

    @Slot()
    def _edit_mode_toggled(self) -> None:
        on = self.edit_mode_action.isChecked()
        if on and not self._allowed():
            self.edit_mode_action.setChecked(False)
            return
        self.edit_bar.setVisible(on)

    @Slot(QModelIndex)
    def _cell_clicked(self, index: QModelIndex) -> None:
        if not self.editing or not index.isValid() or index.column() < 1:
            return
        proxy = self.window.matrix_proxy
        source = proxy.mapToSource(index)
        unit_id = self.window.matrix_model.unit_id(source.column())
        item_id = index.siblingAtColumn(0).data(ITEM_ROLE)
        if not unit_id or not item_id:
            return
        role = next_role(index.data(CELL_ROLE) or "")
        try:
            self.authoring.set_unit_role(
                item_id, unit_id, role or None, basis=self.basis_edit.text()
            )
        except UserError as exc:
            dialogs.show_error(self.window, exc)


def install_authoring(window) -> AuthoringHub:  # noqa: ANN001 - MainWindow
    """Add the 计划 menu and the matrix edit mode to ``window`` (after coordination)."""
    hub = AuthoringHub(window)
    window.authoring = hub
    return hub
