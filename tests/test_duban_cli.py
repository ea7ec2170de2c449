"""The 督办 workflow CLI end to end on a real database file (exit codes, output,
nothing written on bad input)."""

from __future__ import annotations

import re

import pytest

from desktop.cli import main
from tests.helpers.coordination import fingerprint, run_cli


@pytest.fixture
def db(tmp_path, seed_path, capsys):
    path = tmp_path / "duban.db"
    assert main(["import", "--db", str(path), str(seed_path)]) == 0
    capsys.readouterr()
    return path


def short_id(text: str) -> str:
    match = re.search(r"\b([0-9a-f]{8})\b", text)
    assert match, text
    return match.group(1)


def test_signoff_apply_return_approve(db, capsys) -> None:
    code, out, err = run_cli(capsys, db, "milestone", "add", "--task", "5", "--title", "投运",
                             "--due", "2024-06-30", "--unit", "市政数局")  # fmt: skip
    assert code == 0, err
    ms = out.split("已添加里程碑 ")[1][:8]
    assert run_cli(capsys, db, "milestone", "done", ms, "--date", "2024-06-20")[0] == 0
    code, out, _ = run_cli(capsys, db, "status", "--today", "2024-07-01")
    assert "待销号 1" in out
    code, out, err = run_cli(capsys, db, "signoff", "apply", "--task", "5", "--unit", "市政数局",
                             "--evidence", "已投运")  # fmt: skip
    assert code == 0 and "待督办室审核销号" in out, err
    first = short_id(out.split("办结申请 ")[1])
    code, out, err = run_cli(capsys, db, "signoff", "return", first)
    assert code == 2 and "退回理由" in err
    assert run_cli(capsys, db, "signoff", "return", first, "--reason", "缺验收报告")[0] == 0
    code, out, _ = run_cli(capsys, db, "signoff", "list")
    assert "[已退回]" in out and "理由：缺验收报告" in out and "任务5“推进算力中心建设”" in out
    code, out, _ = run_cli(capsys, db, "signoff", "apply", "--task", "5", "--unit", "市政数局",
                           "--evidence", "补充验收报告")  # fmt: skip
    second = short_id(out.split("办结申请 ")[1])
    code, out, _ = run_cli(capsys, db, "signoff", "list", "--pending")
    assert second in out and first not in out
    code, out, _ = run_cli(capsys, db, "signoff", "approve", second)
    assert code == 0 and "已销号" in out
    code, out, _ = run_cli(capsys, db, "status", "--today", "2024-07-01")
    assert "待销号 0，已完成 1" in out


def test_extension_request_and_decisions(db, capsys) -> None:
    _code, out, _ = run_cli(capsys, db, "milestone", "add", "--task", "5", "--title", "投运",
                            "--due", "2024-06-30", "--unit", "市政数局")  # fmt: skip
    ms = out.split("已添加里程碑 ")[1][:8]
    code, out, err = run_cli(capsys, db, "extension", "request", "--milestone", ms, "--due",
                             "2024-08-31", "--reason", "设备延迟", "--unit", "市政数局",
                             "--today", "2024-06-01")  # fmt: skip
    assert code == 0 and "待督办室审批" in out, err
    req = short_id(out.split("延期申请 ")[1])
    code, out, _ = run_cli(capsys, db, "extension", "list", "--pending")
    assert req in out and "2024-06-30 → 2024-08-31" in out and "[待审批]" in out
    code, out, _ = run_cli(capsys, db, "extension", "approve", req)
    assert code == 0 and "原定 2024-06-30 保留" in out
    code, out, _ = run_cli(capsys, db, "milestone", "list", "--task", "5")
    assert "原定 2024-06-30 已延期" in out
    code, out, err = run_cli(capsys, db, "extension", "request", "--milestone", ms, "--due",
                             "2024-09-30", "--reason", "再延", "--unit", "市政数局",
                             "--today", "2024-09-01")  # fmt: skip
    assert code == 2 and "已过" in err


def test_cycle_remind_late_and_contacts(db, capsys) -> None:
    code, out, err = run_cli(capsys, db, "cycle", "set", "--task", "1", "--every", "month",
                             "--due-day", "25")  # fmt: skip
    assert code == 0 and "每月，25日前" in out, err
    assert run_cli(capsys, db, "unit", "contact", "市城管局", "--person", "王五",
                   "--phone", "0431-88881234 转 801")[0] == 0  # fmt: skip
    code, out, _ = run_cli(capsys, db, "remind", "--today", "2024-06-28")
    assert (
        "市城管局（联络员 王五 0431-88881234 转 801）：任务1“优化5G网络覆盖”（2024-06，2024-06-25前）"
        in out
    )
    assert "未签收" in out
    code, out, _ = run_cli(capsys, db, "cycle", "list")
    assert "任务1“优化5G网络覆盖”：每月，25日前" in out


