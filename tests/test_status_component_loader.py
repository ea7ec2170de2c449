"""The incremental (component) loader of ``status_queries.load_status_inputs`` reads the
same rows as the loader as it was (``tests/helpers/status_inputs_reference``) for any set
of tasks: the dependencies by each kind's own ids (task, item and milestone ends), the
plan dates of the tasks' own plans only (issue 14: the slowest edit at 100k)."""

from __future__ import annotations

import contextlib
from dataclasses import fields

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as hs

from desktop.errors import UserError
from desktop.models import dependencies, status_queries
from desktop.models import status as st
from desktop.models.status_cache import StatusCache
from desktop.models.store import Store
from tests.helpers.coordination import populated_demo
from tests.helpers.status_inputs_reference import reference_load_inputs


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    """The populated demo, with dependencies between every kind of end."""
    store = populated_demo(tmp_path_factory.mktemp("loader") / "demo.db")
    db = store.db
    items = [r[0] for r in db.execute("SELECT id FROM item ORDER BY rowid LIMIT 40")]
    milestones = [r[0] for r in db.execute("SELECT id FROM milestone ORDER BY rowid LIMIT 40")]
    tasks = [r[0] for r in db.execute("SELECT id FROM task ORDER BY rowid DESC LIMIT 40")]
    i, m, t = len(items), len(milestones), len(tasks)
    for n in range(0, 40, 4):
        for pred, succ in (
            (("item", items[n % i]), ("milestone", milestones[(n + 1) % m])),
            (("milestone", milestones[(n + 2) % m]), ("item", items[(n + 3) % i])),
            (("task", tasks[n % t]), ("item", items[(n + 1) % i])),
        ):
            with contextlib.suppress(UserError):  # a cycle, or within one task
                dependencies.add_dependency(store, pred, succ)
    kinds = {r[0] for r in db.execute("SELECT pred_kind FROM dependency")}
    assert kinds == {"task", "item", "milestone"}
    yield store
    store.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(data=hs.data())
def test_a_component_reads_what_the_old_loader_read(store: Store, data) -> None:
    db = store.db
    every = [r[0] for r in db.execute("SELECT id FROM task ORDER BY rowid")]
    tasks = data.draw(hs.sets(hs.sampled_from(every), min_size=1, max_size=30))
    new = status_queries.load_status_inputs(db, tasks, compact=True)
    old = reference_load_inputs(db, tasks)
    hs_event = "with dependencies" if old.dependencies else "without"
    event(hs_event)
    for f in fields(st.StatusInputs):
        assert getattr(new, f.name) == getattr(old, f.name), f.name
    # the status cache's way: the dependencies linked to the tasks read by id (or any
    # superset of them: every dependency), kept when an end is among the tasks' nodes
    cache = StatusCache()
    cache.snapshot(db)
    graph = cache._graph
    linked = {d for t in tasks for d in graph.dependencies_of(t)}
    every_dependency = [r[0] for r in db.execute("SELECT id FROM dependency")]
    for ids in (linked, every_dependency):
        by_id = status_queries.load_status_inputs(
            db, tasks, compact=True, dependency_ids=ids, unit_names=cache._snap.inputs.unit_names
        )
        assert by_id.dependencies == old.dependencies
        assert by_id.unit_names == old.unit_names
        assert by_id.milestones == old.milestones and by_id.item_unit == old.item_unit
