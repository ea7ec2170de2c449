"""The fill-in sheet round trip and every refusal (nothing written unless all is valid)."""

from __future__ import annotations

import json
import shutil
import zipfile

import openpyxl
import pytest

from desktop.errors import UserError
from desktop.importer import parse_file
from desktop.ledger.fill_import import SheetRefused, import_fill_sheet
from desktop.ledger.fill_sheet import META_SHEET, write_fill_sheet
from desktop.ledger.report_rows import NewReports, SharedLookups
from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import progress, report_queries
from desktop.models.store import Store
from tests.helpers.ledger_helpers import (
    PERIOD,
    TODAY,
    as_format_1,
    convert,
    fill,
    libreoffice_csv,
    resave_like_excel,
    row_of,
    seed_with_coordination,
)

UNIT = "市政数局"


@pytest.fixture
def demo(store: Store, seed_path) -> Store:
    seed_with_coordination(store, seed_path)
    return store


@pytest.fixture
def sheet(demo: Store, tmp_path):
    path = tmp_path / "fill.xlsx"
    write_fill_sheet(demo.db, demo.find_unit(UNIT), PERIOD, path, today=TODAY)
    return path


def reports(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM report").fetchone()[0]


def log_count(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM change_log").fetchone()[0]


def refused(store: Store, path) -> list[str]:  # noqa: ANN001
    before = (reports(store), log_count(store))
    with pytest.raises(SheetRefused) as info:
        import_fill_sheet(store, path)
    assert (reports(store), log_count(store)) == before  # nothing written
    return [str(p) for p in info.value.problems]


def test_sheet_layout_locks_everything_but_the_fill_in_columns(demo, sheet) -> None:
    wb = openpyxl.load_workbook(sheet)
    ws = wb["填报表"]
    assert wb[META_SHEET].sheet_state == "veryHidden"
    assert ws.protection.sheet and wb.security.lockStructure
    assert [c.value for c in ws[4]] == [
        "序号", "任务编号", "任务 / 目标", "本单位角色", "里程碑", "完成时限", "最近填报",
        "本期进展", "完成百分比(%)", "目标数值",
    ]  # fmt: skip
    r5 = row_of(sheet, "任务5")
    assert ws[f"C{r5}"].value == "推进算力中心建设" and ws[f"D{r5}"].value == "牵头"
    # pre-filled with the unit's current report of the period
    assert ws[f"H{r5}"].value == "机房土建完成，设备安装中" and ws[f"I{r5}"].value == 70
    assert not ws[f"H{r5}"].protection.locked and not ws[f"I{r5}"].protection.locked
    assert ws[f"C{r5}"].protection.locked and ws[f"J{r5}"].protection.locked
    target_row = row_of(sheet, "任务1", first=False)
    assert ws[f"C{target_row}"].value.startswith("　目标：主城区5G基站数量")
    assert not ws[f"J{target_row}"].protection.locked and ws[f"H{target_row}"].protection.locked
    ranges = {
        str(dv.sqref): (dv.type, dv.formula1, dv.formula2)
        for dv in ws.data_validations.dataValidation
    }
    percent = next(v for k, v in ranges.items() if f"I{r5}" in k.split())
    assert percent == ("decimal", "0", "100")
    assert ws.print_title_rows == "$4:$4" and ws.page_setup.fitToWidth == 1
    hidden = wb[META_SHEET]
    assert hidden["A1"].value == "liandong-fill/2" and len(hidden["B1"].value) == 64
    meta = json.loads("".join(c.value for c in hidden["A"][1:] if c.value))
    assert meta["unit_name"] == UNIT and meta["period"] == PERIOD and "cells" not in meta
    locked = json.loads("".join(c.value for c in hidden["B"][1:] if c.value))
    assert locked["A4"] == "序号" and locked[f"C{r5}"] == "推进算力中心建设"


def test_round_trip_adds_reports_once_through_the_synced_store(demo, sheet, tmp_path) -> None:
    r1, r4 = row_of(sheet, "任务1"), row_of(sheet, "任务4")
    t1 = row_of(sheet, "任务1", first=False)
    filled = fill(sheet, tmp_path / "filled.xlsx", {
        f"H{r4}": "云平台完成招标", f"I{r4}": 35,
        f"H{r1}": "配合完成选址", f"J{t1}": "11,800",
    })  # fmt: skip
    before = reports(demo)
    result = import_fill_sheet(demo, filled)
    assert (result.added, result.corrected, result.unchanged) == (2, 0, 1)
    assert reports(demo) == before + 2
    rows = {
        r["task_no"]: r
        for r in report_queries.report_history(demo.db, period=PERIOD)
        if r["current"]
    }
    assert rows[4]["text"] == "云平台完成招标" and rows[4]["percent"] == 35
    assert rows[4]["unit_name"] == UNIT
    target = cq.resolve_target(demo.db, cq.resolve_task(demo.db, 1), 1)
    assert rows[1]["figures"] == {target: 11800.0}
    logged = demo.db.execute(
        "SELECT count(*) FROM change_log WHERE action = 'fill_sheet_import' AND tbl = 'report'"
    ).fetchone()[0]
    assert logged == 2  # one action, every report logged for sync
    # the same filled sheet again: nothing added
    again = import_fill_sheet(demo, filled)
    assert (again.added, again.corrected, again.unchanged) == (0, 0, 3)
    assert reports(demo) == before + 2 and "未做更改" in again.summary
    # edited again after the import, then imported again: refused (the file was edited twice)
    twice = fill(filled, tmp_path / "twice.xlsx", {f"I{r4}": 50})
    problems = refused(demo, twice)
    assert len(problems) == 1 and problems[0].startswith(f"H{r4}：任务4 在此表生成后已另有本期填报")
    # a new sheet is pre-filled with what was imported; changing it is a correction
    fresh = tmp_path / "fresh.xlsx"
    write_fill_sheet(demo.db, demo.find_unit(UNIT), PERIOD, fresh, today=TODAY)
    assert openpyxl.load_workbook(fresh)["填报表"][f"H{r4}"].value == "云平台完成招标"
    result = import_fill_sheet(demo, fill(fresh, tmp_path / "fix.xlsx", {f"I{r4}": 50}))
    assert (result.added, result.corrected) == (0, 1)
    history = [
        r
        for r in report_queries.report_history(demo.db, cq.resolve_task(demo.db, 4))
        if r["period"] == PERIOD
    ]
    assert [(r["percent"], r["current"]) for r in history] == [(35, False), (50, True)]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"C{r4}": "改了任务名称"}, "C{r4}：此单元格不可修改（原为“提升云计算能力”"),
        ({"J{r4}": 3}, "J{r4}：此单元格不可修改（原为空，现为“3”）"),
        (
            {"H{end}": "多加的一行"},
            "H{end}：表格之外有内容“多加的一行”：第 {end} 行不是填报表中的事项",
        ),
        ({"L{r4}": "旁注"}, "L{r4}：表格之外有内容“旁注”"),
        ({"I{r4}": 120}, "I{r4}：完成百分比应在 0 到 100 之间（现为 120）"),
        ({"I{r4}": -5}, "I{r4}：完成百分比应在 0 到 100 之间"),
        ({"I{r4}": "八成"}, "I{r4}：完成百分比“八成”不是数字"),
        ({"I{r4}": "nan"}, "I{r4}：完成百分比不能是无穷大或非数字（nan）"),
        ({"J{t1}": "inf"}, "J{t1}：目标数值不能是无穷大或非数字（inf）"),
        ({"J{t1}": "很多"}, "J{t1}：目标数值“很多”不是数字"),
        ({"H{r5}": None, "I{r5}": None}, "H{r5}：任务5 本期已有的填报被清空"),
        ({"H{r4}": "字" * 2001}, "H{r4}：本期进展有 2001 字，最多 2000 字"),
        ({"H{r4}": "完成\x85招标"}, "H{r4}：本期进展含有控制字符 U+0085"),
    ],
)
def test_each_refusal_names_its_cell_and_writes_nothing(
    demo, sheet, tmp_path, cells, expected
) -> None:
    where = {
        "r4": row_of(sheet, "任务4"),
        "r5": row_of(sheet, "任务5"),
        "t1": row_of(sheet, "任务1", first=False),
        "end": openpyxl.load_workbook(sheet)["填报表"].max_row + 1,
    }
    values = {k.format(**where): v for k, v in cells.items()}
    # a valid row beside the bad one: still nothing is written
    values.setdefault(f"H{where['r4']}", "有效的一行")
    problems = refused(demo, fill(sheet, tmp_path / "bad.xlsx", values))
    assert any(p.startswith(expected.format(**where)) for p in problems), problems


