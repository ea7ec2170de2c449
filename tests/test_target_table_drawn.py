"""The second step's targets as columns, each row put into its state's place as read
(issue 14: no fresh id or text kept, no dict of every task id), equal to
``coordination_views.target_overview`` (the plain path: a dict per target, sorted after)
on drawn databases: every state, ties of state in query order, targets of archived tasks
left out, ids of one width or of several (packed or a list), a target with values
changed since they were judged, the titles as ``TaskTitles``, a dict, or none."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models import coordination_views as cv
from desktop.models import progress
from desktop.models.coded_column import CodedColumn
from desktop.models.packed_strings import PackedStrings, fixed_width
from desktop.models.round_places import PlacedColumn
from desktop.models.store import Store
from desktop.views.coordination import rows as R
from tests.helpers.generated import store_copy

TODAY = date(2026, 3, 18)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("target_table_drawn") / "template.db"
    Store.open(path).close()
    return path


targets = st.lists(
    st.tuples(
        st.integers(0, 5),  # task
        st.sampled_from((">=", "<=", ">", "=", "?")),
        st.sampled_from((None, 0.0, 10.0, 50.0)),  # goal
        st.sampled_from((None, "", "下半年", -40, -1, 0, 30)),  # deadline (days from today)
        st.lists(
            st.tuples(st.integers(-60, 5), st.sampled_from((0.0, 9.0, 10.0, 60.0))), max_size=3
        ),  # fmt: skip
        st.sampled_from(("签约项目", "投资额", "")),  # metric
        st.sampled_from(("完成三项改革任务", "", "目标")),  # text
        st.booleans(),  # a long id (another width)
    ),
    max_size=14,
)


def _fill(store: Store, tasks: list[tuple[int, bool]], drawn: list) -> None:
    db = store.db
    with db.conn:
        db.execute("INSERT INTO plan (id, title, imported_at) VALUES ('p', '计划', '2026')")
        for n, (no, archived) in enumerate(tasks):
            db.execute(
                "INSERT INTO task (id, plan_id, no, title, archived) VALUES (?, 'p', ?, ?, ?)",
                [f"task-{n}", no, f"任务{n}", "2026-01-01" if archived else None],
            )
        for n, (task, comparator, goal, deadline, values, metric, text, long) in enumerate(drawn):
            target_id = f"target-{n:03d}" + ("-long" if long else "")
            if isinstance(deadline, int):
                deadline = (TODAY + timedelta(days=deadline)).isoformat()
            db.execute(
                "INSERT INTO target (id, task_id, position, text, metric, comparator, value,"
                " uom, deadline) VALUES (?, ?, ?, ?, ?, ?, ?, '个', ?)",
                [target_id, f"task-{task % len(tasks)}", n % 3, text, metric, comparator, goal,
                 deadline],
            )  # fmt: skip
            for k, (day, value) in enumerate(values):
                db.execute(
                    "INSERT INTO target_value (id, target_id, value, as_of) VALUES (?, ?, ?, ?)",
                    [f"{target_id}-v{k}", target_id, value,
                     (TODAY + timedelta(days=day)).isoformat()],
                )  # fmt: skip


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    tasks=st.lists(st.tuples(st.integers(1, 3), st.booleans()), min_size=1, max_size=6),
    drawn=targets,
    titled=st.sampled_from(("titles", "dict", "none")),
)
def test_target_table_equals_the_target_overview(
    template: Path, tasks: list[tuple[int, bool]], drawn: list, titled: str
) -> None:
    with store_copy(template) as store:
        _fill(store, tasks, drawn)
        db = store.db
        plain = cv.target_overview(db, TODAY)
        titles = cv.task_titles(db)
        given_titles = {"titles": titles, "dict": dict(titles), "none": ()}[titled]
        table = progress.target_table(db, TODAY, given_titles)
        assert len(table) == len(plain)
        for n, field in enumerate(progress.TargetTable.FIELDS):
            assert list(table.columns[n]) == [t[field] for t in plain], field
            if field in progress.TargetTable.CODED:
                assert isinstance(table.columns[n], CodedColumn)
        ids = [t["id"] for t in plain]
        for n, kind in ((0, type(fixed_width(ids))), (3, PackedStrings)):
            column = table.columns[n]  # (packed as read; a view in the table's order)
            if isinstance(column, PlacedColumn):
                assert not column._own and sorted(column._at) == list(range(len(plain)))
                assert list(column._at) != list(range(len(plain)))  # (not read in order)
                column = column._source
            assert type(column) is kind
        for state in (*progress.TARGET_ORDER, "no such state"):
            assert table.count(state) == sum(t["state"] == state for t in plain)
        if titled != "none":  # the task ids are the titles' own strings
            own = {task_id: task_id for task_id in titles}
            assert all(task_id is own[task_id] for task_id in table.columns[1])
        assert list(R.TargetRows.of_table(table, titles)) == list(R.TargetRows(plain, titles))


def test_tied_targets_come_in_id_order_each_with_its_own_values(template: Path) -> None:
    """Targets of one task at one position come by id in both reads (SQLite's order of
    ties was the rows' order of insertion); each target's values, read beside the
    targets in the same order, stay its own: one without values between two with them,
    and two values of one day taken in id order (the latest is the later id: 5, not
    the goal met by the other)."""
    with store_copy(template) as store:
        db = store.db
        with db.conn:
            db.execute("INSERT INTO plan (id, title, imported_at) VALUES ('p', '计划', '2026')")
            for n in (1, 2):
                db.execute("INSERT INTO task (id, plan_id, no, title) VALUES (?, 'p', ?, ?)",
                           [f"task-{n}", n, f"任务{n}"])  # fmt: skip
            # inserted from the last id to the first, all at position 0 of task-1
            for target_id, task_id, goal in (
                ("t-c", "task-1", 10.0),
                ("t-b", "task-1", 10.0),
                ("t-a", "task-1", 10.0),
                ("t-d", "task-2", None),
            ):
                db.execute(
                    "INSERT INTO target (id, task_id, position, comparator, value)"
                    " VALUES (?, ?, 0, '>=', ?)",
                    [target_id, task_id, goal],
                )  # fmt: skip
            day = TODAY.isoformat()
            for value_id, target_id, value in (
                ("v-2", "t-a", 5.0),
                ("v-1", "t-a", 20.0),
                ("v-3", "t-c", 1.0),
                ("v-4", "t-d", 7.0),
            ):
                db.execute(
                    "INSERT INTO target_value (id, target_id, value, as_of) VALUES (?, ?, ?, ?)",
                    [value_id, target_id, value, day],
                )  # fmt: skip
        plain = cv.target_overview(db, TODAY)
        table = progress.target_table(db, TODAY, cv.task_titles(db))
        fields = progress.TargetTable.FIELDS
        got = [dict(zip(fields, row, strict=True)) for row in zip(*table.columns, strict=True)]
        assert [(t["id"], t["state"], t["latest"]) for t in got] == [
            ("t-a", "open", 5.0),
            ("t-c", "open", 1.0),
            ("t-d", "open", 7.0),
            ("t-b", "no_value", None),
        ]
        assert [t["id"] for t in plain] == [t["id"] for t in got]
