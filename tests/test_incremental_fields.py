"""The incremental overview's shortcuts read what the states say: ``status_merge.
field_of`` through an incremental snapshot's layers (over a full pass's lazily built
states) answers as the state itself, for every task, item and milestone, without
building the states of the base it can peek; and the overview job runs with the
collector paused, leaving it as it found it. Real SQLite files (the demo plan)."""

from __future__ import annotations

import gc
from dataclasses import fields
from datetime import date, timedelta
from pathlib import Path

from desktop.models import coordination as co
from desktop.models import coordination_views as cv
from desktop.models import dependencies
from desktop.models import status as st
from desktop.models.status_cache import StatusCache
from desktop.models.status_merge import Layered, field_of
from desktop.models.status_tables import LazyStates
from desktop.models.store import Store
from tests.helpers.coordination import load_demo


def test_field_of_answers_as_the_states_through_the_layers(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "db.sqlite")
    try:
        load_demo(store)
        today = date.today()
        tasks = [r[0] for r in store.db.execute("SELECT id FROM task ORDER BY rowid LIMIT 6")]
        for n, task_id in enumerate(tasks):
            co.add_milestone(
                store, task_id, "节点", (today + timedelta(days=9 * n - 20)).isoformat()
            )
        cache = StatusCache()
        full = cache.snapshot(store.db, today)
        assert isinstance(full.tasks, LazyStates)
        dependencies.add_dependency(store, ("task", tasks[0]), ("task", tasks[1]))
        ms = store.db.execute("SELECT id FROM milestone WHERE task_id = ?", [tasks[2]]).fetchone()[
            0
        ]
        co.mark_milestone_done(store, ms, today.isoformat(), confirm_before_plan_date=True)
        snap = cache.snapshot(store.db, today)
        assert cache.last_pass == "incremental"
        # a state of the full pass's base not built to read its status
        base = full.tasks
        untouched = next(t for t in base if t not in cache.last_component and t not in base._made)  # type: ignore[attr-defined]
        status = field_of(snap.tasks, untouched, "status")
        assert untouched not in base._made  # type: ignore[attr-defined]
        assert status == snap.tasks[untouched].status
        for states, kind in (
            (snap.tasks, st.NodeState), (snap.items, st.NodeState),
            (snap.milestones, st.MilestoneState),
        ):  # fmt: skip
            assert isinstance(states, Layered)
            names = [f.name for f in fields(kind)]
            for key in list(states):
                for name in names:
                    assert field_of(states, key, name) == getattr(states[key], name), (key, name)
            assert field_of(states, "不存在", "status", "无") == "无"
    finally:
        store.close()


def test_the_overview_pass_pauses_the_collector_and_restores_it(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "db.sqlite")
    try:
        load_demo(store)
        cache = StatusCache()
        cv.overview(store.db, missing=False, cache=cache)
        task_id = store.db.execute("SELECT id FROM task LIMIT 1").fetchone()[0]
        co.add_milestone(store, task_id, "节点", date.today().isoformat())
        seen: list[bool] = []
        snapshot = cache.snapshot

        def watched(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            seen.append(gc.isenabled())
            return snapshot(*args, **kwargs)

        cache.snapshot = watched  # type: ignore[method-assign]
        assert gc.isenabled()
        cv.overview(store.db, missing=False, cache=cache)
        assert seen == [False] and gc.isenabled()
    finally:
        store.close()
