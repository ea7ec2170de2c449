"""The timeline's arrow index kept across edits (``ArrowIndex.updated``): after any
sequence of dependencies added, removed, re-routed (a new row at an end) or re-dated,
the index answers exactly as one built afresh over the new arrows, for every window of
rows; the overview's background job keeps it through an incremental status pass (its
arrows, the moved ones put last without a walk over every dependency, equal to a full
pass's) and builds it afresh after a full one (a plan op, a sync pull). Real SQLite files."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as hs

from desktop.models import arrow_index, dependencies
from desktop.models import coordination as co
from desktop.models import coordination_views as cv
from desktop.models.arrow_index import Arrow, ArrowIndex
from desktop.models.status_cache import StatusCache
from desktop.models.store import Store
from desktop.models.timeline_arrows import Arrows
from tests.helpers.coordination import load_demo

ROWS = 40


def answers(index: ArrowIndex, arrows: list[Arrow]) -> None:
    """``index`` answers as one built afresh over ``arrows`` for every window of rows."""
    fresh = ArrowIndex(arrows)
    for first in range(-1, ROWS + 1):
        for last in range(first, min(first + 12, ROWS + 2)):
            assert index.touching(first, last) == fresh.touching(first, last), (first, last)


arrow = hs.tuples(
    hs.integers(0, ROWS - 1),
    hs.integers(0, 9),
    hs.integers(0, ROWS - 1),
    hs.integers(0, 9),
    hs.booleans(),
)
edit = hs.tuples(
    hs.sampled_from(["add", "remove", "reroute", "redate", "move"]), hs.integers(0, 10**6), arrow
)


@settings(max_examples=150, deadline=None)
@given(
    hs.lists(arrow, max_size=40), hs.lists(hs.lists(edit, max_size=6), max_size=6), hs.booleans()
)
def test_an_updated_index_answers_as_a_new_one(
    start: list[Arrow], passes: list[list[tuple[str, int, Arrow]]], small: bool
) -> None:
    limit = arrow_index.MAX_EXTRA
    arrow_index.MAX_EXTRA = 3 if small else limit  # a few arrows beside the tree: built again
    try:
        arrows = {f"d{n}": a for n, a in enumerate(start)}
        index = ArrowIndex(list(arrows.values()))
        made = len(arrows)
        for number, edits in enumerate(passes):
            after = dict(arrows)
            last: set[str] = set()  # added or moved last: what ``moves`` tells
            rerouted = False
            for kind, pick, new in edits:
                ids = list(after)
                if kind == "add" or not ids:
                    after[f"d{made}"] = new
                    last.add(f"d{made}")
                    made += 1
                    continue
                dep = ids[pick % len(ids)]
                if kind == "remove":
                    del after[dep]
                elif kind == "reroute":  # another row at an end: the same place
                    rerouted = rerouted or new[0] != after[dep][0] or new[2] != after[dep][2]
                    after[dep] = new
                elif kind == "redate":  # other days and colour, the same rows (a new tuple)
                    old = after[dep]
                    after[dep] = (old[0], new[1], old[2], new[3], new[4])
                else:  # re-routed as the status cache does: last in the order
                    del after[dep]
                    after[dep] = new
                    last.add(dep)
            gone = [dep for dep in arrows if dep not in after or dep in last]
            appended = [dep for dep in after if dep in last]
            assert list(after) == [dep for dep in arrows if dep not in gone] + appended
            # every other pass with what ``timeline_after`` tells (unless a row changed)
            moves = (gone, appended) if number % 2 and not rerouted else None
            updated = index.updated(Arrows.of(arrows), Arrows.of(after), moves)
            index = updated if updated is not None else ArrowIndex(list(after.values()))
            assert index.size == len(after)
            answers(index, list(after.values()))
            arrows = after
    finally:
        arrow_index.MAX_EXTRA = limit


def test_an_unchanged_index_is_kept_as_it_is() -> None:
    arrows = {f"d{n}": (n, 0, (n * 7) % ROWS, 1, False) for n in range(ROWS)}
    index = ArrowIndex(list(arrows.values()))
    redated = {dep: (a[0], 5, a[2], 6, True) for dep, a in arrows.items()}
    assert index.updated(Arrows.of(arrows), Arrows.of(arrows)) is index
    # the same rows: the same index
    assert index.updated(Arrows.of(arrows), Arrows.of(redated)) is index


def timeline_index_answers(data: cv.TimelineData) -> None:
    assert data.index is not None
    fresh = ArrowIndex(data.arrows)
    rows = len(data.tasks)
    for first in range(-1, rows + 1):
        for last in range(first, rows + 1):
            assert data.index.touching(first, last) == fresh.touching(first, last)


def test_the_overview_keeps_its_index_through_dependency_edits(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    store = Store.open(path)
    try:
        load_demo(store)
        today = date.today()
        tasks = [r[0] for r in store.db.execute("SELECT id FROM task ORDER BY rowid LIMIT 8")]
        for n, task_id in enumerate(tasks):
            co.add_milestone(
                store, task_id, "节点", date.fromordinal(today.toordinal() + 9 * n).isoformat()
            )
        deps = [
            dependencies.add_dependency(store, ("task", tasks[a]), ("task", tasks[b]))
            for a, b in ((0, 1), (2, 3), (4, 5))  # (small components: incremental passes)
        ]
        cache = StatusCache()
        first = cv.overview(store.db, today, missing=False, cache=cache)["timeline"]
        assert len(first.arrows) == len(deps)
        steps = [
            lambda: dependencies.add_dependency(store, ("task", tasks[0]), ("task", tasks[7])),
            lambda: dependencies.remove_dependency(store, deps[2]),
            lambda: dependencies.add_dependency(store, ("task", tasks[5]), ("task", tasks[6]), 5),
            lambda: dependencies.remove_dependency(store, deps[0]),
        ]
        previous = first
        for step in steps:
            step()
            data = cv.overview(store.db, today, missing=False, cache=cache)["timeline"]
            assert cache.last_pass == "incremental"
            assert data.index is not None and previous.index is not None
            assert data.index._root is first.index._root  # the same tree, updated
            timeline_index_answers(data)
            # the arrows in a full pass's order: the moved ones after the others
            fresh = cv.overview(store.db, today, missing=False)["timeline"]
            assert asdict(data) == asdict(fresh)
            previous = data
        # a plan op: a full pass, the timeline and its index built afresh
        plan = store.db.execute("SELECT id FROM plan LIMIT 1").fetchone()[0]
        with store.action("plan_edit") as tx:
            tx.update("plan", plan, {"title": "改名的计划"})
        data = cv.overview(store.db, today, missing=False, cache=cache)["timeline"]
        assert cache.last_pass == "full"
        assert data.index is not None and data.index._root is not first.index._root
        timeline_index_answers(data)
    finally:
        store.close()
