"""The 打印/导出 dialog: options → background generation → preview → 打印 / 另存为.

Left: the document (督查通报, 单位工作单, 任务督办单, 督办通知单, 任务落实台账,
单位填报表) and its options. 生成 runs ``requests.build_document`` as a
``jobs.Job`` (progress dialog with 取消) into a private temporary folder; a PDF
is then shown in a ``QPdfView`` (all pages, fit to width), Excel files are
summarised. 打印… opens the print dialog and prints the pages at the printer's
resolution (``printing.print_pdf``); 另存为 copies the generated file (PDF,
Excel) or generates the Word version in the background.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from desktop import documents
from desktop.errors import UserError
from desktop.models.qt.check_list import CheckListModel
from desktop.models.qt.domain_text import domain
from desktop.views import dialogs
from desktop.views import settings as settings_schema
from desktop.views.documents.printing import print_pdf
from desktop.views.jobs import Job

ISSUER_SETTING = "documents/issuer"
CONFIDENTIALITY_SETTING = "documents/confidentiality"
COLOURS_SETTING = "documents/colour_scheme"


def dialog_size(preferred: tuple[int, int] = (1240, 820)) -> tuple[int, int]:
    """The preferred size, shrunk to 92 % of the available screen (1366×768 fits)."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return preferred
    area = screen.availableGeometry()
    return (
        min(preferred[0], int(area.width() * 0.92)),
        min(preferred[1], int(area.height() * 0.92)),
    )


