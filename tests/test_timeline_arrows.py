"""The timeline at scale: the arrows' index answers as a filter over every arrow, a
paint draws only the arrows touching the rows in view (real widget, real pixels), and
the rows are built without the states of tasks that have no milestones."""

from __future__ import annotations

import random
import tracemalloc
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as strat

from desktop.models import coordination_views as cv
from desktop.models import status_queries
from desktop.models.coordination_views import (
    ArrowIndex,
    TimelineData,
    TimelineMilestone,
    TimelineTask,
)
from desktop.views.coordination.timeline import TimelineView
from tests.helpers.gui_coordination_data import add_realistic, seed_demo
from tests.helpers.timeline_reference import drawn_arrows, timeline_data_reference

Arrow = tuple[int, int, int, int, bool]


def touching_by_filter(arrows: list[Arrow], first: int, last: int) -> list[int]:
    """The old painting's filter: every arrow with an end in the rows or passing over."""
    return [
        i
        for i, (pred, _pd, succ, _sd, _risky) in enumerate(arrows)
        if not (max(pred, succ) < first or min(pred, succ) > last)
    ]


@settings(max_examples=150, deadline=None)
@given(
    drawn_arrows(60, 9, 80),
    strat.integers(-3, 64),
    strat.integers(0, 30),
)
def test_index_answers_as_the_filter_over_every_arrow(
    arrows: list[Arrow], first: int, count: int
) -> None:
    index = ArrowIndex(arrows)
    assert index.touching(first, first + count) == touching_by_filter(arrows, first, first + count)


def test_index_over_many_long_arrows() -> None:
    rng = random.Random(14)
    rows = 5000
    arrows = [
        (rng.randrange(rows), rng.randrange(50), rng.randrange(rows), rng.randrange(50),
         rng.random() < 0.2)
        for _ in range(3000)
    ]  # fmt: skip
    index = ArrowIndex(arrows)
    for _ in range(200):
        first = rng.randrange(-5, rows)
        last = first + rng.randrange(40)
        assert index.touching(first, last) == touching_by_filter(arrows, first, last)


def test_the_index_keeps_numbers_not_int_objects() -> None:
    """The index (kept by the window: ~30,000 arrows at 100k tasks) holds its rows and
    arrow numbers in arrays: ~4 bytes each, not a list slot and an int object."""
    rng = random.Random(16)
    arrows = [
        (rng.randrange(2000, 90_000), 0, rng.randrange(2000, 90_000), 0, False)
        for _ in range(20_000)
    ]
    tracemalloc.start()
    try:
        index = ArrowIndex(arrows)
        kept = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert index.size == len(arrows)
    # (lists of int objects: ~100 bytes an arrow)
    assert kept < 40 * len(arrows)


def timeline(rows: int, arrows: list[Arrow]) -> TimelineData:
    today = date.today().toordinal()
    tasks = [
        TimelineTask(
            f"t{row}",
            f"{row + 1} 任务{row + 1}",
            "on_track",
            today - 30 + row % 20,
            today + row % 40,
            [TimelineMilestone(f"m{row}", "里程碑", "on_track", today, None)],
        )  # fmt: skip
        for row in range(rows)
    ]
    data = TimelineData(tasks=tasks, arrows=arrows, today=today)
    data.first_day, data.last_day = today - 60, today + 60
    return data


def painted(qtbot, data: TimelineData, top_row: int) -> tuple[TimelineView, bytes]:  # noqa: ANN001
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.set_data(data)
    view.show()
    view.verticalScrollBar().setValue(top_row * view.row_height)
    image = view.viewport().grab().toImage()
    return view, bytes(image.constBits())


def test_paint_draws_only_the_arrows_touching_the_rows_in_view(qtbot) -> None:
    rng = random.Random(3)
    rows, top = 400, 200
    today = date.today().toordinal()
    near = [
        (rng.randrange(top - 3, top + 10), today + rng.randrange(-40, 40),
         rng.randrange(rows), today + rng.randrange(-40, 40), rng.random() < 0.3)
        for _ in range(30)
    ]  # fmt: skip
    far = [(rng.randrange(0, 150), today, rng.randrange(0, 150), today + 5, True)] * 5
    far += [(rng.randrange(300, rows), today, rng.randrange(300, rows), today - 5, False)] * 5
    view, with_far = painted(qtbot, timeline(rows, near + far), top)
    shown = view.visible_rows()
    assert shown.start == top
    ends, passing = view.arrows_in_view(shown)
    arrows = view.data.arrows
    # every arrow the old filter drew is drawn: whole near its ends, once per place else
    expected = touching_by_filter(arrows, shown.start, shown.stop - 1)
    assert not set(ends) & set(passing) and set(ends) | set(passing) <= set(expected)
    places = {(arrows[i][3], arrows[i][4]) for i in expected if i not in ends}
    assert {(arrows[i][3], arrows[i][4]) for i in passing} == places
    assert all(
        shown.start - 1 <= arrows[i][0] <= shown.stop
        or shown.start - 1 <= arrows[i][2] <= shown.stop
        for i in ends
    )
    assert view.painted_arrows == len(ends) + len(passing) < len(arrows)
    # the arrows far from the rows in view change no pixel; one near them does
    _view, without_far = painted(qtbot, timeline(rows, near), top)
    assert with_far == without_far
    _view, fewer = painted(qtbot, timeline(rows, near[1:]), top)
    assert fewer != without_far