def test_report_add_starts_from_last_report(db, capsys) -> None:
    assert run_cli(capsys, db, "report", "add", "--task", "1", "--unit", "市城管局", "--period",
                   "2024-05", "--percent", "30", "--text", "基站建设推进中")[0] == 0  # fmt: skip
    code, out, err = run_cli(capsys, db, "report", "add", "--task", "1", "--unit", "市城管局",
                             "--period", "2024-06", "--percent", "45")  # fmt: skip
    assert code == 0 and "沿用上次填报（2024-05）" in out, err
    code, out, _ = run_cli(capsys, db, "report", "list", "--task", "1", "--period", "2024-06")
    assert "45%" in out and "基站建设推进中" in out


def test_signin_and_by_unit_export(db, capsys, tmp_path) -> None:
    code, out, err = run_cli(capsys, db, "signin", "--task", "5", "--unit", "市政数局")
    assert code == 0 and "市政数局已签收任务5" in out, err
    code, _out, err = run_cli(capsys, db, "signin", "--task", "5", "--unit", "市政数局")
    assert code == 2 and "已于" in err
    code, out, _ = run_cli(capsys, db, "status", "--by-unit", "--today", "2024-07-01")
    assert code == 0 and "单位  灯  联络员" in out and "市政数局" in out
    target = tmp_path / "lights.xlsx"
    code, out, _ = run_cli(capsys, db, "status", "--by-unit", "-o", str(target))
    assert code == 0 and target.stat().st_size > 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["signin", "--task", "5", "--unit", "市城管局"], "未承担"),
        (["signoff", "apply", "--task", "5", "--unit", "市国资委", "--evidence", "x"], "牵头单位"),
        (["signoff", "apply", "--task", "5", "--unit", "市政数局", "--evidence", " "], "办结说明"),
        (["signoff", "approve", "ffffffff"], "找不到"),
        (["cycle", "set", "--task", "1", "--every", "week", "--due-day", "9"], "星期几"),
        (["cycle", "set", "--task", "1", "--every", "once"], "报送期限"),
        (["unit", "contact", "市城管局", "--person", "王五", "--phone", "12ab"], "联系电话"),
        (
            ["unit", "contact", "没有的局", "--person", "王五", "--phone", "13912345678"],
            "找不到单位",
        ),
        (["status", "--by-unit", "-o", "x.pdf"], "不支持"),
        (["status", "-o", "x.csv"], "--by-unit"),
    ],
)
def test_bad_input_writes_nothing(db, capsys, argv, message) -> None:
    before = fingerprint(db)
    code, _out, err = run_cli(capsys, db, *argv)
    assert code == 2 and message in err and "Traceback" not in err
    assert fingerprint(db) == before


def test_export_import_json_keeps_the_workflow(db, capsys, tmp_path) -> None:
    _code, out, _ = run_cli(capsys, db, "milestone", "add", "--task", "5", "--title", "投运",
                            "--due", "2024-06-30", "--unit", "市政数局")  # fmt: skip
    ms = out.split("已添加里程碑 ")[1][:8]
    steps = [
        ["signoff", "apply", "--task", "5", "--unit", "市政数局", "--evidence", "已投运"],
        ["cycle", "set", "--task", "1", "--every", "quarter", "--due-day", "10"],
        ["unit", "contact", "市政数局", "--person", "王五", "--phone", "13912345678"],
        ["signin", "--task", "5", "--unit", "市政数局"],
        ["extension", "request", "--milestone", ms, "--due", "2024-08-31", "--reason", "延迟",
         "--unit", "市政数局", "--today", "2024-06-01"],
    ]  # fmt: skip
    for argv in steps:
        assert run_cli(capsys, db, *argv)[0] == 0, argv
    export = tmp_path / "all.json"
    assert run_cli(capsys, db, "export", "-o", str(export))[0] == 0
    fresh = tmp_path / "fresh.db"
    code, out, err = run_cli(capsys, fresh, "import-json", str(export))
    assert code == 0 and "办结申请 1" in out and "报送周期 1" in out and "延期申请 1" in out, err
    code, out, _ = run_cli(capsys, fresh, "signoff", "list", "--pending")
    assert "已投运" in out
    again = tmp_path / "again.json"
    assert run_cli(capsys, fresh, "export", "-o", str(again))[0] == 0
    first, second = (p.read_text(encoding="utf-8") for p in (export, again))
    assert first.split('"coordination"')[1] == second.split('"coordination"')[1]


def test_notice_names_the_unit_contact(db, capsys) -> None:
    assert run_cli(capsys, db, "milestone", "add", "--task", "5", "--title", "投运",
                   "--due", "2024-06-30", "--unit", "市政数局")[0] == 0  # fmt: skip
    code, out, _ = run_cli(capsys, db, "briefing", "notice", "--text")
    assert code == 0 and "【红色督办】市政数局" in out and "联络员" not in out
    assert run_cli(capsys, db, "unit", "contact", "市政数局", "--person", "王五",
                   "--phone", "13912345678")[0] == 0  # fmt: skip
    code, out, _ = run_cli(capsys, db, "briefing", "notice", "--text")
    assert "（你单位联络员：王五 13912345678）" in out
