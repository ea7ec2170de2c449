"""Property test of the coordination layer (hypothesis, real SQLite files).

Random sequences of valid and invalid operations through the store actions
never leave a state in which ``status`` (and the other listings), the JSON
export, its re-import or building a sync push raises; a refused operation
(``UserError``, including ``NeedsConfirmation``) never writes anything.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import sqlite3
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from desktop import exchange
from desktop.cli import main
from desktop.errors import UserError
from desktop.exchange_coordination import export_coordination
from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import status_queries
from desktop.models.store import Store
from sync import apply as sync_apply
from sync import client as sync_client
from sync import protocol
from tests.helpers.coordination import demo_template

# valid values are listed more than once: a useful share of operations succeeds
DATES = [
    "2023-01-15",  # before the plan's date (2023-04-06)
    "2024-06-30",
    "2024-06-30",
    "2025-12-31",
    "2025-12-31",
    (date.today() - timedelta(days=5)).isoformat(),
    (date.today() - timedelta(days=5)).isoformat(),
    (date.today() + timedelta(days=5)).isoformat(),  # future
    "2025-02-30",
    "abc",
    "",
    None,
]
PERIODS = [
    "2024-06",
    "2024-06",
    "2025-01",
    "2025-01",
    "2099-01",
    "1999-12",
    "2024-13",
    "24-6",
    "",
    "abc",
]
NUMBERS = [-5.0, 0.0, 40.0, 12480, 13100, 1e308, float("nan"), float("inf"), "x", None]
LAGS = [-400, -365, -5, 0, 10, 3650, 5000, 10**20, 1.5, "x"]
TEXTS = ["节点", "", "   ", "推进中", "a" * 300]
TASK_NOS = [1, 2, 4, 5, 9, 14, 27]
UNITS = ["市城管局", "市卫健委"]  # besides the task's own units
OPERATIONS = (
    "add_milestone", "done", "extend", "delete_milestone", "update_milestone", "target_value",
    "report", "correct", "retract", "depend", "undepend", "arrival",
)  # fmt: skip


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return demo_template(tmp_path_factory.mktemp("template"))


def fingerprint(conn: sqlite3.Connection) -> list[tuple]:
    rows: list[tuple] = []
    for (table,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE 'task_fts%' ORDER BY name"
    ).fetchall():
        rows.append((table, sorted(map(repr, conn.execute(f"SELECT * FROM [{table}]")))))
    return rows


def ids(store: Store, table: str) -> list[str]:
    return [r[0] for r in store.db.execute(f"SELECT id FROM [{table}] ORDER BY id")]


def pick(data: st.DataObject, store: Store, table: str) -> str:
    """An existing record's id, or (sometimes) one that does not exist."""
    return data.draw(st.sampled_from([*ids(store, table), "0000-no-such-record"]))


def operation(data: st.DataObject, store: Store) -> tuple[str, Any]:
    """Draw one operation; returns (name, thunk)."""
    db = store.db
    draw = data.draw
    name = draw(st.sampled_from(OPERATIONS))
    task_id = cq.resolve_task(db, draw(st.sampled_from(TASK_NOS)))
    if name == "add_milestone":
        args = (draw(st.sampled_from(TEXTS)), draw(st.sampled_from(DATES)))
        confirm = draw(st.booleans())
        return name, lambda: co.add_milestone(
            store, task_id, *args, confirm_before_plan_date=confirm
        )
    if name == "done":
        ms, when, confirm = (
            pick(data, store, "milestone"),
            draw(st.sampled_from(DATES)),
            draw(st.booleans()),
        )
        return name, lambda: co.mark_milestone_done(
            store, ms, when, confirm_before_plan_date=confirm
        )
    if name == "extend":
        ms, when = pick(data, store, "milestone"), draw(st.sampled_from(DATES))
        reason = draw(st.sampled_from(TEXTS))
        return name, lambda: co.extend_milestone(store, ms, when or "", reason)
    if name == "delete_milestone":
        ms = pick(data, store, "milestone")
        return name, lambda: co.delete_milestone(store, ms)
    if name == "update_milestone":
        ms, when = pick(data, store, "milestone"), draw(st.sampled_from(DATES))
        return name, lambda: co.update_milestone(store, ms, due=when)
    if name == "target_value":
        target = pick(data, store, "target")
        value, when = draw(st.sampled_from(NUMBERS)), draw(st.sampled_from(DATES))
        confirm = draw(st.booleans())
        return name, lambda: co.add_target_value(
            store, target, value, when or "", confirm_negative=confirm
        )
    if name == "report":
        own = [
            r[0]
            for r in db.execute(
                "SELECT DISTINCT a.unit_id FROM assignment a JOIN item i ON i.id = a.item_id"
                " WHERE i.task_id = ? ORDER BY a.unit_id",
                [task_id],
            )
        ]
        unit = draw(st.sampled_from([*own, *own, *map(store.find_unit, UNITS)]))
        items = [r[0] for r in db.execute("SELECT id FROM item WHERE task_id = ?", [task_id])]
        item = draw(st.sampled_from([None, None, None, *items, "no-such-item"]))
        kwargs = {
            "period": draw(st.sampled_from(PERIODS)),
            "text": draw(st.sampled_from(TEXTS)),
            "percent": draw(st.sampled_from([50, 50, None, 0, 100, 150, -1, float("nan")])),
            "item_id": item,
            "confirm_period": draw(st.booleans()),
        }
        return name, lambda: co.add_report(store, task_id, unit, **kwargs)
    if name == "correct":
        report, percent = pick(data, store, "report"), draw(st.sampled_from([None, 55, 200]))
        return name, lambda: co.correct_report(store, report, percent=percent, text="更正")
    if name == "retract":
        report = pick(data, store, "report")
        return name, lambda: co.retract_report(store, report)
    if name == "depend":
        other = cq.resolve_task(db, draw(st.sampled_from(TASK_NOS)))
        lag = draw(st.sampled_from(LAGS))
        return name, lambda: co.add_dependency(store, ("task", task_id), ("task", other), lag)
    if name == "arrival":
        return name, arrival(data, store)
    dep = pick(data, store, "dependency")
    return name, lambda: co.remove_dependency(store, dep)


