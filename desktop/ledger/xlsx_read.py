"""A small streaming reader of .xlsx cell values (zipfile + ElementTree).

The fill-in import reads every cell of one sheet and the hidden meta sheet;
openpyxl builds a full object per cell and took ~40 % of a province import.
This reader parses only what the import compares: each cell's value and its
number format, from whatever program saved the file last:

- strings shared (``t="s"``, with rich-text runs; phonetic runs skipped),
  inline (``t="inlineStr"``) or from a formula (``t="str"``, cached value);
- numbers (an int when written without a fraction or exponent, as openpyxl
  reads them), booleans, error values (``#N/A`` …), ISO dates (``t="d"``) and
  numbers under a date format, as ``datetime`` (openpyxl does the same);
- cells and rows without their ``r`` reference (allowed by the standard);
- the transitional and the strict (ISO 29500 "Strict Open XML") namespaces.

Bad or oversized files raise ``UserError`` with a plain message.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

from desktop.errors import UserError
from desktop.ledger.xlsx_scan import MAX_SCAN_BYTES, excel_date, scan_cells, typed_value

MAIN_NS = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",  # Strict Open XML
)
REL_NS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MAX_PART_BYTES = 256 * 1024 * 1024  # uncompressed; a fill-in sheet is a few MB at most

_COORD = re.compile(r"^([A-Z]{1,3})([0-9]+)$")
_DIGITS = "0123456789"
Cell = tuple[int, int, str, Any, str]  # row, column, "H7", value, number format


def _tags(local: str) -> frozenset[str]:
    return frozenset(f"{{{ns}}}{local}" for ns in MAIN_NS)


C, ROW, V, IS, T, R, SI = (_tags(n) for n in ("c", "row", "v", "is", "t", "r", "si"))
SHEET, NUM_FMT, CELL_XFS = (_tags(n) for n in ("sheet", "numFmt", "cellXfs"))


def column_index(letters: str) -> int:
    """ "A" → 1, "AA" → 27."""
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index


def column_letter(index: int) -> str:
    """1 → "A", 27 → "AA"."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(node: ElementTree.Element) -> str:
    """The text of an ``<si>`` or ``<is>``: its ``<t>``, or its runs' ``<t>``s
    (phonetic guides ``<rPh>`` are not part of the value)."""
    if len(node) == 1 and node[0].tag in T:  # the usual case: plain text
        return node[0].text or ""
    parts = []
    for child in node:
        if child.tag in T:
            parts.append(child.text or "")
        elif child.tag in R:
            parts.extend(t.text or "" for t in child if t.tag in T)
    return "".join(parts)


