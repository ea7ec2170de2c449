"""The status pass's per-task and per-item fields held as columns over one index per
kind (``desktop.models.status_columns``) answer exactly as the dicts they replace.

The accessors alone (missing keys, keys outside the index, order), then on a real
database of two plans (so every task label carries its plan's 发文字号) with archived
tasks: the compact inputs equal the old loader's dicts field by field and in order,
and a full pass and incremental passes of the status cache equal the old loader and
pass (``tests/helpers/status_inputs_reference.py``, ``tests/helpers/status_reference.py``)
state by state, field by field, label by label.
"""

from __future__ import annotations

import shutil
from dataclasses import asdict, fields
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from desktop.models import coordination as co
from desktop.models import dependencies, status_queries
from desktop.models import status as st
from desktop.models.authoring_queries import apply_rollup
from desktop.models.coded_column import CodedColumn
from desktop.models.status_cache import StatusCache, _Graph
from desktop.models.status_columns import (
    ABSENT,
    CodedField,
    Column,
    ItemPlaces,
    index_of,
)
from desktop.models.store import Store
from tests.helpers.coordination import populated_demo
from tests.helpers.plans import small_plan
from tests.helpers.status_inputs_reference import reference_load_inputs
from tests.helpers.status_reference import reference_compute

# the fields held as columns, and the order a full pass's dicts iterate in
COLUMNS = ("tasks", "task_prefix", "items", "item_counts", "item_unit", "task_unit",
           "task_deadline", "plan_date")  # fmt: skip
ORDERED = ("tasks", "items")
# the fields of few distinct values, coded (``CodedField``)
CODED = ("tasks", "task_prefix", "item_counts", "item_unit", "task_unit", "task_deadline",
         "plan_date")  # fmt: skip


def test_a_column_answers_as_its_dict() -> None:
    index = index_of(["a", "b", "c", "d"])
    plain = {"b": 2, "a": None, "d": 0, "archived": 7}
    column = Column.of(index, plain)
    assert column == plain and plain == column
    assert len(column) == 4 and sorted(column) == sorted(plain)
    assert list(column) == ["a", "b", "d", "archived"]  # the index's order, then the others
    for key in ("a", "b", "d", "archived"):
        assert key in column and column[key] == plain[key] == column.get(key, "x")
    for key in ("c", "gone", ""):  # in the index without a value, unknown
        assert key not in column
        assert column.get(key) is None and column.get(key, "x") == "x"
        with pytest.raises(KeyError):
            column[key]
    assert dict(column.items()) == plain and sorted(column.keys()) == sorted(plain)
    for keys in (["d", "c", "a", "b"], ["a", "archived", "gone"], []):  # by position, or not
        assert column.get_many(keys) == [plain.get(key) for key in keys]
        assert Column.of(index, {"a": 1}).get_many(keys) == [{"a": 1}.get(key) for key in keys]
    full = Column.of(index, {"a": 1, "b": 1, "c": 1, "d": 1})
    assert full.keys() == {"a", "b", "c", "d"} and full.keys() & {"b", "z"} == {"b"}
    assert list(full) == ["a", "b", "c", "d"]
    more = Column.of(index, {"x": 2, "a": 1, "b": 1, "c": 1, "d": 1})  # every position and more
    assert list(more) == ["a", "b", "c", "d", "x"] and len(more) == 5 and more["x"] == 2
    empty = Column.of(index, {})
    assert len(empty) == 0 and not empty and list(empty) == [] and empty == {}
    days = Column.of(index, {"a": "".join(["2026-", "01-01"]), "b": "2026-01-01"}, shared=True)
    assert days["a"] is days["b"]


KEYS = [f"id{n}" for n in range(12)]


