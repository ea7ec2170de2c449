"""Print a PDF: each page rendered at the printer's resolution, painted on the QPrinter.

QtPdf only rasterises, so the page images are made at the resolution the job
prints at; each page prints in its own orientation (landscape attachments) (capped at ``MAX_DPI``: an A4 page at 1200 dpi would be a 550 MB
image) and scaled to the printable area keeping the aspect ratio. The print
dialog's page range and copies are honoured (Qt repeats copies itself).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QRectF, QSize
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from desktop.errors import UserError

MAX_DPI = 600


def page_numbers(printer: QPrinter, page_count: int) -> list[int]:
    """0-based pages the user chose in the print dialog (all by default)."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), printer.toPage() or page_count
        return [n - 1 for n in range(first, min(last, page_count) + 1)]
    return list(range(page_count))


def _orient(printer: QPrinter, document: QPdfDocument, page: int) -> None:
    """Landscape pages (the 附件 tables) print landscape, the rest portrait."""
    size = document.pagePointSize(page)
    landscape = size.width() > size.height()
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )


def print_pdf(
    document: QPdfDocument,
    printer: QPrinter,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Print ``document`` on ``printer``; returns the pages printed.

    ``progress(done, total)`` is called before each page; returning False stops
    (the pages so far are still sent, as every print dialog does on 取消)."""
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise UserError(QCoreApplication.translate("Printing", "没有可打印的页面。"))
    if printer.resolution() > MAX_DPI:
        printer.setResolution(MAX_DPI)
    pages = page_numbers(printer, document.pageCount())
    if pages:
        _orient(printer, document, pages[0])
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError(
            QCoreApplication.translate("Printing", "无法开始打印：打印机“{0}”不可用。").format(
                printer.printerName() or printer.outputFileName()
            )
        )
    printed = 0
    try:
        dpi = printer.resolution()
        for n, page in enumerate(pages):
            if progress is not None and not progress(n, len(pages)):
                break
            if n:
                _orient(printer, document, page)  # takes effect on the new page
                printer.newPage()
            area = printer.pageLayout().paintRectPixels(dpi)
            points = document.pagePointSize(page)
            scale = min(area.width() / points.width(), area.height() / points.height())
            size = QSize(round(points.width() * scale), round(points.height() * scale))
            image = document.render(page, size)
            target = QRectF(
                (area.width() - size.width()) / 2, 0, size.width(), size.height()
            )  # centred across, from the top of the printable area
            painter.drawImage(target, image)
            printed += 1
    finally:
        painter.end()
    return printed
