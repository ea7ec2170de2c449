"""The fill-in import's own .xlsx reader, on files shaped as Excel, WPS and
LibreOffice save them (shared strings, rich text, cells without references,
numbers stored as text, the strict namespace), and on broken files."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from desktop.errors import UserError
from desktop.ledger import xlsx
from desktop.ledger.xlsx_read import XlsxReader, column_index, column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def package(
    path: Path, sheet_xml: str, *, ns: str = MAIN, strings: str = "", styles: str = ""
) -> Path:
    """A minimal workbook of one sheet "表" with the given parts (relative rel targets)."""
    rels = [f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/s1.xml"/>']
    if strings:
        rels.append(
            f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    if styles:
        rels.append(f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG}"><Relationship Id="r" Type="{REL}/officeDocument"'
            ' Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{ns}" xmlns:r="{REL}"><sheets>'
            '<sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{PKG}">{"".join(rels)}</Relationships>',
        )
        z.writestr(
            "xl/worksheets/s1.xml",
            f'<worksheet xmlns="{ns}"><sheetData>{sheet_xml}</sheetData></worksheet>',
        )
        if strings:
            z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{ns}">{strings}</sst>')
        if styles:
            z.writestr("xl/styles.xml", f'<styleSheet xmlns="{ns}">{styles}</styleSheet>')
    return path


STRINGS = (
    "<si><t>共享</t></si>"
    '<si><r><rPr><b/></rPr><t>富</t></r><r><t xml:space="preserve">文本 </t></r>'
    '<rPh sb="0" eb="1"><t>フ</t></rPh></si>'
)
STYLES = (
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>'
    '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/>'
    '<xf numFmtId="9"/></cellXfs>'
)


def test_values_of_every_cell_type(tmp_path) -> None:
    sheet = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="inlineStr"><is><r><t>内</t></r><r><t>联</t></r></is></c>'
        '<c r="D1" t="str"><f>A1&amp;""</f><v>公式</v></c>'
        '<c r="E1" t="b"><v>1</v></c><c r="F1" t="e"><v>#N/A</v></c>'
        '<c r="G1"><v>85</v></c><c r="H1"><v>1.5E3</v></c><c r="I1" t="n"><v>0.25</v></c>'
        '<c r="J1" t="s"/><c r="K1" s="1"><v>0.4</v></c><c r="L1" s="2"><v>45292</v></c>'
        '<c r="M1" t="d"><v>2024-07-01T00:00:00</v></c><c r="N1" t="s"><v>0</v></c></row>'
        # a row and cells without references (allowed; Excel's own writers omit some)
        '<row><c><v>1</v></c><c t="inlineStr"><is><t>二</t></is></c></row>'
        '<row r="7"><c r="AA7" t="inlineStr"><is><t>远</t></is></c></row>'
    )
    path = package(tmp_path / "a.xlsx", sheet, strings=STRINGS, styles=STYLES)
    with XlsxReader(path) as reader:
        assert reader.sheetnames == ["表"]
        cells = {coord: (value, fmt) for _r, _c, coord, value, fmt in reader.cells("表")}
        positions = [(r, c) for r, c, _coord, _v, _f in reader.cells("表")]
        narrow = [coord for _r, _c, coord, _v, _f in reader.cells("表", max_col=2)]
    assert cells["A1"] == ("共享", "General")
    assert cells["B1"][0] == "富文本 "  # runs joined, the phonetic guide left out
    assert cells["C1"][0] == "内联" and cells["D1"][0] == "公式"
    assert cells["E1"][0] is True and cells["F1"][0] == "#N/A"
    assert cells["G1"][0] == 85 and isinstance(cells["G1"][0], int)
    assert cells["H1"][0] == 1500.0 and cells["I1"][0] == 0.25
    assert "J1" not in cells  # no value
    assert cells["K1"] == (0.4, "0.0%")
    assert cells["L1"][0] == datetime(2024, 1, 1)  # a date format: a date, as openpyxl reads it
    assert cells["M1"][0] == datetime(2024, 7, 1)
    assert cells["A2"][0] == 1 and cells["B2"][0] == "二"
    assert cells["AA7"][0] == "远" and (7, 27) in positions
    assert narrow == ["A1", "B1", "A2", "B2"]


def test_the_strict_namespace_and_absolute_targets(tmp_path) -> None:
    sheet = '<row r="3"><c r="B3" t="inlineStr"><is><t>严格</t></is></c></row>'
    path = package(tmp_path / "strict.xlsx", sheet, ns=STRICT)
    with XlsxReader(path) as reader:
        assert [(coord, value) for _r, _c, coord, value, _f in reader.cells("表")] == [
            ("B3", "严格")
        ]
    # openpyxl writes absolute targets (/xl/worksheets/sheet1.xml)
    wb = openpyxl.Workbook()
    wb.active.title = "甲"
    wb.active["C2"] = "值"
    wb.active["D2"] = 12
    wb.create_sheet("乙")
    wb.save(tmp_path / "openpyxl.xlsx")
    with XlsxReader(tmp_path / "openpyxl.xlsx") as reader:
        assert reader.sheetnames == ["甲", "乙"]
        assert [(c, v) for _r, _c, c, v, _f in reader.cells("甲")] == [("C2", "值"), ("D2", 12)]
        assert list(reader.cells("乙")) == []


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({"xl/workbook.xml": "<workbook"}, "不是有效的 Excel .xlsx 文件"),
        ({"other.txt": "x"}, "不是有效的 Excel .xlsx 文件"),
    ],
)
def test_broken_packages_are_refused_plainly(tmp_path, parts, message) -> None:
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    with pytest.raises(UserError, match=message), xlsx.open_reader(path) as reader:
        list(reader.cells("表"))


def test_a_broken_sheet_or_cell_reference_is_refused(tmp_path) -> None:
    bad_xml = package(tmp_path / "xml.xlsx", '<row r="1"><c r="A1"><v>1</v></row>')
    bad_ref = package(tmp_path / "ref.xlsx", '<row r="1"><c r="1A"><v>1</v></c></row>')
    bad_number = package(tmp_path / "num.xlsx", '<row r="1"><c r="A1"><v>x1</v></c></row>')
    bad_string = package(tmp_path / "str.xlsx", '<row r="1"><c r="A1" t="s"><v>7</v></c></row>')
    for path in (bad_xml, bad_ref, bad_number, bad_string):
        with XlsxReader(path) as reader, pytest.raises(UserError, match="不是有效的 Excel"):
            list(reader.cells("表"))


def test_column_letters() -> None:
    for index in (1, 2, 26, 27, 52, 53, 702, 703, 16384):
        assert column_index(column_letter(index)) == index
    assert column_letter(28) == "AB" and column_index("XFD") == 16384
