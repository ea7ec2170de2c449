"""Every foreign key's child column leads an index: deleting a parent row never scans a table.

Without one, SQLite checks (and cascades) a delete by reading the whole child table: at
100,000 tasks deleting one work item read the 204,000 sign-ins, the 50,000 reports and the
30,000 targets."""

from __future__ import annotations

from desktop.models import authoring
from desktop.models.store import Store
from tests.helpers.coordination import load_demo, task


def _unindexed_child_keys(store: Store) -> list[str]:
    db = store.db.conn
    missing = []
    tables = [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for table in tables:
        keys = db.execute(f"PRAGMA foreign_key_list([{table}])").fetchall()
        if not keys:
            continue
        leading = set()
        for index in db.execute(f"PRAGMA index_list([{table}])").fetchall():
            columns = [row[2] for row in db.execute(f"PRAGMA index_info([{index[1]}])")]
            if columns:
                leading.add(columns[0])
        missing += [f"{table}.{key[3]}" for key in keys if key[3] not in leading]
    return missing


def test_every_child_key_leads_an_index(tmp_path) -> None:
    store = Store.open(tmp_path / "fresh.db")
    try:
        foreign_keys = store.db.execute("PRAGMA foreign_key_list(signin)").fetchall()
        assert foreign_keys, "the check reads the schema's foreign keys"
        assert _unindexed_child_keys(store) == []
    finally:
        store.close()


def test_deleting_an_item_scans_no_table(tmp_path) -> None:
    """The statements SQLite runs for the delete (its checks and cascades included) search
    by index: none of them scans a table (``EXPLAIN QUERY PLAN`` of the child look-ups)."""
    store = load_demo(Store.open(tmp_path / "demo.db"))
    try:
        item = authoring.add_item(store, task(store, 3), "待删除的事项")
        plans = []
        for table, column in [
            (row[0], key[3])
            for row in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            for key in store.db.execute(f"PRAGMA foreign_key_list([{row[0]}])")
            if key[2] == "item"
        ]:
            plan = store.db.execute(
                f"EXPLAIN QUERY PLAN SELECT 1 FROM [{table}] WHERE [{column}] = ?", [item]
            ).fetchall()
            plans.append((table, " ".join(str(step[3]) for step in plan)))
        assert len(plans) >= 4  # assignment, target, milestone, report, signin, signoff
        assert [p for p in plans if "SCAN" in p[1]] == []
        authoring.delete_item(store, item)
        assert store.db.execute("SELECT 1 FROM item WHERE id = ?", [item]).fetchone() is None
    finally:
        store.close()
