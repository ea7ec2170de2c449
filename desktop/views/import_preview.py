"""Import a plan from the GUI: parse in the background, preview and correct, commit.

Flow (``ImportController``): choose a file → ``parse_document`` in a ``Job`` →
already imported? say so → otherwise ``ImportPreviewDialog`` (pick the
numbering level that holds the tasks, fix a unit name, change a role, remove a
unit, accept a suggested merge such as 市发改委 = 市发展和改革委员会; see the
warnings and which units are new; tick a suggested 上级任务 — a task of another
plan whose text closely matches, looked up in a background ``QueryOp``) → 导入 runs
``commit_plan`` as an ``Op``, the ticked links in the import's transaction;
取消 writes nothing. The dialog fits a 1366×768 screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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

from desktop.errors import ImportFailed
from desktop.importer.model import ROLES, ParsedPlan
from desktop.importer.outline import STYLE_LABELS
from desktop.models import queries
from desktop.models.qt.domain_text import domain, error_text
from desktop.models.qt.link_suggestions_model import LinkSuggestionsModel
from desktop.models.qt.preview_models import (
    MergeSuggestionsModel,
    PlanEdits,
    PreviewAssignmentsModel,
    PreviewUnitsModel,
)
from desktop.models.qt.roles import role_label
from desktop.models.qt.text import join_fields, with_note
from desktop.models.store import ImportResult, Store
from desktop.views import dialogs
from desktop.views.jobs import Job
from desktop.views.ops import Changes, Op, QueryOp

FILE_FILTER = "*.txt *.html *.htm *.docx *.doc *.wps *.pdf *.xlsx *.csv"


def parse_document(path: str, columns: dict[str, int] | None = None) -> ParsedPlan:
    """Background job: parse a plan file (raises ``ImportFailed`` on bad input)."""
    from desktop.importer import parse_file

    return parse_file(Path(path), columns=columns)


def commit_plan(
    store: Store,
    parsed: ParsedPlan,
    deadline_milestones: bool = False,
    as_new: bool = False,
    links: dict[int, str] | None = None,
) -> Changes:
    """Op body: write the corrected plan (and the ticked 上级任务 links, in the same
    transaction) through the worker's own ``Store`` (nothing changed when the same
    plan was imported before)."""
    result = store.import_plan(
        parsed, deadline_milestones=deadline_milestones, as_new=as_new, links=links
    )
    return Changes(result, changed=result.created)


def link_suggestions(store: Store, parsed: ParsedPlan) -> tuple[ParsedPlan, list[dict]]:
    """Query op body: tasks of ``parsed`` that closely match a task of a stored plan
    (上级任务 candidates), with the ``parsed`` they were computed for."""
    from desktop.models.authoring_queries import suggest_links_for_parsed

    return parsed, suggest_links_for_parsed(store.db, parsed)


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


# The level combo's entry for the automatic choice when it differs part by part.
_PER_PART = "parts"


class ImportPreviewDialog(QDialog):
    """Shows a parsed plan and lets the user correct it before it is written."""

    #: The user pressed 导入: the corrected ``ParsedPlan``.
    commit_requested = Signal(object)
    #: The plan was parsed again (another task level): the new ``ParsedPlan``.
    reparsed = Signal(object)

    def __init__(self, parsed: ParsedPlan, known_names: set[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入预览"))
        self._fit_screen(1200, 760)
        self.parsed = parsed
        self.edits = PlanEdits(parsed, known_names, self)
        self.assignments = PreviewAssignmentsModel(self.edits, self)
        self.units = PreviewUnitsModel(self.edits, self)
        self.merges = MergeSuggestionsModel(self.edits, self)
        #: 上级任务 suggestions (filled by the controller's background job).
        self.links = LinkSuggestionsModel(self)
        #: The numbering level that holds the tasks (一、 / （一） / 1. / （1） …).
        self.level_combo = QComboBox()
        #: The automatic parse's levels part by part, when its parts differ (kept while
        #: the user tries a single level, so that the choice can be taken back).
        self._part_levels = self._describe_parts(parsed)
        self.level_note = QLabel()
        self.level_note.setWordWrap(True)
        self._fill_levels()
        self.level_combo.currentIndexChanged.connect(self._level_chosen)
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
        self.merge_view = _table(self.merges)
        self.merge_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.merge_view.horizontalHeader().setSectionResizeMode(
            MergeSuggestionsModel.SAME_AS, QHeaderView.ResizeMode.Stretch
        )
        self.merge_button = QPushButton(self.tr("合并所选（改用右侧名称）"))
        self.merge_button.clicked.connect(self.merge_selected)
        self.warnings = QPlainTextEdit()
        self.warnings.setReadOnly(True)
        self._show_warnings()
        self.link_label = QLabel(
            self.tr("可能对应的上级任务（内容相近；勾选的随导入一并关联，不勾选则不关联）：")
        )
        self.link_label.setWordWrap(True)
        self.link_view = _table(self.links)
        self.link_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.link_view.horizontalHeader()
        for column in (LinkSuggestionsModel.TASK, LinkSuggestionsModel.PARENT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.set_link_suggestions([])
        #: Turn each task's 完成时限 into a milestone when importing.
        self.deadline_check = QCheckBox()
        self._update_deadline_check()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("分工（双击单位或职责可修改）：")))
        left_layout.addWidget(self.assignment_view, 3)
        row = QHBoxLayout()
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(self.deadline_check)
        left_layout.addLayout(row)
        left_layout.addWidget(self.link_label)
        left_layout.addWidget(self.link_view, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("单位（双击改名，所有出现处一并修改）：")))
        right_layout.addWidget(self.unit_view, 3)
        right_layout.addWidget(QLabel(self.tr("可能是同一单位（不会自动合并，请核对后选择）：")))
        right_layout.addWidget(self.merge_view, 1)
        merge_row = QHBoxLayout()
        merge_row.addWidget(self.merge_button)
        merge_row.addStretch(1)
        right_layout.addLayout(merge_row)
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
        level_row = QHBoxLayout()
        level_row.addWidget(QLabel(self.tr("任务所在的编号层级：")))
        level_row.addWidget(self.level_combo)
        level_row.addWidget(self.level_note, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(level_row)
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

    def _fit_screen(self, width: int, height: int) -> None:
        """Open at ``width``×``height`` or 90 % of the screen, whichever is smaller."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            width = min(width, int(area.width() * 0.9))
            height = min(height, int(area.height() * 0.9))
        self.resize(width, height)

    def _describe_parts(self, parsed: ParsedPlan) -> str:
        """第二部分为“1.”；其余为“（一）”: the levels of an automatic parse whose parts differ."""
        if not parsed.part_styles:
            return ""
        shown = [
            self.tr("第{0}部分为“{1}”").format(key, STYLE_LABELS.get(style, style))
            for key, style in parsed.part_styles.items()
        ]
        main = STYLE_LABELS.get(parsed.task_style, parsed.task_style)
        return join_fields([*shown, self.tr("其余为“{0}”").format(main)])

    def _fill_levels(self) -> None:
        self.level_combo.blockSignals(True)
        self.level_combo.clear()
        if self._part_levels:
            # The automatic choice, a level per part: picking one level below applies it
            # to every part; picking this entry again goes back.
            self.level_combo.addItem(
                self.tr("按部分识别：{0}").format(self._part_levels), _PER_PART
            )
        for style, count, attributed in self.parsed.outline:
            self.level_combo.addItem(
                self.tr("“{0}”（{1} 个条目，{2} 个标注了单位）").format(
                    STYLE_LABELS.get(style, style), count, attributed
                ),
                style,
            )
            samples = self.parsed.outline_samples.get(style, [])
            self.level_combo.setItemData(
                self.level_combo.count() - 1,
                "\n".join(samples) + ("\n…" if count > len(samples) else ""),
                Qt.ItemDataRole.ToolTipRole,
            )
        current = _PER_PART if self.parsed.part_styles else self.parsed.task_style
        self.level_combo.setCurrentIndex(max(self.level_combo.findData(current), 0))
        self.level_combo.blockSignals(False)
        attributed_levels = sum(1 for _s, _c, a in self.parsed.outline if a)
        self.level_note.setText(
            self.tr("文档中不止一个编号层级标注了单位，请确认任务所在的层级。")
            if attributed_levels > 1
            else ""
        )

    def _update_deadline_check(self) -> None:
        count = sum(1 for task in self.parsed.tasks if task.deadline)
        self.deadline_check.setText(
            self.tr("把完成时限设为里程碑（{0} 项任务写明了完成时限）").format(count)
        )
        self.deadline_check.setEnabled(count > 0)
        if not count:
            self.deadline_check.setChecked(False)

    def set_link_suggestions(self, rows: list[dict]) -> None:
        """Show the 上级任务 suggestions (the table only appears when there are some)."""
        self.links.set_suggestions(rows)
        for widget in (self.link_label, self.link_view):
            widget.setVisible(bool(rows))

    def _show_warnings(self) -> None:
        self.warnings.setPlainText(
            "\n".join(domain(w) for w in self.parsed.warnings) or self.tr("（无）")
        )

    @Slot(int)
    def _level_chosen(self, index: int) -> None:
        style = self.level_combo.itemData(index)
        current = _PER_PART if self.parsed.part_styles else self.parsed.task_style
        if not style or style == current:
            return
        from desktop.importer import parse_text

        try:
            parsed = parse_text(
                self.parsed.source_text,
                self.parsed.source_name,
                task_style="" if style == _PER_PART else str(style),
            )
        except ImportFailed as exc:
            self._show_refusal(error_text(exc))
            self._fill_levels()  # back to the level in use
            return
        self.parsed = parsed
        self.edits.replace_plan(parsed)
        self._fill_levels()
        self._show_warnings()
        self._update_deadline_check()
        self.set_link_suggestions([])  # they named the tasks of the old parse
        self.reparsed.emit(parsed)

    @Slot()
    def merge_selected(self) -> None:
        rows = sorted(
            {index.row() for index in self.merge_view.selectionModel().selectedRows()},
            reverse=True,
        )
        suggestions = [self.merges.suggestion(row) for row in rows]
        for suggestion in suggestions:
            self.edits.rename_everywhere(suggestion.name, suggestion.same_as)

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
        self.path = ""
        #: Open while the user maps the columns of an unrecognised task sheet.
        self.mapping_dialog = None
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

    def import_file(self, path: str | Path, columns: dict[str, int] | None = None) -> Job:
        """Parse ``path`` in the background, then show the preview.

        A task sheet whose headers are not recognised asks for the meaning of
        its columns (``ColumnMappingDialog``) and is parsed again with them.
        """
        self.path = str(path)
        job = Job(
            self.window,
            parse_document,
            str(path),
            columns,
            label=self.tr("正在解析计划…"),
            show_errors=False,
        )
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
        self.dialog.reparsed.connect(self._suggest_links)
        self.dialog.open()
        self._suggest_links(parsed)

    @Slot(object)
    def _suggest_links(self, parsed: object) -> None:
        """Look for 上级任务 candidates in the background; the preview shows them."""
        job = QueryOp(
            self.window,
            link_suggestions,
            parsed,
            quiet=True,
            show_errors=False,
        )
        job.succeeded.connect(self._links_suggested)
        job.start()

    @Slot(object)
    def _links_suggested(self, result: object) -> None:
        parsed, rows = result  # type: ignore[misc]
        if self.dialog is not None and self.dialog.parsed is parsed:  # not re-parsed since
            self.dialog.set_link_suggestions(rows)

    @Slot(object)
    def _commit(self, parsed: object) -> None:
        milestones = self.dialog is not None and self.dialog.deadline_check.isChecked()
        links = self.dialog.links.chosen() if self.dialog is not None else {}
        job = Op(
            self.window,
            commit_plan,
            parsed,
            milestones,
            self.as_new,
            links,
            action="import_plan",  # every page reloads once
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
            c = result.counts
            message = self.tr("已导入“{0}”：任务 {1} 项，工作项 {2} 个，新单位 {3} 个。").format(
                result.title, c.get("tasks", 0), c.get("items", 0), c.get("units_new", 0)
            )
            if c.get("links"):
                message += self.tr("关联上级任务 {0} 项。").format(c["links"])
            self.window.statusBar().showMessage(message, 10000)
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
    def _parse_failed(self, exc: object) -> None:
        from desktop.importer.formats import ColumnsNotRecognised

        if isinstance(exc, ColumnsNotRecognised):
            from desktop.views.column_mapping import ColumnMappingDialog

            mapping = ColumnMappingDialog(exc.headers, self.window)
            self.mapping_dialog = mapping
            mapping.accepted.connect(lambda: self.import_file(self.path, mapping.columns()))
            mapping.rejected.connect(self.done.emit)
            mapping.open()
            return
        if isinstance(exc, BaseException):
            dialogs.show_error(self.window, exc)
        self.done.emit()

    @Slot()
    def _ended(self) -> None:
        self.done.emit()

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.rejected.disconnect(self._preview_cancelled)
            dialog.accept()
            dialog.deleteLater()
