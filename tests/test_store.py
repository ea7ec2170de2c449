"""The store: transactions, change log, units, schema versions (real SQLite files)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from desktop.errors import SchemaTooNew, UserError
from desktop.models import queries
from desktop.models.store import Store
from tests.helpers.plans import small_plan


def test_import_writes_records_and_change_log(store: Store) -> None:
    result = store.import_plan(small_plan())
    assert result.created
    assert result.counts["tasks"] == 2 and result.counts["items"] == 3
    assert result.counts["assignments"] == 4 and result.counts["units_new"] == 2
    logged = store.db.execute("SELECT tbl, count(*) FROM change_log GROUP BY tbl").fetchall()
    assert dict(logged) == {
        "plan": 1,
        "section": 2,
        "task": 2,
        "item": 3,
        "unit": 2,
        "assignment": 4,
        "plan_warning": 1,
    }
    assert store.pending_changes() == 15


def test_reimport_changes_nothing(store: Store) -> None:
    store.import_plan(small_plan())
    before = store.db.execute("SELECT count(*) FROM change_log").fetchone()[0]
    again = store.import_plan(small_plan())
    assert not again.created
    assert store.db.execute("SELECT count(*) FROM change_log").fetchone()[0] == before
    assert store.db.execute("SELECT count(*) FROM task").fetchone()[0] == 2


def test_second_plan_shares_units_by_name_and_alias(store: Store) -> None:
    store.import_plan(small_plan())
    store.rename_unit(store.find_unit("市政数局"), "长春市政务服务和数字化建设管理局")
    store.import_plan(small_plan("fp-2", "测府发〔2024〕2号"))
    names = [u["name"] for u in queries.unit_summaries(store.db)]
    assert sorted(names) == ["市工信局", "长春市政务服务和数字化建设管理局"]
    assert store.find_unit("市政数局") == store.find_unit("长春市政务服务和数字化建设管理局")


def test_merge_units_combines_assignments(store: Store) -> None:
    store.import_plan(small_plan())
    keep, drop = store.find_unit("市政数局"), store.find_unit("市工信局")
    store.merge_units(keep, drop)
    summary = {u["name"]: u for u in queries.unit_summaries(store.db)}
    assert list(summary) == ["市政数局"]
    assert summary["市政数局"]["aliases"] == ["市工信局"]
    # lead of task 1 + lead of 2-1 (moved) ; support of task 1 moved; responsible 2-2
    assert (summary["市政数局"]["lead"], summary["市政数局"]["support"]) == (2, 1)
    assert summary["市政数局"]["responsible"] == 1


def test_rename_to_taken_name_is_refused(store: Store) -> None:
    store.import_plan(small_plan())
    with pytest.raises(UserError, match="合并单位"):
        store.rename_unit(store.find_unit("市政数局"), "市工信局")


def test_failed_action_rolls_back_records_and_log(store: Store) -> None:
    store.import_plan(small_plan())
    log_before = store.db.execute("SELECT count(*) FROM change_log").fetchone()[0]
    with pytest.raises(RuntimeError), store.action("broken") as tx:
        tx.update("task", store.db.execute("SELECT id FROM task").fetchone()[0], {"title": "改"})
        raise RuntimeError("boom")
    assert store.db.execute("SELECT count(*) FROM change_log").fetchone()[0] == log_before
    assert {r[0] for r in store.db.execute("SELECT title FROM task")} == {"任务一", "任务二"}


def test_update_logs_only_changed_fields(store: Store) -> None:
    store.import_plan(small_plan())
    task_id = store.db.execute("SELECT id FROM task WHERE no = 1").fetchone()[0]
    with store.action("edit") as tx:
        tx.update("task", task_id, {"title": "任务一", "text": "新正文"})
    fields = store.db.execute("SELECT fields FROM change_log WHERE action = 'edit'").fetchone()[0]
    assert json.loads(fields) == {"text": "新正文"}


def test_search_uses_fts_and_short_queries(store: Store) -> None:
    store.import_plan(small_plan())
    assert len(queries.search_tasks(store.db, "任务二乙")) == 1
    assert len(queries.search_tasks(store.db, "正文")) == 1  # 2 chars: instr fallback
    assert queries.search_tasks(store.db, "不存在的词") == set()


def test_newer_schema_is_refused_and_left_untouched(db_path) -> None:
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('liandong', '9999_future', 'x')"
    )
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(SchemaTooNew, match="更新版本"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_garbage_file_is_a_user_error(tmp_path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(UserError):
        Store.open(bad)


def test_delete_logs_what_sqlite_would_cascade(store: Store) -> None:
    store.import_plan(small_plan())
    task_id = store.db.execute("SELECT id FROM task WHERE no = 2").fetchone()[0]
    with store.action("delete_task") as tx:
        tx.delete("task", task_id)
    logged = store.db.execute(
        "SELECT tbl, count(*) FROM change_log WHERE action = 'delete_task' GROUP BY tbl"
    ).fetchall()
    # Task 2 had two items with one assignment each.
    assert dict(logged) == {"task": 1, "item": 2, "assignment": 2}
    assert store.db.execute("SELECT count(*) FROM item").fetchone()[0] == 1


def test_delete_plan_logs_every_row(store: Store) -> None:
    store.import_plan(small_plan())
    rows = sum(
        store.db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0]
        for t in ("plan", "section", "task", "item", "assignment", "plan_warning")
    )
    store.delete_plan(store.db.execute("SELECT id FROM plan").fetchone()[0])
    deletes = store.db.execute("SELECT count(*) FROM change_log WHERE kind = 'delete'").fetchone()[
        0
    ]
    assert deletes == rows
    assert store.db.execute("SELECT count(*) FROM unit").fetchone()[0] == 2  # units stay


def test_local_only_columns_never_travel(store: Store) -> None:
    store.import_plan(small_plan())
    plan_id = store.db.execute("SELECT id FROM plan").fetchone()[0]
    insert = json.loads(
        store.db.execute(
            "SELECT fields FROM change_log WHERE tbl = 'plan' AND kind = 'insert'"
        ).fetchone()[0]
    )
    assert "imported_at" not in insert and "source_name" not in insert
    assert insert["title"] == "测试行动计划"
    before = store.pending_changes()
    with store.action("touch") as tx:
        tx.update("plan", plan_id, {"source_name": "again.docx"})
    assert store.pending_changes() == before
    assert store.db.execute("SELECT source_name FROM plan").fetchone()[0] == "again.docx"


def test_search_is_case_insensitive_and_needs_every_term(store: Store) -> None:
    plan = small_plan()
    plan.tasks[0].title = "推进5G网络建设"
    plan.tasks[0].text = "推进5G网络建设，开展VR应用。"
    store.import_plan(plan)
    for query in ("5g", "5G", "vr", "VR", "5g网络"):
        assert len(queries.search_tasks(store.db, query)) == 1, query
    assert len(queries.search_tasks(store.db, "网络 VR")) == 1  # both terms, any order
    assert queries.search_tasks(store.db, "网络 乙") == set()  # terms in different tasks
    # A plan's 发文字号 finds all its tasks.
    assert len(queries.search_tasks(store.db, "测府发〔2024〕1号")) == 2
    assert queries.search_tasks(store.db, "   ") == set()


def test_unmerge_restores_the_unit_its_assignments_and_references(store: Store) -> None:
    from desktop.models import coordination as co

    store.import_plan(small_plan())
    keep, drop = store.find_unit("市政数局"), store.find_unit("市工信局")
    task1 = store.db.execute("SELECT id FROM task WHERE no = 1").fetchone()[0]
    ms = co.add_milestone(store, task1, "节点", "2030-01-01", owner_unit_id=drop)
    before = {
        t: store.db.execute(f"SELECT * FROM [{t}] ORDER BY id").fetchall()
        for t in ("unit", "assignment", "milestone")
    }
    result = store.merge_units(keep, drop)
    assert result.moved == 2  # 1 support + 1 lead moved; keep had neither
    owner = store.db.execute("SELECT owner_unit_id FROM milestone WHERE id = ?", [ms])
    assert owner.fetchone()[0] == keep
    store.unmerge_units(result.undo)
    after = {
        t: store.db.execute(f"SELECT * FROM [{t}] ORDER BY id").fetchall()
        for t in ("unit", "assignment", "milestone")
    }
    assert after == before
    # Both directions went through the change log (sync sees them).
    actions = {r[0] for r in store.db.execute("SELECT action FROM change_log")}
    assert {"merge_units", "unmerge_units"} <= actions


@pytest.mark.parametrize("bad", [float("inf"), float("-inf"), float("nan")])
def test_non_finite_numbers_are_refused_before_anything_is_written(store: Store, bad) -> None:
    store.import_plan(small_plan())
    before = store.pending_changes()
    task_id = store.db.execute("SELECT id FROM task WHERE no = 1").fetchone()[0]
    with pytest.raises(UserError, match="无穷大或非数字"), store.action("bad") as tx:
        tx.insert("target", {"task_id": task_id, "value": bad, "metric": "x"})
    assert store.pending_changes() == before
    assert store.db.execute("SELECT count(*) FROM target").fetchone()[0] == 0
