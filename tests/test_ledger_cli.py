"""``liandong ledger export | fill-sheet | import`` end to end on a real database file."""

from __future__ import annotations

import sqlite3

import openpyxl
import pytest

from desktop.cli import main
from tests.helpers.ledger_helpers import fill, fill_every_item, row_of


def run(capsys, db, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main([*argv, "--db", str(db)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def reports(db) -> int:  # noqa: ANN001
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM report").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path, seed_path, capsys):
    path = tmp_path / "cli.db"
    assert main(["import", "--db", str(path), str(seed_path)]) == 0
    capsys.readouterr()
    return path


def test_export_fill_import_round_trip(db, tmp_path, capsys) -> None:
    out = tmp_path / "台账.xlsx"
    code, text, err = run(capsys, db, "ledger", "export", "--by", "unit", "-o", str(out))
    assert code == 0, err
    assert "按单位分" in text and "共" in text
    assert "市政数局" in openpyxl.load_workbook(out).sheetnames
    code, text, err = run(capsys, db, "ledger", "export", "-o", str(out))
    assert code == 0 and "按章节分 6 个工作表，共 36 行" in text

    sheet = tmp_path / "fill.xlsx"
    code, text, err = run(capsys, db, "ledger", "fill-sheet", "--unit", "市政数局",
                          "--period", "2024-07", "-o", str(sheet))  # fmt: skip
    assert code == 0, err
    assert "已生成 市政数局 2024-07 填报表" in text
    r4 = row_of(sheet, "任务4")
    filled = fill(sheet, tmp_path / "filled.xlsx", {f"H{r4}": "完成招标", f"I{r4}": 30})
    code, text, err = run(capsys, db, "ledger", "import", str(filled), "--unit", "市政数局")
    assert code == 0, err
    assert "新增填报 1 条" in text and reports(db) == 1
    code, text, _ = run(capsys, db, "ledger", "import", str(filled))
    assert code == 0 and "未做更改" in text and reports(db) == 1

    bad = fill(sheet, tmp_path / "bad.xlsx", {f"I{r4}": 130, f"C{r4}": "改名"})
    code, text, err = run(capsys, db, "ledger", "import", str(bad))
    assert code == 2 and reports(db) == 1
    assert f"I{r4}：完成百分比应在 0 到 100 之间" in err and f"C{r4}：此单元格不可修改" in err
    code, _, err = run(capsys, db, "ledger", "import", str(filled), "--period", "2024-08")
    assert code == 2 and "不是 2024-08 期的" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["ledger", "fill-sheet", "--unit", "不存在局", "-o", "{tmp}/x.xlsx"],
            "找不到单位“不存在局”",
        ),
        (["ledger", "export", "-o", "{tmp}/no/such/dir/x.xlsx"], "文件夹"),
        (["ledger", "export", "-o", "{tmp}/x.pdf"], "应以 .xlsx 结尾"),
        (["ledger", "export", "-o", "{tmp}/locked.xlsx"], "正在被其他程序"),
        (["ledger", "export", "--plan", "国办发", "-o", "{tmp}/x.xlsx"], "找不到计划“国办发”"),
        (["ledger", "import", "{tmp}/notes.xlsx"], "不是 Excel .xlsx 文件"),
        (["ledger", "import", "{tmp}/missing.xlsx"], "文件不存在"),
        (
            [
                "ledger",
                "fill-sheet",
                "--unit",
                "市政数局",
                "--period",
                "2024-13",
                "-o",
                "{tmp}/x.xlsx",
            ],
            "填报期“2024-13”无效",
        ),
    ],
)
def test_errors_exit_2_with_a_clear_message(db, tmp_path, capsys, argv, message) -> None:
    (tmp_path / "notes.xlsx").write_text("plain text")
    (tmp_path / "~$locked.xlsx").write_text("Excel owner file")
    code, out, err = run(capsys, db, *[a.format(tmp=tmp_path) for a in argv])
    assert code == 2 and message in err and "Traceback" not in err
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "locked.xlsx").exists()


def test_unwritable_folder(db, tmp_path, capsys) -> None:
    # /proc refuses new files even to root (a chmod'ed folder would not stop root)
    code, _, err = run(capsys, db, "ledger", "export", "-o", "/proc/liandong-ledger.xlsx")
    assert code == 2 and "无法写入 /proc/liandong-ledger.xlsx" in err


def test_import_several_files_and_a_folder_in_one_go(db, tmp_path, capsys) -> None:
    folder = tmp_path / "returned"
    folder.mkdir()
    sheets = []
    for name in ("市政数局", "市工信局", "市商务局"):
        path = folder / f"{name}.xlsx"
        code, _, err = run(capsys, db, "ledger", "fill-sheet", "--unit", name,
                           "--period", "2024-07", "-o", str(path))  # fmt: skip
        assert code == 0, err
        sheets.append(fill_every_item(path, path))
    # a bad one among them: exit 2, every problem named by file and cell, nothing written
    bad = tmp_path / "bad.xlsx"
    fill(sheets[1], bad, {"I5": "八成"})
    code, _, err = run(capsys, db, "ledger", "import", str(sheets[0]), str(bad), str(folder))
    assert code == 2 and reports(db) == 0 and "Traceback" not in err
    assert "4 份填报表中有 1 份有问题，整批未导入" in err
    assert "bad.xlsx：1 处问题\n  I5：完成百分比“八成”不是数字" in err
    # the files and the folder (each file once): one import of the three sheets
    code, text, err = run(capsys, db, "ledger", "import", str(sheets[0]), str(folder))
    assert code == 0, err
    added = reports(db)
    assert added > 10 and f"已导入 3 份填报表（3 份有新内容）：新增填报 {added} 条" in text
    for name in ("市政数局", "市工信局", "市商务局"):
        assert f"{name} 2024-07 填报表已导入" in text
    code, text, err = run(capsys, db, "ledger", "import", str(folder))
    assert code == 0 and "（0 份有新内容）：新增填报 0 条" in text and reports(db) == added
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(capsys, db, "ledger", "import", str(folder), str(empty))
    assert code == 2 and f"文件夹 {empty} 中没有 .xlsx 填报表" in err


def test_a_batchs_summary_keeps_unit_names_whole_in_english(db, tmp_path, capsys) -> None:
    """The batch's summary nests each sheet's message: in English the unit names stay as
    they are (one of the form 计划“…” read "plan “…”" when the filled lines were matched)."""
    names = {"市政数局": "计划“数据局”", "市工信局": "单位“工信”（{0}）："}
    sheets = []
    for old, new in names.items():
        assert run(capsys, db, "unit", "rename", old, new)[0] == 0
        sheet = tmp_path / f"{len(sheets)}.xlsx"
        code, _, err = run(capsys, db, "ledger", "fill-sheet", "--unit", new,
                           "--period", "2024-07", "-o", str(sheet))  # fmt: skip
        assert code == 0, err
        sheets.append(str(fill_every_item(sheet, tmp_path / f"filled-{len(sheets)}.xlsx")))
    code, text, err = run(capsys, db, "--lang", "en", "ledger", "import", *sheets)
    assert code == 0, err
    head, *lines = text.splitlines()
    assert head.startswith("Imported 2 fill-in sheets (2 with new content): ")
    for line, name in zip(lines, names.values(), strict=True):
        assert line.startswith(f"  Fill-in sheet of {name} for 2024-07 imported: "), line
    code, chinese, _ = run(capsys, db, "ledger", "import", *sheets)
    assert (
        chinese.splitlines()[1] == f"  {names['市政数局']} 2024-07 填报表：没有新的内容，未做更改。"
    )
