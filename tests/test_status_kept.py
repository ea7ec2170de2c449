"""What a status pass kept long holds for its states, in columns (``status_kept``,
issue 14 "memory flat"), answers as the pass's own dicts: the milestone rows by id and
by field, each task's milestones, every status code, the 序时进度; and a whole pass over
compact inputs (a status cache's) equals one over dicts, state by state and field by
field, on a generated database (milestones of every kind, a cycle, 办结, an archived
task)."""

from __future__ import annotations

import shutil
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from desktop.models import status as st
from desktop.models.status_columns import Column, index_of, index_of_keys, positions
from desktop.models.status_kept import Codes, MilestoneRows, PassTables, Schedule, keep_compact
from desktop.models.status_pass import _per_task
from desktop.models.status_queries import load_status_inputs
from desktop.models.status_tables import LazyStates, value_of, values_of
from desktop.models.store import Store
from tests.helpers.status_pass_data import generate_status_db

TASKS = [f"t{n}" for n in range(8)]
# a milestone's task: one of the index's (some with none), none, or one outside it
MILESTONE_TASKS = hs.sampled_from([*TASKS[:6], None, "", "gone"])
ITEMS = hs.sampled_from([None, "", "i0", "i1", "i2"])
DAYS = hs.sampled_from([None, "", "2026-01-02", "2026-03-04"])


@given(
    drawn=hs.lists(
        hs.tuples(MILESTONE_TASKS, ITEMS, DAYS, hs.sampled_from([None, "u1"]), DAYS,
                  hs.integers(0, 4)),
        max_size=40,
    ),
    shared=hs.integers(0, 60),
)  # fmt: skip
@settings(max_examples=300, deadline=None)
def test_milestone_columns_answer_as_the_rows(drawn: list[tuple], shared: int) -> None:
    rows = [
        (f"m{n}", task, item, f"节点{n}", due, owner, done)
        for n, (task, item, due, owner, done, _code) in enumerate(drawn)
    ]
    codes = [code for *_row, code in drawn]
    task_ms = _per_task(rows, {}, {None: 1, "": 1}, lambda _due: 1)[1]  # (codes: drawn)
    row_of = {row[0]: row for row in rows}
    code_of = dict(zip(row_of, codes, strict=True))
    ints = positions(shared)
    task_index = index_of(TASKS, ints)
    index = dict(row_of)  # (made the index)
    kept = MilestoneRows(rows, index, codes, task_ms, task_index, ints)
    assert kept._index is index and list(index) == list(row_of)
    assert list(kept) == list(row_of) and len(kept) == len(rows)
    assert list(kept.keys()) == list(row_of)
    for ms_id, row in row_of.items():
        assert ms_id in kept and kept[ms_id] == row and kept.get(ms_id) == row
        assert [kept.field(ms_id, n) for n in range(7)] == list(row)
        assert kept.code(ms_id) == code_of[ms_id]
    for n in range(7):
        assert kept.column(n) == [row[n] for row in rows]
    assert kept.codes() == codes
    for task_id in [*TASKS, None, "", "gone", "never"]:
        found = task_ms.get(task_id)  # type: ignore[arg-type]
        assert kept.of_task(task_id) == (None if found is None else list(found)), task_id
    assert "m-none" not in kept and kept.get("m-none", 7) == 7
    with pytest.raises(KeyError):
        kept["m-none"]
    # the positions are the shared int objects where there are some
    assert all(at is ints[at] for at in kept._index.values() if at < len(ints))


def test_a_column_of_few_values_kept_coded_reads_as_the_list() -> None:
    from desktop.models.coded_column import CodedColumn

    days = [None, "", "2026-01-02", None, "2026-01-02", "2026-03-04"] * 50
    column = CodedColumn(days)
    assert column.codes.typecode == "B" and column.to_list() == days
    assert len(column.values) == 4 and len(column) == len(days)
    many = [f"d{n}" for n in range(0x10000 + 1)]  # (more than two bytes can tell)
    column.extend(many)  # (widened twice, the codes so far kept)
    assert column.codes.typecode == "I" and column.to_list() == days + many
    assert [column[n] for n in range(0, len(column), 997)] == (days + many)[::997]


