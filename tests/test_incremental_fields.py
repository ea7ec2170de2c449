"""The incremental overview's shortcuts read what the states say: ``status_merge.
field_of`` through an incremental snapshot's layers (over a full pass's lazily built
states) answers as the state itself, for every task, item and milestone, without
building the states of the base it can peek; and the overview job runs with the
collector paused, leaving it as it found it; the layers' bookkeeping and the
dashboard lists' replacement answer as the plain dict and the one-by-one edits they
stand for. Real SQLite files (the demo plan)."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as hs

from desktop.models import coordination as co
from desktop.models import coordination_views as cv
from desktop.models import dashboard_delta, dependencies
from desktop.models import status as st
from desktop.models.status_cache import StatusCache
from desktop.models.status_merge import Layered, field_of
from desktop.models.status_tables import LazyStates
from desktop.models.store import Store
from tests.helpers.coordination import load_demo
from tests.helpers.dashboard_replace_reference import replace_reference


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


class ColumnLike(Mapping):
    """A read-only mapping with a membership test in Python, as a full pass's columns."""

    def __init__(self, values: dict[int, str]) -> None:
        self._values = values

    def __getitem__(self, key: object) -> str:
        return self._values[key]  # type: ignore[index]

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def __iter__(self) -> Iterator[int]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


@settings(max_examples=80, deadline=None)
@given(
    hs.lists(hs.tuples(hs.sets(hs.integers(0, 40)), hs.sets(hs.integers(0, 50))), max_size=10),
    hs.booleans(),
    hs.booleans(),
)
def test_layers_answer_as_a_dict_changed_in_place(passes, columns: bool, flatten: bool) -> None:  # noqa: ANN001
    """``Layered.over`` (the keys before not asked again) holds what a dict changed in
    place holds: the same keys, values and length after every pass."""
    start = {n: f"v{n}" for n in range(30)}
    merged: Any = ColumnLike(dict(start)) if columns else dict(start)
    model = dict(start)
    keep = Layered.MIN_CHANGES
    Layered.MIN_CHANGES = keep if flatten else 10**6
    try:
        for number, (gone, new) in enumerate(passes):
            values = {n: f"p{number}-{n}" for n in new}
            merged = Layered.over(merged, gone, values)
            for key in gone - new:
                model.pop(key, None)
            model.update(values)
            assert len(merged) == len(model)
            assert dict(merged.items()) == model
            assert all((key in merged) == (key in model) for key in range(-1, 52))
    finally:
        Layered.MIN_CHANGES = keep


@dataclass(frozen=True)
class Mark:
    id: str
    due: str


@settings(max_examples=150, deadline=None)
@given(
    hs.sets(hs.integers(0, 60), max_size=40),
    hs.lists(hs.integers(0, 70), max_size=12),
    hs.lists(hs.integers(0, 70), max_size=12),
    hs.booleans(),
)
def test_the_dashboard_lists_replaced_at_once_as_one_by_one(
    listed: set[int], gone: list[int], came: list[int], tasks: bool
) -> None:
    """``dashboard_delta._replace`` (the list rebuilt once from slices, or edited in
    place when the edits are few) gives the list and the edits the one-by-one ``del`` /
    ``insert`` gave, and refuses what it refused."""
    if tasks:  # the at-risk list: (task id, risks) by the tasks' rowids
        rowids = {f"t{n}": n for n in range(80)}
        entries = [(f"t{n}", ("r",)) for n in sorted(listed)]
        removed: list[Any] = [f"t{n}" for n in gone]
        added: list[Any] = [(f"t{n}", ("r", n)) for n in came]

        def key(entry: Any) -> Any:
            return rowids[entry[0]]

    else:  # the milestone lists: by (due, id); one id may come back with another due
        entries = sorted((Mark(f"m{n}", f"d{n % 7}") for n in listed), key=lambda m: (m.due, m.id))
        removed = [Mark(f"m{n}", f"d{n % 7}") for n in gone]
        added = [Mark(f"m{n}", f"d{n % 5}") for n in came]

        def key(entry: Any) -> Any:
            return (entry.due, entry.id)

    mine, reference = list(entries), list(entries)
    sliced = dashboard_delta.SLICED
    dashboard_delta.SLICED = len(listed) % 3 - 1  # in place, or from slices
    try:
        script = dashboard_delta._replace(mine, key, removed, added, tasks)
    finally:
        dashboard_delta.SLICED = sliced
    expected = replace_reference(reference, key, removed, added, tasks)
    assert script == expected
    if expected is not None:
        assert mine == reference
        replayed = list(entries)  # the edits, applied in order, give the list
        for edit in script or []:
            if edit[0] == "remove":
                del replayed[edit[1]]
            else:
                replayed.insert(edit[1], edit[2])
        assert replayed == mine


def test_a_status_pass_freezes_what_it_made_and_thaws_nothing(tmp_path: Path) -> None:
    """What the pass keeps leaves the collector's sight; what was frozen before (the
    window's start-up objects) stays frozen, and nothing young is left to a collection."""
    store = Store.open(tmp_path / "db.sqlite")
    try:
        load_demo(store)
        gc.collect()
        gc.freeze()  # as the window's start
        frozen = gc.get_freeze_count()
        cache = StatusCache()
        result = cv.overview(store.db, missing=False, cache=cache)
        # the pass's objects (its snapshot's states among them) joined them
        assert gc.get_freeze_count() > frozen + len(result["snapshot"].tasks)
        assert gc.get_objects(generation=2) == []  # nothing thawed into the oldest
    finally:
        store.close()
        gc.unfreeze()
