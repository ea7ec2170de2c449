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

from desktop.errors import ImportFailed

MAX_BYTES = 50 * 1024 * 1024

TEXT_EXTS = {".txt", ".text"}
HTML_EXTS = {".html", ".htm", ".shtml", ".xhtml"}
DOCX_EXTS = {".docx"}

_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ue000-\uf8ff\ufffd]")
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]+)", re.I)
_LOOKS_HTML = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_GB_ALIASES = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "euc-cn", "cp936", "ms936", "hz-gb-2312"}

MSG_EMPTY = "文件为空"
MSG_BINARY = "文件内容不是文本，无法导入（可能是二进制文件或已损坏）"
MSG_ENCODING = "无法识别文件编码"
MSG_DOCX = "无法打开 Word 文档，文件可能已损坏或不是 .docx 格式"


def read_file(path: str | os.PathLike[str]) -> str:
    """Read a plan file and return its text (not yet normalised)."""
    p = Path(path)
    name = p.name or str(p)
    ext = p.suffix.lower()
    try:
        if p.is_dir():
            raise ImportFailed(f"“{name}”是文件夹，不是文件；请选择文件夹中的计划文件")
    except OSError as exc:
        raise ImportFailed(f"无法读取：{name}", detail=repr(exc)) from exc
    if ext == ".doc" or ext == ".wps":
        raise ImportFailed(
            f"不支持旧版 Word 文件（{ext}），请在 Word 或 WPS 中另存为 .docx 后再导入"
        )
    if ext not in TEXT_EXTS | HTML_EXTS | DOCX_EXTS:
        shown = ext or "无扩展名"
        raise ImportFailed(f"不支持的文件类型（{shown}），请导入 .txt、.html 或 .docx 文件")
    try:
        if not p.exists():
            raise ImportFailed(f"找不到文件：{name}")
        if p.is_dir():
            raise ImportFailed(f"“{name}”是文件夹，不是文件")
        size = p.stat().st_size
        if size == 0:
            raise ImportFailed(MSG_EMPTY)
        if size > MAX_BYTES:
            raise ImportFailed("文件过大（超过 50 MB），这不像是一份行动计划")
        if ext in DOCX_EXTS:
            return docx_to_text(p)
        data = p.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"无法读取文件：{name}", detail=repr(exc)) from exc
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
    candidates = ["utf-8", _canonical_codec(declared), "gb18030"]
    for codec in candidates:
        if codec is None:
            continue
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


# --------------------------------------------------------------------------- DOCX

_HEADER_COLUMNS = {
    "no": re.compile(r"^(序号|编号|序)$"),
    "lead": re.compile(r"^(牵头单位|牵头部门|牵头)$"),
    "support": re.compile(r"^(配合单位|配合部门|协同单位|参与单位|协办单位|配合)$"),
    "responsible": re.compile(r"^(责任单位|责任部门|主责单位|承办单位|责任主体)$"),
    "deadline": re.compile(r"^(完成时限|完成时间|时间节点|时限|完成期限)$"),
    "task": re.compile(r"任务|工作内容|具体内容|主要内容|工作措施|具体措施|重点工作|举措"),
}
_UNIT_LABELS = {"lead": "牵头单位", "support": "配合单位", "responsible": "责任单位"}
_LEADING_NO = re.compile(r"^\s*\d{1,3}\s*[.．、]\s*")
_INT = re.compile(r"^\s*(\d{1,3})\s*[.．、]?\s*$")
# 序号 of a work item: 14-1, 14－2, 14.3 (task 14, item 3).
_SUB_NO = re.compile(r"^\s*(\d{1,3})\s*[-－—–.．]\s*(\d{1,3})\s*$")


