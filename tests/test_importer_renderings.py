"""The demo plan re-rendered in ten published styles imports to the same units.

Issue 9: national （一） numbering with 列第一位者为牵头单位, verb forms, labels on
lines with （1）, a text table, a Word table, Word auto-numbering, an Excel task
table, a PDF, GB18030 with mixed punctuation, a traditional-character repost. Binary files are generated here
(tests/helpers/plan_renderings.py), never hand-made.
"""

from __future__ import annotations

import pytest

from desktop.importer import parse_file
from desktop.models.store import Store
from tests.helpers import plan_renderings as r


@pytest.fixture(scope="module")
def demo(request):
    from pathlib import Path

    seed = Path(__file__).resolve().parent.parent / "assets" / "demo-plan-changchun-2023.txt"
    return parse_file(seed)


def _write_text(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


RENDERINGS = {
    "national": lambda plan, tmp: _write_text(tmp, "national.txt", r.national(plan)),
    "verb_forms": lambda plan, tmp: _write_text(tmp, "verbs.txt", r.verb_forms(plan)),
    "label_lines": lambda plan, tmp: _write_text(tmp, "labels.txt", r.label_lines(plan)),
    "text_table": lambda plan, tmp: _write_text(tmp, "table.txt", r.text_table(plan)),
    "word_table": lambda plan, tmp: r.word_table(plan, tmp / "table.docx"),
    "word_numbering": lambda plan, tmp: r.word_auto_numbering(plan, tmp / "numbered.docx"),
    "excel_table": lambda plan, tmp: r.excel_table(plan, tmp / "tasks.xlsx"),
    "pdf": lambda plan, tmp: r.pdf(r.verb_forms(plan), tmp / "plan.pdf"),
    "gb18030_mixed": lambda plan, tmp: _gb(plan, tmp),
    "traditional": lambda plan, tmp: _write_text(
        tmp, "hant.txt", r.traditional(r.verb_forms(plan))
    ),
}


def _gb(plan, tmp):
    path = tmp / "gb.txt"
    path.write_bytes(r.gb18030_mixed(r.label_lines(plan)))
    return path


@pytest.mark.parametrize("style", list(RENDERINGS))
def test_rendering_imports_the_same_units(style, demo, tmp_path):
    path = RENDERINGS[style](demo, tmp_path)
    plan = parse_file(path)
    want = r.expected_lead_first(demo) if style == "national" else r.expected(demo)
    got = [{(u.role, u.name) for item in t.items for u in item.units} for t in plan.tasks]
    assert len(got) == len(want) == 27
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        assert g == w, f"{style}: task {i + 1}"
    assert sum(len(t.items) for t in plan.tasks) == 36
    store = Store.open(tmp_path / "x.db")
    try:
        assert store.import_plan(plan).counts["tasks"] == 27
    finally:
        store.close()


def test_scanned_pdf_has_no_text_layer(tmp_path, db_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from desktop.cli import main

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for i in range(40):  # strokes standing in for a scanned page: no text at all
        c.rect(50 + i * 10, 100 + i * 15, 200, 8, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(Exception) as info:
        parse_file(path)
    assert "此PDF没有文字层" in str(info.value)
    assert main(["import", str(path), "--db", str(db_path)]) == 2
    assert not db_path.exists()


def test_csv_task_table(demo, tmp_path):
    import csv

    path = tmp_path / "tasks.csv"
    with open(path, "w", encoding="gb18030", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(r.HEADER)
        writer.writerows(r.table_rows(demo))
    plan = parse_file(path)
    got = [{(u.role, u.name) for item in t.items for u in item.units} for t in plan.tasks]
    assert got == r.expected(demo)
    assert plan.tasks[0].deadline == "2025-12-31"


def test_sheet_without_known_headers_names_what_it_saw(tmp_path):
    import openpyxl

    from desktop.importer.formats import sheet_to_text

    path = tmp_path / "odd.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["编码", "事项", "主抓部门", "协助部门"])
    book.active.append([1, "建设城市大脑", "市政数局", "市工信局"])
    book.save(path)
    with pytest.raises(Exception) as info:
        parse_file(path)
    assert "第一行是：编码 | 事项 | 主抓部门 | 协助部门" in str(info.value)
    # The column mapping the preview offers: 事项 = task, 主抓部门 = lead, 协助部门 = support.
    text = sheet_to_text(path, columns={"no": 0, "task": 1, "lead": 2, "support": 3})
    assert "1. 建设城市大脑" in text and "牵头单位：市政数局" in text


def test_old_word_file_through_libreoffice(demo, tmp_path):
    import subprocess

    from desktop.importer.formats import office_binary

    binary = office_binary()
    if binary is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt install libreoffice-writer-nogui")
    import docx

    source = tmp_path / "plan.docx"
    document = docx.Document()
    for line in r.verb_forms(demo).split("\n"):
        document.add_paragraph(line)
    document.save(source)
    subprocess.run(
        [binary, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
         "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    # WPS saves the same binary format under .wps: one conversion covers both names.
    wps = tmp_path / "plan.wps"
    (tmp_path / "plan.doc").rename(wps)
    plan = parse_file(wps)
    got = [{(u.role, u.name) for item in t.items for u in item.units} for t in plan.tasks]
    assert got == r.expected(demo)


def test_old_word_file_without_libreoffice(tmp_path, monkeypatch):
    from desktop.importer import formats

    monkeypatch.setattr(formats, "office_binary", lambda: None)
    path = tmp_path / "plan.wps"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(Exception) as info:
        parse_file(path)
    message = str(info.value)
    assert "LibreOffice" in message and ".docx" in message and ".wps" in message
