"""The coordination CLI end to end on a real database file."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.cli import main


def run(capsys, db, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--db", str(db)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def log_count(db) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path, seed_path, capsys):
    path = tmp_path / "cli.db"
    assert main(["import", "--db", str(path), str(seed_path)]) == 0
    capsys.readouterr()
    return path


def test_milestone_depend_status_flow(db, capsys) -> None:
    code, out, _ = run(capsys, db, "milestone", "add", "--task", "5", "--title", "算力中心投运",
                       "--due", "2024-06-30", "--unit", "市政数局")  # fmt: skip
    assert code == 0 and "已添加里程碑" in out
    ms_short = out.split("已添加里程碑 ")[1][:8]
    assert run(capsys, db, "milestone", "add", "--task", "27", "--title", "数智云扩容",
               "--due", "2024-07-10")[0] == 0  # fmt: skip
    assert run(capsys, db, "depend", "add", "--from", "5", "--to", "27", "--lag", "10")[0] == 0
    code, out, _ = run(capsys, db, "status", "--today", "2024-07-02", "--at-risk")
    assert code == 0 and "任务27  受阻：市政数局 算力中心投运" in out
    code, out, _ = run(capsys, db, "milestone", "extend", ms_short, "--due", "2024-08-31",
                       "--reason", "设备延迟")  # fmt: skip
    assert code == 0
    code, out, _ = run(capsys, db, "milestone", "list", "--task", "5", "--today", "2024-07-02")
    assert "原定 2024-06-30 已延期" in out and "延期：2024-06-30 → 2024-08-31" in out
    code, out, _ = run(capsys, db, "status", "--today", "2024-07-02", "--overdue")
    assert "逾期里程碑（0）" in out
    assert run(capsys, db, "milestone", "done", ms_short, "--date", "2024-09-01")[0] == 0
    code, out, _ = run(capsys, db, "milestone", "list", "--task", "5")
    assert "逾期完成" in out


def test_report_target_remind(db, capsys) -> None:
    code, out, err = run(capsys, db, "report", "add", "--task", "1", "--unit", "市城管局",
                         "--percent", "40", "--text", "推进中", "--period", "2024-06",
                         "--figure", "1=9000")  # fmt: skip
    assert code == 0, err
    code, out, _ = run(capsys, db, "remind", "--period", "2024-06")
    assert code == 0 and "已报 1 项" in out and "市城管局" not in out
    code, out, _ = run(capsys, db, "target", "value", "--task", "1", "--value", "11700",
                       "--date", "2024-06-30", "--unit", "市通信办")  # fmt: skip
    assert code == 0 and "完成 90%" in out and "差距 1300个" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["milestone", "add", "--task", "99", "--title", "x", "--due", "2024-01-01"],
            "没有任务 99",
        ),
        (
            ["milestone", "add", "--task", "5", "--title", "x", "--due", "2024-13-01"],
            "不是有效日期",
        ),
        (
            [
                "milestone",
                "add",
                "--task",
                "5",
                "--title",
                "x",
                "--due",
                "2024-05-01",
                "--unit",
                "不存在局",
            ],
            "找不到单位",
        ),  # fmt: skip
        (["milestone", "add", "--task", "5", "--title", "x", "--due", "2023-01-01"], "--force"),
        (
            [
                "milestone",
                "add",
                "--task",
                "5",
                "--title",
                "x",
                "--due",
                "2024-05-01",
                "--plan",
                "不存在的计划",
            ],
            "找不到计划",
        ),  # fmt: skip
        (["report", "add", "--task", "1", "--unit", "市城管局", "--percent", "140"], "0 到 100"),
        (
            [
                "report",
                "add",
                "--task",
                "1",
                "--unit",
                "市城管局",
                "--text",
                "x",
                "--figure",
                "9=1",
            ],
            "没有第 9 个",
        ),  # fmt: skip
        (["depend", "add", "--from", "5", "--to", "5"], "自己"),
        (["milestone", "done", "abcd1234"], "找不到"),
        (["remind", "--period", "2024年13月"], "填报期"),
    ],
)
def test_bad_input_writes_nothing(db, capsys, argv, message) -> None:
    before = log_count(db)
    code, _out, err = run(capsys, db, *argv)
    assert code == 2 and message in err and "Traceback" not in err
    assert log_count(db) == before


def test_cycle_refused_on_cli(db, capsys) -> None:
    assert run(capsys, db, "depend", "add", "--from", "5", "--to", "27")[0] == 0
    before = log_count(db)
    code, _out, err = run(capsys, db, "depend", "add", "--from", "27", "--to", "5")
    assert code == 2 and "依赖形成循环：任务5 → 任务27 → 任务5" in err
    assert log_count(db) == before


@pytest.fixture
def two_plans(db, tmp_path, seed_path, capsys):
    """The seed plus a second plan with the same task numbers (another 发文字号)."""
    text = seed_path.read_text(encoding="utf-8").replace(
        "长府办发〔2023〕17号", "长府办发〔2024〕3号"
    )
    second = tmp_path / "second.txt"
    second.write_text(
        text.replace("数字经济发展行动计划", "数字政府建设行动计划"), encoding="utf-8"
    )
    assert main(["import", "--db", str(db), str(second)]) == 0
    capsys.readouterr()
    return db


def test_two_plans_need_plan_and_labels_name_it(two_plans, capsys) -> None:
    db = two_plans
    before = log_count(db)
    code, _out, err = run(capsys, db, "milestone", "add", "--task", "14", "--title", "x",
                          "--due", "2024-06-30")  # fmt: skip
    assert code == 2 and "已载入多个计划" in err and log_count(db) == before
    code, _out, err = run(capsys, db, "milestone", "add", "--task", "14", "--plan", "长府办发",
                          "--title", "x", "--due", "2024-06-30")  # fmt: skip
    assert code == 2 and "匹配多个计划" in err and log_count(db) == before
    code, out, _ = run(capsys, db, "milestone", "add", "--task", "14", "--plan",
                       "长府办发〔2023〕17号", "--title", "算力中心投运", "--due", "2024-06-30",
                       "--unit", "市政数局")  # fmt: skip
    assert code == 0
    ms_short = out.split("已添加里程碑 ")[1][:8]
    plan_of = "SELECT p.doc_no FROM milestone m JOIN task t ON t.id = m.task_id"
    plan_of += " JOIN plan p ON p.id = t.plan_id"
    conn = sqlite3.connect(db)
    assert conn.execute(plan_of).fetchall() == [("长府办发〔2023〕17号",)]
    conn.close()
    run(capsys, db, "milestone", "add", "--task", "27", "--plan", "2023", "--title", "扩容",
        "--due", "2024-07-10")  # fmt: skip
    assert run(capsys, db, "depend", "add", "--plan", "2023", "--from", "14", "--to", "27")[0] == 0
    code, out, _ = run(capsys, db, "status", "--today", "2024-07-02", "--at-risk")
    assert "长府办发〔2023〕17号 任务27  受阻：市政数局 算力中心投运" in out
    code, out, _ = run(capsys, db, "status", "--today", "2024-07-02", "--plan", "2024")
    assert "逾期 0" in out and "受阻任务（0）" in out  # the other plan has nothing
    # the extension keeps the milestone late against its original date in the report
    run(capsys, db, "milestone", "extend", ms_short, "--due", "2024-08-31", "--reason", "延迟")
    code, out, _ = run(capsys, db, "status", "--today", "2024-07-02", "--late")
    assert "晚于原定日期（已延期或逾期完成）（1）" in out
    assert "原定 2024-06-30 已延期" in out and "晚于原定 2 天" in out
    code, out, _ = run(capsys, db, "status", "--today", "2024-07-02", "--overdue")
    assert "逾期里程碑（0）" in out
    code, out, _ = run(capsys, db, "remind", "--period", "2024-06", "--plan", "2024")
    assert code == 0 and "长府办发〔2024〕3号 任务1" not in out  # one plan: no prefix needed
    assert "应报 38 项" in out
    code, out, _ = run(capsys, db, "remind", "--period", "2024-06")
    assert "应报 76 项" in out and "长府办发〔2024〕3号 任务2" in out
    code, _out, err = run(capsys, db, "status", "--window", "-1")
    assert code == 2 and "不能为负数" in err
    code, _out, err = run(capsys, db, "status", "--window", "99999999999")
    assert code == 2 and "不能超过 3650 天" in err
    code, _out, err = run(capsys, db, "--lang", "en", "status", "--window", "3651")
    assert code == 2 and "cannot exceed 3650" in err
    code, _out, _err = run(capsys, db, "status", "--window", "3650")
    assert code == 0


def test_report_fork_on_cli(db, capsys) -> None:
    code, out, _ = run(capsys, db, "report", "add", "--task", "1", "--unit", "市城管局",
                       "--percent", "40", "--period", "2024-06")  # fmt: skip
    first = out.split("进度填报 ")[1][:8]
    assert run(capsys, db, "report", "correct", first, "--percent", "60")[0] == 0
    # a concurrent correction of the same report arrives from another desktop (by sync)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "INSERT INTO report (id, task_id, item_id, unit_id, period, text, percent, figures,"
            " author, created_at, supersedes_id) SELECT id || '-other', task_id, item_id,"
            " unit_id, period, '', 70, figures, 'other', created_at, id FROM report"
            " WHERE supersedes_id IS NULL"
        )
    conn.close()
    code, out, _ = run(capsys, db, "report", "list", "--task", "1")
    assert out.count("现行·有 2 份并行更正，请确认") == 2 and "[已更正]" in out
    assert "有 1 处同一单位同一期的多份现行填报待确认" in out
    code, _out, err = run(capsys, db, "report", "correct", first, "--percent", "50")
    assert code == 2 and "现行的是" in err
    code, out, _ = run(capsys, db, "remind", "--period", "2024-06")
    assert "市城管局" not in out


def test_status_unit_filter_header_and_cycles(db, capsys) -> None:
    for no, unit in (("5", "市政数局"), ("27", "市工信局")):
        assert run(capsys, db, "milestone", "add", "--task", no, "--title", "节点",
                   "--due", "2024-06-30", "--unit", unit)[0] == 0  # fmt: skip
    code, out, _ = run(capsys, db, "status", "--today", "2024-07-02", "--unit", "市政数局")
    header = out.splitlines()[0]
    # every task 市政数局 leads or is responsible for (4 5 8 9 10 16 17 19 21 27) counts:
    # 5 and 27 (its milestone is 市工信局's) are overdue, the other 8 are not scheduled
    assert "市政数局的任务状态：逾期 2，临期 0，正常 0，未排期 8，待销号 0，已完成 0" in header
    code, out, _ = run(capsys, db, "status", "--today", "2024-07-02")
    assert "任务状态：逾期 2" in out.splitlines()[0]
    assert "依赖循环" not in out
    # a cycle arriving by sync (written here without the local check)
    assert run(capsys, db, "depend", "add", "--from", "5", "--to", "27")[0] == 0
    assert "受阻任务（1）" in run(capsys, db, "status", "--today", "2024-07-02")[1]
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "INSERT INTO dependency SELECT 'x-back', succ_kind, succ_id, pred_kind, pred_id, 0"
            " FROM dependency"
        )
    conn.close()
    code, out, _ = run(capsys, db, "status", "--today", "2024-07-02")
    assert "依赖循环（需处理）（1）：" in out and "任务5 → 任务27 → 任务5" in out
    assert "受阻任务（0）" in out
