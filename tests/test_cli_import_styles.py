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
