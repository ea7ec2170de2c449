"""The status cache's dependencies as columns (``desktop.models.dependency_table``)
answer as the dicts of tuples they replace did: drawn bulk puts, puts and removals
against a dict reference (a row put again goes last; a view made earlier never
changes), and a status cache on a real SQLite file through dependency edits (added,
removed, re-routed, a lag changed): its rows, their order and the kept
``inputs.dependencies`` as the rows read again from the database in the cache's order."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from desktop.models import coordination_queries as cq
from desktop.models import dependencies
from desktop.models.dependency_table import DependencyTable
from desktop.models.status_cache import StatusCache
from desktop.models.store import Store
from tests.helpers.coordination import demo_template

IDS = [f"d{n}" for n in range(8)]
KINDS = ["task", "item", "milestone"]
ROWS = hs.tuples(
    hs.sampled_from(IDS), hs.sampled_from(KINDS), hs.sampled_from(["t1", "i2", "m3"]),
    hs.sampled_from(KINDS), hs.sampled_from(["t4", "", "m5"]), hs.sampled_from([None, 0, 5, 400]),
)  # fmt: skip
ENDS = hs.tuples(hs.sampled_from([None, "t1", "t2"]), hs.sampled_from([None, "t4"]))


@settings(max_examples=300, deadline=None)
@given(
    first=hs.lists(hs.tuples(ROWS, ENDS), max_size=8, unique_by=lambda p: p[0][0]),
    ops=hs.lists(hs.one_of(hs.tuples(ROWS, ENDS), hs.sampled_from(IDS)), max_size=12),
)
def test_the_table_answers_as_the_dicts_of_tuples(first, ops) -> None:
    table = DependencyTable()
    table.extend([r for r, _e in first], [e for _r, e in first], range(3))
    rows = {r[0]: r for r, _e in first}  # the reference: the dicts the cache kept
    ends = {r[0]: e for r, e in first}
    view = table.view()
    assert view is not None and len(view) == len(first)
    frozen = [(view, list(rows.values()))]
    for op in ops:
        if isinstance(op, str):  # removed
            assert table.pop(op) == ends.pop(op, None)
            rows.pop(op, None)
        else:  # put (after its removal, as the cache does)
            row, pair = op
            rows.pop(row[0], None), ends.pop(row[0], None)
            table.put(row, pair)
            rows[row[0]], ends[row[0]] = row, pair
        assert list(table.items()) == list(rows.items())
        assert table.rows() == list(rows.values())
        assert [table.ends(d) for d in IDS] == [ends.get(d, ()) for d in IDS]
        assert [d in table for d in IDS] == [d in rows for d in IDS] and len(table) == len(rows)
        if (now := table.view()) is not None:
            frozen.append((now, list(rows.values())))
    for seen, expected in frozen:  # every view as when made, read every way
        assert list(seen) == expected and len(seen) == len(expected)
        assert [seen[n] for n in range(-len(expected), len(expected))] == expected * 2
        assert seen[1:] == expected[1:] and seen[::-1] == expected[::-1]
        assert bool(seen) == bool(expected)
        with pytest.raises(IndexError):
            seen[len(expected)]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    def seed(store: Store) -> None:
        tasks = [cq.resolve_task(store.db, no) for no in (1, 2, 4, 5, 9)]
        for pred, succ in zip(tasks, tasks[1:], strict=False):
            dependencies.add_dependency(store, ("task", pred), ("task", succ))

    return demo_template(tmp_path_factory.mktemp("template"), seed)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=hs.data())
def test_the_cache_keeps_the_rows_through_dependency_edits(template: Path, tmp_path_factory, data):
    path = tmp_path_factory.mktemp("db") / "db.sqlite"
    shutil.copy(template, path)
    store = Store.open(path)
    query = "SELECT id, pred_kind, pred_id, succ_kind, succ_id, lag_days FROM dependency"
    try:
        tasks = [cq.resolve_task(store.db, no) for no in (1, 2, 4, 5, 9, 14)]
        cache = StatusCache()
        snap = cache.snapshot(store.db, date(2026, 11, 29))
        order = [r[0] for r in snap.inputs.dependencies]  # the cache's order
        frozen = [(snap.inputs.dependencies, list(snap.inputs.dependencies))]
        for _step in range(data.draw(hs.integers(1, 6))):
            before = {r[0]: tuple(r) for r in store.db.execute(query)}
            ids = sorted(before)
            kind = data.draw(hs.sampled_from(["add", "remove", "reroute", "lag"]))
            if kind == "add" or not ids:
                pred, succ = data.draw(hs.permutations(tasks))[:2]
                try:
                    dep = dependencies.add_dependency(store, ("task", pred), ("task", succ), 3)
                except Exception:  # (a cycle refused)
                    continue
            else:
                dep = data.draw(hs.sampled_from(ids))
                if kind == "remove":
                    dependencies.remove_dependency(store, dep)
                else:
                    fields = (
                        {"succ_id": data.draw(hs.sampled_from(tasks))}
                        if kind == "reroute"
                        else {"lag_days": data.draw(hs.sampled_from([0, 7, 12]))}
                    )
                    with store.action("sync_stand_in") as tx:
                        tx.update("dependency", dep, fields)
            by_id = {r[0]: tuple(r) for r in store.db.execute(query)}
            if by_id.get(dep) != before.get(dep):  # (an op puts it last; no op, no move)
                order = [d for d in order if d != dep] + [dep]
            snap = cache.snapshot(store.db, date(2026, 11, 29))
            expected = [by_id[d] for d in order if d in by_id]
            assert list(snap.inputs.dependencies) == expected, kind
            graph = cache._graph
            assert list(graph.dependencies.values()) == expected
            assert sorted(cache.dependency_rows(tasks)) == sorted(expected)
            for row in expected:
                assert graph.dependencies.ends(row[0]) == (row[2], row[4])  # (task ends)
                assert row[0] in graph.dependencies_of(row[2])
            frozen.append((snap.inputs.dependencies, expected))
        for kept, rows in frozen:  # a snapshot handed out is never changed by a later op
            assert list(kept) == rows
    finally:
        store.close()
