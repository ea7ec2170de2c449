"""Authoring a plan from nothing through the CLI, checked through the export."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.cli import main


def run(capsys, db: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--db", str(db)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_author_a_plan_from_nothing_and_export(capsys, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    ok = [
        ("plan", "new", "--title", "第5次调度会议定事项", "--doc-no", "调度〔2027〕5号",
         "--issuer", "市政府办公厅", "--date", "2027-03-02"),
        ("section", "add", "--title", "重点工作", "--no", "一"),
        ("task", "add", "--section", "一", "--title", "推进算力中心建设", "--text", "年底前投运。",
         "--deadline", "2027-12-31", "--basis", "第5次调度会"),
        ("task", "add", "--title", "完善5G覆盖"),
        ("assign", "--task", "1", "--unit", "市工信局", "--role", "牵头", "--new-unit",
         "--basis", "第5次调度会"),
        ("assign", "--task", "1", "--unit", "市政数局", "--role", "配合", "--new-unit"),
        ("assign", "--task", "1", "--unit", "市政数局", "--role", "牵头", "--replace", "市工信局",
         "--basis", "市政府常务会议"),
        ("assign", "--task", "2", "--unit", "市政数局", "--role", "责任"),
        ("assign", "--task", "2", "--unit", "市政数局", "--role", "牵头"),  # changes the role
        ("task", "target", "add", "--task", "1", "--metric", "算力规模", "--value", "300",
         "--uom", "PFlops", "--deadline", "2027-12-31"),
        ("item", "add", "--task", "2", "--text", "城区补盲"),
        ("assign", "--task", "2", "--item", "2", "--unit", "市工信局", "--role", "配合"),
        ("task", "add", "--title", "插入的任务", "--no", "1"),
        ("task", "move", "--task", "1", "--to", "3", "--basis", "调整顺序"),
        ("task", "edit", "--task", "1", "--title", "推进算力中心建设和运营"),
    ]  # fmt: skip
    for args in ok:
        code, out, err = run(capsys, db, *args)
        assert code == 0, (args, err)
    code, out, _ = run(capsys, db, "history", "--task", "1")
    assert "牵头单位 市工信局 → 市政数局，依据：市政府常务会议" in out
    assert "标题 “推进算力中心建设” → “推进算力中心建设和运营”" in out
    code, out, _ = run(capsys, db, "export")
    data = json.loads(out)
    (plan,) = data["plans"]
    assert (plan["doc_no"], plan["issuer"], plan["written_date"]) == (
        "调度〔2027〕5号",
        "市政府办公厅",
        "2027-03-02",
    )
    tasks = {t["no"]: t for t in plan["tasks"]}
    assert [tasks[n]["title"] for n in (1, 2, 3)] == [
        "推进算力中心建设和运营",
        "完善5G覆盖",
        "插入的任务",
    ]
    first = tasks[1]
    assert first["section"] == "一" and first["deadline"] == "2027-12-31"
    assert first["items"][0]["lead"] == ["市政数局"] and first["items"][0]["support"] == []
    assert first["targets"][0]["metric"] == "算力规模" and first["targets"][0]["value"] == 300
    second = tasks[2]
    assert [i["lead"] for i in second["items"]] == [["市政数局"], []]
    assert second["items"][0]["responsible"] == [] and second["items"][1]["support"] == ["市工信局"]
    assert any(c["basis"] == "调整顺序" for c in plan["changes"])
    # status warns about item 2-2 (no lead, no 责任单位)
    code, out, _ = run(capsys, db, "status")
    assert "任务2-2“完善5G覆盖”没有牵头单位" in out


def test_cli_errors_write_nothing(capsys, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert run(capsys, db, "plan", "new", "--title", "计划")[0] == 0
    assert run(capsys, db, "task", "add", "--title", "任务")[0] == 0
    assert run(capsys, db, "assign", "--task", "1", "--unit", "市政数局", "--role", "牵头",
               "--new-unit")[0] == 0  # fmt: skip
    before = run(capsys, db, "export")[1]
    cases = [
        (("assign", "--task", "1", "--unit", "市政数", "--role", "配合"), "您是否要找：市政数局"),
        (("assign", "--task", "1", "--unit", "市政数局", "--role", "主办"), "未知的职责"),
        (("assign", "--task", "9", "--unit", "市政数局", "--role", "牵头"), "没有任务 9"),
        (("task", "add", "--title", "x", "--deadline", "2027-13-01"), "不是有效日期"),
        (("task", "add", "--title", ""), "不能为空"),
        (("task", "target", "add", "--task", "1", "--metric", "m", "--value", "nan"), "有限"),
        (("plan", "delete", "--plan", "计划"), "--yes"),
        (("plan", "new", "--title", "x" * 400), "过长"),
        (("history", "--plan", "不存在"), "找不到计划"),
        (("link", "--task", "1", "--implements", "上级", "--parent-task", "1"), "找不到计划"),
    ]
    for args, message in cases:
        code, _out, err = run(capsys, db, *args)
        assert code == 2 and message in err, (args, err)
    assert run(capsys, db, "export")[1] == before
    assert run(capsys, db, "plan", "delete", "--plan", "计划", "--yes")[0] == 0
    assert json.loads(run(capsys, db, "export")[1])["plans"] == []


def test_link_and_unlink_across_plans(capsys, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    steps = [
        ("plan", "new", "--title", "省级行动计划", "--doc-no", "省〔2024〕1号"),
        ("task", "add", "--plan", "省〔2024〕1号", "--title", "建设算力网络"),
        ("plan", "new", "--title", "市级分解方案", "--doc-no", "市〔2024〕2号"),
        ("task", "add", "--plan", "市级", "--title", "市级算力中心"),
        ("link", "--plan", "市级", "--task", "1", "--implements", "省〔2024〕1号",
         "--parent-task", "1", "--basis", "对照省级计划"),
    ]  # fmt: skip
    for args in steps:
        code, _out, err = run(capsys, db, *args)
        assert code == 0, (args, err)
    data = json.loads(run(capsys, db, "export")[1])
    upper = next(p for p in data["plans"] if p["doc_no"] == "省〔2024〕1号")["tasks"][0]
    lower = next(p for p in data["plans"] if p["doc_no"] == "市〔2024〕2号")["tasks"][0]
    assert lower["parent_task"] == upper["id"]
    code, out, _ = run(capsys, db, "plan", "show", "--plan", "市级")
    assert "1. 市级算力中心  （未分工）  上级：省〔2024〕1号 任务1" in out
    code, out, _ = run(capsys, db, "history", "--plan", "市级", "--task", "1")
    assert "关联上级任务 《省〔2024〕1号》任务1“建设算力网络”，依据：对照省级计划" in out
    assert run(capsys, db, "unlink", "--plan", "市级", "--task", "1")[0] == 0
    code, _out, err = run(capsys, db, "unlink", "--plan", "市级", "--task", "1")
    assert code == 2 and "没有关联上级任务" in err
    code, _out, err = run(capsys, db, "link", "--plan", "市级", "--task", "1",
                          "--implements", "市级", "--parent-task", "1")  # fmt: skip
    assert code == 2 and "另一份" in err


def test_import_suggests_links_to_matching_tasks(capsys, tmp_path: Path, seed_path: Path) -> None:
    db = tmp_path / "x.db"
    assert run(capsys, db, "import", str(seed_path))[0] == 0
    lower = tmp_path / "county.txt"
    lower.write_text(
        "某县人民政府办公室关于印发某县数字经济发展实施方案的通知\n县政办发〔2024〕3号\n\n"
        "二、主要任务\n（一）数字基础设施\n"
        "1. 推进算力中心建设。根据数字长春发展的实际需求,按适度超前的原则,合理规划、科学设计,"
        "加快建设长春算力中心。(牵头单位:县政数局;配合单位:县发改局)\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, db, "import", str(lower))
    assert code == 0, err
    assert "长府办发〔2023〕17号 任务5“推进算力中心建设”" in out
    assert "--parent-task 5" in out


def test_plan_show_repeats_the_import_warnings(capsys, tmp_path: Path) -> None:
    """What the import said of the document stays with the plan: ``plan show`` says it
    again (a plan re-opened weeks later still tells which task had no lead unit)."""
    source = tmp_path / "plan.txt"
    source.write_text(
        "关于推进数字政府建设的工作方案\n一、工作任务\n"
        "1. 建设政务数据共享交换平台。\n牵头单位：市政数局\n"
        "2. 建设城市大脑。到2030年底，城市大脑接入系统超过200个。\n"
        "二、保障措施\n加强组织领导。\n",
        encoding="utf-8",
    )
    db = tmp_path / "x.db"
    code, out, err = run(capsys, db, "import", str(source))
    assert code == 0, err
    assert "任务2：未找到牵头单位或责任单位" in out
    code, out, _ = run(capsys, db, "plan", "show", "--plan", "数字政府")
    assert code == 0
    assert "导入提示：任务2：未找到牵头单位或责任单位" in out
    code, out, _ = run(capsys, db, "--lang", "en", "plan", "show", "--plan", "数字政府")
    assert "Import note: Task 2: no lead or responsible unit found" in out