def test_percent_typed_with_a_percent_sign_in_excel(demo, sheet, tmp_path) -> None:
    r4 = row_of(sheet, "任务4")
    wb = openpyxl.load_workbook(sheet)
    wb["填报表"][f"I{r4}"] = 0.4
    wb["填报表"][f"I{r4}"].number_format = "0%"  # Excel stores "40%" as 0.4
    wb.save(tmp_path / "pct.xlsx")
    import_fill_sheet(demo, tmp_path / "pct.xlsx")
    row = next(r for r in report_queries.report_history(demo.db, cq.resolve_task(demo.db, 4)))
    assert row["percent"] == 40


def test_sheet_of_another_unit_period_or_database(demo, sheet, tmp_path, seed_path) -> None:
    with pytest.raises(SheetRefused) as info:
        import_fill_sheet(demo, sheet, expect_unit_id=demo.find_unit("市工信局"))
    assert "A1：这是“市政数局”的填报表，不是“市工信局”的" in str(info.value)
    with pytest.raises(SheetRefused, match="A2：这是 2024-07 期的填报表，不是 2024-08 期的"):
        import_fill_sheet(demo, sheet, expect_period="2024-08")
    # the same plan in another database (same ids), without the pre-filled report
    same = Store.open(tmp_path / "same.db")
    try:
        same.import_plan(parse_file(seed_path))
        with pytest.raises(SheetRefused, match="任务5 表中预填的本期填报在本数据库中已不存在"):
            import_fill_sheet(same, sheet)
    finally:
        same.close()
    # a database holding another plan
    other_plan = tmp_path / "other-plan.txt"
    other_plan.write_text(
        seed_path.read_text(encoding="utf-8").replace(
            "数字经济发展行动计划", "数字政府建设行动计划"
        ),
        encoding="utf-8",
    )
    other = Store.open(tmp_path / "other.db")
    try:
        other.import_plan(parse_file(other_plan))
        with pytest.raises(SheetRefused, match="A2：此表来自另一份计划（长府办发〔2023〕17号）"):
            import_fill_sheet(other, sheet)
        assert other.db.execute("SELECT count(*) FROM report").fetchone()[0] == 0
    finally:
        other.close()


