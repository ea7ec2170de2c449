"""What an action wrote, as the store's listeners are told (``transactions.Written``).

The listeners get the tables written as before (a frozenset) and, of each table whose rows
the action only updated, the columns each row's update changed: the window keeps the
overview's second step when a task's update changed only columns it does not read, and
relabels it after a new title. A row inserted or deleted, or too many rows updated to
name, leaves the table unnamed (any row may differ)."""

from __future__ import annotations

from pathlib import Path

from desktop.models import authoring, transactions
from desktop.models.store import Store
from tests.helpers.coordination import load_demo, task


def _listened(store: Store) -> list[tuple[str, frozenset[str]]]:
    heard: list[tuple[str, frozenset[str]]] = []
    store.add_listener(lambda action, tables: heard.append((action, tables)))
    return heard


def test_listeners_hear_the_columns_each_updated_row_changed(tmp_path: Path) -> None:
    store = load_demo(Store.open(tmp_path / "demo.db"))
    heard = _listened(store)
    try:
        first, second = task(store, 1), task(store, 2)
        authoring.edit_task(store, first, title="新的标题")
        action, tables = heard[-1]
        assert action == "edit_task" and tables == {"task", "task_change"}
        assert isinstance(tables, transactions.Written)
        # the history row was inserted: its table is not named row by row
        assert tables.updated == {"task": {first: frozenset({"title"})}}
        authoring.edit_task(store, second, title="另一个标题", deadline="2027-03-31")
        assert heard[-1][1].updated == {"task": {second: frozenset({"title", "deadline"})}}
        with store.action("two_updates") as tx:
            tx.update("task", first, {"title": "再改", "no": 1})  # (its number unchanged)
            tx.update("task", first, {"deadline": "2027-01-31"})
            tx.update("task", second, {"title": "另一个标题"})  # nothing changed: not named
        assert heard[-1][1] == {"task"}
        assert heard[-1][1].updated == {"task": {first: frozenset({"title", "deadline"})}}
        authoring.move_task(store, second, 1)  # the tasks in between shift
        moved = heard[-1][1].updated["task"]
        assert moved[second] == {"no"} and moved[first] == {"no"}
    finally:
        store.close()


def test_rows_inserted_deleted_or_too_many_leave_the_table_unnamed(
    tmp_path: Path, monkeypatch
) -> None:
    store = load_demo(Store.open(tmp_path / "demo.db"))
    heard = _listened(store)
    try:
        first, second, third = (task(store, no) for no in (1, 2, 3))
        with store.action("update_then_delete") as tx:
            tx.update("task", first, {"title": "改"})
            tx.delete("task_change", "no-such-row")  # nothing deleted: nothing written
        assert heard[-1][1].updated == {"task": {first: frozenset({"title"})}}
        plan = store.db.execute("SELECT plan_id FROM task WHERE id = ?", [first]).fetchone()[0]
        with store.action("insert_then_update") as tx:
            added = tx.insert("task", {"plan_id": plan, "no": 999, "title": "新任务"})
            tx.update("task", second, {"title": "改"})
        assert heard[-1][1] == {"task"} and heard[-1][1].updated == {}
        with store.action("update_then_delete") as tx:
            tx.update("task", third, {"title": "改"})
            tx.delete("task", added)
        assert heard[-1][1].updated == {}
        monkeypatch.setattr(transactions, "UPDATES_NAMED", 2)
        with store.action("many_updates") as tx:
            for task_id in (first, second, third):
                tx.update("task", task_id, {"text": "同样的内容"})
        assert heard[-1][1] == {"task"} and heard[-1][1].updated == {}
    finally:
        store.close()
