"""The cells of a worksheet part in the usual shape, read without building elements.

``XlsxReader.cells`` parses a sheet with ElementTree: an element per cell, its
value and its text, then a Python step per element. A province round of 100
returned fill-in sheets spent ~0.8 s there, against ~0.1 s for expat to parse
the same bytes. The sheets people return are written by a few programs in one
plain shape: ``<row r="5" …><c r="H5" s="6" t="inlineStr"><is><t>…</t></is></c>
<c r="I5" s="6"><v>7</v></c>…</row>`` (openpyxl, our own writer), or the same
with ``t="s"`` shared strings (Excel, WPS, LibreOffice). ``scan_cells`` reads
exactly that shape with one regular expression over the part's bytes:

- the whole part is first parsed by expat (no handlers: well-formedness
  only), so a broken file is never read here;
- the tokens of ``<sheetData>`` must follow each other with nothing between
  them (no whitespace, comments, formulas, rich text, prefixes, other
  attributes or attribute orders, cells without a reference);
- texts with entity or character references (openpyxl writes every Chinese
  character as ``&#36797;``) or carriage returns are decoded by expat too, in
  one small document for the whole sheet, so XML's rules apply unchanged.

Anything else — and any doubt: another encoding, a DOCTYPE, comments or
processing instructions, namespaces redefined — returns ``None`` and the
caller reads the part with ElementTree as before; ``tests/test_ledger_xlsx_scan.py``
compares both readers cell by cell on real files written by openpyxl, by our
writer and re-saved like Excel, and on altered copies that must fall back.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from datetime import datetime
from typing import Any

from openpyxl.utils.datetime import from_excel

Cell = tuple[int, int, str, Any, str]  # row, column, "H7", value, number format
MAX_SCAN_BYTES = 32 * 1024 * 1024  # larger parts are streamed by ElementTree

# Possessive quantifiers (``*+``, ``?+``) throughout: every choice in this shape is
# decided by the next byte (an optional attribute's first bytes, a text's ``<``, a
# cell's ``<c r=`` against ``</row>``), so giving back what was matched could never
# make a match: the same matches, without the engine's bookkeeping for giving back
# (half the time of the ``_SHAPE`` pass on a filled sheet).
_CELL_ATTRIBUTES = rb'(?: s="[0-9]{1,6}")?+(?: t="[a-zA-Z]{1,9}")?+'
_CELL_CONTENT = (
    rb'(?: ?/>|>(?:<v>[^<]*+</v>|<is><t(?: xml:space="preserve")?+>[^<]*+</t></is>)?+</c>)'
)
#: The whole ``<sheetData>`` content in the plain shape: rows with their number, cells
#: whose reference names their row (``\1``), nothing between the tags.
_SHAPE = re.compile(
    rb'(?:<row r="([0-9]{1,7})"[^<>/]*+(?:/>|>(?:<c r="[A-Z]{1,3}\1"'
    + _CELL_ATTRIBUTES
    + _CELL_CONTENT
    + rb")*+</row>))*+"
)
#: The cells holding something, in a part of that shape (``(<v>)`` tells the two forms apart).
_VALUE_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})([0-9]{1,7})"(?: s="([0-9]{1,6})")?+(?: t="([a-zA-Z]{1,9})")?+>'
    rb'(?:(<v>)([^<]*+)</v>|<is><t(?: xml:space="preserve")?+>([^<]*+)</t></is>)</c>'
)
#: Bytes looked for in a text as byte values: ``b"&" in raw`` first tries the
#: bytes as an index, and the TypeError it formats and clears cost ten times the search.
_AMPERSAND, _CARRIAGE_RETURN = ord("&"), ord("\r")
_ROOT = re.compile(rb"<worksheet(\s[^<>]*)?>")
_DEFAULT_NS = re.compile(rb'\sxmlns="([^"]*)"')
_DECLARATION = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml[^<>?]*\?>")
_ENCODING = re.compile(rb'encoding\s*=\s*["\']([A-Za-z0-9._-]+)["\']')


def _well_formed(data: bytes) -> bool:
    parser = xml.parsers.expat.ParserCreate()
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError:
        return False
    return True


def _body(data: bytes, namespaces: tuple[str, ...]) -> tuple[int, int] | None:
    """Where the ``<sheetData>`` content is, when the part is plain enough to scan
    (the caller then requires that content to match ``_SHAPE``)."""
    declaration = _DECLARATION.match(data)
    offset = declaration.end() if declaration else 0
    if declaration:
        encoding = _ENCODING.search(declaration.group())
        if encoding and encoding.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
            return None
    start, end = data.find(b"<sheetData>"), data.find(b"</sheetData>")
    if start < 0 or end < start or data.find(b"<sheetData>", start + 1) >= 0:
        return None  # an empty <sheetData/> (or none, or two) is left to ElementTree
    if data.find(b"</sheetData>", end + 1) >= 0:
        return None
    start += len(b"<sheetData>")
    # DOCTYPE, comments, CDATA, processing instructions: looked for outside <sheetData>
    # only, as the caller then requires its content to be in the plain shape (``_SHAPE``:
    # every "<" there opens one of its tags)
    for head in (b"<!", b"<?"):
        if data.find(head, offset, start) >= 0 or data.find(head, end) >= 0:
            return None
    root = _ROOT.search(data, offset)
    if root is None or data.count(b'xmlns="') != 1:  # one default namespace, on the root:
        return None  # every element is in it
    default = _DEFAULT_NS.search(root.group())
    if default is None or default.group(1).decode() not in namespaces:
        return None
    return start, end


#: Joins the texts for ``_decode``: a private-use character (a text holding one, written
#: or referenced, is noticed by the count of pieces).
_SEPARATOR = "\ue000"
_SEPARATOR_BYTES = _SEPARATOR.encode()


def _decode(raws: list[bytes]) -> list[str] | None:
    """The texts as an XML parser reads them: character and entity references,
    line ends. One small document for all, parsed by expat: its character data
    delivered in one piece and split where the texts were joined (a text that
    holds the separator itself, written or referenced, makes more pieces: each
    text is then parsed in an element of its own)."""
    document = b"<x>" + _SEPARATOR_BYTES.join(raws) + b"</x>"
    pieces: list[str] = []
    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = max(parser.buffer_size, len(document) + 1)
    parser.CharacterDataHandler = pieces.append
    try:
        parser.Parse(document, True)
    except xml.parsers.expat.ExpatError:
        return None
    texts = "".join(pieces).split(_SEPARATOR)
    if len(texts) == len(raws):
        return texts
    return _decode_apart(raws)


def _decode_apart(raws: list[bytes]) -> list[str] | None:
    """``_decode`` with each text in an element of its own."""
    document = b"<x><t>" + b"</t><t>".join(raws) + b"</t></x>"
    pieces: list[str | None] = []
    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = max(parser.buffer_size, max(map(len, raws)) + 1)
    parser.CharacterDataHandler = pieces.append
    parser.EndElementHandler = lambda _name: pieces.append(None)
    try:
        parser.Parse(document, True)
    except xml.parsers.expat.ExpatError:
        return None
    texts: list[str] = []
    current: list[str] = []
    for piece in pieces:
        if piece is None:
            texts.append("".join(current))
            current.clear()
        else:
            current.append(piece)
    texts.pop()  # the end of <x>
    return texts if len(texts) == len(raws) else None


def _number(raw: str) -> int | float:
    raw = raw.strip()
    if "." in raw or "E" in raw or "e" in raw:
        return float(raw)
    return int(raw)


def excel_date(value: float | int) -> Any:
    """A number under a date format as a ``datetime`` (as openpyxl reads it)."""
    try:
        return from_excel(value)
    except (ValueError, OverflowError):
        return value


def typed_value(kind: str | None, raw: str, strings: list[str]) -> Any:
    """The value of a ``<v>`` holding ``raw`` in a cell of type ``kind`` (None: a number)."""
    if kind == "s":
        return strings[int(raw)]
    if kind is None or kind == "n":
        return _number(raw)
    if kind in ("str", "e"):
        return raw
    if kind == "b":
        return raw.strip() in ("1", "true")
    if kind == "d":
        try:
            return datetime.fromisoformat(raw.strip())
        except ValueError:
            return raw
    return raw


def scan_cells(
    data: bytes,
    namespaces: tuple[str, ...],
    strings: list[str],
    style_formats: list[tuple[str, bool]],
    max_col: int | None = None,
) -> list[Cell] | None:
    """Every cell holding a value, as ``XlsxReader.cells`` yields them, or ``None``
    when the part is not in the plain shape (read it with ElementTree then)."""
    if len(data) > MAX_SCAN_BYTES:
        return None
    where = _body(data, namespaces)
    if where is None or not _well_formed(data):
        return None
    start, end = where
    if _SHAPE.fullmatch(data, start, end) is None:
        return None
    limit = max_col if max_col is not None else 1 << 30
    columns: dict[bytes, tuple[int, str]] = {}  # b"H" -> (8, "H")
    rows: dict[bytes, tuple[int, str]] = {}  # b"0005" -> (5, "5")
    styles: dict[bytes, tuple[str, bool]] = {b"": ("General", False)}
    kinds: dict[bytes, str | None] = {b"": None}
    cells: list[Cell] = []
    pending: list[tuple[int, bytes, str | None, bool]] = []  # (index, raw, kind, is_date)
    try:
        for letters, digits, style, kind, v_form, number, text in _VALUE_CELL.findall(
            data, start, end
        ):
            if v_form:
                if kind == b"inlineStr" or (not number and kind == b"s"):
                    return None  # ElementTree's path skips or refuses these
                if not number:
                    continue  # an empty <v></v>: no value
                raw = number
            elif kind != b"inlineStr":
                return None  # <is> in a cell of another type: ElementTree's path
            else:
                raw = text
            found = columns.get(letters)
            if found is None:
                column = 0
                for char in letters:
                    column = column * 26 + char - 64
                found = columns[letters] = (column, letters.decode())
            column, name = found
            if column > limit:
                continue
            row = rows.get(digits)
            if row is None:
                number_of_row = int(digits)
                row = rows[digits] = (number_of_row, str(number_of_row))
            shape = styles.get(style)
            if shape is None:
                index = int(style)
                shape = styles[style] = (
                    style_formats[index] if index < len(style_formats) else ("General", False)
                )
            fmt, is_date = shape
            cell_kind = kinds.get(kind)
            if cell_kind is None and kind:
                cell_kind = kinds[kind] = kind.decode()
            if _AMPERSAND in raw or _CARRIAGE_RETURN in raw:  # decoded by expat below
                pending.append((len(cells), raw, cell_kind if v_form else "", is_date))
                value: Any = None
            elif not v_form:
                value = raw.decode("utf-8")
            else:
                value = typed_value(cell_kind, raw.decode("utf-8"), strings)
                if is_date and type(value) in (int, float):
                    value = excel_date(value)
            cells.append((row[0], column, name + row[1], value, fmt))
        if pending:
            texts = _decode([raw for _index, raw, _kind, _date in pending])
            if texts is None:
                return None
            for (index, _raw, cell_kind, is_date), value in zip(pending, texts, strict=True):
                if cell_kind != "":  # a <v>
                    value = typed_value(cell_kind, value, strings)
                    if is_date and type(value) in (int, float):
                        value = excel_date(value)
                row_index, column, coord, _none, fmt = cells[index]
                cells[index] = (row_index, column, coord, value, fmt)
    except (IndexError, ValueError, UnicodeDecodeError):
        return None  # a bad shared-string index or number: ElementTree's path says so
    return cells


__all__ = ["MAX_SCAN_BYTES", "excel_date", "scan_cells", "typed_value"]