def test_tampered_metadata_deleted_rows_and_plan_changes(demo, sheet, tmp_path) -> None:
    wb = openpyxl.load_workbook(sheet)
    meta_ws = wb[META_SHEET]
    tampered = meta_ws["A2"].value.replace(f'"period": "{PERIOD}"', '"period": "2024-08"')
    assert tampered != meta_ws["A2"].value
    meta_ws["A2"] = tampered
    wb.save(tmp_path / "tampered.xlsx")
    with pytest.raises(UserError, match="隐藏的表信息被改动过"):
        import_fill_sheet(demo, tmp_path / "tampered.xlsx")
    wb = openpyxl.load_workbook(sheet)
    wb["填报表"].delete_rows(row_of(sheet, "任务4"))
    wb.save(tmp_path / "deleted.xlsx")
    problems = refused(demo, tmp_path / "deleted.xlsx")
    assert any("不可修改" in p or "被删除" in p for p in problems)
    # a row whose task left the plan since the sheet was made
    r4 = row_of(sheet, "任务4")
    filled = fill(sheet, tmp_path / "f.xlsx", {f"H{r4}": "进展"})
    demo.db.execute("DELETE FROM task WHERE id = ?", [cq.resolve_task(demo.db, 4)])
    problems = refused(demo, filled)
    assert f"B{r4}：任务4 已不在计划中（计划已修改），请重新生成填报表。" in problems


