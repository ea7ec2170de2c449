"""A small streaming SpreadsheetML (.xlsx) writer for the 台账 (zipfile, no openpyxl cells).

openpyxl's write-only mode costs ~10 ms per sheet and a few objects per cell;
a province ledger by section has 1,200 sheets and ~200,000 cells. This writer
produces the same workbook parts directly, as Excel writes them:

- one shared-string table (every distinct text once), numbers as ``<v>``;
- a style sheet built from the ledger's openpyxl style objects (``xlsx.py``:
  one definition of fonts, fills, borders and alignments), one cell format per
  named ledger style;
- per sheet: column widths, frozen panes, row heights, an auto-filter (with
  Excel's hidden ``_xlnm._FilterDatabase`` name), print titles
  (``_xlnm.Print_Titles``), A4 with fit-to-width, margins and a page footer;
- ``docProps`` and content types, so Excel, WPS and LibreOffice open it
  without a repair prompt (tests read it back with openpyxl and LibreOffice).

Text is escaped, characters XML 1.0 cannot carry are dropped, and cell text is
cut at Excel's 32,767 characters.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO
from xml.sax.saxutils import escape

from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.xml.functions import tostring

from desktop.ledger.xlsx_read import column_index, column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
MAX_CELL_TEXT = 32_767
CHUNK_ROWS = 512  # rows compressed at a time
_QUOTE = {'"': "&quot;"}
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class CellStyle:
    """A named cell format: openpyxl style objects, serialised once into styles.xml."""

    font: Font
    fill: PatternFill | None = None
    alignment: Alignment | None = None
    border: Border | None = None


@dataclass(frozen=True)
class PageSetup:
    title_rows: tuple[int, int]  # repeated on every printed page (first, last)
    landscape: bool = True
    paper: str = "9"  # A4
    margins: tuple[float, float, float, float] = (0.4, 0.4, 0.6, 0.6)  # left right top bottom
    footer: str = "第 &P 页，共 &N 页"  # centred; &P page, &N pages


def _text(value: str) -> str:
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("", value)
    return value[:MAX_CELL_TEXT]


def _number(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)  # finite: the caller writes nan / inf as text


def _absolute(cells: str) -> str:
    """ "A2:Q9" → "$A$2:$Q$9"."""
    return re.sub(r"([A-Z]+)([0-9]+)", r"$\1$\2", cells)


def _pane(freeze: str) -> str:
    """Frozen rows above and columns left of ``freeze`` ("C3"), as Excel writes them."""
    column = freeze.rstrip("0123456789")
    x_split, y_split = column_index(column) - 1, int(freeze[len(column) :]) - 1
    active = {(True, True): "bottomRight", (False, True): "bottomLeft"}.get(
        (x_split > 0, y_split > 0), "topRight"
    )
    splits = (f' xSplit="{x_split}"' if x_split else "") + (
        f' ySplit="{y_split}"' if y_split else ""
    )
    others = "".join(
        f'<selection pane="{pane}"/>'
        for pane in ("topRight", "bottomLeft")
        if active == "bottomRight"
    )
    return (
        f'<pane{splits} topLeftCell="{freeze}" activePane="{active}" state="frozen"/>{others}'
        f'<selection pane="{active}" activeCell="{freeze}" sqref="{freeze}"/>'
    )


def _quoted(sheet: str) -> str:
    """A sheet name as a formula reference: '名称' (quotes doubled)."""
    return "'" + sheet.replace("'", "''") + "'"


class SheetWriter:
    """One worksheet's XML, written row by row (``WorkbookWriter.add_sheet``)."""

    def __init__(
        self, book: WorkbookWriter, out: IO[bytes], widths: Sequence[float], row_count: int
    ) -> None:
        self.book = book
        self.out = out  # the archive member the sheet's XML is compressed into
        self.widths = list(widths)
        self.letters = [column_letter(i) for i in range(1, len(widths) + 1)]
        self.rows: list[str] = []  # rows not written yet (up to ``CHUNK_ROWS``)
        self.row_count = 0
        self.expected = row_count  # the dimension written before the rows

    def append(
        self, values: Sequence[object], styles: Sequence[int] | int, height: float | None = None
    ) -> None:
        """A row of values (str, int, float or None) with one style id per cell (or one
        for all). None writes an empty styled cell (its border and fill still show)."""
        self.row_count += 1
        r = self.row_count
        shared = self.book.shared
        parts = [f'<row r="{r}" ht="{height}" customHeight="1">' if height else f'<row r="{r}">']
        for index, value in enumerate(values):
            style = styles if isinstance(styles, int) else styles[index]
            ref = f"{self.letters[index]}{r}"
            if value is None or value == "":
                parts.append(f'<c r="{ref}" s="{style}"/>')
            elif isinstance(value, str):
                parts.append(f'<c r="{ref}" s="{style}" t="s"><v>{shared(value)}</v></c>')
            elif isinstance(value, bool):
                parts.append(f'<c r="{ref}" s="{style}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int | float) and math.isfinite(value):
                parts.append(f'<c r="{ref}" s="{style}"><v>{_number(value)}</v></c>')
            else:  # nan, inf or another type: its text
                parts.append(f'<c r="{ref}" s="{style}" t="s"><v>{shared(str(value))}</v></c>')
        parts.append("</row>")
        self.rows.append("".join(parts))
        if len(self.rows) >= CHUNK_ROWS:
            self.flush()

    def flush(self) -> None:
        self.out.write("".join(self.rows).encode("utf-8"))
        self.rows.clear()

    def head(self, *, freeze: str | None, selected: bool) -> None:
        """The XML before the rows: the dimension (``row_count`` rows), view and columns."""
        last = f"{self.letters[-1]}{max(self.expected, 1)}"
        view = ' tabSelected="1"' if selected else ""
        pane = _pane(freeze) if freeze and freeze != "A1" else ""
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{width}" customWidth="1"/>'
            for i, width in enumerate(self.widths, start=1)
        )
        self.out.write(
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}"'
            f' xmlns:r="{REL}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
            f'<dimension ref="A1:{last}"/>'
            f'<sheetViews><sheetView{view} workbookViewId="0">{pane}</sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>'.encode()
        )

    def tail(self, *, auto_filter: str | None, page: PageSetup) -> None:
        """The rows not written yet and the XML after them."""
        if self.row_count != self.expected:
            raise ValueError(f"{self.row_count} rows written, {self.expected} announced")
        self.flush()
        left, right, top, bottom = page.margins
        self.out.write(
            "".join(
                [
                    "</sheetData>",
                    f'<autoFilter ref="{auto_filter}"/>' if auto_filter else "",
                    '<printOptions horizontalCentered="1"/>',
                    f'<pageMargins left="{left}" right="{right}" top="{top}" bottom="{bottom}"'
                    ' header="0.3" footer="0.3"/>',
                    f'<pageSetup paperSize="{page.paper}"'
                    f' orientation="{"landscape" if page.landscape else "portrait"}"'
                    ' fitToWidth="1" fitToHeight="0"/>',
                    f"<headerFooter><oddFooter>&amp;C{escape(page.footer)}</oddFooter>"
                    "</headerFooter>",
                    "</worksheet>",
                ]
            ).encode("utf-8")
        )