class DocumentDialog(QDialog):
    """``DocumentDialog(db, db_path, kind="overview")`` — see the module doc."""

    def __init__(
        self, db: Database, db_path: Path, kind: str = "overview", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.db_path = Path(db_path)
        self.setWindowTitle(self.tr("打印/导出"))
        self.setObjectName("documentDialog")
        self._temp = tempfile.TemporaryDirectory(prefix="liandong-doc-")
        self._counter = 0
        self.result: documents.DocumentResult | None = None
        self.job: Job | None = None
        self.document = QPdfDocument(self)
        self._build()
        self._load_choices()
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        self._kind_changed()
        self.resize(*dialog_size())

    # -- building ------------------------------------------------------------------

    def _build(self) -> None:
        self.kind_combo = QComboBox()
        for kind, label in (
            ("overview", self.tr("督查通报（会议总览）")),
            ("unit", self.tr("单位工作单")),
            ("task", self.tr("任务督办单")),
            ("notice", self.tr("督办/催报通知单")),
            (documents.LEDGER, self.tr("任务落实台账（Excel）")),
            (documents.FILL_SHEET, self.tr("单位进展填报表（Excel）")),
        ):
            self.kind_combo.addItem(label, kind)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.plan_combo = QComboBox()
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.task_combo = QComboBox()
        self.task_combo.setMinimumContentsLength(16)
        self.task_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.units_model = CheckListModel(self)
        self.units_view = QListView()
        self.units_view.setModel(self.units_model)
        self.units_view.setMinimumHeight(120)
        self.units_all = QPushButton(self.tr("全选"))
        self.units_none = QPushButton(self.tr("全不选"))
        self.units_all.clicked.connect(self._check_all_units)
        self.units_none.clicked.connect(self._uncheck_all_units)
        units_box = QWidget()
        units_layout = QVBoxLayout(units_box)
        units_layout.setContentsMargins(0, 0, 0, 0)
        units_layout.addWidget(self.units_view)
        units_buttons = QHBoxLayout()
        units_buttons.addWidget(self.units_all)
        units_buttons.addWidget(self.units_none)
        units_buttons.addStretch(1)
        units_layout.addLayout(units_buttons)
        units_hint = QLabel(self.tr("不勾选即为全部有任务的单位。"))
        units_hint.setWordWrap(True)
        units_layout.addWidget(units_hint)
        self.units_box = units_box
        self.unit_combo = QComboBox()
        self.period_edit = QDateEdit(QDate.currentDate())
        self.period_edit.setDisplayFormat("yyyy-MM")
        self.by_combo = QComboBox()
        self.by_combo.addItem(self.tr("按章节分表"), "section")
        self.by_combo.addItem(self.tr("按单位分表"), "unit")
        self.done_check = QCheckBox(self.tr("包含已办结事项"))
        self.confidentiality_edit = QLineEdit(settings_schema.get(CONFIDENTIALITY_SETTING))
        self.confidentiality_edit.setPlaceholderText(self.tr("如：内部资料 注意保存"))
        self.confidentiality_edit.setMaxLength(200)
        self.issuer_edit = QLineEdit(settings_schema.get(ISSUER_SETTING))
        self.issuer_edit.setPlaceholderText(self.tr("如：市政府督查室"))
        self.issuer_edit.setMaxLength(200)
        self.colour_combo = QComboBox()
        self.colour_combo.addItem(self.tr("红黄绿（红＝逾期）"), "red-yellow-green")
        self.colour_combo.addItem(self.tr("蓝黄红（红＝逾期未办结）"), "blue-yellow-red")
        self.colour_combo.setCurrentIndex(
            max(0, self.colour_combo.findData(settings_schema.get(COLOURS_SETTING)))
        )
        self.requirements_edit = QPlainTextEdit()
        self.requirements_edit.setPlaceholderText(self.tr("工作要求（写入本期通报）"))
        self.requirements_edit.setMinimumHeight(80)
        self.generate_button = QPushButton(self.tr("生成"))
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow(self.tr("材料："), self.kind_combo)
        self.form.addRow(self.tr("计划："), self.plan_combo)
        self.form.addRow(self.tr("会议日期："), self.date_edit)
        self.form.addRow(self.tr("任务："), self.task_combo)
        self.form.addRow(self.tr("参会单位："), self.units_box)
        self.form.addRow(self.tr("填报单位："), self.unit_combo)
        self.form.addRow(self.tr("填报期："), self.period_edit)
        self.form.addRow(self.tr("分表："), self.by_combo)
        self.form.addRow("", self.done_check)
        self.form.addRow(self.tr("密级标识："), self.confidentiality_edit)
        self.form.addRow(self.tr("发文单位："), self.issuer_edit)
        self.form.addRow(self.tr("状态颜色："), self.colour_combo)
        self.form.addRow(self.tr("工作要求："), self.requirements_edit)
        options = QWidget()
        options_layout = QVBoxLayout(options)
        options_layout.addLayout(self.form)
        options_layout.addWidget(self.generate_button)
        options_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(options)
        # as wide as the options need (longer labels in English), never a side scroll
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(options.minimumSizeHint().width() + bar + 4)

        self.info_label = QLabel(self.tr("选择材料和选项，然后点“生成”。"))
        self.info_label.setWordWrap(True)
        self.info_label.setObjectName("documentInfo")
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_pdf_button = QPushButton(self.tr("另存为 PDF…"))
        self.save_pdf_button.clicked.connect(self.save_pdf)
        self.save_word_button = QPushButton(self.tr("另存为 Word…"))
        self.save_word_button.clicked.connect(self.save_word)
        self.save_excel_button = QPushButton(self.tr("另存为 Excel…"))
        self.save_excel_button.clicked.connect(self.save_excel)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (
            self.print_button,
            self.save_pdf_button,
            self.save_word_button,
            self.save_excel_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.info_label)
        preview_layout.addWidget(self.view, 1)
        preview_layout.addStretch(0)  # takes the room while an Excel result hides the view
        preview_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(preview)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([max(380, scroll.minimumWidth()), 860])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._update_buttons()

    def _load_choices(self) -> None:
        db = self.db
        self.plan_combo.addItem(self.tr("全部计划"), None)
        for plan_id, title, doc_no in db.execute(
            "SELECT id, title, doc_no FROM plan ORDER BY imported_at, title"
        ):
            self.plan_combo.addItem(doc_no or title, plan_id)
            self.plan_combo.setItemData(
                self.plan_combo.count() - 1, title, Qt.ItemDataRole.ToolTipRole
            )
        several = self.plan_combo.count() > 2
        for task_id, no, title, doc_no in db.execute(
            "SELECT t.id, t.no, t.title, p.doc_no FROM task t JOIN plan p ON p.id = t.plan_id"
            " ORDER BY p.imported_at, t.no"
        ):
            prefix = f"{doc_no} " if several and doc_no else ""
            self.task_combo.addItem(prefix + self.tr("任务{0} {1}").format(no, title), task_id)
        units = db.execute(
            "SELECT u.id, u.name FROM unit u WHERE u.kind != 'group' AND EXISTS"
            " (SELECT 1 FROM assignment a WHERE a.unit_id = u.id) ORDER BY u.name"
        ).fetchall()
        self.units_model.set_entries([(unit_id, name) for unit_id, name in units])
        for unit_id, name in units:
            self.unit_combo.addItem(name, unit_id)

    # -- state -----------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    @Slot()
    def _kind_changed(self) -> None:
        kind = self.kind
        visible = {
            self.date_edit: kind in documents.BRIEFING_KINDS,
            self.task_combo: kind == "task",
            self.units_box: kind in ("unit", "notice"),
            self.unit_combo: kind == documents.FILL_SHEET,
            self.period_edit: kind == documents.FILL_SHEET,
            self.by_combo: kind == documents.LEDGER,
            self.done_check: kind in ("overview", "unit", "notice"),
            self.confidentiality_edit: kind in documents.BRIEFING_KINDS,
            self.issuer_edit: kind in documents.BRIEFING_KINDS,
            self.colour_combo: kind in documents.BRIEFING_KINDS,
            self.requirements_edit: kind == "overview",
        }
        for widget, shown in visible.items():
            self.form.setRowVisible(widget, shown)
        self.generate_button.setText(
            self.tr("生成 Excel") if kind in documents.EXCEL_KINDS else self.tr("生成预览")
        )

    def _update_buttons(self) -> None:
        result = self.result
        pdf = result is not None and result.fmt == "pdf"
        self.print_button.setEnabled(pdf and self.document.pageCount() > 0)
        self.save_pdf_button.setEnabled(pdf)
        self.save_word_button.setEnabled(pdf and result.kind in documents.WORD_KINDS)
        self.save_excel_button.setEnabled(result is not None and result.fmt == "xlsx")
        self.save_pdf_button.setVisible(result is None or result.fmt != "xlsx")
        self.print_button.setVisible(result is None or result.fmt != "xlsx")
        self.save_word_button.setVisible(result is None or result.fmt != "xlsx")
        self.save_excel_button.setVisible(result is not None and result.fmt == "xlsx")
        self.view.setVisible(result is None or result.fmt != "xlsx")

    @Slot()
    def _check_all_units(self) -> None:
        self.units_model.set_all(True)

    @Slot()
    def _uncheck_all_units(self) -> None:
        self.units_model.set_all(False)

    def request(self) -> documents.DocumentRequest:
        """The current options as a ``DocumentRequest``."""
        kind = self.kind
        plan_id = self.plan_combo.currentData()
        qdate = self.date_edit.date()
        period = self.period_edit.date()
        units = None
        if kind in ("unit", "notice"):
            units = self.units_model.checked_ids() or None
        elif kind == documents.FILL_SHEET:
            units = [self.unit_combo.currentData()] if self.unit_combo.currentData() else None
        return documents.DocumentRequest(
            kind=kind,
            plan_ids=[plan_id] if plan_id else None,
            unit_ids=units,
            task_id=self.task_combo.currentData() if kind == "task" else None,
            meeting_date=date(qdate.year(), qdate.month(), qdate.day()),
            include_done=self.done_check.isChecked(),
            confidentiality=self.confidentiality_edit.text().strip(),
            issuer=self.issuer_edit.text().strip(),
            colour_scheme=str(self.colour_combo.currentData()),
            requirements=self.requirements_edit.toPlainText().strip(),
            ledger_by=str(self.by_combo.currentData()),
            period=f"{period.year():04d}-{period.month():02d}",
        )

    def _remember(self) -> None:
        settings_schema.put(ISSUER_SETTING, self.issuer_edit.text().strip())
        settings_schema.put(CONFIDENTIALITY_SETTING, self.confidentiality_edit.text().strip())
        settings_schema.put(COLOURS_SETTING, str(self.colour_combo.currentData() or ""))

    def _temp_path(self, suffix: str) -> Path:
        self._counter += 1
        return Path(self._temp.name) / f"document-{self._counter}{suffix}"

    # -- generating ----------------------------------------------------------------------

    @Slot()
    def generate(self) -> Job | None:
        """Generate the chosen document in the background (a PDF is then previewed)."""
        if self.job is not None:
            return None
        request = self.request()
        self._remember()
        suffix = ".xlsx" if request.is_excel else ".pdf"
        fmt = "xlsx" if request.is_excel else "pdf"
        self.generate_button.setEnabled(False)
        self.info_label.setText(self.tr("正在生成…"))
        job = Job(
            self,
            documents.build_document,
            self.db_path,
            request,
            self._temp_path(suffix),
            fmt,
            label=self.tr("正在生成“{0}”…").format(self.kind_combo.currentText()),
            pass_progress=True,
        )
        job.succeeded.connect(self._generated)
        job.failed.connect(self._generation_failed)
        job.cancelled.connect(self._generation_cancelled)
        job.finished.connect(self._job_finished)
        self.job = job
        return job.start()

    @Slot(object)
    def _generated(self, result: object) -> None:
        assert isinstance(result, documents.DocumentResult)
        self.result = result
        self.document.close()
        if result.fmt == "pdf":
            self.document.load(str(result.path))
            self.view.setDocument(self.document)
            text = self.tr("已生成“{0}”：{1}").format(self.kind_combo.currentText(), result.summary)
        else:
            text = self.tr(
                "已生成“{0}”：{1}。Excel 文件不能在此预览，请点“另存为 Excel…”。"
            ).format(self.kind_combo.currentText(), result.summary)
        if result.warnings:
            text += "\n" + "\n".join(domain(w) for w in result.warnings)
        self.info_label.setText(text)
        self._update_buttons()

    @Slot(object)
    def _generation_failed(self, _exc: object) -> None:
        self.info_label.setText(self.tr("生成失败，请检查选项后重试。"))

    @Slot()
    def _generation_cancelled(self) -> None:
        self.info_label.setText(self.tr("已取消生成。"))

    @Slot()
    def _job_finished(self) -> None:
        self.job = None
        self.generate_button.setEnabled(True)

    # -- printing -----------------------------------------------------------------------

    @Slot()
    def print_with_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._doc_name())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印"))
        dialog.setMinMax(1, max(1, self.document.pageCount()))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def _doc_name(self) -> str:
        return self.kind_combo.currentText()

    def print_to(self, printer: QPrinter) -> int:
        """Print the previewed PDF on ``printer`` (with a progress dialog); returns pages."""
        if not printer.docName():
            printer.setDocName(self._doc_name())
        progress = QProgressDialog(self.tr("正在打印…"), self.tr("取消"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(600)

        def step(done: int, total: int) -> bool:
            progress.setMaximum(total)
            progress.setValue(done)
            progress.setLabelText(self.tr("正在打印第 {0}/{1} 页…").format(done + 1, total))
            QGuiApplication.processEvents()
            return not progress.wasCanceled()

        try:
            pages = print_pdf(self.document, printer, step)
        except UserError as err:
            dialogs.show_error(self, err)
            return 0
        finally:
            progress.close()
            progress.deleteLater()
        self.info_label.setText(
            self.tr("已发送 {0} 页到打印机“{1}”。").format(
                pages, printer.printerName() or printer.outputFileName()
            )
        )
        return pages

    # -- saving ----------------------------------------------------------------------------

    def _ask_path(self, title: str, name: str, pattern: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title, name, pattern)
        return path

    def _copy_result(self, target: str) -> None:
        assert self.result is not None
        try:
            shutil.copyfile(self.result.path, target)
        except OSError as exc:
            dialogs.show_error(
                self,
                UserError(
                    self.tr("无法保存到 {0}：文件可能正被其他程序打开，或没有写入权限。").format(
                        target
                    ),
                    detail=str(exc),
                ),
            )
            return
        self.info_label.setText(self.tr("已保存到 {0}").format(target))

    @Slot()
    def save_pdf(self) -> None:
        path = self._ask_path(
            self.tr("另存为 PDF"), self._doc_name() + ".pdf", self.tr("PDF 文件 (*.pdf)")
        )
        if path:
            self._copy_result(path)

    @Slot()
    def save_excel(self) -> None:
        path = self._ask_path(
            self.tr("另存为 Excel"), self._doc_name() + ".xlsx", self.tr("Excel 文件 (*.xlsx)")
        )
        if path:
            self._copy_result(path)

    @Slot()
    def save_word(self) -> Job | None:
        path = self._ask_path(
            self.tr("另存为 Word"), self._doc_name() + ".docx", self.tr("Word 文件 (*.docx)")
        )
        if not path or self.job is not None:
            return None
        job = Job(
            self,
            documents.build_document,
            self.db_path,
            self.request(),
            Path(path),
            "docx",
            label=self.tr("正在生成 Word 文件…"),
            pass_progress=True,
        )
        job.succeeded.connect(self._word_saved)
        job.finished.connect(self._job_finished)
        self.job = job
        return job.start()

    @Slot(object)
    def _word_saved(self, result: object) -> None:
        assert isinstance(result, documents.DocumentResult)
        self.info_label.setText(self.tr("已保存到 {0}").format(result.path))

    # -- closing ---------------------------------------------------------------------------

    def done(self, code: int) -> None:
        if self.job is not None:
            self.job.cancel()
        self.document.close()
        super().done(code)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.document.close()
        super().closeEvent(event)

    @Slot()
    def cleanup(self) -> None:
        """Remove the temporary files (after the dialog is gone)."""
        self.document.close()
        self._temp.cleanup()
