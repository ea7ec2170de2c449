"""The status cache's full pass takes its blocking tally over from the pass (each root's
unit and held-up tasks as the pass's ranking found them: ``StatusSnapshot.held_up``,
``Tally(snap)``) and builds its dependency links in bulk from what the pass kept
(``node_tasks``, ``StatusCache._put_dependencies``): the same tables as root by root
(``Tally.add``) and row by row (``tests/helpers/status_cache_reference.py``), on drawn
inputs (the pass's dicts and its columns: unknown ends and those of archived tasks,
items, task-level milestones, roots holding up nothing, units tied in the ranking,
tasks with many dependencies) and on a generated database (with archived tasks)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from desktop.models import status as st
from desktop.models.authoring_queries import rollup_links
from desktop.models.status_cache import StatusCache, _Graph
from desktop.models.status_kept import MilestoneRows, keep_compact, pass_tables
from desktop.models.status_merge import Tally
from desktop.models.status_queries import compute_status
from desktop.models.status_ranking import BlockingUnit
from desktop.models.status_tables import state_of, value_of
from tests.helpers.generated import store_copy
from tests.helpers.status_cache_reference import (
    graph_tables,
    reference_rollup_links,
    reference_tally,
    tally_tables,
)
from tests.helpers.status_inputs_drawn import UNITS, compacted, draw_tasks_and_items
from tests.helpers.status_pass_data import generate_status_db

TODAY = date(2026, 11, 29)
DAYS = [None, "", *((TODAY + timedelta(days=d)).isoformat() for d in (-30, -1, 0, 14, 90))]


@hs.composite
def drawn_inputs(draw: hs.DrawFn) -> st.StatusInputs:
    """Tasks, items, milestones (some of a task the pass does not know, some task-level)
    and dependencies between any of them and ids it does not know (those of an archived
    task too: the loader leaves out its row, items and milestones, not its
    dependencies), many on one task. ``u3`` and no unit share a name: tied units."""
    inputs = st.StatusInputs()
    tasks, items = draw_tasks_and_items(draw, inputs, 5, 3)
    milestones: list[str] = []
    for n in range(draw(hs.integers(0, 14))):
        task_id = draw(hs.sampled_from([*tasks, *tasks, "gone-task"]))
        own = [i for i in items if inputs.items[i][0] == task_id]
        item_id = draw(hs.sampled_from([None, "", *own]))
        ms_id = f"m{n}"
        due, done = draw(hs.sampled_from(DAYS)), draw(hs.sampled_from([None, None, *DAYS[2:]]))
        owner = draw(hs.sampled_from([None, None, "", *UNITS]))
        inputs.milestones.append((ms_id, task_id, item_id, f"节点{n}", due, owner, done))
        milestones.append(ms_id)
    nodes = [("task", t) for t in tasks] + [("item", i) for i in items]
    nodes += [("milestone", m) for m in milestones]
    nodes += [("milestone", "gone"), ("item", "gone"), ("task", "gone")]
    nodes += [("task", "archived"), ("item", "archived-i0"), ("milestone", "archived-m0")]
    for n in range(draw(hs.integers(0, 30))):
        pred, succ = draw(hs.sampled_from(nodes)), draw(hs.sampled_from(nodes))
        if pred != succ:
            inputs.dependencies.append((f"d{n}", *pred, *succ, draw(hs.sampled_from([0, 5]))))
    inputs.closed_tasks = set(draw(hs.lists(hs.sampled_from(tasks), max_size=1)))
    return inputs


def _snapshot(inputs: st.StatusInputs, compact: bool) -> st.StatusSnapshot:
    """The status cache's pass over ``inputs``: each root's unit and tasks kept for its
    tally (``held_up``), the pass's dicts as columns when ``compact``."""
    if compact:
        compacted(inputs)
    snap = st.compute(inputs, TODAY, held_up=True)
    if compact:
        keep_compact(snap)
    return snap


def _ranked(ranking: list[BlockingUnit]) -> list[tuple[Any, ...]]:
    """A ranking's entries, tied ones (the same count and name) in one order."""
    return sorted(
        (-len(b.blocked_task_ids), b.unit_name, repr(b.unit_id), b.blocked_task_ids,
         b.root_milestone_ids)
        for b in ranking
    )  # fmt: skip


def _check_tally(tally: Tally, snap: st.StatusSnapshot) -> None:
    """``tally`` (taken over from the pass) equals one built root by root: its three
    tables, their order, each unit's counts' order, each root's tasks' order; its ranking
    is the pass's (``snap.blocking``)."""
    expected = reference_tally(snap)
    found = tally_tables(tally)
    assert found == expected
    for name in ("of_root", "per_unit", "roots"):
        assert list(found[name]) == list(expected[name]), name
    for unit, counts in expected["per_unit"].items():
        assert list(found["per_unit"][unit].items()) == list(counts.items())
    for root_id, held_by in expected["of_root"].items():
        assert found["of_root"][root_id][1:] == held_by[1:]  # (the same set's order)
    ranking = tally.ranking([], set(tally.per_unit), snap.inputs.unit_names)
    assert _ranked(ranking) == _ranked(snap.blocking)
    # a root's unit as ``Tally.add`` peeks it (no state built) is its state's
    ids = list(snap.milestones)
    units = [state_of(snap.milestones, m).unit_id for m in ids]
    assert [value_of(snap.milestones, m, "unit_id") for m in ids] == units


