"""The scanned reading of plain worksheet parts (``xlsx_scan``) gives exactly the cells
ElementTree's reading gives, on real fill-in sheets (our writer, filled in and saved
by openpyxl, re-saved like Excel); anything else falls back to ElementTree."""

from __future__ import annotations

import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.errors import UserError
from desktop.ledger import xlsx_read, xlsx_scan
from desktop.ledger.fill_import import import_fill_sheet
from desktop.ledger.fill_sheet import DATA_SHEET, META_SHEET, write_fill_sheet
from desktop.ledger.xlsx_read import XlsxReader
from desktop.models.store import Store
from tests.helpers.ledger_helpers import (
    PERIOD,
    TODAY,
    fill,
    fill_every_item,
    resave_like_excel,
    seed_with_coordination,
)

UNIT = "市政数局"
SHEET1 = "xl/worksheets/sheet1.xml"


@pytest.fixture
def demo(store: Store, seed_path: Path) -> Store:
    seed_with_coordination(store, seed_path)
    return store


@pytest.fixture
def written(demo: Store, tmp_path: Path) -> Path:
    path = tmp_path / "fill.xlsx"
    write_fill_sheet(demo.db, demo.find_unit(UNIT), PERIOD, path, today=TODAY)
    return path


@pytest.fixture
def filled(written: Path, tmp_path: Path) -> Path:
    """Filled in and saved by openpyxl, with text needing XML escapes and line ends."""
    path = fill_every_item(written, tmp_path / "filled.xlsx")
    return fill(path, path, {"H5": '进展 <较快> & "顺利"\r\n第二行', "I5": 12.5})


def _read(path: Path, sheets: tuple[str, ...] = (DATA_SHEET, META_SHEET)) -> tuple[list, set]:
    """Every sheet's cells (with each value's type: 1 and 1.0 differ) and the sheets
    that were scanned."""
    with XlsxReader(path) as reader:
        cells = [
            [(r, c, coord, type(value), value, fmt) for r, c, coord, value, fmt in reader.cells(s)]
            for s in sheets
        ]
        return cells, set(reader.scanned)


def _parsed(path: Path, monkeypatch: pytest.MonkeyPatch) -> list:
    with monkeypatch.context() as patch:
        patch.setattr(xlsx_read, "MAX_SCAN_BYTES", -1)  # every part through ElementTree
        cells, scanned = _read(path)
    assert scanned == set()
    return cells


def _rewrite(src: Path, dst: Path, change: Callable[[bytes], bytes], member: str = SHEET1) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, change(data) if info.filename == member else data)
    return dst


