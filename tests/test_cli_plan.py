"""`liandong import / export / units / unit …` end to end on real files."""

from __future__ import annotations

import json

from desktop.cli import main
from desktop.models import queries
from desktop.models.store import Store


def change_count(db_path) -> int:
    store = Store.open(db_path)
    try:
        return store.db.execute("SELECT count(*) FROM change_log").fetchone()[0]
    finally:
        store.close()


def test_import_seed_prints_summary_and_is_idempotent(db_path, seed_path, capsys) -> None:
    assert main(["import", str(seed_path), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "长府办发〔2023〕17号" in out
    assert "任务 27" in out and "工作事项 36" in out
    assert "单位 39" in out and "量化目标 6" in out and "警告 1" in out
    assert "任务26" in out
    before = change_count(db_path)
    assert main(["--db", str(db_path), "import", str(seed_path)]) == 0
    assert "已导入过，未做更改" in capsys.readouterr().out
    assert change_count(db_path) == before


def test_units_lists_counts(db_path, seed_path, capsys) -> None:
    main(["import", str(seed_path), "--db", str(db_path)])
    capsys.readouterr()
    assert main(["units", "--db", str(db_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    row = next(line for line in lines if line.startswith("市政数局"))
    # 市政数局 leads 8 items, supports 15, is responsible for 4 (counted by hand).
    assert row.split()[1:4] == ["8", "15", "4"]
    assert lines[-1] == "共 39 个单位"


def test_export_import_json_round_trip(db_path, seed_path, tmp_path, capsys) -> None:
    main(["import", str(seed_path), "--db", str(db_path)])
    first = tmp_path / "first.json"
    assert main(["export", "--db", str(db_path), "-o", str(first)]) == 0
    data = json.loads(first.read_text(encoding="utf-8"))
    plan = data["plans"][0]
    assert plan["doc_no"] == "长府办发〔2023〕17号"
    assert len(plan["tasks"]) == 27 and len(data["units"]) == 39
    task1 = plan["tasks"][0]
    assert task1["items"][0]["lead"] == ["市城管局"]
    assert task1["targets"][0]["value"] == 13000 and task1["targets"][0]["unit"] == "个"
    assert len(plan["goals"]) == 2

    other = tmp_path / "other.db"
    assert main(["import", str(first), "--db", str(other)]) == 0
    second = tmp_path / "second.json"
    assert main(["export", "--db", str(other), "-o", str(second)]) == 0
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (first, second))
    for doc in (a, b):
        for p in doc["plans"]:
            p.pop("imported_at")
    assert a == b


def test_bad_input_exits_2_and_writes_nothing(db_path, seed_path, tmp_path, capsys) -> None:
    main(["import", str(seed_path), "--db", str(db_path)])
    before = change_count(db_path)
    novel = tmp_path / "novel.txt"
    novel.write_text("从前有座山，山里有座庙。庙里有个老和尚在讲故事。\n" * 20, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for path in (novel, empty, tmp_path / "missing.txt"):
        assert main(["import", str(path), "--db", str(db_path)]) == 2
        assert capsys.readouterr().err.startswith("错误：")
    assert change_count(db_path) == before


def test_unit_rename_alias_merge(db_path, seed_path, capsys) -> None:
    main(["import", str(seed_path), "--db", str(db_path)])
    db = ["--db", str(db_path)]
    assert main(["unit", "rename", "市政数局", "长春市政务服务和数字化建设管理局", *db]) == 0
    assert main(["unit", "alias", "市工信局", "长春市工业和信息化局", *db]) == 0
    assert main(["unit", "merge", "市工信局", "长春市工业和信息化局", *db]) == 2  # same unit
    assert main(["unit", "merge", "市通信办", "铁塔公司", *db]) == 0
    assert main(["unit", "rename", "不存在", "x", *db]) == 2
    store = Store.open(db_path)
    units = {u["name"]: u for u in queries.unit_summaries(store.db)}
    assert units["长春市政务服务和数字化建设管理局"]["aliases"] == ["市政数局"]
    assert units["市工信局"]["aliases"] == ["长春市工业和信息化局"]
    assert "铁塔公司" not in units and "铁塔公司" in units["市通信办"]["aliases"]
    # 市通信办: lead 2 (tasks 2, 3) + support 1 (task 1); 铁塔公司 supported task 1 too.
    assert (units["市通信办"]["lead"], units["市通信办"]["support"]) == (2, 1)
    store.close()


def test_argparse_speaks_chinese(capsys) -> None:
    import pytest

    with pytest.raises(SystemExit) as exit_info:
        main(["units", "--help"])
    assert exit_info.value.code == 0
    assert "用法：" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["no-such-command"])
    assert exit_info.value.code == 2
    assert "错误" in capsys.readouterr().err


def test_json_import_errors_name_the_real_problem(db_path, tmp_path, capsys) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"format": "liandong/9"}', encoding="utf-8")
    assert main(["import", str(other), "--db", str(db_path)]) == 2
    assert "liandong/1" in capsys.readouterr().err


def test_serve_refuses_bad_ports_and_busy_addresses(tmp_path, capsys) -> None:
    import socket

    data = tmp_path / "srv"
    from sync.server import admin

    admin.init_server(data, "admin", "adminpass123")
    assert main(["serve", "--data", str(data), "--port", "99999"]) == 2
    assert "端口 99999 无效" in capsys.readouterr().err
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--data", str(data), "--port", str(port)]) == 2
    assert "端口已被占用" in capsys.readouterr().err