class XlsxReader:
    """Cell values of the sheets of one .xlsx file. Use as a context manager."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self._zip = zipfile.ZipFile(self.path)
        except PermissionError:
            raise
        except (zipfile.BadZipFile, OSError) as exc:
            raise UserError("{} 不是有效的 Excel .xlsx 文件，无法读取。", self.path.name) from exc
        try:
            self._sheets = self._read_workbook()
            self._strings: list[str] | None = None
            self._formats: list[str] | None = None
            self.scanned: set[str] = set()  # sheets read by ``xlsx_scan`` (the others: parsed)
        except BaseException:
            self._zip.close()
            raise

    def __enter__(self) -> XlsxReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    # -- package parts ------------------------------------------------------------

    def _open(self, name: str) -> IO[bytes]:
        try:
            info = self._zip.getinfo(name)
        except KeyError:
            raise self._bad(f"缺少 {name}") from None
        if info.file_size > MAX_PART_BYTES:
            raise UserError("{} 中的 {} 过大，不像一份填报表。", self.path.name, name)
        return self._zip.open(info)

    def _parse(self, name: str) -> ElementTree.Element:
        try:
            with self._open(name) as handle:
                return ElementTree.parse(handle).getroot()
        except (ElementTree.ParseError, zipfile.BadZipFile, OSError, EOFError) as exc:
            raise self._bad(f"{name}: {exc}") from exc

    def _bad(self, detail: str) -> UserError:
        return UserError(
            "{} 不是有效的 Excel .xlsx 文件，无法读取。", self.path.name, detail=detail
        )

    def _rels(self, part: str) -> dict[str, str]:
        """Relationship id → target part name, for the part ``part``."""
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
        if rels_name not in self._zip.NameToInfo:
            return {}
        out = {}
        for rel in self._parse(rels_name):
            if rel.tag != f"{{{PKG_REL_NS}}}Relationship" or rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            if target.startswith("/"):
                target = target[1:]
            else:
                target = posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = target
        return out

    def _workbook_part(self) -> str:
        for rel_id, target in self._rels("").items():
            del rel_id
            if target.endswith(".xml") and "workbook" in target.rsplit("/", 1)[-1].lower():
                return target
        return "xl/workbook.xml"

    def _read_workbook(self) -> dict[str, str]:
        self._workbook = self._workbook_part()
        rels = self._rels(self._workbook)
        sheets: dict[str, str] = {}
        for node in self._parse(self._workbook).iter():
            if node.tag not in SHEET:
                continue
            rel_id = next((node.get(f"{{{ns}}}id") for ns in REL_NS if node.get(f"{{{ns}}}id")), "")
            if rel_id in rels:
                sheets[node.get("name", "")] = rels[rel_id]
        self._workbook_rels = rels
        return sheets

    @property
    def sheetnames(self) -> list[str]:
        return list(self._sheets)

    def _part_of_type(self, suffix: str) -> str | None:
        """The workbook's related part whose name ends with ``suffix`` (styles, strings)."""
        for target in self._workbook_rels.values():
            if target.lower().endswith(suffix.lower()):
                return target
        return None

    def shared_strings(self) -> list[str]:
        if self._strings is None:
            part = self._part_of_type("sharedStrings.xml")
            self._strings = []
            if part and part in self._zip.NameToInfo:
                self._strings = [_text(si) for si in self._parse(part) if si.tag in SI]
        return self._strings

    def formats(self) -> list[str]:
        """Number format code per cell style index (``s``)."""
        if self._formats is None:
            self._formats = []
            part = self._part_of_type("styles.xml")
            if part and part in self._zip.NameToInfo:
                root = self._parse(part)
                custom = {
                    int(f.get("numFmtId", "0")): f.get("formatCode", "")
                    for f in root.iter()
                    if f.tag in NUM_FMT
                }
                for xfs in root:
                    if xfs.tag in CELL_XFS:
                        for xf in xfs:
                            fmt_id = int(xf.get("numFmtId", "0") or 0)
                            self._formats.append(
                                custom.get(fmt_id) or BUILTIN_FORMATS.get(fmt_id, "General")
                            )
        return self._formats

    # -- cells ------------------------------------------------------------------------

    def _column(self, ref: str, columns: dict[str, int]) -> int:
        """The column number of a cell reference ("H7" → 8), checked."""
        if not _COORD.match(ref):
            raise self._bad(f"cell reference {ref}")
        letters = ref.rstrip(_DIGITS)
        if letters not in columns:
            columns[letters] = column_index(letters)
        return columns[letters]

    def cells(self, sheet: str, max_col: int | None = None) -> Iterator[Cell]:
        """(row, column, "H7", value, number format) of every cell holding a value,
        in order."""
        if sheet not in self._sheets:
            raise self._bad(f"no sheet {sheet}")
        strings = self.shared_strings()
        formats = self.formats()
        dates = {fmt: fmt != "General" and is_date_format(fmt) for fmt in set(formats)}
        style_formats = [(fmt, dates[fmt]) for fmt in formats]
        data = self._read_part(self._sheets[sheet])
        if data is not None:  # the usual shape is read without ElementTree (xlsx_scan)
            scanned = scan_cells(data, MAIN_NS, strings, style_formats, max_col)
            if scanned is not None:
                self.scanned.add(sheet)
                yield from scanned
                return
        yield from self._parsed_cells(sheet, data, strings, style_formats, max_col)

    def _read_part(self, name: str) -> bytes | None:
        """The part's bytes when it is small enough to scan, else None."""
        info = self._zip.NameToInfo.get(name)
        if info is None or info.file_size > MAX_SCAN_BYTES:
            return None
        try:
            with self._open(name) as handle:
                return handle.read()
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise self._bad(f"{name}: {exc}") from exc

    def _parsed_cells(
        self,
        sheet: str,
        data: bytes | None,
        strings: list[str],
        style_formats: list[tuple[str, bool]],
        max_col: int | None,
    ) -> Iterator[Cell]:
        """``cells`` read with ElementTree: any shape the standard allows."""
        columns: dict[str, int] = {}  # "H" -> 8, for the few letters a sheet uses
        row_index = 0
        last_ref = ""
        limit = max_col if max_col is not None else 1 << 30
        v_tags, is_tags, row_tags, c_tags = V, IS, ROW, C
        n_styles = len(style_formats)
        try:
            with (
                io.BytesIO(data) if data is not None else self._open(self._sheets[sheet]) as handle
            ):
                for _event, row in ElementTree.iterparse(handle):
                    if row.tag not in row_tags:
                        continue
                    number = row.get("r")
                    row_index = int(number) if number else row_index + 1
                    row_text = str(row_index)
                    col_index = 0
                    for node in row:
                        if not len(node):  # no value (a styled empty cell): skip early
                            if node.tag not in c_tags:
                                continue
                            ref = node.get("r")
                            if ref:
                                col_index = -1  # resolved below if a cell without r follows
                                last_ref = ref
                            elif col_index >= 0:
                                col_index += 1
                            else:
                                col_index = self._column(last_ref, columns) + 1
                            continue
                        if node.tag not in c_tags:
                            continue
                        attrib = node.attrib
                        ref = attrib.get("r")
                        if ref:
                            letters = ref.rstrip(_DIGITS)
                            col_index = columns.get(letters) or self._column(ref, columns)
                            # the usual reference names this row: the coordinate as is
                            coord = ref if ref[len(letters) :] == row_text else letters + row_text
                        else:
                            if col_index < 0:
                                col_index = self._column(last_ref, columns)
                            col_index += 1
                            letters = column_letter(col_index)
                            coord = letters + row_text
                        if col_index > limit:
                            continue
                        kind, first = attrib.get("t"), node[0]
                        if kind == "s" and first.tag in v_tags:  # the usual cells, no call
                            value = strings[int(first.text or "")]
                        elif kind == "inlineStr" and first.tag in is_tags:
                            value = _text(first)
                        else:
                            value = _value(node, kind, strings)
                            if value is None:
                                continue
                        style = attrib.get("s")
                        fmt = "General"
                        if style:
                            style_index = int(style)
                            if style_index < n_styles:
                                fmt, is_date = style_formats[style_index]
                                if is_date and type(value) in (int, float):
                                    value = excel_date(value)
                        yield row_index, col_index, coord, value, fmt
                    row.clear()
        except ElementTree.ParseError as exc:
            raise self._bad(f"{sheet}: {exc}") from exc
        except (IndexError, ValueError) as exc:
            raise self._bad(f"{sheet}: {exc}") from exc


def _value(node: ElementTree.Element, kind: str | None, strings: list[str]) -> Any:
    """The value of a ``<c>`` of type ``kind`` (None: a number)."""
    if kind == "inlineStr":
        for child in node:
            if child.tag in IS:
                return _text(child)
        return None
    raw = None
    for child in node:  # <f> (a formula) may come before <v>
        if child.tag in V:
            raw = child.text
            break
    if raw is None:
        return None
    return typed_value(kind, raw, strings)


__all__ = ["XlsxReader", "column_index", "column_letter"]
