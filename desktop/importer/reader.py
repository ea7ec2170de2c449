"""File -> raw text. Every failure becomes ``ImportFailed`` with a Chinese message.

* ``.txt``: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK/GB2312,
  else whatever charset-normalizer finds plausible. A ``.txt`` that is really
  an HTML page is read as HTML.
* ``.html``/``.htm``/``.shtml``: visible text, block elements as line breaks,
  script/style/nav and hidden elements dropped. The charset comes from a BOM,
  valid UTF-8, the ``<meta>`` declaration, then detection.
* ``.docx``: body paragraphs and tables in document order. A task table with a
  header like 序号|重点任务|牵头单位|配合单位|完成时限 becomes one numbered task
  per row followed by label lines (``牵头单位：…``) that the plan parser reads
  like any "labels on their own lines" document.
"""

from __future__ import annotations

import codecs
import os
import re
import zipfile
from pathlib import Path

from desktop.errors import ImportFailed, Message

from . import formats
from .tables import header_of, table_rows_to_lines

MAX_BYTES = 50 * 1024 * 1024

TEXT_EXTS = {".txt", ".text"}
HTML_EXTS = {".html", ".htm", ".shtml", ".xhtml"}
DOCX_EXTS = {".docx"}
PDF_EXTS = {".pdf"}
SHEET_EXTS = {".xlsx", ".xlsm", ".csv"}
LEGACY_WORD_EXTS = {".doc", ".wps"}
SUPPORTED = "支持 .txt、.html、.docx、.pdf、.xlsx、.csv、.doc、.wps 文件"

_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ue000-\uf8ff\ufffd]")
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]+)", re.I)
_LOOKS_HTML = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_GB_ALIASES = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "euc-cn", "cp936", "ms936", "hz-gb-2312"}

MSG_EMPTY = "文件为空"
MSG_BINARY = "文件内容不是文本，无法导入（可能是二进制文件或已损坏）"
MSG_ENCODING = "无法识别文件编码"
MSG_DOCX = "无法打开 Word 文档，文件可能已损坏或不是 .docx 格式"


def read_file(path: str | os.PathLike[str], columns: dict[str, int] | None = None) -> str:
    """Read a plan file and return its text (not yet normalised).

    ``columns`` maps the columns of an .xlsx/.csv task table whose header is not
    recognised (role -> column index, see ``formats.COLUMN_ROLES``)."""
    p = Path(path)
    name = p.name or str(p)
    ext = p.suffix.lower()
    try:
        if p.is_dir():
            raise ImportFailed("“{}”是文件夹，不是文件；请选择文件夹中的计划文件", name)
    except OSError as exc:
        raise ImportFailed("无法读取：{}", name, detail=repr(exc)) from exc
    if ext not in TEXT_EXTS | HTML_EXTS | DOCX_EXTS | PDF_EXTS | SHEET_EXTS | LEGACY_WORD_EXTS:
        shown = ext or Message("无扩展名")
        raise ImportFailed("不支持的文件类型（{}），{}", shown, Message(SUPPORTED))
    try:
        if not p.exists():
            raise ImportFailed("找不到文件：{}", name)
        if p.is_dir():
            raise ImportFailed("“{}”是文件夹，不是文件", name)
        size = p.stat().st_size
        if size == 0:
            raise ImportFailed(MSG_EMPTY)
        if size > MAX_BYTES:
            raise ImportFailed("文件过大（超过 50 MB），这不像是一份行动计划")
        if ext in DOCX_EXTS:
            return docx_to_text(p)
        if ext in PDF_EXTS:
            return formats.pdf_to_text(p)
        if ext in SHEET_EXTS:
            return formats.sheet_to_text(p, columns)
        if ext in LEGACY_WORD_EXTS:
            with formats.converted_to_docx(p) as converted:
                return docx_to_text(converted)
        data = p.read_bytes()
    except OSError as exc:
        raise ImportFailed("无法读取文件：{}", name, detail=repr(exc)) from exc
    if ext in HTML_EXTS:
        return html_to_text(decode_bytes(data, declared=_declared_charset(data)))
    text = decode_bytes(data)
    if _LOOKS_HTML.match(text):
        return html_to_text(text)
    return text


# --------------------------------------------------------------------------- bytes


def _plausible(text: str) -> bool:
    if not text:
        return False
    return len(_BAD_CHARS.findall(text)) <= max(2, len(text) // 100)


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "ignore") if m else None