def _check_links(snap: st.StatusSnapshot) -> None:
    """The dependency links in bulk equal them row by row; a node's task in bulk too."""
    tables = pass_tables(snap.milestones)
    assert tables is not None
    bulk, by_row = StatusCache(), StatusCache()
    for cache in (bulk, by_row):
        cache._snap, cache._graph = snap, _Graph()
    bulk._put_dependencies(snap.inputs.dependencies)
    for row in snap.inputs.dependencies:
        by_row._put_dependency(row)
    assert graph_tables(bulk._graph) == graph_tables(by_row._graph)
    # a node's task (a kind the pass does not know has none)
    nodes = [(row[1], row[2]) for row in snap.inputs.dependencies] + [("section", "t0")]
    gone = object()
    found_tasks = tables.node_tasks([k for k, _ in nodes], [i for _, i in nodes], gone)
    expected_tasks = [by_row._node_task(None, kind, node_id) for kind, node_id in nodes]
    assert [None if t is gone else t for t in found_tasks] == expected_tasks


def _check(snap: st.StatusSnapshot) -> None:
    """The tally taken over from ``snap`` (a pass that kept its ``held_up``), its links."""
    held = snap.held_up
    assert held is not None
    handed = list(held.per_root())
    tally = Tally(snap)
    assert snap.held_up is None  # (taken over)
    assert list(tally.of_root.items()) == handed
    _check_tally(tally, snap)
    _check_links(snap)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=drawn_inputs(), compact=hs.booleans())
def test_the_tally_taken_over_and_the_bulk_links_equal_the_root_by_root_ones(
    inputs: st.StatusInputs, compact: bool
) -> None:
    snap = _snapshot(inputs, compact)
    tables = pass_tables(snap.milestones)
    assert tables is not None
    columns = compact and bool(inputs.milestones) and bool(inputs.items)  # (``compact``)
    assert isinstance(tables.rows, MilestoneRows) == columns
    _check(snap)
    # a pass not asked keeps nothing per root; its tally is made root by root
    plain = st.compute(inputs, TODAY)
    assert plain.held_up is None
    _check_tally(Tally(plain), plain)


def test_roots_holding_up_nothing_unknown_ends_and_tied_units() -> None:
    """An overdue milestone holding up only its own task (no entry), one holding up
    nodes of an archived task and unknown ids only (no entry), two units holding up as
    many tasks under one name (``u3`` has none: 未指定单位, as a milestone without a
    unit)."""
    inputs = st.StatusInputs()
    inputs.tasks = {f"t{n}": n + 1 for n in range(6)}
    inputs.unit_names = {"u1": "市发改委"}
    due = (TODAY - timedelta(days=3)).isoformat()
    inputs.milestones = [
        ("m-own", "t0", None, "节点", due, "u1", None),
        ("m-next", "t0", None, "节点", None, None, None),
        ("m-gone", "t1", None, "节点", due, "u1", None),
        ("m-u3", "t2", None, "节点", due, "u3", None),
        ("m-none", "t3", None, "节点", due, None, None),
    ]
    inputs.dependencies = [
        ("d0", "milestone", "m-own", "milestone", "m-next", 0),
        ("d1", "milestone", "m-gone", "task", "archived", 0),
        ("d2", "milestone", "m-gone", "item", "archived-i0", 0),
        ("d3", "milestone", "m-gone", "milestone", "gone", 0),
        ("d4", "milestone", "m-u3", "task", "t4", 0),
        ("d5", "milestone", "m-none", "task", "t5", 0),
    ]
    for compact in (False, True):
        snap = _snapshot(st.StatusInputs(**vars(inputs)), compact)
        assert {"m-own", "m-u3", "m-none"} <= set(snap.roots)
        assert snap.held_up is not None
        assert list(snap.held_up.per_root()) == [
            ("m-u3", ("u3", "t4")),
            ("m-none", (None, "t5")),
        ]
        assert [b.unit_name for b in snap.blocking] == ["未指定单位", "未指定单位"]
        _check(snap)


