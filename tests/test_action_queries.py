"""A store action reads what it acts on by index, never a whole table.

The window runs a store action on the GUI thread when a dialog is saved. At 100,000 tasks
a statement that scans a table (or searches all of a unit's assignments) takes 50–300 ms,
and building the whole dependency graph took 2.6 s. This runs the actions of
``bench.actions`` on the demo plan, records every statement SQLite ran
(``set_trace_callback``) and asks SQLite how it runs each read (``EXPLAIN QUERY PLAN``):
the planner has no statistics here, as on a user's database, so the plans are the ones a
user's desktop gets."""

from __future__ import annotations

import re

from bench.actions import _actions
from desktop.models.store import Store
from tests.helpers.coordination import load_demo

# Small tables a few statements read whole: the plans (200 at the province's size, read for
# the 发文字号 put before task numbers) and the sync settings.
READ_WHOLE = {"plan", "sync_state"}
SCANNED = re.compile(r"\bSCAN (\w+)")


def test_no_action_scans_a_table_or_a_units_assignments(tmp_path) -> None:
    store = load_demo(Store.open(tmp_path / "demo.db"))
    try:
        count = store.db.execute("SELECT count(*) FROM task").fetchone()[0]
        actions = _actions(store, count // 3)
        assert len(actions) >= 15
        bad = []
        for name, action in actions:
            statements: list[str] = []
            store.db.conn.set_trace_callback(statements.append)
            try:
                action()
            finally:
                store.db.conn.set_trace_callback(None)
            assert statements, name
            for sql in statements:
                if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                plan = [row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql)]
                tables = {m for step in plan for m in SCANNED.findall(step)}
                tables -= READ_WHOLE | {"json_each", "CONSTANT"}
                by_unit = any("assignment_unit" in step for step in plan)
                if tables or (by_unit and "task_id" in sql):
                    bad.append((name, " ".join(sql.split())[:160], plan))
        assert bad == []
    finally:
        store.close()
