"""Helpers for the Excel ledger tests: a demo database, filling a sheet, LibreOffice."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from desktop.demo import add_demo_coordination
from desktop.importer import parse_file
from desktop.models.store import Store

TODAY = date(2024, 7, 1)
PERIOD = "2024-07"


def seed_with_coordination(store: Store, seed_path: Path) -> dict[str, str]:
    """The demo plan with milestones (overdue, due soon, …), target values and a report."""
    store.import_plan(parse_file(seed_path))
    return add_demo_coordination(store, TODAY)


def fill(src: Path, dst: Path, values: dict[str, object], sheet: str = "填报表") -> Path:
    """Copy a workbook with some cells set, as a person in Excel would."""
    wb = openpyxl.load_workbook(src)
    ws = wb[sheet]
    for coord, value in values.items():
        ws[coord] = value
    wb.save(dst)
    return dst


def row_of(path: Path, label: str, first: bool = True) -> int:
    """The sheet row whose 任务编号 is ``label`` (its item row, not a target row)."""
    ws = openpyxl.load_workbook(path)["填报表"]
    for row in ws.iter_rows(min_row=5):
        if row[1].value == label and (row[0].value is not None) == first:
            return row[0].row
    raise AssertionError(f"{label} not in {path}")


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.skip("LibreOffice (soffice) is not installed: scripts/setup.sh installs it")
    return exe


def convert(path: Path, outdir: Path, target: str) -> subprocess.CompletedProcess:
    """``soffice --headless --convert-to TARGET`` with a private profile (parallel-safe)."""
    profile = outdir / "lo-profile"
    return subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )


# UTF-8 (76), every sheet (-1) as its own file NAME-SHEET.csv
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def libreoffice_csv(path: Path, outdir: Path) -> dict[str, list[list[str]]]:
    """Every sheet of ``path`` as LibreOffice reads it: {sheet name: rows}."""
    outdir.mkdir(parents=True, exist_ok=True)
    proc = convert(path, outdir, CSV_ALL_SHEETS)
    assert proc.returncode == 0, proc.stderr
    sheets = {}
    for csv_path in outdir.glob(f"{path.stem}-*.csv"):
        name = csv_path.stem[len(path.stem) + 1 :]
        with csv_path.open(encoding="utf-8") as handle:
            sheets[name] = list(csv.reader(handle))
    assert sheets, proc.stdout + proc.stderr
    return sheets


MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def resave_like_excel(
    src: Path, dst: Path, text_numbers: frozenset[str] = frozenset(), *, keep_refs: bool = False
) -> Path:
    """Rewrite ``src`` the way Excel and WPS save a workbook: every string in a
    shared-string table (``t="s"``), no ``r`` on a cell that follows its left
    neighbour (``keep_refs``: every cell keeps it, as Excel usually writes); the
    cells of the first sheet named in ``text_numbers`` keep their number as text
    (Excel's "number stored as text")."""
    from xml.etree import ElementTree

    from desktop.ledger.xlsx_read import column_index

    ElementTree.register_namespace("", MAIN_NS)
    tag = f"{{{MAIN_NS}}}"
    strings: list[str] = []
    index: dict[str, int] = {}

    def share(text: str) -> str:
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return str(index[text])

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                first = info.filename.endswith("sheet1.xml")
                root = ElementTree.fromstring(data)
                for row in root.iter(f"{tag}row"):
                    previous = 0
                    for cell in row.iter(f"{tag}c"):
                        ref = cell.get("r")
                        column = column_index(ref.rstrip("0123456789"))
                        if cell.get("t") == "inlineStr":
                            text = "".join(cell.itertext())
                            for child in list(cell):
                                cell.remove(child)
                            ElementTree.SubElement(cell, f"{tag}v").text = share(text)
                            cell.set("t", "s")
                        elif first and ref in text_numbers and cell.find(f"{tag}v") is not None:
                            cell.find(f"{tag}v").text = share(cell.find(f"{tag}v").text)
                            cell.set("t", "s")
                        if column == previous + 1 and not keep_refs:
                            del cell.attrib["r"]
                        previous = column
                data = ElementTree.tostring(root, xml_declaration=True, encoding="UTF-8")
            elif info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                    b"</Relationships>",
                )
            zout.writestr(info, data)
        sst = ElementTree.Element(f"{tag}sst", count=str(len(strings)))
        for text in strings:
            ElementTree.SubElement(ElementTree.SubElement(sst, f"{tag}si"), f"{tag}t").text = text
        zout.writestr("xl/sharedStrings.xml", ElementTree.tostring(sst, encoding="UTF-8"))
    return dst


def fill_every_item(src: Path, dst: Path, note: str = "按计划推进") -> Path:
    """Every item row of a fill-in sheet filled in (本期进展 and 完成百分比), as a unit
    would return it."""
    wb = openpyxl.load_workbook(src)
    ws = wb["填报表"]
    for row in ws.iter_rows(min_row=5):
        if row[0].value is not None:  # an item row (target rows have no 序号)
            ws[f"H{row[0].row}"] = f"{row[1].value}{note}"
            ws[f"I{row[0].row}"] = (row[0].value * 7) % 101
    wb.save(dst)
    return dst


def busiest_units(store: Store, count: int) -> list[str]:
    """The names of the ``count`` units with the most assignments (not groups)."""
    return [
        name
        for (name,) in store.db.execute(
            "SELECT u.name FROM unit u JOIN assignment a ON a.unit_id = u.id"
            " WHERE u.kind != 'group' GROUP BY u.id ORDER BY count(*) DESC, u.name LIMIT ?",
            [count],
        )
    ]


def as_format_1(src: Path, dst: Path, ensure_ascii: bool = True) -> Path:
    """A copy of a fill-in sheet with its hidden sheet in format 1 (``liandong-fill/1``),
    as sheets sent out before format 2 were written: column A only, the format, then
    the whole metadata (locked cells included, and the checksum over a re-serialisation)
    as JSON in pieces of 30,000 characters. ``ensure_ascii=False``: the Chinese
    characters as they are (the first format 1 sheets)."""
    from desktop.ledger.fill_sheet import FORMAT_1, META_SHEET, checksum

    wb = openpyxl.load_workbook(src)
    hidden = wb[META_SHEET]
    head = "".join(c.value for c in hidden["A"][1:] if c.value)
    cells = json.loads("".join(c.value for c in hidden["B"][1:] if c.value))
    meta = {**json.loads(head), "format": FORMAT_1, "cells": cells}
    meta["checksum"] = checksum(meta)
    text = json.dumps(meta, ensure_ascii=ensure_ascii, sort_keys=True)
    wb.remove(hidden)
    hidden = wb.create_sheet(META_SHEET)
    hidden.sheet_state = "veryHidden"
    hidden.protection.sheet = True
    hidden.append([FORMAT_1])
    for start in range(0, len(text), 30_000):
        hidden.append([text[start : start + 30_000]])
    wb.save(dst)
    return dst