@settings(max_examples=300, deadline=None)
@given(
    hs.lists(
        hs.one_of(
            hs.just(ABSENT), hs.integers(0, 300), hs.sampled_from(("", "u1", "u2")), hs.none()
        ),
        min_size=12,
        max_size=12,
    ),
    hs.dictionaries(hs.sampled_from(("x", "y")), hs.sampled_from(("u1", "u9"))),
    hs.lists(hs.integers(0, 12), max_size=6),
    hs.booleans(),
)
def test_a_coded_field_answers_as_the_column_of_its_values(
    values: list[Any], extra: dict[str, Any], places: list[int], wide: bool
) -> None:
    """A ``CodedField`` (few distinct values: a byte or two a position) reads as the
    ``Column`` of the same values: keys, values, order, ``get_many``, ``at_places``
    (the place just past the last: ``ABSENT``), the codes as narrow as the values
    allow. ``wide``: more than 256 distinct values (two bytes a code)."""
    keys = KEYS + [f"more{n}" for n in range(300)] if wide else KEYS
    if wide:
        values = values + list(range(1000, 1300))
    index = index_of(keys)
    column, coded = (
        Column(index, values, dict(extra)),
        CodedField.of_values(index, values, dict(extra)),
    )
    assert coded == column and column == coded and len(coded) == len(column)
    assert list(coded) == list(column) and list(coded.items()) == list(column.items())
    for key in [*keys[:14], "x", "y", "gone"]:
        assert (key in coded) == (key in column) and coded.get(key, 5) == column.get(key, 5)
    asked = [keys[n % len(keys)] for n in places]
    assert coded.get_many(asked) == column.get_many(asked)
    assert coded.get_many([*asked, "x"]) == column.get_many([*asked, "x"])
    past = [min(n, len(keys)) for n in places] + [len(keys)]
    assert coded.at_places(past) == column.at_places(past)
    assert coded._codes.itemsize == (2 if wide else 1)
    assert len(set(map(id, filter(None, coded.values())))) == len({v for v in coded.values() if v})


def test_coded_numbers_and_plan_fields_answer_as_their_columns() -> None:
    """A task's number coded as itself (0 … 255) or as any values (a None, a big one);
    a field by plan (the plans a ``CodedColumn``) with tasks outside the index (archived) in the
    small dict, a plan without a value left out, as ``Column.by_ids``."""
    index = index_of(["t1", "t2", "t3"])
    for numbers in ([1, 2, 255], [0, None, 7], [1, 70000, 3]):
        coded = CodedField.of_numbers(index, numbers)
        assert coded == Column(index, numbers) and list(coded.values()) == numbers
    assert CodedField.of_numbers(index, [3, 1, 2])._codes.tobytes() == bytes([3, 1, 2])
    plans = CodedColumn()
    every = ["t1", "old", "t2", "t3"]
    plans.extend(["p1", "p2"])
    plans.extend(["p1", "p3"])
    dates = {"p1": "2026-01-01", "p2": "2025-05-05"}

    def by_plan(value_of: Any) -> CodedField:
        values = [value_of(plan) for plan in plans.values]
        return CodedField.of_ids(index, every, values, plans.codes)

    for value_of in (lambda plan: dates.get(plan, ABSENT), lambda plan: plan * 2):
        field = by_plan(value_of)
        values = [value_of(plan) for plan in ("p1", "p2", "p1", "p3")]
        assert field == Column.by_ids(index, every, values)
        assert list(field.items()) == list(Column.by_ids(index, every, values).items())
    assert by_plan(dates.get)["old"] == "2025-05-05"
    assert "t3" not in by_plan(lambda plan: dates.get(plan, ABSENT))


def test_item_places_answer_as_the_tuples() -> None:
    plain = {"i1": ("t1", 0), "i2": ("t1", 1), "i3": ("t2", 0)}
    places = ItemPlaces(index_of(list(plain)), ["t1", "t1", "t2"], [0, 1, 0])
    assert places == plain and plain == places and len(places) == 3
    assert list(places) == list(plain) and list(places.items()) == list(plain.items())
    both = places.items()  # a view: read twice, sized, asked
    assert list(both) == list(both) and len(both) == 3 and ("i2", ("t1", 1)) in both
    assert both == plain.items()
    assert places["i2"] == ("t1", 1) and places.get("i3") == ("t2", 0)
    assert places.get("gone") is None and places.get("gone", ("", 0)) == ("", 0)
    assert places.task_of("i3") == "t2" and "i1" in places and "gone" not in places
    with pytest.raises(KeyError):
        places["gone"]


