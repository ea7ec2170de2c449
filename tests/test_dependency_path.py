"""The cycle check's path search reads only what it reaches and finds what the whole graph did.

``dependencies._find_path`` (used by ``add_dependency`` to refuse a cycle and name it) searches
the event graph a layer at a time; ``tests/helpers/dependency_path_reference.py`` is the former
search over the whole graph. On random dependency graphs over the demo plan's tasks, items and
milestones (those of tasks and those of items) both give the same path, or none."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator

import pytest

from desktop.errors import UserError
from desktop.models import coordination as co
from desktop.models import dependencies
from desktop.models.store import Store
from tests.helpers.coordination import load_demo, task
from tests.helpers.dependency_path_reference import reference_find_path

NodeKeys = list[tuple[str, str]]


@pytest.fixture(scope="module")
def graph_store(tmp_path_factory) -> Iterator[tuple[Store, NodeKeys]]:
    """The demo plan with milestones on tasks and on items; every node as a key."""
    folder = tmp_path_factory.mktemp("dependency_path")
    template = folder / "template.db"
    store = load_demo(Store.open(template))
    items = store.db.execute("SELECT id, task_id FROM item ORDER BY rowid").fetchall()
    for n, (item_id, task_id) in enumerate(items[:12]):
        co.add_milestone(store, task_id, f"事项节点{n}", "2025-06-30", item_id=item_id)
    for n in (1, 2, 3, 5, 8):
        co.add_milestone(store, task(store, n), f"任务节点{n}", "2025-06-30")
    store.close()
    path = folder / "graph.db"
    shutil.copy(template, path)
    store = Store.open(path)
    # a small pool (the first tasks, with their items and milestones): many equal paths,
    # so the order the search meets events in decides which one is named
    tasks = [rid for (rid,) in store.db.execute("SELECT id FROM task ORDER BY rowid LIMIT 8")]
    among = f"({', '.join('?' * len(tasks))})"
    keys: NodeKeys = [("task", rid) for rid in tasks]
    for kind in ("item", "milestone"):
        sql = f"SELECT id FROM {kind} WHERE task_id IN {among} ORDER BY rowid"
        keys += [(kind, rid) for (rid,) in store.db.execute(sql, tasks)]
    yield store, keys
    store.close()


def _replace_dependencies(store: Store, edges: list[tuple[tuple, tuple]]) -> None:
    """The test's graph written as it is (cycles included: the search must stop on them)."""
    with store.db.conn:
        store.db.execute("DELETE FROM dependency")
        store.db.conn.executemany(
            "INSERT OR IGNORE INTO dependency (id, pred_kind, pred_id, succ_kind, succ_id)"
            " VALUES (?, ?, ?, ?, ?)",
            [(f"d{n}", *pred, *succ) for n, (pred, succ) in enumerate(edges)],
        )


def test_the_path_found_equals_the_whole_graph_search(graph_store) -> None:
    """1,200 searches over 120 random graphs (seeded: a tie between equal paths is rare, and
    the order of the events met decides it; this many searches meet several)."""
    store, keys = graph_store
    rng = random.Random(14)
    found = 0
    for _graph in range(120):
        edges = [(rng.choice(keys), rng.choice(keys)) for _ in range(rng.randint(0, 40))]
        _replace_dependencies(store, edges)
        for _ in range(10):
            start, goal = rng.choice(keys), rng.choice(keys)
            expected = reference_find_path(store, start, goal)
            assert dependencies._find_path(store, start, goal) == expected, (edges, start, goal)
            found += expected is not None
    assert 300 < found < 900  # both outcomes are exercised


def test_a_chain_through_items_and_milestones_is_named_as_before(graph_store) -> None:
    """A chain task → item milestone → task closes a cycle: the refusal names the same path."""
    store, _keys = graph_store
    _replace_dependencies(store, [])
    one, two, three = task(store, 1), task(store, 2), task(store, 3)
    milestone = store.db.execute(
        "SELECT id FROM milestone WHERE task_id = ? AND item_id IS NOT NULL", [two]
    ).fetchone()
    assert milestone is not None, "the fixture puts milestones on the first items"
    dependencies.add_dependency(store, ("task", one), ("milestone", milestone[0]))
    dependencies.add_dependency(store, ("task", two), ("task", three))
    # task three → task one would close it: the search runs from one's start to three's finish
    expected = reference_find_path(store, ("task", one), ("task", three))
    assert expected is not None and len(expected) >= 4
    assert dependencies._find_path(store, ("task", one), ("task", three)) == expected
    before = store.db.execute("SELECT count(*) FROM dependency").fetchone()[0]
    with pytest.raises(UserError, match="依赖形成循环"):
        dependencies.add_dependency(store, ("task", three), ("task", one))
    assert store.db.execute("SELECT count(*) FROM dependency").fetchone()[0] == before