def arrival(data: st.DataObject, store: Store) -> Any:
    """What another desktop's change can bring by sync without this desktop's checks:
    a parallel report (a fork) or the reverse of a dependency (a cycle)."""
    reports, deps = ids(store, "report"), ids(store, "dependency")
    kind = data.draw(st.sampled_from(["fork", "cycle"]))

    def run() -> None:
        with store.action("sync_stand_in") as tx:
            if kind == "fork" and reports:
                row = next(store.db.query("SELECT * FROM report WHERE id = ?", [reports[0]]))
                new = reports[0] + "-other"
                if not store.db.execute("SELECT 1 FROM report WHERE id = ?", [new]).fetchone():
                    tx.insert("report", {**row, "id": new, "percent": 1.0})
            elif kind == "cycle" and deps:
                row = next(store.db.query("SELECT * FROM dependency WHERE id = ?", [deps[0]]))
                back = deps[0] + "-back"
                if not store.db.execute("SELECT 1 FROM dependency WHERE id = ?", [back]).fetchone():
                    tx.insert("dependency", {
                        "id": back, "pred_kind": row["succ_kind"], "pred_id": row["succ_id"],
                        "succ_kind": row["pred_kind"], "succ_id": row["pred_id"], "lag_days": 0,
                    })  # fmt: skip

    return run


def check_readers(store: Store, path: Path, scratch: Path) -> None:
    """Nothing a user can run next raises: listings, export, re-import, sync push."""
    for argv in (["status"], ["milestone", "list"], ["report", "list"], ["depend", "list"],
                 ["remind"], ["target", "show", "--task", "1"]):  # fmt: skip
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            assert main([*argv, "--db", str(path)]) == 0, argv
    co.target_states(store.db)
    document = json.loads(exchange.dumps(exchange.export_data(store.db)))
    copy = Store.open(scratch)
    try:
        exchange.import_data(copy, document)
        assert export_coordination(copy.db) == export_coordination(store.db)
    finally:
        copy.close()
    ops = sync_apply.pending_ops(store.db, 1_000_000)
    while ops:
        batch, body = sync_client._push_body(ops)
        assert json.loads(body) == {"ops": batch}
        for op in batch:
            protocol.op_from_wire(op)
        ops = ops[len(batch) :]


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_operations_keep_every_reader_working(template: Path, data) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db.sqlite"
        shutil.copy(template, path)
        store = Store.open(path)
        try:
            for _step in range(data.draw(st.integers(3, 14), label="steps")):
                name, run = operation(data, store)
                before = fingerprint(store.db.conn)
                try:
                    run()
                    event(f"{name} accepted")
                except UserError as exc:
                    event(f"{name} refused")
                    event(f"{name}: {exc.message[:20]}")
                    assert fingerprint(store.db.conn) == before, f"refused {name} wrote"
                status_queries.compute_status(store.db)
            check_readers(store, path, Path(folder) / "copy.sqlite")
        finally:
            store.close()
