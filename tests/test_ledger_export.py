"""The 台账 workbook: read back with openpyxl and with LibreOffice headless."""

from __future__ import annotations

import warnings

import openpyxl
import pytest

from desktop.errors import UserError
from desktop.ledger import xlsx
from desktop.ledger.export import Cancelled, export_ledger
from desktop.ledger.xlsx import STATUS_FILLS
from desktop.models import status as st
from desktop.models.store import Store
from tests.helpers.ledger_helpers import TODAY, libreoffice_csv, seed_with_coordination


@pytest.fixture
def demo(store: Store, seed_path) -> Store:
    seed_with_coordination(store, seed_path)
    return store


def header_index(ws) -> dict[str, int]:  # noqa: ANN001
    return {cell.value: cell.column - 1 for cell in ws[2] if cell.value}


def data_rows(ws) -> list[tuple]:  # noqa: ANN001
    return [r for r in ws.iter_rows(min_row=3, values_only=True) if r[0] is not None]


def test_by_section_has_every_task_with_status_report_and_print_setup(demo, tmp_path) -> None:
    out = tmp_path / "台账.xlsx"
    counts = export_ledger(demo.db, out, today=TODAY)
    assert counts == {"sheets": 6, "rows": 36}  # 27 tasks, 36 work items, 6 sections
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "（一）数字基础设施能力提升行动"
    ws = wb.worksheets[0]
    col = header_index(ws)
    assert list(col)[:4] == ["序号", "章节", "任务编号", "任务名称"]
    assert ws.freeze_panes == "C3"
    assert ws.auto_filter.ref == f"A2:Q{ws.max_row}"
    assert ws.print_title_rows == "$1:$2"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.orientation == "landscape"
    assert ws.column_dimensions["D"].width >= 30  # 任务名称 is wide
    rows = {r[col["任务编号"]]: (r, n) for n, r in enumerate(data_rows(ws), start=3)}
    row, n = rows["任务5"]
    assert row[col["任务名称"]] == "推进算力中心建设"
    assert row[col["牵头单位"]] == "市政数局"
    assert row[col["状态"]] == "逾期"
    assert "算力中心一期投运（2024-06-11）" in row[col["逾期里程碑"]]
    assert row[col["最新进展"]] == "机房土建完成，设备安装中"
    assert row[col["完成百分比"]] == 70 and row[col["填报期"]] == "2024-07"
    assert row[col["填报单位"]] == "市政数局"
    status_cell = ws.cell(n, col["状态"] + 1)
    assert status_cell.fill.fgColor.rgb.endswith(STATUS_FILLS[st.OVERDUE].fgColor.rgb[-6:])
    assert status_cell.alignment.wrap_text
    row1, n1 = rows["任务1"]
    # rows are as tall as their wrapped text (11 supporting units: several lines)
    assert ws.row_dimensions[n1].height >= 3 * 13
    assert (
        ws.row_dimensions[rows["任务4"][1]].height in (None, 0)
        or ws.row_dimensions[rows["任务4"][1]].height < ws.row_dimensions[n1].height
    )
    assert (
        "主城区5G基站数量 ≥ 13000个（2025-12-31）：最新 11050个，完成 85%" in row1[col["目标进展"]]
    )
    # multi-item tasks: one row per work item, numbered 14-1, 14-2 …
    labels = [r[col["任务编号"]] for ws in wb.worksheets for r in data_rows(ws)]
    assert "任务14-1" in labels and "任务14-2" in labels and len(labels) == 36


def test_by_unit_one_sheet_per_unit_with_its_role(demo, tmp_path) -> None:
    out = tmp_path / "units.xlsx"
    counts = export_ledger(demo.db, out, by="unit", today=TODAY)
    wb = openpyxl.load_workbook(out)
    assert counts["sheets"] == len(wb.sheetnames) > 20
    assert wb.sheetnames[0] == "市政数局"  # leads the most work items
    assert "各电信运营商" not in wb.sheetnames  # groups get no sheet of their own
    ws = wb["市政数局"]
    col = header_index(ws)
    roles = {r[col["任务编号"]]: r[col["本单位角色"]] for r in data_rows(ws)}
    assert roles["任务5"] == "牵头" and roles["任务1"] == "配合"


def test_libreoffice_opens_the_ledger(demo, tmp_path) -> None:
    out = tmp_path / "ledger.xlsx"
    export_ledger(demo.db, out, today=TODAY)
    sheets = libreoffice_csv(out, tmp_path / "csv")
    assert len(sheets) == 6
    rows = sheets["（一）数字基础设施能力提升行动"]
    assert rows[1][:4] == ["序号", "章节", "任务编号", "任务名称"]
    task5 = next(r for r in rows if r[2] == "任务5")
    assert "推进算力中心建设" in task5 and "逾期" in task5 and "机房土建完成，设备安装中" in task5


def test_bad_choices_and_paths_are_refused(demo, tmp_path) -> None:
    with pytest.raises(UserError, match="section"):
        export_ledger(demo.db, tmp_path / "x.xlsx", by="month")
    with pytest.raises(UserError, match=r"\.xlsx"):
        export_ledger(demo.db, tmp_path / "x.csv")
    with pytest.raises(UserError, match="不存在"):
        export_ledger(demo.db, tmp_path / "missing" / "x.xlsx")
    target = tmp_path / "open.xlsx"
    (tmp_path / ".~lock.open.xlsx#").write_text("LibreOffice lock")
    with pytest.raises(UserError, match="正在被其他程序"):
        export_ledger(demo.db, target)
    assert not target.exists()


