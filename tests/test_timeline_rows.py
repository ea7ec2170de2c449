"""The timeline's rows kept as columns (``TimelineRows``): they read as the list of
``TimelineTask`` the eager build kept, row by row and after rows are replaced, and a row
is made only when read (building the rows, their arrows and span makes none; a paint
makes the rows in view)."""

from __future__ import annotations

import tracemalloc
from dataclasses import replace

import pytest

from desktop.models import coordination_views as cv
from desktop.models import dependencies, status_queries
from desktop.models.timeline_arrows import Arrows
from desktop.models.timeline_rows import TimelineRows, first_day
from desktop.views.coordination.timeline import TimelineView
from tests.helpers.gui_coordination_data import add_realistic, seed_demo
from tests.helpers.timeline_reference import timeline_data_reference


def demo_rows(store, seed_path):  # noqa: ANN001, ANN201
    seed_demo(store, seed_path)
    add_realistic(store)
    snap = status_queries.compute_status(store.db)
    return snap, cv.timeline_data(store.db, snap)


def test_rows_read_as_the_eager_list(store, seed_path) -> None:  # noqa: ANN001
    snap, data = demo_rows(store, seed_path)
    expected = timeline_data_reference(store.db, status_queries.compute_status(store.db))
    rows = data.tasks
    assert isinstance(rows, TimelineRows) and len(rows) == len(expected.tasks) > 5
    assert list(rows) == expected.tasks and rows == expected.tasks
    assert any(task.risk_text for task in rows) and any(not t.risk_text for t in rows)
    assert any(m.original_day is not None for task in rows for m in task.milestones)
    assert rows[-1] == expected.tasks[-1] and rows[1:4] == expected.tasks[1:4]
    assert [rows.start_of(n) for n in range(len(rows))] == [t.start for t in expected.tasks]
    assert [rows.finish_of(n) for n in range(len(rows))] == [t.finish for t in expected.tasks]
    assert list(rows.first_days()) == [first_day(t) for t in expected.tasks]
    assert [rows.first_day_of(n) for n in range(len(rows))] == list(rows.first_days())
    # the strings kept are the snapshot's and the titles' (one per id, title, status)
    first = rows[0]
    assert first.task_id is data.tasks[0].task_id
    assert first.milestones[0].id is rows[0].milestones[0].id


def test_the_arrows_equal_the_reference_at_every_kind_of_end(store, seed_path) -> None:  # noqa: ANN001
    """The arrows (and by dependency, and the rows' span) equal the reference's, whose
    days are every milestone's: ``timeline_data`` keeps those of the milestones an
    arrow ends at only, as predecessor or successor."""
    seed_demo(store, seed_path)
    add_realistic(store)
    marks = [r[0] for r in store.db.execute("SELECT id FROM milestone ORDER BY rowid")]
    items = [  # (of tasks with milestones: rows of the timeline)
        r[0]
        for r in store.db.execute(
            "SELECT id FROM item WHERE task_id IN (SELECT task_id FROM milestone) ORDER BY rowid"
        )
    ]
    tasks = [r[0] for r in store.db.execute("SELECT id FROM task ORDER BY rowid")]
    for pred, succ in ((("item", items[0]), ("milestone", marks[-1])),
                       (("milestone", marks[0]), ("item", items[-1])),
                       (("task", tasks[1]), ("milestone", marks[-2])),
                       (("milestone", marks[-3]), ("milestone", marks[1]))):  # fmt: skip
        dependencies.add_dependency(store, pred, succ, 2)
    snap = status_queries.compute_status(store.db)
    data = cv.timeline_data(store.db, snap)
    expected = timeline_data_reference(store.db, snap)
    kinds = {(dep[1], dep[3]) for dep in snap.inputs.dependencies if dep[0] in data.arrow_of}
    assert {("milestone", "milestone"), ("item", "milestone"), ("milestone", "item")} <= kinds
    assert data.arrows == expected.arrows and len(data.arrows) >= 6
    assert data.arrow_of == expected.arrow_of
    # kept as columns, each with its dependency's id (the snapshot's string)
    assert isinstance(data.arrows, Arrows) and list(data.arrow_of) == list(expected.arrow_of)
    ids = {dep[0]: dep[0] for dep in snap.inputs.dependencies}
    assert all(dep_id is ids[dep_id] for dep_id in data.arrows.ids)
    assert (data.span, data.first_day, data.last_day) == (
        expected.span,
        expected.first_day,
        expected.last_day,
    )


