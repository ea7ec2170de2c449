"""Append-only tables are protected by SQLite triggers as well as by ``Tx`` (issue 7)."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.errors import UserError
from desktop.models import authoring, duban, remarks
from desktop.models import coordination as co
from desktop.models.schema_registry import APPEND_ONLY
from desktop.models.store import Store
from sync import apply as sync_apply
from tests.helpers.coordination import fingerprint, load_demo, task


@pytest.fixture
def reported(store: Store) -> tuple[Store, str]:
    load_demo(store)
    report = co.add_report(
        store, task(store, 1), store.find_unit("市城管局"), period="2024-06", percent=40
    )
    # a row in every append-only table: the change history gets one from a title edit
    authoring.edit_task(store, task(store, 2), title="持续推进城市光纤宽带网络建设（修订）")
    remarks.add_comment(store, "task", task(store, 1), "请加快进度。")
    remarks.add_instruction(store, task(store, 1), "张市长", "抓紧推进，按期完成。")
    # one row in every 督办 step table (issue 12), so each trigger is exercised
    lead, t1 = store.find_unit("市城管局"), task(store, 1)
    duban.sign_in(store, t1, lead)
    duban.decide_signoff(store, duban.apply_signoff(store, t1, lead, "已完成"), False, "补充")
    ms = co.add_milestone(store, t1, "节点", "2099-01-01")
    request = duban.request_extension(store, ms, lead, "2099-06-30", "延迟")
    duban.decide_extension(store, request, True)
    return store, report


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")]


def test_every_append_only_table_has_its_trigger(store: Store) -> None:
    assert "report" in APPEND_ONLY
    triggers = {r[0] for r in store.db.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_append_only'")}  # fmt: skip
    assert triggers >= APPEND_ONLY


def test_sqlite_refuses_changing_any_column(reported, db_path) -> None:
    store, report = reported
    before = fingerprint(db_path)
    conn = sqlite3.connect(db_path)
    try:
        for table in sorted(APPEND_ONLY):
            assert conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0] > 0, table
            for column in columns(conn, table):
                with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                    conn.execute(
                        f"UPDATE [{table}] SET [{column}] = 'changed-' || coalesce([{column}], '')"
                    )
        # writing the same values again (a replayed insert from sync) is no change
        conn.execute("UPDATE report SET text = text, percent = percent")
        conn.execute(
            "INSERT INTO report (id, task_id, unit_id, period, created_at) SELECT id, task_id,"
            " unit_id, period, created_at FROM report WHERE true ON CONFLICT(id) DO UPDATE SET"
            " period = excluded.period"
        )
        conn.commit()
    finally:
        conn.close()
    assert fingerprint(db_path) == before
    co.retract_report(store, report)  # deleting (undo before sync) stays allowed
    assert store.db.execute("SELECT count(*) FROM report").fetchone() == (0,)


def test_tx_refuses_updates(reported) -> None:
    store, report = reported
    before = store.pending_changes()
    with pytest.raises(UserError, match="只能追加"), store.action("edit_report") as tx:
        tx.update("report", report, {"percent": 99.0})
    assert store.pending_changes() == before
    assert store.db.execute("SELECT percent FROM report").fetchone() == (40.0,)


def test_trigger_added_to_an_existing_database(tmp_path) -> None:
    path = tmp_path / "old.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    with conn:  # as a database from before the migration
        conn.execute("DROP TRIGGER report_append_only")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'coord_0001_append_only'")
    conn.close()
    store = Store.open(path)
    try:
        names = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}  # fmt: skip
        assert "report_append_only" in names
    finally:
        store.close()


def test_pulled_rewrite_of_a_report_is_deferred_not_applied(reported) -> None:
    store, report = reported
    row = next(store.db.query("SELECT * FROM report WHERE id = ?", [report]))
    store.db.execute("UPDATE change_log SET acked_seq = 1")  # pushed and acknowledged
    forged = {k: v for k, v in row.items() if k != "id"} | {"text": "改写"}
    replay = {k: v for k, v in row.items() if k != "id"}
    applied = sync_apply.apply_pull_page(
        store.db,
        [
            {"seq": 5, "tbl": "report", "id": report, "kind": "insert", "fields": replay},
            {"seq": 6, "tbl": "report", "id": report, "kind": "insert", "fields": forged},
        ],
        6,
    )
    assert applied == 1  # the identical replay; the rewrite is kept aside
    assert store.db.execute("SELECT text FROM report").fetchone() == ("",)
    assert store.db.execute("SELECT count(*) FROM sync_deferred").fetchone() == (1,)


def test_rejected_insert_takes_the_servers_report(reported) -> None:
    store, report = reported
    ops = sync_apply.pending_ops(store.db, 100_000)
    sent = [op for op in ops if op["tbl"] == "report"]
    server_fields = {**sent[0]["fields"], "text": "服务器上的内容"}
    result = {
        "op": sent[0]["op"],
        "status": "rejected",
        "reason": "id exists",
        "server": {"exists": True, "fields": server_fields},
    }
    sync_apply.record_push_results(store.db, sent, [result])
    assert store.db.execute("SELECT text FROM report WHERE id = ?", [report]).fetchone() == (
        "服务器上的内容",
    )
