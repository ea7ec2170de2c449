"""Matrix writes of every kind for the kept matrix index's tests (``matrix_cache``,
``matrix_update``): store edits and their undo, imports, plain SQL on another
connection. Each ``edit_*`` takes the store (``edit_import_json`` also a folder)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from desktop import exchange
from desktop.models import authoring, plan_undo
from desktop.models.matrix_cache import matrix_index, read_cached_index
from desktop.models.matrix_rows import load_matrix_index
from desktop.models.store import Store
from tests.helpers.plans import small_plan


def kept_and_equal(store: Store) -> None:
    """A load keeps the index; the kept one equals a fresh read."""
    first = matrix_index(store.db)
    assert first == load_matrix_index(store.db)
    kept = read_cached_index(store.db)
    assert kept is not None, "the index was not kept"
    assert kept == first


def first_row_ids(store: Store) -> tuple[str, str, str]:
    """(plan, task, item) ids of the first task with two work items."""
    return store.db.execute(
        "SELECT t.plan_id, t.id, i.id FROM task t JOIN item i ON i.task_id = t.id"
        " WHERE (SELECT count(*) FROM item c WHERE c.task_id = t.id) > 1"
        " ORDER BY t.rowid, i.position LIMIT 1"
    ).fetchone()


def units_by_name(store: Store) -> list[str]:
    return [r[0] for r in store.db.execute("SELECT id FROM unit ORDER BY name")]


def edit_add_task(store: Store) -> None:
    plan, _task, _item = first_row_ids(store)
    authoring.add_task(store, plan, "新增任务", text="新增任务的正文。", no=1)


def edit_move_task(store: Store) -> None:
    """The first task of a section of three or more becomes its last."""
    task, last = store.db.execute(
        "SELECT min(t.id), max(t.no) FROM task t WHERE t.no = (SELECT min(no) FROM task"
        " WHERE plan_id = t.plan_id AND section_id = t.section_id) OR 1"
        " GROUP BY t.plan_id, t.section_id HAVING count(*) >= 3 LIMIT 1"
    ).fetchone()
    first = store.db.execute(
        "SELECT id FROM task WHERE (plan_id, section_id) = (SELECT plan_id, section_id"
        " FROM task WHERE id = ?) ORDER BY no LIMIT 1",
        [task],
    ).fetchone()[0]
    authoring.move_task(store, first, last)


def edit_delete_then_undo_task(store: Store) -> None:
    _plan, task, _item = first_row_ids(store)
    removal = authoring.delete_task(store, task)
    kept_and_equal(store)
    authoring.restore_task(store, removal)


def edit_add_item(store: Store) -> None:
    _plan, task, _item = first_row_ids(store)
    authoring.add_item(store, task, "新增的工作事项。")


def edit_delete_then_undo_item(store: Store) -> None:
    _plan, _task, item = first_row_ids(store)
    snap = authoring.delete_item(store, item)
    kept_and_equal(store)
    authoring.restore_rows(store, snap)


def edit_unit_roles(store: Store) -> None:
    _plan, _task, item = first_row_ids(store)
    units = units_by_name(store)
    authoring.set_unit_role(store, item, units[0], "lead")
    kept_and_equal(store)
    authoring.set_unit_role(store, item, units[0], "support")
    kept_and_equal(store)
    authoring.set_unit_role(store, item, units[0], None)
    kept_and_equal(store)
    authoring.set_unit_role(store, item, units[0], "responsible")


def edit_replace_unit(store: Store) -> None:
    _plan, _task, item = first_row_ids(store)
    old = store.db.execute("SELECT unit_id FROM assignment WHERE item_id = ?", [item]).fetchone()
    new = authoring.add_unit(store, "新设的单位", "bureau")
    authoring.replace_unit(store, item, old[0], new)


def edit_sections(store: Store) -> None:
    plan, task, _item = first_row_ids(store)
    section = authoring.add_section(store, plan, "新的一节", no="九")
    kept_and_equal(store)
    authoring.edit_task(store, task, section_id=section)


def edit_delete_then_undo_plan(store: Store) -> None:
    plan, _task, _item = first_row_ids(store)
    snap = plan_undo.delete_plan(store, plan)
    kept_and_equal(store)
    plan_undo.restore_plan_snapshot(store, snap)


def edit_import_plan(store: Store) -> None:
    store.import_plan(small_plan("fp-cache", doc_no="测〔缓存〕1号"))


def edit_import_json(store: Store, tmp_path: Path) -> None:
    other = Store.open(tmp_path / "other.db")
    try:
        other.import_plan(small_plan("fp-json", doc_no="测〔交换〕1号"))
        data = exchange.export_data(other.db)
    finally:
        other.close()
    exchange.import_data(store, data)


def edit_plain_sql(store: Store) -> None:
    """Another connection, no store: the triggers still see it."""
    _plan, task, _item = first_row_ids(store)
    conn = sqlite3.connect(store.db.conn.execute("PRAGMA database_list").fetchone()[2])
    with conn:
        conn.execute("UPDATE task SET archived = '2026-01-01' WHERE id = ?", [task])
    conn.close()


def other_connection(store: Store) -> sqlite3.Connection:
    return sqlite3.connect(store.db.conn.execute("PRAGMA database_list").fetchone()[2])


def edit_plain_sql_insert(store: Store) -> None:
    """A new assignment by plain SQL (inserts have no trigger: the counts see it)."""
    _plan, _task, item = first_row_ids(store)
    unit = store.db.execute(
        "SELECT id FROM unit WHERE id NOT IN (SELECT unit_id FROM assignment WHERE item_id = ?)"
        " LIMIT 1",
        [item],
    ).fetchone()[0]
    conn = other_connection(store)
    with conn:
        conn.execute(
            "INSERT INTO assignment (id, item_id, unit_id, role) VALUES ('new-a', ?, ?, 'lead')",
            [item, unit],
        )
    conn.close()


def last_assignment(store: Store) -> tuple[tuple, str]:
    """The assignment row with the largest rowid (id, item id, unit id, role) and another
    role for its cell."""
    row = store.db.execute(
        "SELECT id, item_id, unit_id, role FROM assignment ORDER BY rowid DESC LIMIT 1"
    ).fetchone()
    return row, "support" if row[3] == "lead" else "lead"


def edit_replace_the_last_row(store: Store) -> None:
    """``INSERT OR REPLACE`` of the assignment with the largest rowid, another role: the
    replaced row's delete fires no trigger (recursive triggers are off), the new row's
    rowid is a new one."""
    row, role = last_assignment(store)
    conn = other_connection(store)
    with conn:
        conn.execute(
            "INSERT OR REPLACE INTO assignment (id, item_id, unit_id, role) VALUES (?, ?, ?, ?)",
            [row[0], row[1], row[2], role],
        )
    conn.close()


def edit_insert_at_a_freed_rowid(store: Store) -> None:
    """A row deleted (its trigger fires), the index kept again, then a row inserted with
    the freed rowid, below the largest (the count sees it)."""
    rowid, item = store.db.execute(
        "SELECT a.rowid, a.item_id FROM assignment a ORDER BY a.rowid LIMIT 1"
    ).fetchone()
    unit = store.db.execute(
        "SELECT id FROM unit WHERE id NOT IN (SELECT unit_id FROM assignment WHERE item_id = ?)"
        " LIMIT 1",
        [item],
    ).fetchone()[0]
    conn = other_connection(store)
    with conn:
        conn.execute("DELETE FROM assignment WHERE rowid = ?", [rowid])
    kept_and_equal(store)
    with conn:
        conn.execute(
            "INSERT INTO assignment (rowid, id, item_id, unit_id, role)"
            " VALUES (?, 'again', ?, ?, 'responsible')",
            [rowid, item, unit],
        )
    conn.close()


EDITS: dict[str, Callable[..., None]] = {
    f.__name__: f
    for f in (
        edit_add_task,
        edit_move_task,
        edit_delete_then_undo_task,
        edit_add_item,
        edit_delete_then_undo_item,
        edit_unit_roles,
        edit_replace_unit,
        edit_sections,
        edit_delete_then_undo_plan,
        edit_import_plan,
        edit_import_json,
        edit_plain_sql,
        edit_plain_sql_insert,
        edit_replace_the_last_row,
        edit_insert_at_a_freed_rowid,
    )
}
