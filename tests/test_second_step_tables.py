"""The tables the window's kept second step is keyed by are the tables it reads.

``second_step_cache.TABLES`` lists, per part of the overview's second step, the
tables whose change makes the window compute that part again; a part reading a table not
listed would be kept stale after an edit of it. SQLite's authorizer reports every table and
column a statement reads: each part, run on the demo plan with cycles, reports and target
values, reads only tables listed for it (the reports and the target values among them)
and, of ``task`` and ``item``, only the columns ``COLUMNS`` lists for it, besides the
task's title (a title edit relabels the kept parts: an update of other columns keeps
them as they are)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from desktop.models import coordination_queries as cq
from desktop.models import coordination_views as cv
from desktop.models import duban, progress
from desktop.models.second_step_cache import COLUMNS, TITLE
from desktop.models.second_step_cache import TABLES as SECOND_STEP_TABLES
from desktop.models.store import Store
from tests.helpers.coordination import load_demo, task


def _tables_read(store: Store, part: str) -> set[str]:
    return {table for table, _column in _columns_read(store, part)}


def _columns_read(store: Store, part: str) -> set[tuple[str, str]]:
    read: set[tuple[str, str]] = set()

    def authorizer(action: int, table: str | None, column: str | None, *_rest: object) -> int:
        if action == sqlite3.SQLITE_READ and table:
            read.add((table, column or ""))
        return sqlite3.SQLITE_OK

    titles = cv.task_titles(store.db)
    store.db.conn.set_authorizer(authorizer)
    try:
        cv.second_step(store.db, cv.current_period(), date.today(), titles, (part,))
    finally:
        store.db.conn.set_authorizer(None)
    return read


def test_each_part_reads_only_the_tables_it_is_kept_by(tmp_path: Path) -> None:
    store = load_demo(Store.open(tmp_path / "demo.db"))
    try:
        duban.set_cycle(store, task(store, 2), "week")
        unit = store.db.execute(
            "SELECT a.unit_id FROM item i JOIN assignment a ON a.item_id = i.id"
            " WHERE i.task_id = ? LIMIT 1",
            [task(store, 3)],
        ).fetchone()[0]
        progress.add_report(
            store, task(store, 3), unit, period=f"{date.today():%Y-%m}", text="推进"
        )
        progress.add_target_value(
            store, cq.resolve_target(store.db, task(store, 1)), 12480, date.today().isoformat()
        )
        for part, listed in SECOND_STEP_TABLES.items():
            read = _tables_read(store, part)
            assert read, part  # the authorizer saw the part's statements
            assert read - listed == set(), part
        assert "report" in _tables_read(store, "missing")
        assert "target_value" in _tables_read(store, "targets")
        for part, by_table in COLUMNS.items():
            read = _columns_read(store, part)
            for table, columns in by_table.items():
                found = {column for name, column in read if name == table}
                assert found - columns - ({TITLE} if table == "task" else set()) == set(), part
        # the round's labels read the title; the target rows' come from the overview's titles
        assert ("task", TITLE) in _columns_read(store, "missing")
        assert ("task", TITLE) not in _columns_read(store, "targets")
    finally:
        store.close()
