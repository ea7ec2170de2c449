"""打印/导出 dialog: generate in the background → preview → print to a real CUPS queue → save as.

Offscreen Qt, a real SQLite file, the real briefing and ledger generators, and
the cups-pdf queue of scripts/setup.sh (skipped with the reason when absent).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QApplication

from desktop import documents
from desktop.models.qt.roles import ID_ROLE
from desktop.models.store import Store
from desktop.views import dialogs, jobs
from desktop.views.documents import dialog as dialog_module
from desktop.views.documents.dialog import DocumentDialog
from tests.helpers.ledger_helpers import PERIOD, TODAY, fill, row_of, seed_with_coordination
from tests.helpers.printing_helpers import cups_queue, output_folder, pdfs, wait_for_new_pdf

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _settings(tmp_path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))


@pytest.fixture
def demo(store: Store, seed_path) -> Store:
    seed_with_coordination(store, seed_path)
    return store


@pytest.fixture
def dialog(qtbot, demo: Store, db_path: Path):
    d = DocumentDialog(demo.db, db_path, "overview")
    qtbot.addWidget(d)
    d.date_edit.setDate(d.date_edit.date().fromString(TODAY.isoformat(), "yyyy-MM-dd"))
    yield d
    jobs.wait_for_jobs()
    d.cleanup()


def generate(qtbot, d: DocumentDialog, kind: str) -> documents.DocumentResult:
    d.kind_combo.setCurrentIndex(d.kind_combo.findData(kind))
    with qtbot.waitSignal(d.generate().finished, timeout=120_000):
        pass
    assert d.result is not None and d.result.kind == kind, d.info_label.text()
    return d.result


def mean_darkness(document: QPdfDocument, page: int) -> float:
    """Ink coverage (0 white … 1 black) of a page rendered small."""
    image = document.render(page, document.pagePointSize(page).toSize() / 4)
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(Qt.GlobalColor.white)  # pages render on a transparent background
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    gray = paper.convertToFormat(QImage.Format.Format_Grayscale8)
    ink = sum(
        255 - gray.pixelColor(x, y).value()
        for y in range(gray.height())
        for x in range(gray.width())
    )
    return ink / (255 * gray.width() * gray.height())


def test_generate_preview_and_print_to_the_cups_queue(qtbot, dialog) -> None:
    queue = cups_queue()
    dialog.issuer_edit.setText("市政府督查室")
    result = generate(qtbot, dialog, "overview")
    assert result.fmt == "pdf" and result.pages >= 2
    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert dialog.document.pageCount() == result.pages
    assert f"共 {result.pages} 页" in dialog.info_label.text()
    assert dialog.print_button.isEnabled() and dialog.save_word_button.isEnabled()

    info = QPrinterInfo.printerInfo(queue)
    assert not info.isNull(), f"Qt does not see the CUPS queue {queue}"
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setDocName("督查通报 测试打印")
    folder = output_folder()
    before = pdfs(folder)
    assert dialog.print_to(printer) == result.pages
    assert printer.resolution() <= 600  # rendered at the job's resolution, capped
    printed = wait_for_new_pdf(folder, before)
    reader = PdfReader(printed)
    assert len(reader.pages) == result.pages
    for page in reader.pages:  # A4 sheets (cups-pdf turns landscape pages as a printer does)
        size = sorted((float(page.mediabox.width), float(page.mediabox.height)))
        assert abs(size[0] - 595) < 3 and abs(size[1] - 842) < 3
        images = [
            obj.get_object() for obj in page["/Resources"]["/XObject"].values()
            if obj.get_object()["/Subtype"] == "/Image"
        ]  # fmt: skip
        assert images and max(int(i["/Width"]) for i in images) >= 1500  # printer resolution
    title = reader.trailer["/Info"].get_object()["/Title"].original_bytes
    assert title.strip(b"()").decode("utf-8") == "督查通报 测试打印"
    copy = QPdfDocument()
    copy.load(str(printed))
    try:
        for n in range(result.pages):
            source, out = mean_darkness(dialog.document, n), mean_darkness(copy, n)
            # the page came out with its ink (scaled into the printable area: a bit less)
            assert out > 0.005 and 0.25 < out / source < 1.5, (n, source, out)
    finally:
        copy.close()
        printed.unlink()  # the queue's output folder is not the test's own
    assert "已发送" in dialog.info_label.text()


def test_print_dialog_page_range_to_a_pdf_file(qtbot, dialog, tmp_path) -> None:
    result = generate(qtbot, dialog, "unit")
    assert result.pages > 3 and "份" in dialog.info_label.text()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert dialog.print_to(printer) == 2
    assert len(PdfReader(tmp_path / "range.pdf").pages) == 2


def test_print_button_goes_through_the_print_dialog(qtbot, dialog, tmp_path, monkeypatch) -> None:
    out = tmp_path / "dialog.pdf"

    class AcceptingPrintDialog:
        def __init__(self, printer, parent) -> None:  # noqa: ANN001
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            self.range = None

        def setWindowTitle(self, _title: str) -> None:  # noqa: N802
            pass

        def setMinMax(self, low: int, high: int) -> None:  # noqa: N802
            self.range = (low, high)

        def exec(self) -> int:
            return dialog_module.QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialog_module, "QPrintDialog", AcceptingPrintDialog)
    result = generate(qtbot, dialog, "task")
    dialog.print_button.click()
    assert len(PdfReader(out).pages) == result.pages
    assert "已发送" in dialog.info_label.text()


def test_closing_while_generating_waits_for_the_worker(qtbot, demo, db_path) -> None:
    from desktop.views.main_window import MainWindow

    window = MainWindow(demo, remember_layout=False)
    qtbot.addWidget(window)
    d = window.documents.open_dialog("unit")
    job = d.generate()
    d.close()  # cancels; the dialog goes once the worker has stopped
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert window.documents.dialog is None


def test_save_as_pdf_word_and_excel(qtbot, dialog, tmp_path, monkeypatch) -> None:
    targets = iter([tmp_path / "通报.pdf", tmp_path / "通报.docx", tmp_path / "台账.xlsx"])
    monkeypatch.setattr(
        dialog_module.QFileDialog, "getSaveFileName", lambda *a, **k: (str(next(targets)), "")
    )
    result = generate(qtbot, dialog, "overview")
    dialog.save_pdf()
    assert (tmp_path / "通报.pdf").read_bytes() == result.path.read_bytes()
    assert len(PdfReader(tmp_path / "通报.pdf").pages) == result.pages
    with qtbot.waitSignal(dialog.save_word().finished, timeout=120_000):
        pass
    assert zipfile.is_zipfile(tmp_path / "通报.docx")
    import docx

    text = "\n".join(p.text for p in docx.Document(tmp_path / "通报.docx").paragraphs)
    assert "总体情况" in text
    result = generate(qtbot, dialog, documents.LEDGER)
    assert result.fmt == "xlsx" and not dialog.print_button.isVisible()
    assert dialog.save_excel_button.isEnabled() and "36 行" in dialog.info_label.text()
    dialog.save_excel()
    wb = openpyxl.load_workbook(tmp_path / "台账.xlsx")
    assert wb.sheetnames[0] == "（一）数字基础设施能力提升行动"


def test_fill_sheet_from_the_dialog_and_import_from_the_menu(
    qtbot, demo, db_path, tmp_path, monkeypatch
) -> None:
    from desktop.views.main_window import MainWindow

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_message", lambda _p, _k, text, detail="": shown.append(text))
    window = MainWindow(demo, remember_layout=False)
    qtbot.addWidget(window)
    menu = window.documents.menu
    assert menu.title() == "打印/导出(&P)"
    assert window.documents.print_action in window.toolbar.actions()
    d = window.documents.open_fill_sheet()
    d.unit_combo.setCurrentIndex(d.unit_combo.findText("市政数局"))
    d.period_edit.setDate(d.period_edit.date().fromString(PERIOD, "yyyy-MM"))
    result = generate(qtbot, d, documents.FILL_SHEET)
    r4 = row_of(result.path, "任务4")
    filled = fill(result.path, tmp_path / "filled.xlsx", {f"H{r4}": "GUI 导入", f"I{r4}": 45})
    before = demo.db.execute("SELECT count(*) FROM report").fetchone()[0]
    with qtbot.waitSignal(window.store_changed, timeout=60_000):
        window.documents.import_file(str(filled))
    assert demo.db.execute("SELECT count(*) FROM report").fetchone()[0] == before + 1
    assert shown and "新增填报 1 条" in shown[-1]
    # a bad sheet: the per-cell message is shown and nothing is written
    bad = fill(result.path, tmp_path / "bad.xlsx", {f"I{r4}": 300})
    job = window.documents.import_file(str(bad))
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert f"I{r4}：完成百分比应在 0 到 100 之间" in shown[-1]
    assert demo.db.execute("SELECT count(*) FROM report").fetchone()[0] == before + 1
    d.close()
    jobs.wait_for_jobs()


def test_cancel_generation(qtbot, dialog) -> None:
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("unit"))
    job = dialog.generate()
    job.cancel()
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert dialog.result is None and dialog.info_label.text() == "已取消生成。"
    assert dialog.generate_button.isEnabled()


def test_options_per_document_kind(dialog) -> None:
    rows = dialog.form
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("task"))
    assert rows.isRowVisible(dialog.task_combo) and not rows.isRowVisible(dialog.units_box)
    assert dialog.task_combo.itemText(0).startswith("任务1 优化5G网络覆盖")  # number and title
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(documents.LEDGER))
    assert rows.isRowVisible(dialog.by_combo) and not rows.isRowVisible(dialog.date_edit)
    assert dialog.generate_button.text() == "生成 Excel"
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("unit"))
    assert dialog.request().unit_ids is None  # none ticked: every unit with work
    index = dialog.units_model.index(2)
    dialog.units_model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert dialog.request().unit_ids == [index.data(ID_ROLE)]
    dialog.units_all.click()
    assert len(dialog.request().unit_ids) == dialog.units_model.rowCount() > 20


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_dialog_fits_the_screen(qtbot, demo, db_path, tmp_path, lang, size) -> None:
    from desktop.views.app import install_translator

    app = QApplication.instance()
    if lang == "en":
        install_translator(app, "en")
    try:
        d = DocumentDialog(demo.db, db_path, "unit")
        qtbot.addWidget(d)
        d.resize(*size)
        d.show()
        qtbot.waitExposed(d)
        assert d.minimumSizeHint().width() <= 1366 and d.minimumSizeHint().height() <= 768
        assert d.width() <= size[0] and d.height() <= size[1]
        if lang == "en":
            assert d.generate_button.text() == "Generate preview"
        d.grab().save(str(tmp_path / f"dialog-{lang}-{size[0]}.png"))
        d.cleanup()
    finally:
        from desktop.views import app as app_module

        for translator in list(app_module._translators):
            app.removeTranslator(translator)
            app_module._translators.remove(translator)


def test_unit_check_list_model(qtmodeltester, dialog) -> None:
    qtmodeltester.check(dialog.units_model)
    assert dialog.units_model.rowCount() > 20
    assert dialog.units_model.checked_ids() == []


def test_import_several_sheets_from_the_menu(qtbot, demo, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from desktop.ledger.fill_sheet import write_fill_sheet
    from desktop.views.main_window import MainWindow
    from tests.helpers.ledger_helpers import busiest_units, fill_every_item

    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(
        dialogs,
        "show_message",
        lambda _p, kind, text, detail="": shown.append((kind, text, detail)),
    )
    paths = []
    for name in busiest_units(demo, 3):
        path = tmp_path / f"{name}.xlsx"
        write_fill_sheet(demo.db, demo.find_unit(name), PERIOD, path, today=TODAY)
        paths.append(str(fill_every_item(path, path)))
    bad = fill(Path(paths[2]), tmp_path / "bad.xlsx", {f"C{r}": "改名" for r in range(5, 30)})
    worse = fill(Path(paths[1]), tmp_path / "worse.xlsx", {"I5": "八成"})
    window = MainWindow(demo, remember_layout=False)
    qtbot.addWidget(window)
    before = demo.db.execute("SELECT count(*) FROM report").fetchone()[0]
    chosen = [*paths[:2], str(bad), str(worse)]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: (chosen, ""))
    job = window.documents.choose_and_import()  # the multi-select dialog, answered
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    kind, text, detail = shown[-1]
    assert kind == dialogs.ERROR and text.startswith("4 份填报表中有 2 份有问题，整批未导入")
    lines = text.splitlines()
    assert len(lines) == 17 and "全部见“显示详细信息”" in lines[-1]
    # every refused file is in the box, with its first problem; the rest in the details
    assert "bad.xlsx：25 处问题" in text and "worse.xlsx：1 处问题" in text
    assert "  I5：完成百分比“八成”不是数字。" in text and "C29" not in text
    assert "bad.xlsx：25 处问题" in detail and "C29：表格之外有内容“改名”" in detail
    assert demo.db.execute("SELECT count(*) FROM report").fetchone()[0] == before
    chosen[2:] = [paths[2]]
    with qtbot.waitSignal(window.store_changed, timeout=60_000):
        window.documents.choose_and_import()
    assert shown[-1][0] == dialogs.INFO  # shown in the same delivery, after store_changed
    added = demo.db.execute("SELECT count(*) FROM report").fetchone()[0] - before
    assert added > 10 and shown[-1][1].startswith("已导入 3 份填报表（3 份有新内容）")
