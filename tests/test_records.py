"""The schema registry (sync/records.py): it covers the desktop schema, and every way in
(CLI, import-json, the store) refuses what it refuses, writing nothing (issue 7 items 6, 11)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.errors import UserError
from desktop.models.schema_registry import SYNCED_TABLES
from desktop.models.store import Store
from sync import fields as kinds
from sync import records

ROOT = Path(__file__).resolve().parent.parent


def test_every_synced_column_is_declared_in_the_registry(store: Store) -> None:
    """A future table or column cannot skip validation: SQL and registry must agree."""
    # What the server knows: sync.records alone, without any desktop module.
    server_view = subprocess.run(
        [sys.executable, "-c", "import json, sync.records as r;"
         " print(json.dumps({t.name: list(t.columns) for t in r.TABLES.values()}))"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert json.loads(server_view) == {t: list(SYNCED_TABLES[t]) for t in SYNCED_TABLES}
    for table in SYNCED_TABLES:
        spec = records.TABLES[table]
        info = store.db.execute(f"PRAGMA table_info([{table}])").fetchall()
        sql_columns = {row[1]: row for row in info if row[1] != "id"}
        assert list(spec.columns) == list(sql_columns), table
        foreign = {fk[3]: fk[2] for fk in store.db.execute(f"PRAGMA foreign_key_list([{table}])")}
        for name, column in spec.columns.items():
            where = f"{table}.{name}"
            assert not isinstance(column, kinds.Scalar), f"{where} has no declared kind"
            assert column.label, where
            _cid, _name, _type, notnull, default, _pk = sql_columns[name]
            assert column.nullable == (not notnull), where
            assert column.required == (bool(notnull) and default is None), where
            if name in foreign:
                assert isinstance(column, kinds.Ref) and column.table == foreign[name], where
        assert spec.local <= set(spec.columns)


@pytest.mark.parametrize(
    ("spec", "value", "problem"),
    [
        (kinds.Text("名称", max_len=5), "abcdef", "过长：6 个字符，最多 5 个"),
        (kinds.Text("名称"), "a\nb", "不能换行"),
        (kinds.Text("名称"), "a\tb", "U+0009"),
        (kinds.Text("名称"), "a\u2028b", "不能换行"),
        (kinds.Text("备注", multiline=True), "a\x1bb", "U+001B"),
        (kinds.Text("备注", multiline=True), "a\x00b", "空字符"),
        (kinds.Text("备注", multiline=True), "a\ud800", "代理码位"),
        (kinds.Text("名称"), 5, "应为文本"),
        (kinds.Text("名称", nullable=False), None, "不能为空"),
        (kinds.IsoDate("日期"), "2025-02-30", "不是有效日期"),
        (kinds.IsoDate("日期"), "2025-2-3", "YYYY-MM-DD"),
        (kinds.IsoDate("日期"), "0001-01-01", "超出"),
        (kinds.Timestamp("时间"), "2026-13-01T00:00:00", "不是有效的时间"),
        (kinds.Period("填报期"), "2024-13", "YYYY-MM"),
        (kinds.Integer("序号", low=0, high=9), 10, "0 到 9"),
        (kinds.Integer("序号"), True, "应为整数"),
        (kinds.Integer("序号"), 1.5, "应为整数"),
        (kinds.Real("数值"), float("nan"), "非数字"),
        (kinds.Real("数值", low=0, high=100), 140, "0 到 100"),
        (kinds.Choice("职责", choices=("lead",)), "boss", "lead"),
        (kinds.Json("别名", shape="list"), '["a", 1]', "文本"),
        (kinds.Json("别名", shape="list"), "[NaN]", "不是有效的 JSON"),
        (kinds.Json("数值", shape="object"), '{"t": "x"}', "应为数字"),
        (kinds.Ref("任务", table="task"), "a" * 65, "过长"),
        (kinds.Boolean("是否"), 2, "0/1"),
    ],
)
def test_kinds_refuse_with_a_reason(spec: kinds.Spec, value: object, problem: str) -> None:
    assert problem in (spec.problem(value) or "")


@pytest.mark.parametrize(
    ("spec", "value"),
    [
        (kinds.Text("名称"), "长春市数字经济发展行动计划 𠀀😀"),
        (kinds.Text("备注", multiline=True), "第一行\n\t第二行"),
        (kinds.IsoDate("日期"), "2024-02-29"),
        (kinds.Timestamp("时间"), "2026-11-26T20:53:44.732+00:00"),
        (kinds.Period("填报期"), "2026-11"),
        (kinds.Real("数值"), 13000),
        (kinds.Json("数值", shape="object"), '{"t1": 9800.5}'),
        (kinds.Boolean("是否"), True),
    ],
)
def test_kinds_accept_valid_values(spec: kinds.Spec, value: object) -> None:
    assert spec.problem(value) is None


def test_a_table_declared_by_names_only_keeps_working(store: Store) -> None:
    """Other features call ``schema.synced(table, *names)``: lenient kinds, still checked."""
    from desktop.models.schema import synced

    store.db.execute("CREATE TABLE note_x (id TEXT PRIMARY KEY, text TEXT, n INTEGER)")
    synced("note_x", "text", "n")
    try:
        with store.action("add") as tx:
            tx.insert("note_x", {"text": "多行\n文本", "n": 3})
        with pytest.raises(UserError, match="空字符"), store.action("bad") as tx:
            tx.insert("note_x", {"text": "a\x00"})
        assert store.db.execute("SELECT count(*) FROM note_x").fetchone() == (1,)
        assert records.wire_columns("note_x") == ("text", "n")
    finally:
        del SYNCED_TABLES["note_x"]


# -- the CLI on a real database file ------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path, seed_path: Path, capsys) -> Path:
    path = tmp_path / "cli.db"
    assert main(["import", "--db", str(path), str(seed_path)]) == 0
    assert main(["milestone", "add", "--db", str(path), "--task", "5", "--title", "算力中心投运",
                 "--due", "2026-06-30"]) == 0  # fmt: skip
    capsys.readouterr()
    return path


def _bytes(path: Path) -> bytes:
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    return path.read_bytes()


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("名" * 30_000, "过长：30000 个字符，最多 200 个"),
        ("第一行\n第二行", "不能换行"),
        ("响铃\x07", "U+0007"),
        ("转义\x1b[2J", "U+001B"),
    ],
)
def test_cli_refuses_bad_titles_and_writes_nothing(db: Path, capsys, title: str, message: str):
    before = _bytes(db)
    code = main(["milestone", "add", "--db", str(db), "--task", "5", "--title", title,
                 "--due", "2026-07-01"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and message in err and "名称" in err and "Traceback" not in err
    assert len(err) < 400  # the 30,000 characters are not echoed back
    assert _bytes(db) == before


def _export(db: Path, tmp_path: Path, capsys) -> dict:
    out = tmp_path / "export.json"
    assert main(["export", "--db", str(db), "-o", str(out)]) == 0
    capsys.readouterr()
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"due": "2025-02-30"}, "“截止日期”“2025-02-30”不是有效日期"),
        ({"title": "空\x00字符"}, "“名称”含有空字符"),
        ({"title": "名" * 30_000}, "“名称”过长"),
        ({"task_id": "no-such-task"}, "“所属任务”指向的任务（编号 no-such-task）不存在"),
        ({"position": "first"}, "“顺序”应为整数"),
    ],
)
def test_import_json_refuses_invalid_records_and_changes_nothing(
    db: Path, tmp_path: Path, capsys, change: dict, message: str
) -> None:
    data = _export(db, tmp_path, capsys)
    milestone = dict(data["coordination"]["milestone"][0])
    milestone.update({"id": "bad-milestone", **change})
    data["coordination"]["milestone"].append(milestone)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for target in (db, tmp_path / "empty.db"):
        before = _bytes(target) if target.exists() else None
        code = main(["import-json", "--db", str(target), str(bad)])
        err = capsys.readouterr().err
        assert code == 2 and message in err and "Traceback" not in err, err
        assert "里程碑" in err and "bad-milestone" in err and "未导入任何内容" in err
        if before is not None:
            assert _bytes(target) == before
        else:
            conn = sqlite3.connect(target)
            assert conn.execute("SELECT count(*) FROM plan").fetchone() == (0,)
            conn.close()
    # Afterwards the database still works.
    assert main(["status", "--db", str(db)]) == 0
    assert main(["milestone", "list", "--db", str(db)]) == 0
    assert "算力中心投运" in capsys.readouterr().out


def test_import_json_refuses_a_bad_plan_record(db: Path, tmp_path: Path, capsys) -> None:
    data = _export(db, tmp_path, capsys)
    plan = data["plans"][0]
    plan["tasks"][0]["title"] = "任务\n标题"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code = main(["import-json", "--db", str(tmp_path / "empty.db"), str(bad)])
    err = capsys.readouterr().err
    assert code == 2 and "任务“任务\\u000a标题”" in err and "不能换行" in err, err


def test_docs_list_every_limit_of_the_registry() -> None:
    text = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    embedded = text.split("<!-- registry:begin -->\n", 1)[1].split("<!-- registry:end -->", 1)[0]
    assert embedded == records.limits_markdown()


def test_import_json_with_an_absurd_number_is_a_message(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "huge.json"
    bad.write_text('{"format": "liandong/1", "plans": [], "units": [], "n": ' + "9" * 5000 + "}")
    nested = tmp_path / "nested.json"
    nested.write_text('{"format": "liandong/1", "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    for path in (bad, nested):
        code = main(["import-json", "--db", str(tmp_path / "x.db"), str(path)])
        err = capsys.readouterr().err
        assert code == 2 and "无法读取 JSON 文件" in err and "Traceback" not in err
    assert "过大的数" in (kinds.Integer("序号").problem(10**40) or "")
