"""The overview's task titles kept as columns (``TaskTitles``): the mapping reads as the
dict of ``(no, title)`` tuples it replaces, in the same plan order, and it keeps less
than the dict (the titles packed)."""

from __future__ import annotations

import random
import tracemalloc
from collections.abc import Iterator

from desktop.models import coordination_views as cv
from desktop.models import status_queries
from desktop.models.task_titles import TaskTitles
from tests.helpers.gui_coordination_data import add_realistic, seed_demo


def reference_titles(db) -> dict[str, tuple[int, str]]:  # noqa: ANN001
    """``task_titles`` as it was: a dict in plan order."""
    return {
        r[0]: (r[1], r[2])
        for r in db.execute(
            "SELECT t.id, t.no, t.title FROM task t JOIN plan p ON p.id = t.plan_id"
            " ORDER BY p.imported_at, t.no"
        )
    }


def test_titles_read_as_the_dict(store, seed_path) -> None:  # noqa: ANN001
    seed_demo(store, seed_path)
    add_realistic(store)
    snap = status_queries.compute_status(store.db)
    titles = cv.task_titles(store.db, snap.tasks)
    expected = reference_titles(store.db)
    assert isinstance(titles, TaskTitles) and len(titles) == len(expected) > 5
    assert titles == expected and dict(titles) == expected
    assert list(titles) == list(expected) and list(titles.items()) == list(expected.items())
    assert list(titles.values()) == list(expected.values())
    for task_id in expected:
        assert titles[task_id] == expected[task_id] and task_id in titles
        assert titles.get(task_id) == expected[task_id]
    ids = {id(t) for t in snap.tasks}
    assert all(id(t) in ids for t in titles)  # the snapshot's id strings
    for missing in ("", "zzz", "0", expected and min(expected)[:-1], 3, None):
        assert missing not in titles and titles.get(missing) is None  # type: ignore[arg-type]
        assert titles.get(missing, (0, "-")) == (0, "-")  # type: ignore[arg-type]
    first = next(iter(expected))
    renamed = titles.with_titles({first: "新标题"})
    assert renamed == {**expected, first: (expected[first][0], "新标题")}
    assert titles == expected  # unchanged
    assert {**titles} == expected  # (as the tests' stale copies are made)


def test_titles_over_many_random_ids() -> None:
    rng = random.Random(14)
    rows = [(f"{rng.getrandbits(64):016x}", rng.randrange(1, 400), f"任务{n}") for n in range(3000)]
    titles = TaskTitles(rows)
    expected = {task_id: (no, title) for task_id, no, title in rows}
    assert titles == expected and list(titles) == [r[0] for r in rows]
    for task_id, no, title in rng.sample(rows, 500):
        assert titles[task_id] == (no, title)
        assert f"{task_id}0" not in titles and task_id[:-1] not in titles


def test_titles_found_through_the_snapshot_s_index() -> None:
    """Given the snapshot's task index, the titles find an id through it (an array of
    places, the archived tasks' ids outside it in a small dict): the same answers as
    by bisection, numbers of every size, and less kept than the sorted copy."""
    from desktop.models.status_columns import index_of
    from desktop.models.task_titles import IndexedPlaces, Positions

    rng = random.Random(35)
    ids = [f"{rng.getrandbits(64):016x}" for _ in range(3000)]
    nos = [rng.choice((1, 40, 300, -2, 70000)) for _ in ids]
    rows = [(task_id, no, f"任务{n}") for n, (task_id, no) in enumerate(zip(ids, nos, strict=True))]
    active = ids[::2] + ids[1:40:2]  # (the index in another order; most odd ids outside)
    index = index_of(active)
    titles, plain = TaskTitles(rows, index), TaskTitles(rows)
    assert isinstance(titles._at, IndexedPlaces) and isinstance(plain._at, Positions)
    expected = {task_id: (no, title) for task_id, no, title in rows}
    assert titles == expected == plain and list(titles) == ids
    for task_id in [*rng.sample(ids, 400), "x", "", ids[0][:-1]]:
        assert titles.get(task_id) == expected.get(task_id) and (task_id in titles) == (
            task_id in expected
        )
        assert titles._at.position(task_id) == plain._at.position(task_id)
    assert titles._at.position(3) == -1 and 3 not in titles  # type: ignore[operator]
    place = titles.places()
    assert [place(task_id) for task_id in reversed(ids)] == list(range(len(ids)))[::-1]
    again = TaskTitles.of_columns(ids, nos, (title for _, _, title in rows), index)
    assert again == expected and isinstance(again._at, IndexedPlaces)
    assert list(again.nos()) == nos  # (narrowed: each number whole)
    every = index_of(ids)  # (the archived tasks are few)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        through_index = IndexedPlaces(every, ids)
        middle = tracemalloc.get_traced_memory()[0]
        sorted_copy = Positions(ids)
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert through_index and sorted_copy
    assert (after - middle) > 1.5 * (middle - before)


def test_titles_keep_less_than_the_dict() -> None:
    ids = [f"{n:032x}" for n in range(20000)]

    def rows() -> Iterator[tuple[str, int, str]]:  # each title a fresh string, as fetched
        return (
            (task_id, 1000 + n, f"推进第{n}项重点工作任务落实") for n, task_id in enumerate(ids)
        )

    def kept(build) -> int:  # noqa: ANN001
        tracemalloc.start()
        try:
            made = build()
            size = tracemalloc.get_traced_memory()[0]
            assert len(made) == len(ids)
            return size
        finally:
            tracemalloc.stop()

    # the ids are held already (the snapshot's); the titles are kept by the mapping (a
    # string each in the dict, packed in ``TaskTitles``)
    as_dict = kept(lambda: {task_id: (no, title) for task_id, no, title in rows()})
    assert as_dict > 2.5 * kept(lambda: TaskTitles(rows()))


def test_positions_read_as_the_dict_of_places(store, seed_path) -> None:  # noqa: ANN001
    from desktop.models.task_titles import Positions

    rng = random.Random(7)
    ids = list({f"{rng.getrandbits(40):010x}" for _ in range(2000)})
    places = Positions(ids)
    expected = {task_id: n for n, task_id in enumerate(ids)}
    assert places == expected and list(places) == ids and len(places) == len(ids)
    for task_id in rng.sample(ids, 300):
        assert places[task_id] == expected[task_id] == places.get(task_id)
    assert "x" not in places and places.get("x") is None and places.get(3, -1) == -1  # type: ignore[arg-type]
    # the timeline's rows by task id, as the dict the eager build kept
    seed_demo(store, seed_path)
    add_realistic(store)
    data = cv.timeline_data(store.db, status_queries.compute_status(store.db))
    assert isinstance(data.row_of, Positions)
    assert dict(data.row_of) == {task.task_id: n for n, task in enumerate(data.tasks)}