class WorkbookWriter:
    """Writes a workbook into an open binary file; sheets are added one at a time, each
    compressed into the archive as its rows come."""

    def __init__(
        self, out: IO[bytes], styles: dict[str, CellStyle], *, creator: str = "联动"
    ) -> None:
        self._zip = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=3)
        self._strings: dict[str, int] = {}
        self._references = 0  # string cells (the table's count; uniqueCount is len)
        self._sheets: list[tuple[str, str | None, PageSetup]] = []  # title, filter, page
        self._creator = creator
        self._style_names = list(styles)
        self._styles = styles
        self.style = {name: index + 1 for index, name in enumerate(self._style_names)}

    def shared(self, text: str) -> int:
        self._references += 1
        index = self._strings.get(text)
        if index is None:
            index = self._strings[text] = len(self._strings)
        return index

    def add_sheet(
        self,
        title: str,
        widths: Sequence[float],
        rows: Iterable[tuple[Sequence[object], Sequence[int] | int, float | None]],
        *,
        row_count: int,
        freeze: str | None = None,
        auto_filter: str | None = None,
        page: PageSetup,
    ) -> None:
        """A finished sheet: ``row_count`` ``rows`` of (values, style ids, height or None),
        compressed into the archive as they come (a sheet of 120,000 rows held as XML
        text was ~250 MB)."""
        number = len(self._sheets) + 1
        with self._zip.open(f"xl/worksheets/sheet{number}.xml", "w") as out:
            sheet = SheetWriter(self, out, widths, row_count)
            sheet.head(freeze=freeze, selected=number == 1)
            for values, styles, height in rows:
                sheet.append(values, styles, height)
            sheet.tail(auto_filter=auto_filter, page=page)
        self._sheets.append((title, auto_filter, page))

    def close(self) -> None:
        """Write the workbook, styles, shared strings and package parts."""
        count = len(self._sheets)
        z = self._zip
        z.writestr("[Content_Types].xml", self._content_types(count))
        z.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            f'<Relationship Id="rId2" Type="{PKG_REL}/metadata/core-properties"'
            ' Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/>'
            "</Relationships>",
        )
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        z.writestr(
            "docProps/core.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties'
            ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:creator>{escape(self._creator)}</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
            "</cp:coreProperties>",
        )
        z.writestr(
            "docProps/app.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
            '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"<Application>{escape(self._creator)}</Application></Properties>",
        )
        z.writestr("xl/workbook.xml", self._workbook())
        rels = "".join(
            f'<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, count + 1)
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">{rels}'
            f'<Relationship Id="rId{count + 1}" Type="{REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId{count + 2}" Type="{REL}/sharedStrings"'
            ' Target="sharedStrings.xml"/></Relationships>',
        )
        z.writestr("xl/styles.xml", self._stylesheet())
        z.writestr("xl/sharedStrings.xml", self._shared_strings())
        z.close()

    def abort(self) -> None:
        """Stop without finishing the archive (the caller deletes the file)."""
        self._zip.close()

    # -- parts ----------------------------------------------------------------------

    def _content_types(self, count: int) -> str:
        sheets = "".join(
            f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{CT}.worksheet+xml"/>'
            for n in range(1, count + 1)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns='
            '"http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{CT}.sheet.main+xml"/>{sheets}'
            f'<Override PartName="/xl/styles.xml" ContentType="{CT}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT}.sharedStrings+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
            'package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'
        )

    def _workbook(self) -> str:
        sheets = []
        names = []
        for n, (title, auto_filter, page) in enumerate(self._sheets):
            sheets.append(
                f'<sheet name="{escape(title, _QUOTE)}" sheetId="{n + 1}" r:id="rId{n + 1}"/>'
            )
            quoted = escape(_quoted(title))
            if auto_filter:
                names.append(
                    f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
                    f"{quoted}!{_absolute(auto_filter)}</definedName>"
                )
            first_row, last_row = page.title_rows
            names.append(
                f'<definedName name="_xlnm.Print_Titles" localSheetId="{n}">'
                f"{quoted}!${first_row}:${last_row}</definedName>"
            )
        defined = f"<definedNames>{''.join(names)}</definedNames>" if names else ""
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            '<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>'
            f'<sheets>{"".join(sheets)}</sheets>{defined}<calcPr calcId="191029"/></workbook>'
        )

    def _stylesheet(self) -> str:
        fonts = [Font(name="宋体", size=11)]
        fills = [PatternFill(), PatternFill(patternType="gray125")]
        borders = [Border()]

        def index_of(items: list, item: object) -> int:
            for n, existing in enumerate(items):
                if existing == item:
                    return n
            items.append(item)
            return len(items) - 1

        xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
        for name in self._style_names:
            style = self._styles[name]
            font = index_of(fonts, style.font)
            fill = index_of(fills, style.fill) if style.fill is not None else 0
            border = index_of(borders, style.border) if style.border is not None else 0
            flags = ' applyFont="1"'
            flags += ' applyFill="1"' if fill else ""
            flags += ' applyBorder="1"' if border else ""
            align = ""
            if style.alignment is not None:
                flags += ' applyAlignment="1"'
                align = tostring(style.alignment.to_tree()).decode()
            xfs.append(
                f'<xf numFmtId="0" fontId="{font}" fillId="{fill}" borderId="{border}" xfId="0"'
                f"{flags}>{align}</xf>"
            )

        def part(tag: str, items: list) -> str:
            body = "".join(tostring(item.to_tree()).decode() for item in items)
            return f'<{tag} count="{len(items)}">{body}</{tag}>'

        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{MAIN}">'
            f"{part('fonts', fonts)}{part('fills', fills)}{part('borders', borders)}"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            f'</cellStyleXfs><cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )

    def _shared_strings(self) -> str:
        items = []
        for text in self._strings:
            clean = escape(_text(text))
            space = ' xml:space="preserve"' if clean != clean.strip() else ""
            items.append(f"<si><t{space}>{clean}</t></si>")
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst xmlns="{MAIN}" count="{self._references}" uniqueCount="{len(items)}">'
            f"{''.join(items)}</sst>"
        )


__all__ = ["CellStyle", "PageSetup", "SheetWriter", "WorkbookWriter"]
