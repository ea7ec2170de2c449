"""Issue 7 coordination rules through the real CLI (``main()`` or a subprocess) on a
real SQLite file: every refusal exits 2 with a message and writes nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.cli import main
from tests.helpers.coordination import SEED, fingerprint, run_cli

ROOT = Path(__file__).resolve().parent.parent


def days(n: int) -> str:
    return (date.today() + timedelta(days=n)).isoformat()


@pytest.fixture
def db(tmp_path, capsys) -> Path:
    path = tmp_path / "rules.db"
    assert main(["import", "--db", str(path), str(SEED)]) == 0
    capsys.readouterr()
    return path


def refused(capsys, db: Path, *argv: str) -> str:
    """Run a command that must be refused: exit 2, nothing written; returns stderr."""
    before = fingerprint(db)
    code, _out, err = run_cli(capsys, db, *argv)
    assert code == 2, err
    assert err.startswith("错误：") and "Traceback" not in err
    assert fingerprint(db) == before
    return err


def milestone(capsys, db: Path, *argv: str) -> str:
    code, out, err = run_cli(capsys, db, "milestone", "add", *argv)
    assert code == 0, err
    return out.split("已添加里程碑 ")[1][:8]


def test_late_finished_predecessor_blocks_successor(db, capsys) -> None:
    pred = milestone(capsys, db, "--task", "4", "--title", "前置", "--due", days(-30))
    assert run_cli(capsys, db, "milestone", "done", pred, "--date", days(-25))[0] == 0
    milestone(capsys, db, "--task", "9", "--title", "后续", "--due", days(3))
    assert run_cli(capsys, db, "depend", "add", "--from", "4", "--to", "9", "--lag", "30")[0] == 0
    code, out, _ = run_cli(capsys, db, "status", "--at-risk")
    assert code == 0 and "受阻任务（1）" in out and "任务9  受阻：市政数局 前置" in out


def test_target_missed_and_met_late(db, capsys) -> None:
    # task 1: 主城区5G基站数量 >= 13000 个 by 2025-12-31
    base = ("target", "value", "--task", "1")
    assert run_cli(capsys, db, *base, "--value", "12480", "--date", "2025-06-30")[0] == 0
    code, out, _ = run_cli(capsys, db, "target", "show", "--task", "1", "--today", "2025-12-01")
    assert "状态：进行中" in out
    code, out, _ = run_cli(capsys, db, "target", "show", "--task", "1", "--today", "2026-01-05")
    assert "完成 96%" in out and "状态：未达标" in out and "期限 2025-12-31 已过" in out
    code, out, _ = run_cli(capsys, db, "status", "--today", "2026-01-05")
    assert "量化目标：未达标 3，进行中 0，尚无数值 3，逾期达成 0，已达成 0" in out
    assert run_cli(capsys, db, *base, "--value", "13100", "--date", "2026-01-10")[0] == 0
    code, out, _ = run_cli(capsys, db, "target", "show", "--task", "1")
    assert "状态：逾期达成" in out
    code, out, _ = run_cli(capsys, db, "status", "--unit", "市城管局")
    assert "量化目标：未达标 0，进行中 0，尚无数值 0，逾期达成 1，已达成 0" in out


def test_target_value_future_and_negative(db, capsys) -> None:
    err = refused(capsys, db, "target", "value", "--task", "1", "--value", "1", "--date", days(1))
    assert "晚于今天" in err
    err = refused(capsys, db, "target", "value", "--task", "1", "--value", "-5", "--date", days(0))
    assert "不能为负" in err
    # a percentage may plausibly be negative (a decline): confirm with --force
    argv = ("target", "value", "--task", "2", "--value", "-5", "--date", days(0))
    assert "--force" in refused(capsys, db, *argv)
    assert run_cli(capsys, db, *argv, "--force")[0] == 0
    assert "无穷大或非数字" in refused(
        capsys, db, "target", "value", "--task", "2", "--value", "inf", "--date", days(0)
    )


@pytest.mark.parametrize("lag", ["-366", "3651", "99999999", "999999999999999999999"])
def test_lag_out_of_bounds_refused(db, capsys, lag: str) -> None:
    err = refused(capsys, db, "depend", "add", "--from", "4", "--to", "9", "--lag", lag)
    assert "超出范围" in err and "OverflowError" not in err


def test_negative_lag_is_a_lead(db, capsys) -> None:
    code, out, _ = run_cli(capsys, db, "depend", "add", "--from", "4", "--to", "9", "--lag", "-5")
    assert code == 0 and "任务4 完成前 5 天（提前） → 任务9 开始" in out
    assert "（提前 5 天）" in run_cli(capsys, db, "depend", "list")[1]


def test_undecodable_argument_exits_2(db) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": "C.UTF-8"}
    argv = [sys.executable, "main.py", "milestone", "add", "--task", "5", "--title",
            b"ab\xff\xfe", "--due", "2024-06-30", "--db", str(db)]  # fmt: skip
    before = fingerprint(db)
    proc = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, timeout=60)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err
    assert "无法识别的字符" in err and "Traceback" not in err
    assert fingerprint(db) == before


def test_undecodable_argument_for_any_command(db, capsys) -> None:
    for argv in (["units", "--db", "x\udcff.db"], ["status", "--unit", "市\udcfe"]):
        code = main(argv)
        assert code == 2 and "无法识别的字符" in capsys.readouterr().err


def test_done_date_rules(db, capsys) -> None:
    ms = milestone(capsys, db, "--task", "5", "--title", "节点", "--due", "2024-06-30")
    assert "晚于今天" in refused(capsys, db, "milestone", "done", ms, "--date", days(1))
    err = refused(capsys, db, "milestone", "done", ms, "--date", "2023-01-01")
    assert "早于计划成文日期" in err and "--force" in err
    assert run_cli(capsys, db, "milestone", "done", ms, "--date", "2023-01-01", "--force")[0] == 0
    assert run_cli(capsys, db, "milestone", "done", ms, "--date", days(0))[0] == 0


def test_extension_must_move_later(db, capsys) -> None:
    ms = milestone(capsys, db, "--task", "5", "--title", "节点", "--due", "2024-06-30")
    for due in ("2024-06-30", "2024-06-01"):
        err = refused(capsys, db, "milestone", "extend", ms, "--due", due, "--reason", "x")
        assert "须晚于当前截止日期（2024-06-30）" in err
    args = ("milestone", "extend", ms, "--reason", "设备延迟", "--due")
    assert run_cli(capsys, db, *args, "2024-08-31")[0] == 0
    assert "2024-08-31" in refused(capsys, db, *args, "2024-07-31")


@pytest.mark.parametrize("period", ["2099-01", "1999-01"])
def test_period_far_outside_plan_needs_force(db, capsys, period: str) -> None:
    argv = ("report", "add", "--task", "1", "--unit", "市城管局", "--percent", "10",
            "--period", period)  # fmt: skip
    err = refused(capsys, db, *argv)
    assert "远在计划时间范围之外" in err and "--force" in err
    assert run_cli(capsys, db, *argv, "--force")[0] == 0


@pytest.mark.parametrize("period", ["2024-13", "2024-6-1", "24-06", "abc"])
def test_period_format_validated(db, capsys, period: str) -> None:
    err = refused(capsys, db, "report", "add", "--task", "1", "--unit", "市城管局",
                  "--percent", "10", "--period", period)  # fmt: skip
    assert "填报期" in err and "YYYY-MM" in err


def test_report_list_names_the_work_item_and_second_report_points_to_correct(db, capsys) -> None:
    def add(item: str, unit: str) -> tuple[int, str, str]:
        return run_cli(capsys, db, "report", "add", "--task", "14", "--item", item,
                       "--unit", unit, "--percent", "30", "--period", "2024-06")  # fmt: skip

    code, out, _ = add("1", "市农业农村局")
    assert code == 0
    first = out.split("进度填报 ")[1][:8]
    assert add("3", "市商务局")[0] == 0
    code, out, _ = run_cli(capsys, db, "report", "list", "--task", "14")
    lines = out.splitlines()
    assert any(
        "任务14-1 打造智慧农业产业生态链" in line and "市农业农村局" in line for line in lines
    )
    assert any("任务14-3" in line and "市商务局" in line for line in lines)
    err = refused(capsys, db, "report", "add", "--task", "14", "--item", "1",
                  "--unit", "市农业农村局", "--percent", "50", "--period", "2024-06")  # fmt: skip
    assert f"report correct {first}" in err and "已有填报" in err
    # another item of the same task and unit is a separate report, not a duplicate
    assert add("2", "市农业农村局")[0] == 0


def test_import_json_summary_names_added_coordination_records(db, tmp_path, capsys) -> None:
    ms = milestone(capsys, db, "--task", "5", "--title", "节点", "--due", "2024-06-30")
    assert run_cli(capsys, db, "milestone", "extend", ms, "--due", "2024-08-31",
                   "--reason", "设备延迟")[0] == 0  # fmt: skip
    assert run_cli(capsys, db, "report", "add", "--task", "1", "--unit", "市城管局",
                   "--percent", "40", "--period", "2024-06")[0] == 0  # fmt: skip
    export = tmp_path / "all.json"
    assert run_cli(capsys, db, "export", "-o", str(export))[0] == 0
    other = tmp_path / "other.db"
    assert main(["import", "--db", str(other), str(SEED)]) == 0  # the plan only
    capsys.readouterr()
    code, out, _ = run_cli(capsys, other, "import-json", str(export))
    assert code == 0
    assert "计划已存在，未重复导入" in out and "已存在，未做更改" not in out
    assert "新增：里程碑 1、延期记录 1、进度填报 1" in out
    code, out, _ = run_cli(capsys, other, "import-json", str(export))
    assert "没有新增单位或协同记录。" in out and "已有记录 3 条保持不变" in out


def test_target_without_numeric_goal_shows_its_values(db, capsys) -> None:
    conn = sqlite3.connect(db)
    with conn:  # a target the importer could read no number for
        conn.execute(
            "UPDATE target SET value = NULL WHERE task_id = (SELECT id FROM task WHERE no = 6)"
        )
    conn.close()
    argv = ("target", "value", "--task", "6", "--value", "2", "--date", "2025-06-30")
    code, out, err = run_cli(capsys, db, *argv)
    assert code == 0, err
    assert "目标：" in out and "（未定）" in out and "当前 2个。状态：进行中" in out
