"""PDF, Excel/CSV and legacy Word (.doc/.wps) plans -> text for the parser.

* ``.pdf`` with a text layer, read with pypdf. Lines the PDF wrapped inside a
  paragraph are joined again (a line nearly as long as the page's longest
  that does not end a sentence continues on the next line unless that one
  starts a number), page-number lines are dropped. A PDF without text (a
  scan) is refused with "此PDF没有文字层" — nothing is guessed.
* ``.xlsx`` / ``.csv`` task tables (任务分工表): the first sheet with a
  recognisable header row becomes numbered tasks with label lines
  (``tables.table_rows_to_lines``). ``columns`` maps column letters to roles
  when the headers are not recognised (the preview's column-mapping step).
* ``.doc`` / ``.wps`` are converted to .docx by LibreOffice (``soffice``) when
  it is installed; otherwise the message says what to install or to save the
  file as .docx.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from desktop.errors import ImportFailed, Message

from .outline import STYLES
from .tables import header_of, table_rows_to_lines

MSG_NO_TEXT_LAYER = (
    "此PDF没有文字层（可能是扫描件），无法读取其中的文字；请导入带文字的PDF、Word 或文本文件"
)
MSG_PDF = "无法打开 PDF 文件，文件可能已损坏或已加密"
MSG_SHEET = "无法打开表格文件，文件可能已损坏或不是 .xlsx 格式"
MSG_NO_OFFICE = (
    "无法直接读取 {ext} 文件：请安装 LibreOffice（麒麟、统信、Debian：apt install "
    "libreoffice-writer-nogui），或在 Word / WPS 中另存为 .docx 后再导入"
)
MSG_CONVERT = "LibreOffice 无法转换该文件（可能已损坏）；请在 Word 或 WPS 中另存为 .docx 后再导入"
CONVERT_TIMEOUT_S = 120
# Column roles a sheet's columns can be mapped to (the preview's mapping step).
COLUMN_ROLES = ("no", "task", "lead", "support", "responsible", "deadline", "leader")


class ColumnsNotRecognised(ImportFailed):
    """A sheet whose header names no task and unit columns; ``headers`` are its first row."""

    def __init__(self, message: str | Message, headers: list[str]) -> None:
        super().__init__(message)
        self.headers = headers


_PAGE_NO = re.compile(r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?)\s*$")
_SENTENCE_END = "。！？；：:;!?）)】〕"
_STARTS_NUMBER = [rx for _rank, rx in STYLES.values()]


# --------------------------------------------------------------------------- PDF


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _join_wrapped(lines: list[str]) -> list[str]:
    lines = [ln.rstrip() for ln in lines if ln.strip() and not _PAGE_NO.match(ln)]
    if not lines:
        return []
    full = max(_width(ln) for ln in lines) * 0.85
    out: list[str] = [lines[0]]
    for line in lines[1:]:
        prev = out[-1]
        stripped = line.lstrip()
        wrapped = _width(prev) >= full and prev[-1:] not in _SENTENCE_END
        if wrapped and not any(rx.match(stripped) for rx in _STARTS_NUMBER):
            out[-1] = prev + stripped
        else:
            out.append(line)
    return out


def pdf_to_text(path: Path) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on bad files
        raise ImportFailed(MSG_PDF, detail=repr(exc)) from exc
    lines: list[str] = []
    for page in pages:
        lines.extend(_join_wrapped(page.splitlines()))
    text = "\n".join(lines)
    if sum(1 for ch in text if not ch.isspace()) < 20:
        raise ImportFailed(MSG_NO_TEXT_LAYER)
    return text


# --------------------------------------------------------------------------- sheets


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _sheet_rows(path: Path) -> list[list[list[str]]]:
    """Rows of every sheet (CSV: one sheet)."""
    if path.suffix.lower() == ".csv":
        from .reader import decode_bytes

        text = decode_bytes(path.read_bytes())
        dialect = csv.excel_tab if text.count("\t") > text.count(",") else csv.excel
        try:
            return [[[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]]
        except csv.Error as exc:
            raise ImportFailed("无法读取 CSV 文件：格式有误", detail=repr(exc)) from exc
    try:
        import openpyxl

        book = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
        try:
            return [
                [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
                for sheet in book.worksheets
            ]
        finally:
            book.close()
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on bad files
        raise ImportFailed(MSG_SHEET, detail=repr(exc)) from exc


def sheet_to_text(path: Path, columns: dict[str, int] | None = None) -> str:
    """The task table of a workbook or CSV as plan text.

    ``columns`` (role -> column index: "no", "task", "lead", "support",
    "responsible", "deadline", "leader") overrides the header recognition.
    """
    sheets = [[r for r in rows if any(c for c in r)] for rows in _sheet_rows(path)]
    sheets = [rows for rows in sheets if rows]
    if not sheets:
        raise ImportFailed("表格中没有任何内容")
    for rows in sheets:
        if columns is not None:
            unknown = set(columns) - set(COLUMN_ROLES)
            if unknown or "task" not in columns:
                raise ImportFailed("列的含义不完整：至少要指定“任务内容”所在的列")
            return "\n".join(table_rows_to_lines(rows, columns=columns, header_rows=1))
        if header_of(rows[:6]) is not None:
            return "\n".join(table_rows_to_lines(rows))
    first = " | ".join(c for c in sheets[0][0] if c)[:200]
    raise ColumnsNotRecognised(
        Message(
            "表格中没有找到任务列和单位列（需要“重点任务/工作内容”和“牵头单位/责任单位”等列标题）。"
            "第一行是：{}。请在导入时指定各列的含义，或把列标题改为 序号、重点任务、"
            "牵头单位、配合单位、责任单位、完成时限 后再导入",
            first,
        ),
        list(sheets[0][0]),
    )


def sheet_header(path: Path) -> list[str]:
    """The first non-empty row of the first non-empty sheet (for column mapping)."""
    for rows in _sheet_rows(path):
        for row in rows:
            if any(row):
                return row
    return []


# --------------------------------------------------------------------------- .doc / .wps


def office_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@contextlib.contextmanager
def converted_to_docx(path: Path) -> Iterator[Path]:
    """``path`` converted to .docx in a temporary folder by LibreOffice."""
    binary = office_binary()
    if binary is None:
        raise ImportFailed(MSG_NO_OFFICE.format(ext=path.suffix.lower()))
    with tempfile.TemporaryDirectory(prefix="liandong-convert-") as tmp:
        tmp_path = Path(tmp)
        source = tmp_path / f"plan{path.suffix.lower()}"
        shutil.copyfile(path, source)  # a plain name: soffice dislikes some paths
        profile = (tmp_path / "profile").as_uri()
        try:
            subprocess.run(
                [
                    binary,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "docx",
                    "--outdir",
                    str(tmp_path),
                    str(source),
                ],
                capture_output=True,
                timeout=CONVERT_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise ImportFailed(MSG_CONVERT, detail=repr(exc)) from exc
        converted = tmp_path / "plan.docx"
        if not converted.exists() or converted.stat().st_size == 0:
            raise ImportFailed(MSG_CONVERT)
        yield converted
