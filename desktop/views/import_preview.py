"""Import a plan from the GUI: parse in the background, preview and correct, commit.

Flow (``ImportController``): choose a file → ``parse_document`` in a ``Job`` →
already imported? say so → otherwise ``ImportPreviewDialog`` (fix a unit name,
change a role, remove a unit; see the warnings and which units are new) →
导入 runs ``commit_plan`` in a ``Job``; 取消 writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.importer.model import ROLES, ParsedPlan
from desktop.models import queries
from desktop.models.qt.preview_models import (
    PlanEdits,
    PreviewAssignmentsModel,
    PreviewUnitsModel,
)
from desktop.models.qt.roles import role_label
from desktop.models.qt.text import with_note
from desktop.models.store import ImportResult, Store
from desktop.views import dialogs
from desktop.views.jobs import Job

FILE_FILTER = "*.txt *.html *.htm *.docx"


def parse_document(path: str) -> ParsedPlan:
    """Background job: parse a plan file (raises ``ImportFailed`` on bad input)."""
    from desktop.importer import parse_file

    return parse_file(Path(path))


def commit_plan(db_path: Path, parsed: ParsedPlan, as_new: bool = False) -> ImportResult:
    """Background job: write the corrected plan through the job's own ``Store``."""
    store = Store.open(db_path)
    try:
        return store.import_plan(parsed, as_new=as_new)
    finally:
        store.close()


class RoleDelegate(QStyledItemDelegate):
    """A combo box of 牵头 / 配合 / 责任 for the role column."""

    def createEditor(self, parent: QWidget, _option, _index) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        for role in ROLES:
            combo.addItem(role_label(role), role)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    return view


