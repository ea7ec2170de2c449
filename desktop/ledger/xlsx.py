"""Shared openpyxl styles and safe file handling for the ledgers.

Saving goes to a temporary file beside the target, then replaces it, so a
failed or cancelled export never leaves half a workbook. A target that Excel,
WPS or LibreOffice holds open (their lock files ``~$name.xlsx`` /
``.~lock.name.xlsx#``, or a refused replace on Windows) is reported plainly.
"""

from __future__ import annotations

import math
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from desktop.errors import Message, UserError
from desktop.ledger.xlsx_read import XlsxReader
from desktop.ledger.xlsx_write import CellStyle, PageSetup
from desktop.models import status as st

FONT_NAME = "宋体"  # present in Excel / WPS on Chinese Windows; LibreOffice substitutes
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
HEADER_FONT = Font(name=FONT_NAME, size=11, bold=True)
BODY_FONT = Font(name=FONT_NAME, size=10)
NOTE_FONT = Font(name=FONT_NAME, size=9, color="555555")
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # the cells a unit fills in
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP = Alignment(wrap_text=True, vertical="top")
WRAP_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

# Status fills (light colours: the text mark stays readable in black and white).
STATUS_FILLS = {
    st.OVERDUE: PatternFill("solid", fgColor="F4B6B6"),
    st.DUE_SOON: PatternFill("solid", fgColor="FFE699"),
    st.ON_TRACK: PatternFill("solid", fgColor="C6E0B4"),
    st.DONE: PatternFill("solid", fgColor="DDEBF7"),
    st.NOT_SCHEDULED: PatternFill("solid", fgColor="FFFFFF"),
    st.AWAITING_SIGNOFF: PatternFill("solid", fgColor="E4DFEC"),  # 待销号: applied, not approved
}

# The 台账's cell formats by name (written by ``xlsx_write``; the fill-in sheet,
# written with openpyxl, uses the same fonts, fills and borders directly).
TITLE_STYLE, HEADER_STYLE, BODY_STYLE = "联动标题", "联动表头", "联动正文"


def status_style(status: str) -> str:
    return f"联动状态-{status}"


LEDGER_STYLES: dict[str, CellStyle] = {
    TITLE_STYLE: CellStyle(TITLE_FONT),
    HEADER_STYLE: CellStyle(HEADER_FONT, HEADER_FILL, WRAP_CENTER, BORDER),
    BODY_STYLE: CellStyle(BODY_FONT, None, WRAP, BORDER),
    **{
        status_style(status): CellStyle(BODY_FONT, fill, WRAP, BORDER)
        for status, fill in STATUS_FILLS.items()
    },
}


_BAD_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


def sheet_title(text: str, used: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters, none of []:*?/\\)."""
    base = (text.translate(_BAD_SHEET_CHARS).strip("' ") or "Sheet")[:31]
    name, n = base, 2
    while name.lower() in used:
        suffix = f"({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name.lower())
    return name


def print_setup(ws: Worksheet, title_rows: str, landscape: bool = True) -> None:
    """A4, fit all columns to the page width, repeat the header rows (as the 台账's
    ``PageSetup``)."""
    page = PageSetup((0, 0), landscape)
    ws.page_setup.paperSize = page.paper
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left, ws.page_margins.right, ws.page_margins.top, ws.page_margins.bottom = (
        page.margins
    )
    ws.print_title_rows = title_rows
    ws.oddFooter.center.text = page.footer


def _lock_files(path: Path) -> list[Path]:
    return [path.with_name(f"~${path.name}"), path.with_name(f".~lock.{path.name}#")]


def check_output(path: str | Path) -> Path:
    """The target as a ``Path`` once it can be written; ``UserError`` otherwise."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError("输出文件应以 .xlsx 结尾：{}", path)
    if path.is_dir():
        raise UserError("{} 是一个文件夹，请给出文件名。", path)
    if not path.parent.is_dir():
        raise UserError("无法写入 {}：文件夹 {} 不存在。", path, path.parent)
    if any(lock.exists() for lock in _lock_files(path)):
        raise UserError(
            "文件 {} 正在被其他程序（Excel、WPS 或 LibreOffice）打开，请先关闭它。", path
        )
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UserError("无法写入 {}：没有写入权限。", path)
    return path


def save_via_temp(path: str | Path, write: Callable[[str], None]) -> Path:
    """Call ``write(temporary file name)`` beside ``path``, then replace ``path`` with
    it: a failed or cancelled write never leaves half a workbook."""
    path = check_output(path)
    tmp_name = ""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".liandong-", suffix=".xlsx", dir=path.parent)
        os.close(fd)
        write(tmp_name)
        os.replace(tmp_name, path)
    except PermissionError as exc:
        raise UserError(
            "无法写入 {}：文件可能正被其他程序打开，或没有写入权限。", path, detail=str(exc)
        ) from exc
    except OSError as exc:
        raise UserError("无法写入 {}：{}", path, exc.strerror or exc, detail=str(exc)) from exc
    finally:
        if tmp_name and os.path.exists(tmp_name):
            os.unlink(tmp_name)
    return path


def save_workbook(wb: Workbook, path: str | Path) -> Path:
    """Write an openpyxl workbook to ``path`` through a temporary file."""
    return save_via_temp(path, wb.save)


def open_reader(path: str | Path) -> XlsxReader:
    """Open an .xlsx for reading back its cell values; plain messages for the usual
    mistakes. Use as a context manager (``with open_reader(p) as reader``)."""
    path = Path(path)
    if not path.exists():
        raise UserError("文件不存在：{}", path)
    if path.is_dir():
        raise UserError("{} 是一个文件夹，不是 Excel 文件。", path)
    try:
        is_zip = zipfile.is_zipfile(path)
    except PermissionError as exc:
        raise UserError("无法读取 {}：文件正被其他程序占用或没有读取权限。", path) from exc
    if not is_zip:
        old = path.suffix.lower() == ".xls"
        hint = Message("（旧版 .xls 请在 Excel/WPS 中另存为 .xlsx）") if old else ""
        raise UserError("{} 不是 Excel .xlsx 文件{}。", path.name, hint)
    try:
        return XlsxReader(path)
    except PermissionError as exc:
        raise UserError("无法读取 {}：文件正被其他程序占用或没有读取权限。", path) from exc


def text_width(text: str) -> int:
    """Display width in Excel's character units (CJK and full-width count 2)."""
    # UTF-8 takes 3 bytes for CJK and full-width characters, 1 for ASCII:
    # (bytes + characters) / 2 gives 2 and 1, without a per-character lookup.
    return (len(text.encode("utf-8")) + len(text)) // 2


MAX_ROW_HEIGHT = 409  # points: Excel refuses taller rows (its limit is 409.5)


def row_height(values: list[object], widths: list[float], point_size: float = 10) -> float | None:
    """Height (points) that shows every wrapped line of a row, or None for one line.

    Excel, WPS and LibreOffice do not all re-fit rows written by openpyxl, so
    the ledger sets the height itself."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if value is None or value == "":
            continue
        usable = max(1.0, width - 1.5)
        count = sum(max(1, math.ceil(text_width(part) / usable)) for part in str(value).split("\n"))
        lines = max(lines, count)
    if lines == 1:
        return None
    return min(MAX_ROW_HEIGHT, round(lines * point_size * 1.35 + 3, 1))