@pytest.fixture(scope="module")
def two_plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The populated demo plan and a second plan (without a date), an archived task
    in each: its items keep their units, its targets a deadline."""
    path = tmp_path_factory.mktemp("two_plans") / "demo.db"
    populated_demo(path).close()
    store = Store.open(path)
    try:
        store.import_plan(small_plan())
        db = store.db
        with db.conn:
            firsts = [
                row[0]
                for row in db.execute(
                    "SELECT (SELECT id FROM task t WHERE t.plan_id = p.id ORDER BY no LIMIT 1)"
                    " FROM plan p"
                )
            ]
            assert len(firsts) == 2
            for task_id in firsts:
                db.execute("UPDATE task SET archived = '2026-01-05' WHERE id = ?", [task_id])
                db.execute(
                    "INSERT INTO target (id, task_id, comparator, value, deadline)"
                    " VALUES (?, ?, '>=', 80.0, '2026-12-31')",
                    [f"archived-target-{task_id}", task_id],
                )
    finally:
        store.close()
    return path


def _copy(source: Path, tmp_path: Path) -> Store:
    target = tmp_path / "copy.db"
    shutil.copy(source, target)
    return Store.open(target)


def test_the_compact_fields_equal_the_old_dicts_on_two_plans(
    two_plans: Path, tmp_path: Path
) -> None:
    store = _copy(two_plans, tmp_path)
    try:
        db = store.db
        some = [row[0] for row in db.execute("SELECT id FROM task ORDER BY rowid DESC LIMIT 9")]
        for only in (None, some):
            new = status_queries.load_status_inputs(db, only, compact=True)
            old = reference_load_inputs(db, only)
            assert new.round_rows is None  # (a compact snapshot is kept long: no round's)
            for f in fields(st.StatusInputs):
                if f.name != "round_rows":
                    assert getattr(new, f.name) == getattr(old, f.name), f.name
            for name in COLUMNS:
                column, plain = getattr(new, name), getattr(old, name)
                assert isinstance(column, (Column, ItemPlaces)), name
                if name in CODED and column:  # (a byte or two a task or an item)
                    assert isinstance(column, CodedField), name
                assert len(column) == len(plain), name
                for key in plain:
                    assert key in column and column[key] == plain[key], (name, key)
                    assert column.get(key) == plain.get(key), (name, key)
                assert column.get("gone") is None and "gone" not in column
            for name in ORDERED:
                assert list(getattr(new, name).items()) == list(getattr(old, name).items())
        # the status cache's load (no reporting round: its rows freed as soon as read)
        new, old = (
            status_queries.load_status_inputs(db, rounds=False, compact=True),
            reference_load_inputs(db),
        )
        assert new.round_rows is None and old.round_rows is not None
        assert new.task_percent and new.target_percent  # (read from the rows as they come)
        for f in fields(st.StatusInputs):
            if f.name != "round_rows":
                assert getattr(new, f.name) == getattr(old, f.name), f.name
        for name in (*ORDERED, "task_percent", "target_percent"):
            assert list(getattr(new, name).items()) == list(getattr(old, name).items())
        new, old = status_queries.load_status_inputs(db, compact=True), reference_load_inputs(db)
        assert isinstance(
            status_queries.load_status_inputs(db).items, dict
        )  # (a pass dropped soon)
        archived = {row[0] for row in db.execute("SELECT id FROM task WHERE archived IS NOT NULL")}
        assert len(archived) == 2 and not archived & set(new.tasks)
        # the archived tasks keep their prefix, plan date and deadline (as the dicts did)
        for task_id in archived:
            assert new.task_prefix[task_id] == old.task_prefix[task_id]
            assert new.task_deadline[task_id] == "2026-12-31"
        assert len(set(new.task_prefix.values())) == 2
        assert set(new.plan_date) < set(new.task_prefix)  # the second plan has no date
    finally:
        store.close()


def normal(snap: st.StatusSnapshot) -> dict[str, Any]:
    """Every state's fields, the ranking, the cycles and every label, as plain data."""
    keys = [
        *(("task", t) for t in snap.tasks),
        *(("item", i) for i in snap.items),
        *(("milestone", m) for m in snap.milestones),
    ]
    return {
        "milestones": {k: asdict(v) for k, v in snap.milestones.items()},
        "items": {k: asdict(v) for k, v in snap.items.items()},
        "tasks": {k: asdict(v) for k, v in snap.tasks.items()},
        "blocking": [asdict(b) for b in snap.blocking],
        "cycles": snap.cycles,
        "labels": {key: snap.label(key) for key in keys},
        "order": [snap._order(key) for key in keys],
        "gone": (snap.label(("task", "gone")), snap.label(("item", "gone"))),
    }