@given(
    codes=hs.dictionaries(hs.sampled_from([*TASKS, None, "", "gone"]), hs.integers(0, 4)),
    planned=hs.dictionaries(
        hs.sampled_from(TASKS),
        hs.tuples(hs.sampled_from([None, 12.5, 50.0]), hs.sampled_from([None, 7.0]), hs.booleans()),
    ),
)
@settings(max_examples=300, deadline=None)
def test_codes_and_schedule_answer_as_their_dicts(
    codes: dict[Any, int], planned: dict[str, tuple]
) -> None:
    index = index_of(TASKS)
    kept = Codes(index, codes)
    assert dict(kept.items()) == codes and len(kept) == len(codes)
    assert set(kept) == set(codes)
    asked = [*TASKS, None, "", "gone", "never"]
    for key in asked:
        assert kept.get(key) == codes.get(key) and kept.get(key, -1) == codes.get(key, -1)
        assert (key in kept) == (key in codes)
    for default in (None, -1):
        assert kept.get_many(TASKS, default) == [codes.get(t, default) for t in TASKS]
        assert kept.get_many(asked, default) == [codes.get(t, default) for t in asked]
    with pytest.raises(KeyError):
        kept["never"]
    schedule = Schedule(index, planned)
    unplanned = (None, None, False)  # a task state's 序时进度 fields without a schedule
    for task_id in TASKS:
        assert schedule.get(task_id) == planned.get(task_id, unplanned)
    assert schedule.get("never") is None
    for n in range(3):
        assert schedule.column(n) == [planned.get(t, unplanned)[n] for t in TASKS]
    # made from the columns a pass computes (``schedule_of``): the same answers
    ids = list(planned)
    fields = tuple([planned[t][n] for t in ids] for n in range(3))
    made = Schedule.of_columns(index, ids, fields)
    for task_id in [*TASKS, "never"]:
        assert made.get(task_id) == schedule.get(task_id)
    for n in range(3):
        assert made.column(n) == schedule.column(n)
    if ids:  # (a field of another length is refused, not cut short)
        with pytest.raises(ValueError):
            Schedule.of_columns(index, ids, (fields[0], fields[1], fields[2][1:]))


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_status_db(tmp_path_factory.mktemp("kept") / "db.sqlite")


FIELDS = {
    "milestones": ("status", "id", "task_id", "item_id", "title", "original_due",
                   "effective_due", "done_date", "done_late", "late_vs_original",
                   "extension_count", "unit_id", "days_left", "risks"),
    "items": ("status", "risks", "task_id", "milestone_ids"),
    "tasks": ("status", "risks", "task_id", "milestone_ids", "expected", "percent", "behind"),
}  # fmt: skip


def _pass(
    path: Path, compact: bool, closed: bool, today: date, release: bool = False
) -> st.StatusSnapshot:
    store = Store.open(path)
    try:
        inputs = load_status_inputs(store.db, rounds=False, compact=compact)
    finally:
        store.close()
    if closed:  # (some tasks and items 办结)
        inputs.closed_tasks = set(list(inputs.tasks)[3:40:4])
        inputs.closed_items = set(list(inputs.items)[5:60:3])
    snap = st.compute(inputs, today)
    keep_compact(snap, release=release)  # (no index without compact inputs: dicts kept)
    return snap