def test_cancel_leaves_no_file(demo, tmp_path) -> None:
    seen: list[tuple[int, int]] = []
    out = tmp_path / "cancelled.xlsx"
    with pytest.raises(Cancelled):
        export_ledger(
            demo.db,
            out,
            progress=lambda done, total, _text: seen.append((done, total)),
            cancelled=lambda: len(seen) >= 2,
        )
    assert not out.exists() and seen[0] == (0, 6)
    assert not list(tmp_path.glob(".liandong-*"))


def test_empty_database_is_refused(store, tmp_path) -> None:
    with pytest.raises(UserError, match="请先导入计划"):
        export_ledger(store.db, tmp_path / "empty.xlsx")


def test_every_status_has_a_fill() -> None:
    from desktop.ledger import xlsx
    from desktop.models import status as st

    assert set(xlsx.STATUS_FILLS) == set(st.STATUSES)


def test_writer_escapes_text_and_reads_back_everywhere(tmp_path) -> None:
    """The streaming writer: awkward text, numbers, empty cells, quotes in sheet
    names; openpyxl reads it without a warning and LibreOffice opens it."""
    from desktop.ledger.xlsx import BODY_STYLE, HEADER_STYLE, LEDGER_STYLES, save_via_temp
    from desktop.ledger.xlsx_write import MAX_CELL_TEXT, PageSetup, WorkbookWriter

    out = tmp_path / "w.xlsx"
    long_text = "长" * (MAX_CELL_TEXT + 10)

    def write(name: str) -> None:
        with open(name, "wb") as handle:
            book = WorkbookWriter(handle, LEDGER_STYLES)
            body, header = book.style[BODY_STYLE], book.style[HEADER_STYLE]
            rows = [
                (["名称", "数值", "空"], header, None),
                (['<a & b> "引号"', 1.5, None], body, 30.0),
                (["  前后空格  ", 12500.0, "第一行\n第二行"], [body, body, body], None),
                (["控制\x01字符", -3, long_text], body, None),
                ([float("nan"), 10**20, 2.5e-7], body, None),
            ]
            book.add_sheet("甲'乙&丙", [10, 8, 12], rows, row_count=5, freeze="B2",
                           auto_filter="A1:C5", page=PageSetup(title_rows=(1, 1)))  # fmt: skip
            book.add_sheet(
                "第二",
                [10],
                [(["x"], body, None)],
                row_count=1,
                freeze="A2",
                page=PageSetup((1, 1), False),
            )
            book.close()

    save_via_temp(out, write)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["甲'乙&丙", "第二"]
    ws = wb["甲'乙&丙"]
    assert [c.value for c in ws[2]] == ['<a & b> "引号"', 1.5, None]
    assert ws["A3"].value == "  前后空格  " and ws["B3"].value == 12500
    assert ws["C3"].value == "第一行\n第二行" and ws["A4"].value == "控制字符"
    assert ws["B4"].value == -3 and len(ws["C4"].value) == MAX_CELL_TEXT
    assert [c.value for c in ws[5]] == ["nan", 10**20, 2.5e-7]
    assert xlsx.row_height(["字" * 5000], [10]) == xlsx.MAX_ROW_HEIGHT  # Excel's limit
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == "A1:C5"
    assert ws.print_title_rows == "$1:$1" and ws.row_dimensions[2].height == 30
    assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb.endswith("D9E2F3")
    assert wb["第二"].page_setup.orientation == "portrait" and wb["第二"].freeze_panes == "A2"
    sheets = libreoffice_csv(out, tmp_path / "csv")
    assert sheets["甲'乙&丙"][1][:2] == ['<a & b> "引号"', "1.5"]


def test_many_plans_by_section_become_one_filterable_sheet(
    demo, seed_path, tmp_path, monkeypatch
) -> None:
    """Several plans: a sheet per plan and section up to SECTION_SHEETS_MAX, then one
    sheet of every row with its 计划 and 章节 (a province has 200 plans)."""
    from desktop.importer import parse_file
    from desktop.ledger import export

    second = tmp_path / "second.txt"
    second.write_text(
        seed_path.read_text(encoding="utf-8")
        .replace("数字经济发展行动计划", "数字政府建设行动计划")
        .replace("〔2023〕17号", "〔2023〕18号"),
        encoding="utf-8",
    )
    demo.import_plan(parse_file(second))
    counts = export_ledger(demo.db, tmp_path / "both.xlsx", today=TODAY)
    assert counts == {"sheets": 12, "rows": 72}  # 2 plans x 6 sections
    monkeypatch.setattr(export, "SECTION_SHEETS_MAX", 11)
    counts = export_ledger(demo.db, tmp_path / "all.xlsx", today=TODAY)
    assert counts == {"sheets": 1, "rows": 72}
    wb = openpyxl.load_workbook(tmp_path / "all.xlsx")
    assert wb.sheetnames == ["全部任务（2份计划）"]
    ws = wb.worksheets[0]
    col = header_index(ws)
    assert list(col)[:3] == ["序号", "计划", "章节"]
    rows = data_rows(ws)
    assert len(rows) == 72 and len({r[col["计划"]] for r in rows}) == 2
    assert ws.auto_filter.ref == f"A2:R{len(rows) + 2}" and ws.freeze_panes == "C3"
    # one plan stays one sheet per section however many sections it has
    plan = demo.db.execute("SELECT id FROM plan ORDER BY imported_at LIMIT 1").fetchone()[0]
    monkeypatch.setattr(export, "SECTION_SHEETS_MAX", 1)
    assert (
        export_ledger(demo.db, tmp_path / "one.xlsx", today=TODAY, plan_ids=[plan])["sheets"] == 6
    )