def test_not_a_sheet(demo, tmp_path) -> None:
    with pytest.raises(UserError, match="文件不存在"):
        import_fill_sheet(demo, tmp_path / "nope.xlsx")
    (tmp_path / "text.xlsx").write_text("not a workbook")
    with pytest.raises(UserError, match="不是 Excel .xlsx 文件"):
        import_fill_sheet(demo, tmp_path / "text.xlsx")
    plain = openpyxl.Workbook()
    plain.save(tmp_path / "plain.xlsx")
    with pytest.raises(UserError, match="不是联动生成的填报表"):
        import_fill_sheet(demo, tmp_path / "plain.xlsx")


def test_unit_without_tasks_and_bad_period(demo, tmp_path) -> None:
    with demo.action("add_unit") as tx:
        lonely = tx.insert("unit", {"name": "市档案馆", "kind": "bureau", "aliases": "[]"})
    with pytest.raises(UserError, match="“市档案馆”没有分工的任务"):
        write_fill_sheet(demo.db, lonely, PERIOD, tmp_path / "x.xlsx")
    with pytest.raises(UserError, match="填报期"):
        write_fill_sheet(demo.db, demo.find_unit(UNIT), "2024-13", tmp_path / "x.xlsx")


def test_libreoffice_reads_and_resaves_the_filled_sheet(demo, sheet, tmp_path) -> None:
    r4 = row_of(sheet, "任务4")
    filled = fill(sheet, tmp_path / "filled.xlsx", {f"H{r4}": "LibreOffice 填写", f"I{r4}": 60})
    rows = libreoffice_csv(filled, tmp_path / "csv")["填报表"]
    assert rows[0][0] == "市政数局 2024年7月 工作进展填报表"
    assert rows[r4 - 1][1:3] == ["任务4", "提升云计算能力"] and rows[r4 - 1][7:9] == [
        "LibreOffice 填写",
        "60",
    ]
    # saved again by LibreOffice (as an office would), the sheet still imports
    resaved_dir = tmp_path / "resaved"
    resaved_dir.mkdir()
    shutil.copy(filled, resaved_dir / "in.xlsx")
    proc = convert(resaved_dir / "in.xlsx", tmp_path / "out", "xlsx:Calc MS Excel 2007 XML")
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(tmp_path / "out" / "in.xlsx") as z:  # LibreOffice's own parts
        assert "xl/sharedStrings.xml" in z.namelist()
        assert 't="inlineStr"' not in z.read("xl/worksheets/sheet1.xml").decode()
    result = import_fill_sheet(demo, tmp_path / "out" / "in.xlsx")
    assert result.added == 1
    assert co.parse_period(PERIOD) == PERIOD