def test_same_arrows_keep_their_index(qtbot) -> None:
    data = timeline(50, [(1, 0, 40, 0, False)])
    view, _image = painted(qtbot, data, 0)
    index = view._arrow_index
    assert index is not None
    view.set_data(timeline(50, [(1, 0, 40, 0, False)]))  # as after an edit: equal arrows
    assert view._arrow_index is index
    view.set_data(timeline(50, [(1, 3, 40, 7, True)]))  # other days and colour
    assert view._arrow_index is index
    view.set_data(timeline(50, [(2, 0, 40, 0, False)]))  # other rows: built again
    assert view._arrow_index is None


def test_timeline_data_builds_no_state_of_a_task_without_milestones(store, seed_path) -> None:  # noqa: ANN001
    """Only the tasks with milestones have their states built, and the snapshot keeps
    none of the states the rows were read from (``status_tables.state_of``)."""
    seed_demo(store, seed_path)
    add_realistic(store)
    fresh = status_queries.compute_status(store.db)
    with_ms = {m.task_id for m in status_queries.compute_status(store.db).milestones.values()}
    assert 0 < len(with_ms) < len(fresh.tasks)  # some tasks have none
    built: list[str] = []
    make = fresh.tasks._make
    fresh.tasks._make = lambda task_id: built.append(task_id) or make(task_id)
    data = cv.timeline_data(store.db, fresh)
    assert set(built) == with_ms and len(built) == len(with_ms)
    assert not fresh.tasks._made and not fresh.milestones._made  # none kept
    expected = timeline_data_reference(store.db, status_queries.compute_status(store.db))
    assert data.tasks == expected.tasks and data.tasks
    assert data.arrows == expected.arrows and data.arrows
    assert data.row_of == expected.row_of and data.arrow_of == expected.arrow_of
    assert (data.first_day, data.last_day, data.span) == (
        expected.first_day, expected.last_day, expected.span,
    )  # fmt: skip


def test_the_overview_job_builds_the_arrow_index_the_view_uses(
    store,
    seed_path,
    qtbot,
    monkeypatch,  # noqa: ANN001
) -> None:
    """The arrows' index is built with the overview's rows (its background job), kept
    for a pass whose arrows join the same rows, and the view's paint builds none."""
    from desktop.models.status_cache import StatusCache
    from desktop.views.coordination import timeline as timeline_view

    seed_demo(store, seed_path)
    add_realistic(store)
    cache = StatusCache()
    for kept in (None, cache):
        data = cv.overview(store.db, missing=False, cache=kept)["timeline"]
        assert data.arrows and isinstance(data.index, ArrowIndex)
        fresh = ArrowIndex(data.arrows)
        for first in range(-2, len(data.tasks) + 2):
            for last in (first, first + 3, first + 40):
                assert data.index.touching(first, last) == fresh.touching(first, last)
    again = cv.overview(store.db, missing=False, cache=cache)["timeline"]
    assert again.arrows == data.arrows and again.index is data.index  # the same rows: kept

    def refused(_arrows: object) -> None:
        raise AssertionError("the view built an index the data carries")

    monkeypatch.setattr(timeline_view, "ArrowIndex", refused)
    view, _image = painted(qtbot, again, 0)
    assert view.painted_arrows and view._arrow_index is again.index
    # without one (an older job's data), the view still builds its own
    monkeypatch.undo()
    bare = TimelineData(tasks=again.tasks, arrows=list(again.arrows), today=again.today)
    bare.first_day, bare.last_day = again.first_day, again.last_day
    view, _image = painted(qtbot, bare, 0)
    assert view.painted_arrows and isinstance(view._arrow_index, ArrowIndex)
    assert view._arrow_index is not again.index
