"""The status loader's shared ids (issue 14: fewer instructions in its full pass).

``status_rows.shared_ends`` looks each dependency end up in its kind's ids only,
among the milestones that are an end only; the status cache's loader reads the item
units as (item, unit) pairs. Each is compared with the loader as first written
(``tests/helpers/status_inputs_reference.py``) on drawn data: archived tasks, ends of
unknown ids, items of several units tied on position, corrected reports, extensions.

Session 28 (the window's peak): the shared loader reads every milestone's id on its own
first, in one snapshot with the rows (a connection deleting meanwhile changes nothing),
an id holding the separator row by row; the dependency rows are shared a batch at a
time (more rows than two batches); an empty database reads as the first loader did."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from desktop.models import status as st
from desktop.models import status_queries, status_rows
from desktop.models.cancellation import CHECK_EVERY
from desktop.models.store import Store
from tests.helpers.coordination import populated_demo
from tests.helpers.generated import store_copy
from tests.helpers.status_inputs_reference import reference_load_inputs

KINDS = ("milestone", "task", "item", "other")  # ("other": no kind of the three)


def _fresh(text: str) -> str:
    """An equal string that is another object."""
    return text[:1] + text[1:]


@settings(max_examples=200, deadline=None)
@given(data=hs.data())
def test_shared_ends_equal_the_rows_and_hold_their_kind_s_own_ids(data) -> None:
    milestones = [f"m{n}" for n in range(data.draw(hs.integers(0, 6)))]
    tasks = [f"t{n}" for n in range(data.draw(hs.integers(0, 4)))]
    items = [f"i{n}" for n in range(data.draw(hs.integers(0, 4)))]
    ids = hs.sampled_from([*milestones, *tasks, *items, "m-gone", "t-gone", "x"])
    ends = hs.tuples(hs.sampled_from(KINDS), ids)
    drawn = data.draw(hs.lists(hs.tuples(ends, ends, hs.integers(-2, 2)), max_size=12))
    rows = [
        (f"d{n}", _fresh(pk), _fresh(pi), _fresh(sk), _fresh(si), lag)
        for n, ((pk, pi), (sk, si), lag) in enumerate(drawn)
    ]
    expected = list(rows)
    milestone_rows = [(m, "t0", None, "title", None, None, None) for m in milestones]
    task_key = {task: task for task in tasks}
    item_key = {item: item for item in items}
    shared = status_rows.shared_ends(rows, milestone_rows, task_key, item_key)
    assert shared == expected
    own = {"milestone": set(map(id, milestones)), "task": set(map(id, tasks)),
           "item": set(map(id, items))}  # fmt: skip
    kind_of = {**dict.fromkeys(milestones, "milestone"), **dict.fromkeys(tasks, "task"),
               **dict.fromkeys(items, "item")}  # fmt: skip
    for row in shared:
        for kind, end in ((row[1], row[2]), (row[3], row[4])):
            # an end of its kind's ids (or of an unknown kind): that id's own string
            known = kind_of.get(end)
            if known is not None and kind in (known, "other"):
                assert id(end) in own[known], (kind, end)
    # one string per kind
    kinds = [row[n] for row in shared for n in (1, 3)]
    assert len(set(map(id, kinds))) == len(set(kinds))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ids") / "demo.db"
    populated_demo(path).close()
    return path


_MODES = (
    {"share": False},
    {"share": False, "rounds": False},
    {"rounds": False, "compact": True},
    {},
)


def _assert_equal_in_every_mode(db) -> None:
    """Every mode of the full loader (share=False with rounds and without, as
    ``compute_status`` reads, compact without, the default) reads what the loader as
    first written read."""
    old = reference_load_inputs(db)
    for mode in _MODES:
        new = status_queries.load_status_inputs(db, **mode)
        for f in fields(st.StatusInputs):
            if f.name != "round_rows" or new.round_rows is not None:
                assert getattr(new, f.name) == getattr(old, f.name), (mode, f.name)


def _own(keys: object) -> set[int]:
    return {id(key) for key in keys}  # type: ignore[attr-defined]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=hs.data())
def test_every_mode_of_the_full_loader_reads_what_the_first_one_read(
    template: Path, tmp_path_factory: pytest.TempPathFactory, data
) -> None:
    with store_copy(template, tmp_path_factory.mktemp("drawn")) as store:
        db = store.db
        tasks = [r[0] for r in db.execute("SELECT id FROM task ORDER BY rowid")]
        items = [r[0] for r in db.execute("SELECT id FROM item ORDER BY rowid LIMIT 30")]
        milestones = [r[0] for r in db.execute("SELECT id FROM milestone ORDER BY rowid")]
        units = [r[0] for r in db.execute("SELECT id FROM unit ORDER BY rowid LIMIT 4")]
        reports = [r[0] for r in db.execute("SELECT id FROM report ORDER BY rowid LIMIT 20")]
        with db.conn:
            for task_id in data.draw(hs.sets(hs.sampled_from(tasks), max_size=3)):
                db.execute("UPDATE task SET archived = '2026-01-05' WHERE id = ?", [task_id])
            # dependencies of every kind, to known and unknown ids
            node = hs.one_of(
                hs.tuples(hs.just("milestone"), hs.sampled_from([*milestones, "m-gone"])),
                hs.tuples(hs.just("task"), hs.sampled_from([*tasks, "t-gone"])),
                hs.tuples(hs.just("item"), hs.sampled_from([*items, "i-gone"])),
            )
            for n, (pred, succ) in enumerate(data.draw(hs.lists(hs.tuples(node, node)))):
                db.execute(
                    "INSERT INTO dependency (id, pred_kind, pred_id, succ_kind, succ_id)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [f"drawn-{n}", *pred, *succ],
                )
            # one lead or responsible unit per item (the usual case: read as pairs), or
            # more of some items, tied on position or not
            roles = ["lead", "responsible", "support"]
            if data.draw(hs.booleans()):
                db.execute(
                    "DELETE FROM assignment WHERE role != 'support' AND rowid NOT IN"
                    " (SELECT min(rowid) FROM assignment WHERE role != 'support'"
                    " GROUP BY item_id)"
                )
                roles = ["support"]
            extra = hs.tuples(
                hs.sampled_from(items),
                hs.sampled_from(units),
                hs.sampled_from(roles),
                hs.integers(0, 1),
            )
            for n, row in enumerate(data.draw(hs.lists(extra, max_size=8))):
                db.execute(
                    "INSERT INTO assignment (id, item_id, unit_id, role, position)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [f"drawn-{n}", *row],
                )
            # extended milestones: their current due and the extensions' rows
            for n, ms_id in enumerate(data.draw(hs.sets(hs.sampled_from(milestones), max_size=4))):
                db.execute(
                    "UPDATE milestone SET current_due = '2027-02-0' || ? WHERE id = ?",
                    [n + 1, ms_id],
                )
                db.execute(
                    "INSERT INTO milestone_extension (id, milestone_id, old_due, new_due,"
                    " recorded_at) VALUES (?, ?, NULL, '2027-02-0' || ?, '2026-11-30')",
                    [f"drawn-ext-{n}", ms_id, n + 1],
                )
            # a report corrected by another (no longer current)
            if reports and data.draw(hs.booleans()):
                db.execute(
                    "INSERT INTO report (id, task_id, unit_id, period, percent, created_at,"
                    " supersedes_id) SELECT 'drawn-fix', task_id, unit_id, period, 1.5,"
                    " created_at, id FROM report WHERE id = ?",
                    [data.draw(hs.sampled_from(reports))],
                )
        _assert_equal_in_every_mode(db)
        # the cache's (compact) rows: the tasks', items' and units' own strings
        compact = status_queries.load_status_inputs(db, rounds=False, compact=True)
        own_tasks, own_items, own_units = (
            _own(compact.tasks), _own(compact.items), _own(compact.unit_names)
        )  # fmt: skip
        own_nodes = own_tasks | own_items | _own(row[0] for row in compact.milestones)
        nodes = {*compact.tasks, *compact.items, *(row[0] for row in compact.milestones)}
        ends = [end for row in compact.dependencies for end in (row[2], row[4])]
        assert ends  # (the demo's and the drawn ones: unknown and archived ends too)
        assert all(id(end) in own_nodes for end in ends if end in nodes)
        assert all(id(unit) in own_units for unit in compact.item_unit.values())
        assert all(id(unit) in own_units for unit in compact.task_unit.values())
        assert all(id(task) in own_tasks for task in compact.items.task_ids())
        assert all(id(row[1]) in own_tasks for row in compact.milestones)


def test_every_mode_of_the_loader_reads_an_empty_database_as_the_first_one(
    tmp_path: Path,
) -> None:
    store = Store.open(tmp_path / "empty.db")
    try:
        _assert_equal_in_every_mode(store.db)
        assert not status_queries.load_status_inputs(store.db, compact=True).milestones
    finally:
        store.close()


def test_milestone_ids_holding_the_ids_separator_are_read_as_they_are(template: Path) -> None:
    """The shared loader reads every milestone's id joined by SQLite (split on a control
    character); an id holding that character is read row by row, the same rows."""
    with store_copy(template) as store:
        db = store.db
        with db.conn:
            db.execute(
                "INSERT INTO milestone (id, task_id, title, due) SELECT"
                " 'odd\x1fid', task_id, '分隔', '2027-01-02' FROM milestone LIMIT 1"
            )
        assert any("\x1f" in row[0] for row in reference_load_inputs(db).milestones)
        _assert_equal_in_every_mode(db)


def test_dependencies_of_several_batches_hold_their_ends_own_ids(template: Path) -> None:
    """More dependency rows than a batch (read and shared a batch at a time), between
    known and unknown ends of each kind."""
    with store_copy(template) as store:
        db = store.db
        ends = [
            *(("task", r[0]) for r in db.execute("SELECT id FROM task LIMIT 5")),
            *(("item", r[0]) for r in db.execute("SELECT id FROM item LIMIT 5")),
            *(("milestone", r[0]) for r in db.execute("SELECT id FROM milestone LIMIT 5")),
            ("task", "t-gone"), ("item", "i-gone"), ("milestone", "m-gone"),
        ]  # fmt: skip
        with db.conn:
            db.conn.executemany(
                "INSERT INTO dependency (id, pred_kind, pred_id, succ_kind, succ_id)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    (f"many-{n}", *ends[n % len(ends)], *ends[(n * 7 + 3) % len(ends)])
                    for n in range(2 * CHECK_EVERY + 5)
                ),
            )
        _assert_equal_in_every_mode(db)
        compact = status_queries.load_status_inputs(db, rounds=False, compact=True)
        assert len(compact.dependencies) > 2 * CHECK_EVERY
        own = _own(compact.tasks) | _own(compact.items) | _own(r[0] for r in compact.milestones)
        known = {*compact.tasks, *compact.items, *(r[0] for r in compact.milestones)}
        found = [end for row in compact.dependencies for end in (row[2], row[4])]
        assert all(id(end) in own for end in found if end in known)
        kinds = [row[n] for row in compact.dependencies for n in (1, 3)]
        assert len(set(map(id, kinds))) == len(set(kinds)) == 3


def test_the_milestone_rows_are_one_snapshot_while_another_connection_deletes(
    template: Path, tmp_path: Path
) -> None:
    """The shared loader reads the milestones' ids by a query of their own, then their
    rows: a milestone deleted by another connection meanwhile (at every cancellation
    check) leaves each id with its own row, as the table held them."""
    with store_copy(template, tmp_path) as store:
        db = store.db
        with db.conn:  # (more than a batch of milestones)
            db.execute(
                "INSERT INTO milestone (id, task_id, item_id, title, due)"
                " SELECT 'copy-' || n.value || '-' || m.id, m.task_id, m.item_id,"
                " m.title || n.value, m.due FROM milestone m, json_each(?) n",
                [json.dumps(list(range(CHECK_EVERY // 50)))],
            )
        before = {
            row[0]: row
            for row in db.execute(
                "SELECT id, task_id, item_id, title, due, owner_unit_id, done_date"
                " FROM milestone ORDER BY rowid"
            )
        }
        assert len(before) > CHECK_EVERY
        other = sqlite3.connect(tmp_path / "db.sqlite", isolation_level=None)
        deleted: list[str] = []

        def delete_one() -> bool:
            found = other.execute("SELECT id FROM milestone ORDER BY rowid LIMIT 1").fetchone()
            if found:
                other.execute("DELETE FROM milestone WHERE id = ?", found)
                deleted.append(found[0])
            return False

        try:
            for mode in ({"rounds": False, "compact": True}, {"share": False}):
                rows = status_queries.load_status_inputs(db, cancelled=delete_one, **mode)
                loaded = list(rows.milestones)
                assert loaded  # (each as it was, in the table's order)
                assert loaded == [before[row[0]] for row in loaded], mode
                order = list(before)
                assert [order.index(row[0]) for row in loaded] == sorted(
                    order.index(row[0]) for row in loaded
                )
        finally:
            other.close()
        assert deleted  # (deleted while the loader ran)


def test_a_task_s_unit_is_its_first_item_s_among_items_tied_on_position(template: Path) -> None:
    """The cache's loader sets each task's unit by the items' places
    (``status_queries._loaded_compact``): its item of the lowest position, the first
    read among items tied on it; none when that item has no unit, as the first loader.
    An archived task's items keep their units (outside the items' index)."""
    with store_copy(template) as store:
        db = store.db
        tasks = [r[0] for r in db.execute("SELECT id FROM task ORDER BY rowid LIMIT 3")]
        units = [r[0] for r in db.execute("SELECT id FROM unit ORDER BY rowid LIMIT 3")]
        tied = ((units[0], units[1]), (units[2], units[0]), (None, units[1]))
        with db.conn:  # (one lead or responsible unit per item: read as pairs)
            db.execute(
                "DELETE FROM assignment WHERE role != 'support' AND rowid NOT IN"
                " (SELECT min(rowid) FROM assignment WHERE role != 'support' GROUP BY item_id)"
            )
            for n, (task_id, unit_ids) in enumerate(zip(tasks, tied, strict=True)):
                for k, unit_id in enumerate(unit_ids):
                    item_id = f"tied-{n}-{k}"
                    db.execute(
                        "INSERT INTO item (id, task_id, position) VALUES (?, ?, -5)",
                        [item_id, task_id],
                    )
                    if unit_id is not None:
                        db.execute(
                            "INSERT INTO assignment (id, item_id, unit_id, role)"
                            " VALUES (?, ?, ?, 'lead')",
                            [f"a-{item_id}", item_id, unit_id],
                        )
            # an archived task's led item: its unit kept apart from the items' index
            archived, led = db.execute(
                "SELECT i.task_id, i.id FROM item i JOIN assignment a ON a.item_id = i.id"
                " WHERE a.role = 'lead' AND i.task_id NOT IN (SELECT value FROM json_each(?))"
                " ORDER BY i.rowid LIMIT 1",
                [json.dumps(tasks)],
            ).fetchone()
            db.execute("UPDATE task SET archived = '2026-01-05' WHERE id = ?", [archived])
        _assert_equal_in_every_mode(db)
        compact = status_queries.load_status_inputs(db, rounds=False, compact=True)
        assert [compact.task_unit.get(task) for task in tasks] == [units[0], units[2], None]
        assert tasks[2] not in compact.task_unit
        assert archived not in compact.tasks and led not in compact.items
        assert compact.item_unit[led] == reference_load_inputs(db).item_unit[led]
