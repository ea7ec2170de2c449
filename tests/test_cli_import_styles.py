"""`liandong import` on plans in other styles: --level, the outline on refusal,
merge suggestions for units written another way (never merged by itself)."""

from __future__ import annotations

from desktop.cli import main
from desktop.models import queries
from desktop.models.store import Store

NATIONAL = """某市推进数字政府建设实施方案
一、夯实数字基础
（一）建设城市大脑。（市政数局牵头，市发改委、市财政局配合）
1. 统一数据中台。（市大数据中心负责）
（二）完善政务网络。（市委网信办负责）
"""


def test_level_is_chosen_and_can_be_forced(tmp_path, capsys):
    path = tmp_path / "national.txt"
    path.write_text(NATIONAL, encoding="utf-8")
    db = tmp_path / "a.db"
    assert main(["import", str(path), "--db", str(db)]) == 0
    assert "任务 2" in capsys.readouterr().out
    other = tmp_path / "b.db"
    assert main(["import", str(path), "--db", str(other), "--level", "1."]) == 0
    assert "任务 1" in capsys.readouterr().out


def test_refusal_prints_the_outline_it_saw(tmp_path, capsys):
    path = tmp_path / "national.txt"
    path.write_text(NATIONAL, encoding="utf-8")
    db = tmp_path / "a.db"
    assert main(["import", str(path), "--db", str(db), "--level", "（1）"]) == 2
    err = capsys.readouterr().err
    assert "按“（1）”层级没有找到" in err
    assert "2 个“（一）”编号条目（其中 2 个标注了责任单位）" in err
    assert "找到责任分工 3 处（“X牵头/负责”式 3 处）" in err
    assert not db.exists()


def test_second_import_suggests_merging_abbreviations(tmp_path, capsys):
    db = tmp_path / "a.db"
    first = tmp_path / "first.txt"
    first.write_text(
        "甲方案\n1. 甲事。（牵头单位：市发展和改革委员会；配合单位：市财政局）", encoding="utf-8"
    )
    second = tmp_path / "second.txt"
    second.write_text("乙方案\n1. 乙事。（市发改委牵头，区发改委配合）", encoding="utf-8")
    assert main(["import", str(first), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["import", str(second), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "“市发改委”可能与已有单位“市发展和改革委员会”是同一单位" in out
    assert "liandong unit merge 市发展和改革委员会 市发改委" in out
    assert "区发改委”可能" not in out  # 区 and 市 are different units
    store = Store.open(db)
    try:
        names = {u["name"] for u in queries.unit_summaries(store.db)}
    finally:
        store.close()
    assert {"市发改委", "市发展和改革委员会", "区发改委"} <= names  # nothing merged silently


def test_deadlines_and_leaders(tmp_path, capsys):
    path = tmp_path / "table.txt"
    path.write_text(
        "某区任务清单\n序号\t重点任务\t牵头单位\t责任领导\t完成时限\n"
        "1\t改造老旧小区\t区住建局\t张三\t2024年12月底前\n"
        "2\t建设污水管网\t区水务局\t李四、王五\t\n",
        encoding="utf-8",
    )
    from desktop.importer import parse_file

    plan = parse_file(path)
    assert [(t.leaders, t.deadline) for t in plan.tasks] == [
        (["张三"], "2024-12-31"),
        (["李四", "王五"], None),
    ]
    units = {u.name for t in plan.tasks for i in t.items for u in i.units}
    assert units == {"区住建局", "区水务局"}  # people are never units
    db = tmp_path / "a.db"
    assert main(["import", str(path), "--db", str(db), "--deadline-milestones"]) == 0
    assert "由完成时限生成里程碑 1" in capsys.readouterr().out
    store = Store.open(db)
    try:
        rows = store.db.execute(
            "SELECT m.title, m.due, t.title FROM milestone m JOIN task t ON t.id = m.task_id"
        ).fetchall()
    finally:
        store.close()
    assert [tuple(r) for r in rows] == [("完成时限", "2024-12-31", "改造老旧小区")]


def test_outline_key_leaders_and_deadline_are_stored_and_exported(tmp_path, capsys):
    import json

    from desktop.views.detail_panel import task_html

    path = tmp_path / "plan.txt"
    path.write_text(
        "某区方案\n一、甲\n1. 甲事。（责任领导：张三；牵头单位：区发改局；完成时限：2025年6月底前）\n"
        "二、乙\n1. 乙事。（区财政局负责）",
        encoding="utf-8",
    )
    db = tmp_path / "a.db"
    assert main(["import", str(path), "--db", str(db)]) == 0
    store = Store.open(db)
    try:
        rows = store.db.execute(
            "SELECT outline_key, leaders, deadline FROM task ORDER BY outline_key"
        ).fetchall()
        assert [tuple(r) for r in rows] == [
            ("一/1", '["张三"]', "2025-06-30"),
            ("二/1", "[]", None),
        ]
        first = store.db.execute("SELECT id FROM task WHERE outline_key = '一/1'").fetchone()[0]
        html = task_html(queries.task_detail(store.db, first))
        assert "责任领导：张三" in html and "完成时限：2025-06-30" in html
    finally:
        store.close()
    out = tmp_path / "x.json"
    assert main(["export", "--db", str(db), "-o", str(out)]) == 0
    tasks = json.loads(out.read_text(encoding="utf-8"))["plans"][0]["tasks"]
    assert [(t["outline_key"], t["leaders"], t["deadline"]) for t in tasks] == [
        ("一/1", ["张三"], "2025-06-30"),
        ("二/1", [], None),
    ]
    bad = json.loads(out.read_text(encoding="utf-8"))
    bad["plans"][0]["tasks"][0]["deadline"] = "2025-02-30"
    broken = tmp_path / "bad.json"
    broken.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    assert main(["import-json", str(broken), "--db", str(tmp_path / "b.db")]) == 2
    assert "不是有效日期" in capsys.readouterr().err