def test_rows_released_as_they_become_columns_read_as_rows_kept(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``keep_compact(release=True)`` (the status cache's) empties the pass's milestone
    rows a part at a time as they become columns: every state and field reads as with
    the rows kept; a pass of dicts (no columns) keeps its rows."""
    import desktop.models.status_kept as status_kept

    monkeypatch.setattr(status_kept, "_ROWS_AT_ONCE", 7)  # (many parts, one short)
    today = date.today()
    released, kept = _pass(db_path, True, True, today, True), _pass(db_path, True, True, today)
    assert released.inputs.milestones == [] and len(kept.inputs.milestones) > 7 * 3
    assert len(kept.inputs.milestones) % 7
    tables = released.milestones.maker.__self__  # type: ignore[attr-defined]
    assert isinstance(tables.rows, MilestoneRows)
    for table in FIELDS:
        ours, theirs = getattr(released, table), getattr(kept, table)
        assert [asdict(state) for state in ours.values()] == [
            asdict(state) for state in theirs.values()
        ], table
    for column in range(7):
        assert tables.rows.column(column) == kept.milestones.maker.__self__.rows.column(column)  # type: ignore[attr-defined]
    plain = _pass(db_path, False, True, today, True)
    assert plain.inputs.milestones and len(plain.inputs.milestones) == len(kept.milestones)


@pytest.mark.parametrize("closed", [False, True])
@pytest.mark.parametrize("days_on", [0, 150])
def test_a_pass_kept_in_columns_equals_a_pass_of_dicts(
    db_path: Path, closed: bool, days_on: int
) -> None:
    today = date.fromordinal(date.today().toordinal() + days_on)
    kept, plain = _pass(db_path, True, closed, today), _pass(db_path, False, closed, today)
    tables = kept.milestones.maker.__self__  # type: ignore[attr-defined]
    assert isinstance(tables, PassTables) and isinstance(tables.rows, MilestoneRows)
    assert kept.milestones._keys is tables.rows._index  # type: ignore[attr-defined]
    assert isinstance(tables.task_code, Codes) and isinstance(tables.schedule, Schedule)
    assert isinstance(tables.own_code, Codes) and isinstance(tables.level_code, Codes)
    assert not isinstance(plain.milestones.maker.__self__.rows, MilestoneRows)  # type: ignore[attr-defined]
    # the data has what the columns hold: milestones of items and of tasks alone, done
    # ones, risks, 序时进度, a task without milestones
    milestones = list(plain.milestones.values())
    assert any(m.item_id for m in milestones) and any(not m.item_id for m in milestones)
    assert any(m.done_date for m in milestones) and any(m.risks for m in milestones)
    assert any(n.expected is not None for n in plain.tasks.values())
    assert any(not n.milestone_ids for n in plain.tasks.values())
    for table, names in FIELDS.items():
        ours, theirs = getattr(kept, table), getattr(plain, table)
        assert isinstance(ours, LazyStates) and list(ours) == list(theirs), table
        built = set(ours._made)  # (what the ranking built)
        for name in names:  # read without building, one by one, then in bulk
            expected = {key: getattr(state, name) for key, state in theirs.items()}
            if name == "milestone_ids":  # (no peek: each state built)
                assert set(ours._made) == built, table
            found = {key: value_of(ours, key, name) for key in ours}
            assert list(found.items()) == list(expected.items()), (table, name)
            if name != "milestone_ids":
                found = values_of(ours, name)
                assert list(found.items()) == list(expected.items()), (table, name)
        assert [asdict(state) for state in ours.values()] == [
            asdict(state) for state in theirs.values()
        ], table
    assert kept.blocking == plain.blocking and kept.roots == plain.roots
    assert kept.cycles == plain.cycles and kept.cycles


@given(
    steps=hs.lists(
        hs.tuples(hs.booleans(), hs.sampled_from(["a", "b"]), hs.integers(0, 11)), max_size=80
    )
)
@settings(max_examples=300, deadline=None)
def test_a_task_s_dependencies_kept_as_one_id_a_tuple_or_a_set(steps: list[tuple]) -> None:
    """The status cache's ``task -> its dependencies`` (one id, a tuple of a few, a set of
    more) answers as a set per task would, through links and unlinks."""
    from desktop.models.status_cache import _Graph

    graph, reference = _Graph(), {"a": set(), "b": set()}
    many = [(True, "a", n) for n in range(10)]  # (more than a tuple holds)
    for add, task_id, n in [*many, *steps]:
        dep_id = f"d{n}"
        if add:
            graph.link(task_id, dep_id)
            reference[task_id].add(dep_id)
        else:
            graph.unlink(task_id, dep_id)
            reference[task_id].discard(dep_id)
        for task, deps in reference.items():
            found = list(graph.dependencies_of(task))
            assert len(found) == len(deps) and set(found) == deps
            assert (task in graph.task_dependencies) == bool(deps)


def test_a_compact_pass_computes_its_schedule_as_columns(db_path: Path) -> None:
    """``schedule_of`` over compact inputs (the status cache's) gives a ``Schedule`` by
    the task index at once, answering for every task as the dict of the same pass over
    dicts (``compute_status``'s); over dicts it stays a dict."""
    from desktop.models.status_rules import schedule_of

    today = date(2026, 3, 1)
    store = Store.open(db_path)
    try:
        plain = load_status_inputs(store.db, rounds=False)
        compact = load_status_inputs(store.db, rounds=False, compact=True)
    finally:
        store.close()
    finished = {next(iter(plain.tasks))}  # (a finished task has no 序时进度)
    expected = schedule_of(plain, finished, today)
    made = schedule_of(compact, finished, today)
    assert isinstance(expected, dict) and isinstance(made, Schedule)
    assert len(expected) * 4 >= len(compact.tasks)  # (large enough to be columns)
    unplanned = (None, None, False)
    assert expected  # (tasks with a schedule, and tasks without)
    for task_id in plain.tasks:
        assert made.get(task_id) == expected.get(task_id, unplanned), task_id


def test_a_field_for_given_keys_reads_by_place(db_path: Path, tmp_path: Path) -> None:
    """``values_for``: the statuses of the task table's ids (archived ones and an unknown
    id among them: the default) and of the item table's as ``value_of`` gives them, from a
    status cache's pass (read by place: the statuses a list in key order, 办结 tasks and
    items done) and from a pass of dicts alike."""
    from desktop.models.status_cache import StatusCache
    from desktop.models.status_queries import compute_status
    from desktop.models.status_tables import values_for

    shutil.copyfile(db_path, tmp_path / "db.sqlite")
    store = Store.open(tmp_path / "db.sqlite")
    try:
        # an item's own 办结 approved (the generated ones are whole tasks')
        item_id, task_id = store.db.execute(
            "SELECT id, task_id FROM item WHERE task_id NOT IN (SELECT task_id FROM signoff)"
            " ORDER BY rowid LIMIT 1"
        ).fetchone()
        unit = store.db.execute("SELECT id FROM unit LIMIT 1").fetchone()[0]
        with store.action("test_item_signoff") as tx:
            tx.insert_many("signoff", [{
                "id": "item-signoff", "task_id": task_id, "item_id": item_id, "unit_id": unit,
                "evidence": "已完成", "applied_at": "2026-02-01T08:00:00Z", "applied_by": "t",
            }])  # fmt: skip
            tx.insert_many("signoff_decision", [{
                "signoff_id": "item-signoff", "decision": "approved", "reason": "",
                "decided_at": "2026-02-02T08:00:00Z", "decided_by": "t",
            }])  # fmt: skip
        ids = [row[0] for row in store.db.execute("SELECT id FROM task ORDER BY rowid DESC")]
        item_ids = [row[0] for row in store.db.execute("SELECT id FROM item ORDER BY rowid DESC")]
        archived = {row[0] for row in store.db.execute(
            "SELECT id FROM task WHERE archived IS NOT NULL")}  # fmt: skip
        snaps = [StatusCache().snapshot(store.db, date(2026, 3, 1))]
        snaps.append(compute_status(store.db, date(2026, 3, 1)))
    finally:
        store.close()
    # (what the default and DONE cover: archived tasks, closed tasks and closed items)
    assert archived and snaps[0].inputs.closed_tasks and snaps[0].inputs.closed_items
    asked = [*ids, "never"]
    kept = snaps[0].tasks
    assert isinstance(kept, LazyStates) and isinstance(kept.maker.__self__, PassTables)
    assert isinstance(kept.maker.__self__.task_columns("status"), list)
    assert isinstance(kept.maker.__self__.item_columns("status"), list)
    # read by place (no dict of every state's status) for the cache's tasks and items;
    # not for a column whose keys are not its index's in order
    assert index_of_keys(kept._keys) and index_of_keys(snaps[0].items._keys)
    index = index_of(TASKS[:3])
    assert not index_of_keys(Column(index, ["a", "b", "c"], {"x": "d"}))
    assert not index_of_keys(Column.of(index, {TASKS[0]: "a", TASKS[2]: "c"}))  # (one absent)
    assert index_of_keys(Column(index, ["a", "b", "c"])) is index
    for snap in snaps:
        expected = [value_of(snap.tasks, key, "status", "无") for key in asked]
        assert values_for(snap.tasks, "status", asked, "无") == expected
        assert expected[-1] == "无" and st.DONE in expected
        assert all(expected[n] == "无" for n, key in enumerate(ids) if key in archived)
        # the items' (of closed tasks, or closed themselves: done)
        expected = [value_of(snap.items, key, "status") for key in [*item_ids, "never"]]
        assert values_for(snap.items, "status", [*item_ids, "never"]) == expected
        assert expected[-1] is None and st.DONE in expected