def _reference(db: Any, today: date) -> dict[str, Any]:
    inputs = reference_load_inputs(db)
    return normal(apply_rollup(db, reference_compute(inputs, today, st.DEFAULT_WINDOW_DAYS)))


def test_full_and_incremental_passes_on_columns_equal_the_old_pass(
    two_plans: Path, tmp_path: Path
) -> None:
    store = _copy(two_plans, tmp_path)
    try:
        db = store.db
        today = date.today()
        cache = StatusCache()
        snap = cache.snapshot(db, today)
        assert cache.last_pass == "full" and isinstance(snap.inputs.items, ItemPlaces)
        expected = _reference(db, today)
        assert normal(snap) == expected
        assert any("〔" in label for label in expected["labels"].values())
        # edits in both plans: new milestones (one overdue), one done
        tasks = [row[0] for row in db.execute("SELECT id FROM task WHERE archived IS NULL")]
        edits = [
            lambda: co.add_milestone(store, tasks[3], "新节点", (today - timedelta(days=3)).isoformat()),
            lambda: co.add_milestone(store, tasks[-1], "另一计划的节点", today.isoformat()),
            lambda: co.mark_milestone_done(
                store,
                db.execute("SELECT id FROM milestone WHERE task_id = ?", [tasks[3]]).fetchone()[0],
                today.isoformat(),
            ),
        ]  # fmt: skip
        added: list[str] = []
        pairs = [(tasks[3], tasks[-1]), (tasks[-1], tasks[5]), (tasks[3], tasks[5])]
        edits += [  # dependencies across the plans, on a task with none and one with several
            *(lambda a=a, b=b: added.append(
                dependencies.add_dependency(store, ("task", a), ("task", b))) for a, b in pairs),
            lambda: dependencies.remove_dependency(store, added[0]),
            lambda: dependencies.remove_dependency(store, added[2]),
        ]  # fmt: skip
        for edit in edits:
            edit()
            snap = cache.snapshot(db, today)
            assert cache.last_pass == "incremental"
            assert normal(snap) == _reference(db, today)
    finally:
        store.close()


def test_the_cache_keeps_a_task_s_items_and_dependencies_without_a_list_each() -> None:
    graph = _Graph()
    graph.add_items({"i1": ("t1", 0), "i2": ("t2", 0), "i3": ("t1", 1), "i4": ("t1", 2)})
    assert graph.item_ids("t1") == ("i1", "i3", "i4") and graph.item_ids("t2") == ("i2",)
    assert graph.item_ids("gone") == () and graph.items_of["t2"] == "i2"
    for dep_id, task_id in (("d1", "t1"), ("d2", "t1"), ("d1", "t1"), ("d3", "t2")):
        graph.link(task_id, dep_id)
    assert set(graph.dependencies_of("t1")) == {"d1", "d2"}
    assert list(graph.dependencies_of("t2")) == ["d3"] and list(graph.dependencies_of("x")) == []
    graph.unlink("t1", "d1")
    graph.unlink("t1", "d9")  # (not linked: nothing changes)
    graph.unlink("x", "d1")
    assert list(graph.dependencies_of("t1")) == ["d2"]
    graph.unlink("t1", "d2")
    graph.unlink("t2", "d3")
    assert graph.task_dependencies == {}