def test_sheet_saved_by_excel_or_wps_imports(demo, sheet, tmp_path) -> None:
    """Shared strings, cells without references and numbers stored as text."""
    r4, t1 = row_of(sheet, "任务4"), row_of(sheet, "任务1", first=False)
    filled = fill(sheet, tmp_path / "filled.xlsx", {f"H{r4}": "按 Excel 保存", f"I{r4}": 45})
    filled = fill(filled, tmp_path / "filled2.xlsx", {f"J{t1}": 11900})
    saved = resave_like_excel(filled, tmp_path / "excel.xlsx", frozenset({f"I{r4}", f"J{t1}"}))
    with zipfile.ZipFile(saved) as z:
        assert 't="inlineStr"' not in z.read("xl/worksheets/sheet1.xml").decode()
    result = import_fill_sheet(demo, saved)
    assert (result.added, result.corrected) == (2, 0)
    rows = {
        r["task_no"]: r
        for r in report_queries.report_history(demo.db, period=PERIOD)
        if r["current"]
    }
    assert rows[4]["text"] == "按 Excel 保存" and rows[4]["percent"] == 45
    assert list(rows[1]["figures"].values()) == [11900.0]
    # a locked cell changed in that file is still named by its cell
    changed = fill(sheet, tmp_path / "changed.xlsx", {f"C{r4}": "改名"})
    problems = refused(demo, resave_like_excel(changed, tmp_path / "changed-excel.xlsx"))
    assert any(p.startswith(f"C{r4}：此单元格不可修改") for p in problems)


@pytest.mark.parametrize("shared", [False, True], ids=["per-sheet", "shared-lookups"])
def test_batch_rows_equal_the_single_report_rows(demo, sheet, shared: bool) -> None:
    """The import's set-based checks give the row ``progress.new_report_row`` gives,
    and refuse what it refuses with the same message — with the sheet's own queries
    and with the lookups a batch of sheets shares."""
    unit = demo.find_unit(UNIT)
    task1, task4 = cq.resolve_task(demo.db, 1), cq.resolve_task(demo.db, 4)
    target = cq.resolve_target(demo.db, task1, 1)
    lookups = SharedLookups(demo, author="张三") if shared else None
    batch = NewReports(demo, unit, PERIOD, [task1, task4], author="张三", shared=lookups)
    assert batch.known(task1, None) and not batch.known("no-such-task", None)
    cases = [
        (task4, None, {"text": " 进展 ", "percent": 35}),
        (task1, None, {"text": "", "percent": None, "figures": {target: 12000}}),
    ]
    ignore = {"created_at"}
    for task_id, item_id, values in cases:
        one = progress.new_report_row(
            demo, task_id, unit, period=PERIOD, item_id=item_id, author="张三", **values
        )
        many = batch.row(task_id, item_id, **values)
        assert {k: v for k, v in many.items() if k not in ignore} == {
            k: v for k, v in one.items() if k not in ignore
        }
    bad = [
        {"percent": 101},
        {"text": ""},
        {"text": "x", "figures": {"no-such-target": 1}},
        {"text": "x", "figures": {target: float("inf")}},
    ]
    for values in bad:
        with pytest.raises(UserError) as single:
            progress.new_report_row(demo, task4 if "figures" not in values else task1, unit,
                                    period=PERIOD, **values)  # fmt: skip
        with pytest.raises(UserError) as batched:
            batch.row(task4 if "figures" not in values else task1, None, **values)
        assert batched.value.message == single.value.message
    free = demo.db.execute(
        "SELECT t.id FROM task t WHERE NOT EXISTS (SELECT 1 FROM item i JOIN assignment a"
        " ON a.item_id = i.id WHERE i.task_id = t.id AND a.unit_id = ?) LIMIT 1",
        [unit],
    ).fetchone()[0]
    with pytest.raises(UserError) as single:
        progress.new_report_row(demo, free, unit, period=PERIOD, text="x")
    with pytest.raises(UserError) as batched:
        NewReports(demo, unit, PERIOD, [free], shared=lookups).row(free, None, text="x")
    assert batched.value.message == single.value.message
    assert "该单位不在此任务" in batched.value.message


