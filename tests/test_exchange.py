"""liandong/1 JSON: export, import into an empty db, export again (real files)."""

from __future__ import annotations

import json

import pytest

from desktop import exchange
from desktop.errors import UserError
from desktop.models.store import Store
from tests.helpers.plans import small_plan


def test_round_trip_is_exact(store: Store, tmp_path) -> None:
    store.import_plan(small_plan())
    store.rename_unit(store.find_unit("市政数局"), "市政务服务和数字化局")
    first = exchange.export_data(store.db)
    assert first["format"] == "liandong/1"
    plan = first["plans"][0]
    assert [t["no"] for t in plan["tasks"]] == [1, 2]
    assert plan["tasks"][0]["items"][0]["lead"] == ["市政务服务和数字化局"]
    assert plan["tasks"][0]["items"][0]["support"] == ["市工信局"]

    other = Store.open(tmp_path / "other.db")
    results = exchange.import_data(other, first)
    assert [r.created for r in results] == [True]
    second = exchange.export_data(other.db)
    for doc in (first, second):
        for p in doc["plans"]:
            p.pop("imported_at")
    assert second == first
    # The restored unit keeps its alias: a later import still matches the old name.
    assert other.find_unit("市政数局") == other.find_unit("市政务服务和数字化局")
    other.close()


def test_import_twice_skips_known_plans(store: Store, tmp_path) -> None:
    store.import_plan(small_plan())
    data = exchange.export_data(store.db)
    other = Store.open(tmp_path / "other.db")
    exchange.import_data(other, data)
    log_count = other.db.execute("SELECT count(*) FROM change_log").fetchone()[0]
    again = exchange.import_data(other, data)
    assert [r.created for r in again] == [False]
    assert other.db.execute("SELECT count(*) FROM change_log").fetchone()[0] == log_count
    other.close()


def test_broken_document_writes_nothing(store: Store, tmp_path) -> None:
    data = exchange.export_data(store.db) | {"plans": []}
    store.import_plan(small_plan())
    good = exchange.export_data(store.db)
    other = Store.open(tmp_path / "other.db")
    broken = json.loads(json.dumps(good))
    broken["plans"][0]["tasks"][1]["items"][0]["lead"] = ["不存在的单位"]
    with pytest.raises(UserError, match="不存在的单位"):
        exchange.import_data(other, broken)
    assert other.db.execute("SELECT count(*) FROM plan").fetchone()[0] == 0
    assert other.db.execute("SELECT count(*) FROM unit").fetchone()[0] == 0
    assert other.db.execute("SELECT count(*) FROM change_log").fetchone()[0] == 0
    assert data["plans"] == []
    other.close()


def test_check_file_rejects_foreign_json(tmp_path) -> None:
    path = tmp_path / "x.json"
    for text in ('{"format": "something/2"}', "[1, 2]", '"liandong/1"'):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(UserError, match="liandong/1"):
            exchange.check_file(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError, match="无法读取"):
        exchange.check_file(path)
