"""The status cache's full pass builds its blocking tally and its dependency links in
bulk from what the pass kept (``PassTables.blocked_tasks``, ``milestone_units``,
``node_tasks``; ``StatusCache._put_dependencies``): the same tables as root by root and
row by row through the states (``tests/helpers/status_cache_reference.py``), on drawn
inputs (the pass's dicts and its columns: unknown ends, items, task-level milestones,
tasks with many dependencies) and on a generated database."""

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
from desktop.models.status_queries import _compact
from desktop.models.status_ranking import blocked_tasks
from desktop.models.status_tables import state_of, value_of
from tests.helpers.generated import store_copy
from tests.helpers.status_cache_reference import (
    graph_tables,
    reference_rollup_links,
    reference_tally,
    tally_tables,
)
from tests.helpers.status_inputs_drawn import UNITS, draw_tasks_and_items
from tests.helpers.status_pass_data import generate_status_db

TODAY = date(2026, 11, 29)
DAYS = [None, "", *((TODAY + timedelta(days=d)).isoformat() for d in (-30, -1, 0, 14, 90))]


@hs.composite
def drawn_inputs(draw: hs.DrawFn) -> st.StatusInputs:
    """Tasks, items, milestones (some of a task the pass does not know, some task-level)
    and dependencies between any of them and ids it does not know, many on one task."""
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
    for n in range(draw(hs.integers(0, 30))):
        pred, succ = draw(hs.sampled_from(nodes)), draw(hs.sampled_from(nodes))
        if pred != succ:
            inputs.dependencies.append((f"d{n}", *pred, *succ, draw(hs.sampled_from([0, 5]))))
    inputs.closed_tasks = set(draw(hs.lists(hs.sampled_from(tasks), max_size=1)))
    return inputs


def _snapshot(inputs: st.StatusInputs, compact: bool) -> st.StatusSnapshot:
    if compact:
        _compact(inputs)
    snap = st.compute(inputs, TODAY)
    if compact:
        keep_compact(snap)
    return snap


def _check(snap: st.StatusSnapshot) -> None:
    tables = pass_tables(snap.milestones)
    assert tables is not None
    # the tally: its tables and their order, as root by root
    expected = reference_tally(snap)
    found = tally_tables(Tally(snap))
    assert found == expected
    for name in ("of_root", "per_unit", "roots"):
        assert list(found[name]) == list(expected[name]), name
    for unit, counts in expected["per_unit"].items():
        assert list(found["per_unit"][unit].items()) == list(counts.items())
    for root_id, (_unit, blocked) in expected["of_root"].items():
        assert found["of_root"][root_id][1] == blocked  # (the same set's order)
    # roots holding up nodes the pass does not know (left out) and nodes of every kind
    extra = [("milestone", "gone"), ("item", "gone"), ("section", "t0")]
    drawn = {m: {*nodes, *extra[: n % 4]} for n, (m, nodes) in enumerate(snap.roots.items())}
    drawn.update((m, {("task", "t0"), *extra[: n % 4]}) for n, m in enumerate(snap.milestones))
    assert tables.blocked_tasks(drawn) == [
        (m, found)
        for m, nodes in drawn.items()
        if (found := blocked_tasks(m, nodes, snap.milestones, snap.items))
    ]
    # each milestone's unit, without its state and in bulk
    ids = list(snap.milestones)
    units = [state_of(snap.milestones, m).unit_id for m in ids]
    assert tables.milestone_units(ids) == units
    assert [value_of(snap.milestones, m, "unit_id") for m in ids] == units
    # the dependency links, all at once and one row at a time
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


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=drawn_inputs(), compact=hs.booleans())
def test_the_bulk_tally_and_links_equal_the_row_by_row_ones(
    inputs: st.StatusInputs, compact: bool
) -> None:
    snap = _snapshot(inputs, compact)
    tables = pass_tables(snap.milestones)
    assert tables is not None
    columns = compact and bool(inputs.milestones) and bool(inputs.items)  # (``compact``)
    assert isinstance(tables.rows, MilestoneRows) == columns
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


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_status_db(tmp_path_factory.mktemp("bulk") / "db.sqlite")


@pytest.mark.parametrize("days_on", [0, 150])
def test_the_cache_s_full_pass_tally_and_links_equal_the_row_by_row_ones(
    db_path: Path, days_on: int
) -> None:
    with store_copy(db_path) as store:
        cache = StatusCache()
        snap = cache.snapshot(store.db, date.fromordinal(date.today().toordinal() + days_on))
    tables = pass_tables(snap.milestones)
    assert tables is not None and isinstance(tables.rows, MilestoneRows)
    assert snap.roots and snap.inputs.dependencies
    _check(snap)
    kept: Any = cache._graph
    by_row = StatusCache()
    by_row._snap, by_row._graph = snap, _Graph()
    for row in snap.inputs.dependencies:
        by_row._put_dependency(row)
    assert graph_tables(kept) == graph_tables(by_row._graph)
    assert tally_tables(cache._tally) == reference_tally(snap)


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