def test_our_sheets_are_scanned_with_the_same_cells(
    written: Path, filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    excel = resave_like_excel(filled, tmp_path / "excel.xlsx", keep_refs=True)
    for path in (written, filled, excel):
        cells, scanned = _read(path)
        assert scanned == {DATA_SHEET, META_SHEET}, path.name
        assert cells == _parsed(path, monkeypatch), path.name
        assert len(cells[0]) > 100
    text = {coord: value for _r, _c, coord, _t, value, _f in _read(filled)[0][0]}
    assert text["H5"] == '进展 <较快> & "顺利"\r\n第二行'  # openpyxl writes &#13;
    assert text["I5"] == 12.5


ALTERED = {
    "cells without references (Excel, WPS)": None,
    "whitespace between cells": lambda d: d.replace(b"</c>", b"</c>\n"),
    "a comment": lambda d: d.replace(b"<sheetData>", b"<sheetData><!-- x -->"),
    "a comment before the cells": lambda d: d.replace(b"<sheetData>", b"<!-- x --><sheetData>"),
    "an instruction after the cells": lambda d: d.replace(b"</sheetData>", b"</sheetData><?x y?>"),
    "a table in a comment": lambda d: d.replace(
        b"<sheetData>", b"<!-- <sheetData></sheetData> --><sheetData>"
    ),
    "a CDATA text": lambda d: re.sub(rb"<t>([^<&]*)</t>", rb"<t><![CDATA[\1]]></t>", d, count=1),
    "a formula": lambda d: d.replace(b'<c r="I5" s="', b'<c r="I5" s="', 1).replace(
        b'"><v>12.5</v>', b'"><f>6.25*2</f><v>12.5</v>', 1
    ),
    "attributes in another order": lambda d: re.sub(
        rb'<c r="([A-Z]+[0-9]+)" s="([0-9]+)" t="inlineStr">',
        rb'<c r="\1" t="inlineStr" s="\2">',
        d,
        count=3,
    ),
    "rows without numbers": lambda d: re.sub(rb'<row r="[0-9]+"', b"<row", d),
    "a cell naming another row": lambda d: d.replace(b'<c r="C5"', b'<c r="C7"', 1),
    "a prefixed namespace": lambda d: re.sub(rb"<(/?)([a-zA-Z]+)", rb"<\1x:\2", d).replace(
        b"<x:worksheet xmlns=", b"<x:worksheet xmlns:x="
    ),
    "a rich text run": lambda d: re.sub(
        rb"<is><t>([^<]*)</t></is>", rb"<is><r><t>\1</t></r></is>", d, count=2
    ),
    "the default namespace set again": lambda d: d.replace(
        b"<sheetData>",
        b'<sheetData xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
    ),
}


@pytest.mark.parametrize("change", list(ALTERED))
def test_other_shapes_are_parsed_as_before(
    change: str, filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if ALTERED[change] is None:
        path = resave_like_excel(filled, tmp_path / "excel.xlsx")
    else:
        path = _rewrite(filled, tmp_path / "altered.xlsx", ALTERED[change])
    cells, scanned = _read(path)
    assert DATA_SHEET not in scanned
    assert cells == _parsed(path, monkeypatch)


def test_a_sheet_in_another_namespace_reads_no_cells_either_way(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _rewrite(
        filled,
        tmp_path / "foreign.xlsx",
        lambda d: d.replace(b"spreadsheetml/2006/main", b"x/y", 1),
    )
    cells, scanned = _read(path, (DATA_SHEET,))
    assert cells == [[]] and DATA_SHEET not in scanned


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d[: len(d) // 2],  # cut short
        lambda d: d.replace(b"</row>", b"</rowx>", 1),  # not well-formed
        lambda d: d.replace(b"&#", b"&#x;&#", 1),  # a bad character reference
        lambda d: d.replace(b"<c r=", "<c r=\udcff".encode("utf-8", "surrogatepass"), 1),
    ],
)
def test_a_broken_part_is_refused_as_before(
    change: Callable[[bytes], bytes], filled: Path, tmp_path: Path
) -> None:
    path = _rewrite(filled, tmp_path / "broken.xlsx", change)
    with XlsxReader(path) as reader, pytest.raises(UserError) as caught:
        list(reader.cells(DATA_SHEET))
    assert "不是有效的 Excel .xlsx 文件" in caught.value.message
    assert DATA_SHEET not in reader.scanned


def test_a_tampered_locked_cell_is_refused_on_the_scanned_path(
    demo: Store, written: Path, tmp_path: Path
) -> None:
    filled = fill_every_item(written, tmp_path / "plain.xlsx")
    path = fill(filled, tmp_path / "tampered.xlsx", {"C5": "改过的任务名"})
    with pytest.raises(UserError) as caught:
        import_fill_sheet(demo, path)
    assert "C5：此单元格不可修改" in caught.value.message
    assert _read(path)[1] == {DATA_SHEET, META_SHEET}
    assert import_fill_sheet(demo, filled).added > 0


def test_texts_holding_the_decoders_separator_read_as_written(
    written: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``_decode`` joins a sheet's referenced texts with U+E000 and splits them again: a
    text holding that character (as openpyxl writes it, ``&#57344;``, or literally)
    is still read exactly as ElementTree reads it."""
    path = fill_every_item(written, tmp_path / "filled.xlsx")
    fill(path, path, {"H5": "进展\ue000中\ue000", "H7": "\ue000", "H8": "无分隔的进展"})
    literal = _rewrite(
        path, tmp_path / "literal.xlsx", lambda d: d.replace(b"&#57344;", "\ue000".encode())
    )
    for sheet in (path, literal):
        cells, scanned = _read(sheet)
        assert scanned == {DATA_SHEET, META_SHEET}
        assert cells == _parsed(sheet, monkeypatch)
        text = {coord: value for _r, _c, coord, _t, value, _f in cells[0]}
        assert (text["H5"], text["H7"], text["H8"]) == (
            "进展\ue000中\ue000",
            "\ue000",
            "无分隔的进展",
        )


def _greedy(pattern: re.Pattern[bytes]) -> re.Pattern[bytes]:
    """The same pattern with its possessive quantifiers made plain greedy ones."""
    return re.compile(pattern.pattern.replace(b"*+", b"*").replace(b"?+", b"?"))


def test_possessive_shape_patterns_match_as_the_greedy_ones(filled: Path) -> None:
    """``xlsx_scan``'s patterns never give back what they matched: on a real filled
    sheet and on thousands of cut, doubled and spliced copies of its table, they find
    exactly what the plain greedy patterns find."""
    shape, cell = xlsx_scan._SHAPE, xlsx_scan._VALUE_CELL
    assert shape.pattern.count(b"*+") >= 3 and cell.pattern.count(b"?+") >= 3
    greedy_shape, greedy_cell = _greedy(shape), _greedy(cell)
    with zipfile.ZipFile(filled) as package:
        data = package.read(SHEET1)
    body = data[data.index(b"<sheetData>") + 11 : data.index(b"</sheetData>")][:6000]
    pieces = [b"<", b">", b"/>", b"</c>", b"</row>", b'<c r="H5">', b' s="1"', b" ", b"<v>7</v>"]
    chance = random.Random(8)
    variants = [body]
    for _ in range(3000):
        text = bytearray(body[: chance.randrange(200, len(body))])
        at = chance.randrange(len(text))
        if chance.random() < 0.5:
            del text[at : at + chance.randrange(1, 12)]
        else:
            text[at:at] = chance.choice(pieces)
        variants.append(bytes(text))
    matched = 0
    for text in variants:
        whole = shape.fullmatch(text)
        assert (whole is None) == (greedy_shape.fullmatch(text) is None)
        matched += whole is not None
        assert cell.findall(text) == greedy_cell.findall(text)
    assert 0 < matched < len(variants)  # both kinds of answer were asked for
