"""``liandong briefing …`` end to end on a real database file."""

from __future__ import annotations

import os
from datetime import date

import pytest
from pypdf import PdfReader

from desktop.cli import main
from desktop.demo import add_demo_coordination
from desktop.models.store import Store


def run(capsys, db, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--db", str(db)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path, seed_path, capsys):
    path = tmp_path / "cli.db"
    assert main(["import", "--db", str(path), str(seed_path)]) == 0
    store = Store.open(path)
    add_demo_coordination(store, date(2026, 11, 30))
    store.close()
    capsys.readouterr()
    return path


def issue_rows(db) -> int:
    store = Store.open(db)
    try:
        return store.db.execute("SELECT count(*) FROM briefing_issue").fetchone()[0]
    finally:
        store.close()


def test_overview_unit_task_notice(db, tmp_path, capsys) -> None:
    out = tmp_path / "通报.pdf"
    code, text, _ = run(
        capsys, db, "briefing", "overview", "--date", "2026-11-30", "-o", str(out),
        "--issuer", "市督查室", "--confidential", "内部资料 注意保存", "--requirements", "按期报送。",
    )  # fmt: skip
    assert code == 0 and "2026年第1期" in text and "字体" in text
    assert "市督查室" in PdfReader(out).pages[0].extract_text()
    # the issuer is remembered for the next issue
    code, text, _ = run(capsys, db, "briefing", "overview", "--date", "2026-12-07", "-o", str(out))
    assert code == 0 and "2026年第2期" in text
    assert "市督查室" in PdfReader(out).pages[0].extract_text()
    code, text, _ = run(capsys, db, "briefing", "issues")
    assert "2026年第1期" in text and "2026年第2期" in text and "长府办发〔2023〕17号" in text

    code, text, _ = run(
        capsys, db, "briefing", "unit", "--unit", "市政数局", "--unit", "市通信办",
        "--date", "2026-11-30", "--format", "docx", "-o", str(tmp_path / "u.docx"),
    )  # fmt: skip
    assert code == 0 and "共 2 份" in text and (tmp_path / "u.docx").exists()
    code, text, _ = run(
        capsys, db, "briefing", "task", "--task", "5", "--date", "2026-11-30",
        "-o", str(tmp_path / "t.pdf"),
    )  # fmt: skip
    assert code == 0 and "推进算力中心建设" in PdfReader(tmp_path / "t.pdf").pages[0].extract_text()
    code, text, _ = run(
        capsys, db, "briefing", "notice", "--date", "2026-11-30", "--text", "--unit", "市政数局"
    )
    assert code == 0 and text.startswith("【红色督办】市政数局：")
    code, text, _ = run(
        capsys, db, "briefing", "overview", "--section", "数字基础设施能力提升行动",
        "--date", "2026-11-30", "-o", str(tmp_path / "s.pdf"),
    )  # fmt: skip
    assert code == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["briefing", "unit", "--unit", "不存在局"], "找不到单位"),
        (["briefing", "task", "--task", "99"], "没有任务 99"),
        (["briefing", "task"], "需要指定任务"),
        (["briefing", "overview", "--date", "2026-02-30"], "不是有效日期"),
        (["briefing", "overview", "--plan", "没有这个计划"], "找不到计划"),
        (["briefing", "overview", "--section", "没有这一章"], "找不到章节"),
        (["briefing", "overview", "--font", "/nonexistent/font.ttf"], "字体文件不存在"),
        (["briefing", "overview", "--requirements-file", "/nonexistent/req.txt"], "无法读取"),
        (["briefing", "unit", "--task", "5"], "只用于任务督办单"),
    ],
)
def test_bad_input_exit_2_nothing_written(db, tmp_path, capsys, argv, message) -> None:
    out = tmp_path / "out.pdf"
    code, _, err = run(capsys, db, *argv, "-o", str(out))
    assert code == 2 and message in err and "Traceback" not in err
    assert not out.exists() and issue_rows(db) == 0


def test_unwritable_and_missing_paths(db, tmp_path, capsys) -> None:
    code, _, err = run(capsys, db, "briefing", "overview", "-o", str(tmp_path / "no" / "x.pdf"))
    assert code == 2 and "输出文件夹不存在" in err
    code, _, err = run(capsys, db, "briefing", "overview", "-o", str(tmp_path))
    assert code == 2 and "文件夹" in err
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        code, _, err = run(capsys, db, "briefing", "overview", "-o", str(locked / "x.pdf"))
        assert code == 2 and "没有权限" in err
    code, _, err = run(capsys, db, "briefing", "overview")
    assert code == 2 and "-o" in err
    code, _, err = main_missing_db(capsys, tmp_path)
    assert code == 2 and "数据库文件不存在" in err
    assert issue_rows(db) == 0


def main_missing_db(capsys, tmp_path) -> tuple[int, str, str]:
    code = main(
        ["briefing", "overview", "--db", str(tmp_path / "nope.db"), "-o", str(tmp_path / "x.pdf")]
    )
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_format_follows_the_file_name(db, tmp_path, capsys) -> None:
    from docx import Document

    out = tmp_path / "u.docx"
    code, _, _ = run(capsys, db, "briefing", "unit", "--unit", "市政数局", "-o", str(out))
    assert code == 0 and Document(out).tables  # a real .docx, not a PDF named .docx
    code, _, err = run(
        capsys, db, "briefing", "overview", "--format", "pdf", "-o", str(tmp_path / "o.docx")
    )
    assert code == 2 and "扩展名与格式" in err and not (tmp_path / "o.docx").exists()
    code, _, err = run(
        capsys, db, "briefing", "task", "--task", "5", "-o", str(tmp_path / "t.docx")
    )
    assert code == 2 and "只能生成 pdf" in err


def test_docx_refused_for_task_sheet(db, tmp_path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["briefing", "task", "--task", "5", "--format", "docx", "-o", str(tmp_path / "t.docx"),
              "--db", str(db)])  # fmt: skip
    assert exit_info.value.code == 2
    assert "无效的选项" in capsys.readouterr().err