def _canonical_codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    if name in _GB_ALIASES:
        return "gb18030"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec.startswith("utf-16") or codec.startswith("utf-32"):
        return None  # an 8-bit file cannot really be UTF-16 (HTML spec: treat as UTF-8)
    return codec


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode file bytes; raise ImportFailed for empty, binary or undecodable data."""
    if not data.strip():
        raise ImportFailed(MSG_EMPTY)
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise ImportFailed(MSG_ENCODING, detail=repr(exc)) from exc
            if not text.strip():
                raise ImportFailed(MSG_EMPTY)
            if not _plausible(text):
                raise ImportFailed(MSG_BINARY)
            return text
    if b"\x00" in data:
        # UTF-16 without BOM: every other byte is NUL in mostly-ASCII/CJK text.
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _plausible(text) and _mostly_text(text):
                return text
        raise ImportFailed(MSG_BINARY)
    declared_codec = _canonical_codec(declared)
    candidates = ["utf-8", *([declared_codec] if declared_codec else []), "gb18030"]
    for codec in candidates:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible(text):
            return text
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # noqa: BLE001 - third-party detector, any failure = unknown
        best = None
    if best is not None:
        text = str(best)
        if _plausible(text) and _mostly_text(text):
            return text
    controls = sum(1 for b in data if b < 0x20 and b not in (9, 10, 13))
    if controls > len(data) // 50:
        raise ImportFailed(MSG_BINARY)
    raise ImportFailed(MSG_ENCODING)


def _mostly_text(text: str) -> bool:
    """CJK, ASCII and common punctuation make up nearly all of ``text``."""
    good = 0
    for ch in text:
        o = ord(ch)
        cjk = 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF
        if o < 0x7F or cjk or 0x2000 <= o <= 0x206F or 0xA0 <= o <= 0x17F:
            good += 1
    return good >= 0.9 * len(text)


# --------------------------------------------------------------------------- HTML

_REMOVED_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "select",
    "button",
    "input",
    "textarea",
    "nav",
    "footer",
    "aside",
]
_BLOCK_TAGS = [
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "main",
    "blockquote",
    "pre",
    "dl",
    "dd",
    "dt",
    "form",
    "hr",
    "address",
    "center",
    "figure",
    "figcaption",
    "caption",
    "tbody",
    "thead",
]
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u201c\u201d"
_SOURCE_WRAP = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n\s*(?=[{_CJK}])")
_WS = re.compile(r"[ \t\r\n\f]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block element per line."""
    try:
        from bs4 import BeautifulSoup, Comment

        try:
            soup = BeautifulSoup(html, "lxml")
        except Exception:  # noqa: BLE001 - lxml missing or choking: use the stdlib parser
            soup = BeautifulSoup(html, "html.parser")
        for tag in soup(_REMOVED_TAGS):
            tag.decompose()
        for tag in soup.find_all(style=_HIDDEN_STYLE):
            tag.decompose()
        for tag in soup.find_all(hidden=True):
            tag.decompose()
        for node in soup.find_all(string=True):
            if isinstance(node, Comment):
                node.extract()
                continue
            if node.parent is not None and node.parent.name == "pre":
                continue
            collapsed = _WS.sub(" ", _SOURCE_WRAP.sub("", str(node)))
            if collapsed != node:
                node.replace_with(collapsed)
        for br in soup.find_all("br"):
            br.replace_with("\n")
        _task_tables_to_lines(soup)
        for tag in soup.find_all(_BLOCK_TAGS):
            tag.insert_before("\n")
            tag.insert_after("\n")
        for tag in soup.find_all(["td", "th"]):
            tag.insert_after(" ")
        return soup.get_text()
    except ImportFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - malformed markup must not escape as a traceback
        raise ImportFailed("无法解析网页文件", detail=repr(exc)) from exc


def _html_table_rows(table) -> list[list[str]]:
    """Cell texts by grid column, colspan and rowspan repeated (as Word tables read)."""
    rows: list[list[str]] = []
    carried: dict[int, tuple[str, int]] = {}  # column -> (text, rows left)
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        cells: list[str] = []
        col = 0
        for cell in tr.find_all(["td", "th"], recursive=False):
            while col in carried:
                text, left = carried[col]
                cells.append(text)
                if left <= 1:
                    del carried[col]
                else:
                    carried[col] = (text, left - 1)
                col += 1
            text = cell.get_text("\n", strip=True)
            span = min(_int_attr(cell, "colspan"), 50)
            down = min(_int_attr(cell, "rowspan"), 500)
            for _ in range(span):
                cells.append(text)
                if down > 1:
                    carried[col] = (text, down - 1)
                col += 1
        while col in carried:
            text, left = carried.pop(col)
            cells.append(text)
            if left > 1:
                carried[col] = (text, left - 1)
            col += 1
        rows.append(cells)
    return rows


def _int_attr(tag, name: str) -> int:
    try:
        return max(1, int(str(tag.get(name, "1")).strip() or 1))
    except ValueError:
        return 1


def _task_tables_to_lines(soup) -> None:
    """Replace each task table (recognised header) by the plan lines it stands for."""
    for table in soup.find_all("table"):
        if table.find("table") is not None:
            continue  # a layout table around the content: its inner tables are handled
        rows = _html_table_rows(table)
        header = header_of(rows, limit=3)
        if header is None:
            continue
        lines = table_rows_to_lines(rows, limit=3)
        table.replace_with("\n" + "\n".join(lines) + "\n")


# --------------------------------------------------------------------------- DOCX


def docx_to_text(path: Path) -> str:
    """Paragraphs and table rows of a .docx body, in document order."""
    if not zipfile.is_zipfile(path):
        raise ImportFailed(MSG_DOCX)
    try:
        import docx
        from docx.oxml.ns import qn
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        from .docx_numbering import Numbering

        document = docx.Document(str(path))
        numbering = Numbering(document)
        tag_p, tag_tbl, tag_sdt = qn("w:p"), qn("w:tbl"), qn("w:sdt")
        tag_content = qn("w:sdtContent")
        lines: list[str] = []

        def walk(parent) -> None:
            for child in parent.iterchildren():
                if child.tag == tag_p:
                    paragraph = Paragraph(child, document)
                    lines.append(numbering.label(paragraph) + paragraph.text)
                elif child.tag == tag_tbl:
                    lines.extend(_table_lines(Table(child, document)))
                elif child.tag == tag_sdt:
                    content = child.find(tag_content)
                    if content is not None:
                        walk(content)

        walk(document.element.body)
    except ImportFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types on bad files
        raise ImportFailed(MSG_DOCX, detail=repr(exc)) from exc
    text = "\n".join(lines)
    if not text.strip():
        raise ImportFailed(MSG_EMPTY)
    return text


def _row_cells(row) -> list[str]:
    """Cell texts by grid column: a merged cell repeats in every column it spans
    (and a vertically merged cell in every row), so column indexes line up."""
    return [cell.text for cell in row.cells]


def _table_lines(table) -> list[str]:
    return table_rows_to_lines([_row_cells(row) for row in table.rows])
