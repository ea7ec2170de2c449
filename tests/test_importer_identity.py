"""Task identity comes from the outline position; every import failure is a message.

Issue 7 item 15 (numbering that restarts per section, a 序号 column numbering
work items 14-1 … 14-4) and item 17 (importing a folder).
"""

from __future__ import annotations

import sqlite3

import docx

from desktop.cli import main
from desktop.errors import ImportFailed
from desktop.importer import parse_file, parse_text
from desktop.models.store import Store

RESTARTING = """某区重点工作任务分工方案
一、稳增长
1. 扩大有效投资。（牵头单位：区发改局；配合单位：区财政局）
2. 促进消费回升。（牵头单位：区商务局）
二、优环境
1. 深化放管服改革。（牵头单位：区政数局；配合单位：区市场监管局）
2. 优化政务服务。（牵头单位：区政数局）
"""


def test_restarting_numbers_are_distinct_tasks(store):
    plan = parse_text(RESTARTING)
    assert [(t.no, t.key) for t in plan.tasks] == [
        (1, "一/1"),
        (2, "一/2"),
        (1, "二/1"),
        (2, "二/2"),
    ]
    result = store.import_plan(plan)
    assert result.counts["tasks"] == 4
    rows = store.db.execute("SELECT no, title FROM task ORDER BY rowid").fetchall()
    assert [tuple(r) for r in rows] == [
        (1, "扩大有效投资"),
        (2, "促进消费回升"),
        (1, "深化放管服改革"),
        (2, "优化政务服务"),
    ]
    again = store.import_plan(parse_text(RESTARTING))
    assert not again.created
    assert store.db.execute("SELECT count(*) FROM task").fetchone()[0] == 4


def test_cli_imports_restarting_numbers(tmp_path, capsys):
    path = tmp_path / "restart.txt"
    path.write_text(RESTARTING, encoding="utf-8")
    assert main(["import", str(path), "--db", str(tmp_path / "x.db")]) == 0
    assert "任务 4" in capsys.readouterr().out


def test_continuous_numbering_keeps_earlier_ids(store, seed_path):
    # The seed plan is numbered 1…27 through the whole document: its task ids are
    # the ones earlier versions derived from the number, so old databases converge.
    from desktop.models.ids import stable_id

    result = store.import_plan(parse_file(seed_path))
    ids = {r[0]: r[1] for r in store.db.execute("SELECT no, id FROM task")}
    assert ids[14] == stable_id(result.plan_id, "task", 14)


def _sub_numbered_table(path):
    document = docx.Document()
    document.add_paragraph("某市数字政府建设任务分工")
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(
        table.rows[0].cells, ["序号", "重点任务", "牵头单位", "配合单位"], strict=True
    ):
        cell.text = text
    rows = [
        ("13", "建设城市大脑", "市政数局", "市工信局"),
        ("14-1", "推进一网通办：企业开办一日办结", "市市场监管局", "市税务局"),
        ("14-2", "推进一网通办：工程建设项目审批提速", "市住建局", "市自然资源局"),
        ("14-3", "推进一网通办：不动产登记一窗受理", "市自然资源局", "市税务局"),
        ("14-4", "推进一网通办：社保医保一卡通办", "市人社局", "市医保局"),
        ("15", "加强数据安全", "市委网信办", "市公安局"),
    ]
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    document.save(path)


def test_docx_work_item_numbers_group_into_one_task(tmp_path, store):
    path = tmp_path / "table.docx"
    _sub_numbered_table(path)
    plan = parse_file(path)
    assert [t.no for t in plan.tasks] == [13, 14, 15]
    task14 = plan.tasks[1]
    assert len(task14.items) == 4
    leads = [[u.name for u in item.units if u.role == "lead"] for item in task14.items]
    assert leads == [["市市场监管局"], ["市住建局"], ["市自然资源局"], ["市人社局"]]
    assert "社保医保一卡通办" in task14.items[3].text
    assert store.import_plan(plan).counts["items"] == 6


def test_folder_is_named_a_folder(tmp_path, capsys):
    folder = tmp_path / "计划.docx"
    folder.mkdir()
    try:
        parse_file(folder)
    except ImportFailed as exc:
        assert "文件夹" in str(exc) and "不支持" not in str(exc)
    else:
        raise AssertionError("a folder must not import")
    db = tmp_path / "x.db"
    assert main(["import", str(folder), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "文件夹" in err and "不支持的文件类型" not in err
    assert not db.exists()


def test_database_refusal_is_import_failed_and_writes_nothing(db_path):
    store = Store.open(db_path)
    store.close()
    # A real constraint inside SQLite that the importer does not know about.
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "CREATE TRIGGER no_second_section BEFORE INSERT ON task"
            " WHEN NEW.title = '优化政务服务' BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    conn.close()
    before = db_path.read_bytes()
    store = Store.open(db_path)
    try:
        try:
            store.import_plan(parse_text(RESTARTING))
        except ImportFailed as exc:
            assert "未写入任何数据" in str(exc)
        else:
            raise AssertionError("the trigger must refuse the import")
        assert store.db.execute("SELECT count(*) FROM plan").fetchone()[0] == 0
    finally:
        store.close()
    assert db_path.read_bytes() == before


def test_restarted_numbering_lists_in_document_order(store):
    from desktop import exchange
    from desktop.models import queries

    store.import_plan(parse_text(RESTARTING))
    titles = ["扩大有效投资", "促进消费回升", "深化放管服改革", "优化政务服务"]
    assert [t["title"] for t in queries.tasks(store.db)] == titles
    assert [r.label.split(" ", 1)[1] for r in queries.matrix(store.db).rows] == titles
    exported = exchange.export_data(store.db)["plans"][0]["tasks"]
    assert [t["title"] for t in exported] == titles


def test_record_ids_are_standard_uuids():
    import uuid

    from desktop.models.ids import NAMESPACE, new_id, stable_id

    for parts in [("plan", "abc"), ("plan", "二/一/3", 14), ("单位", "市政数局"), ("",)]:
        name = "\x1f".join(str(p) for p in parts)
        assert stable_id(*parts) == str(uuid.uuid5(NAMESPACE, name))
    ids = [uuid.UUID(new_id()) for _ in range(50)]
    assert all(u.version == 7 and u.variant == uuid.RFC_4122 for u in ids)
    assert len(set(ids)) == 50
