"""上级任务 link suggestions on import (CLI output and the import preview's query) and
links accepted in the preview, written in the import's own transaction."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.errors import NotFound, UserError
from desktop.importer import parse_text
from desktop.models import authoring_queries as aq
from desktop.models.store import Store
from tests.helpers.levels import CITY_PLAN_TEXT, province_plan


def test_suggestions_for_a_parsed_plan_and_a_stored_one(store: Store) -> None:
    province = province_plan(store)
    parsed = parse_text(CITY_PLAN_TEXT)
    found = {s["index"]: s for s in aq.suggest_links_for_parsed(store.db, parsed)}
    assert {i: s["parent_id"] for i, s in found.items()} == {0: province["1"], 1: province["2"]}
    assert found[1]["parent_plan"] == "某省〔2024〕1号" and found[1]["score"] >= 0.6
    plan = store.import_plan(parsed).plan_id
    stored = {s["no"]: s["parent_id"] for s in aq.suggest_links(store.db, plan)}
    assert stored == {1: province["1"], 2: province["2"]}
    # never the plan itself (nor another version of it: same 发文字号 or title)
    own = aq.suggest_links(store.db, province["plan"])
    assert all(s["parent_plan"] != "某省〔2024〕1号" for s in own)


def test_links_are_written_with_the_import_or_nothing_is(store: Store) -> None:
    province = province_plan(store)
    parsed = parse_text(CITY_PLAN_TEXT)
    with pytest.raises(NotFound, match="上级任务不存在"):
        store.import_plan(parsed, links={0: "01a228a0-0000-7000-8000-000000000000"})
    assert store.db.execute("SELECT count(*) FROM plan").fetchone() == (1,)  # nothing written
    with pytest.raises(UserError, match="超出"):
        store.import_plan(parsed, links={7: province["1"]})
    result = store.import_plan(parsed, links={1: province["2"]})
    assert result.counts["links"] == 1
    assert store.db.execute(
        "SELECT no FROM task WHERE parent_task_id = ?", [province["2"]]
    ).fetchall() == [(2,)]
    assert [t["title"] for t in aq.lower_tasks(store.db, province["2"])] == ["推进政务数据共享"]


def test_cli_import_lists_the_suggestions(capsys, db_path: Path, store: Store, tmp_path) -> None:
    province_plan(store)
    path = tmp_path / "city.txt"
    path.write_text(CITY_PLAN_TEXT, encoding="utf-8")
    assert main(["import", str(path), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "可能对应其他计划中的任务" in out
    assert "任务1“建设市级算力枢纽” ≈ 某省〔2024〕1号 任务1“建设省级算力枢纽”" in out
    assert "--implements 某省〔2024〕1号 --parent-task 2" in out
