"""Pulled pages are written in batches (``executemany``); an op SQLite refuses in the
middle of a batch is deferred alone, the others applied, in seq order (issue 14)."""

from __future__ import annotations

from desktop.models.ids import new_id
from desktop.models.store import Store
from sync import apply as sync_apply
from tests.helpers.coordination import load_demo


def _assignment_ops(store: Store, missing_item: str) -> list[dict]:
    items = [r[0] for r in store.db.execute("SELECT id FROM item ORDER BY id LIMIT 3")]
    unit = store.db.execute("SELECT id FROM unit ORDER BY id LIMIT 1").fetchone()[0]
    item_ids = [items[0], missing_item, items[1], items[2]]
    return [
        {
            "seq": 10 + n,
            "tbl": "assignment",
            "id": new_id(),
            "kind": "insert",
            "fields": {"item_id": item, "unit_id": unit, "role": "support", "position": 9},
        }
        for n, item in enumerate(item_ids)
    ]


def test_a_refused_op_in_a_batch_is_deferred_alone(store: Store) -> None:
    load_demo(store)
    store.db.execute("UPDATE change_log SET acked_seq = 1")  # nothing pending locally
    ops = _assignment_ops(store, missing_item=new_id())  # 2nd: no such item (foreign key)
    invalid = {**ops[3], "seq": 14, "id": new_id(), "fields": {**ops[3]["fields"], "role": "boss"}}
    ops.insert(3, invalid)  # 4th: refused by the registry, between two good ones
    applied = sync_apply.apply_pull_page(store.db, ops, 20)
    assert applied == 3
    ids = {op["id"] for op in ops}
    present = {r[0] for r in store.db.execute("SELECT id FROM assignment")} & ids
    assert present == {ops[0]["id"], ops[2]["id"], ops[4]["id"]}
    deferred = store.db.execute("SELECT seq, reason FROM sync_deferred ORDER BY id").fetchall()
    assert [seq for seq, _ in deferred] == [11, 14]  # seq order kept
    assert "FOREIGN KEY" in deferred[0][1]
    assert sync_apply.cursor(store.db) == 20


def test_a_refused_record_in_a_snapshot_page_is_deferred_alone(store: Store) -> None:
    load_demo(store)
    store.db.execute("UPDATE change_log SET acked_seq = 1")
    ops = _assignment_ops(store, missing_item=new_id())
    records = [{"tbl": op["tbl"], "id": op["id"], "fields": op["fields"]} for op in ops]
    assert sync_apply.apply_snapshot_page(store.db, records, 7, None) == 4
    present = {r[0] for r in store.db.execute("SELECT id FROM assignment")}
    assert {r["id"] for r in records} & present == {records[i]["id"] for i in (0, 2, 3)}
    assert store.db.execute("SELECT count(*) FROM sync_deferred").fetchone() == (1,)
    assert sync_apply.cursor(store.db) == 7
