"""What a full status pass keeps is compact, and its tables answer fields unbuilt.

The rows the pass keeps (``StatusInputs.milestones``, the items, the item units, the
round's assignments) hold one string object per distinct id and date: a milestone's
task, item and owner are the very key objects of ``inputs.tasks`` / ``items`` /
``unit_names`` (not a fresh string per row), so 200,000 milestone rows at 100k tasks
do not keep 200,000 copies of each id. Equality with the loader as first written is
``tests/test_status_snapshot.py``'s. And the 序时进度 fields (``behind`` …) and the
rows' own fields are read through ``values_of`` without building a state.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.models import status as st
from desktop.models import status_queries
from desktop.models.status_rows import shared_rows
from desktop.models.status_tables import LazyStates, value_of, values_of
from desktop.models.store import Store
from tests.helpers.coordination import populated_demo


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo plan with the bench's milestones, dependencies and workflow data."""
    path = tmp_path_factory.mktemp("compact") / "demo.db"
    store = populated_demo(path)
    with store.db.conn:  # some milestones with an owner of their own
        store.db.execute(
            "UPDATE milestone SET owner_unit_id = (SELECT id FROM unit ORDER BY id LIMIT 1)"
            " WHERE rowid % 3 = 0"
        )
    store.close()
    return path


def _own(keys: object) -> dict[int, str]:
    """id(key object) → key, of a dict's keys."""
    return {id(key): key for key in keys}  # type: ignore[attr-defined]


def test_kept_rows_hold_the_pass_s_own_id_strings(populated: Path) -> None:
    store = Store.open(populated)
    try:
        inputs = status_queries.load_status_inputs(store.db)
        rows = inputs.milestones
        assert (
            rows
            == store.db.execute(
                "SELECT id, task_id, item_id, title, due, owner_unit_id, done_date FROM milestone"
                " ORDER BY rowid"
            ).fetchall()
        )  # (nothing archived in the demo: every milestone, as it was read)
        tasks, items, units = _own(inputs.tasks), _own(inputs.items), _own(inputs.unit_names)
        assert len(rows) > 40 and any(row[2] for row in rows) and any(row[5] for row in rows)
        for _id, task_id, item_id, _title, _due, owner, _done in rows:
            assert id(task_id) in tasks
            assert item_id is None or id(item_id) in items
            assert owner is None or id(owner) in units
        # one object per distinct date, due or done
        days = [day for row in rows for day in (row[4], row[6]) if day is not None]
        assert len({id(day) for day in days}) == len(set(days)) < len(days)
        # the items' tasks, the item units and the tasks' units share them too
        assert all(id(task_id) in tasks for task_id, _pos in inputs.items.values())
        assert all(id(item_id) in items for item_id in inputs.item_unit)
        assert all(id(unit_id) in units for unit_id in inputs.item_unit.values())
        assert all(id(unit_id) in units for unit_id in inputs.task_unit.values())
        assert inputs.task_percent and inputs.target_percent
        assert all(id(task_id) in tasks for task_id in inputs.task_percent)
        assert all(id(task_id) in tasks for task_id in inputs.target_percent)
        # the dependencies' ends: the milestones', tasks' and items' own ids
        nodes = {**_own(row[0] for row in rows), **tasks, **items}
        deps = inputs.dependencies
        assert (
            deps
            == store.db.execute(
                "SELECT id, pred_kind, pred_id, succ_kind, succ_id, lag_days FROM dependency"
                " ORDER BY rowid"
            ).fetchall()
        )
        assert {row[1] for row in deps} | {row[3] for row in deps} >= {"milestone", "task"}
        assert all(id(row[2]) in nodes and id(row[4]) in nodes for row in deps)
        assert len({id(row[n]) for row in deps for n in (1, 3)}) == len(
            {row[n] for row in deps for n in (1, 3)}
        )
        assert inputs.round_rows is not None
        assigned = inputs.round_rows.assignments
        assert (
            assigned
            == store.db.execute(
                "SELECT item_id, unit_id, role, position FROM assignment"
                " WHERE role IN ('lead', 'responsible') ORDER BY rowid"
            ).fetchall()
        )
    finally:
        store.close()


def test_shared_columns_keep_unknown_values_and_every_row() -> None:
    key = "-".join(["task", "1"])
    known = {key: key}
    rows: list[tuple] = [
        (n, "-".join(["task", "1"]) if n % 2 else "zz", None) for n in range(20_000)
    ]
    assert rows[1][1] == key and rows[1][1] is not key  # a fresh string per row
    days: dict[object, object] = {}
    shared = shared_rows(rows, (None, known.get, days.setdefault))
    assert shared == [(n, key if n % 2 else "zz", None) for n in range(20_000)]
    assert all(row[1] is key for row in shared[1::2])
    assert days == {None: None}  # (gathered as met)


def test_shared_rows_read_a_cursor_a_batch_at_a_time(tmp_path: Path) -> None:
    """From a cursor: every row, in order, each equal value one string object (the
    fetched ones freed batch by batch), with more rows than one batch."""
    db = Database(tmp_path / "rows.db")
    db.execute("CREATE TABLE r (n INTEGER, day TEXT)")
    db.conn.executemany(
        "INSERT INTO r VALUES (?, ?)", [(n, f"2026-12-{n % 28 + 1:02d}") for n in range(50_000)]
    )
    days: dict[object, object] = {}
    rows = shared_rows(db.execute("SELECT n, day FROM r ORDER BY n"), (None, days.setdefault))
    assert rows == [(n, f"2026-12-{n % 28 + 1:02d}") for n in range(50_000)]
    assert len(days) == 28 and all(row[1] is days[row[1]] for row in rows)


FIELDS = {
    "task": ("status", "risks", "task_id", "behind", "expected", "percent"),
    "item": ("status", "risks", "task_id"),
    "milestone": (
        "status", "risks", "late_vs_original", "id", "task_id", "item_id", "title",
        "original_due", "done_date",
    ),
}  # fmt: skip


@pytest.mark.parametrize("days_on", [0, 200])
def test_values_of_answers_the_rows_fields_without_building_a_state(
    populated: Path, days_on: int
) -> None:
    store = Store.open(populated)
    try:
        today = date.fromordinal(date.today().toordinal() + days_on)
        snap = status_queries.compute_status(store.db, today)
        tables = {"task": snap.tasks, "item": snap.items, "milestone": snap.milestones}
        built = {kind: dict(table._made) for kind, table in tables.items()}  # type: ignore[attr-defined]
        assert all(isinstance(table, LazyStates) for table in tables.values())
        found = {
            (kind, name): values_of(table, name)
            for kind, table in tables.items()
            for name in FIELDS[kind]
        }
        singles = {
            (kind, name, key): value_of(table, key, name)
            for kind, table in tables.items()
            for name in FIELDS[kind]
            for key in list(table)[:50]
        }
        for kind, table in tables.items():  # nothing more built than the pass built
            assert table._made.keys() == built[kind].keys()  # type: ignore[attr-defined]
        # the same as the built states say (every state built now)
        every = {kind: dict(table.items()) for kind, table in tables.items()}
        for (kind, name), values in found.items():
            assert values == {key: getattr(s, name) for key, s in every[kind].items()}, name
        for (kind, name, key), value in singles.items():
            assert value == getattr(every[kind][key], name)
        assert any(found["task", "behind"].values())
        assert any(v is not None for v in found["task", "expected"].values())
        assert not all(found["task", "behind"].values())
        assert st.OVERDUE in found["milestone", "status"].values() or days_on == 0
    finally:
        store.close()
