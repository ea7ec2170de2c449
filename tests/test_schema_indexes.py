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


def test_a_full_pass_reads_the_extended_milestones_from_their_index(tmp_path) -> None:
    """``milestone_current_due`` (partial: extended milestones only) holds exactly the
    milestones with a current due, through extensions made and undone, and the full
    pass's query reads it alone, not the milestone table a second time."""
    from desktop.models import coordination
    from desktop.models.status_queries import load_status_inputs

    store = load_demo(Store.open(tmp_path / "demo.db"))
    try:
        task_id = task(store, 3)
        kept, undone, plain = (
            coordination.add_milestone(store, task_id, title, "2026-06-30")
            for title in ("延期的节点", "撤销延期的节点", "未延期的节点")
        )
        coordination.extend_milestone(store, kept, "2026-07-31", "等待审批")
        coordination.extend_milestone(store, kept, "2026-08-31", "再次延期")
        extension = coordination.extend_milestone(store, undone, "2026-07-15", "等待材料")
        coordination.remove_extension(store, extension)
        db = store.db
        query = "SELECT id, current_due FROM milestone WHERE current_due IS NOT NULL"
        plan = " ".join(str(step[3]) for step in db.execute("EXPLAIN QUERY PLAN " + query))
        assert "COVERING INDEX milestone_current_due" in plan
        indexed = dict(db.execute(query).fetchall())
        scanned = dict(
            db.execute(
                "SELECT id, current_due FROM milestone NOT INDEXED WHERE current_due IS NOT NULL"
            ).fetchall()
        )
        assert indexed == scanned
        assert indexed[kept] == "2026-08-31" and undone not in indexed and plain not in indexed
        assert load_status_inputs(db, share=False).current_due == scanned
    finally:
        store.close()