class ImportPreviewDialog(QDialog):
    """Shows a parsed plan and lets the user correct it before it is written."""

    #: The user pressed 导入: the corrected ``ParsedPlan``.
    commit_requested = Signal(object)

    def __init__(self, parsed: ParsedPlan, known_names: set[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入预览"))
        self.resize(1200, 760)
        self.parsed = parsed
        self.edits = PlanEdits(parsed, known_names, self)
        self.assignments = PreviewAssignmentsModel(self.edits, self)
        self.units = PreviewUnitsModel(self.edits, self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        #: Inline feedback on a refused edit (e.g. a blanked unit name).
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #b42318;")
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        self.assignment_view = _table(self.assignments)
        self.assignment_view.setItemDelegateForColumn(
            PreviewAssignmentsModel.ROLE, RoleDelegate(self.assignment_view)
        )
        self.assignment_view.horizontalHeader().setSectionResizeMode(
            PreviewAssignmentsModel.TEXT, QHeaderView.ResizeMode.Stretch
        )
        self.remove_button = QPushButton(self.tr("删除所选单位"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.unit_view = _table(self.units)
        self.unit_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.warnings = QPlainTextEdit()
        self.warnings.setReadOnly(True)
        self.warnings.setPlainText("\n".join(parsed.warnings) or self.tr("（无）"))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("分工（双击单位或职责可修改）：")))
        left_layout.addWidget(self.assignment_view)
        row = QHBoxLayout()
        row.addWidget(self.remove_button)
        row.addStretch(1)
        left_layout.addLayout(row)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("单位（双击改名，所有出现处一并修改）：")))
        right_layout.addWidget(self.unit_view, 3)
        right_layout.addWidget(QLabel(self.tr("警告：")))
        right_layout.addWidget(self.warnings, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([760, 440])

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            self.tr("导入"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(
            self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self._commit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.edits.changed.connect(self._update_summary)
        self.edits.changed.connect(self.status_label.hide)
        self.edits.refused.connect(self._show_refusal)
        self._update_summary()

    @Slot()
    def _update_summary(self) -> None:
        p = self.parsed
        items = sum(len(t.items) for t in p.tasks)
        targets = sum(len(t.targets) for t in p.tasks)
        head = with_note(p.title, p.doc_no) if p.doc_no else p.title
        self.summary.setText(
            self.tr(
                "{head}\n章节 {sections} 个，任务 {tasks} 项，工作项 {items} 个，"
                "单位 {units} 个（其中新单位 {new} 个），量化目标 {targets} 个，警告 {warnings} 条。"
            ).format(
                head=head,
                sections=len(p.sections),
                tasks=len(p.tasks),
                items=items,
                units=self.units.rowCount(),
                new=self.units.new_count(),
                targets=targets,
                warnings=len(p.warnings),
            )
        )

    @Slot(str)
    def _show_refusal(self, message: str) -> None:
        self.status_label.setText(message)
        self.status_label.show()

    @Slot()
    def remove_selected(self) -> None:
        rows = sorted(
            {index.row() for index in self.assignment_view.selectionModel().selectedRows()},
            reverse=True,
        )
        for row in rows:
            self.assignments.removeRow(row)

    @Slot()
    def _commit(self) -> None:
        self.import_button.setEnabled(False)
        self.commit_requested.emit(self.parsed)


class ImportController(QObject):
    """Drives an import from the main window; see the module docstring."""

    #: A plan was written (the ``ImportResult``).
    imported = Signal(object)
    #: The flow ended (imported, cancelled, failed or nothing to do).
    done = Signal()

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ImportPreviewDialog | None = None
        self.job: Job | None = None
        self.as_new = False  # import a revised version as a plan of its own

    @Slot()
    def choose_and_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("导入计划"),
            "",
            self.tr("计划文件 ({0});;所有文件 (*)").format(FILE_FILTER),
        )
        if path:
            self.import_file(path)

    def import_file(self, path: str | Path) -> Job:
        """Parse ``path`` in the background, then show the preview."""
        job = Job(self.window, parse_document, str(path), label=self.tr("正在解析计划…"))
        job.succeeded.connect(self._parsed)
        job.failed.connect(self._parse_failed)
        job.cancelled.connect(self._ended)
        self.job = job
        return job.start()

    @Slot(object)
    def _parsed(self, parsed: object) -> None:
        assert isinstance(parsed, ParsedPlan)
        store: Store = self.window.store
        # A revised version of a stored plan: update it (reviewed diff) or import as new.
        authoring = getattr(self.window, "authoring", None)
        choice = authoring.offer_revision(parsed) if authoring is not None else "import"
        if choice == "handled":
            self.done.emit()
            return
        self.as_new = choice == "new"
        if not self.as_new and store.find_existing_plan(parsed):
            dialogs.show_info(self.window, self.tr("该计划已导入，未做更改。"))
            self.done.emit()
            return
        known: set[str] = set()
        for unit in queries.unit_summaries(store.db):
            known.add(unit["name"])
            known.update(unit["aliases"])
        self.dialog = ImportPreviewDialog(parsed, known, self.window)
        self.dialog.commit_requested.connect(self._commit)
        self.dialog.rejected.connect(self._preview_cancelled)
        self.dialog.open()

    @Slot(object)
    def _commit(self, parsed: object) -> None:
        job = Job(
            self.window,
            commit_plan,
            self.window.db_path,
            parsed,
            self.as_new,
            label=self.tr("正在导入…"),
            cancellable=False,
        )
        job.succeeded.connect(self._committed)
        job.failed.connect(self._commit_failed)
        self.job = job
        job.start()

    @Slot(object)
    def _committed(self, result: object) -> None:
        assert isinstance(result, ImportResult)
        self._close_dialog()
        if not result.created:
            dialogs.show_info(self.window, self.tr("该计划已导入，未做更改。"))
        else:
            self.window.notify_store_changed("import_plan")
            c = result.counts
            self.window.statusBar().showMessage(
                self.tr("已导入“{0}”：任务 {1} 项，工作项 {2} 个，新单位 {3} 个。").format(
                    result.title, c.get("tasks", 0), c.get("items", 0), c.get("units_new", 0)
                ),
                10000,
            )
            self.imported.emit(result)
        self.done.emit()

    @Slot(object)
    def _commit_failed(self, _exc: object) -> None:
        if self.dialog is not None:
            self.dialog.import_button.setEnabled(True)  # message shown by the job

    @Slot()
    def _preview_cancelled(self) -> None:
        self._close_dialog()
        self.done.emit()

    @Slot(object)
    def _parse_failed(self, _exc: object) -> None:
        self.done.emit()  # the job already showed the message

    @Slot()
    def _ended(self) -> None:
        self.done.emit()

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.rejected.disconnect(self._preview_cancelled)
            dialog.accept()
            dialog.deleteLater()
