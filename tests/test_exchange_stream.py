"""import-json reads its file as a stream (``desktop.exchange_stream``, issue 14).

The streamed import gives exactly what ``import_data`` of the parsed document
gives — with a window of a few dozen characters, so that every plan, record,
string and number is cut by the window's edge somewhere — for an export (units
first), an older file (units after the plans) and coordination tables in another
order. A file cut off or malformed halfway writes nothing. Real SQLite files.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop import exchange, exchange_stream
from desktop.errors import UserError
from desktop.exchange_coordination import export_coordination
from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import dependencies, progress
from desktop.models.store import Store
from tests.helpers.coordination import fingerprint, load_demo


@pytest.fixture
def document(tmp_path: Path) -> dict:
    store = Store.open(tmp_path / "source.db")
    try:
        load_demo(store)
        today = date.today()
        tasks = [cq.resolve_task(store.db, no) for no in (1, 2, 5, 9)]
        for n, task_id in enumerate(tasks):
            ms = co.add_milestone(store, task_id, f"节点{n}", today + timedelta(days=10 * n - 15))
            co.extend_milestone(store, ms, today + timedelta(days=10 * n + 30), "延期")
        dependencies.add_dependency(store, ("task", tasks[0]), ("task", tasks[1]), 5)
        unit = store.find_unit("市政数局")
        progress.add_report(store, tasks[2], unit, period=today.strftime("%Y-%m"), text="推进中",
                            percent=40, confirm_period=True)  # fmt: skip
        return json.loads(exchange.dumps(exchange.export_data(store.db)))
    finally:
        store.close()


def exported(path: Path) -> tuple:
    store = Store.open(path)
    try:
        data = exchange.export_data(store.db)
        for plan in data["plans"]:
            plan.pop("imported_at")
        return data, export_coordination(store.db)
    finally:
        store.close()


def write(path: Path, document: dict) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def import_parsed(document: dict, path: Path) -> Path:
    store = Store.open(path)
    try:
        exchange.import_data(store, document)
    finally:
        store.close()
    return path


def import_streamed(source: Path, path: Path) -> dict[str, int]:
    store = Store.open(path)
    summary: dict[str, int] = {}
    try:
        exchange.import_file(store, source, summary)
    finally:
        store.close()
    return summary


def test_exports_write_the_units_first(document: dict) -> None:
    assert list(document)[:3] == ["format", "units", "plans"]


@pytest.mark.parametrize("layout", ["export", "units last", "tables out of order"])
def test_streamed_import_equals_the_parsed_one(
    document: dict, tmp_path: Path, monkeypatch, layout: str
) -> None:
    monkeypatch.setattr(exchange_stream, "WINDOW", 37)  # every element crosses a window edge
    if layout == "units last":
        document = {k: document[k] for k in ("format", "plans", "coordination", "units")}
    elif layout == "tables out of order":  # dependencies and reports before the milestones
        tables = document["coordination"]
        order = ["dependency", "report", *(t for t in tables if t not in ("dependency", "report"))]
        document["coordination"] = {t: tables[t] for t in order} | {"future_table": [{"x": 1}]}
    source = write(tmp_path / "data.json", document)
    expected = exported(import_parsed(document, tmp_path / "parsed.db"))
    summary = import_streamed(source, tmp_path / "streamed.db")
    assert exported(tmp_path / "streamed.db") == expected
    assert summary["milestone"] == 4 and summary["dependency"] == 1 and summary["kept"] == 0
    again = import_streamed(source, tmp_path / "streamed.db")  # adds nothing
    assert again["milestone"] == 0 and again["kept"] == summary["kept"] + sum(
        v for k, v in summary.items() if k not in ("units", "kept")
    )


def test_a_file_broken_halfway_writes_nothing(document: dict, tmp_path: Path) -> None:
    target = tmp_path / "target.db"
    Store.open(target).close()
    before = fingerprint(target)
    text = json.dumps(document, ensure_ascii=False)
    cut = write(tmp_path / "cut.json", document)
    cut.write_text(text[: len(text) * 2 // 3], encoding="utf-8")  # plans read, then the end
    bad_unit = json.loads(text)
    bad_unit["plans"][-1]["tasks"][-1]["items"][0]["lead"] = ["不存在的单位"]
    bad_row = json.loads(text)
    bad_row["coordination"]["milestone"][-1]["due"] = "2025-02-30"
    for source, message in (
        (cut, "无法读取 JSON 文件"),
        (write(tmp_path / "unit.json", bad_unit), "不存在的单位"),
        (write(tmp_path / "row.json", bad_row), "无效的记录"),
    ):
        store = Store.open(target)
        try:
            with pytest.raises(UserError, match=message):
                exchange.import_file(store, source)
        finally:
            store.close()
        assert fingerprint(target) == before, source.name