def test_replaced_rows_read_as_the_list_with_them_replaced(store, seed_path) -> None:  # noqa: ANN001
    _snap, data = demo_rows(store, seed_path)
    rows = data.tasks
    assert isinstance(rows, TimelineRows)
    eager = list(rows)
    moved = {1: replace(eager[1], start=eager[1].start - 40, milestones=[]),
             3: replace(eager[3], finish=eager[3].finish + 9, risk_text="")}  # fmt: skip
    after = rows.replaced(moved)
    expected = [moved.get(n, task) for n, task in enumerate(eager)]
    assert list(after) == expected and list(rows) == eager  # the first is unchanged
    assert [after.start_of(n) for n in range(len(after))] == [t.start for t in expected]
    assert list(after.finishes()) == [t.finish for t in expected]
    assert list(after.first_days()) == [first_day(t) for t in expected]
    assert [after.first_day_of(n) for n in range(len(after))] == list(after.first_days())
    again = after.replaced({1: eager[1]})
    assert list(again) == [eager[1] if n == 1 else t for n, t in enumerate(expected)]


def test_a_row_is_made_only_when_read(store, seed_path, qtbot, monkeypatch) -> None:  # noqa: ANN001
    made: list[int] = []
    make = TimelineRows._make

    def counted(self: TimelineRows, index: int):  # noqa: ANN202
        made.append(index)
        return make(self, index)

    monkeypatch.setattr(TimelineRows, "_make", counted)
    _snap, data = demo_rows(store, seed_path)
    result = cv.overview(store.db, missing=False)  # rows, arrows, span and arrows' index
    assert data.arrows and result["timeline"].arrows and made == []
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(1366, 160)
    view.set_data(result["timeline"])
    view.show()
    view.viewport().grab()
    shown = set(view.visible_rows())
    assert made and set(made) <= shown and len(shown) < len(result["timeline"].tasks)
    assert len(made) == len(set(made))  # each once: kept for the paint's other reads
    before = len(made)
    view.viewport().grab()  # the same rows again: none made again
    assert len(made) == before


def test_the_rows_keep_less_than_the_objects(store, seed_path) -> None:  # noqa: ANN001
    _snap, data = demo_rows(store, seed_path)
    parts = []  # the rows' parts, their strings held already (as by the snapshot)
    for task in data.tasks:
        no, title = task.label.split(" ", 1)
        parts.append((int(no), title, task))

    def kept(build) -> int:  # noqa: ANN001
        tracemalloc.start()
        try:
            rows = build()
            size = tracemalloc.get_traced_memory()[0]
            assert len(rows) == len(parts)
            return size
        finally:
            tracemalloc.stop()

    def columns() -> TimelineRows:
        out = TimelineRows()
        for no, title, task in parts:
            out.add(no, title, task)
        return out

    assert columns() == data.tasks
    parts *= 300  # a few thousand rows: what each row keeps, not the fixed sizes
    many = columns()
    # the objects as the eager build kept them: a row, its label and marks each
    assert kept(lambda: list(many)) > 3 * kept(columns)


def test_rows_made_are_kept_up_to_a_bound(store, seed_path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(TimelineRows, "KEPT", 4)
    _snap, data = demo_rows(store, seed_path)
    rows = data.tasks
    assert isinstance(rows, TimelineRows)
    eager = list(rows)
    assert 0 < len(rows._built) <= 4 < len(rows)
    assert rows[5] is rows[5] and list(rows) == eager and len(rows._built) <= 4


def test_coded_and_sparse_columns_read_as_lists() -> None:
    """The timeline's columns of few values (codes widened past 256 and 65,536 values)
    and of the rows at risk (texts found by row) read as the list and dict they keep."""
    from desktop.models.coded_column import CodedColumn
    from desktop.models.timeline_rows import _Sparse

    values = [f"单位{n % 70_000}" if n % 3 else "逾期" for n in range(140_100)]
    coded = CodedColumn()
    for value in values:
        coded.append(value)
    assert [coded[n] for n in range(len(values))] == values
    assert coded.codes.typecode == "I" and len(coded.values) == len(set(values))
    few = CodedColumn()
    for value in values[:600]:
        few.append(value)
    assert few.codes.typecode == "H" and [few[n] for n in range(600)] == values[:600]
    texts = {n: f"受阻：任务{n}" for n in range(0, 5000, 7)} | {4999: ""}
    sparse = _Sparse()
    for row, text in texts.items():
        sparse.add(row, text)
    assert all(sparse.get(row, "-") == texts.get(row, "-") for row in range(-1, 5002))
    with pytest.raises(ValueError):
        sparse.add(12, "早于前一行")