def test_many_dependencies_of_one_task_are_kept_as_a_set_in_link_order() -> None:
    inputs = st.StatusInputs()
    inputs.tasks = {"t0": 1, "t1": 2}
    inputs.milestones = [
        (f"m{n}", f"t{n % 2}", None, "节点", "2026-01-01", None, None) for n in range(20)
    ]
    inputs.dependencies = [
        (f"d{n}", "milestone", f"m{n}", "milestone", f"m{n + 2}", 0) for n in range(18)
    ] + [("d-self", "task", "t0", "task", "t0", 0)]
    snap = _snapshot(inputs, True)
    _check(snap)
    graph = StatusCache()
    graph._snap, graph._graph = snap, _Graph()
    graph._put_dependencies(inputs.dependencies)
    linked = graph._graph.task_dependencies
    assert isinstance(linked["t0"], set) and len(linked["t0"]) == 10  # (nine, and itself)
    assert snap.roots  # (overdue milestones holding up others)


@pytest.mark.parametrize("compact", [False, True])
@pytest.mark.parametrize("odd", [False, True])
def test_the_pass_s_end_tasks_are_taken_over_unless_an_end_is_of_another_kind(
    compact: bool, odd: bool
) -> None:
    """A pass asked for them keeps each dependency's ends' tasks as its cycle search found
    them (``StatusSnapshot.dependency_tasks``: unknown ends none, a task its own id); the
    links take them over. An end of a kind the pass does not know under a milestone's id
    (the cycle search reads the milestone's task) has no task: none are kept then, the
    links read every end from the pass's tables, as row by row."""
    inputs = st.StatusInputs()
    inputs.tasks = {"t0": 1, "t1": 2}
    inputs.items = {"i0": ("t1", 1)}
    inputs.milestones = [
        ("m0", "t0", None, "节点", "2026-01-01", None, None),
        ("m1", "t1", "i0", "节点", "2026-12-01", None, None),
    ]
    inputs.dependencies = [
        ("d0", "milestone", "m0", "item", "i0", 0),
        ("d1", "task", "t0", "milestone", "m1", 0),
        ("d2", "milestone", "gone", "task", "gone-task", 0),
        *([("d3", "section", "m1", "task", "t0", 0)] if odd else []),
    ]
    snap = _snapshot(inputs, compact)
    handed = (["t0", "t0", None], ["t1", "t1", "gone-task"])
    assert snap.dependency_tasks == (None if odd else handed)
    _check(snap)
    assert snap.dependency_tasks is None  # (taken over by the links)
    assert st.compute(inputs, TODAY).dependency_tasks is None  # (not asked: none kept)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_status_db(tmp_path_factory.mktemp("bulk") / "db.sqlite")


@pytest.mark.parametrize(("days_on", "archive"), [(0, False), (150, False), (150, True)])
def test_the_cache_s_full_pass_tally_and_links_equal_the_root_by_root_ones(
    db_path: Path, days_on: int, archive: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = date.fromordinal(date.today().toordinal() + days_on)
    with store_copy(db_path) as store:
        if archive:  # (their dependencies stay: ends the pass does not know)
            with store.db.conn:
                store.db.execute("UPDATE task SET archived = '2026-01-01' WHERE rowid % 7 = 3")
        cache = StatusCache()
        with monkeypatch.context() as patched:  # (taken over from the pass, none added)
            patched.setattr(Tally, "add", None)
            snap = cache.snapshot(store.db, day)
        assert compute_status(store.db, day).held_up is None  # (not asked: nothing kept)
    assert snap.dependency_tasks is None  # (the cache's links took them over)
    tables = pass_tables(snap.milestones)
    assert tables is not None and isinstance(tables.rows, MilestoneRows)
    assert snap.roots and snap.inputs.dependencies
    assert snap.held_up is None  # (the cache's tally took it over)
    tally = cache._tally
    assert tally is not None
    _check_tally(tally, snap)
    _check_links(snap)
    kept: Any = cache._graph
    by_row = StatusCache()
    by_row._snap, by_row._graph = snap, _Graph()
    for row in snap.inputs.dependencies:
        by_row._put_dependency(row)
    assert graph_tables(kept) == graph_tables(by_row._graph)


def test_the_roll_up_links_read_by_one_scan_equal_the_two_queries(
    db_path: Path, tmp_path: Path
) -> None:
    """Lower-level tasks (some archived, some of an archived parent), tasks rolling up
    (archived too), in the tasks' order."""
    with store_copy(db_path, tmp_path) as store:
        db = store.db
        tasks = [row[0] for row in db.execute("SELECT id FROM task ORDER BY rowid")]
        with db.conn:
            for n, task_id in enumerate(tasks[1:60]):
                parent = tasks[n // 3]
                db.execute("UPDATE task SET parent_task_id = ? WHERE id = ?", [parent, task_id])
            for task_id in tasks[5:60:4]:
                db.execute("UPDATE task SET rollup = 1 WHERE id = ?", [task_id])
            for task_id in tasks[3:60:5]:
                db.execute("UPDATE task SET archived = '2026-01-01' WHERE id = ?", [task_id])
        children, rolled = rollup_links(db)
        expected = reference_rollup_links(db)
        assert (children, rolled) == expected and children and rolled
        assert list(children) == list(expected[0]) and list(rolled) == list(expected[1])