@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_format_1_sheets_sent_out_before_keep_importing(
    demo, sheet, tmp_path, ensure_ascii
) -> None:
    """Sheets written in format 1 (the whole metadata as one JSON, checksum over a
    re-serialisation; its Chinese as \\uXXXX or, the first ones, as it is) import,
    and are refused with the same messages."""
    old = as_format_1(sheet, tmp_path / "old.xlsx", ensure_ascii=ensure_ascii)
    wb = openpyxl.load_workbook(old)
    text = "".join(r[0] for r in wb[META_SHEET].iter_rows(min_row=2, values_only=True))
    assert wb[META_SHEET]["A1"].value == "liandong-fill/1" and text.isascii() == ensure_ascii
    assert json.loads(text)["cells"]["A4"] == "序号"
    r4, r5 = row_of(sheet, "任务4"), row_of(sheet, "任务5")
    edited = fill(old, tmp_path / "edited.xlsx", {f"H{r4}": "旧表导入", f"C{r5}": "改过的标题"})
    problems = refused(demo, edited)
    assert problems == [f"C{r5}：此单元格不可修改（原为“推进算力中心建设”，现为“改过的标题”）。"]
    tampered = openpyxl.load_workbook(old)
    tampered[META_SHEET]["A2"] = text.replace(PERIOD, "2024-08")[:30_000]
    tampered.save(tmp_path / "tampered.xlsx")
    with pytest.raises(UserError, match="tampered.xlsx 中隐藏的表信息被改动过"):
        import_fill_sheet(demo, tmp_path / "tampered.xlsx")
    filled = fill(old, tmp_path / "filled.xlsx", {f"H{r4}": "旧表导入"})
    assert import_fill_sheet(demo, filled).added == 1
    assert import_fill_sheet(demo, filled).added == 0  # the same sheet twice adds nothing


def test_format_2_locked_cells_text_and_checksum_are_checked(demo, sheet, tmp_path) -> None:
    """The locked cells' JSON (column B) is covered by the checksum; a sheet whose
    locked cells differ from it names each cell as before."""
    wb = openpyxl.load_workbook(sheet)
    hidden = wb[META_SHEET]
    r5 = row_of(sheet, "任务5")
    assert "\\u63a8\\u8fdb" in hidden["B2"].value  # 推进, as ASCII
    hidden["B2"] = hidden["B2"].value.replace("\\u63a8\\u8fdb", "\\u63a8\\u63a8")
    wb.save(tmp_path / "cells.xlsx")
    with pytest.raises(UserError, match="cells.xlsx 中隐藏的表信息被改动过"):
        import_fill_sheet(demo, tmp_path / "cells.xlsx")
    wb = openpyxl.load_workbook(sheet)
    wb[META_SHEET]["B1"] = "0" * 64
    wb.save(tmp_path / "sum.xlsx")
    with pytest.raises(UserError, match="sum.xlsx 中隐藏的表信息被改动过"):
        import_fill_sheet(demo, tmp_path / "sum.xlsx")
    edited = fill(sheet, tmp_path / "edited.xlsx", {f"C{r5}": "改过的标题", "K3": "多余"})
    assert refused(demo, edited) == [
        "K3：表格之外有内容“多余”：第 3 行不是填报表中的事项，不要增加行或列。",
        f"C{r5}：此单元格不可修改（原为“推进算力中心建设”，现为“改过的标题”）。",
    ]


def test_line_breaks_pasted_from_windows_are_kept_as_plain_line_breaks(
    demo, sheet, tmp_path
) -> None:
    r4 = row_of(sheet, "任务4")
    filled = fill(sheet, tmp_path / "crlf.xlsx", {f"H{r4}": "完成招标\r\n签订合同\r进场施工"})
    result = import_fill_sheet(demo, filled)
    assert result.added == 1
    (row,) = [
        r
        for r in report_queries.report_history(demo.db, cq.resolve_task(demo.db, 4))
        if r["period"] == PERIOD and r["current"]
    ]
    assert row["text"] == "完成招标\n签订合同\n进场施工"