def docx_to_text(path: Path) -> str:
    """Paragraphs and table rows of a .docx body, in document order."""
    if not zipfile.is_zipfile(path):
        raise ImportFailed(MSG_DOCX)
    try:
        import docx
        from docx.oxml.ns import qn
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(str(path))
        tag_p, tag_tbl, tag_sdt = qn("w:p"), qn("w:tbl"), qn("w:sdt")
        tag_content = qn("w:sdtContent")
        lines: list[str] = []

        def walk(parent) -> None:
            for child in parent.iterchildren():
                if child.tag == tag_p:
                    lines.append(Paragraph(child, document).text)
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


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _table_columns(header: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for idx, raw in enumerate(header):
        label = _squash(raw)
        if idx in columns.values():
            continue
        for key, rx in _HEADER_COLUMNS.items():
            if not rx.search(label):
                continue
            if key not in columns:
                columns[key] = idx
                break
            if key == "task" and "measure" not in columns:
                columns["measure"] = idx  # 重点任务 | 具体措施: title, then body
                break
    has_units = any(k in columns for k in ("lead", "support", "responsible"))
    return columns if "task" in columns and has_units else None


def _is_sub_header(top: list[str], sub: list[str]) -> bool:
    """``sub`` names columns that ``top`` groups (责任单位 over 牵头单位 | 配合单位)."""
    exact = [rx for key, rx in _HEADER_COLUMNS.items() if key != "task"]
    return any(
        _squash(s) != _squash(t) and any(rx.search(_squash(s)) for rx in exact)
        for t, s in zip(top, sub, strict=False)
    )


def _header(rows: list[list[str]]) -> tuple[dict[str, int], int] | None:
    """The column map of a task table and the index of its first data row."""
    for idx in range(min(2, len(rows))):
        if idx + 1 < len(rows) and _is_sub_header(rows[idx], rows[idx + 1]):
            top, sub = rows[idx], rows[idx + 1]
            merged = [
                s if s.strip() and _squash(s) != _squash(t) else t
                for t, s in zip(top, sub, strict=False)
            ]
            columns = _table_columns(merged)
            if columns is not None:
                return columns, idx + 2
        columns = _table_columns(rows[idx])
        if columns is not None:
            return columns, idx + 1
    return None


def _table_lines(table) -> list[str]:
    rows = [_row_cells(row) for row in table.rows]
    header = _header(rows)
    if header is not None:
        columns, start = header
        return _task_table_lines(rows[start:], columns)
    lines: list[str] = []
    for cells in rows:
        distinct = list(dict.fromkeys(c for c in cells if c.strip()))
        if len(distinct) == 1:
            lines.extend(distinct[0].split("\n"))  # a layout cell holding paragraphs
        elif distinct:
            lines.append(" ".join(c.replace("\n", " ") for c in distinct))
    return lines


def _item_line(text: str) -> str:
    """A work-item line inside a task: never read as a numbered line of its own."""
    return _LEADING_NO.sub("", text)


def _task_table_lines(rows: list[list[str]], columns: dict[str, int]) -> list[str]:
    lines: list[str] = []
    counter = 0
    previous: tuple[str, str] | None = None
    previous_task = ""

    def cell(cells: list[str], key: str) -> str:
        idx = columns.get(key)
        return cells[idx] if idx is not None and idx < len(cells) else ""

    def joined(text: str) -> str:
        return "".join(part.strip() for part in text.split("\n"))

    previous_main: int | None = None
    for cells in rows:
        distinct = list(dict.fromkeys(c.strip() for c in cells if c.strip()))
        if len(distinct) == 1 and len(cells) > 1:
            lines.append(distinct[0])  # a merged row: a sub-heading such as （一）…
            previous = None
            previous_main = None
            continue
        task = _LEADING_NO.sub("", joined(cell(cells, "task")))
        measure = joined(cell(cells, "measure"))
        no_cell = cell(cells, "no").strip()
        sub = _SUB_NO.match(no_cell)
        key = (no_cell, task)
        if sub and previous_main == int(sub.group(1)) and (task or measure):
            # 14-2, 14-3 …: one more work item of task 14, with its own units.
            lines.append(
                _item_line(measure if measure and task == previous_task else task or measure)
            )
        elif task and key == previous:
            # 序号 and 重点任务 merged down over several rows: each row is one more
            # work item of the same task, with its own units.
            if measure:
                lines.append(_item_line(measure))
        elif task or measure:
            m = _INT.match(no_cell)
            if sub:
                counter = int(sub.group(1))
            else:
                counter = int(m.group(1)) if m else counter + 1
            previous_main = counter
            previous_task = task
            if task and measure:
                end = "" if task[-1] in "。；;！？!?" else "。"
                task = f"{task}{end}{measure}"
            lines.append(f"{counter}. {task or measure}")
            previous = key
        else:
            continue
        for role, label in _UNIT_LABELS.items():
            units = "、".join(p.strip() for p in cell(cells, role).split("\n") if p.strip())
            if units:
                lines.append(f"{label}：{units}")
        deadline = " ".join(cell(cells, "deadline").split())
        if deadline:
            lines.append(f"完成时限：{deadline}")
    return lines
