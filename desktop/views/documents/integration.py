"""Wire 打印/导出 into the main window: ``install_documents(window)``.

A 打印/导出 menu (before 帮助) and a toolbar button: 打印/导出材料… (Ctrl+P),
导出台账 (Excel)…, 生成填报表 (Excel)…, and 导入填报表… which imports one or many
filled sheets (one action, all or nothing) as an ``Op`` (its own store on a worker
thread; the pages are told once).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu

from desktop import documents
from desktop.errors import Message, UserError
from desktop.models.qt.domain_text import domain, error_text
from desktop.views import dialogs
from desktop.views.jobs import Job
from desktop.views.ops import Op

if TYPE_CHECKING:  # the dialog (QtPdf, QtPrintSupport) is imported when first opened
    from desktop.views.documents.dialog import DocumentDialog


def import_fill_sheets(store, paths: list[str]) -> Message:  # noqa: ANN001 - the worker's Store
    """Op body: import filled sheets (one action) through the worker's own store; what
    was imported (a ``Message``: shown in the GUI's language)."""
    from desktop.ledger.fill_batch import import_fill_sheets as import_sheets

    return import_sheets(store, paths).message


MESSAGE_LINES = 16  # lines of a refusal in the message box; all of them under 显示详细信息


def first_lines(text: str, limit: int = MESSAGE_LINES) -> list[str]:
    """At most ``limit`` lines of a long refusal for the message box: its heading, every
    refused file (a line not indented) with its first problem, then more problems in
    order as room allows."""
    lines = text.splitlines()
    structure = [
        i
        for i, line in enumerate(lines)
        if not line.startswith("  ") or (i > 0 and not lines[i - 1].startswith("  "))
    ]
    chosen = set(structure[:limit])
    for i in range(len(lines)):
        if len(chosen) >= limit:
            break
        chosen.add(i)
    return [lines[i] for i in sorted(chosen)]


class Documents(QObject):
    """The menu actions; one per main window (``window.documents``)."""

    def __init__(self, window) -> None:  # noqa: ANN001 - MainWindow (import cycle)
        super().__init__(window)
        self.window = window
        self.dialog: DocumentDialog | None = None
        menu = QMenu(self.tr("打印/导出(&P)"), window)
        menu.setObjectName("documentsMenu")
        bar = window.menuBar()
        bar.insertMenu(window.menu("help").menuAction(), menu)
        self.menu = menu
        self.print_action = QAction(self.tr("打印/导出材料…"), window)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.setToolTip(
            self.tr("督查通报、单位工作单、督办单、通知单、台账：预览、打印、另存为")
        )
        self.print_action.triggered.connect(self.open_dialog)
        self.ledger_action = QAction(self.tr("导出台账（Excel）…"), window)
        self.ledger_action.triggered.connect(self.open_ledger)
        self.fill_action = QAction(self.tr("生成填报表（Excel）…"), window)
        self.fill_action.triggered.connect(self.open_fill_sheet)
        self.import_action = QAction(self.tr("导入填报表…"), window)
        self.import_action.triggered.connect(self.choose_and_import)
        menu.addAction(self.print_action)
        menu.addSeparator()
        menu.addAction(self.ledger_action)
        menu.addAction(self.fill_action)
        menu.addAction(self.import_action)
        window.toolbar.insertAction(
            window.toolbar.actions()[2] if len(window.toolbar.actions()) > 2 else None,
            self.print_action,
        )

    def open_dialog(self, kind: str = "overview") -> DocumentDialog:
        if self.dialog is not None:
            self.dialog.close()
        from desktop.views.documents.dialog import DocumentDialog

        dialog = DocumentDialog(self.window.store.db, self.window.db_path, kind, self.window)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.show()
        return dialog

    @Slot()
    def _dialog_closed(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None:
            return
        if dialog.job is not None:  # cancelled by close: let the worker end first
            dialog.job.finished.connect(dialog.cleanup)
            dialog.job.finished.connect(dialog.deleteLater)
            return
        dialog.cleanup()
        dialog.deleteLater()

    @Slot()
    def open_ledger(self) -> DocumentDialog:
        return self.open_dialog(documents.LEDGER)

    @Slot()
    def open_fill_sheet(self) -> DocumentDialog:
        return self.open_dialog(documents.FILL_SHEET)

    @Slot()
    def choose_and_import(self) -> Job | None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window,
            self.tr("导入填报表（可选多个文件）"),
            "",
            self.tr("Excel 文件 (*.xlsx)"),
        )
        return self.import_files(paths) if paths else None

    def import_file(self, path: str) -> Job:
        return self.import_files([path])

    def import_files(self, paths: list[str]) -> Job:
        """Import the sheets as one action (all or nothing); the outcome in a message."""
        job = Op(
            self.window,
            import_fill_sheets,
            list(paths),
            action="fill_sheet_import",
            tables={"report", "target_value"},  # a report's figures are target values
            label=self.tr("正在导入 {0} 份填报表…").format(len(paths)),
            show_errors=False,
            # one transaction at the end: a 取消 pressed while it commits could not undo
            # it, and would leave the pages untold of what was written
            cancellable=False,
        )
        job.succeeded.connect(self._imported)
        job.failed.connect(self._import_failed)
        return job.start()

    @Slot(object)
    def _imported(self, summary: object) -> None:
        text = domain(summary if isinstance(summary, Message) else str(summary))
        lines = text.splitlines()
        if len(lines) > MESSAGE_LINES:  # one line per sheet: the list under 显示详细信息
            dialogs.show_message(self.window, dialogs.INFO, lines[0], text)
        else:
            dialogs.show_message(self.window, dialogs.INFO, text)

    @Slot(object)
    def _import_failed(self, exc: object) -> None:
        if not isinstance(exc, UserError):
            dialogs.show_error(self.window, exc)  # a bug: the crash dialog
            return
        text = error_text(exc)
        lines = text.splitlines()
        if len(lines) <= MESSAGE_LINES:
            dialogs.show_message(self.window, dialogs.ERROR, text, exc.detail)
            return
        more = self.tr("……共 {0} 行，全部见“显示详细信息”。").format(len(lines))
        short = "\n".join([*first_lines(text), more])
        detail = "\n\n".join(part for part in (text, exc.detail) if part)
        dialogs.show_message(self.window, dialogs.ERROR, short, detail)


def install_documents(window) -> Documents:  # noqa: ANN001 - MainWindow
    window.documents = Documents(window)
    return window.documents
